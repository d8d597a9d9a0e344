"""When JupyterLite can't download Python, it tells the reader why and what to do instead.

JupyterLite's kernel downloads Pyodide (Python for the browser) from `pyodide_url`; where a
school network blocks that host, JupyterLite would show "Unknown" for ever. After the JupyterLite
build, every JupyterLite interface page of the edition gets a small script that asks that address
for Pyodide itself, as the kernel will; if the request fails, or has no answer within 15 s, a
notice in the edition's language says what failed, that a school network may block that host,
and what to do instead: open the notebook on Binder or the school's JupyterHub, or ask the
site's host to serve Pyodide from the site (README.md, "Hosting Python for the browser yourself").
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from .jupyterlite import DEFAULT_PYODIDE_URL
from .launch import launch_settings
from .messages import _

SCRIPT = "course-python-check.js"
#: Seconds without an answer from the Pyodide host before the notice shows.
PATIENCE_SECONDS = 15
README_SECTION = "#hosting-python-for-the-browser-yourself"
CHECK = """\
// Written by site/course_site/lite_message.py: if Python (Pyodide) can't be downloaded, say so.
(function () {
  "use strict";
  var settings = %(settings)s;
  var shown = false;
  function link(href, text) {
    var anchor = document.createElement("a");
    anchor.href = href;
    anchor.textContent = text;
    anchor.target = "_blank";
    anchor.rel = "noopener";
    return anchor;
  }
  function show() {
    if (shown) { return; }
    shown = true;
    var words = settings.words;
    var path = new URLSearchParams(location.search).get("path") || "";
    var box = document.createElement("div");
    box.className = "course-python-unavailable";
    box.setAttribute("role", "alert");
    box.lang = settings.lang;
    box.style.cssText = "position:fixed;z-index:10000;top:8px;left:50%%;transform:translateX(-50%%);" +
      "max-width:min(44em,calc(100vw - 16px));box-sizing:border-box;padding:12px 16px;" +
      "background:#fff4e5;color:#1f1f1f;border:2px solid #b45309;border-radius:6px;" +
      "font:14px/1.45 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.25)";
    var title = document.createElement("strong");
    title.textContent = words.title;
    var what = document.createElement("p");
    what.textContent = words.what;
    var list = document.createElement("ul");
    var binder = settings.binder && path ? settings.binder.replace("{path}", path) : settings.binder_home;
    [[binder, words.binder], [settings.hub && path ? settings.hub.replace("{path}", encodeURIComponent(path)) : "", words.hub],
     [settings.readme, words.host]].forEach(function (choice) {
      if (!choice[0]) { return; }
      var item = document.createElement("li");
      item.appendChild(link(choice[0], choice[1]));
      list.appendChild(item);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = words.close;
    close.style.cssText = "margin-top:4px;font:inherit";
    close.addEventListener("click", function () { box.remove(); });
    box.append(title, what, document.createTextNode(words.instead), list, close);
    document.body.appendChild(box);
  }
  var timer = setTimeout(show, settings.patience * 1000);
  // A relative address is relative to the JupyterLite root, one folder up from this interface.
  fetch(new URL(settings.pyodide, new URL("../", location.href)).href, { method: "HEAD", mode: "no-cors", cache: "no-store" })
    .then(function () { clearTimeout(timer); }, function () { clearTimeout(timer); show(); });
})();
"""


def notice_settings(app):
    """What the script needs: the Pyodide address, the alternatives' links and the words."""
    s = launch_settings(app)
    pyodide = json.loads((Path(app.outdir) / "lite" / "jupyter-lite.json").read_text(encoding="utf-8"))[
        "jupyter-config-data"]["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"].get("pyodideUrl")
    host = urlsplit(pyodide or DEFAULT_PYODIDE_URL).netloc or str(_("this site"))
    binder = hub = binder_home = ""
    if s["binderhub"]:
        binder_home = f"{s['binderhub']}/v2/gh/{s['org']}/{s['repo']}/{s['branch']}"
        binder = f"{binder_home}?urlpath={s['ui']}/{{path}}"
    if s["jupyterhub"]:
        hub = (f"{s['jupyterhub']}/hub/user-redirect/git-pull?repo={s['repo_url']}&branch={s['branch']}"
               f"&urlpath={s['ui']}/{s['repo']}/{{path}}")
    return {
        "pyodide": pyodide or DEFAULT_PYODIDE_URL,
        "patience": PATIENCE_SECONDS,
        "lang": "zh-CN" if (app.config.language or "en").startswith("zh") else "en",
        "binder": binder, "binder_home": binder_home, "hub": hub,
        "readme": f"{s['repo_url']}{README_SECTION}",
        "words": {
            "title": str(_("Python could not be loaded")),
            "what": str(_("The notebook runs Python inside your browser, and your browser could not download it "
                          "(Pyodide) from {host}. A school or workplace network may block that address, so the "
                          "code cells cannot run here.")).format(host=host),
            "instead": str(_("What you can do instead:")),
            "binder": str(_("Open this notebook on Binder, which runs Python on a server")),
            "hub": str(_("Open it on your school's JupyterHub")),
            "host": str(_("Ask whoever runs this website to serve Python from the site itself (see its README)")),
            "close": str(_("Close")),
        },
    }


def add_python_check(app, exception):
    """Write the script into the edition's JupyterLite build and load it from every interface page."""
    if exception is not None or app.builder.format != "html":
        return
    lite = Path(app.outdir) / "lite"
    if not (lite / "jupyter-lite.json").exists():
        return
    settings = json.dumps(notice_settings(app), ensure_ascii=False, indent=2)
    (lite / SCRIPT).write_text(CHECK % {"settings": settings}, encoding="utf-8")
    for index in lite.glob("*/index.html"):
        html = index.read_text(encoding="utf-8")
        if SCRIPT in html or "</body>" not in html:
            continue
        tag = f'<script src="../{SCRIPT}"></script>'
        index.write_text(re.sub(r"</body>", tag + "</body>", html, count=1), encoding="utf-8")
