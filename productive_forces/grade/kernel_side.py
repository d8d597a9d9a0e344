"""The grader's code inside the student's kernel: the runner that runs the graded notebook, step by
step, and the capture that writes each answer down (capture.py says what the grader does with both).

The grader's first request for a notebook calls :func:`install`, before any student code has run,
and then the runner it returns. Every reference the runner and the capture need (builtins, numpy's
functions, the shell's ``run_cell``, the kernel's message session and socket, ``signal``) is taken
at that moment into the closures install builds, so student code that later replaces ``print``,
builtins, numpy functions, the question registry or this module does not change what they do. The runner is left in the notebook's namespace (and in
the shell's hidden namespace) only so that a later request can carry on after an interruption; the
grader calls it only while it is still the object installed (its identity comes in the "ready"
marker, sent before any student code runs).

Every message goes out as display_data of the grader's own types, with the nonce: a capture
record, or a step marker (``{"step", "phase": "start" | "end" | "skip" | "stop" | "ready"}``).
Nothing here runs in the grader's own process; the kernels import this module when they start.
"""


def install(nonce, blob, budget, name, max_items, mime, step_mime, cell_timeout, shell=None):
    """Install the runner as the notebook's `name`, say so (a "ready" marker with its identity), and
    return it: ``run(first, seconds)`` runs the steps from first on. blob: the base64 pickle of
    {"captures", "steps"} (see capture.py); shell: IPython's (the kernel's own when None)."""
    import base64
    import builtins
    import inspect
    import numbers
    import pickle
    import signal
    import sys
    import time

    import numpy
    from IPython import get_ipython

    from productive_forces.exercises.checks import is_stub as _is_stub

    shell = get_ipython() if shell is None else shell
    publisher = shell.display_pub
    session, socket, topic = publisher.session, publisher.pub_socket, publisher.topic
    new_message, send = session.msg, session.send
    parent_of = type(publisher).parent_header.fget
    plan = pickle.loads(base64.b64decode(blob))
    steps, plan = plan["steps"], plan["captures"]
    run_cell = shell.run_cell
    flushes = [stream.flush for stream in (sys.stdout, sys.stderr)]
    B = builtins
    _monotonic, _KeyboardInterrupt, _range, _min, _all, _any = time.monotonic, B.KeyboardInterrupt, B.range, B.min, B.all, B.any
    _eval, _compile, _isinstance, _callable, _type, _len = B.eval, B.compile, B.isinstance, B.callable, B.type, B.len
    _bool, _int, _float, _str = B.bool, B.int, B.float, B.str
    _list, _tuple, _dict, _set, _frozenset = B.list, B.tuple, B.dict, B.set, B.frozenset
    _BaseException, _Ellipsis = B.BaseException, B.Ellipsis
    _int_repr, _float_repr, _str_str = int.__repr__, float.__repr__, str.__str__
    _list_copy, _tuple_iter, _dict_items = list.copy, tuple.__iter__, dict.items
    _set_iter, _frozenset_iter = set.__iter__, frozenset.__iter__
    _asarray, _ndarray, _generic, _Real = numpy.asarray, numpy.ndarray, numpy.generic, numbers.Real
    _tolist, _ravel = numpy.ndarray.tolist, numpy.ndarray.ravel
    _signal, _setitimer = signal.signal, signal.setitimer
    _signature, _empty = inspect.signature, inspect.Parameter.empty
    _SIGALRM, _ITIMER_REAL = signal.SIGALRM, signal.ITIMER_REAL
    codes = [_compile(entry["expression"], "<answer>", "eval") for entry in plan]
    timed_out = []  # captures whose answer ran out of time: the checks that would call it again are skipped

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
        # Send the record of capture index; True if reading or calling the answer ran out of time.
        entry = plan[index]
        record = {"nonce": nonce, "index": index, "question": entry["question"]}
        namespace = shell.user_ns
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
        publish(mime, record)
        return record["answer"].get("t") == "timeout" or _any([result.get("timeout") is True for result in record.get("results", [])])

    def publish(kind, content):
        data = {"data": {kind: content}, "metadata": {}, "transient": {}}
        send(socket, new_message("display_data", data, parent=parent_of(publisher)), ident=topic)

    def flush():
        # Hand what was printed and published so far to the kernel's socket (the streams' flush waits
        # for the thread that sends them): output goes out before the next marker, and a cell that
        # ends the kernel abruptly loses at most its own outputs.
        for flush_stream in flushes:
            try:
                flush_stream()
            except _BaseException:
                pass

    def mark(step, phase, **details):
        flush()
        details.update(nonce=nonce, step=step, phase=phase)
        publish(step_mime, details)
        if phase == "start":
            flush()

    def run_step(step, index, limit):
        # Run one notebook cell (as a cell of its own) under a time limit; mark how it ended.
        rang = []

        def on_step_alarm(signum, frame):
            rang.append(True)
            raise _KeyboardInterrupt()  # what an interrupt raises: the cell shows it as one

        error = None
        previous = _signal(_SIGALRM, on_step_alarm)
        try:
            _setitimer(_ITIMER_REAL, limit)
            result = run_cell(step["source"], store_history=True)
            error = result.error_in_exec if result.error_before_exec is None else result.error_before_exec
        except _BaseException as escaped:  # out of IPython itself: the alarm ringing late, a cell too deep to compile
            error = escaped
        finally:
            _setitimer(_ITIMER_REAL, 0)
            _signal(_SIGALRM, previous)
        ename, evalue = (type_name(error), message_of(error)) if error is not None else ("", "")
        mark(index, "end", ename=ename, evalue=evalue, timeout=rang != [])

    def run(first, seconds):
        # Run the steps from first on, within seconds in all; each step between a start and an end marker.
        end = _monotonic() + seconds
        for index in _range(first, _len(steps)):
            step, left = steps[index], end - _monotonic()
            if left <= 0:
                mark(index, "stop")
                return
            if step["skip_if"] and _all([capture_index in timed_out for capture_index in step["skip_if"]]):
                mark(index, "skip")  # it would call the function that already ran out of time
                continue
            limit = _min(cell_timeout, left)
            mark(index, "start", limit=limit, notebook=limit < cell_timeout)
            if step["capture"] is None:
                run_step(step, index, limit)
            else:
                if capture(step["capture"]):
                    timed_out.append(step["capture"])
                mark(index, "end", ename="", evalue="", timeout=False)

    shell.user_ns[name] = run
    shell.user_ns_hidden[name] = run  # a second reference: its address is never reused while it runs
    publish(step_mime, {"nonce": nonce, "step": -1, "phase": "ready", "identity": B.object.__repr__(run)})
    return run
