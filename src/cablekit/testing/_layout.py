"""Where things stand in a cable text: the working lines of the damage transforms and their layout.

The transforms of :mod:`cablekit.testing.damage` edit a list of lines.  Each
line remembers which strikes touched it, so that line numbers stay right when
later transforms insert, split or remove lines.  :func:`layout` finds the
parts of the text a transform may damage (paragraph lines, the head block,
the TAGS and REF fields) with cablekit's own tokenizer and a lenient parse.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Final

import attrs
import regex

from ..body import ends_sentence
from ..fields import strip_links
from ..model import Cable
from ..parser import parse
from ..tokens import TokenKind, tokenize
from ..vocabulary import BULLET, FRONT_MATTER

__all__ = ["Layout", "Line", "Lines", "continues", "layout", "split_points"]

_FIELDS: Final = frozenset({TokenKind.TAGS, TokenKind.SUBJECT, TokenKind.REF, TokenKind.CLASSIFIED_BY})
_STOPS: Final = _FIELDS | {TokenKind.EO, TokenKind.BANNER, TokenKind.CAVEAT, TokenKind.PARAGRAPH,
                           TokenKind.PAGE_BREAK, TokenKind.PAGE, TokenKind.BLANK, TokenKind.CLASSIFICATION}
_NOT_TEXT: Final = frozenset({TokenKind.BLANK, TokenKind.PAGE_BREAK, TokenKind.PAGE, TokenKind.BANNER,
                              TokenKind.CLASSIFICATION, TokenKind.END, TokenKind.BT, TokenKind.CAVEAT})
# Where the text of a line starts: after a paragraph marker and marking, or after a field's keyword.
_MARKER_PREFIX: Final = regex.compile(r"[^ ]*?\d{1,3}[.,][ \t]*+(?:\([^()]{1,24}\)[ \t]*+)?")
_FIELD_PREFIX: Final = regex.compile(r"(?:(?i:classified[ ]by)|TAGS|SUBJECT|SUBJ|REFS?)[ ]*+:?[ ]*+")


@attrs.define
class Line:
    """One line of the text being damaged."""

    text: str
    cr: bool = False
    marks: frozenset[int] = frozenset()


class Lines:
    """The text being damaged, as lines that remember which strikes touched them."""

    def __init__(self, lines: list[Line], strike: int) -> None:
        self.lines = lines
        self.strike = strike

    @classmethod
    def of(cls, text: str, marks: Sequence[frozenset[int]] = ()) -> Lines:
        """Cut *text* into lines (a final newline leaves an empty last line, as in the parser's count)."""
        lines = []
        for index, raw in enumerate(text.split("\n")):
            cr = raw.endswith("\r")
            lines.append(Line(raw[:-1] if cr else raw, cr, marks[index] if index < len(marks) else frozenset()))
        return cls(lines, 0)

    @property
    def text(self) -> str:
        """The text as it stands."""
        return "\n".join(line.text + ("\r" if line.cr else "") for line in self.lines)

    def touch(self, index: int, text: str | None = None) -> None:
        """Mark line *index* as struck (and give it new text)."""
        line = self.lines[index]
        if text is not None:
            line.text = text
        line.marks = line.marks | {self.strike}

    def insert(self, index: int, texts: Iterable[str], *, touched: bool = True, cr: bool | None = None) -> int:
        """Insert lines before line *index*; returns how many."""
        ending = self.lines[min(index, len(self.lines) - 1)].cr if cr is None and self.lines else bool(cr)
        new = [Line(text, ending, frozenset({self.strike}) if touched else frozenset()) for text in texts]
        self.lines[index:index] = new
        return len(new)

    def split(self, index: int, at: int, between: Sequence[str] = (), *, touch_rest: bool = True) -> None:
        """Cut line *index* at the space at column *at*, putting lines *between* the two pieces.

        Both pieces keep the marks of the line (its earlier damage is in one of them).
        """
        line = self.lines[index]
        head, rest = line.text[:at], line.text[at + 1:]
        marks = line.marks | {self.strike} if touch_rest else line.marks
        line.text = head
        middle = [Line(text, line.cr, frozenset({self.strike})) for text in between]
        self.lines[index + 1:index + 1] = [*middle, Line(rest, line.cr, marks)]

    def struck(self, strike: int) -> tuple[int, ...]:
        """The 1-based lines struck by strike number *strike*."""
        return tuple(n for n, line in enumerate(self.lines, 1) if strike in line.marks)


@attrs.frozen
class Paragraph:
    """Where one paragraph's text stands: its number and the indexes of its lines (first line first)."""

    number: int | None
    lines: tuple[int, ...]


@attrs.frozen
class Layout:
    """The parts of a cable text the transforms damage (all 0-based line indexes)."""

    kinds: tuple[TokenKind, ...]
    paragraphs: tuple[Paragraph, ...]
    head: tuple[int, int] | None
    """First (the banner) and last line of the head block."""
    fields: tuple[tuple[TokenKind, tuple[int, ...]], ...]
    """TAGS, SUBJECT, REF and Classified By fields of the head, with their continuation lines."""
    front_matter: int
    """How many lines of cablekit's own front matter (``Key: value``) open the text."""

    def marker_line(self, paragraph: Paragraph, lines: Lines) -> bool:
        """Whether *paragraph* opens with a clean marker: ``f"{number}."`` and a space or nothing."""
        if paragraph.number is None or not paragraph.lines:
            return False
        text = lines.lines[paragraph.lines[0]].text
        lead = f"{paragraph.number}."
        return text.startswith(lead) and text[len(lead):len(lead) + 1] in ("", " ")


@functools.lru_cache(maxsize=65_536)
def _kind(text: str) -> TokenKind:
    token = next(tokenize(text), None)
    return token.kind if token is not None else TokenKind.BLANK


def _block_before(kinds: Sequence[TokenKind], index: int) -> int:
    """The first line of the block of non-blank lines that ends just above the blank run before *index*."""
    i = index - 1
    while i >= 0 and kinds[i] is TokenKind.BLANK:
        i -= 1
    while i > 0 and kinds[i - 1] is not TokenKind.BLANK:
        i -= 1
    return max(i, 0)


def _front_matter(texts: Sequence[str]) -> int:
    """How many lines of front matter open the text (none unless a blank line or nothing follows them)."""
    front = 0
    while front < len(texts) and FRONT_MATTER.fullmatch(texts[front]):
        front += 1
    if front and (front == len(texts) or texts[front].strip()):
        return 0
    return front


def _paragraphs(cable: Cable, texts: Sequence[str], kinds: Sequence[TokenKind]) -> tuple[Paragraph, ...]:
    """Each paragraph's text lines: up to the next paragraph's heading or marker, or the signers at the end."""
    starts = [p.line - 1 for p in cable.paragraphs]
    found: list[Paragraph] = []
    for k, paragraph in enumerate(cable.paragraphs):
        start = starts[k]
        end = starts[k + 1] if k + 1 < len(starts) else len(texts)
        if k + 1 < len(starts) and cable.paragraphs[k + 1].heading:
            end = _block_before(kinds, end)
        if k + 1 == len(starts) and cable.signers:
            end = len(texts)
            while end > start and (kinds[end - 1] is TokenKind.BLANK or texts[end - 1].strip() in cable.signers):
                end -= 1
        own = tuple(i for i in range(start, end) if kinds[i] not in _NOT_TEXT)
        found.append(Paragraph(paragraph.number, own))
    return tuple(found)


def _body_start(cable: Cable, texts: Sequence[str], kinds: Sequence[TokenKind]) -> int:
    """The first line of the body: the first paragraph (or its heading), else the signer, else the end."""
    if cable.paragraphs:
        start = cable.paragraphs[0].line - 1
        return _block_before(kinds, start) if cable.paragraphs[0].heading else start
    if cable.signers:
        return next((i for i in range(len(texts)) if texts[i].strip() in cable.signers), len(texts))
    return len(texts)


def _head_block(kinds: Sequence[TokenKind], front: int, body: int) -> tuple[int, int] | None:
    """The banner's line and the last non-blank line before the body, or ``None`` without a banner."""
    banner = next((i for i in range(front, body) if kinds[i] is TokenKind.BANNER), None)
    if banner is None:
        return None
    last = body - 1
    while last > banner and kinds[last] is TokenKind.BLANK:
        last -= 1
    return banner, last


def _head_fields(kinds: Sequence[TokenKind], front: int, body: int) -> tuple[tuple[TokenKind, tuple[int, ...]], ...]:
    """The TAGS, SUBJECT, REF and Classified By fields before the body, each with its continuation lines."""
    fields: list[tuple[TokenKind, tuple[int, ...]]] = []
    for i in range(front, body):
        if kinds[i] in _FIELDS:
            group = [i]
            while group[-1] + 1 < body and kinds[group[-1] + 1] not in _STOPS:
                group.append(group[-1] + 1)
            fields.append((kinds[i], tuple(group)))
    return tuple(fields)


def layout(lines: Lines) -> Layout:
    """Find the paragraphs, head block and head fields of the text."""
    texts = [line.text for line in lines.lines]
    kinds = tuple(_kind(text) for text in texts)
    cable = parse(lines.text)
    front = _front_matter(texts)
    body = _body_start(cable, texts, kinds)
    return Layout(kinds, _paragraphs(cable, texts, kinds), _head_block(kinds, front, body),
                  _head_fields(kinds, front, body), front)


def continues(before: str, after: str) -> bool:
    """Whether a line break between *before* and *after* reads as a hard wrap (nothing else)."""
    return (bool(before.strip()) and bool(after.strip()) and not before.endswith(("-", " "))
            and not after.startswith(" ") and _kind(after) is TokenKind.TEXT
            and BULLET.match(strip_links(after)) is None)


def split_points(text: str, *, first: bool, mid_sentence: bool = False) -> list[int]:
    """Columns of the spaces where *text* can be cut in two, the rest read as a continuation.

    *first* protects a paragraph marker and marking (or a field's keyword) at
    the start of the line; *mid_sentence* keeps only cuts inside a sentence.
    """
    start = 0
    if first:
        m = _MARKER_PREFIX.match(text) or _FIELD_PREFIX.match(text)
        start = m.end() if m else 0
    item = BULLET.match(text, start)  # what normalize() keeps on a line of its own, and reference labels
    if item is not None:  # a list item's bullet stays with the item's first word
        start = item.end()
    points = []
    for at in range(start + 1, len(text) - 1):
        if text[at] != " " or text[at - 1] == " " or text[at + 1] == " ":
            continue
        before, after = text[:at], text[at + 1:]
        if mid_sentence and ends_sentence(before):
            continue
        if before[start:].strip() and continues(before, after):
            points.append(at)
    return points
