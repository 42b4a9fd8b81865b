"""Line-level repairs made before tokenizing: encoding damage, stray markup, glued lines."""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate
from typing import Final

from ._context import Context
from .defects import DefectCode as D
from .tokens import FIELD_PATTERNS, TokenKind
from .vocabulary import CAVEAT_PATTERN, ROUTING_INDICATOR
from .wrappers import Source

__all__ = ["fix_mojibake", "glued_pieces", "head_zone_lines", "repair_lines"]

# UTF-8 read as Windows-1252 (or Latin-1): a lead byte Â-ô followed by 1-3 continuation bytes.
_CP1252_CONT = "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d" \
               "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][{_CP1252_CONT}]{{1,3}}")
_MOJIBAKE_QUICK = re.compile(f"[\u00c2-\u00f4][{_CP1252_CONT}]")


def _unmojibake(m: re.Match[str]) -> str:
    chunk = m.group()
    for size in range(len(chunk), 1, -1):
        head = chunk[:size]
        try:
            fixed = head.encode("cp1252").decode("utf-8")
        except UnicodeError:
            try:
                fixed = head.encode("latin-1").decode("utf-8")
            except UnicodeError:
                continue
        return fixed + chunk[size:]
    return chunk


def fix_mojibake(line: str) -> str:
    """Undo UTF-8 text that was decoded as Windows-1252.

    >>> fix_mojibake("isnâ€™t Â¶3.")
    'isn’t ¶3.'
    """
    return _MOJIBAKE.sub(_unmojibake, line)


_MARKUP = re.compile(r"</?[A-Za-z][^<>\n]{0,300}>|&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|"
                        r"amp|lt|gt|quot|apos|nbsp|para|rsquo|lsquo|rdquo|ldquo|ndash|mdash);")
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000\u200b\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Fields that may be glued to the end of the line before them.
_HEAD_ANCHOR = (
    r"E\.[ ]?O\.[ ]?\d{5}|EO[ ][1-9]\d{4}[ ]|TAGS:|TAGS[ ](?=[A-Z]{2,4}\b)|SUBJECT:|SUBJ:|REFS?:"
    r"|(?i:CLASSIFIED[ ]BY)[ :]"
)
_GLUED_HEAD = re.compile(rf"(?<=\S)(?=(?:{_HEAD_ANCHOR}))")
# The same anchors, each alternative opening with a plain letter, so that a search skips to those letters.
_ANCHOR = re.compile(
    _HEAD_ANCHOR.replace("(?i:CLASSIFIED[ ]BY)[ :]", "C(?i:LASSIFIED[ ]BY)[ :]|c(?i:LASSIFIED[ ]BY)[ :]"))
_LINE_STARTS_HEAD = re.compile(
    rf"(?:{_HEAD_ANCHOR}|(?:C[ ]O[ ]N[ ]F|S[ ]E[ ]C[ ]R|UNCLAS|CONFIDENTIAL|SECRET|LIMITED[ ]OFFICIAL)"
    r"|VZCZC)"
)
_DATELINE = re.compile(
    r"(?<=\S)(?=(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),[ ]\d{1,2}[ ]"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)[ ]\d{4},)"
)
# A banner whose zero-padded serial runs straight into the next line.
_GLUED_BANNER = re.compile(
    r"(?:(?:[A-Z][ ]){4,30}[A-Z]|UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET)[ ]++(?:SECTION[ ]\d+[ ]OF[ ]\d+[ ]++)?"
    r"[A-Z][A-Z ]{1,40}?[ ]\d{6}(?=[A-Za-z(])"
)
# An old-style page line with the text of the next line glued to it.
_GLUED_PAGE = re.compile(
    r"[ ]*+PAGE[ ]++\d{2,3}[ ]++[A-Z][A-Z .'-]{1,40}?[ ]++\d{1,8}(?:[ ]++\d\d[ ]++OF[ ]++\d\d)?"
    r"[ ]++\d{6}Z(?=[ ]++\S)"
)
# In text whose line breaks were lost: paragraph markers and headings standing between paragraphs.
# In text whose line breaks were lost: where a paragraph marker or a head field stands between
# paragraphs.  Four kinds of break, each its own pattern (no two can cut at the same place), so
# each scan is a simple one: blanks before a head field, blanks before a pilcrow marker, and the
# end of 2-8 blanks before a numbered marker or before a heading followed by a marker.
# Each scan opens with a blank (two for the cuts after the blanks) and looks behind it for what must stand
# before, so that it skips to the blanks; the blanks before a pilcrow are found from each pilcrow.
_BREAKS_TAKEN: Final = (  # the blanks themselves are cut out
    re.compile(rf"[ ](?<=\S[ ])[ ]{{0,7}}(?=(?:{_HEAD_ANCHOR}))"),
    re.compile(r"[ ]{1,8}(?=(?:\u00b6|\ufffd)[ ]?\d{1,3}[.,])"),
)
_BREAKS_AFTER: Final = (  # the cut falls after the blanks
    re.compile(r"[ ][ ](?<=\S[ ][ ])[ ]{0,6}+(?=\d{1,3}\.[ ]{1,3}(?:\(|[A-Z]))"),
    re.compile(r"[ ][ ](?<=[.!?\"')][ ][ ])[ ]{0,6}+(?=[A-Z][A-Z ,'&/-]{2,80}[A-Z][ ]{2,8}(?:\u00b6|\d{1,3}\.))"),
)
_PILCROW_MARKER: Final = re.compile(r"[\u00b6\ufffd][ ]?\d{1,3}[.,]")


def _pilcrow_cuts(text: str) -> list[tuple[int, int]]:
    """What ``_BREAKS_TAKEN[1].finditer(text)`` finds: the (up to eight) blanks before each pilcrow marker."""
    cuts = []
    for mark in ("\u00b6", "\ufffd"):
        at = text.find(mark)
        while at >= 0:
            start = at
            while start > 0 and at - start < 8 and text[start - 1] == " ":
                start -= 1
            if start < at and _PILCROW_MARKER.match(text, at) is not None:
                cuts.append((start, at))
            at = text.find(mark, at + 1)
    return cuts


def _collapsed_cuts(text: str) -> list[tuple[int, int]]:
    """The spans to cut out of *text* at collapsed line breaks, in order.

    The blanks before a pilcrow marker are looked for only when the text holds a pilcrow (or U+FFFD), the
    cuts after two blanks or more only when it holds two blanks together.
    """
    cuts = [m.span() for m in _BREAKS_TAKEN[0].finditer(text)]
    if "\u00b6" in text or "\ufffd" in text:
        cuts.extend(_pilcrow_cuts(text))
    if "  " in text:
        cuts.extend((m.end(), m.end()) for pattern in _BREAKS_AFTER for m in pattern.finditer(text))
    cuts.sort()
    return cuts


def _split_collapsed(text: str) -> list[str]:
    pieces = []
    position = 0
    for start, end in _collapsed_cuts(text):
        pieces.append(text[position:start])
        position = end
    pieces.append(text[position:])
    return pieces
# Blanks standing for line breaks in a collapsed head; not those after a paragraph marker or a marking,
# which open paragraph 1 glued to the head (``… reasons 1.4 (b), (d) 1.  (C)  On July 1 …``), nor those
# after a label's colon (``E.O. 12356:  DECL:  OADR``) or inside a page-break line (``RIGA 00000592  001.2 OF 003``).
_COLLAPSED_HEAD = re.compile(
    r"(?<!:)(?<![ ]\d{8})(?<![ ]\d[.,])(?<![ ]\d\d[.,])(?<!\(\w\))(?<!\(\w\w\))(?<!\(\w\w\w\))[ ]{2,}+")
_MARKER_START = re.compile(r"(?:\u00b6|\ufffd)?[ ]?\d{1,3}[.,]")


def _aggregate(ctx: Context, code: D, hits: list[tuple[int, str]], what: str) -> None:
    if hits:
        _report_count(ctx, code, len(hits), hits[0], what)


def _report_count(ctx: Context, code: D, count: int, first: tuple[int, str], what: str) -> None:
    """Report *count* lines repaired, the first of them *first* (its source line, its text)."""
    line, text = first
    ctx.at_source_line(code, f"{what} on {count} line{'s' if count != 1 else ''}, first on line {line}",
                       line=line, text=text)


def _map_lines(source: Source, pattern: re.Pattern[str], fix: Callable[[str], str],
               text: str) -> list[tuple[int, str]]:
    """Fix each line where *pattern* matches in *text* (the lines joined by newlines), in one scan of the text.

    A fixed line may come out as several (an entity decoded to a line ending):
    the lines after it move down, which the scan keeps count of.
    """
    hits: list[tuple[int, str]] = []
    lines = source.lines
    starts: list[int] | None = None  # where each line starts in text
    done = -1
    shift = 0  # how many lines the fixes so far added
    for m in pattern.finditer(text):
        if starts is None:
            starts = [0, *accumulate(len(line) + 1 for line in lines)]
        index = bisect_right(starts, m.start()) - 1
        if index == done:
            continue
        done = index
        line = lines[index + shift]
        fixed = fix(line)
        if fixed != line:
            hits.append((source.line_map[index + shift], line))
            shift += source.replace(index + shift, index + shift + 1, [fixed]) - 1
    return hits


# --- whole-text shapes ------------------------------------------------------------------------------------

_LINE_SEPARATORS: Final = ("\u2028", "\u2029")
_ESCAPED_END: Final = re.compile(r"(?:^|(?<=[ ]))\\[ ]*+$")


def _split_separators(source: Source, ctx: Context) -> None:
    """Read Unicode line and paragraph separators (U+2028, U+2029) as the line breaks they stand for.

    A page that kept a cable's own line breaks as separators inside its lines
    (``SUBJECT: TALKS ON\u2028TRADE``) holds the cable's lines; read as blanks
    they would leave a label or a paragraph marker in mid-line.
    """
    lines = source.lines
    hits: list[tuple[int, str]] = []
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if "\u2028" in line or "\u2029" in line:
            hits.append((source.line_map[i], line))
            source.replace(i, i + 1, line.replace("\u2029", "\u2028").split("\u2028"))
    hits.reverse()
    _aggregate(ctx, D.LINE_ENDINGS, hits, "Unicode line separators (U+2028) read as line breaks")


def _drop_escaped_ends(source: Source, ctx: Context) -> None:
    """Drop a backslash ending a line: a CSV dump's escaped line break (``UNCLAS ROME 01234 \\``)."""
    lines = source.lines
    hits: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        if line.endswith(("\\", " ")):
            m = _ESCAPED_END.search(line)
            if m is not None:
                hits.append((source.line_map[i], line))
                source.replace(i, i + 1, [line[:m.start()]])
    _aggregate(ctx, D.PUBLICATION_WRAPPER, hits, "backslashes that escaped line breaks (a CSV dump) dropped")


def _dedent(source: Source, ctx: Context) -> None:
    """Remove the blanks that open the lines of an indented cable, as :func:`textwrap.dedent` does.

    The cable is indented when two thirds of its lines holding text open with
    a blank; its header, its banner and a paragraph marker a page printed as a
    link may stand flush left among them.  The blanks every indented line
    opens with are removed from each.
    """
    lines = source.lines
    indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip(" ")]
    indented = [blanks for blanks in indents if blanks]
    if len(indented) < 3 or 3 * len(indented) < 2 * len(indents):
        return
    indent = min(indented)
    pad = " " * indent
    first = next(i for i, line in enumerate(lines) if line.startswith(" ") and line.strip(" "))
    ctx.at_source_line(D.INDENTED_TEXT, f"{len(indented)} of {len(indents)} lines indented by {indent} "
                       f"blank{'s' if indent != 1 else ''}", line=source.line_map[first], text=lines[first])
    source.replace(0, len(lines), [line[indent:] if line.startswith(pad) else line for line in lines],
                   origin=list(source.line_map))


def _reshape(source: Source, ctx: Context, text: str, unicode: bool) -> bool:
    """Read line separators as line breaks, drop escaped line ends, dedent; whether a line changed.

    *text* is the lines joined; *unicode*, whether it may hold characters outside ASCII.
    """
    reported = len(ctx.defects)  # each of these repairs reports what it changed
    if unicode and ("\u2028" in text or "\u2029" in text):
        _split_separators(source, ctx)
    if "\\" in text:
        _drop_escaped_ends(source, ctx)
    tail = text[-300:].rstrip()
    if tail[tail.rfind("\n") + 1:][:1] == " ":  # the last line holding text may be indented
        _dedent(source, ctx)
    return len(ctx.defects) != reported
# --- the head zone --------------------------------------------------------------------------------------
#
# From the top of the text to the first line that opens a numbered paragraph, the lines of the
# header and the head.  A dump that joined them with blanks (``E.O. 12958: DECL: 05/01/2016 TAGS:
# PREL``, ``SUBJECT: TALKS REF: STATE 123 Classified By: …``) is cut before each strong label: a
# label with what must follow it, so a subject such as ``E.O. 13382 ENTITIES`` stays whole.

_ZONE_LINES: Final = 120  # the head zone's most lines (a head's last field stands within 90 in real cables)
_ZONE_END: Final = re.compile(
    r"\n(?=(?:\u00b6|\u00c2\u00b6|\ufffd|\[[^\]\n]{1,8}\]\(#[^)\n]{0,24}\))?+[ ]?\d{1,3}[.,](?![0-9])[ ]*+[(A-Za-z\"])")
_ZONE_LABEL = (
    r"E\.?[ ]?O\.?[ ]?1\d{4}[ ]*+(?::|DECL|N/A)"
    r"|TAGS(?:[ ]*+:|[ ]++[A-Z]{4}(?![A-Za-z]))"
    r"|SUBJ(?:ECT)?[ ]*+:|Subj(?:ect)?[ ]*+:"
    r"|REF(?:S|TELS?)?[ ]*+:|Refs?[ ]*+:|Ref\(s\)[ ]*+:"
    r"|(?:CLASSIFIED[ ]BY|Classified[ ][Bb]y)(?:[ ]*+:|[ ]++[A-Z])|classified[ ]by[ ]*+:"
)
# A spaced-out banner (``C O N F I D E N T I A L ROME 001234``): never part of a word or a sentence.
_SPACED_BANNER = r"(?:C[ ]O[ ]N[ ]F[ ]I[ ]D[ ]E[ ]N[ ]T[ ]I[ ]A[ ]L|(?:T[ ]O[ ]P[ ])?S[ ]E[ ]C[ ]R[ ]E[ ]T)[ ]++[A-Z]"
# (not inside TOP SECRET)
_ZONE_CUT: Final = re.compile(rf"(?<!T[ ]O[ ]P)[ ]{{1,8}}+(?=(?P<label>{_ZONE_LABEL})|{_SPACED_BANNER})")
# A label alone, perhaps with a list letter or a marking after it: the same label after it repeats it.
_LABEL_ONLY: Final = re.compile(
    r"(?:SUBJ(?:ECT)?|REF(?:S|TELS?)?|Refs?|(?i:classified[ ]by))[ ]*+:?[ ]*+"
    r"(?:\(?[A-Z0-9]{1,2}[.)]|\([A-Z]{1,4}(?:/{1,2}[A-Z]{1,6}){0,2}\))?[ ]*+")
_MARKING_BEFORE: Final = re.compile(r"(?:^|(?<=[ ]))\([A-Z]{1,4}(?:/{1,2}[A-Z]{1,6}){0,2}\)[ ]*+$")
# The page and section numbers of a page-break line (``ROME 00001234 001.2 OF 003``); glued after
# text, its post is read back from the numbers up to ten characters (the form prints the post cut to
# ten: ``RIO DE JAN``), or the words that open the line.
_PAGE_NUMBERS: Final = re.compile(r"[ ]++\d{8}[ ]++\d{3}(?:\.\d)?[ ]++OF[ ]++\d{3}(?![0-9])")
_POST_WORDS: Final = re.compile(r"(?:[A-Z][A-Z.'&-]*+[ ]){0,3}+[A-Z][A-Z.'&-]*+$")
# SIPDIS, a made-up word that no other word contains, glued to the text before or after it.
_SIPDIS_GLUED: Final = re.compile(r"(?<=\S)(?=SIPDIS)|(?<=SIPDIS)(?=[A-Za-z(])")
_CLASSIFIED_BY_OPENINGS: Final = ("Classified B", "Classified b", "classified B", "classified b", "CLASSIFIED BY")
_BANNER_OPENINGS: Final = ("C O N", "S E C", "T O P", "UNCLAS", "CONFIDENTIAL", "SECRET")
# A blank, then the first words of what _ZONE_CUT cuts before (a cheap test that the scan may find one).
# Paragraph 1's marker and marking glued after a head field (``SUBJECT: TALKS 1. (C) The minister …``);
# the marking tells it from a number ending a subject (``PHASE 1.``).
_FIRST_MARKER: Final = re.compile(r"1\.[ ]*+\([A-Z]{1,4}(?:/{1,2}[A-Z]{1,6}){0,2}\)(?![^ \n])")
_HEAD_LABEL: Final = re.compile(_ZONE_LABEL)
_BODY_OPENING = r"(?:1\.[ ]++[A-Z][a-z]|\((?:U|C|S|SBU|TS)(?:/{1,2}[A-Z]{1,6})?\)[ ]++[A-Z][a-z])"  # a sentence
# (a match ends where the body starts; ``[0-9]`` rather than ``\d``: a search then skips to the digits)
# (or, group ``prose``, an unmarked sentence: a capitalised word and three lower-case words, which no
# upper-case REF list goes on with: ``REF: STATE 1234 As requested in reftel, …``)
_REF_BODY: Final = re.compile(rf"[0-9][ ]{{1,4}}+(?=(?:_{{3,80}}+[ ]{{1,4}}+)?{_BODY_OPENING}"
                              r"|(?P<prose>[A-Z][a-z]{1,12}+(?:[ ][a-z]{2,15}+){3}(?![A-Za-z])))")
_REF_ITEM: Final = re.compile(r"[ \t]*+\u00b6?\(?[A-Z][.)][ ]++[A-Z]")  # a REF list's item on a line of its own
_BODY_START: Final = re.compile(_BODY_OPENING)
_AFTER_BLANK: Final = re.compile(
    r"[ ](?:E\.?[ ]?O|TAGS|SUBJ|Subj|REF|Refs?[ ]*:|Ref\(s\)|[Cc]lassified|CLASSIFIED"
    r"|C[ ]O[ ]N[ ]F|T[ ]O[ ]P[ ]S|S[ ]E[ ]C)")


def _zone_end(text: str) -> int:
    """Where the head zone of *text* ends: the start of the first line opening a numbered paragraph."""
    m = _ZONE_END.search(text)
    return len(text) if m is None else m.start()


_SPACED_BANNERS: Final = ("C O N F I D E N T I A L", "T O P S E C R E T", "S E C R E T")


def _glued_banners(text: str) -> list[int]:
    """Where a spaced-out banner stands glued to the text before it, with no blank between."""
    found = []
    for word in _SPACED_BANNERS:
        at = text.find(word)
        while at >= 0:
            if at and text[at - 1] not in " \n" and not (word[0] == "S" and text[max(0, at - 4):at] == "O P "):
                found.append(at)
            at = text.find(word, at + 1)
    return found


def _glued_sipdis(text: str) -> list[int]:
    """Where SIPDIS stands glued to the text before or after it (what _SIPDIS_GLUED cuts)."""
    found = []
    at = text.find("SIPDIS")
    while at >= 0:
        after = text[at + 6:at + 7]
        if (at and text[at - 1] not in " \n") or (after.isascii() and after.isalpha()) or after == "(":
            found.append(at)
        at = text.find("SIPDIS", at + 6)
    return found


def _page_breaks(text: str) -> list[int]:
    """Where the numbers of a page-break line stand in *text* (what _PAGE_NUMBERS finds, near each `` OF ``)."""
    found = []
    at = text.find(" OF ")
    while at >= 0:
        m = _PAGE_NUMBERS.search(text, max(0, at - 30), at + 12)
        if m is not None:
            found.append(m.start())
        at = text.find(" OF ", at + 4)
    return found


def _glued_first_paragraphs(text: str, *, refs: bool = True, ref_from: int = 0) -> list[int]:
    """Where paragraph 1's marker (perhaps after a pilcrow) stands glued after a head field's text in *text*.

    After a REF line's serial, the body's first words need no marking (``REF: STATE 1234 1. Summary …``)
    or no number (``REF: STATE 1234 (SBU) Poloff delivered …``) or no marking at all after an upper-case
    list (``REF: STATE 1234 As requested in reftel, …``); those are looked for only with *refs*, from
    *ref_from* (the start of the line where a REF field may first stand).
    """
    found = []
    for m in _FIRST_MARKER.finditer(text) if "1." in text else ():
        at = m.start() - (text[m.start() - 1:m.start()] == "\u00b6")
        start = text.rfind("\n", 0, at) + 1
        if text[at - 1:at] == " " and text[start:at].strip(" ") and _HEAD_LABEL.search(text, start, at) is not None:
            found.append(at)
    for m in _REF_BODY.finditer(text, ref_from) if refs else ():
        start = text.rfind("\n", 0, m.start()) + 1
        label = text.rfind("REF", start, m.start())
        in_ref = label >= 0 and (label == start or text[label - 1] == " ") and text[label + 3:label + 4] in ": S"
        if m.group("prose") is not None:  # only after the serial of a REF list of upper-case references
            in_ref = in_ref and ":" in text[label + 3:label + 6] and text[label:m.start()].isupper()
        elif not in_ref:
            in_ref = _REF_ITEM.match(text, start) is not None
        if in_ref and m.end() not in found:
            found.append(m.end())
    return found


def _zone_candidates(lines: list[str], zone: str) -> set[int]:
    """The lines of the head zone that :func:`_zone_split` may cut, by index.

    *lines* are the zone's lines and *zone* their text (joined).  A line that
    may open with a glued banner, Classified By or addressee line is told by
    its first letters; each kind of cut within a line is looked for only when
    a cheap test of the text says it can be there.
    """
    found = {index for index in _opening_lines(zone) if _opening_glued(lines[index])}
    offsets: list[int] = []
    if "E C R E T" in zone or "C O N F I D" in zone:  # the letters of _SPACED_BANNERS
        offsets.extend(_glued_banners(zone))
    blank = _AFTER_BLANK.search(zone)
    if blank is not None:  # each cut ends at a label after a blank, and holds at most eight blanks
        offsets.extend(m.start() for m in _ZONE_CUT.finditer(zone, max(0, blank.start() - 7)))
    if " OF " in zone:
        offsets.extend(_page_breaks(zone))
    ref = zone.find("REF")
    other = zone.find("Ref", 0, ref if ref >= 0 else len(zone))
    ref = other if other >= 0 else ref  # the first REF or Ref
    ref_from = zone.rfind("\n", 0, ref) + 1 if ref >= 0 else len(zone)
    item = _first_ref_item(zone)  # a REF list's item, unlabelled
    if item is not None:
        ref_from = min(ref_from, item)
    if ref_from < len(zone) or "1." in zone:
        offsets.extend(_glued_first_paragraphs(zone, refs=ref_from < len(zone), ref_from=ref_from))
    if "SIPDIS" in zone:
        offsets.extend(_glued_sipdis(zone))
    if offsets:
        found.update(_line_indexes(zone, offsets))
    return found


_OPENINGS: Final = (*_BANNER_OPENINGS, *_CLASSIFIED_BY_OPENINGS, "TO", "INFO")  # what _opening_glued looks at
# A line break before one of _OPENINGS, and before a REF item: the lines of the zone are found in one scan of it.
_OPENING_AFTER_BREAK: Final = re.compile("\n(?:" + "|".join(re.escape(opening) for opening in _OPENINGS) + ")")
_REF_ITEM_AFTER_BREAK: Final = re.compile("\n" + _REF_ITEM.pattern)


def _opening_lines(zone: str) -> list[int]:
    """The indexes of the lines of *zone* (lines joined) that start with one of :data:`_OPENINGS`."""
    first = [0] if zone.startswith(_OPENINGS) else []
    return first + _line_indexes(zone, [m.start() + 1 for m in _OPENING_AFTER_BREAK.finditer(zone)])


def _first_ref_item(zone: str) -> int | None:
    """Where the first line of *zone* (lines joined) that :data:`_REF_ITEM` matches starts, if one does."""
    if _REF_ITEM.match(zone) is not None:
        return 0
    m = _REF_ITEM_AFTER_BREAK.search(zone)
    return None if m is None else m.start() + 1


def _opening_glued(line: str) -> bool:
    """Whether *line* opens with a banner, a Classified By line or an addressee line that has more glued to it."""
    if line.startswith(_BANNER_OPENINGS) and _banner_and_more(line) is not None:
        return True
    if line.startswith(_CLASSIFIED_BY_OPENINGS):
        return _after_reasons(line, 0) is not None
    if line.startswith(("TO", "INFO")):
        return _TO_GLUED.match(line) is not None or _TO_PAGE.match(line) is not None or (
            line.count("/") > 1 and len(_ADDRESSEE.findall(line)) > 1)
    return False


def _line_at(text: str, start: int) -> str:
    """The line of *text* that starts at *start*."""
    end = text.find("\n", start)
    return text[start:end if end >= 0 else len(text)]


def _label_kind(text: str) -> str:
    return text[:3].upper()


def _label_cuts(line: str) -> list[tuple[int, int]]:
    """The blanks before each head label glued to what stands before it on *line*."""
    cuts: list[tuple[int, int]] = []
    start = 0  # where the piece the next cut ends starts
    for m in _ZONE_CUT.finditer(line):
        cut, label = m.start(), m.group("label")
        if cut == 0:
            continue
        if label is None and line[cut - 2:cut - 1] == " ":
            continue  # a spaced banner after spaced letters (T O P S E C R E T) is not glued to them
        before = line[start:cut]
        marking = _MARKING_BEFORE.search(before)
        if marking is not None:  # a marking opens the field: ``… ¶F. ROME 12 (U) Classified by …``
            if marking.start() == 0:
                continue
            cut = start + len(before[:marking.start()].rstrip(" "))
            cuts.append((cut, start + marking.start()))
            start = start + marking.start()
            continue
        alone = before.lstrip(" ")
        if label is not None and _LABEL_ONLY.fullmatch(alone) and _label_kind(alone) == _label_kind(label):
            continue  # the label repeated: ``REF: A. REF: ROME 12``, ``Classified By: CLASSIFIED BY …``
        cuts.append(m.span())
        start = m.end()
    return cuts


def _page_break_cuts(line: str) -> list[tuple[int, int]]:
    """The blanks before and after each page-break line glued inside *line*."""
    cuts: list[tuple[int, int]] = []
    for m in _PAGE_NUMBERS.finditer(line):
        post = _POST_WORDS.search(line, max(0, m.start() - 60), m.start())
        if post is None:
            continue
        words = post.group().split(" ")
        while len(words) > 1 and len(" ".join(words)) > 10 and line[:post.start()].strip(" "):
            del words[0]
        first = m.start() - len(" ".join(words))
        if first > 0 and line[first - 1] == " ":
            cuts.append((len(line[:first].rstrip(" ")), first))
        rest = len(line) - len(line[m.end():].lstrip(" "))
        if rest < len(line):
            cuts.append((m.end(), rest))
    return cuts


def _cut(line: str, cuts: list[tuple[int, int]]) -> list[str]:
    """The non-empty pieces of *line* between the spans *cuts* (cut out; they may overlap)."""
    pieces = []
    position = 0
    for start, end in sorted(cuts):
        if start >= position:
            pieces.append(line[position:start])
        position = max(position, end)
    pieces.append(line[position:])
    return [piece for piece in pieces if piece]


def _zone_cuts(line: str) -> list[tuple[int, int]]:
    """Where *line*, a line of the head zone, is cut into the lines glued in it."""
    labels = _label_cuts(line)
    cuts = labels + _page_break_cuts(line)
    cuts.extend((len(line[:at].rstrip(" ")), at) for at in _glued_first_paragraphs(line))
    # a field opens the line, or one cut off the text before it: what is glued after it is cut off too
    glued_from = 0 if _LINE_STARTS_HEAD.match(line) is not None else labels[0][1] if labels else -1
    banners = sorted(_glued_banners(line))
    if banners:
        cuts.extend((b, b) for b in banners)
        glued_from = banners[0] if glued_from < 0 else glued_from
    if glued_from >= 0:
        cuts.extend((m.start(), m.start()) for m in _GLUED_HEAD.finditer(line, glued_from))
    if "SIPDIS" in line:
        cuts.extend((m.start(), m.start()) for m in _SIPDIS_GLUED.finditer(line))
    if _HEADER_LINE.match(line) is not None and (line.startswith("TO ") or len(_ADDRESSEE.findall(line)) > 1):
        cuts.extend(_header_cuts(line))
    return cuts


def _zone_split(line: str) -> list[str]:
    """*line*, a line of the head zone, cut into the lines glued in it (just *line* when none is)."""
    to = _TO_GLUED.match(line) if line[:1] in "TI" else None
    if to is not None:  # ``TORUEHC/SECSTATE WASHDC``
        line = f"{line[:to.end()]} {line[to.end():]}"
    pieces: list[str] = []
    for piece in _cut(line, _zone_cuts(line)):
        if pieces and (_FIRST_MARKER.match(piece, piece[:1] == "\u00b6") is not None or (
                pieces[-1].rstrip()[-1:].isdigit() and _BODY_START.match(piece.lstrip("_ ")) is not None)):
            pieces.append("")  # paragraph 1 cut off a head field gets the blank line before it back
        pieces.extend(_split_openings(piece))
    return pieces or [line]


def _split_openings(piece: str) -> list[str]:
    """*piece* cut after each line glued at its start: a banner, a page line, a Classified By line.

    Body text cut off a Classified By line gets the blank line before it back,
    which ends the field.
    """
    pieces = []
    start = 0
    while (found := _opening_end(piece, start)) is not None:
        stop, next_start = found
        pieces.append(piece[start:stop])
        if piece[start:start + 1] in "Cc" and _CLASSIFIED_BY_LABEL.match(piece, start) is not None:
            pieces.append("")
        start = next_start
    pieces.append(piece[start:])
    return pieces


def _opening_end(line: str, start: int) -> tuple[int, int] | None:
    """Where the line opening *line* at *start* ends and the one glued to it starts, if one is."""
    first = line[start:start + 1]
    if first in _UPPER and (line[start + 1:start + 2] == " " or line.startswith(_BANNER_WORDS, start)):
        m = _GLUED_BANNER.match(line, start)
        if m is not None:
            return m.end(), m.end()
        m = _banner_and_more(line, start)
        if m is not None:
            return m.end(), len(line) - len(line[m.end():].lstrip(" "))
    if first in _PAGE_FIRST:
        m = _GLUED_PAGE.match(line, start)
        if m is not None:
            return m.end(), len(line) - len(line[m.end():].lstrip(" "))
    if first in "Cc":
        return _after_reasons(line, start)
    return None


# A banner with its caveats, and more text after them on its line (the office lines that followed it):
# ``C O N F I D E N T I A L ROME 001234 SIPDIS STATE FOR EUR/WE``.
_BANNER_AND_MORE: Final = re.compile(
    r"(?:(?:[A-Z][ ]){4,30}[A-Z]|UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET)[ ]++(?:SECTION[ ]\d+[ ]OF[ ]\d+[ ]++)?"
    rf"[A-Z][A-Z ]{{1,40}}?[ ]\d{{6}}(?![0-9])(?:[ ]++(?:{CAVEAT_PATTERN})(?![^ \n]))*+(?=[ ]++\S)")
_BANNER: Final = FIELD_PATTERNS[TokenKind.BANNER]


def _banner_and_more(line: str, start: int = 0) -> re.Match[str] | None:
    """The banner and caveats opening *line* at *start*, when more text follows them and the line is no banner."""
    m = _BANNER_AND_MORE.match(line, start)
    return m if m is not None and _BANNER.fullmatch(line, start) is None else None


# --- text glued after a Classified By line's reasons ------------------------------------------------------
#
# ``Classified By: …, reasons 1.4 (b) and (d). (C) The minister said …``: the reasons are read token by
# token from their first number (numbers, letters alone or in brackets, and, or, &, commas, slashes,
# periods, and the split words a dump leaves: ``A ND``, ``an d``); what follows them starts a line of
# its own when it opens like body text (a paragraph marker, a marking, a rule, a word).  A bracketed
# capital letter after the reasons is a marking, not a reason, when no ``and``/``,`` joins it to them
# and text (or a period before it) says so: ``(b) and (d) (C) On July 21 …``.

_CLASSIFIED_BY_LABEL: Final = re.compile(r"[ ]*+(?i:classified[ ]++by)")
_REASON_NUMBER: Final = re.compile(r"1[ ]?\.[ ]?[4-8](?![0-9])")
_REASON_TOKEN: Final = re.compile(
    r"[ ]*+(?:(?P<number>1[ ]?\.[ ]?[4-8](?![0-9]))"
    r"|(?P<paren>\([ ]?[A-Ha-h](?:[ ]?(?:[,/&]|and|AND|or|OR)?[ ]?[A-Ha-h]){0,7}[ ]?\))"
    r"|(?P<joint>(?:and|AND|And|or|OR|a[ ]nd|an[ ]d|A[ ]ND|AN[ ]D)(?![A-Za-z])|[,;&/])"
    r"|(?P<letter>[A-Ha-h](?=[ ,.;)&]|$|/[A-Ha-h](?![A-Za-z])))"
    r"|(?P<dot>\.))")
# The tokens without their group names, repeated (re refuses named groups in a possessive repeat).
_REASON_RUN: Final = re.compile("(?:{})*+".format(re.sub(r"\(\?P<\w++>", "(?:", _REASON_TOKEN.pattern)))
_CAPITAL_IN_BRACKETS: Final = re.compile(r"[ ]*+\([A-H]\)")
_WORDS_FOLLOW: Final = re.compile(r"[ ]++[A-Z\"'\u201c]")
_BODY_OPENS: Final = re.compile(
    r"(?:\u00b6|\ufffd)?[ ]?\d{1,3}[.,][ ]*+[(A-Za-z\"]"  # a paragraph marker
    r"|\([A-Z]{1,4}(?:/{1,2}[A-Z]{1,6}){0,3}\)(?:[ ]|$)"  # a marking
    r"|[-=_*]{3}"  # a rule
    r"|[A-Z][\w'\u2019/.-]*+[ ]++\S|[A-Z][a-z]{2,}|[A-Z]{3,}")  # words


def _is_marking(line: str, m: re.Match[str], last: str) -> bool:
    """Whether the bracketed letter *m* after a reasons token of kind *last* is a marking opening text."""
    return (last in ("dot", "paren", "letter") and _CAPITAL_IN_BRACKETS.fullmatch(m.group()) is not None
            and (last == "dot" or _WORDS_FOLLOW.match(line, m.end()) is not None))


def _after_reasons(line: str, start: int) -> tuple[int, int] | None:
    """Where the reasons of the Classified By line opening *line* at *start* end, and the text after them starts.

    None when nothing but the field stands on the line.
    """
    if _CLASSIFIED_BY_LABEL.match(line, start) is None:
        return None
    number = _REASON_NUMBER.search(line, start, start + 400)
    if number is None:
        return None
    run = _REASON_RUN.match(line, number.start())
    if run is not None and not line[run.end():].strip(" "):
        return None  # nothing after the reasons (the usual case): no need to read them token by token
    position, last = number.start(), ""
    while (m := _REASON_TOKEN.match(line, position)) is not None:
        kind = m.lastgroup or ""
        if kind == "paren" and _is_marking(line, m, last):
            break
        position, last = m.end(), kind
    rest = len(line) - len(line[position:].lstrip(" "))
    if last == "joint" or rest == len(line) or _BODY_OPENS.match(line, rest) is None:
        return None
    return position, rest


# --- header lines glued together ---------------------------------------------------------------------------
#
# ``TORUEHC/SECSTATE WASHDC``, ``TO RUEHC/SECSTATE WASHDC 2703INFO RUCNMER/MERCOSUR COLLECTIVERUEATRS/…``
# (or the same with blanks between: ``… 2703 INFO RUCNMER/MERCOSUR COLLECTIVE RUEATRS/…``),
# ``TO PAGE 02 STATE 015113 182333Z``: the addressee breaks :data:`cablekit.wrappers` makes in a JSON
# record's header, in a TO line or a line holding more than one addressee.  An addressee glued to the
# text before it opens with ``R`` and a letter other than ``R`` (``DAKARRUEHDK/`` is ``DAKAR`` +
# ``RUEHDK/``).

_HEADER_LINE: Final = re.compile(rf"(?:TO|INFO)[ ]|{ROUTING_INDICATOR}")  # an addressee line
_ADDRESSEE: Final = re.compile(ROUTING_INDICATOR)
_TO_GLUED: Final = re.compile(rf"(?:TO|INFO)(?={ROUTING_INDICATOR})")
_TO_PAGE: Final = re.compile(r"TO[ ]++PAGE[ ]++\d")
_HEADER_BREAK: Final = re.compile(
    rf"(?<=\S)[ ]*+(?=(?:TO|INFO)[ ]{ROUTING_INDICATOR})"
    r"|(?<=[A-Za-z0-9])(?=R[A-QS-Z0-9][A-Z0-9]{2,5}/[A-Z])"
    rf"|(?<=[A-Za-z0-9])(?<!TO)(?<!INFO)[ ]++(?={ROUTING_INDICATOR}[A-Z])"
    r"|(?<=^TO)[ ]++(?=PAGE[ ]++\d)"
)
def _header_cuts(line: str) -> list[tuple[int, int]]:
    """Where the header lines glued in *line* (a header line) start."""
    return [m.span() for m in _HEADER_BREAK.finditer(line)]


_HEAD_FIRST = frozenset("ETSRCcULV")
_BANNER_WORDS = ("UNCLAS", "CONFIDENTIAL", "SECRET")
_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_PAGE_FIRST = frozenset("P ")  # _GLUED_PAGE: blanks, then PAGE


# Each kind of glue behind a cheap check of what its pattern needs, so most lines cost a set lookup.

def _head_glued(line: str) -> bool:
    """Whether a head field (``TAGS:``, ``SUBJECT:`` …) is glued to the end of the field *line* opens with."""
    return line[:1] in _HEAD_FIRST and _LINE_STARTS_HEAD.match(line) is not None and _anchor_glued(line)


def _anchor_glued(line: str) -> bool:
    """Whether an anchor (:data:`_ANCHOR`) after the first character of *line* is glued to the text before it."""
    if (line.find("E.", 1) < 0 and line.find("EO ", 1) < 0 and line.find("TAGS", 1) < 0 and line.find("SUBJ", 1) < 0
            and line.find("REF", 1) < 0 and line.upper().find("LASSIFIED", 2) < 0):
        return False  # no anchor's first letters after the line's start (its own label)
    # _GLUED_HEAD.search(line), but the anchors are looked for first: a search for them skips to their letters
    return any(not line[m.start() - 1].isspace() for m in _ANCHOR.finditer(line, 1))


def _banner_glued(line: str) -> re.Match[str] | None:
    """The banner that opens *line*, when the next line's text is glued to it."""
    if line[:1] in _UPPER and (line[1:2] == " " or line.startswith(_BANNER_WORDS)):
        return _GLUED_BANNER.match(line)
    return None


def _page_glued(line: str) -> re.Match[str] | None:
    """The old-style page line that opens *line*, when the next line's text is glued to it."""
    return _GLUED_PAGE.match(line) if line[:1] in _PAGE_FIRST else None


def _dateline_glued(line: str) -> bool:
    """Whether a dateline (``Monday, 5 May 2008,``) is glued to the end of *line*."""
    return "day, " in line and len(line) < 400 and _DATELINE.search(line) is not None


# The start of a line that _head_glued, _banner_glued or _page_glued may say yes to, after its line break.
_GLUE_OPENING: Final = re.compile(rf"\n(?={_LINE_STARTS_HEAD.pattern}|[A-Z][ ][A-Z][ ][A-Z]|[ ]*+PAGE[ ])")


def _opens_glued(line: str, pages: bool) -> bool:
    """Whether *line* opens with a head field, a banner or (with *pages*) a page line with another line glued on."""
    return (_head_glued(line) or _banner_glued(line) is not None
            or (pages and _page_glued(line) is not None))


def _candidate_lines(lines: list[str], text: str) -> set[int]:
    """Indexes of the lines _unglue_from may change (it makes the same tests).

    *text* is the lines joined.  The lines a test can say yes to are found in
    it (the openings a glued head, banner or page line needs, the words a
    glued dateline needs), so most lines cost no test at all.
    """
    pages = "PAGE" in text
    found = [0] if lines and (_opens_glued(lines[0], pages) or _dateline_glued(lines[0])) else []
    offsets = []
    for m in _GLUE_OPENING.finditer(text):
        if _opens_glued(_line_at(text, m.end()), pages):
            offsets.append(m.end())
    at = text.find("day, ")
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        if _dateline_glued(_line_at(text, start)):
            offsets.append(start)
        at = text.find("day, ", at + 5)
    found.extend(_line_indexes(text, offsets))
    if len(text) > 1500 and max(map(len, lines)) > 1500:
        found.extend(index for index, line in enumerate(lines) if len(line) > 1500)
    return set(found)


def _line_indexes(text: str, offsets: list[int]) -> list[int]:
    """The index of the line of *text* holding each offset of *offsets*."""
    indexes = []
    line = 0
    position = 0
    for offset in sorted(offsets):
        line += text.count("\n", position, offset)
        position = offset
        indexes.append(line)
    return indexes


# A page-break line cut over blank lines (``TRIPOLI 00000402`` ending a line, ``001.2 OF 003`` alone after it).
_NUMBERS_ALONE: Final = re.compile(r"[ ]{0,3}+\d{3}(?:\.\d)?[ ]{1,3}+OF[ ]++\d{3}[ ]*+")
_SERIAL_LEFT: Final = re.compile(r"[ ]++\d{8}[ ]*+$")


def _page_start_left(line: str) -> int | None:
    """Where the post and serial that open a page-break line start, when they end *line* (``… RIGA 00000592``)."""
    serial = _SERIAL_LEFT.search(line, max(0, len(line) - 20))
    at = serial.start() if serial is not None else 0
    post = _POST_WORDS.search(line, max(0, at - 60), at) if at else None
    if post is None:
        return None
    words = post.group().split(" ")
    while len(words) > 1 and len(" ".join(words)) > 10 and line[:post.start()].strip(" "):
        del words[0]  # the form prints the post cut to ten characters
    first = at - len(" ".join(words))
    return first if first == 0 or line[first - 1] == " " else None


def _page_numbers_alone(text: str) -> list[int]:
    """The indexes of the lines of *text* that hold a page-break line's numbers alone (``001.2 OF 003``).

    Found from each `` OF `` of the text rather than by trying every line.
    """
    starts = []
    at = text.find(" OF ")
    while at >= 0:
        start = text.rfind("\n", max(0, at - 11), at) + 1  # the numbers stand within ten characters of the line start
        if (start or at < 11) and (text[at - 1:at].isdigit() or text[at - 1:at] == " "):
            end = text.find("\n", at)
            if _NUMBERS_ALONE.fullmatch(text, start, end if end >= 0 else len(text)) is not None:
                starts.append(start)
        at = text.find(" OF ", at + 4)
    return _line_indexes(text, starts)


def _join_cut_page_breaks(source: Source, ctx: Context, text: str) -> bool:
    """Put a page-break line cut over one or two blank lines back together, on a line of its own.

    The numbers alone on their line (``001.2 OF 003``) and the post and serial ending the text line before
    the blank lines (``… B) TRIPOLI 227   TRIPOLI 00000402``) make one page-break line; the text before the
    post keeps its line.  Return whether any was put together.
    """
    lines = source.lines
    joined = []
    for index in reversed(_page_numbers_alone(text)):
        before = index - 1
        while before > index - 3 and before > 0 and not lines[before].strip():
            before -= 1
        line = lines[before]
        first = _page_start_left(line) if before < index - 1 else None
        if first is None:
            continue
        page = f"{line[first:].strip()}  {lines[index].strip()}"
        joined.append((source.line_map[before], line))
        kept = [line[:first].rstrip()] if line[:first].strip() else []
        source.replace(before, index + 1, [*kept, page], origin=source.line_map[before])
    _aggregate(ctx, D.PAGE_BREAK, sorted(joined), "page-break lines cut over a blank line put together")
    return bool(joined)


def _unglue(source: Source, ctx: Context, text: str) -> None:
    lines = source.lines
    glued: list[tuple[int, str]] = []
    collapsed: list[tuple[int, str]] = []
    zone_lines = head_zone_lines(text)  # the head zone is lines[:zone_lines]
    zone = lines[:zone_lines]
    candidates = sorted(_zone_candidates(zone, "\n".join(zone)).union(_candidate_lines(lines, text)))
    if not candidates:
        return
    # Work from the last candidate back, so splitting a line leaves the earlier indexes valid.
    for start in reversed(candidates):
        _unglue_from(source, start, glued, collapsed, zone_lines)
    glued.sort()
    collapsed.sort()
    _aggregate(ctx, D.COLLAPSED_LINES, collapsed, "line breaks restored")
    _aggregate(ctx, D.GLUED_LINE, glued, "glued lines split")


def head_zone_lines(text: str) -> int:
    """How many lines open *text* (a cable's lines joined) as its head zone, where head fields are cut apart.

    The zone ends before the first line that opens a numbered paragraph, and
    holds at most 120 lines.

    >>> head_zone_lines("SUBJECT: TALKS\\nThe minister\\n1. (C) He said.\\n2. (C) More.")
    2
    """
    return min(text.count("\n", 0, _zone_end(text)) + 1, _ZONE_LINES)


def glued_pieces(line: str, head_zone: bool) -> list[str]:
    """The lines the glued-line repair cuts *line* into (``[line]`` when it finds none glued in it).

    *head_zone* says whether the line stands in the head zone
    (:func:`head_zone_lines`), where a head label, a banner or a page-break
    line after other text starts a line of its own.  A piece may be empty:
    the blank line that ends a field cut off before body text.

    >>> glued_pieces("TALKS Classified By: J. Smith, reasons 1.4 (b)", True)
    ['TALKS', 'Classified By: J. Smith, reasons 1.4 (b)']
    >>> glued_pieces("TALKS Classified By: J. Smith, reasons 1.4 (b)", False)
    ['TALKS Classified By: J. Smith, reasons 1.4 (b)']
    """
    pieces = [line]
    if head_zone:
        pieces = _zone_split(line)
    elif _head_glued(line):
        pieces = [p for p in _GLUED_HEAD.split(line) if p]
    m = _banner_glued(pieces[0])
    if m:
        pieces[0:1] = [pieces[0][:m.end()], pieces[0][m.end():]]
    m = _page_glued(pieces[0])
    if m:
        pieces[0:1] = [pieces[0][:m.end()], pieces[0][m.end():].lstrip()]
    last = pieces[-1]
    if _dateline_glued(last):
        pieces[-1:] = [p for p in _DATELINE.split(last) if p]
    return pieces


def _collapsed_pieces(line: str) -> tuple[list[str], int]:
    """The lines of a collapsed *line*, and how many of them come before its first paragraph.

    The head is cut at runs of blanks too; each paragraph after the first line
    gets the blank line before it back, as the cable had it.
    """
    pieces = [p for p in _split_collapsed(line) if p.strip()] or [line]
    first_marker = next((k for k, p in enumerate(pieces) if _MARKER_START.match(p)), len(pieces))
    head: list[str] = []
    for piece in pieces[:first_marker]:
        head.extend(p for p in _COLLAPSED_HEAD.split(piece) if p.strip())
    body = [p for piece in pieces[first_marker:] for p in ("", piece)]
    return (head + body if head else body[1:]), len(head)


def _unglue_from(source: Source, i: int, glued: list[tuple[int, str]], collapsed: list[tuple[int, str]],
                 zone_end: int) -> None:
    """Unglue line *i* and the pieces it splits into (the head zone is the lines before *zone_end*)."""
    lines = source.lines
    stop = i + 1
    while i < stop:
        line = lines[i]
        if len(line) > 1500 and len(_collapsed_cuts(line[:20000])) >= 2:
            collapsed.append((source.line_map[i], line[:80]))
            pieces, head = _collapsed_pieces(line)
            if len(pieces) > 1:
                source.replace(i, i + 1, pieces)
                stop += len(pieces) - 1
                zone_end = i + head if i < zone_end else zone_end  # the paragraphs are not in the head zone
                continue  # the pieces are looked at again, for glued fields
            i += 1
            continue
        pieces = glued_pieces(line, i < zone_end)
        if pieces != [line]:
            glued.append((source.line_map[i], line))
            count = source.replace(i, i + 1, pieces)
            stop += count - 1
            i += count
            continue
        i += 1


# Cheap byte-level tests that must hold before a repair's pattern is worth running.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
# The odd spaces but the tab, looked for one by one (quicker than the pattern's character class).
_ODD_SPACES: Final = ("\u00a0", *map(chr, range(0x2000, 0x200C)), "\u202f", "\u205f", "\u3000", "\ufeff")


def _trailing_blanks(joined: str) -> tuple[int, int] | None:
    """How many of the lines joined in *joined* end in a blank or a tab, and the index of the first; None for none.

    Counted in the joined text (a blank before a line break, or ending the text), not line by line.
    """
    blank, tab = joined.find(" \n"), joined.find("\t\n")
    last = joined[-1:] in (" ", "\t") and joined != ""
    if blank < 0 and tab < 0 and not last:
        return None
    count = joined.count(" \n") + joined.count("\t\n") + last
    first = min(at for at in (blank, tab, len(joined)) if at >= 0)
    return count, joined.count("\n", 0, first)


def repair_lines(source: Source, ctx: Context) -> None:
    """Repair encoding damage, stray markup and glued lines in place, recording defects."""
    lines = source.lines
    joined = "\n".join(lines)
    ascii_only = joined.isascii()
    data = joined.encode("utf-8", "surrogatepass")

    changed = False  # whether a pass changed a line (and may have put in what a later pass repairs)

    def run(pattern: re.Pattern[str], fix: Callable[[str], str], code: D, what: str) -> None:
        nonlocal joined, changed
        hits = _map_lines(source, pattern, fix, joined)
        _aggregate(ctx, code, hits, what)
        if hits:
            joined = "\n".join(lines)
            changed = True

    if not ascii_only and b"\xc3" in data:
        run(_MOJIBAKE_QUICK, fix_mojibake, D.MOJIBAKE, "encoding damage repaired")
    if "<" in joined or "&" in joined:
        run(_MARKUP, lambda s: html.unescape(_MARKUP.sub(lambda m: m.group() if m.group().startswith("&") else "", s)),
            D.HTML_MARKUP, "HTML markup removed")
    if len(data.translate(None, _CONTROL_BYTES)) != len(data) or changed:
        run(_CONTROL, lambda s: _CONTROL.sub(" ", s), D.WHITESPACE, "control characters read as spaces")
    if "\t" in joined or (not ascii_only and any(space in joined for space in _ODD_SPACES)) or changed:
        run(_ODD_SPACE, lambda s: _ODD_SPACE.sub(" ", s), D.WHITESPACE, "tabs or unusual spaces read as plain spaces")
    if _reshape(source, ctx, joined, changed or not ascii_only):
        joined = "\n".join(lines)
    trailing = _trailing_blanks(joined)
    if trailing is not None:
        count, first = trailing
        _report_count(ctx, D.TRAILING_WHITESPACE, count, (source.line_map[first], lines[first]),
                      "blanks at the end of the line")
    if "\n\n" in joined and " OF " in joined and _join_cut_page_breaks(source, ctx, joined):
        joined = "\n".join(lines)
    _unglue(source, ctx, joined)
