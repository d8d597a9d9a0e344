"""Find answer code that reaches for the checking machinery, so the instructor can look at it.

The grader does not need this to grade correctly: verdicts are computed outside the kernel from
captured values. It is the second line of defence, for tampering no capture can see (a student
who reads the expected values from the registry gets a "correct" that is not deserved) and for
attacks on the capture itself, which all need one of the tools listed here. A finding never
changes points; it puts the submission on the instructor's list with the reason and the line.

Cells are parsed as IPython (so ``!cat`` and ``%run`` are seen as the calls they are), import
aliases are followed (``import os as o; o._exit(0)`` is ``os._exit``), and a few harmless magics
(``%matplotlib``, ``%timeit``) are allowed.
"""

import ast

from .course import python_source

# name or dotted name -> why it is suspicious
WATCHED = {
    # stopping or signalling the kernel
    "sys.exit": "exits the kernel",
    "os._exit": "exits the kernel",
    "os.abort": "kills the kernel",
    "os.kill": "sends signals to processes",
    "os.killpg": "sends signals to processes",
    "exit": "exits the kernel",
    "quit": "exits the kernel",
    "SystemExit": "exits the kernel",
    "signal": "changes signal handling (the grader's time limits)",
    "resource": "changes resource limits",
    "atexit": "runs code at kernel exit",
    # the kernel, the shell and the notebook's other cells
    "get_ipython": "reaches into the IPython shell (hooks, other cells, outputs)",
    "IPython": "reaches into the IPython shell (hooks, other cells, outputs)",
    "ipykernel": "reaches into the kernel",
    "zmq": "reaches into the kernel's messaging",
    "jupyter_client": "reaches into the kernel's messaging",
    "comm": "reaches into the kernel's messaging",
    "sys.stdout": "replaces or writes to the output streams",
    "sys.stderr": "replaces or writes to the output streams",
    "sys.__stdout__": "replaces or writes to the output streams",
    "sys.__stderr__": "replaces or writes to the output streams",
    "sys.displayhook": "replaces how results are shown",
    "sys.excepthook": "replaces how errors are shown",
    "sys.modules": "rewrites imported modules",
    "sys.settrace": "traces the running code",
    "sys.setprofile": "traces the running code",
    "sys._getframe": "inspects the running code",
    "threading": "starts threads that outlive a cell",
    "_thread": "starts threads that outlive a cell",
    "multiprocessing": "starts processes",
    "subprocess": "runs other programs",
    "os.system": "runs other programs",
    "os.popen": "runs other programs",
    "os.fork": "starts processes",
    "os.exec": "replaces the kernel process",
    "os.dup2": "redirects file descriptors",
    "pty": "runs other programs",
    "ctypes": "patches memory directly",
    # the builtins and introspection
    "builtins": "patches the builtins",
    "__builtins__": "patches the builtins",
    "__import__": "imports in a hidden way",
    "importlib": "imports in a hidden way",
    "exec": "runs code built at run time",
    "eval": "runs code built at run time",
    "compile": "runs code built at run time",
    "globals": "rewrites the notebook's namespace",
    "locals": "rewrites the notebook's namespace",
    "vars": "rewrites the notebook's namespace",
    "setattr": "patches objects by name",
    "delattr": "patches objects by name",
    "gc": "inspects every object in the kernel",
    "inspect": "inspects the running code",
    "__closure__": "inspects functions' hidden state",
    "__globals__": "inspects functions' hidden state",
    "__code__": "rewrites functions",
    "__subclasses__": "inspects the class hierarchy",
    "__class__": "inspects the class hierarchy",
    "f_back": "inspects the running code",
    "f_locals": "inspects the running code",
    "f_globals": "inspects the running code",
    "tb_frame": "inspects the running code",
    # the checking machinery and the solutions
    "verdict": "uses the grader's verdict function",
    "Verdict": "uses the grader's verdict type",
    "QUESTIONS": "reads or changes the question registry (expected answers)",
    "productive_forces.exercises.questions": "reads or changes the question registry (expected answers)",
    "productive_forces.exercises.checks": "reads or changes the checking code",
    "__file__": "looks for files beside the course's code (the solutions)",
    "_pf_grader_run": "calls or replaces the grader's runner",
}
# assigning to these names (print = ..., def check(...)) is itself suspicious
REBOUND = {"print", "check", "verdict", "float", "isinstance", "callable", "abs", "type", "repr", "str", "display"}
SAFE_MAGICS = {"matplotlib", "timeit", "time", "precision", "pprint", "config", "who", "whos"}
SUSPICIOUS_TEXT = ("solutions", "hidden-check", "BEGIN SOLUTION", "questions.py", "checks.py", ".ipynb")


class _Scanner(ast.NodeVisitor):
    def __init__(self, extra_names):
        self.aliases = {}
        self.found = []
        self.watched = dict(WATCHED)
        self.extra = dict(extra_names)

    def report(self, name, node, reason=None):
        self.found.append((name, getattr(node, "lineno", 0), reason or self.watched.get(name, "")))

    def resolve(self, node):
        if isinstance(node, ast.Name):
            return self.aliases.get(node.id, node.id)
        if isinstance(node, ast.Attribute):
            base = self.resolve(node.value)
            return f"{base}.{node.attr}" if base else None
        return None

    def check_name(self, dotted, node):
        parts = dotted.split(".")
        for end in range(len(parts), 0, -1):
            prefix = ".".join(parts[:end])
            if prefix in self.watched:
                self.report(prefix, node)
                return
        if parts[-1] in self.extra and parts[0] == "productive_forces" and len(parts) > 1:
            self.report(parts[-1], node, self.extra[parts[-1]])
        elif parts[-1] in self.watched and parts[-1].startswith("_") and parts[-1] not in self.extra:
            self.report(parts[-1], node)  # dunder attributes on anything: obj.__class__
        elif parts[-1] in ("f_back", "f_locals", "f_globals", "tb_frame", "QUESTIONS"):
            self.report(parts[-1], node)

    def visit_Import(self, node):
        for alias in node.names:
            self.aliases[(alias.asname or alias.name).split(".")[0]] = (
                alias.name if alias.asname else alias.name.split(".")[0]
            )
            self.check_name(alias.name, node)

    def visit_ImportFrom(self, node):
        module = node.module or ""
        for alias in node.names:
            full = f"{module}.{alias.name}" if module else alias.name
            self.aliases[alias.asname or alias.name] = full
            if module == "productive_forces.exercises" and alias.name == "check":
                continue  # the setup cell's own import, repeated
            self.check_name(full, node)

    def visit_Name(self, node):
        if isinstance(node.ctx, (ast.Store, ast.Del)) and node.id in REBOUND:
            self.report(node.id, node, f"rebinds {node.id}")
        elif isinstance(node.ctx, ast.Load):
            self.check_name(self.aliases.get(node.id, node.id), node)

    def visit_Attribute(self, node):
        dotted = self.resolve(node)
        if dotted:
            self.check_name(dotted, node)
        elif node.attr in self.watched and (node.attr.startswith("_") or node.attr.startswith("f_")):
            self.report(node.attr, node)
        self.generic_visit(node)

    def visit_FunctionDef(self, node):
        if node.name in REBOUND:
            self.report(node.name, node, f"redefines {node.name}")
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node):
        # get_ipython().run_line_magic("matplotlib", "inline") is how IPython spells %matplotlib
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr in ("run_line_magic", "run_cell_magic")
            and isinstance(func.value, ast.Call)
            and getattr(func.value.func, "id", None) == "get_ipython"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value in SAFE_MAGICS
        ):
            for arg in node.args[1:]:
                self.visit(arg)
            return
        self.generic_visit(node)

    def visit_Constant(self, node):
        if isinstance(node.value, str):
            for text in SUSPICIOUS_TEXT:
                if text in node.value:
                    self.report(repr(text), node, "names the solutions or the checking code")
                    return


def scan(source, extra_names=None):
    """[(construct, line, reason)] for one cell's source; [] if it is clean or does not parse.

    extra_names: further names to watch, e.g. the registry's reference functions
    ({"doubling_time": "calls the reference solution"}).
    """
    code = python_source(source)
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):  # not Python, or too deep to parse
        return []
    scanner = _Scanner(extra_names or {})
    scanner.visit(tree)
    seen, unique = set(), []
    for name, line, reason in scanner.found:
        if (name, line) not in seen:
            seen.add((name, line))
            unique.append((name, line, reason))
    return unique


def reference_names(exercise, registry):
    """{answer cell id: {name: reason}}: the course's reference function for a question, per answer.

    Only the answer cell of the question it answers is watched, and only for the course package's
    own function (``from productive_forces.models import doubling_time``): a student may well name
    their function like the reference, and later answers may build on the library.
    """
    names = {}
    for question in exercise.questions:
        spec = registry.get(question.id)
        reference = getattr(spec, "reference", None)
        name = getattr(reference, "__name__", "<lambda>")
        if reference is not None and name != "<lambda>" and question.answer_cell:
            names.setdefault(question.answer_cell, {})[name] = (
                f"imports {name}, the course's reference solution of {question.id}"
            )
    return names
