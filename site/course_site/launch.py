"""Launch links: every notebook page and the student guide offer every way to open a notebook.

Each notebook page's launch menu gets a "live in your browser" entry (JupyterLite, served by this
site) first, then Binder, the school's JupyterHub and Colab; the `{course-launch-table}` directive
lists every chapter and exercise with all those ways. Every link comes from `repository.url`,
`repository.branch` and `launch_buttons` in `_config.yml`, and a service whose address is empty
there (the JupyterHub, until a school sets its own) is left out, as the theme leaves out its button.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlencode

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from .jupyterlite import lite_app_path, lite_notebook
from .messages import _

def configure_launch(app, config):
    """Launch settings the theme and the pages read: the lite app, the repository's address."""
    theme = config.html_theme_options
    theme.setdefault("launch_buttons", {})["jupyterlite_url"] = lite_app_path()
    repo_url = theme.get("repository_url", "").rstrip("/")
    config.myst_substitutions = {
        **config.myst_substitutions,
        "repository_url": repo_url,
        "clone_command": f"`git clone {repo_url}.git`",
        "colab_install": f"`!pip install \"git+{repo_url}.git\"`",
    }


def launch_settings(app):
    """Repository, branch and launch services, all from _config.yml."""
    theme = app.config.html_theme_options
    repo_url = theme.get("repository_url", "").rstrip("/")
    org, repo = repo_url.split("github.com/")[-1].split("/")[:2]
    buttons = theme.get("launch_buttons", {})
    return {
        "repo_url": repo_url, "org": org, "repo": repo,
        "branch": theme.get("repository_branch") or "main",
        "binderhub": (buttons.get("binderhub_url") or "").rstrip("/"),
        "jupyterhub": (buttons.get("jupyterhub_url") or "").rstrip("/"),
        "colab": (buttons.get("colab_url") or "").rstrip("/"),
        "ui": "lab/tree" if buttons.get("notebook_interface") == "jupyterlab" else "tree",
    }


def launch_links(app, path, lite_url):
    """Every way to open the notebook at `path` (relative to the repository root)."""
    s = launch_settings(app)
    links = {"browser": f"{lite_url}?path={quote(path)}"}
    if s["binderhub"]:
        links["binder"] = f"{s['binderhub']}/v2/gh/{s['org']}/{s['repo']}/{s['branch']}?urlpath={s['ui']}/{path}"
    if s["jupyterhub"]:
        query = urlencode({"repo": s["repo_url"], "urlpath": f"{s['ui']}/{s['repo']}/{path}", "branch": s["branch"]}, safe="/")
        links["jupyterhub"] = f"{s['jupyterhub']}/hub/user-redirect/git-pull?{query}"
    if s["colab"]:
        links["colab"] = f"{s['colab']}/github/{s['org']}/{s['repo']}/blob/{s['branch']}/{path}"
    return links


def point_lite_launch_at_this_page(app, pagename, templatename, context, doctree):
    """The theme writes the lite URL as given: make it relative to this page, at any depth."""
    buttons = app.config.html_theme_options.get("launch_buttons", {})
    buttons["jupyterlite_url"] = context["pathto"](lite_app_path(), 1)


def name_lite_launch_button(app, pagename, templatename, context, doctree):
    """Name the theme's JupyterLite button for readers, and put it first: it needs no server."""
    for group in context.get("header_buttons", []):
        if not isinstance(group, dict) or group.get("label") != "launch-buttons":
            continue
        buttons = group["buttons"]
        in_browser = str(_("In your browser"))
        for button in buttons:
            if button.get("text") == "JupyterLite":
                button["text"] = in_browser
                button["tooltip"] = str(_("Run this page live in your browser with JupyterLite: nothing to install"))
        buttons.sort(key=lambda button: button.get("text") != in_browser)


class LaunchTable(SphinxDirective):
    """A table of every chapter and exercise notebook with the links that open it.

    Options: ``:folders:`` (space-separated, default ``course_notebook_folders``).
    """

    option_spec = {"folders": directives.unchanged}
    COLUMNS = (
        ("browser", _("In your browser")), ("binder", "Binder"), ("jupyterhub", "JupyterHub"),
        ("colab", "Colab"), ("download", _("File")),
    )

    def run(self):
        folders = (self.options.get("folders") or " ".join(self.config.course_notebook_folders)).split()
        srcdir = Path(self.env.srcdir)
        depth = self.env.docname.count("/")
        lite_url = "../" * depth + lite_app_path()
        settings = launch_settings(self.env.app)
        columns = [(key, title) for key, title in self.COLUMNS if key != "jupyterhub" or settings["jupyterhub"]]
        rows = []
        for folder in folders:
            for notebook in sorted((srcdir / folder).glob("*.ipynb")):
                rows.append((folder, notebook))
        table = nodes.table(classes=["course-launch-table"])
        group = nodes.tgroup(cols=len(columns) + 1)
        table += group
        for _column in range(len(columns) + 1):
            group += nodes.colspec(colwidth=1)
        head = nodes.thead()
        group += head
        head += self._row([nodes.Text(str(_("Notebook")))] + [nodes.Text(str(title)) for _key, title in columns])
        body = nodes.tbody()
        group += body
        for folder, notebook in rows:
            relative = f"{folder}/{notebook.name}"
            links = launch_links(self.env.app, relative, lite_url)
            title = notebook_title(lite_notebook(notebook, "", self.config.language, srcdir), notebook.stem)
            label = [nodes.strong(text=title), nodes.inline(text=relative, classes=["course-launch-path"])]
            cells = [label]
            for key, title in columns:
                if key == "download":
                    reference = addnodes.download_reference(
                        "", "", nodes.Text(".ipynb"), reftarget=f"/{relative}", refdoc=self.env.docname,
                        refexplicit=True, refdomain="", reftype="download",
                    )
                    cells.append(reference)
                elif key in links:
                    cells.append(nodes.reference("", str(_("open")), refuri=links[key], classes=[f"launch-{key}"]))
                else:
                    cells.append(nodes.Text("—"))
            body += self._row(cells)
        return [table]

    @staticmethod
    def _row(contents):
        row = nodes.row()
        for content in contents:
            entry = nodes.entry()
            for part in content if isinstance(content, list) else [content]:
                paragraph = nodes.paragraph()
                paragraph += part
                entry += paragraph
            row += entry
        return row


def notebook_title(notebook, fallback):
    """The notebook's first Markdown heading, or the fallback."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback
