"""Every page of both editions passes axe-core with no critical and no serious violation, the chapters at phone width too.

axe-core comes from the npm registry into node_modules (package.json), like the widget renderer;
the test injects it into each page of the table of contents, search.html and genindex.html,
served from localhost with every other host blocked, once the widgets have rendered, and runs
every rule axe has. A failure names the rule, its impact and the first offending elements.
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


def axe_violations(page):
    """axe-core's violations on the page as it now stands, every rule run."""
    if not AXE.exists():
        raise FileNotFoundError(f"{AXE} is missing: `npm ci` installs axe-core (package.json)")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                 .map(v => ({id: v.id, impact: v.impact, help: v.help,
                             nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200)}))}))"""
    )


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} nodes): {violation['help']}")
        lines += [f"    {node['target']}: {node['html']}" for node in violation["nodes"][:3]]
    return "\n".join(lines)


WIDTHS = [(path, "desktop") for path in PAGES] + [(path, "phone") for path in CHAPTERS]


@pytest.mark.parametrize("path, width", WIDTHS)
def test_axe_finds_no_critical_or_serious_violation(browser, site, path, width):
    """Every page at desktop width; the chapters also at 390 px, where the theme swaps in its phone menus."""
    reader = Reader(browser, site, PHONE, phone=True) if width == "phone" else Reader(browser, site, DESKTOP)
    try:
        page = reader.open(path)
        wait_for_widgets(page)
        violations = [
            violation for violation in axe_violations(page)
            if violation["impact"] in FAILING_IMPACTS and violation["id"] not in KNOWN_EXCEPTIONS
        ]
    finally:
        reader.close()
    assert not violations, f"{path} ({width}):\n{describe(violations)}"


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
