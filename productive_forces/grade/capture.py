"""Run the graded notebook in the student's kernel and take the raw answers out; judge them in the grader.

The grader's first request to a fresh kernel calls ``kernel_side.install`` (install_code), before
any student code runs. It builds, from references taken at that moment, the runner
``_pf_grader_run`` and the capture, so student code that later replaces ``print``, ``check``,
builtins, numpy functions or the question registry does not change what they do. Both hold a
random nonce, which is never written in any cell's source.

The runner runs the graded notebook's code cells (the steps) one after another in that single
request, each as a cell of its own (``run_cell``: its own errors, hooks and outputs), under a time
limit of its own (an alarm that interrupts it as Ctrl-C would). Before and after each step it sends
a marker (display_data of type STEP_MIME, with the nonce), so the grader can give every cell its
outputs, its error and its time, and interrupt a step that outlives its limit; a later request
(run_call) carries on after an interruption. One request instead of one per cell is what makes
grading fast: a request costs the kernel far more than the course's cells do.

Before each check cell stands a capture step. It evaluates the check's answer expression
(``residual``, ``years_to_double``) in the notebook's namespace and writes the value down as plain
data: None, ``...``, booleans, numbers, strings, lists, tuples, dicts and sets of those, numeric
numpy arrays and scalars (subclasses keep their class name), and for anything else just the name of
its type. Sizes are bounded. When the question's registry entry has ``cases`` (a function
question), the answer's parameters are written down, and it is called on each case, each call under
a time limit, and what it returned (or the name of what it raised) is written down too; a function
whose body is still the stub (:func:`~productive_forces.exercises.checks.is_stub`) is marked so and
not called. The record goes out as a display_data message of its own MIME type, with the nonce. A
check cell whose function ran out of time under capture is skipped rather than run again.

The grader accepts a record only from the capture step it ran, with the right nonce, index and
question. It rebuilds from the record an answer on which :func:`verdict` decides exactly as it
would on the original (a function becomes a replay of its recorded results with the student's
parameters, or a stub again; an object that is not data becomes a stand-in of a class with the same
name, so "Expected one number, got Foo" still reads right), and calls ``verdict`` itself. The points
therefore never depend on anything the kernel printed.
"""

import base64
import inspect
import pickle

import numpy as np

from ..exercises import checks
from ..exercises.checks import ERROR, verdict
from ..i18n import N_, _

MIME = "application/x.productive-forces.capture+json"
RUNNER_NAME = "_pf_grader_run"
KERNEL_SIDE = "productive_forces.grade.kernel_side"  # the module the runner comes from
#: the MIME type of the runner's step markers (see run_call)
STEP_MIME = "application/x.productive-forces.step+json"
TIMEOUT, MANUAL, UNREADABLE = "timeout", "manual", "unreadable"
STATUSES = (*checks.STATUSES, TIMEOUT, UNREADABLE, MANUAL)
#: A verdict line's first part, by status: those a check prints are the very messages of
#: exercises/checks.py, so the grader's line and the check cell's agree in every language.
HEADLINES = {
    **checks.HEADLINES,
    TIMEOUT: N_("{question} ran too long — {points}/{max_points} points"),
    UNREADABLE: N_("{question} could not be read — {points}/{max_points} points"),
    MANUAL: N_("{question} awaiting the instructor — {points}/{max_points} points"),
}
#: the runner's identity: object.__repr__ (type and address), reached without any name student
#: code could rebind
IDENTITY = f"().__class__.__base__.__repr__({RUNNER_NAME})"
REPLACED = "_pf_grader_run_replaced"
MAX_ITEMS = 10_000  # values written down per answer; a larger answer is described by its type only




def install_arguments(captures, steps, nonce, cell_timeout):
    """(the arguments of kernel_side.install for these captures and steps, seconds per call of an
    answer function).

    steps: [{"source": cell code, or "capture": capture index; "skip_if": capture indices}], the
    graded notebook's code cells in order; a step with skip_if is skipped when every capture it
    names ran out of time (a check cell that would call the same runaway function again).
    """
    plan = {
        "captures": [
            {"question": q.id, "expression": q.expression, "cases": list(q.cases) if q.function else None} for q in captures
        ],
        "steps": [{"source": step.get("source"), "capture": step.get("capture"), "skip_if": list(step.get("skip_if", ()))} for step in steps],
    }
    blob = base64.b64encode(pickle.dumps(plan)).decode("ascii")
    most_cases = max([len(q.cases) for q in captures] + [0])
    budget = round(max(0.2, cell_timeout / (most_cases + 2)), 3)  # every call gets a share of the cell's time
    return (nonce, blob, budget, RUNNER_NAME, MAX_ITEMS, MIME, STEP_MIME, float(cell_timeout)), budget


def install_code(captures, steps, nonce, cell_timeout, seconds):
    """(kernel code that installs the runner and runs every step within seconds, seconds per call)."""
    arguments, budget = install_arguments(captures, steps, nonce, cell_timeout)
    return f"__import__({KERNEL_SIDE!r}, fromlist=['install']).install{arguments!r}(0, {float(seconds)!r})\n", budget


def run_call(first, seconds, identity):
    """The code that runs the steps from first on within seconds: only if the runner is still the
    installed function (identity, as read right after installing it); otherwise it fails on an
    undefined name (REPLACED)."""
    return f"{RUNNER_NAME}({first}, {seconds!r}) if {IDENTITY} == {identity!r} else {REPLACED}"


def preload_code(modules):
    """Kernel code that imports modules ahead of the notebook, leaving no name behind."""
    wanted = sorted(set(modules) | {"numpy", "numbers", "pickle", "base64", "signal", KERNEL_SIDE})
    return (
        "def __pf_preload():\n"
        "    import importlib\n"
        f"    for name in {wanted!r}:\n"
        "        try:\n"
        "            importlib.import_module(name)\n"
        "        except Exception:\n"
        "            pass\n"
        "__pf_preload()\n"
        "del __pf_preload\n"
    )


# -- the grader's side ------------------------------------------------------------------------


def records(outputs):
    """Capture records among a cell's outputs."""
    found = []
    for output in outputs:
        data = output.get("data", {}) if isinstance(output, dict) else {}
        if MIME in data and isinstance(data[MIME], dict):
            found.append(data[MIME])
    return found


class _StandIn:
    """An object that is not data; its class carries the original value's type name."""


def _named(base, name):
    """base, or a subclass of it called name (so that type(answer).__name__ reads as the student's)."""
    if not name or name == base.__name__:
        return base
    return type(str(name), (base,), {})


def _stand_in(name):
    return type(str(name or "object"), (_StandIn,), {})()


def _scalar(value):
    if isinstance(value, (bool, int)):
        return value
    if isinstance(value, str):
        try:
            return int(value) if value.lstrip("-").isdigit() else float(value)
        except ValueError:
            return float("nan")
    return float("nan")


def _fits(dtype, values):
    """Whether an array of dtype holding values costs no more memory than the values as received:
    a record cannot make the grader allocate more than it was sent."""
    if dtype.kind in "biuf":
        return dtype.itemsize <= 16
    if dtype.kind == "U":
        longest = max((len(v) for v in values if isinstance(v, str)), default=0)
        return dtype.itemsize <= 4 * max(longest, 1)
    return False


def rebuild(data):
    """An object on which verdict() decides as it would on the value data describes."""
    if not isinstance(data, dict):
        return _stand_in("object")
    kind, name = data.get("t"), data.get("type")
    try:
        if kind == "none":
            return None
        if kind == "ellipsis":
            return Ellipsis
        if kind == "bool":
            return bool(data["v"])
        if kind == "int":
            return _named(int, name)(int(data["v"]))
        if kind == "float":
            return _named(float, name)(float(data["v"]))
        if kind == "real":
            return float(data["v"])
        if kind == "str":
            return _named(str, name)(str(data["v"]))
        if kind in ("list", "tuple", "set", "frozenset"):
            base = {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}[kind]
            return _named(base, name)(rebuild(item) for item in data["v"])
        if kind == "dict":
            return _named(dict, name)((rebuild(key), rebuild(value)) for key, value in data["v"])
        if kind == "ndarray":
            dtype, values = np.dtype(data["dtype"]), list(data["v"])
            if not _fits(dtype, values):
                return _stand_in(name)
            values = [_scalar(v) for v in values] if dtype.kind in "biuf" else [str(v) for v in values]
            return np.array(values, dtype=dtype).reshape(data["shape"])
        if kind == "npscalar":
            dtype = np.dtype(data["dtype"])
            return dtype.type(_scalar(data["v"])) if _fits(dtype, [data["v"]]) else _stand_in(name)
    except (KeyError, TypeError, ValueError, OverflowError):
        pass
    return _stand_in(name)


class _Timeout(Exception):
    pass


def _replay(results, cases):
    """A function that answers each of the registry's cases with what the student's function did."""
    keys = [pickle.dumps(tuple(case)) for case in cases]
    order = iter(range(len(results)))

    def replayed(*args):
        key = pickle.dumps(args)
        index = keys.index(key) if key in keys else next(order, len(results))
        if index >= len(results):
            raise RuntimeError("the grader has no recorded result for this call")
        result = results[index]
        if result.get("timeout") or result.get("raised") == "KeyboardInterrupt":
            raise _Timeout()
        if "raised" in result:
            raise type(str(result["raised"]) or "Exception", (Exception,), {})()
        return rebuild(result.get("value"))

    return replayed


def _signature(parameters):
    """The inspect.Signature a capture recorded as [[name, kind, has a default], ...], or None."""
    if not isinstance(parameters, list):
        return None
    kinds = {int(kind): kind for kind in type(inspect.Parameter.POSITIONAL_ONLY)}
    try:
        return inspect.Signature(
            [
                inspect.Parameter(str(name), kinds[int(kind)], default=_DEFAULT if has_default is True else inspect.Parameter.empty)
                for name, kind, has_default in parameters
            ]
        )
    except (TypeError, ValueError, KeyError, OverflowError):
        return None


_DEFAULT = object()  # stands for a default value the grader never sees


def function_answer(answer, results, cases):
    """What verdict() is given for a captured function: a stub again if its body was still the stub,
    else a replay of its recorded results; either with the student's parameters."""
    if answer.get("stub") is True:

        def function(*args): ...

    else:
        function = _replay(results, cases)
    signature = _signature(answer.get("signature"))
    if signature is not None:
        function.__signature__ = signature
    return function


def headline(question, status, points, max_points, detail=""):
    """The verdict line of a question, in the current language."""
    return checks.with_detail(checks.headline(question, status, points, max_points, HEADLINES), detail)


def judge(question, record, budget):
    """(status, points, detail, message) for a capture record whose answer could be read.

    Returns None when the record says the answer expression itself failed (raised or ran out of
    time), which the caller explains from the answer cell's own run.
    """
    answer = record.get("answer", {})
    if answer.get("t") in ("raised", "timeout"):
        return None
    value = rebuild(answer)
    if question.function and answer.get("t") == "callable":
        value = function_answer(answer, record.get("results", []), question.cases)
    result = verdict(question.id, value)
    if result.status == ERROR and _Timeout.__name__ in result.message:
        detail = _("Calling it took longer than {seconds:g} s and was stopped.").format(seconds=budget)
        return TIMEOUT, 0, detail, headline(question.id, TIMEOUT, 0, question.points, detail)
    prefix = headline(question.id, result.status, result.points, result.max_points)
    joined = _("{verdict}. {detail}").format(verdict=prefix, detail="")
    detail = result.message[len(joined):] if result.message.startswith(joined) else ""
    return result.status, result.points, detail, result.message
