"""The body: paragraphs with their true numbers, headings, summary and signers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

import attrs

from . import _kinds as K
from ._context import Context
from .defects import DefectCode as D
from .fields import LINK
from .model import Paragraph
from .tokens import PARAGRAPH_MARKER, TokenKind

__all__ = ["Body", "parse_body", "summary_of"]

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
    """What :func:`parse_body` found."""

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


def parse_body(values: Sequence[str], kinds: Sequence[TokenKind], start: int, ctx: Context) -> Body:
    """Cut the body into paragraphs: the lines *values* (of kinds *kinds*) from index *start* on.

    Line numbers are the 1-based index into *values*.
    """
    markers = _Marker(ctx)
    paras: list[_Para] = []
    caveats: list[str] = []
    # Blocks of text since the last paragraph start, for headings: list of (lines, first line no).
    pending: list[tuple[list[str], int, bool]] = []
    current_block: list[str] | None = None
    block_start = 0
    block_after_break = False
    after_break = False  # a page break came since the last text
    fresh = True  # a blank line (or a page break) came just before
    prev_text = ""
    # Blocks opened by a blank line inside a sentence; whether that split the sentence is known
    # only once the block is placed: a block that turns out to be a heading or the signature is not text.
    split_hits: list[tuple[int, list[str]]] = []
    not_text: list[list[str]] = []

    def close_block() -> None:
        nonlocal current_block
        if current_block is not None:
            pending.append((current_block, block_start, block_after_break))
            current_block = None

    def settle(next_is_marker: bool) -> str | None:
        """Attach pending blocks to the current paragraph; return a heading if one stands last."""
        close_block()
        heading = None
        blocks = list(pending)
        pending.clear()
        if next_is_marker and blocks and _is_heading(blocks[-1][0]):
            previous = paras[-1].lines if paras else []
            last = next((ln for ln in reversed(previous) if ln.strip()), "")
            if not paras or not last or ends_sentence(last) or len(blocks) > 1:
                heading_block = blocks.pop()[0]
                not_text.append(heading_block)
                heading = " ".join(" ".join(_heading_lines(heading_block)).split())
        for lines, first, joined in blocks:
            if not paras or (paras[-1].number is None and not paras[-1].lines):
                paras.append(_Para(None, "", None, None, line=first))
            target = paras[-1]
            if target.lines and target.lines[-1].strip() and not joined:
                # a page break is not a paragraph break: text after it goes on the same line run
                target.lines.append("")
            target.lines.extend(lines)
        return heading

    one_by_one = _ONE_BY_ONE
    size = len(values)
    index = start
    while index < size:
        kind = kinds[index]
        stop = index + 1  # the end of the run of text lines that starts here
        if kind in one_by_one:
            if kind is K.BLANK:
                close_block()
                fresh = True
                index += 1
                continue
            if kind in _BREAK_KINDS or kind in _ARTIFACT_KINDS:
                value = values[index]
                ctx.at_line(D.PAGE_BREAK, f"page break line {value.strip()!r} inside the text",
                           line=index + 1, text=value)
                close_block()
                fresh = True
                after_break = True
                index += 1
                continue
            if kind in _END_KINDS:
                close_block()
                fresh = True
                index += 1
                continue
            if kind is K.CAVEAT and current_block is None:
                caveats.extend(values[index].split())
                index += 1
                continue
            if kind is K.PARAGRAPH and (fresh or ends_sentence(prev_text) or current_block is None):
                value = values[index]
                read = markers.read(value, index + 1, fresh)
                if read is not None:
                    number, marker, rest = read
                    heading = settle(True)
                    m = _MARKING.match(rest)
                    marking = " ".join(m.group("mark").split()) if m else None
                    text = rest[m.end():] if m else rest
                    paras.append(_Para(number, marker, marking, heading, [text.rstrip()], line=index + 1))
                    fresh = False
                    after_break = False
                    prev_text = text
                    index += 1
                    continue
            # otherwise the line is text, a run of its own
        else:
            while stop < size and kinds[stop] not in one_by_one:
                stop += 1
        if current_block is None:
            # decoration around a heading: "-------"
            while index < stop and _is_rule(values[index].strip()):
                index += 1
            if index == stop:
                continue
            current_block = []
            # A blank line after text that stops mid-sentence splits the sentence, in whatever
            # block of a paragraph (or of the unnumbered text before the first one) it falls.
            if fresh and not after_break and prev_text and not ends_sentence(prev_text):
                split_hits.append((index, current_block))
            block_start = index + 1
            block_after_break = after_break or not fresh
            after_break = False
        run = [value.rstrip() for value in values[index:stop]]
        current_block.extend(run)
        prev_text = run[-1]
        fresh = False
        index = stop
    # Everything left is the paragraph's tail (or unnumbered text).
    close_block()
    signers: list[str] = []
    if pending:
        last_lines = pending[-1][0]
        while last_lines and _signer(last_lines[-1]) and len(signers) < 3:
            signers.insert(0, last_lines.pop().strip())
            if last_lines and _signer(last_lines[-1]) and len(last_lines) > 1:
                continue
            break
        if not last_lines:
            not_text.append(pending.pop()[0])
    elif paras and paras[-1].lines and len(paras[-1].lines) > 1 and _signer(paras[-1].lines[-1]):
        signers.append(paras[-1].lines.pop().strip())
    settle(False)
    for index, block in split_hits:
        if not any(block is other for other in not_text):
            ctx.at_line(D.PARAGRAPH_SPLIT, "a blank line interrupts a sentence", line=index + 1, text=values[index])

    paragraphs = []
    for p in paras:
        lines = p.lines
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        paragraphs.append(Paragraph(number=p.number, marker=p.marker, classification=p.marking,
                                    heading=p.heading, text="\n".join(lines), line=ctx.source_line(p.line)))
    return Body(paragraphs=paragraphs, signers=signers, caveats=caveats)


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
