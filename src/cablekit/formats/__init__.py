"""Formats (serializers): write a :class:`~cablekit.Cable` out in any registered format, read it back where possible.

A serializer is any object with a ``name``, a ``dumps(cable, **options)``
method returning :class:`str` or :class:`bytes`, and optionally a
``loads(data)`` method returning a :class:`~cablekit.Cable`.  The built-ins
are ``json``, ``dict``, ``text`` and ``markdown``.  Third parties add theirs
with :func:`register_serializer` or through the ``cablekit.serializers``
entry-point group, whose entries name a serializer object (or a class that
builds one with no arguments).

>>> import cablekit
>>> sorted(cablekit.serializers())
['dict', 'json', 'markdown', 'text']
>>> cable = cablekit.parse("UNCLAS SECTION 01 OF 01 STATE 000123\\n\\nSUBJECT: TEST\\n")
>>> cablekit.loads(cablekit.dumps(cable, "json"), "json") == cable
True
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from importlib import metadata as importlib_metadata
from typing import Any, Protocol, runtime_checkable

from ..errors import FormatError
from ..model import Cable

__all__ = ["ENTRY_POINT_GROUP", "Reader", "Serializer", "dumps", "loads", "register_serializer", "serializers"]

log = logging.getLogger("cablekit")

ENTRY_POINT_GROUP = "cablekit.serializers"
"""The entry-point group third-party serializers register under."""


@runtime_checkable
class Serializer(Protocol):
    """What a serializer provides: a ``name`` and a ``dumps`` method.

    A serializer that can also read its format back provides ``loads`` too
    (see :class:`Reader`).
    """

    @property
    def name(self) -> str:
        """The format name users pass as ``format=``."""
        ...

    dumps: Callable[..., object]
    """``dumps(cable, **options)``: write the cable in this format, as :class:`str` or :class:`bytes`
    (the built-in ``dict`` format returns a dict). Options are the serializer's own keywords."""


@runtime_checkable
class Reader(Serializer, Protocol):
    """A serializer that can read its format back."""

    loads: Callable[[Any], Cable]
    """``loads(data)``: read a cable written in this format."""


_registered: dict[str, Serializer] = {}


def register_serializer(serializer: Serializer, *, replace: bool = False) -> Serializer:
    """Make *serializer* available under its ``name`` (returns it, so it can decorate an instance).

    Registering a second serializer under a taken name raises
    :class:`ValueError` unless *replace* is true.
    """
    name = getattr(serializer, "name", None)
    if not isinstance(name, str) or not name or not callable(getattr(serializer, "dumps", None)):
        raise TypeError("a serializer needs a non-empty str 'name' and a 'dumps' method")
    if name in _builtins() and not replace:
        raise ValueError(f"{name!r} is a built-in format; pass replace=True to override it")
    if name in _registered and _registered[name] is not serializer and not replace:
        raise ValueError(f"a serializer named {name!r} is already registered")
    _registered[name] = serializer
    return serializer


_BUILTINS: dict[str, Serializer] = {}


def _builtins() -> dict[str, Serializer]:
    if not _BUILTINS:  # on first use, so that importing cablekit does not import cattrs
        from ._json import DICT, JSON
        from ._markdown import MARKDOWN
        from ._text import TEXT

        builtins: tuple[Any, ...] = (JSON, DICT, TEXT, MARKDOWN)
        _BUILTINS.update((s.name, s) for s in builtins)
    return _BUILTINS


def _plugins() -> dict[str, Serializer]:
    found: dict[str, Serializer] = {}
    for entry in importlib_metadata.entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = entry.load()
            if isinstance(obj, type):
                obj = obj()
        except Exception:  # a broken plugin must not break cablekit
            log.warning("cablekit: could not load serializer entry point %r", entry.value, exc_info=True)
            continue
        name = getattr(obj, "name", entry.name)
        if isinstance(obj, Serializer):
            found.setdefault(name, obj)
        else:
            log.warning("cablekit: entry point %r is not a serializer (needs 'name' and 'dumps')", entry.value)
    return found


def serializers() -> Mapping[str, Serializer]:
    """Every available serializer by name: built-ins, registered ones and entry-point plugins."""
    available: dict[str, Serializer] = {}
    available.update(_plugins())
    available.update(_registered)
    for name, builtin in _builtins().items():
        if name not in _registered:
            available[name] = builtin
    return dict(sorted(available.items()))


def _get(format: str) -> Serializer:
    builtins = _builtins()
    if format in _registered:
        return _registered[format]
    if format in builtins:
        return builtins[format]
    available = serializers()
    if format in available:
        return available[format]
    raise FormatError(f"unknown format {format!r}; known formats: {', '.join(available)}")


def dumps(cable: Cable, format: str = "json", **options: Any) -> Any:
    """Write *cable* in *format* (``json``, ``dict``, ``text``, ``markdown`` or a plugin's).

    *options* go to the serializer: ``indent`` and ``compact`` for ``json``.
    Raises :class:`~cablekit.FormatError` for an unknown format.
    """
    return _get(format).dumps(cable, **options)


def loads(data: Any, format: str = "json") -> Cable:
    """Read a cable written in *format*.

    Raises :class:`~cablekit.FormatError` when the format is unknown or
    cannot be read back, and :class:`~cablekit.CableLoadError` (naming the
    path of the bad field) when *data* is not a valid cable.
    """
    serializer = _get(format)
    reader = getattr(serializer, "loads", None)
    if not callable(reader):
        readable = ", ".join(n for n, s in serializers().items() if callable(getattr(s, "loads", None)))
        raise FormatError(f"format {format!r} cannot be read back; formats that can: {readable}")
    cable = reader(data)
    if not isinstance(cable, Cable):
        raise FormatError(f"the {format!r} serializer's loads() returned {type(cable).__name__}, not a Cable")
    return cable
