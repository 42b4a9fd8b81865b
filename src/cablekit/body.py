"""The body: paragraphs with their true numbers, headings, summary and signers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

import attrs

from . import _kinds as K
from ._context import Context
from .cursor import Cursor
from .defects import DefectCode as D
from .fields import LINK
from .model import Paragraph
from .tokens import PARAGRAPH_MARKER

__all__ = ["Body", "BodyState", "ends_sentence", "read_body", "summary_of"]

_MARKING = re.compile(
    r"\((?P<mark>(?:U|C|S|TS|SBU|LOU|FOUO|CUI|S[ ]?B[ ]?U)"
    r"(?:[ ]?/{1,2}[ ]?[A-Z]{1,10}(?:[ -][A-Z]{1,10})?){0,3}(?:[ ]*+-[ ]*+ENTIRE[ ]TEXT)?)\)[ \t]*+"
)
# A paragraph marker: the PARAGRAPH pattern but its rest-of-line tail, which the caller slices off (much faster).
_MARKER_LINE: Final = PARAGRAPH_MARKER
_SIGNER_WORD = re.compile(r"[A-Z][A-Za-z'\-]{0,25}|[A-Z]\.")
_NOT_SIGNER: Final = frozenset({"END", "COMMENT", "SUMMARY", "NOTE", "TEXT", "BT", "NNNN", "SIPDIS",
                                "UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "NOFORN", "SENSITIVE", "BEGIN"})
_BREAK_KINDS: Final = frozenset({K.PAGE_BREAK, K.PAGE})
_ARTIFACT_KINDS: Final = frozenset({K.BANNER, K.CLASSIFICATION})
_END_KINDS: Final = frozenset({K.END, K.BT})


_CLOSERS = "\"'”’)]"
_SENTENCE_ENDS = frozenset(".!?:;")
_CLAUSE_ENDS = frozenset(".,;")


def ends_sentence(text: str) -> bool:
    """Whether *text* ends a sentence (or a list lead-in) rather than breaking mid-sentence."""
    return text.rstrip().rstrip(_CLOSERS)[-1:] in _SENTENCE_ENDS


def _is_rule(text: str) -> bool:
    """Whether *text* (stripped) is a rule of dashes, underscores, stars … (``-------``)."""
    return len(text) >= 3 and not text.strip("-_=*~ ")


@attrs.define
class _Para:
    number: int | None
    marker: str
    marking: str | None
    heading: str | None
    lines: list[str] = attrs.Factory(list)
    line: int = 0


@attrs.define
class Body:
    """What :func:`read_body` found."""

    paragraphs: list[Paragraph]
    signers: list[str]
    caveats: list[str]


def _heading_lines(block: Sequence[str]) -> list[str]:
    return [line for line in block if not _is_rule(line.strip())]


def _is_heading(block: Sequence[str]) -> bool:
    # Quick answers for most blocks, before joining their words: the lines of a paragraph
    # are too many for a heading, or the last of them ends a sentence or a clause.
    if len(block) > 2 and sum(1 for line in block[:6] if not _is_rule(line.strip())) > 2:
        return False
    if block and block[-1].strip().rstrip(_CLOSERS)[-1:] in _CLAUSE_ENDS:
        return False
    block = _heading_lines(block)
    words = [w for w in " ".join(block).split() if w]
    if not words or len(block) > 2:
        return False
    text = " ".join(words)
    # a sentence or clause ends here, even inside a bracket
    if len(text) > 100 or text.rstrip(_CLOSERS)[-1:] in _CLAUSE_ENDS or not any(c.isalpha() for c in text):
        return False
    return text[0].isupper() or text[0] in "\"'(“‘"


def _signer(line: str) -> bool:
    words = line.split()
    if not 1 <= len(words) <= 4 or len(line.strip()) > 40 or line.rstrip().endswith((".", ":", ",")):
        return False
    if any(w.upper().strip(".") in _NOT_SIGNER for w in words):
        return False
    return all(_SIGNER_WORD.fullmatch(w.rstrip(",")) for w in words) and any(len(w) > 2 for w in words)


class _Marker:
    """Sequence inference for paragraph markers."""

    __slots__ = ("ctx", "expected")

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.expected = 1

    def read(self, value: str, line: int, fresh: bool) -> tuple[int, str, str] | None:
        """(number, marker, rest) when the PARAGRAPH line *value* opens a paragraph here, else ``None``."""
        m = _MARKER_LINE.match(value)  # the line has no line break, so the rest of it is the tail
        if m is None:
            return None
        prefix, digits, punct, space = m.group("p_prefix", "p_num", "p_punct", "p_space")
        rest = value[m.end():]
        prefix = prefix or ""
        if not digits:
            return None
        marker = prefix + digits + punct
        expected = self.expected
        exact = int(digits)
        stray = digits[0] == "1" and len(digits) > 1 and int(digits[1:]) == expected
        column = len(value) - len(value.lstrip()) + 1
        if exact == expected:
            number = exact
        elif stray:
            number = expected
        elif fresh and expected < exact <= expected + 4 and (rest[:1].isupper() or rest[:1] in "(\"'“"):
            number = exact
            self.ctx.at_line(D.PARAGRAPH_NUMBER_UNEXPECTED,
                             f"paragraph {exact} follows paragraph {expected - 1}",
                             line=line, column=column, text=value)
        else:
            return None
        if prefix.startswith("["):
            self.ctx.at_line(D.PARAGRAPH_MARKER_LINK,
                             f"paragraph marker {marker!r} carries link debris {prefix!r}",
                             line=line, column=column, text=value)
        elif prefix in ("\u00c2\u00b6", "\ufffd"):
            self.ctx.at_line(D.MOJIBAKE, f"paragraph marker {marker!r} has a damaged pilcrow",
                             line=line, column=column, text=value, repair="read as a pilcrow")
        if stray and exact != expected:
            code = D.PARAGRAPH_MARKER_PILCROW if prefix == "\u00b6" else D.PARAGRAPH_MARKER_DIGIT
            self.ctx.at_line(code, f"paragraph marker {marker!r} is malformed (expected paragraph {expected})",
                             line=line, column=column, text=value)
        if punct != ".":
            self.ctx.at_line(D.PARAGRAPH_MARKER_PUNCTUATION,
                             f"paragraph marker {marker!r} is malformed (expected '{number}.')",
                             line=line, column=column + len(marker) - 1, text=value)
        if not space and rest:
            self.ctx.at_line(D.PARAGRAPH_MARKER_SPACING,
                             f"no space after paragraph marker {marker!r}",
                             line=line, column=column + len(marker), text=value)
        self.expected = number + 1
        return number, marker, rest


# The kinds the body pass looks at one line at a time; a run of lines of any other kind is text, taken whole.
_ONE_BY_ONE: Final = frozenset({K.BLANK, K.PARAGRAPH, K.CAVEAT,
                                *_BREAK_KINDS, *_ARTIFACT_KINDS, *_END_KINDS})
_CLOSING_KINDS: Final = frozenset({K.BLANK, *_END_KINDS})


class BodyState:
    """The body as :func:`read_body` reads it: paragraphs so far, and the blocks of text not yet placed.

    Text between two paragraph markers is gathered in blocks (runs of lines
    between blank lines or page breaks).  Blocks are placed when the next
    marker (or the end) comes: the last one may be the heading of the next
    paragraph, the others continue the current paragraph.
    """

    __slots__ = ("after_break", "block", "block_after_break", "block_start", "caveats", "ctx", "fresh",
                 "markers", "not_text", "paras", "pending", "prev_text", "split_hits")

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.markers = _Marker(ctx)
        self.paras: list[_Para] = []
        self.caveats: list[str] = []
        self.pending: list[tuple[list[str], int, bool]] = []
        """Blocks of text since the last paragraph marker: (lines, first line, joined to the text before)."""
        self.block: list[str] | None = None
        """The block being read, ``None`` between blocks."""
        self.block_start = 0
        self.block_after_break = False
        self.after_break = False
        """Whether a page break came since the last text."""
        self.fresh = True
        """Whether a blank line (or a page break) came just before."""
        self.prev_text = ""
        self.split_hits: list[tuple[int, list[str]]] = []
        """Blocks opened by a blank line inside a sentence: whether that split the sentence is known only once
        the block is placed (a block that turns out to be a heading or the signature is not text)."""
        self.not_text: list[list[str]] = []

    def close_block(self) -> None:
        """End the block being read (at a blank line, a page break, a marker or the end)."""
        if self.block is not None:
            self.pending.append((self.block, self.block_start, self.block_after_break))
            self.block = None

    def blank(self) -> None:
        """A blank line (or ``NNNN``, ``BT``): the block ends."""
        self.close_block()
        self.fresh = True

    def page_break(self, index: int, value: str) -> None:
        """A page-break line (or a repeated banner) inside the text: reported, and the text goes on after it."""
        self.ctx.at_line(D.PAGE_BREAK, f"page break line {value.strip()!r} inside the text", line=index + 1,
                         text=value)
        self.close_block()
        self.fresh = True
        self.after_break = True

    def caveat(self, value: str) -> bool:
        """A caveat line between blocks (``SIPDIS`` after the text); inside a block it is text."""
        if self.block is not None:
            return False
        self.caveats.extend(value.split())
        return True

    def paragraph(self, index: int, value: str) -> bool:
        """A line opened by a paragraph marker: a new paragraph, if the marker fits the sequence here."""
        if not (self.fresh or ends_sentence(self.prev_text) or self.block is None):
            return False
        read = self.markers.read(value, index + 1, self.fresh)
        if read is None:
            return False
        number, marker, rest = read
        heading = self.settle(True)
        m = _MARKING.match(rest)
        marking = " ".join(m.group("mark").split()) if m else None
        text = rest[m.end():] if m else rest
        self.paras.append(_Para(number, marker, marking, heading, [text.rstrip()], line=index + 1))
        self.fresh = False
        self.after_break = False
        self.prev_text = text
        return True

    def text(self, values: Sequence[str], index: int, stop: int) -> None:
        """The run of text lines ``values[index:stop]``: it opens a block or goes on with the current one."""
        block = self.block
        if block is None:
            # decoration around a heading: "-------"
            while index < stop and _is_rule(values[index].strip()):
                index += 1
            if index == stop:
                return
            block = self.open_block(index)
        if stop - index == 1:
            last = values[index].rstrip()
            block.append(last)
        else:
            block.extend(value.rstrip() for value in values[index:stop])
            last = block[-1]
        self.prev_text = last
        self.fresh = False

    def open_block(self, index: int) -> list[str]:
        """Start a block at line index *index*, and return it."""
        block: list[str] = []
        self.block = block
        # A blank line after text that stops mid-sentence splits the sentence, in whatever
        # block of a paragraph (or of the unnumbered text before the first one) it falls.
        if self.fresh and not self.after_break and self.prev_text and not ends_sentence(self.prev_text):
            self.split_hits.append((index, block))
        self.block_start = index + 1
        self.block_after_break = self.after_break or not self.fresh
        self.after_break = False
        return block

    def settle(self, next_is_marker: bool) -> str | None:
        """Place the pending blocks in the current paragraph; return the heading if one stands last."""
        self.close_block()
        blocks = list(self.pending)
        self.pending.clear()
        heading = self._heading(blocks) if next_is_marker else None
        paras = self.paras
        for lines, first, joined in blocks:
            if not paras or (paras[-1].number is None and not paras[-1].lines):
                paras.append(_Para(None, "", None, None, line=first))
            target = paras[-1]
            if target.lines and target.lines[-1].strip() and not joined:
                # a page break is not a paragraph break: text after it goes on the same line run
                target.lines.append("")
            target.lines.extend(lines)
        return heading

    def _heading(self, blocks: list[tuple[list[str], int, bool]]) -> str | None:
        """Take the last of *blocks* off as the next paragraph's heading, when it reads as one."""
        if not blocks or not _is_heading(blocks[-1][0]):
            return None
        previous = self.paras[-1].lines if self.paras else []
        last = next((line for line in reversed(previous) if line.strip()), "")
        if self.paras and last and not ends_sentence(last) and len(blocks) == 1:
            return None  # the paragraph before runs on into it
        heading_block = blocks.pop()[0]
        self.not_text.append(heading_block)
        return " ".join(" ".join(_heading_lines(heading_block)).split())


def read_body(cursor: Cursor) -> Body:
    """Cut the body into paragraphs: the lines from the cursor on (the cursor ends at the end)."""
    state = BodyState(cursor.ctx)
    values, kinds = cursor.lines, cursor.kinds
    one_by_one = _ONE_BY_ONE
    size = len(values)
    index = cursor.pos
    while index < size:
        kind = kinds[index]
        stop = index + 1  # the end of the run of text lines that starts here
        if kind in one_by_one:
            if kind in _CLOSING_KINDS:  # state.blank(), without the call (a blank line is every third line)
                if state.block is not None:
                    state.close_block()
                state.fresh = True
                index += 1
                continue
            if kind in _BREAK_KINDS or kind in _ARTIFACT_KINDS:
                state.page_break(index, values[index])
                index += 1
                continue
            if (kind is K.CAVEAT and state.caveat(values[index])) or (
                    kind is K.PARAGRAPH and state.paragraph(index, values[index])):
                index += 1
                continue
            # otherwise the line is text, a run of its own
        else:
            while stop < size and kinds[stop] not in one_by_one:
                stop += 1
        state.text(values, index, stop)
        index = stop
    cursor.pos = size
    state.close_block()
    signers = take_signers(state)
    state.settle(False)
    report_split_sentences(state, values)
    return Body(paragraphs=paragraphs_of(state), signers=signers, caveats=state.caveats)


def take_signers(state: BodyState) -> list[str]:
    """Take the signers' names off the end of the body: up to three short name lines."""
    signers: list[str] = []
    if state.pending:
        last_lines = state.pending[-1][0]
        while last_lines and _signer(last_lines[-1]) and len(signers) < 3:
            signers.insert(0, last_lines.pop().strip())
            if not (last_lines and _signer(last_lines[-1]) and len(last_lines) > 1):
                break
        if not last_lines:
            state.not_text.append(state.pending.pop()[0])
    elif state.paras and len(state.paras[-1].lines) > 1 and _signer(state.paras[-1].lines[-1]):
        signers.append(state.paras[-1].lines.pop().strip())
    return signers


def report_split_sentences(state: BodyState, values: Sequence[str]) -> None:
    """Report each blank line that split a sentence, where the block after it stayed text."""
    placed = {id(block) for block in state.not_text}
    at_line, code = state.ctx.at_line, D.PARAGRAPH_SPLIT
    for index, block in state.split_hits:
        if id(block) not in placed:
            at_line(code, "a blank line interrupts a sentence", line=index + 1, text=values[index])


def paragraphs_of(state: BodyState) -> list[Paragraph]:
    """The paragraphs read, blank lines around each one's text dropped."""
    paragraphs = []
    for p in state.paras:
        lines = p.lines
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        paragraphs.append(Paragraph(number=p.number, marker=p.marker, classification=p.marking,
                                    heading=p.heading, text="\n".join(lines), line=state.ctx.source_line(p.line)))
    return paragraphs


_SUMMARY_OPEN = re.compile(
    r"^[ \t\n]*+(?:BEGIN[ \t\n]++)?SUMMARY(?:[ \t\n]++AND[ \t\n]++COMMENT)?[ \t]*+(?:[:.\-]+|\n|$)[ \t\n]*+",
    re.IGNORECASE,
)
# "End Summary", found by its words; the brackets and blanks before it are added by _summary_close
# (a leading ``[(\s]*+`` would be tried at every position of the text, which is slow).
_SUMMARY_CLOSE = re.compile(r"\bEND[ \t\n]++(?:OF[ \t\n]++)?SUMMARY\b[.)]*+", re.IGNORECASE)


def _summary_close(text: str) -> int | None:
    """Where the first ``(End Summary.)`` in *text* starts, with the blanks and brackets before it."""
    # A case-insensitive search is slow on a long text; under IGNORECASE only M, A, R and Y
    # themselves match "mary", so the words cannot be there without this.
    if "mmary" not in text.lower():
        return None
    close = _SUMMARY_CLOSE.search(text)
    if close is None:
        return None
    start = close.start()
    while start and (text[start - 1] == "(" or text[start - 1].isspace()):
        start -= 1
    return start


def _unlinked(text: str) -> str:
    return LINK.sub(r"\1", text) if "](#" in text else text


def summary_of(paragraphs: Sequence[Paragraph]) -> str | None:
    """The summary: opened by ``Summary:`` (or under a SUMMARY heading), closed by ``End Summary``."""
    for index, paragraph in enumerate(paragraphs[:4]):
        text = _unlinked(paragraph.text)
        opened = _SUMMARY_OPEN.match(text)
        heading = (paragraph.heading or "").strip(" :-").upper() in ("SUMMARY", "SUMMARY AND COMMENT")
        if opened is None and not heading:
            continue
        start = opened.end() if opened else 0
        texts = [_unlinked(later.text) for later in paragraphs[index:index + 6]]
        texts[0] = texts[0][start:]
        closes = [_summary_close(t) for t in texts]
        last = next((i for i, c in enumerate(closes) if c is not None), None)
        parts = []
        for i, body in enumerate(texts[: (last + 1) if last is not None else 1]):
            close = closes[i]
            parts.append(body[:close] if close is not None else body)
        summary = "\n\n".join(p.strip() for p in parts if p.strip())
        return summary or None
    return None
