"""A live JupyterLab for browser tests: a local server, a chapter opened and run, its widgets driven.

`JupyterLab` starts `jupyter lab` on 127.0.0.1 at a free port with a random token, in a scratch
folder holding copies of the book's chapter notebooks (so autosave never touches the book), with
its settings, workspaces and runtime files in that folder too; leaving the `with` block ends the
server and its kernels. `Chapter` opens one notebook in a Chromium page, runs every cell through
JupyterLab's own "run all" command, and reads and moves the widgets the way a reader does: keys on
a slider's handle, the figure read back from the image the browser holds. Used by
tests/test_live_kernel.py and bench/browser_latency.py.
"""

import base64
import io
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted(path.stem for path in (ROOT / "book").glob("ch*.ipynb"))
WIDGET_TAG = "nbval-ignore-output"  # the book's widget cells: one call of an explorer with its defaults
SLIDERS = ("FloatSlider", "IntSlider")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class JupyterLab:
    """A JupyterLab server on loopback, started on entering and ended (with its kernels) on leaving."""

    def __init__(self, scratch, startup_timeout=60):
        self.scratch = Path(scratch)
        self.token = secrets.token_hex(16)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.startup_timeout = startup_timeout
        self.process = None

    def __enter__(self):
        notebooks = self.scratch / "notebooks"
        notebooks.mkdir(parents=True, exist_ok=True)
        for chapter in CHAPTERS:
            shutil.copy(ROOT / "book" / f"{chapter}.ipynb", notebooks)
        env = dict(os.environ, PYTHONPATH=str(ROOT), MPLBACKEND="agg")
        for variable, folder in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                                 ("JUPYTERLAB_SETTINGS_DIR", "settings"), ("JUPYTERLAB_WORKSPACES_DIR", "workspaces")):
            env[variable] = str(self.scratch / folder)
        env.pop("PRODUCTIVE_FORCES_LANGUAGE", None)  # the English edition, as the expected figures are drawn
        self.log = open(self.scratch / "server.log", "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
             f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
             f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={notebooks}",
             "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None", "--LabApp.extension_manager=readonly",
             "--ServerApp.terminals_enabled=False", "--ServerApp.allow_root=True",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
            cwd=notebooks, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            self._wait_until_up()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _wait_until_up(self):
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with {self.process.returncode}: {self.server_log()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status?token={self.token}", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"jupyter lab did not answer within {self.startup_timeout} s: {self.server_log()[-2000:]}")

    def server_log(self):
        return (self.scratch / "server.log").read_text(encoding="utf-8", errors="replace")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # the server's own group: it and its kernels
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()

    def new_context(self, browser, viewport=None):
        """A browser context in which every request to a host other than this server is aborted."""
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, device_scale_factor=1)
        context.blocked = []

        def route(route):
            url = route.request.url
            if url.startswith(self.url + "/") or url.startswith(("data:", "blob:", "ws://127.0.0.1")):
                route.continue_()
            else:
                context.blocked.append(url)
                route.abort("blockedbyclient")

        context.route("**/*", route)
        return context


def widget_cells(chapter):
    """The chapter's widget cells, in order, and the source that imports their classes."""
    notebook = nbformat.read(ROOT / "book" / f"{chapter}.ipynb", as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    return [cell.source for cell in code if WIDGET_TAG in cell.metadata.get("tags", [])], code[0].source


def build_widget(chapter, index=0):
    """The chapter's index-th widget built in this process, as its cell builds it in the kernel."""
    sources, imports = widget_cells(chapter)
    namespace = {}
    exec(imports, namespace)  # the chapter's first cell: its imports
    return eval(sources[index], namespace)


def full_redraw(widget):
    """The PNG pixels of the whole figure drawn afresh in the widget's current state (RGB array)."""
    from productive_forces.widgets.base import encode_png

    widget.update()
    widget.canvas.draw()
    for layer in widget.layers:
        for artist in layer.artists:
            widget.figure.draw_artist(artist)
    return decode(encode_png(widget.canvas))


def decode(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def first_slider(widget):
    """(position among the widget's controls, name, control) of its first plain slider."""
    for position, (name, control) in enumerate(widget.controls.items()):
        if type(control).__name__ in SLIDERS:
            return position, name, control
    raise LookupError(f"{type(widget).__name__} has no plain slider")


class Chapter:
    """One chapter notebook open in JupyterLab in a Chromium page, its kernel started."""

    def __init__(self, lab, context, chapter, timeout_ms=120_000):
        self.lab, self.chapter = lab, chapter
        self.page = context.new_page()
        self.page.set_default_timeout(timeout_ms)
        self.page.goto(f"{lab.url}/lab/workspaces/{chapter}/tree/{chapter}.ipynb?reset&token={lab.token}")
        self.page.wait_for_function(
            "() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
            " return !!(w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel"
            " && w.context.path.endsWith('.ipynb')); }"
        )
        self.page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.ready")

    def run_all(self):
        """Run every cell with JupyterLab's "run all" command; return once the last has finished."""
        done = self.page.evaluate(
            "async () => { const app = window.jupyterapp;"
            " const ok = await app.commands.execute('notebook:run-all-cells');"
            " await new Promise(resolve => setTimeout(resolve, 50));"
            " return ok; }"
        )
        self.page.wait_for_function(
            "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'"
        )
        return done

    def errors(self):
        """The error outputs the run left in the page."""
        return self.page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()

    def view(self, index=0):
        """The index-th widget view of the page (a VBox holding controls, figure, readout and caption)."""
        views = self.page.locator(".jp-OutputArea-output > .widget-vbox").filter(has=self.page.locator("img.widget-image"))
        return views.nth(index)

    def image_png(self, index=0):
        """(the PNG bytes the figure's <img> shows, its address), once the image has loaded."""
        image = self.view(index).locator("img.widget-image")
        image.evaluate("img => img.decode()")
        source, data = image.evaluate(
            "async img => { const bytes = new Uint8Array(await (await fetch(img.src)).arrayBuffer());"
            " let text = ''; for (const b of bytes) text += String.fromCharCode(b);"
            " return [img.src, btoa(text)]; }"
        )
        return base64.b64decode(data), source

    def control(self, view_index, position):
        return self.view(view_index).locator(":scope > .widget-box > *").nth(position)

    def press(self, view_index, position, key, times=1):
        """Focus a slider's handle and press a key on it, as a reader using the keyboard does."""
        handle = self.control(view_index, position).locator(".noUi-handle")
        handle.focus()
        for _ in range(times):
            handle.press(key)

    def readout(self, view_index, position):
        return self.control(view_index, position).locator(".widget-readout").inner_text().strip()

    def close(self):
        self.page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
        self.page.close()
