"""The ``json`` and ``dict`` serializers (one data shape, documented by the shipped JSON Schema)."""

from __future__ import annotations

import json
from typing import Any, Final

from ..errors import CableLoadError
from ..model import Cable
from ._convert import structure_cable, unstructure_cable

__all__ = ["DICT", "JSON", "DictSerializer", "JsonSerializer"]


class JsonSerializer:
    """JSON text in the schema of ``cablekit/schema/cable.schema.json``.

    Options of :meth:`dumps`: ``indent`` (spaces per level; the default,
    ``None``, writes one line, as :func:`json.dumps` does) and ``compact`` (one
    line, no spaces after separators).  Indented output takes about three times
    as long, as the standard library writes it in Python rather than in C.
    """

    name: Final = "json"

    def dumps(self, cable: Cable, *, indent: int | None = None, compact: bool = False,
              sort_keys: bool = False) -> str:
        """Write *cable* as JSON."""
        data = unstructure_cable(cable)
        if compact:
            return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys)
        return json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=sort_keys)

    def loads(self, data: str | bytes | bytearray) -> Cable:
        """Read a cable from JSON text; :class:`~cablekit.CableLoadError` names what is wrong and where."""
        if not isinstance(data, (str, bytes, bytearray)):
            raise CableLoadError(f"JSON input must be str or bytes, not {type(data).__name__}", path="$")
        try:
            value = json.loads(data)
        except json.JSONDecodeError as error:
            raise CableLoadError(f"malformed JSON: {error.msg} at line {error.lineno}, column {error.colno}",
                                 path="$") from None
        except (ValueError, RecursionError) as error:
            raise CableLoadError(f"malformed JSON: {error}", path="$") from None
        return structure_cable(value)


class DictSerializer:
    """The same data as :class:`JsonSerializer`, as plain Python objects (dicts, lists, str, int, None)."""

    name: Final = "dict"

    def dumps(self, cable: Cable) -> dict[str, Any]:
        """The cable as a plain dict."""
        return unstructure_cable(cable)

    def loads(self, data: Any) -> Cable:
        """Build a cable from a plain dict."""
        return structure_cable(data)


JSON: Final = JsonSerializer()
DICT: Final = DictSerializer()
