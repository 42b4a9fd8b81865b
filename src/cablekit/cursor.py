"""A cursor over the lines of a cable, shared by the section readers.

The parser reads a cable top to bottom in sections (transmission header, head,
body).  Each reader looks at the line under a :class:`Cursor`, by its kind, and
either claims it (moving the cursor on) or leaves it to the next section.
Tokens, with their decoded parts, are built only for the lines a reader asks
about; the body is read from the kinds alone.

>>> from cablekit._context import Context
>>> cursor = Cursor(["TAGS: PREL PGOV", "EN RS", "", "1. (C) Text."], Context())
>>> cursor.kind().name
'TAGS'
>>> field = cursor.take_field(cursor.token().group("tags") or "")
>>> field.text, field.line, cursor.peek_kind().name
('PREL PGOV EN RS', 1, 'PARAGRAPH')
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Final, NamedTuple

from . import _kinds as K
from ._context import Context
from .fields import strip_links
from .tokens import Token, TokenKind, classify

__all__ = ["FIELD_ENDS", "Cursor", "Field"]

FIELD_ENDS: Final = frozenset({K.EO, K.TAGS, K.SUBJECT, K.REF, K.CLASSIFIED_BY, K.BANNER, K.CAVEAT,
                               K.PARAGRAPH, K.PAGE_BREAK, K.PAGE})
"""Kinds of line that end a head field's continuation lines."""

_REF_LABEL_START = re.compile(r"[ \t]*+(?:\([A-Z]\)|[A-Z][.)])[ \t]")


class Field(NamedTuple):
    """A head field with its continuation lines joined: ``TAGS: PREL`` + ``PGOV`` → ``PREL PGOV``."""

    text: str
    """The field's value, its lines joined by single spaces (blanks inside a line collapsed too)."""
    line: int
    """The 1-based line of the cable text the field starts on."""
    links: tuple[int, ...] = ()
    """The 1-based lines of the field that carry Markdown link debris (``[PGOV](#)``)."""


class Cursor:
    """A position in the lines of a cable, with the kind of every line.

    *lines* are the lines of the cable text without their line endings;
    *ctx* is where the readers report defects.
    """

    __slots__ = ("_tokens", "ctx", "kinds", "lines", "pos")

    lines: list[str]
    kinds: list[TokenKind]
    ctx: Context
    pos: int

    def __init__(self, lines: list[str], ctx: Context) -> None:
        self.lines = lines
        self.kinds = classify(lines)
        self.ctx = ctx
        self.pos = 0
        self._tokens: dict[int, Token] = {}

    def at_end(self) -> bool:
        """Whether every line has been read."""
        return self.pos >= len(self.kinds)

    def kind(self) -> TokenKind | None:
        """The kind of the line under the cursor, ``None`` at the end."""
        return self.kinds[self.pos] if self.pos < len(self.kinds) else None

    def token(self, pos: int | None = None) -> Token:
        """The token of the line at index *pos* (the cursor's line by default), built once."""
        at = self.pos if pos is None else pos
        token = self._tokens.get(at)
        if token is None:
            token = self._tokens[at] = Token(self.kinds[at], at + 1, self.lines[at])
        return token

    def peek_kind(self, pos: int | None = None) -> TokenKind | None:
        """The kind of the first line from *pos* (the cursor's line by default) that is not blank."""
        kinds = self.kinds
        at = self.pos if pos is None else pos
        while at < len(kinds) and kinds[at] is K.BLANK:
            at += 1
        return kinds[at] if at < len(kinds) else None

    def skip(self, kinds: Collection[TokenKind]) -> None:
        """Move past the lines whose kind is one of *kinds*."""
        all_kinds = self.kinds
        while self.pos < len(all_kinds) and all_kinds[self.pos] in kinds:
            self.pos += 1

    def take_field(self, first: str, *, refs: bool = False) -> Field:
        """Take the field that starts on the cursor's line, whose value there is *first*.

        The field goes on over the lines after it up to a blank line or a line
        of a kind in :data:`FIELD_ENDS`.  With *refs* (a REF list), a blank line
        followed by a labelled item (``B. STATE 12345``), and a line opened by a
        paragraph marker left as link debris (``[1](#)B. …``), go on too.  The
        cursor ends on the line after the field.
        """
        kinds, lines = self.kinds, self.lines
        start = self.pos
        parts = [first]
        pos = start + 1
        while pos < len(kinds):
            kind = kinds[pos]
            if kind is K.BLANK:
                if refs:
                    after = self._labelled_item_after(pos)
                    if after is not None:
                        pos = after
                        continue
                break
            if kind in FIELD_ENDS and not (refs and kind is K.PARAGRAPH and self.token(pos).group("p_prefix")):
                break
            parts.append(lines[pos])
            pos += 1
        self.pos = pos
        text = " ".join(" ".join(part.split()) for part in parts if part.strip())
        links = tuple(index + 1 for index in range(start, pos) if "](#" in lines[index])
        return Field(text, start + 1, links)

    def _labelled_item_after(self, pos: int) -> int | None:
        """The index of a labelled REF item (``B. …``) after the blank lines at *pos*, if one follows."""
        kinds = self.kinds
        after = pos
        while after < len(kinds) and kinds[after] is K.BLANK:
            after += 1
        if after < len(kinds) and kinds[after] is K.TEXT and _REF_LABEL_START.match(strip_links(self.lines[after])):
            return after
        return None
