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
from .fields import LINK, parse_caveats
from .model import Paragraph
from .tokens import PARAGRAPH_MARKER, classify

__all__ = ["CLASSIFIED_BY_OPENING", "Body", "BodyState", "ends_sentence", "read_body", "read_marking",
           "reads_as_heading", "summary_of"]

# A portion marking after a paragraph marker: a level in any case (``(C)``, ``(sbu)``, ``(C )``), then
# caveats after a slash (``(S//NF)``, ``(S/Noforn)``) or a blank (``(C NF)``), a release list up to the
# bracket (``(S//REL TO USA, FVEY)``, ``(S/Rel China)``), or ``- ENTIRE TEXT``.  Ordinary brackets
# (``(Consulate)``, ``(CNN)``, ``(U.S.)``) are not markings: a level must be followed by one of those.
_MARKING = re.compile(
    r"\([ ]?(?P<mark>"
    r"(?i:TOP[ ]SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS|SBU|S[ ]B[ ]U|LOU|FOUO|CUI|TS|S|C|U)"
    r"(?:(?:[ ]?/{1,2}[ ]?(?=[A-Za-z])|[ ](?=(?i:NF|NOFORN|REL|ORCON|PROPIN|FGI)(?![A-Za-z])))"
    r"(?:(?i:REL(?:EASABLE)?)(?:[ ][^()\r\n]{1,60}+)?|(?i:NOFORN|NF|ORCON|PROPIN|FOUO|SBU|FGI)(?![A-Za-z])"
    r"|[A-Z]{1,10}(?:[ -][A-Z]{1,10})?(?![a-z]))){0,3}"
    r"(?:[ ]*+-{1,2}[ ]*+(?i:ENTIRE[ ](?:TEXT|PARAGRAPH)))?)[ ]*+\)[ \t]*+"
)
# The markings most paragraphs have, read without the pattern (which reads them the same).
_PLAIN_MARKINGS: Final = frozenset({"C", "U", "S", "SBU", "TS", "S//NF", "C//NF", "S/NF", "C/NF", "U//FOUO",
                                    "SBU//NF", "C/REL", "S//REL"})


def read_marking(rest: str) -> tuple[str | None, str]:
    """The portion marking that opens *rest* (the text after a paragraph marker), and the text after it.

    >>> read_marking("(S//REL TO USA, FVEY) The minister said …")
    ('S//REL TO USA, FVEY', 'The minister said …')
    >>> read_marking("(Consulate) staff said …")
    (None, '(Consulate) staff said …')
    """
    if rest[:1] != "(":
        return None, rest
    end = rest.find(")", 2, 10)
    if end > 0 and rest[1:end] in _PLAIN_MARKINGS:
        return rest[1:end], rest[end + 1:].lstrip(" \t")
    m = _MARKING.match(rest)
    if m is None:
        return None, rest
    return " ".join(m.group("mark").split()), rest[m.end():]


# A paragraph marker: the PARAGRAPH pattern but its rest-of-line tail, which the caller slices off (much faster).
_MARKER_LINE: Final = PARAGRAPH_MARKER
_SIGNER_WORD = re.compile(r"[A-Z][A-Za-z'\-]{0,25}|[A-Z]\.")
_NOT_SIGNER: Final = frozenset({"END", "COMMENT", "SUMMARY", "NOTE", "TEXT", "BT", "NNNN", "SIPDIS",
                                "UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "NOFORN", "SENSITIVE", "BEGIN", "MINIMIZE"})
_BREAK_KINDS: Final = frozenset({K.PAGE_BREAK, K.PAGE})
_ARTIFACT_KINDS: Final = frozenset({K.BANNER, K.CLASSIFICATION})
_PAGE_LINE_KINDS: Final = _BREAK_KINDS | _ARTIFACT_KINDS
_END_KINDS: Final = frozenset({K.END, K.BT})
# A line that stands after the text, put there by the telegram system or a publication: an end stamp
# (``=====CABLE ENDS=====``, ``End Cable Text``, ``Nnnn``), a publication's classification stamp
# (``2002ROME01725 - Classification: CONFIDENTIAL``) or a page's level repeated after the text, or debris
# (``"``, ``",``, ``...``, ``/``, ``>``, ``\``).
_TRAILER = re.compile(
    r"[ \t]*+(?:=++[ ]*+(?i:CABLE[ ]++ENDS)[ ]*+=*+|(?i:END[ ]++CABLE[ ]++TEXT|NNNN)"
    r"|(?:\"[ ]*+)?(?:\d{4}[A-Z]{2,24}+\d{1,7}+[ ]++-[ ]++)?Classification:[ ]*+[A-Z][A-Za-z /]{0,40}+\"?+"
    r"|(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED[ ]OFFICIAL[ ]USE)(?:[ ]*+/{1,2}[ ]*+NOFORN)?+"
    r"|[\"',]{1,3}+|\.{1,4}+|[/>\\]|\#\d{4}+)[ \t]*+"  # #0412: a telegram's closing serial (after BT)
)


_CLOSERS = "\"'”’)]"
_SENTENCE_ENDS = frozenset(".!?:;")
_CLAUSE_ENDS = frozenset(".,;")


def ends_sentence(text: str) -> bool:
    """Whether *text* ends a sentence (or a list lead-in) rather than breaking mid-sentence."""
    return text.rstrip().rstrip(_CLOSERS)[-1:] in _SENTENCE_ENDS


_RULE_CHARS = "-_=*~ "


def _is_rule(text: str) -> bool:
    """Whether *text* (stripped) is a rule of dashes, underscores, stars … (``-------``)."""
    return len(text) >= 3 and not text.strip(_RULE_CHARS)


def _underlined(block: Sequence[str]) -> bool:
    """Whether *block* is text with a rule under it (``Draft Plan`` over ``----------``)."""
    return len(block) > 1 and _is_rule(block[-1].strip()) and not _is_rule(block[0].strip())


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


def _unframed(line: str) -> str:
    """*line* (stripped) without the rules that frame it: ``------- SUMMARY -------``, ``Comment ----``.

    A rule on both sides, or one of three characters or more on one side, frames a heading; one or two
    dashes before the text are a list bullet (``-- Elections``), which stays.
    """
    text = line.strip()
    inner = text.strip(_RULE_CHARS)
    if len(inner) == len(text):
        return text
    head = text[:len(text) - len(text.lstrip(_RULE_CHARS))].replace(" ", "")
    tail = text[len(text.rstrip(_RULE_CHARS)):].replace(" ", "")
    return inner if (head and tail) or len(head) >= 3 or len(tail) >= 3 else text


def _heading_lines(block: Sequence[str]) -> list[str]:
    """The lines of a heading block but its rules, stripped, each without the rules that frame it."""
    lines = []
    for line in block:
        text = line.strip()
        if text[:1] in _RULE_CHARS or text[-1:] in _RULE_CHARS:  # (an empty line too)
            if _is_rule(text):
                continue
            text = _unframed(text)
        lines.append(text)
    return lines


CLASSIFIED_BY_OPENING: Final = re.compile(
    r"[ \t]*+(?:\([A-Z/]{1,10}\)[ \t]*+)?"
    r"(?:(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED[ ]OFFICIAL[ ]USE)[ ]?-{1,2}[ ]?ENTIRE[ ]TEXT\.?[ \t]*+)?"
    r"(?i:CLASSIFIED[ ]++BY)\b[ \t]*+:?", re.IGNORECASE)
"""A Classified By line's opening where the head left it: after a marking (``(U) Classified by …``), or in
the 1990s form after the paragraph's classification (``CONFIDENTIAL - ENTIRE TEXT. CLASSIFIED BY: …``)."""


def _is_heading(block: Sequence[str]) -> bool:
    # Quick answers for most blocks, before joining their words: the lines of a paragraph
    # are too many for a heading, or the last of them ends a sentence or a clause.
    if len(block) > 2 and sum(1 for line in block[:6] if not _is_rule(line.strip())) > 2:
        return False
    if block and block[-1].strip().rstrip(_CLOSERS)[-1:] in _CLAUSE_ENDS:
        return False
    lines = _heading_lines(block)
    words = [w for w in " ".join(lines).split() if w]
    if not words or len(lines) > 2:
        return False
    text = " ".join(words)
    # a sentence or clause ends here, even inside a bracket
    if len(text) > 100 or text.rstrip(_CLOSERS)[-1:] in _CLAUSE_ENDS or not any(c.isalpha() for c in text):
        return False
    if text[:3].upper() == "END" and _SUMMARY_CLOSE.match(text):  # ``END SUMMARY`` closes the text before it
        return False
    if ("lassified" in text or "LASSIFIED" in text) and (
            CLASSIFIED_BY_OPENING.match(block[0]) or (len(block) > 1 and CLASSIFIED_BY_OPENING.match(block[1]))):
        return False  # a Classified By line the head left is no heading, nor is text over one
    return text[0].isupper() or text[0] in "\"'(“‘"


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def reads_as_heading(block: Sequence[str]) -> bool:
    """Whether the block of lines *block* reads as a heading when a paragraph marker follows it.

    >>> reads_as_heading(["Next Steps"]), reads_as_heading(["They met.", "Then they left.", "All of them."])
    (True, False)
    """
    return _is_heading(block)


_MINOR_WORDS: Final = frozenset({"a", "an", "and", "the", "of", "on", "in", "for", "to", "with", "at", "by", "or"})


def _title_like(line: str) -> bool:
    """Whether *line* reads as a title (``Summary``, ``SUMMARY AND INTRODUCTION``, ``Next Steps``).

    At most eight words, every word but the minor ones capitalised, no sentence end.
    """
    if len(line) > 90:
        return False
    line = line.strip().strip("-=_*~ ")  # a rule beside it: ``Summary --------``
    words = line.split()
    if not 1 <= len(words) <= 8 or len(line) > 70 or line.rstrip()[-1:] in _CLAUSE_ENDS:
        return False
    return all(word[:1].isupper() or word in _MINOR_WORDS for word in words) and words[0][:1].isupper()


def _signer(line: str) -> bool:
    if len(line) > 40 and len(line.strip()) > 40:  # before splitting a paragraph's long line into words
        return False
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
        elif fresh and expected < exact <= expected + 4 and rest and (rest[:1].isupper() or rest[:1] in "(\"'“"):
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
_CLOSING_KINDS: Final = frozenset({K.BLANK, K.BT})


class BodyState:
    """The body as :func:`read_body` reads it: paragraphs so far, and the blocks of text not yet placed.

    Text between two paragraph markers is gathered in blocks (runs of lines
    between blank lines or page breaks).  Blocks are placed when the next
    marker (or the end) comes: the last one may be the heading of the next
    paragraph, the others continue the current paragraph.
    """

    __slots__ = ("after_break", "block", "block_after_break", "block_start", "caveats", "ctx", "ends", "fresh",
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
        self.ends: list[tuple[int, str]] = []
        """End-of-message lines other than ``NNNN`` (``=====CABLE ENDS=====``, ``End Cable Text``): (line, text)."""

    def close_block(self) -> None:
        """End the block being read (at a blank line, a page break, a marker or the end)."""
        if self.block is not None:
            self.pending.append((self.block, self.block_start, self.block_after_break))
            self.block = None

    def blank(self) -> None:
        """A blank line (or ``NNNN``, ``BT``): the block ends."""
        self.close_block()
        self.fresh = True

    def end(self, index: int, value: str) -> None:
        """An end-of-message line: the block ends; a stamp (anything but ``NNNN``) is kept for the report."""
        self.blank()
        if value.strip() != "NNNN":
            self.ends.append((index + 1, value))

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
        self.caveats.extend(parse_caveats(value))  # the caveat words, as the head reads them (SENSITIVE BUT …)
        return True

    def paragraph(self, index: int, value: str) -> bool:
        """A line opened by a paragraph marker: a new paragraph, if the marker fits the sequence here."""
        if not (self.fresh or ends_sentence(self.prev_text) or self.block is None or _is_rule(self.prev_text.strip())
                or _title_like(self.prev_text)):
            return False  # (a rule ends what stands before it: a heading's underline; so does a one-line title)
        read = self.markers.read(value, index + 1, self.fresh)
        if read is None:
            return False
        number, marker, rest = read
        heading = self.settle(True)
        marking, text = read_marking(rest)
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
            block.extend(map(str.rstrip, values[index:stop]))
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
        if self.paras and last and not ends_sentence(last) and len(blocks) == 1 and not _underlined(blocks[-1][0]):
            return None  # the paragraph before runs on into it (unless a rule under the block marks a heading)
        heading_block, first, _ = blocks.pop()
        self.not_text.append(heading_block)
        heading = " ".join(" ".join(_heading_lines(heading_block)).split())
        page_like = " OF " in heading or (heading.isupper() and (len(heading) <= 24 or _has_digit(heading)))
        if page_like and classify([heading])[0] in _PAGE_LINE_KINDS:
            # a page-break line (``ROME 00000469 002 OF 009``, a lone ``CONFIDENTIAL``) set off as a heading
            # by its indent or a rule beside it: reported as the page break its clean text would read as
            self.ctx.at_line(D.PAGE_BREAK, f"page break line {heading!r} inside the text", line=first,
                             text="\n".join(heading_block))
            return self._heading(blocks)  # the heading may stand above the page break
        return heading


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
            if kind is K.END:
                state.end(index, values[index])
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
    trailer = take_trailer(state)
    signers = take_signers(state) or take_glued_signer(state, values)
    report_ending(state, values, trailer, signed=bool(signers))
    state.settle(False)
    report_split_sentences(state, values)
    return Body(paragraphs=paragraphs_of(state), signers=signers, caveats=state.caveats)


def take_trailer(state: BodyState) -> list[tuple[int, str]]:
    """Take the lines that stand after the text off its end: (line, text) of each, in order.

    They are what a publication or the telegram system put there (see :data:`_TRAILER`), and
    :func:`report_ending` keeps each one in a defect.
    """
    trailer: list[tuple[int, str]] = []
    pending = state.pending
    while pending:
        lines, first, _ = pending[-1]
        while lines and _TRAILER.fullmatch(lines[-1]):
            trailer.append((first + len(lines) - 1, lines.pop()))
        if lines:
            break
        state.not_text.append(pending.pop()[0])
    trailer.reverse()
    return trailer


def take_signers(state: BodyState) -> list[str]:
    """Take the signers' names off the end of the body: up to three short name lines.

    The last line may hold the name in a looser shape (``Name.``, ``NAME \\``, ``van Voorst``,
    ``kurtzer``) when it stands apart from the sentence before it.
    """
    signers: list[str] = []
    if state.pending:
        last_lines, _, joined = state.pending[-1]
        name = _last_name(last_lines, 0, _text_before(state))
        if name is not None:
            last_lines.pop()
            signers.append(name)
        # the names may fill a block of their own after the text; in a block of text, the first line is text
        whole = not joined and bool(state.paras) and len(last_lines) < 3
        while name is not None and last_lines and (len(last_lines) > 1 or whole) and _signer(last_lines[-1]) \
                and len(signers) < 3:
            signers.insert(0, last_lines.pop().strip())
        if not last_lines:
            state.not_text.append(state.pending.pop()[0])
    elif state.paras:
        name = _last_name(state.paras[-1].lines, 1, "")
        if name is not None:
            state.paras[-1].lines.pop()
            signers.append(name)
    return signers


def _text_before(state: BodyState) -> str:
    """The last line of text before the last pending block: of the block before it, or of the paragraph."""
    if len(state.pending) > 1:
        return state.pending[-2][0][-1] if state.pending[-2][0] else ""
    lines = state.paras[-1].lines if state.paras else []
    return lines[-1] if lines else ""


def _last_name(lines: list[str], keep: int, before: str) -> str | None:
    """The signer's name on the last of *lines*, if it is one (the first *keep* lines are never a name).

    *before* is the line of text before *lines*, if any.
    """
    if len(lines) <= keep:
        return None
    line = lines[-1]
    if _signer(line):
        return line.strip()
    return _loose_name(line, lines[-2] if len(lines) > 1 else before, apart=len(lines) == 1)


_PARTICLES: Final = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "la", "le",
                               "al", "el", "bin", "ibn", "ten", "ter", "dos", "das", "st."})
_NAME_DEBRIS = " \t.\\\""


def _loose_name(line: str, before: str, *, apart: bool) -> str | None:
    """The name on a last line in a looser shape than :func:`_signer` reads, if it stands apart.

    ``SUSMAN.``, ``CRETZ .`` (upper case: ``Kask.`` is a sentence), ``Carter \\``, ``MULFORD "``,
    ``RICE NNNN``, a particle (``van Voorst``), one lower-case word (``kurtzer``) or a name of two letters
    (``LU``).  The line *before* it must end a sentence (or be a rule, or end in a redaction), so that a
    sentence running on (``… cleared by the office of U/S`` / ``PADILLA.``) is not a name; a capitalised
    name without a period may also stand *apart*, after a blank line.
    """
    name = line.strip()
    if len(name) > 48:
        return None
    previous = before.rstrip(" \t\\").strip()
    if previous and (not apart or name.endswith(".") or name.islower()) and not (
            ends_sentence(previous) or _is_rule(previous) or previous.endswith("XXXX")):
        return None
    if name[-5:].upper() == " NNNN":
        name = name[:-5]
    if name.endswith(".") and not name.isupper():
        return None
    name = name.rstrip(_NAME_DEBRIS)
    return name if _is_loose_name(name) else None


def _is_loose_name(name: str) -> bool:
    """Whether *name* (its debris taken off) is a name: capitalised words after particles, or one lower-case word."""
    words = name.split()
    if not 1 <= len(words) <= 3 or len(name) > 40 or any(w.upper() in _NOT_SIGNER for w in words):
        return False
    if len(words) == 1 and name.islower():
        return 3 <= len(name) <= 24 and name.isalpha() and name.upper() not in _NOT_GLUED_NAME
    last = len(words) - 1
    if not all((i < last and w in _PARTICLES) or _SIGNER_WORD.fullmatch(w) for i, w in enumerate(words)):
        return False
    if len(name) == 2:
        return name.upper() not in _NOT_GLUED_NAME
    return any(len(w) > 2 for w in words)


# A surname glued to the end of the last sentence, where the page joined the last paragraph and the
# signature line (``… continued success. CRETZ``, ``… ESF. Scobey``, ``… Website: XXXXXXXXXXXX TUTTLE``,
# ``******** HENZEL``, ``… END COMMENT MULFORD``, ``END TEXT HEFFERN``): one or two upper-case words, or
# one word in title case (``LeBaron``), then perhaps end debris (``NNNN``, ``\\``, ``"``), at the very end.
# Matched on the last characters only.
_GLUED_SIGNER = re.compile(
    r"(?:[.!?\"')\]*\u201d\u2019]|XXXX|END[ ](?:COMMENT|TEXT|NOTE))[ \t]{1,8}+"
    r"(?P<name>(?!XXXX)[A-Z][A-Z'\-]{1,24}+(?:[ ](?!NNNN)[A-Z][A-Z'\-]{1,24}+)?+|[A-Z](?:[a-z]{1,3}[A-Z])?[a-z]{2,20}+)"
    r"(?:[ \t]++(?:NNNN|Nnnn|\\|\")|[ \t]*+\\)?[ \t]*+\Z"
)
_GLUED_TAIL = 120
# Words that end a cable's last sentence but are not a name.
_NOT_GLUED_NAME: Final = frozenset({
    "VIA", "THE", "AND", "OR", "TO", "OF", "FOR", "IN", "ON", "AT", "BY", "NOT", "NO", "YES", "OK", "US", "USG",
    "UN", "EU", "UK", "IT", "AS", "SO", "WE", "HE", "ME", "MY", "BE", "DO", "GO", "UP", "AM", "AN", "IF", "IS",
    "THANKS", "THANK", "REGARDS", "CHEERS", "ENDS", "ENDED", "OVER", "OUT", "STOP", "QUOTE", "UNQUOTE", "CLEARED",
    "DRAFTED", "APPROVED", "NOTED", "AGREED", "CONCUR", "DONE", "MINIMIZE", "CONSIDERED", "PLEASE", "ADVISE",
    "ADVISED", "SEPTEL", "REFTEL", "PARA", "ACTION", "REQUEST", "INFO", "SUBJECT", "TAGS", "REF", "DECL", "OADR",
    "CONTINUED", "CLASSIFIED", "PROTECT", "LIMDIS", "EXDIS", "NODIS", "STADIS",
})


def _may_end_in_name(line: str) -> bool:
    """Whether *line* can end in a glued name: its last character, but blanks and debris, can end one."""
    last = line.rstrip(_NAME_DEBRIS)[-1:]
    return last.isalpha() or (last != "" and last in "'-")


def _last_lines(state: BodyState) -> list[str]:
    """The lines that end the text: the last pending block's, else the last paragraph's (maybe none)."""
    if state.pending:
        return state.pending[-1][0]
    return state.paras[-1].lines if state.paras else []


def _where(state: BodyState, values: Sequence[str]) -> tuple[int, str]:
    """The number of the cable line that ends the text, and that line as written (marker and all)."""
    if state.pending:
        lines, first, _ = state.pending[-1]
        number = first + len(lines) - 1
    else:
        lines = state.paras[-1].lines
        number = state.paras[-1].line + len(lines) - 1
    value = values[number - 1] if 0 < number <= len(values) else lines[-1]
    return number, value if value.rstrip().endswith(lines[-1]) else lines[-1]


def take_glued_signer(state: BodyState, values: Sequence[str]) -> list[str]:
    """Split a surname glued to the end of the last sentence off as the signer (reported: glued-line)."""
    lines = _last_lines(state)
    if not lines or not _may_end_in_name(lines[-1]):
        return []  # the text ends in a sentence's end, as most do: no name after it
    line = lines[-1]
    m = _GLUED_SIGNER.search(line, max(len(line) - _GLUED_TAIL, 0))
    if m is None:
        return []
    name = m.group("name")
    if any(word.upper() in _NOT_GLUED_NAME or word.upper() in _NOT_SIGNER for word in name.split()):
        return []
    number, value = _where(state, values)
    lines[-1] = line[:m.start("name")].rstrip()
    column = len(value.rstrip()) - len(line) + m.start("name") + 1
    state.ctx.at_line(D.GLUED_LINE, f"the signer's name {name!r} is glued to the end of the last sentence",
                      line=number, column=column, text=value, repair="the name is split off as the signer")
    return [name]


# The end of a text cut short: an ellipsis after a word, at the very end.
_CUT = re.compile(r"\w\.\.\.[ \t]*+\Z")


def report_ending(state: BodyState, values: Sequence[str], trailer: list[tuple[int, str]], *, signed: bool) -> None:
    """Keep each line that stood after the text in a defect; report a text that ends at a cut.

    A line of dots after the text (``...``) is debris when a signer stands before it, else it marks
    where the text was cut, as a last line ending in ``word...`` does.
    """
    at_line = state.ctx.at_line
    for number, value in sorted([*state.ends, *trailer]):
        if not signed and value.strip().startswith("..."):
            at_line(D.TEXT_TRUNCATED, f"the text ends at a cut ({value.strip()!r})", line=number, text=value)
        else:
            at_line(D.PUBLICATION_WRAPPER, f"{value.strip()!r} after the text is not cable text", line=number,
                    text=value, repair="the line is left out of the text and kept in this defect")
    if signed or any(value.strip().startswith("...") for _, value in trailer):
        return
    lines = _last_lines(state)
    end = lines[-1] if lines else ""
    if end.endswith("...") and _CUT.search(end, max(len(end) - 8, 0)):
        number, value = _where(state, values)
        at_line(D.TEXT_TRUNCATED, "the text ends at a cut (a word followed by '...')", line=number, text=value)


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


# The label that opens a summary: ``Summary``, ``BEGIN SUMMARY``, ``Summary and Comment``, ``Summary and
# Introduction``, ``SUMMARY AND ACTION REQUEST``, ``Summary/Introduction``, ``Introduction and Summary``.
_SUMMARY_LABEL = (r"(?:BEGIN[ \t\n]++)?(?:(?:INTRODUCTION|OVERVIEW|BACKGROUND)[ \t\n]++AND[ \t\n]++)?SUMMARY"
                  r"(?:(?:[ \t\n]++AND[ \t\n]++|[ ]?/[ ]?)"
                  r"(?:COMMENTS?|INTRODUCTION|BACKGROUND|ACTION[ \t\n]++REQUESTS?|RECOMMENDATIONS?))?")
# A marking the paragraph reader did not take, before the label (``(SE) Summary:``) or after it
# (``SUMMARY (U) …``, ``Summary (C):``).  A paragraph marker the reader did not take may follow the
# label on its line or the next (``Summary ¶1. (C) …``: the same once the line break is joined).
_LABEL_MARKING = r"\([A-Z/ ,]{1,30}+\)"
_SUMMARY_OPEN = re.compile(
    rf"^[ \t\n]*+(?:{_LABEL_MARKING}[ \t]*+)?{_SUMMARY_LABEL}[ \t]*+"
    rf"(?:{_LABEL_MARKING}[ \t]*+[:.\-]*+|[:.\-]+|\n|$|(?=\u00b6[ ]?\d{{1,3}}\.))[ \t\n]*+",
    re.IGNORECASE,
)
# A heading that is the summary's label: ``SUMMARY``, ``I. Summary``, ``SUMMARY AND INTRODUCTION``.
_SUMMARY_HEADING = re.compile(rf"(?:[IVX]{{1,4}}\.[ ]*+)?{_SUMMARY_LABEL}(?:[ ]*+{_LABEL_MARKING})?[ :.\-]*+",
                              re.IGNORECASE)
# "End Summary", found by its words; the brackets and blanks before it are added by _summary_close
# (a leading ``[(\s]*+`` would be tried at every position of the text, which is slow).
_SUMMARY_CLOSE = re.compile(r"\bEND[ \t\n]++(?:OF[ \t\n]++|(?:INTRODUCTION|BACKGROUND)[ \t\n]++AND[ \t\n]++)?"
                            r"SUMMARY\b[.)]*+", re.IGNORECASE)


def _summary_close(text: str) -> int | None:
    """Where the first ``(End Summary.)`` in *text* starts, with the blanks and brackets before it."""
    # A case-insensitive search is slow on a long text, and so is lower-casing it: the word is
    # written "Summary", "summary" or "SUMMARY".
    if "ummary" not in text and "UMMARY" not in text:
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
    """The summary: opened by ``Summary:`` (or under a SUMMARY heading), closed by ``End Summary``.

    Without an opener, one of the first two numbered paragraphs closed by ``End Summary`` is the
    summary, up to the close.
    """
    for index, paragraph in enumerate(paragraphs[:4]):
        text = _unlinked(paragraph.text)
        opened = _SUMMARY_OPEN.match(text)
        if opened is None and not (paragraph.heading and _SUMMARY_HEADING.fullmatch(paragraph.heading)):
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
    return _closed_summary(paragraphs)


def _closed_summary(paragraphs: Sequence[Paragraph]) -> str | None:
    """The summary without an opener: one of the first two numbered paragraphs, up to its ``End Summary``."""
    numbered = [paragraph for paragraph in paragraphs[:4] if paragraph.number is not None]
    for paragraph in numbered[:2]:
        text = _unlinked(paragraph.text)
        close = _summary_close(text)
        if close is not None:
            return text[:close].strip() or None
    return None
