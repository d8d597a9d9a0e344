"""Self-check quizzes on the page that need no kernel and no other host: the `quiz` directive.

In a page or a notebook's Markdown cell::

    ```{quiz}
    :answer: 2

    Which of these does total factor productivity measure?

    1. Capital per worker
    2. The output that inputs alone do not explain

    Growth accounting subtracts what capital and labour explain; what is left is TFP.
    ```

The paragraphs before the numbered list are the question, the list (2 to 5 items of one
paragraph each) holds the options, the paragraphs after it are the explanation, and `:answer:`
numbers the right option. Each part stays an ordinary paragraph until the page is written, so
Sphinx's gettext translates it from the page's catalogue like any other text.

The HTML is plain: a `div.quiz` (a group named by its question) with the question, the options
as `<button type="button" aria-pressed="false">` in an ordered list, and a `role="status"` area
holding the hidden explanation. The right option's number and the verdicts ("Right." and
"Not quite.", in the edition's language, from the course_site catalogue) ride in data attributes,
never in the text. `site/static/theme/quiz.js`, loaded deferred on pages with a quiz only, marks
the chosen option, writes the verdict into the status area and shows the explanation; after a
wrong choice the reader may choose again. A malformed quiz fails the build with its file and line.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from .messages import _

QUIZ_SCRIPT = "theme/quiz.js"
OPTIONS = range(2, 6)


class quiz(nodes.General, nodes.Element):
    """One question; its `answer` attribute numbers the right option."""


class quiz_question(nodes.General, nodes.Element):
    pass


class quiz_options(nodes.General, nodes.Element):
    pass


class quiz_option(nodes.General, nodes.Element):
    pass


class quiz_explanation(nodes.General, nodes.Element):
    pass


class Quiz(SphinxDirective):
    """Question paragraphs, a numbered list of options, explanation paragraphs; `:answer:` N."""

    has_content = True
    option_spec = {"answer": directives.positive_int}

    def error(self, message):
        """A build error at the quiz: a notebook's also names the cell (myst-nb numbers lines cell × 10000 + line)."""
        source, line = self.get_source_info()
        if str(source).endswith(".ipynb") and line and line > 10000:
            message += f" (in the notebook's cell {line // 10000}, counting from 1, line {line % 10000 - 1})"
        return super().error(message)

    def run(self):
        parsed = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, parsed)
        parts = list(parsed.children)
        lists = [i for i, part in enumerate(parts) if isinstance(part, (nodes.enumerated_list, nodes.bullet_list))]
        if len(lists) != 1 or not isinstance(parts[lists[0]], nodes.enumerated_list):
            raise self.error(
                "quiz: write the question, then the options as one numbered list (1. … 2. …), "
                f"then the explanation; found {len(lists)} lists"
                + (" (a bulleted list is not numbered)" if any(isinstance(parts[i], nodes.bullet_list) for i in lists) else "")
            )
        question, items, explanation = parts[: lists[0]], parts[lists[0]].children, parts[lists[0] + 1:]
        if not question or not explanation:
            raise self.error("quiz: it needs a question before its numbered list of options and an explanation after it")
        if len(items) not in OPTIONS:
            raise self.error(f"quiz: it has {len(items)} options; give {OPTIONS[0]} to {OPTIONS[-1]}")
        for number, item in enumerate(items, 1):
            if len(item.children) != 1 or not isinstance(item.children[0], nodes.paragraph):
                raise self.error(f"quiz: option {number} must be one paragraph of text")
        answer = self.options.get("answer")
        if answer is None or answer > len(items):
            given = "is missing" if answer is None else f"is {answer}"
            raise self.error(
                f"quiz: :answer: {given}; it must number the right option, from 1 to {len(items)} (this quiz has {len(items)} options)"
            )
        node = quiz(answer=answer, ids=[f"quiz-{self.env.new_serialno('quiz') + 1}"])
        self.set_source_info(node)
        node += quiz_question("", *question)
        node += quiz_options("", *[quiz_option("", *item.children) for item in items])
        node += quiz_explanation("", *explanation)
        return [node]


class OptionsAsText(SphinxPostTransform):
    """An option's paragraph (translated by now) becomes the button's text: a button holds no <p>."""

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs):
        for option in self.document.findall(quiz_option):
            for paragraph in list(option.findall(nodes.paragraph)):
                paragraph.replace_self(paragraph.children)


def visit_quiz(self, node):
    attributes = {
        "role": "group", "aria-labelledby": node["ids"][0] + "-question", "data-answer": node["answer"],
        "data-right": _("Right."), "data-wrong": _("Not quite."),
    }
    self.body.append(self.starttag(node, "div", CLASS="quiz", **attributes))


def visit_question(self, node):
    self.body.append(f'<div class="quiz-question" id="{node.parent["ids"][0]}-question">')


def visit_options(self, node):
    self.body.append('<ol class="quiz-options">')


def visit_option(self, node):
    self.body.append('<li><button type="button" class="quiz-option" aria-pressed="false">')


def depart_option(self, node):
    self.body.append("</button></li>\n")


def visit_explanation(self, node):
    self.body.append(
        '<div class="quiz-feedback" role="status" aria-live="polite" aria-atomic="true">'
        '<p class="quiz-verdict"></p><div class="quiz-explanation" hidden>'
    )


def closing(tags):
    def depart(self, node):
        self.body.append(tags + "\n")
    return depart


def load_quiz_script(app, pagename, templatename, context, doctree):
    if doctree is not None and next(doctree.findall(quiz), None) is not None:
        app.add_js_file(QUIZ_SCRIPT, loading_method="defer")


def setup(app):
    app.add_node(quiz, html=(visit_quiz, closing("</div>")))
    app.add_node(quiz_question, html=(visit_question, closing("</div>")))
    app.add_node(quiz_options, html=(visit_options, closing("</ol>")))
    app.add_node(quiz_option, html=(visit_option, depart_option))
    app.add_node(quiz_explanation, html=(visit_explanation, closing("</div></div>")))
    app.add_directive("quiz", Quiz)
    app.add_post_transform(OptionsAsText)
    app.connect("html-page-context", load_quiz_script)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
