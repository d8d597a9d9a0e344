"""Take the raw answers out of the student's kernel; judge them in the grader's own process.

Before any student code runs, the grader installs one function in the fresh kernel,
``_pf_grader_capture``. It is built from references taken at that moment (``eval``, ``isinstance``,
``float.__repr__``, ``dict.items``, numpy's ``asarray``, the kernel's message session and socket,
``signal``), so student code that later replaces ``print``, ``check``, builtins, numpy functions or
the question registry does not change what it does. It holds a random nonce, which is never
written in any cell's source.

In the graded notebook a capture cell, ``_pf_grader_capture(k)``, stands before each check cell. It
evaluates the check's answer expression (``residual``, ``years_to_double``) in the notebook's
namespace and writes the value down as plain data: None, ``...``, booleans, numbers, strings,
lists, tuples, dicts and sets of those, numeric numpy arrays and scalars (subclasses keep their
class name), and for anything else just the name of its type. Sizes are bounded. When the
question's registry entry has ``cases`` (a function question), the answer's parameters are
written down, and it is called on each case, each call under a time limit, and what it returned (or
the name of what it raised) is written down too; a function whose body is still the stub
(:func:`~productive_forces.exercises.checks.is_stub`) is marked so and not called. The record goes
out as a display_data message of its own MIME type, with the nonce.

The grader accepts a record only from the capture cell it ran, with the right nonce, index and
question. It rebuilds from the record an answer on which :func:`verdict` decides exactly as it
would on the original (a function becomes a replay of its recorded results with the student's
parameters, or a stub again; an object that is not data becomes a stand-in of a class with the same
name, so "Expected one number, got Foo" still reads right), and calls ``verdict`` itself. The points therefore never depend on anything the
kernel printed.
"""

import base64
import inspect
import pickle

import numpy as np

from ..exercises import checks
from ..exercises.checks import ERROR, verdict
from ..i18n import N_, _

MIME = "application/x.productive-forces.capture+json"
CAPTURE_NAME = "_pf_grader_capture"
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
#: the capture function's identity: object.__repr__ (type and address), reached without any name
#: student code could rebind
IDENTITY = f"().__class__.__base__.__repr__({CAPTURE_NAME})"
REPLACED = "_pf_grader_capture_replaced"
MAX_ITEMS = 10_000  # values written down per answer; a larger answer is described by its type only

_INSTALL = r"""
def __pf_install(nonce, blob, budget, name, max_items, mime):
    import base64, builtins, inspect, numbers, pickle, signal, sys
    import numpy
    from productive_forces.exercises.checks import is_stub as _is_stub

    shell = get_ipython()
    publisher = shell.display_pub
    session, socket, topic = publisher.session, publisher.pub_socket, publisher.topic
    new_message, send = session.msg, session.send
    parent_of = type(publisher).parent_header.fget
    plan = pickle.loads(base64.b64decode(blob))
    B = builtins
    _eval, _compile, _isinstance, _callable, _type, _len = B.eval, B.compile, B.isinstance, B.callable, B.type, B.len
    _bool, _int, _float, _str = B.bool, B.int, B.float, B.str
    _list, _tuple, _dict, _set, _frozenset = B.list, B.tuple, B.dict, B.set, B.frozenset
    _BaseException, _Ellipsis = B.BaseException, B.Ellipsis
    _int_repr, _float_repr, _str_str = int.__repr__, float.__repr__, str.__str__
    _list_copy, _tuple_iter, _dict_items = list.copy, tuple.__iter__, dict.items
    _set_iter, _frozenset_iter = set.__iter__, frozenset.__iter__
    _asarray, _ndarray, _generic, _Real = numpy.asarray, numpy.ndarray, numpy.generic, numbers.Real
    _tolist, _ravel = numpy.ndarray.tolist, numpy.ndarray.ravel
    _getframe, _signal, _setitimer = sys._getframe, signal.signal, signal.setitimer
    _signature, _empty = inspect.signature, inspect.Parameter.empty
    _SIGALRM, _ITIMER_REAL = signal.SIGALRM, signal.ITIMER_REAL
    codes = [_compile(entry["expression"], "<answer>", "eval") for entry in plan]

    class GraderTimeout(_BaseException):
        pass

    def on_alarm(signum, frame):
        raise GraderTimeout()

    def limited(call):
        previous = _signal(_SIGALRM, on_alarm)
        _setitimer(_ITIMER_REAL, budget)
        try:
            return call()
        finally:
            _setitimer(_ITIMER_REAL, 0)
            _signal(_SIGALRM, previous)

    def type_name(value):
        try:
            name = _type(value).__name__
            return name if _type(name) is _str else "object"
        except _BaseException:
            return "object"

    def scalar(value):
        if _isinstance(value, _bool):
            return value is True
        if _isinstance(value, _int):
            return _int_repr(value)
        return _float_repr(_float(value))

    def encode(value, depth, count):
        count[0] += 1
        kind = _type(value)
        name = type_name(value)
        if count[0] > max_items or depth > 20:
            return {"t": "object", "type": name}
        if value is None:
            return {"t": "none"}
        if value is _Ellipsis:
            return {"t": "ellipsis"}
        if kind is _bool:
            return {"t": "bool", "v": value is True}
        if _isinstance(value, _int):
            return {"t": "int", "v": _int_repr(value), "type": name}
        if _isinstance(value, _float):
            return {"t": "float", "v": _float_repr(value), "type": name}
        if _isinstance(value, _str):
            text = _str_str(value)
            return {"t": "str", "v": text, "type": name} if _len(text) <= 100000 else {"t": "object", "type": name}
        if _isinstance(value, _list):
            items = _list_copy(value)
        elif _isinstance(value, _tuple):
            items = _list(_tuple_iter(value))
        elif _isinstance(value, _dict):
            pairs = _list(_dict_items(value))
            if _len(pairs) + count[0] > max_items:
                return {"t": "object", "type": name}
            items = [[encode(k, depth + 1, count), encode(v, depth + 1, count)] for k, v in pairs]
            return {"t": "dict", "type": name, "v": items}
        elif _isinstance(value, _set):
            items = _list(_set_iter(value))
        elif _isinstance(value, _frozenset):
            items = _list(_frozenset_iter(value))
        elif _isinstance(value, _ndarray):
            array = _asarray(value)
            if array.dtype.kind not in "biufU" or array.size + count[0] > max_items:
                return {"t": "object", "type": name}
            count[0] += array.size
            flat = _tolist(_ravel(array))
            values = [scalar(v) if array.dtype.kind in "biuf" else _str(v) for v in flat]
            return {"t": "ndarray", "type": name, "dtype": array.dtype.str, "shape": _list(array.shape), "v": values}
        elif _isinstance(value, _generic):
            if _asarray(value).dtype.kind not in "biuf":
                return {"t": "object", "type": name}
            return {"t": "npscalar", "dtype": _asarray(value).dtype.str, "v": scalar(value.item())}
        elif _isinstance(value, _Real):
            return {"t": "real", "type": name, "v": _float_repr(_float(value))}
        else:
            return {"t": "callable" if _callable(value) else "object", "type": name}
        if _len(items) + count[0] > max_items:
            return {"t": "object", "type": name}
        tag = "frozenset"
        for base, label in ((_list, "list"), (_tuple, "tuple"), (_set, "set")):
            if _isinstance(value, base):
                tag = label
                break
        return {"t": tag, "type": name, "v": [encode(item, depth + 1, count) for item in items]}

    def describe(value):
        try:
            return encode(value, 0, [0])
        except GraderTimeout:
            raise
        except _BaseException:
            return {"t": "object", "type": type_name(value)}

    def message_of(error):
        try:
            return limited(lambda: _str(error))[:300]
        except _BaseException:
            return ""

    def parameters(value):
        try:
            found = []
            for parameter in _list(limited(lambda: _signature(value)).parameters.values()):
                found.append([_str_str(parameter.name), _int(parameter.kind), parameter.default is not _empty])
            return found
        except GraderTimeout:
            raise
        except _BaseException:
            return None

    def capture(index):
        entry = plan[index]
        record = {"nonce": nonce, "index": index, "question": entry["question"]}
        namespace = _getframe(1).f_globals
        try:
            value = limited(lambda: _eval(codes[index], namespace))
            record["answer"] = limited(lambda: describe(value))
            if entry["cases"] is not None and record["answer"].get("t") == "callable":
                record["answer"]["signature"] = parameters(value)
                if limited(lambda: _is_stub(value)) is True:
                    record["answer"]["stub"] = True
                    value = None  # its body is still the stub: nothing to call
            if entry["cases"] is not None and _callable(value):
                results = []
                for case in entry["cases"]:
                    try:
                        results.append({"value": limited(lambda: describe(value(*case)))})
                    except GraderTimeout:
                        results.append({"timeout": True})
                        break
                    except _BaseException as error:
                        results.append({"raised": type_name(error)})
                        break
                record["results"] = results
        except GraderTimeout:
            record["answer"] = {"t": "timeout"}
        except _BaseException as error:
            record["answer"] = {"t": "raised", "type": type_name(error), "message": message_of(error)}
        content = {"data": {mime: record}, "metadata": {}, "transient": {}}
        send(socket, new_message("display_data", content, parent=parent_of(publisher)), ident=topic)

    shell.user_ns[name] = capture
    shell.user_ns_hidden[name] = capture  # a second reference: its address is never reused while it runs

__pf_install(%(nonce)r, %(blob)r, %(budget)r, %(name)r, %(max_items)r, %(mime)r)
del __pf_install
"""


def install_code(captures, nonce, cell_timeout):
    """(kernel code that installs the capture function for these questions, seconds per call)."""
    plan = [
        {"question": q.id, "expression": q.expression, "cases": list(q.cases) if q.function else None} for q in captures
    ]
    blob = base64.b64encode(pickle.dumps(plan)).decode("ascii")
    most_cases = max([len(q.cases) for q in captures] + [0])
    budget = round(max(0.2, cell_timeout / (most_cases + 2)), 3)  # every call gets a share of the cell's time
    values = {
        "nonce": nonce,
        "blob": blob,
        "budget": budget,
        "name": CAPTURE_NAME,
        "max_items": MAX_ITEMS,
        "mime": MIME,
    }
    return _INSTALL % values, budget


def capture_call(index, identity):
    """The code of capture cell index: call the capture only if it is still the installed function
    (identity, as read right after installing it); otherwise fail on an undefined name (REPLACED)."""
    return f"{CAPTURE_NAME}({index}) if {IDENTITY} == {identity!r} else {REPLACED}"


def preload_code(modules):
    """Kernel code that imports modules ahead of the notebook, leaving no name behind."""
    wanted = sorted(set(modules) | {"numpy", "numbers", "pickle", "base64", "signal"})
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
