"""Search results read as the pages do: a snippet shows a formula once, as typeset, never as TeX.

The search page loads `site/static/theme/search-snippets.js`, which drops KaTeX's MathML copy
(holding the TeX source) from a found page before Sphinx's search takes the snippet's text.
"""

SEARCH_SNIPPETS = "theme/search-snippets.js"


def load_snippet_cleaner(app, pagename, templatename, context, doctree):
    if pagename == "search":
        app.add_js_file(SEARCH_SNIPPETS, loading_method="defer")
