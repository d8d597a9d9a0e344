"""Sphinx extension for the course website, loaded through `sphinx: local_extensions` in `_config.yml`.

It promises a site that a class can read behind a firewall and on phones, one job per module:

- `assets`: every page loads its assets from the site's own host, light, with its text first;
- `jupyterlite`: the site carries JupyterLite, with the course package and copies of the notebooks
  whose MyST roles are written out (`lite_markup`), and which says when Python can't load (`lite_message`);
- `launch`: every notebook page and the student guide offer every way to open a notebook;
- `execution`: a change to the course package re-executes the notebooks;
- `theme`: the theme's navigation works on phones;
- `accessibility`: every page passes axe-core (markup corrections, named slider handles);
- `search`: search snippets show maths as typeset, not as TeX;
- `quiz`: the `quiz` directive, self-check questions that answer on the page with no kernel;
- `checks`: a remote asset or a broken JupyterLite build fails the strict build;
- `paths`: where builds and shared files live.

`site/build_book.py` and `site/course_editions.py` import `prepare_static_files`,
`prepare_wheels`, `static_folder` and `build_dir` from here.
"""

from __future__ import annotations

from .accessibility import correct_markup, load_math_tab_stops, load_slider_names
from .assets import (
    configure_assets, load_only_what_the_page_needs, prepare_static_files, replace_fontawesome_script,
    rewrite_pages_when_static_files_change, start_maths_typesetter,
)
from .checks import check_jupyterlite_output, warn_about_remote_assets
from .execution import forget_outputs_when_the_package_changes, reread_notebooks_when_the_package_changed
from .jupyterlite import (
    DEFAULT_PYODIDE_URL, build_jupyterlite_only_when_changed, configure_jupyterlite, prepare_jupyterlite,
    prepare_wheels,
)
from .lite_message import add_python_check
from .launch import LaunchTable, configure_launch, name_lite_launch_button, point_lite_launch_at_this_page
from .messages import register_messages
from .paths import build_dir, static_folder
from .search import load_snippet_cleaner
from .theme import configure_theme, patch_sidebar_toggles, translate_site_title

__all__ = ["build_dir", "prepare_static_files", "prepare_wheels", "setup", "static_folder"]


def setup(app):
    register_messages(app)
    app.add_config_value("pyodide_url", DEFAULT_PYODIDE_URL, "html", types=[str])
    app.add_config_value("course_notebook_folders", ["book", "exercises"], "html")
    # before jupyterlite-sphinx reads its settings
    for configure in (configure_assets, configure_jupyterlite, configure_launch, configure_theme):
        app.connect("config-inited", configure, priority=400)
    app.connect("config-inited", load_slider_names, priority=401)  # after configure_assets
    app.connect("config-inited", forget_outputs_when_the_package_changes)
    app.connect("env-get-outdated", reread_notebooks_when_the_package_changed)
    app.connect("builder-inited", patch_sidebar_toggles)
    app.connect("builder-inited", translate_site_title)
    app.connect("builder-inited", load_math_tab_stops)
    app.connect("builder-inited", start_maths_typesetter, priority=600)  # after sphinxcontrib-katex's setup
    app.connect("builder-inited", prepare_jupyterlite)
    app.connect("builder-inited", build_jupyterlite_only_when_changed)
    app.connect("env-get-outdated", rewrite_pages_when_static_files_change)
    app.connect("html-page-context", point_lite_launch_at_this_page, priority=400)  # before the theme's buttons
    app.connect("html-page-context", name_lite_launch_button, priority=600)  # after them
    app.connect("html-page-context", correct_markup)
    app.connect("html-page-context", load_snippet_cleaner)
    app.connect("html-page-context", load_only_what_the_page_needs, priority=900)
    app.connect("html-page-context", warn_about_remote_assets, priority=901)
    app.connect("build-finished", check_jupyterlite_output, priority=900)  # after `jupyter lite build`
    app.connect("build-finished", add_python_check, priority=910)
    app.connect("build-finished", replace_fontawesome_script)
    app.add_directive("course-launch-table", LaunchTable)
    app.setup_extension(f"{__name__}.quiz")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
