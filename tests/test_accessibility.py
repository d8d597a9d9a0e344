"""Every page of both editions passes axe-core with no critical and no serious violation, light and dark, the chapters at phone width too.

axe-core comes from the npm registry into node_modules (package.json), like the widget renderer;
the test injects it into each page of the table of contents, search.html (empty and with the
results of a search) and genindex.html, served from localhost with every other host blocked, once the widgets have rendered, and runs
every rule axe has. A failure names the rule, its impact and the first offending elements.
Each page is read in light and in dark mode: opened with the reader's system set to light, then
switched to dark, as a phone set to dark at dusk does (the theme's mode is "auto", so it follows
the system; the quiz marks' test opens a page dark from the start), and each time the test first
checks that the theme really shows that mode and that the page's background is dark or light.
Before axe runs, the reader opens every drop-down and answers every quiz (some right, some
wrong), so hidden text, verdicts and explanations are checked too; at phone width the chapter
menu is opened and checked as well. Marks drawn by CSS, which axe does not read, are measured
against their fill.
Slider handles are also read as a screen reader meets them: named by their slider's label, with
the readout's value text, before and after a key press moves them.
"""

import pytest

from tests.site_browser import CHAPTERS, DESKTOP, PAGES, PHONE, ROOT, Reader, wait_for_widgets

playwright_api = pytest.importorskip("playwright.sync_api", reason="`make test` installs playwright")

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = ("critical", "serious")
#: Rules axe may report without failing the test, each with the reason. Keep this empty when you can.
KNOWN_EXCEPTIONS = {}


def inject_axe(page):
    if not AXE.exists():
        raise FileNotFoundError(f"{AXE} is missing: `npm ci` installs axe-core (package.json)")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))


def axe_violations(page, context="document"):
    """axe-core's violations on the page as it now stands (or in the element `context` selects), every rule run."""
    inject_axe(page)
    return page.evaluate(
        """async context => (await axe.run(context === 'document' ? document : context, {resultTypes: ['violations']})).violations
                 .map(v => ({id: v.id, impact: v.impact, help: v.help,
                             nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200)}))}))""",
        context,
    )


def failing(violations):
    return [v for v in violations if v["impact"] in FAILING_IMPACTS and v["id"] not in KNOWN_EXCEPTIONS]


#: The mode the theme shows, and the relative luminance (0 black, 1 white) of the page's background and text.
SHOWN_MODE = """() => {
    const colour = css => new axe.commons.color.Color().parseString(css).getRelativeLuminance();
    const body = getComputedStyle(document.body);
    return {theme: document.documentElement.dataset.theme, background: colour(body.backgroundColor), text: colour(body.color)};
}"""
#: What a reader opens before reading: every drop-down, and every quiz answered, wrong and right by turns.
REVEAL = """() => {
    document.querySelectorAll('details').forEach(details => { details.open = true; });
    document.querySelectorAll('.quiz[data-answer]').forEach((quiz, index) => {
        const options = quiz.querySelectorAll('.quiz-option');
        const right = Number(quiz.dataset.answer) - 1;
        options[index % 2 ? right : (right + 1) % options.length].click();
    });
}"""
#: Every verdict written, a search's results all listed, every fade-in or colour transition over:
#: axe reads colours as they stand.
SETTLED = """() => [...document.querySelectorAll('.quiz-verdict')].every(verdict => verdict.textContent.trim())
    && (!location.search.includes('q=') || !!document.querySelector('.search-summary')?.textContent.trim())
    && document.getAnimations().every(a => a.playState !== 'running' || a.effect.getComputedTiming().iterations === Infinity)"""
SCHEMES = ("light", "dark")


def open_revealed(reader, path, scheme="light"):
    """The page with its widgets drawn, every drop-down open and every quiz answered, the system set to `scheme`."""
    reader.page.emulate_media(color_scheme=scheme)
    page = reader.open(path)
    wait_for_widgets(page)
    inject_axe(page)
    page.evaluate(REVEAL)
    page.wait_for_function(SETTLED, timeout=5_000)
    return page


def set_system_mode(page, path, scheme):
    """Set the reader's system to light or dark, as a phone does at dusk; fails unless the theme (mode "auto") follows."""
    page.emulate_media(color_scheme=scheme)
    page.wait_for_function("scheme => document.documentElement.dataset.theme === scheme", arg=scheme, timeout=5_000)
    page.wait_for_function(SETTLED, timeout=5_000)
    shown = page.evaluate(SHOWN_MODE)
    dark = scheme == "dark"
    assert (shown["background"] < 0.05) == dark and (shown["text"] > 0.4) == dark, f"{path} in {scheme} mode: {shown}"


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} nodes): {violation['help']}")
        lines += [f"    {node['target']}: {node['html']}" for node in violation["nodes"][:3]]
    return "\n".join(lines)


#: Search results too, where the words found are marked (inside links, in the results' titles).
SEARCHES = ["search.html?q=innovation", "zh/search.html?q=创新"]
WIDTHS = [(path, "desktop") for path in PAGES + SEARCHES] + [(path, "phone") for path in CHAPTERS]


def phone_menu_violations(page):
    """axe's failing violations in the chapter menu, opened with a tap on the visible button and closed again."""
    [toggle for toggle in page.locator(".primary-toggle").all() if toggle.is_visible()][0].tap()
    menu = page.locator("#pst-primary-sidebar-modal")
    menu.wait_for(state="visible", timeout=5_000)
    page.wait_for_function(SETTLED, timeout=5_000)
    violations = failing(axe_violations(page, "#pst-primary-sidebar-modal"))
    page.keyboard.press("Escape")
    menu.wait_for(state="hidden", timeout=5_000)
    return violations


@pytest.mark.parametrize("path, width", WIDTHS)
def test_axe_finds_no_critical_or_serious_violation_in_light_or_dark_mode(browser, site, path, width):
    """Every page at desktop width; the chapters also at 390 px, where the theme swaps in its phone menus."""
    reader = Reader(browser, site, PHONE, phone=True) if width == "phone" else Reader(browser, site, DESKTOP)
    found = {}
    try:
        page = open_revealed(reader, path)
        for scheme in SCHEMES:
            set_system_mode(page, path, scheme)
            found[scheme] = failing(axe_violations(page))
            if width == "phone":
                found[scheme] += phone_menu_violations(page)
    finally:
        reader.close()
    assert not any(found.values()), "\n".join(
        f"{path} ({width}, {scheme} mode):\n{describe(violations)}" for scheme, violations in found.items() if violations
    )


#: Marks axe does not read (drawn by CSS ::after): each quiz option's tick or cross against the option's
#: fill, and the icon of the key-points and policy boxes against their title bar; the contrast of each.
MARKS = """() => {
    const {Color, getContrast} = axe.commons.color;
    const colour = css => new Color().parseString(css);
    const contrast = element => getContrast(colour(getComputedStyle(element).backgroundColor),
                                            colour(getComputedStyle(element, '::after').color));
    return [
        ...[...document.querySelectorAll('.quiz-option.quiz-right, .quiz-option.quiz-wrong')]
            .map(option => [option.classList.contains('quiz-right') ? 'quiz-right' : 'quiz-wrong', contrast(option)]),
        ...[...document.querySelectorAll('.admonition.key-points > .admonition-title, .admonition.policy > .admonition-title')]
            .map(title => [title.parentElement.classList.contains('policy') ? 'policy' : 'key-points', contrast(title)]),
    ];
}"""


@pytest.mark.parametrize("path", [path for path in CHAPTERS if "ch4_revolutions" in path])
def test_quiz_marks_and_box_icons_stand_out_in_light_and_dark_mode(browser, site, path):
    """The tick, the cross and the boxes' icons reach 3:1 (WCAG's minimum for graphics) on their own fill."""
    reader = Reader(browser, site)
    faint = {}
    try:
        page = open_revealed(reader, path, "dark")
        for scheme in reversed(SCHEMES):
            set_system_mode(page, path, scheme)
            marks = page.evaluate(MARKS)
            assert {kind for kind, _ in marks} == {"quiz-right", "quiz-wrong", "key-points", "policy"}, marks
            faint[scheme] = [(kind, round(ratio, 2)) for kind, ratio in marks if ratio < 3]
    finally:
        reader.close()
    assert not any(faint.values()), f"{path}: marks below 3:1 on their fill: {faint}"


HANDLES = """() => [...document.querySelectorAll('.widget-slider .noUi-handle')].map(handle => {
    const slider = handle.closest('.widget-slider');
    const label = document.getElementById(handle.getAttribute('aria-labelledby'));
    return {name: label ? label.textContent.trim() : null, shown: slider.querySelector('.widget-label').textContent.trim(),
            value: handle.getAttribute('aria-valuetext'), readout: slider.querySelector('.widget-readout').textContent.trim(),
            live: !handle.closest('.noUi-target').hasAttribute('disabled')};
})"""


def assert_handles_read_as_shown(handles, path):
    assert handles, f"{path} has no slider"
    for handle in handles:
        assert handle["name"] and handle["name"] == handle["shown"], handle
        assert handle["value"] and handle["value"] in handle["readout"], handle
        assert len(handle["value"]) <= len(handle["readout"]), handle


@pytest.mark.parametrize("path", [path for path in CHAPTERS if "ch3_tfp" in path or "ch4_revolutions" in path])
def test_slider_handles_are_named_and_read_their_readout_after_a_move(browser, site, path):
    reader = Reader(browser, site)
    try:
        page = reader.open(path)
        wait_for_widgets(page)
        before = page.evaluate(HANDLES)
        assert_handles_read_as_shown(before, path)
        live = page.locator(".widget-slider .noUi-target:not([disabled]) .noUi-handle").first
        live.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)
        after = page.evaluate(HANDLES)
    finally:
        reader.close()
    assert_handles_read_as_shown(after, path)
    moved = [(old["value"], new["value"]) for old, new in zip(before, after) if new["live"]]
    assert any(old != new for old, new in moved), f"{path}: moving the live slider left its value text at {moved}"
