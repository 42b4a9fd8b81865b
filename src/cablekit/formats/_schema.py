"""The JSON Schema of the ``json`` format, derived from the model classes.

The package ships the schema as ``cablekit/schema/cable.schema.json``; a test
checks that the file equals what :func:`build_schema` derives, so the two
cannot drift.  Regenerate the file with ``python -m cablekit.formats._schema``.
"""

from __future__ import annotations

import enum
import itertools
import json
import types
import typing
from datetime import date, datetime
from importlib import resources
from typing import Any

import attrs

from .. import model

__all__ = ["SCHEMA_ID", "build_schema", "load_schema"]

SCHEMA_ID = "https://cablekit.invalid/schema/cable.schema.json"


def _doc(cls: type, name: str) -> str | None:
    """An attribute's docstring (the string literal after it in the class body), if any."""
    import ast
    import inspect
    import textwrap

    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):  # pragma: no cover - source not available
        return None
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    for node, after in itertools.pairwise(body):
        target = getattr(node, "target", None)
        if isinstance(node, ast.AnnAssign) and isinstance(target, ast.Name) and target.id == name \
                and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant) \
                and isinstance(after.value.value, str):
            return " ".join(after.value.value.split())
    return None


def _type_schema(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = [_type_schema(a, defs) for a in args if a is not type(None)]
        schema = options[0] if len(options) == 1 else {"anyOf": options}
        if type(None) in args:
            return {"anyOf": [schema, {"type": "null"}]}
        return schema
    if origin is tuple:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if hint is str:
        return {"type": "string"}
    if hint is int:
        return {"type": "integer"}
    if hint is datetime:
        return {"type": "string", "format": "date-time"}
    if hint is date:
        return {"type": "string", "format": "date"}
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        defs.setdefault(hint.__name__, {"description": " ".join((hint.__doc__ or "").split()),
                                        "enum": list(hint.__members__)})
        return {"$ref": f"#/$defs/{hint.__name__}"}
    if attrs.has(hint):
        _class_schema(hint, defs)
        return {"$ref": f"#/$defs/{hint.__name__}"}
    raise TypeError(f"no JSON Schema for {hint!r}")  # pragma: no cover - the model uses none


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    if cls.__name__ in defs:
        return dict(defs[cls.__name__])
    defs[cls.__name__] = {}
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        schema = _type_schema(hints[field.name], defs)
        description = _doc(cls, field.name)
        if description:
            schema = {**schema, "description": description} if "$ref" not in schema else {
                "allOf": [schema], "description": description}
        properties[field.name] = schema
        if field.default is attrs.NOTHING:
            required.append(field.name)
    entry: dict[str, Any] = {
        "type": "object",
        "description": " ".join((cls.__doc__ or "").split()),
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        entry["required"] = required
    defs[cls.__name__] = entry
    return entry


def build_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the ``json`` format, derived from :class:`cablekit.Cable`."""
    defs: dict[str, Any] = {}
    root = _class_schema(model.Cable, defs)
    del defs["Cable"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "cablekit Cable",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def load_schema() -> dict[str, Any]:
    """The schema file shipped in the package."""
    text = resources.files("cablekit").joinpath("schema/cable.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(build_schema(), indent=2, ensure_ascii=False))
