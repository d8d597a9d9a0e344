"""Binder's environment, rebuilt here as closely as this machine allows, runs every notebook.

Binder (repo2docker) builds the repository from `runtime.txt` and `requirements.txt` alone, into an
environment where JupyterLab also runs. Docker is not available here, so the test does the nearest
thing: a new virtual environment with `pip install -r requirements.txt` and nothing else, then every
chapter, exercise and solution executed by a kernel running in it. Exercises still hold their
stubs, so their checks print "not answered" verdicts: they must run without an error all the same.

The fresh environment gets no notebook runner of its own: nbclient, from the test environment,
drives a kernel started with the fresh environment's Python (`python -m ipykernel_launcher`;
ipykernel is in requirements.txt, as Binder's JupyterLab needs it too). So nothing beyond
requirements.txt is installed in it, and a package missing from requirements.txt fails here.

Slow (a minute or two to install): marked `slow`, and part of `make test` all the same.
"""

import json
import subprocess
import sys
import venv
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from tests.notebooks import ROOT

pytestmark = pytest.mark.slow

NOTEBOOKS = [path.relative_to(ROOT).as_posix() for folder in ("book", "exercises", "solutions")
             for path in sorted((ROOT / folder).glob("*.ipynb"))]


@pytest.fixture(scope="module")
def binder_env(tmp_path_factory):
    """A virtual environment made from requirements.txt alone, and a kernel spec that runs in it."""
    home = tmp_path_factory.mktemp("binder")
    env = home / "env"
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    # From the repository root, as repo2docker does: requirements.txt installs the course itself (".").
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", "requirements.txt"],
        cwd=ROOT, check=True,
    )
    kernels = home / "kernels" / "binder-env"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Binder environment", "language": "python",
    }))
    return env, KernelSpecManager(kernel_dirs=[str(home / "kernels")])


def run(notebook, specs, cwd):
    """Execute the notebook in the Binder environment; return the notebook and any error outputs."""
    manager = KernelManager(kernel_name="binder-env", kernel_spec_manager=specs)
    client = NotebookClient(notebook, km=manager, timeout=300, allow_errors=True, resources={"metadata": {"path": str(cwd)}})
    client.execute()
    errors = [
        f"cell {cell.get('id')}: {output.ename}: {output.evalue}"
        for cell in notebook.cells if cell.cell_type == "code"
        for output in cell.outputs if output.output_type == "error"
    ]
    return notebook, errors


def test_runtime_matches_the_python_used_here():
    runtime = (ROOT / "runtime.txt").read_text(encoding="utf-8").strip()
    assert runtime.startswith("python-"), "runtime.txt names a Python version for Binder"
    wanted = runtime.removeprefix("python-")
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    if here != wanted:
        pytest.skip(f"runtime.txt asks for Python {wanted}; this machine runs {here}")


def test_requirements_alone_give_the_course_and_jupyterlab_widgets(binder_env):
    env, specs = binder_env
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import sys, productive_forces, ipywidgets\nprint(sys.prefix)\nprint(productive_forces.__file__)\nprint(ipywidgets.__version__)"
    )])
    notebook, errors = run(notebook, specs, Path(env))
    assert not errors, errors
    prefix, package, ipywidgets = notebook.cells[0].outputs[0].text.split()
    assert Path(prefix).resolve() == env.resolve(), "the kernel runs in the fresh environment"
    assert Path(package).resolve().is_relative_to(env.resolve()), "the course is installed, not read from the checkout"
    assert ipywidgets.startswith("8.")
    # JupyterLab on Binder shows widgets through this extension, which ipywidgets 8 installs.
    manager = env / "share" / "jupyter" / "labextensions" / "@jupyter-widgets" / "jupyterlab-manager" / "package.json"
    assert manager.exists(), "jupyterlab_widgets' JupyterLab extension is missing"


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_every_notebook_runs_in_the_binder_environment(binder_env, path):
    _, specs = binder_env
    notebook = nbformat.read(ROOT / path, as_version=4)
    # Started in the notebook's own folder, as JupyterLab starts a kernel, so the checkout's
    # productive_forces/ folder is not on the path and the installed package is the one used.
    _, errors = run(notebook, specs, (ROOT / path).parent)
    assert not errors, f"{path} failed in the Binder environment: {errors}"
