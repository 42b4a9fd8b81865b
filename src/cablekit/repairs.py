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
from .wrappers import Source

__all__ = ["fix_mojibake", "repair_lines"]

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
    r"E\.[ ]?O\.[ ]?\d{5}|EO[ ]\d{5}[ ]|TAGS:|TAGS[ ](?=[A-Z]{2,4}\b)|SUBJECT:|SUBJ:|REFS?:"
    r"|(?i:CLASSIFIED[ ]BY)[ :]"
)
_GLUED_HEAD = re.compile(rf"(?<=\S)(?=(?:{_HEAD_ANCHOR}))")
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
    r"^(?:(?:[A-Z][ ]){4,30}[A-Z]|UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET)[ ]++(?:SECTION[ ]\d+[ ]OF[ ]\d+[ ]++)?"
    r"[A-Z][A-Z ]{1,40}?[ ]\d{6}(?=[A-Za-z(])"
)
# An old-style page line with the text of the next line glued to it.
_GLUED_PAGE = re.compile(
    r"^[ ]*+PAGE[ ]++\d{2,3}[ ]++[A-Z][A-Z .'-]{1,40}?[ ]++\d{1,8}(?:[ ]++\d\d[ ]++OF[ ]++\d\d)?"
    r"[ ]++\d{6}Z(?=[ ]++\S)"
)
# In text whose line breaks were lost: paragraph markers and headings standing between paragraphs.
# In text whose line breaks were lost: where a paragraph marker or a head field stands between
# paragraphs.  Four kinds of break, each its own pattern (no two can cut at the same place), so
# each scan is a simple one: blanks before a head field, blanks before a pilcrow marker, and the
# end of 2-8 blanks before a numbered marker or before a heading followed by a marker.
_BREAKS_TAKEN: Final = (  # the blanks themselves are cut out
    re.compile(rf"(?<=\S)[ ]{{1,8}}(?=(?:{_HEAD_ANCHOR}))"),
    re.compile(r"[ ]{1,8}(?=(?:\u00b6|\ufffd)[ ]?\d{1,3}[.,])"),
)
_BREAKS_AFTER: Final = (  # the cut falls after the blanks
    re.compile(r"(?<=\S)[ ]{2,8}+(?=\d{1,3}\.[ ]{1,3}(?:\(|[A-Z]))"),
    re.compile(r"(?<=[.!?\"')])[ ]{2,8}+(?=[A-Z][A-Z ,'&/-]{2,80}[A-Z][ ]{2,8}(?:\u00b6|\d{1,3}\.))"),
)


def _collapsed_cuts(text: str) -> list[tuple[int, int]]:
    """The spans to cut out of *text* at collapsed line breaks, in order."""
    cuts = [m.span() for pattern in _BREAKS_TAKEN for m in pattern.finditer(text)]
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
_COLLAPSED_HEAD = re.compile(r"[ ]{2,}")
_MARKER_START = re.compile(r"(?:\u00b6|\ufffd)?[ ]?\d{1,3}[.,]")


def _aggregate(ctx: Context, code: D, hits: list[tuple[int, str]], what: str) -> None:
    if not hits:
        return
    line, text = hits[0]
    count = len(hits)
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


_HEAD_FIRST = frozenset("ETSRCcULV")
_BANNER_WORDS = ("UNCLAS", "CONFIDENTIAL", "SECRET")
_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_PAGE_FIRST = frozenset("P ")  # _GLUED_PAGE: blanks, then PAGE


# Each kind of glue behind a cheap check of what its pattern needs, so most lines cost a set lookup.

def _head_glued(line: str) -> bool:
    """Whether a head field (``TAGS:``, ``SUBJECT:`` …) is glued to the end of the field *line* opens with."""
    return (line[:1] in _HEAD_FIRST and _LINE_STARTS_HEAD.match(line) is not None
            and _GLUED_HEAD.search(line) is not None)


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


def _candidate_lines(lines: list[str], text: str) -> list[int]:
    """Indexes of the lines _unglue_from may change, ascending (it makes the same tests)."""
    long_text = len(text) > 1500
    datelines = "day, " in text
    pages = "PAGE" in text
    return [index for index, line in enumerate(lines)
            if (long_text and len(line) > 1500) or _head_glued(line) or _banner_glued(line) is not None
            or (pages and _page_glued(line) is not None) or (datelines and _dateline_glued(line))]


def _unglue(source: Source, ctx: Context, text: str) -> None:
    lines = source.lines
    glued: list[tuple[int, str]] = []
    collapsed: list[tuple[int, str]] = []
    candidates = _candidate_lines(lines, text)
    if not candidates:
        return
    # Work from the last candidate back, so splitting a line leaves the earlier indexes valid.
    for start in reversed(candidates):
        _unglue_from(source, start, glued, collapsed)
    glued.sort()
    collapsed.sort()
    _aggregate(ctx, D.COLLAPSED_LINES, collapsed, "line breaks restored")
    _aggregate(ctx, D.GLUED_LINE, glued, "glued lines split")


def _unglue_from(source: Source, i: int, glued: list[tuple[int, str]], collapsed: list[tuple[int, str]]) -> None:
    """Unglue line *i* and the pieces it splits into."""
    lines = source.lines
    stop = i + 1
    while i < stop:
        line = lines[i]
        if len(line) > 1500 and len(_collapsed_cuts(line[:20000])) >= 2:
            collapsed.append((source.line_map[i], line[:80]))
            pieces = [p for p in _split_collapsed(line) if p.strip()] or [line]
            first_marker = next((k for k, p in enumerate(pieces)
                                 if _MARKER_START.match(p)), len(pieces))
            head: list[str] = []
            for piece in pieces[:first_marker]:
                head.extend(p for p in _COLLAPSED_HEAD.split(piece) if p.strip())
            pieces = head + pieces[first_marker:]
            if len(pieces) > 1:
                source.replace(i, i + 1, pieces)
                stop += len(pieces) - 1
                continue  # the pieces are looked at again, for glued fields
            i += 1
            continue
        pieces = [line]
        if _head_glued(line):
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
        if len(pieces) > 1:
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
    if " \n" in joined or "\t\n" in joined or joined.endswith((" ", "\t")):
        trailing = [(source.line_map[i], line) for i, line in enumerate(lines) if line[-1:] in (" ", "\t")]
        _aggregate(ctx, D.TRAILING_WHITESPACE, trailing, "blanks at the end of the line")
    _unglue(source, ctx, joined)
