"""The one cattrs converter cablekit owns: the documented data shape of a cable.

Enums are written as their names, datetimes and dates in ISO 8601, tuples as
lists, missing values as ``None``.  Structuring validates every value and
rejects unknown keys, so a bad document fails with the path of the bad field.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.fns import identity

from ..errors import CableLoadError
from ..model import Cable

__all__ = ["converter", "structure_cable", "unstructure_cable"]

E = TypeVar("E", bound=enum.Enum)

converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
"""The converter shared by every serializer (private to cablekit)."""


def _enum_by_name(value: Any, kind: type[E]) -> E:
    if not isinstance(value, str):
        raise TypeError(f"expected the name of a {kind.__name__} member, got {type(value).__name__}")
    try:
        return kind[value]
    except KeyError:
        names = ", ".join(kind.__members__)
        raise ValueError(f"{value!r} is not a {kind.__name__} (one of: {names})") from None


def _datetime(value: Any, _: type[datetime]) -> datetime:
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO 8601 date and time, got {type(value).__name__}")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone (cablekit's times are UTC)")
    return parsed.astimezone(UTC)


def _date(value: Any, _: type[date]) -> date:
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO 8601 date, got {type(value).__name__}")
    return date.fromisoformat(value)


def _strict(kind: type) -> Any:
    def check(value: Any, _: type) -> Any:
        if type(value) is not kind:
            raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
        return value

    return check


def _tuple_hook(kind: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
    """Tuples come from JSON arrays only: a string or an object where a list belongs is an error."""
    item = typing.get_args(kind)[0]

    def structure(value: Any, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, (list, tuple)):
            raise TypeError(f"expected a list, got {type(value).__name__}")
        items = []
        errors: list[Exception] = []
        for index, element in enumerate(value):
            try:
                items.append(converter.structure(element, item))
            except Exception as error:
                notes = [*getattr(error, "__notes__", []),
                         IterableValidationNote(f"Structuring item @ index {index}", index, item)]
                setattr(error, "__notes__", notes)  # noqa: B010 - how cattrs attaches paths
                errors.append(error)
        if errors:
            raise IterableValidationError(f"While structuring {kind!r}", errors, kind)
        return tuple(items)

    return structure


def _is_tuple(kind: Any) -> bool:
    return typing.get_origin(kind) is tuple


converter.register_structure_hook_factory(_is_tuple, _tuple_hook)
converter.register_unstructure_hook_func(lambda t: isinstance(t, type) and issubclass(t, enum.Enum),
                                         lambda member: member.name)
converter.register_structure_hook_func(lambda t: isinstance(t, type) and issubclass(t, enum.Enum),
                                       _enum_by_name)
# A str or int that may be None is written as it is: without this hook, cattrs looks up the
# unstructure function of the value's type for every such field of every object.
converter.register_unstructure_hook_func(lambda t: t in (str | None, int | None), identity)
converter.register_unstructure_hook(datetime, lambda value: value.isoformat())
converter.register_structure_hook(datetime, _datetime)
converter.register_unstructure_hook(date, lambda value: value.isoformat())
converter.register_structure_hook(date, _date)
for _kind in (str, int):
    converter.register_structure_hook(_kind, _strict(_kind))


def unstructure_cable(cable: Cable) -> dict[str, Any]:
    """The cable as plain data (dicts, lists, strings, numbers, ``None``)."""
    if not isinstance(cable, Cable):
        raise TypeError(f"expected a cablekit.Cable, got {type(cable).__name__}")
    data: dict[str, Any] = converter.unstructure(cable)
    return data


def structure_cable(data: Any) -> Cable:
    """Build a :class:`Cable` from plain data, or raise :class:`CableLoadError` naming each bad field."""
    if not isinstance(data, dict):
        raise CableLoadError(f"a cable must be an object, not {type(data).__name__}", path="$",
                             errors=(f"expected an object @ $, got {type(data).__name__}",))
    try:
        return converter.structure(data, Cable)
    except (ClassValidationError, IterableValidationError, ForbiddenExtraKeysError) as error:
        messages = tuple(cattrs.transform_error(error, path="$", format_exception=_describe))
        first = messages[0] if messages else "invalid cable"
        path = first.rsplit(" @ ", 1)[-1] if " @ " in first else "$"
        raise CableLoadError(f"invalid cable: {first}" + (f" (and {len(messages) - 1} more)"
                             if len(messages) > 1 else ""), path=path, errors=messages) from None
    except (TypeError, ValueError, KeyError) as error:  # pragma: no cover - cattrs wraps these
        raise CableLoadError(f"invalid cable: {error}", path="$", errors=(str(error),)) from None


def _describe(error: BaseException, type_: Any) -> str:
    if isinstance(error, KeyError):
        return "required field missing"
    if isinstance(error, ForbiddenExtraKeysError):
        return f"unknown field(s): {', '.join(sorted(map(str, error.extra_fields)))}"  # (a key may be no str)
    return str(error) or type(error).__name__
