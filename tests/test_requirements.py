"""requirements.txt pins the whole runtime closure, so Binder builds the environment that was tested."""

from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.notebooks import ROOT


def pinned():
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line and line != ".":
            requirement = Requirement(line)
            pins[canonicalize_name(requirement.name)] = requirement
    return pins


def runtime_closure(roots):
    seen, stack = set(), list(roots)
    while stack:
        name = canonicalize_name(stack.pop())
        if name in seen:
            continue
        seen.add(name)
        for text in metadata.requires(name) or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                stack.append(requirement.name)
    return seen


def test_every_line_is_an_exact_pin():
    for name, requirement in pinned().items():
        assert len(requirement.specifier) == 1 and next(iter(requirement.specifier)).operator == "==", name


def test_the_runtime_closure_of_the_course_is_pinned():
    closure = runtime_closure(["productive-forces", "ipykernel"]) - {"productive-forces"}
    assert closure <= set(pinned()), f"not pinned in requirements.txt: {sorted(closure - set(pinned()))}"


def test_pins_match_the_tested_environment():
    for name, requirement in pinned().items():
        assert metadata.version(name) in requirement.specifier, f"{name} {metadata.version(name)} vs {requirement}"
