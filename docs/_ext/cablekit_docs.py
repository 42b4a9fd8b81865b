"""Sphinx extension for the cablekit docs: pages generated from the code, and checks that keep them honest.

Directives and roles
    ``.. cablekit-defect-table::``
        The table of every defect code, built from :data:`cablekit.DEFECT_CODES` at build time, so
        changing a code's summary, repair or example in ``cablekit/defects.py`` changes the docs.
    ``:defect:`code```
        A link to a code's row of that table; an unknown code is a build warning.
    ``.. cablekit-json-schema::``
        The JSON Schema shipped in the package (``cablekit/schema/cable.schema.json``), rendered as
        one table per object, with types, required fields and descriptions.

Checks (warnings, so ``-W`` turns them into build errors)
    * every name in ``cablekit.__all__`` (and ``cablekit.testing``'s public modules) is documented in
      the API reference, and so is every public attribute, enum member and method of each public class;
    * the committed anatomy figure is what ``docs/_scripts/anatomy.py`` draws from the example today.
"""

from __future__ import annotations

import enum
import importlib
import importlib.util
import inspect
import json
import re
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

import attrs
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.nodes import nested_parse_with_titles

import cablekit

logger = logging.getLogger(__name__)

DOCS = Path(__file__).resolve().parent.parent


def _domain(env: BuildEnvironment, name: str) -> Any:
    """A domain of the environment (``env.get_domain`` works from Sphinx 1 to 9)."""
    return env.get_domain(name)


# --- the defect table ------------------------------------------------------------------------------

def _defect_label(code: str) -> str:
    return f"defect-{code}"


def _para(*children: nodes.Node) -> nodes.paragraph:
    para = nodes.paragraph()
    para.extend(children)
    return para


def _empty_table(headers: tuple[str, ...], widths: tuple[int, ...],
                 classes: list[str]) -> tuple[nodes.table, nodes.tbody]:
    """A table with its column widths and header row, and its (empty) body to add rows to."""
    table = nodes.table(classes=classes)
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    row = nodes.row()
    for title in headers:
        row += nodes.entry("", _para(nodes.Text(title)))
    head += row
    body = nodes.tbody()
    group += body
    return table, body


class DefectTable(SphinxDirective):
    """``.. cablekit-defect-table::`` — one row per code of :data:`cablekit.DEFECT_CODES`."""

    has_content = False
    option_spec: ClassVar = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        headers = ("Code", "What it means, an example, and what lenient mode does")
        widths = (30, 70)
        table, body = _empty_table(headers, widths, ["cablekit-defects", *self.options.get("class", [])])
        std = _domain(self.env, "std")
        for code, kind in cablekit.DEFECT_CODES.items():
            label = _defect_label(code)
            row = nodes.row(ids=[label])
            row += nodes.entry("", _para(nodes.literal(code, code)))
            row += nodes.entry(
                "",
                _para(nodes.Text(_sentence(kind.summary))),
                _para(nodes.emphasis("", "Example: "), nodes.literal(kind.example, kind.example)),
                _para(nodes.emphasis("", "Lenient mode: "), nodes.Text(_period(kind.repair))),
                _para(nodes.emphasis("", "Strict mode: "), nodes.Text(_strict(kind))),
                *([_para(nodes.emphasis("", "A real-world cause: "), nodes.Text(_period(kind.cause)))]
                  if kind.cause else []),
            )
            body += row
            std.note_object("defect", code, label, location=row)
        caption = nodes.paragraph(
            "", f"{len(cablekit.DEFECT_CODES)} codes, generated from cablekit.DEFECT_CODES "
                f"(cablekit {cablekit.__version__}).", classes=["cablekit-generated"])
        return [table, caption]


def _strict(kind: cablekit.DefectKind) -> str:
    """What strict mode does with a defect of *kind*, in a sentence."""
    if kind.damage:
        return "rejects the text."
    if kind.consistency:
        return ("accepts the text: this is a fact about the document, not damage (parse(..., check='fatal') "
                "rejects it).")
    return "accepts the text: this is a fact about how the cable was published, not damage."


def _vocabulary_rows(name: str) -> tuple[tuple[str, ...], tuple[int, ...], list[tuple[str, ...]]]:
    """The headers, column widths and rows of the shipped vocabulary *name* (``stations`` or ``tags``)."""
    if name == "stations":
        rows = [(s.code, s.name or "", s.kind.name.lower() if s.kind else "", s.address or "",
                 " ".join(s.routing_indicators)) for s in cablekit.station_table()]
        return ("Code", "Name", "Kind", "Address", "Routing indicators"), (18, 30, 12, 28, 12), rows
    if name == "tags":
        tags = cablekit.tag_table().values()  # type: ignore[attr-defined]
        rows = [(t.code, t.kind.name.lower(), t.name or "") for t in tags]
        return ("Code", "Kind", "Name"), (15, 20, 65), rows
    raise ValueError(f"no vocabulary {name!r}: stations or tags")


class VocabularyTable(SphinxDirective):
    """``.. cablekit-vocabulary:: stations`` (or ``tags``) — the shipped table, one row per entry."""

    has_content = False
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        headers, widths, rows = _vocabulary_rows(self.arguments[0])
        table, body = _empty_table(headers, widths, ["cablekit-vocabulary"])
        for values in rows:
            row = nodes.row()
            for index, value in enumerate(values):
                row += nodes.entry("", _para(nodes.literal(value, value) if index == 0 and value else nodes.Text(value)))
            body += row
        caption = nodes.paragraph(
            "", f"{len(rows)} entries, generated from the package data (cablekit {cablekit.__version__}).",
            classes=["cablekit-generated"])
        return [table, caption]


class TablesDirective(SphinxDirective):
    """``.. cablekit-tables::`` — every table of :data:`cablekit.tables.TABLES`, its columns and their kinds."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from cablekit.tables import TABLES

        out: list[nodes.Node] = []
        for name, columns in TABLES.items():
            out.append(_para(nodes.strong("", name), nodes.Text(f" — {len(columns)} columns")))
            table, body = _empty_table(("Column", "Kind", "What it holds"), (20, 10, 70), ["cablekit-tables"])
            for column in columns:
                row = nodes.row()
                row += nodes.entry("", _para(nodes.literal(column.name, column.name)))
                row += nodes.entry("", _para(nodes.Text(column.type)))
                pieces = column.description.split("`")  # `…` marks a literal value: odd pieces
                row += nodes.entry("", _para(*(nodes.literal(p, p) if i % 2 else nodes.Text(p)
                                               for i, p in enumerate(pieces) if p)))
                body += row
            out.append(table)
        out.append(nodes.paragraph("", f"Generated from cablekit.tables.TABLES (cablekit {cablekit.__version__}).",
                                   classes=["cablekit-generated"]))
        return out


def _period(text: str) -> str:
    text = text.strip()
    return text + ("" if text.endswith((".", "…")) else ".")


def _sentence(text: str) -> str:
    text = _period(text)
    return text[:1].upper() + text[1:]


class DefectRole(SphinxRole):
    """``:defect:`paragraph-marker-digit``` — the code, linked to its row of the defect table."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        code = self.text.strip()
        if code not in cablekit.DEFECT_CODES:
            logger.warning("unknown defect code %r (not in cablekit.DEFECT_CODES)", code,
                           location=self.get_location(), type="cablekit", subtype="defect")
            return [nodes.literal(code, code)], []
        mentioned: dict[str, set[str]] = getattr(self.env, "cablekit_defects_mentioned", {})
        mentioned.setdefault(self.env.docname, set()).add(code)
        self.env.cablekit_defects_mentioned = mentioned  # type: ignore[attr-defined]
        ref = addnodes.pending_xref("", refdomain="std", reftype="defect", reftarget=code,
                                    refexplicit=True, refwarn=True)
        ref += nodes.literal(code, code, classes=["xref", "cablekit-defect"])
        return [ref], []


# --- the JSON schema ---------------------------------------------------------------------------------

def load_shipped_schema() -> dict[str, Any]:
    """The schema file as the installed package ships it."""
    text = resources.files("cablekit").joinpath("schema/cable.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _schema_type(node: dict[str, Any]) -> str:
    """A short reST rendering of a schema node's type."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return f":ref:`{name} <schema-{name}>`"
    if "allOf" in node and len(node["allOf"]) == 1:
        return _schema_type(node["allOf"][0])
    if "anyOf" in node:
        options = [_schema_type(option) for option in node["anyOf"]]
        return " or ".join(options)
    kind = node.get("type")
    if kind == "array":
        return f"array of {_schema_type(node.get('items', {}))}"
    if kind == "null":
        return "``null``"
    if isinstance(kind, str):
        fmt = node.get("format")
        return f"{kind} ({fmt})" if fmt else kind
    if "enum" in node:
        return "one of " + ", ".join(f"``{json.dumps(value)}``" for value in node["enum"])
    return "any"


def _cell(text: str) -> str:
    return " ".join(text.split())


def schema_rst(schema: dict[str, Any]) -> Iterator[str]:
    """reST for the schema: the root object first, then each definition, then the enums."""
    defs: dict[str, Any] = schema.get("$defs", {})
    objects = [("Cable", schema)] + [(name, d) for name, d in defs.items() if d.get("type") == "object"]
    enums = [(name, d) for name, d in defs.items() if "enum" in d]
    yield from ("Objects", "-------", "")
    for name, node in objects:
        yield from _object_rst(name, node, root=node is schema)
    yield from ("Enumerations", "------------", "",
                "Enumerations are written as the member's *name* (``TOP_SECRET``), not its value.", "")
    for name, node in enums:
        yield from (f".. _schema-{name}:", "", name, "~" * len(name), "")
        yield from (_cell(node.get("description", "")), "")
        yield "Values: " + ", ".join(f"``{json.dumps(value)}``" for value in node["enum"])
        yield from ("", f"In Python: :class:`cablekit.{name}`.", "")


_BARE_MEMBER = re.compile(r":(attr|meth):`([A-Za-z_][A-Za-z0-9_]*)`")


def _in_class(name: str, text: str) -> str:
    """Qualify the bare member references of a description (``:attr:`line```) with its class."""
    return _BARE_MEMBER.sub(lambda m: f":{m.group(1)}:`~cablekit.{name}.{m.group(2)}`", text)


def _object_rst(name: str, node: dict[str, Any], *, root: bool) -> Iterator[str]:
    yield from (f".. _schema-{name}:", "", name, "~" * len(name), "")
    if root:
        yield from ("The document itself (the schema's root).", "")
    yield from (_in_class(name, _cell(node.get("description", ""))), "")
    required = set(node.get("required", ()))
    yield from (".. list-table::", "   :header-rows: 1", "   :widths: 20 25 55", "   :class: cablekit-schema", "")
    yield from ("   * - Property", "     - Type", "     - Description")
    for prop, spec in node.get("properties", {}).items():
        mark = " *(required)*" if prop in required else ""
        yield f"   * - ``{prop}``{mark}"
        yield f"     - {_schema_type(spec)}"
        yield f"     - {_in_class(name, _cell(spec.get('description', '')))}"
    closed = "no other properties are allowed" if node.get("additionalProperties") is False \
        else "other properties are allowed"
    yield from ("", f"In Python: :class:`cablekit.{name}`; {closed}.", "")


class JsonSchema(SphinxDirective):
    """``.. cablekit-json-schema::`` — the shipped schema file, one table per object."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        schema = load_shipped_schema()
        path = Path(str(resources.files("cablekit").joinpath("schema/cable.schema.json")))
        if path.exists():
            self.env.note_dependency(str(path))
        lines = list(schema_rst(schema))
        container = nodes.container()
        content = StringList(lines, source="cablekit/schema/cable.schema.json")
        saved = self.env.ref_context.get("py:module")
        self.env.ref_context["py:module"] = "cablekit"  # descriptions say :attr:`Cable.caveats`
        try:
            nested_parse_with_titles(self.state, content, container)
        finally:
            if saved is None:
                self.env.ref_context.pop("py:module", None)
            else:
                self.env.ref_context["py:module"] = saved
        return list(container.children)


# --- docstring examples run in their module's namespace --------------------------------------------

_PACKAGE_DIR = Path(cablekit.__file__).resolve().parent


def _module_of(source: str) -> str | None:
    """``cablekit.tokens`` for a node read from ``…/cablekit/tokens.py:docstring of …``, else ``None``."""
    path = source.split(":docstring of ", 1)[0]
    if not path.endswith(".py"):
        return None
    try:
        relative = Path(path).resolve().relative_to(_PACKAGE_DIR)
    except ValueError:
        return None
    parts = ["cablekit", *relative.with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def docstring_examples_in_their_module(app: Sphinx, doctree: nodes.document) -> None:
    """Give each docstring's ``>>>`` examples the globals of the module they come from.

    ``python -m doctest`` and the test suite run a docstring's examples in its module's namespace, so a
    docstring may use the module's names without importing them.  Sphinx's doctest builder runs every
    ``>>>`` block of a page in one namespace, so here each docstring example becomes a test of its own
    group, set up with ``globals().update(vars(module))``.  Only the doctest builder needs this.
    """
    if app.builder.name != "doctest":
        return
    for block in list(doctree.findall(nodes.doctest_block)):
        module = _module_of(block.source or "")
        if module is None:
            continue
        group = f"module {module}"
        setup = nodes.comment(
            "", f"import importlib as _importlib\nglobals().update(vars(_importlib.import_module({module!r})))",
            testnodetype="testsetup", groups=[group])
        test = nodes.literal_block(block.rawsource, block.astext(), testnodetype="doctest", groups=[group],
                                   options={}, language="pycon")
        test.source, test.line = block.source, block.line
        setup.source, setup.line = block.source, block.line
        block.replace_self([setup, test])


# --- autodoc: class constructors ---------------------------------------------------------------------

def no_constructor_types(app: Sphinx, what: str, name: str, obj: Any, options: Any, signature: str | None,
                         return_annotation: str | None) -> None:
    """Keep a class's constructor parameters out of its description.

    With ``autodoc_typehints = "description"``, autodoc lists the ``__init__`` parameters of a class with
    their types.  cablekit's classes are attrs classes (and exceptions) whose parameters are their
    attributes, each documented below with its type: listing them twice is noise.  The signature line
    still shows the parameters and their defaults.
    """
    if what in ("class", "exception") and name.startswith("cablekit."):
        current = getattr(app.env, "current_document", None)  # Sphinx 9; before, env.temp_data
        annotations = current.autodoc_annotations if current is not None else app.env.temp_data.get(
            "annotations", {})
        annotations.pop(name, None)


class UndocumentedData(SphinxDirective):
    """``.. cablekit-undocumented-data:: module`` — ``autodata`` for each public constant with no docstring.

    ``automodule :members:`` leaves out module constants that have no docstring of their own.  This lists
    them, with their values, so that the reference is complete while their docstrings are missing; a
    constant that gains a docstring is documented by ``automodule`` instead (never twice).
    """

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        from sphinx.pycode import ModuleAnalyzer

        name = self.arguments[0]
        module = importlib.import_module(name)
        analyzer = ModuleAnalyzer.for_module(name)
        analyzer.analyze()
        documented = {attr for (scope, attr) in analyzer.attr_docs if scope == ""}
        lines: list[str] = []
        for member in getattr(module, "__all__", ()):
            value = getattr(module, member)
            if member in documented or inspect.isclass(value) or inspect.isroutine(value) \
                    or inspect.ismodule(value):
                continue
            lines.extend((f".. autodata:: {name}.{member}", ""))
        container = nodes.container()
        nested_parse_with_titles(self.state, StringList(lines, source=self.get_source_info()[0]), container)
        return list(container.children)


# --- checks ------------------------------------------------------------------------------------------

def _public_members(obj: type) -> list[str]:
    """The names a user reaches on a public class: fields, enum members, own methods and properties."""
    names: list[str] = []
    if issubclass(obj, enum.Enum):
        names.extend(obj.__members__)
    if attrs.has(obj):
        names.extend(field.name for field in attrs.fields(obj))
    names.extend(n for n in vars(obj).get("__annotations__", {}) if not n.startswith("_"))  # its own only
    for name, value in vars(obj).items():
        if name.startswith("_") or name in names:
            continue
        if issubclass(obj, enum.Enum) and isinstance(value, obj):
            continue
        if inspect.isfunction(value) or isinstance(value, (property, classmethod, staticmethod)):
            names.append(name)
    return list(dict.fromkeys(names))


def public_names() -> list[tuple[str, Any]]:
    """``(qualified name, object)`` for every public name the API reference must document."""
    found = [(f"cablekit.{name}", getattr(cablekit, name)) for name in cablekit.__all__]
    for module_name in ("cablekit.testing", "cablekit.testing.strategies", "cablekit.testing.damage"):
        module = importlib.import_module(module_name)
        found.append((module_name, module))
        for name in getattr(module, "__all__", ()):
            if module_name == "cablekit.testing" and name in ("strategies", "damage"):
                continue  # the submodules, checked as modules above
            obj = getattr(module, name)
            home = getattr(obj, "__module__", module_name)
            if module_name == "cablekit.testing" and isinstance(home, str) and home.startswith(
                    ("cablekit.testing.strategies", "cablekit.testing.damage")):
                continue  # re-exported: documented under its own module
            found.append((f"{module_name}.{name}", obj))
    return found


_EXPECTED: list[tuple[str, list[str]]] = []


def take_api_census(app: Sphinx) -> None:
    """Note every public name and the members of each public class, before autodoc runs.

    Taken first because autodoc may add to a class's ``__annotations__`` what it finds on the class's
    bases (Sphinx 8 does), which would make inherited attributes look like the class's own.
    """
    _EXPECTED[:] = [(qualified, _public_members(obj) if inspect.isclass(obj) else [])
                    for qualified, obj in public_names()]


def check_api_coverage(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn about every public name, attribute or method that the API reference does not document."""
    python = _domain(env, "py")
    documented = set(python.objects) | set(python.modules)
    for qualified, members in _EXPECTED:
        if qualified not in documented:
            logger.warning("public name %s is not in the API reference (docs/api.rst)", qualified,
                           type="cablekit", subtype="coverage")
            continue
        if members:
            for member in members:
                if f"{qualified}.{member}" in app.config.cablekit_undocumented_ok:
                    continue
                if f"{qualified}.{member}" not in documented:
                    logger.warning("%s.%s is public but not documented (no docstring?)", qualified, member,
                                   type="cablekit", subtype="coverage")


def check_defects_described(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn when a defect code is not described in prose on the page that holds the defect table.

    The table itself is generated; the families below it are written by hand, and this keeps a new code
    from going unmentioned there.
    """
    where = _domain(env, "std").objects.get(("defect", next(iter(cablekit.DEFECT_CODES))))
    if where is None:
        logger.warning("no page has the defect table (.. cablekit-defect-table::)", type="cablekit",
                       subtype="defect")
        return
    docname = where[0]
    mentioned = getattr(env, "cablekit_defects_mentioned", {}).get(docname, set())
    for code in cablekit.DEFECT_CODES:
        if code not in mentioned:
            logger.warning("defect code %r is in the table but not described in the text of %s "
                           "(mention it with :defect:`%s`)", code, docname, code,
                           location=docname, type="cablekit", subtype="defect")


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """Forget what a re-read document said."""
    getattr(env, "cablekit_defects_mentioned", {}).pop(docname, None)


def merge_info(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    """Merge what parallel readers collected (unused while reading is serial, but kept correct)."""
    mine: dict[str, set[str]] = getattr(env, "cablekit_defects_mentioned", {})
    mine.update(getattr(other, "cablekit_defects_mentioned", {}))
    env.cablekit_defects_mentioned = mine  # type: ignore[attr-defined]


def check_anatomy_figure(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn when the committed anatomy figure is not what the script draws from the example today."""
    script = DOCS / "_scripts" / "anatomy.py"
    spec = importlib.util.spec_from_file_location("_cablekit_anatomy", script)
    if spec is None or spec.loader is None:  # pragma: no cover
        logger.warning("cannot load %s", script, type="cablekit", subtype="anatomy")
        return
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    for path in module.stale():
        logger.warning("%s is out of date: run `python docs/_scripts/anatomy.py` and commit the result",
                       path.relative_to(DOCS.parent), type="cablekit", subtype="anatomy")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives, the role and the checks."""
    app.add_directive("cablekit-defect-table", DefectTable)
    app.add_directive("cablekit-json-schema", JsonSchema)
    app.add_directive("cablekit-vocabulary", VocabularyTable)
    app.add_directive("cablekit-tables", TablesDirective)
    app.add_directive("cablekit-undocumented-data", UndocumentedData)
    app.add_config_value("cablekit_undocumented_ok", {}, "env", types=[dict])
    # Defect codes are objects of the standard domain (targets of the table's rows); the role that links
    # to them is ours, so that it checks the code against the registry.
    app.add_crossref_type("defect", "defect", objname="defect code")
    app.add_role_to_domain("std", "defect", DefectRole(), override=True)
    app.connect("builder-inited", take_api_census)
    app.connect("env-check-consistency", check_api_coverage)
    app.connect("env-check-consistency", check_anatomy_figure)
    app.connect("env-check-consistency", check_defects_described)
    app.connect("env-purge-doc", purge_doc)
    app.connect("doctree-read", docstring_examples_in_their_module)
    app.connect("autodoc-process-signature", no_constructor_types, priority=900)  # after autodoc records them
    app.connect("env-merge-info", merge_info)
    return {"version": cablekit.__version__, "parallel_read_safe": False, "parallel_write_safe": True,
            "env_version": 1}
