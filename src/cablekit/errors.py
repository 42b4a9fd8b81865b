"""Exceptions raised by cablekit.

Every exception cablekit raises on purpose is a :class:`CableError`, so one
``except cablekit.CableError`` is enough to guard a pipeline.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Defect

__all__ = ["CableError", "CableLoadError", "CableParseError", "FormatError"]


class CableError(Exception):
    """Base class of every error cablekit raises."""


class FormatError(CableError, LookupError):
    """A serializer format that is not registered, or that cannot read.

    The message lists the formats that are available:

    >>> import cablekit
    >>> try:
    ...     cablekit.dumps(cablekit.Cable(), format="yaml")
    ... except cablekit.FormatError as error:
    ...     print(error)
    unknown format 'yaml'; known formats: dict, json, markdown, text
    """


class CableLoadError(CableError, ValueError):
    """``loads`` was given data that is not a valid cable.

    :attr:`path` names the first bad field in JSONPath style (``$.paragraphs[3].number``)
    and :attr:`errors` lists every problem found, each with its path.
    """

    path: str
    """Where the first problem is, e.g. ``$.header.dtg``."""
    errors: tuple[str, ...]
    """Every problem found, as ``message @ path``."""

    def __init__(self, message: str, *, path: str = "$", errors: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.path = path
        self.errors = tuple(errors) or (message,)


class CableParseError(CableError, ValueError):
    """Strict parsing found text that lenient mode would have had to repair.

    The attributes describe the *first* problem; :attr:`defects` holds every
    problem found, so one run shows them all.  ``str(error)`` shows the
    offending source line with a caret under the column:

    >>> import cablekit
    >>> try:
    ...     cablekit.parse("1. (C) First.\\n\\n2, (C) Second.\\n", mode="strict")
    ... except cablekit.CableParseError as caught:
    ...     error = caught
    ...     print(error)
    line 3: paragraph marker '2,' is malformed (expected '2.')
        2, (C) Second.
         ^
    >>> error.code, error.line, error.column
    ('paragraph-marker-punctuation', 3, 2)
    """

    code: str
    """The defect code of the first problem."""
    line: int
    """1-based line of the first problem."""
    column: int
    """1-based column of the first problem."""
    text: str
    """The source line (or excerpt) of the first problem."""
    defects: tuple[Defect, ...]
    """Every problem found, in source order."""

    def __init__(self, message: str, *, code: str, line: int, column: int = 1,
                 text: str = "", defects: Sequence[Defect] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.line = line
        self.column = column
        self.text = text
        self.defects = tuple(defects)

    @classmethod
    def from_defects(cls, defects: Sequence[Defect]) -> CableParseError:
        """Build the error for a non-empty sequence of defects (first one wins)."""
        first = min(defects, key=lambda d: (d.line, d.column))
        return cls(first.message, code=first.code, line=first.line,
                   column=first.column, text=first.text, defects=defects)

    def __str__(self) -> str:
        head = f"line {self.line}: {self.message}"
        source = self.text.splitlines()[0] if self.text else ""
        if not source:
            return head
        shown = source.expandtabs(1)
        column = max(self.column, 1) - 1
        start = max(0, column - 40)
        window = shown[start:start + 100]
        prefix = "..." if start else ""
        suffix = "..." if start + 100 < len(shown) else ""
        caret = " " * (len(prefix) + column - start) + "^"
        return f"{head}\n    {prefix}{window}{suffix}\n    {caret}"

    def __reduce__(self) -> tuple[object, ...]:  # keep pickling working
        return (_rebuild, (self.message, self.code, self.line, self.column,
                           self.text, self.defects))


def _rebuild(message: str, code: str, line: int, column: int, text: str,
             defects: tuple[Defect, ...]) -> CableParseError:
    return CableParseError(message, code=code, line=line, column=column,
                           text=text, defects=defects)
