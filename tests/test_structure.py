"""The source tree's shape: what a module may take from another, and how long a function may grow.

Read with :mod:`ast` from ``src/cablekit`` (the files, not the installed
package, which may be compiled): nothing here imports or runs cablekit.

* A module uses another module's public names only.  Importing a private
  *module* is fine (``from . import _kinds as K``, ``from ._context import
  Context``); taking a private *name* out of another module is not, whether
  imported (``from .tokens import _split_lines``) or reached through a module
  (``_fields._CABLE_REF`` after ``from .. import fields as _fields``).  Dunder
  names (``__version__``) are public.
* A function or method is at most :data:`MAX_FUNCTION_LINES` lines long,
  from its ``def`` line to its last line (decorators not counted).
* No function, method or class is above :data:`MAX_COMPLEXITY` in cyclomatic
  complexity as radon counts it (``radon cc -s -n C src``; a class counts the
  sum over its methods), so that every rule of the parser can be read at once.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = "cablekit"
SRC = ROOT / "src"
MAX_FUNCTION_LINES = 60
MAX_COMPLEXITY = 25


# --------------------------------------------------------------------------- reading the tree

def _module_name(path: Path, src: Path) -> str:
    parts = path.relative_to(src).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources(src: Path) -> dict[str, Path]:
    """Every module and package below ``src/cablekit``, by dotted name."""
    return {_module_name(path, src): path for path in sorted((src / PACKAGE).rglob("*.py"))}


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


Place = tuple[str, int, str]  # file (from src/), line, what


def _place(path: Path, line: int, src: Path, what: str) -> Place:
    return path.relative_to(src).as_posix(), line, what


def _listed(places: list[Place]) -> list[str]:
    return [f"{file}:{line}: {what}" for file, line, what in sorted(set(places))]


def _imported_from(node: ast.ImportFrom, module: str, is_package: bool) -> str | None:
    """The dotted name a ``from … import`` reads from, or None for one outside the package."""
    if node.level == 0:
        target = node.module or ""
    else:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        target = ".".join([*base, node.module] if node.module else base)
    return target if target == PACKAGE or target.startswith(PACKAGE + ".") else None


def _dotted(node: ast.expr) -> list[str] | None:
    """``a.b.c`` as ``["a", "b", "c"]``; None for anything but names and attributes."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return [node.id, *reversed(parts)]


# --------------------------------------------------------------------------- private names

def private_name_uses(src: Path) -> list[str]:
    """``file:line: what`` for every private name a module of the package takes from another one."""
    modules = _sources(src)
    found: list[Place] = []
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        aliases: dict[str, str] = {}  # a name bound in this file -> the package module it stands for
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in modules:
                        bound = alias.asname or alias.name.split(".")[0]
                        aliases[bound] = alias.name if alias.asname else alias.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom):
                target = _imported_from(node, module, is_package)
                if target is None:
                    continue
                for alias in node.names:
                    full = f"{target}.{alias.name}"
                    if full in modules:
                        aliases[alias.asname or alias.name] = full
                    elif _is_private(alias.name):
                        dots = "." * node.level
                        found.append(_place(path, node.lineno, src, f"from {dots}{node.module or ''} import "
                                            f"{alias.name} (a private name of {target})"))
        for node in ast.walk(tree):
            # a.b._c.d is walked as a.b._c.d, a.b._c and a.b: each reports the same a.b._c, listed once
            parts = _dotted(node) if isinstance(node, ast.Attribute) else None
            if parts is None or parts[0] not in aliases:
                continue
            owner = aliases[parts[0]]
            for depth, attr in enumerate(parts[1:], start=2):
                if f"{owner}.{attr}" in modules:
                    owner = f"{owner}.{attr}"
                    continue
                if _is_private(attr):
                    used = ".".join(parts[:depth])
                    found.append(_place(path, node.lineno, src, f"{used} (a private name of {owner})"))
                break
    return _listed(found)


# --------------------------------------------------------------------------- long functions

def _functions(node: ast.AST, prefix: str = "") -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            yield prefix + child.name, child
            yield from _functions(child, f"{prefix}{child.name}.<locals>.")
        elif isinstance(child, ast.ClassDef):
            yield from _functions(child, f"{prefix}{child.name}.")
        else:
            yield from _functions(child, prefix)


def long_functions(src: Path, limit: int = MAX_FUNCTION_LINES) -> list[str]:
    """``file:line: name (N lines)`` for every function or method longer than *limit* lines."""
    found: list[Place] = []
    for path in _sources(src).values():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name, func in _functions(tree):
            assert func.end_lineno is not None
            length = func.end_lineno - func.lineno + 1
            if length > limit:
                found.append(_place(path, func.lineno, src, f"{name} ({length} lines)"))
    return _listed(found)


# --------------------------------------------------------------------------- complexity

def complex_blocks(src: Path, limit: int = MAX_COMPLEXITY) -> list[str]:
    """``file:line: name (complexity N)`` for every function, method or class above *limit* (radon's count)."""
    from radon.complexity import cc_visit

    found: list[Place] = []
    for path in _sources(src).values():
        for block in cc_visit(path.read_text(encoding="utf-8")):
            if block.complexity > limit:
                found.append(_place(path, block.lineno, src, f"{block.fullname} (complexity {block.complexity})"))
    return _listed(found)


# --------------------------------------------------------------------------- the tests

def test_the_source_tree_is_there() -> None:
    modules = _sources(SRC)
    assert {PACKAGE, f"{PACKAGE}.parser", f"{PACKAGE}.tokens", f"{PACKAGE}.formats"} <= modules.keys(), (
        f"no cablekit sources under {SRC}")


def test_no_module_takes_a_private_name_from_another() -> None:
    violations = private_name_uses(SRC)
    assert not violations, (f"{len(violations)} private name(s) taken from another module:\n"
                            + "\n".join(violations))


def test_no_function_is_longer_than_the_limit() -> None:
    offenders = long_functions(SRC)
    assert not offenders, (f"{len(offenders)} function(s) longer than {MAX_FUNCTION_LINES} lines:\n"
                           + "\n".join(offenders))


def test_no_function_or_class_is_too_complex() -> None:
    offenders = complex_blocks(SRC)
    assert not offenders, (f"{len(offenders)} block(s) above cyclomatic complexity {MAX_COMPLEXITY}:\n"
                           + "\n".join(offenders))


def test_the_complexity_check_counts_branches(tmp_path: Path) -> None:
    branches = "".join(f"    if x == {i}:\n        return {i}\n" for i in range(MAX_COMPLEXITY))
    (tmp_path / PACKAGE).mkdir()
    (tmp_path / PACKAGE / "rules.py").write_text(f"def small(x):\n    return x\n\ndef big(x):\n{branches}")
    assert complex_blocks(tmp_path) == [f"cablekit/rules.py:4: big (complexity {MAX_COMPLEXITY + 1})"]


# --------------------------------------------------------------------------- the checks themselves

FAKE_TREE = {
    "__init__.py": "from ._kinds import Kind\nfrom . import __version__\n__version__ = '1'\n_HIDDEN = 1\n",
    "_kinds.py": "Kind = int\n_SECRET = 2\n",
    "_context.py": "class Context:\n    pass\n",
    "tokens.py": "def split_lines(): pass\ndef _split_lines(): pass\n",
    "fields.py": "_CABLE_REF = 1\n",
    "parser.py": (
        "from . import _kinds as K\n"                      # a private module: fine
        "from ._context import Context\n"                  # a public name of a private module: fine
        "from .tokens import split_lines, _split_lines\n"  # line 3: private name
        "import cablekit.fields\n"
        "from cablekit import tokens\n"
        "x = K.Kind\n"
        "y = K._SECRET\n"                                  # line 7: through a module alias
        "z = cablekit.fields._CABLE_REF\n"                 # line 8: through the package
        "w = tokens._split_lines()\n"                      # line 9: call on a module attribute
        "def f(_fields):\n"
        "    return _fields._CABLE_REF\n"                  # a parameter, no module: not counted
    ),
    "formats/__init__.py": "from .._kinds import _SECRET\n",                   # line 1: two dots from a package
    "formats/_json.py": "from .. import fields as _fields\nv = _fields._CABLE_REF\nfrom . import _text\n",
    "formats/_text.py": "from cablekit import _HIDDEN\nfrom cablekit.formats import _json\n",
}


def _fake_src(tmp_path: Path) -> Path:
    for name, text in FAKE_TREE.items():
        path = tmp_path / PACKAGE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_private_name_check_finds_imports_and_attributes_and_allows_private_modules(tmp_path: Path) -> None:
    found = [entry.split(": ", 1)[0] for entry in private_name_uses(_fake_src(tmp_path))]
    assert found == [
        "cablekit/formats/__init__.py:1",
        "cablekit/formats/_json.py:2",
        "cablekit/formats/_text.py:1",
        "cablekit/parser.py:3",
        "cablekit/parser.py:7",
        "cablekit/parser.py:8",
        "cablekit/parser.py:9",
    ]


@pytest.mark.parametrize(("body_lines", "flagged"), [(58, False), (59, True)])
def test_long_function_check_counts_from_def_to_last_line(tmp_path: Path, body_lines: int, flagged: bool) -> None:
    body = "".join(f"        x{n} = {n}\n" for n in range(body_lines))
    source = f"import functools\n\n\nclass C:\n    @functools.cache\n    def m(self):\n{body}        return 1\n"
    path = tmp_path / PACKAGE / "long.py"
    path.parent.mkdir(parents=True)
    path.write_text(source, encoding="utf-8")
    expected = [f"cablekit/long.py:6: C.m ({body_lines + 2} lines)"] if flagged else []
    assert long_functions(tmp_path) == expected
