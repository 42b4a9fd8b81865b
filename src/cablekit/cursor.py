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
from collections.abc import Callable, Collection
from typing import Final, NamedTuple

from . import _kinds as K
from ._context import Context
from .fields import strip_links
from .tokens import Token, TokenKind, classify

__all__ = ["FIELD_ENDS", "Cursor", "Field"]

FIELD_ENDS: Final = frozenset({K.EO, K.TAGS, K.SUBJECT, K.REF, K.CLASSIFIED_BY, K.BANNER, K.CAVEAT,
                               K.PARAGRAPH, K.PAGE_BREAK, K.PAGE})
"""Kinds of line that end a head field's continuation lines."""

_REF_LABEL_START = re.compile(r"[ \t]*+(?:\u00b6|\u00c2\u00b6)?[ \t]?\(?(?P<label>[A-Z])[.)][ \t]")
_REF_LABEL = re.compile(r"(?:^|(?<=[\s;,\u00b6]))\(?([A-Z])[.)](?=[ \t])")
_BREAK_KINDS: Final = frozenset({K.PAGE_BREAK, K.PAGE})
_LEVEL_KINDS: Final = frozenset({K.CLASSIFICATION, K.TEXT})
_LEVEL_ENDS: Final = frozenset("LTDE \t")  # the last characters a lone level's line can have: the cheap test
_LONE_LEVEL = re.compile(r"[ \t]*+(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|TOP[ ]SECRET|LIMITED[ ]OFFICIAL[ ]USE)[ \t]*+")


class Field(NamedTuple):
    """A head field with its continuation lines joined: ``TAGS: PREL`` + ``PGOV`` → ``PREL PGOV``."""

    text: str
    """The field's value, its lines joined by single spaces (blanks inside a line collapsed too)."""
    line: int
    """The 1-based line of the cable text the field starts on."""
    links: tuple[int, ...] = ()
    """The 1-based lines of the field that carry Markdown link debris (``[PGOV](#)``)."""
    breaks: tuple[int, ...] = ()
    """The 1-based lines of page-break lines the field goes on over (a REF list cut by a page break)."""


def _next_label(text: str) -> str:
    """The label a REF list's next item should have: the letter after its last label (``B`` when it has none).

    >>> _next_label("A. STATE 12 B. RIGA 4"), _next_label("STATE 12")
    ('C', 'B')
    """
    last = None
    for m in _REF_LABEL.finditer(text):
        last = m.group(1)
    return "B" if last is None else chr(min(ord(last) + 1, ord("Z")))


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

    def put_back(self, text: str) -> None:
        """Make *text*, the end of the line before the cursor that a field did not claim, a line to read next.

        The line before the cursor becomes *text* (its kind read again), and the cursor moves onto it:
        the text keeps its line number, and the readers after the field read it as the cable's text.
        """
        at = self.pos - 1
        self.lines[at] = text
        self.kinds[at] = classify([text])[0]
        self._tokens.pop(at, None)
        self.pos = at

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

    def take_field(self, first: str, *, refs: bool = False, stop: Callable[[str, str], bool] | None = None) -> Field:
        """Take the field that starts on the cursor's line, whose value there is *first*.

        The field goes on over the lines after it up to a blank line or a line
        of a kind in :data:`FIELD_ENDS`; a label alone on its line takes its
        value from the line after it, even past one blank line.  With *refs* (a
        REF list), a blank line followed by a labelled item (``B. STATE
        12345``), page-break lines followed by one (listed in
        :attr:`Field.breaks`), and a line opened by a paragraph marker left as
        Markdown link debris (``[1](#)1. B. …``), go on too.  *stop*, given the
        field's last lines so far (up to three, joined: a long field costs no
        more a line) and the next line, can end the field before that line.
        The cursor ends on the line after the field.
        """
        kinds, lines = self.kinds, self.lines
        start = self.pos
        parts = [first]
        breaks: list[int] = []
        pos = start + 1 if first.strip() else self._value_after_label(start + 1)
        while pos < len(kinds):
            kind = kinds[pos]
            if kind is K.BLANK or (refs and (kind in _BREAK_KINDS or self._lone_level(pos))):
                after = self._labelled_item_after(pos, parts) if refs else None
                if after is None:
                    break
                breaks.extend(i + 1 for i in range(pos, after) if kinds[i] is not K.BLANK)
                pos = after
                continue
            if kind in FIELD_ENDS and not (refs and kind is K.PARAGRAPH and self._link_marker(pos)):
                break
            if stop is not None and stop(" ".join(parts[-3:]), lines[pos]):  # the last lines: linear on long fields
                break
            if kind in _LEVEL_KINDS and self.footer(pos):
                break  # a page's footer and the page line after it: the field ends (a reader may go on after them)
            parts.append(lines[pos])
            pos += 1
        self.pos = pos
        text = " ".join(" ".join(part.split()) for part in parts if part.strip())
        links = tuple(index + 1 for index in range(start, pos) if "](#" in lines[index])
        return Field(text, start + 1, links, tuple(breaks))

    def _value_after_label(self, pos: int) -> int:
        """Where the value of a label alone on its line starts: the next line, or the one after a blank line."""
        kinds = self.kinds
        if pos + 1 < len(kinds) and kinds[pos] is K.BLANK and kinds[pos + 1] is K.TEXT:
            return pos + 1
        return pos

    def _link_marker(self, pos: int) -> bool:
        """Whether the PARAGRAPH line at *pos* opens with a marker made of Markdown link debris (``[1](#)1.``)."""
        return (self.token(pos).group("p_prefix") or "").startswith("[")

    def _labelled_item_after(self, pos: int, parts: list[str]) -> int | None:
        """The index of the REF item after the blank and page-break lines, if it is labelled (``B. …``, ``¶B. …``).

        Only the next label in sequence after the list's text *parts* counts: a
        paragraph marking such as ``(U)`` or ``(C)`` after the list is not an item.
        """
        kinds = self.kinds
        after = pos
        while after < len(kinds) and (kinds[after] is K.BLANK or kinds[after] in _BREAK_KINDS
                                      or self._lone_level(after)):
            after += 1
        if after < len(kinds) and kinds[after] is K.TEXT:
            m = _REF_LABEL_START.match(strip_links(self.lines[after]))
            if m is not None and m.group("label") == _next_label(" ".join(parts)):
                return after
        return None

    def footer(self, pos: int) -> bool:
        """Whether line *pos* is a page's footer, with the next page's page line after it.

        A footer is a classification alone (``CONFIDENTIAL``, often indented); blank lines may
        stand between it and the page line.

        >>> cursor = Cursor(["SUBJECT: TALKS", "      CONFIDENTIAL", "", "PAGE 02 ROME 01234 01 OF 02 121314Z"],
        ...                 Context())
        >>> cursor.footer(1), cursor.footer(0)
        (True, False)
        """
        if self.lines[pos][-1:] not in _LEVEL_ENDS or not self._lone_level(pos):
            return False
        kinds = self.kinds
        at = pos + 1
        while at < len(kinds) and kinds[at] is K.BLANK and at - pos <= 2:
            at += 1
        return at < len(kinds) and kinds[at] in _BREAK_KINDS

    def _lone_level(self, pos: int) -> bool:
        """Whether line *pos* is a classification alone, as a page break repeats it (``CONFIDENTIAL``)."""
        return self.kinds[pos] in _LEVEL_KINDS and _LONE_LEVEL.fullmatch(self.lines[pos]) is not None
