"""Reading an option given as an enum member or as its value's name: ``"strict"``, ``"FATAL"``."""

from __future__ import annotations

import enum
from typing import TypeVar

E = TypeVar("E", bound=enum.Enum)


def choice(kind: type[E], value: E | str, argument: str) -> E:
    """*value* as a member of *kind*: a member, or its value in any case.

    Raises:
        ValueError: *value* names no member; the message lists the values *argument* takes.
    """
    if isinstance(value, kind):
        return value
    try:
        return kind(str(value).lower())
    except ValueError:
        known = [repr(member.value) for member in kind]
        either = " or ".join([", ".join(known[:-1]), known[-1]] if len(known) > 1 else known)
        raise ValueError(f"{argument} must be {either}, not {value!r}") from None
