"""The damage publication did to cables, as composable, seedable text transforms.

Each :class:`Transform` does one kind of damage to a cable text (the kinds
are described in the docs' defect reference, under *Kinds of defect*) and
records the lines it struck.  Transforms take a :class:`random.Random` (or a
seed), so a damage is reproducible, and compose with :func:`apply`, which keeps
every transform's line numbers right in the final text.  They need only the
standard library and cablekit.

Every transform but :data:`HARD_WRAP` is damage that cablekit reports: lenient
:func:`cablekit.parse` records a :class:`~cablekit.Defect` with the
transform's :attr:`~Transform.code` on one of the struck lines, strict mode
rejects the text (:attr:`~Transform.strict`), and :func:`cablekit.normalize`
repairs it.  Strict mode accepts two of them, which change the layout or the
envelope and not what the cable says: :data:`TRAILING_BLANKS` and
:data:`PAGE_WRAPPER`.  Hard wraps are how many cables were written in the
first place, so they are not a defect; ``normalize`` joins them all the same.

=====================  ==================================  ========================================
transform              damage                              defect code
=====================  ==================================  ========================================
PILCROW_DIGIT          ``¶4.`` became ``14.``              ``paragraph-marker-digit``
PILCROW_LINK           ``¶1.`` became ``[1](#)1.``         ``paragraph-marker-link``
PILCROW_STRAY_DIGIT    ``¶6.`` became ``¶16.``             ``paragraph-marker-pilcrow``
COMMA_FOR_PERIOD       ``2.`` became ``2,``                ``paragraph-marker-punctuation``
MISSING_SPACE          ``4. (C)`` became ``4.(C)``         ``paragraph-marker-spacing``
PAGE_BREAK             ``AMMAN 00000713 002 OF 003``       ``page-break``
PAGE_BREAK_PART        ``AMMAN 00000713 002.2 OF 003``     ``page-break``
BLANK_LINE             a blank line inside a sentence      ``paragraph-split``
HARD_WRAP              lines wrapped at 55-75 columns      (none: not a defect)
HEAD_REPEATED          banner … Classified By, twice       ``head-repeated``
LINK_ARTIFACTS         ``[PGOV](#)``, ``[1](#)B.``         ``link-artifact``
MOJIBAKE               ``â€™`` and ``Â¶`` (mojibake)       ``mojibake``
TRAILING_BLANKS        blanks at the end of lines          ``trailing-whitespace``
CRLF                   Windows line endings                ``line-endings``
PAGE_WRAPPER           a web page's metadata around it     ``publication-wrapper``
=====================  ==================================  ========================================

A transform that finds nothing to damage (no numbered paragraph, no banner…)
leaves the text alone and strikes no line.  :data:`STAGES` groups the
transforms in the order publication did things (the text, then its encoding,
then the page around it); :func:`apply` keeps the order it is given.

>>> import cablekit
>>> text = ("DE RUEHRO #0097 0121530\\nR 121530Z JAN 08\\nFM AMEMBASSY ROME\\n\\nUNCLAS ROME 000097\\n\\n"
...         "SUBJECT: TALKS\\n\\n1. (U) They talked.\\n\\n2. (U) They agreed.\\n")
>>> hit = apply(text, [COMMA_FOR_PERIOD, CRLF, PAGE_WRAPPER], seed=1)
>>> print("\\n".join(hit.text.splitlines()[:9]))
Identifier
Created
Released
08ROME97
2008-01-12 15:30
2011-08-30 01:44
pdf how-to read a cable
<BLANKLINE>
DE RUEHRO #0097 0121530
>>> [(s.kind, s.lines[:3]) for s in hit.strikes]
[('comma-for-period', (17,)), ('crlf', (9, 10, 11)), ('page-wrapper', (1, 2, 3))]
>>> sorted((d.code, d.line) for d in cablekit.parse(hit.text).defects)
[('line-endings', 9), ('paragraph-marker-punctuation', 17), ('publication-wrapper', 1)]
>>> repaired = cablekit.normalize(hit.text)  # the page's metadata is the only difference
>>> repaired == attrs.evolve(cablekit.normalize(text), metadata=repaired.metadata)
True
>>> repaired.metadata.identifier, repaired.metadata.created.year
('08ROME97', 2008)

"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import timedelta
from types import MappingProxyType
from typing import Final

import attrs
import regex

from ..body import ends_sentence
from ..fields import strip_links
from ..parser import parse
from ..repairs import fix_mojibake
from ..tokens import TokenKind, tokenize
from ..vocabulary import FRONT_MATTER
from ._layout import Layout, Lines, continues, layout, split_points

__all__ = [
    "BLANK_LINE",
    "COMMA_FOR_PERIOD",
    "CRLF",
    "HARD_WRAP",
    "HEAD_REPEATED",
    "LINK_ARTIFACTS",
    "MISSING_SPACE",
    "MOJIBAKE",
    "PAGE_BREAK",
    "PAGE_BREAK_PART",
    "PAGE_WRAPPER",
    "PILCROW_DIGIT",
    "PILCROW_LINK",
    "PILCROW_STRAY_DIGIT",
    "STAGES",
    "TRAILING_BLANKS",
    "TRANSFORMS",
    "Damaged",
    "Strike",
    "Transform",
    "apply",
]


@attrs.frozen(kw_only=True)
class Strike:
    """Where one transform struck."""

    kind: str
    """The transform's :attr:`Transform.kind`."""
    code: str | None
    """The defect code cablekit reports for this damage (``None`` for hard wraps)."""
    lines: tuple[int, ...]
    """1-based lines of the damaged text the transform touched (empty: it found nothing to damage)."""


@attrs.frozen(kw_only=True)
class Damaged:
    """A damaged text and where each transform struck it."""

    text: str
    """The damaged text."""
    strikes: tuple[Strike, ...]
    """One strike per transform applied, in order, with line numbers of :attr:`text`."""
    marks: tuple[frozenset[int], ...] = attrs.field(default=(), repr=False, eq=False)
    """For each line of :attr:`text`, the indexes of the strikes that touched it (to apply more damage)."""

    @property
    def lines(self) -> tuple[int, ...]:
        """Every line some transform touched."""
        return tuple(sorted({n for strike in self.strikes for n in strike.lines}))

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of the transforms that struck at least one line."""
        return tuple(strike.kind for strike in self.strikes if strike.lines)


@attrs.frozen(kw_only=True)
class Transform:
    """One kind of damage: call it with a text (or a :class:`Damaged`) and a seed or a :class:`random.Random`."""

    kind: str
    """A short kebab-case name, e.g. ``pilcrow-digit``."""
    code: str | None
    """The defect code cablekit reports for this damage; ``None`` when it is not a defect (hard wraps)."""
    strict: bool
    """Whether ``parse(text, mode="strict")`` rejects the damaged text."""
    summary: str
    """What the damage is."""
    damage: Callable[[Lines, Layout, random.Random], None] = attrs.field(repr=False)

    def __call__(self, text: str | Damaged, rng: random.Random | int | None = None) -> Damaged:
        """Damage *text*; see :func:`apply`."""
        return apply(text, [self], seed=rng)


def apply(text: str | Damaged, transforms: Iterable[Transform | str], *,
          seed: random.Random | int | None = 0) -> Damaged:
    """Apply *transforms* (objects or kinds) in order; every strike's lines are lines of the final text.

    *text* may be a :class:`Damaged` from an earlier call: its strikes are
    carried on.  *seed* is an int or a :class:`random.Random` (``None``: a
    fresh random seed).
    """
    rng = seed if isinstance(seed, random.Random) else random.Random(seed)
    if isinstance(text, Damaged):
        lines, strikes = Lines.of(text.text, text.marks), [(s.kind, s.code) for s in text.strikes]
    else:
        lines, strikes = Lines.of(text), []
    for transform in transforms:
        chosen = TRANSFORMS[transform] if isinstance(transform, str) else transform
        lines.strike = len(strikes)
        strikes.append((chosen.kind, chosen.code))
        chosen.damage(lines, layout(lines), rng)
    return Damaged(
        text=lines.text,
        strikes=tuple(Strike(kind=kind, code=code, lines=lines.struck(i)) for i, (kind, code) in enumerate(strikes)),
        marks=tuple(line.marks for line in lines.lines),
    )


def _some(rng: random.Random, items: Sequence[int], most: int | None = None) -> list[int]:
    """A non-empty random selection of *items* (at most *most*), in order."""
    if not items:
        return []
    count = rng.randint(1, min(len(items), most) if most else len(items))
    return sorted(rng.sample(list(items), count))


# --------------------------------------------------------------------------- paragraph markers


def _markers(rewrite: Callable[[int, str, random.Random], str | None]) -> Callable[[Lines, Layout, random.Random],
                                                                                 None]:
    """A transform that rewrites clean paragraph markers (``f"{n}."``) one by one."""

    def damage(lines: Lines, where: Layout, rng: random.Random) -> None:
        clean = [p for p in where.paragraphs if where.marker_line(p, lines)]
        for index in _some(rng, range(len(clean)), max(1, (len(clean) + 1) // 2)):
            paragraph = clean[index]
            assert paragraph.number is not None
            first = paragraph.lines[0]
            text = lines.lines[first].text
            new = rewrite(paragraph.number, text[len(str(paragraph.number)) + 1:], rng)
            if new is not None:
                lines.touch(first, new)

    return damage


def _digit(number: int, rest: str, rng: random.Random) -> str | None:
    return f"1{number}.{rest}" if number < 100 else None


def _link(number: int, rest: str, rng: random.Random) -> str | None:
    return rng.choice(("[1](#)", "[\u00b6](#)", f"[{number}](#par{number})")) + f"{number}.{rest}"


def _stray(number: int, rest: str, rng: random.Random) -> str | None:
    return f"\u00b61{number}.{rest}" if number < 100 else None


def _comma(number: int, rest: str, rng: random.Random) -> str | None:
    return f"{number},{rest}"


def _no_space(number: int, rest: str, rng: random.Random) -> str | None:
    return f"{number}.{rest.lstrip(' ')}" if rest.strip() else None


# --------------------------------------------------------------------------- page breaks, blank lines, wraps


def _origin_serial(lines: Lines, where: Layout) -> tuple[str, int]:
    """The post and serial a page-break line of the cable writes: the banner's, else the DE line's or the id's.

    (A page-break line with another serial would be a fact of another cable: ``inconsistent-serial``.)
    """
    if where.head is not None:
        token = next(tokenize(lines.lines[where.head[0]].text))
        origin, serial = token.group("bn_origin"), token.group("bn_serial")
        if origin and serial:
            return origin, int(serial)
    for index, kind in enumerate(where.kinds):
        if kind is TokenKind.DE:
            stated = next(tokenize(lines.lines[index].text)).group("de_serial")
            return "STATE", int(stated) if stated else 12345
    for line in lines.lines[:16]:  # a publication's Identifier (08AMMAN713)
        found = _ID.fullmatch(line.text.strip())
        if found:
            return "STATE", int(found.group(1))
    return "STATE", 12345


_ID = regex.compile(r"\d\d[A-Z]{2,30}?(\d{1,7})")


def _page_break(fraction: bool) -> Callable[[Lines, Layout, random.Random], None]:
    def damage(lines: Lines, where: Layout, rng: random.Random) -> None:
        origin, serial = _origin_serial(lines, where)
        spots = [(p, i) for p in where.paragraphs for i in p.lines]
        for pick in reversed(_some(rng, range(len(spots)), 2)):
            paragraph, index = spots[pick]
            pages = rng.randint(2, 4)
            page = rng.randint(2, pages)
            part = f".{rng.randint(1, 9)}" if fraction else ""
            line = f"{origin} {serial:08d} {page:03d}{part} OF {pages:03d}"
            after_next = index + 1 in paragraph.lines
            cuts = split_points(lines.lines[index].text, first=index == paragraph.lines[0])
            if cuts and (not after_next or rng.random() < 0.5):
                lines.split(index, rng.choice(cuts), [line], touch_rest=False)
            elif after_next:
                lines.insert(index + 1, [line])

    return damage


def _blank_line(lines: Lines, where: Layout, rng: random.Random) -> None:
    spots = [(p, i) for p in where.paragraphs for i in p.lines]
    for pick in reversed(_some(rng, range(len(spots)), 2)):
        paragraph, index = spots[pick]
        text = lines.lines[index].text
        cuts = split_points(text, first=index == paragraph.lines[0], mid_sentence=True)
        after_next = (index + 1 in paragraph.lines and not ends_sentence(text)
                      and continues(text, lines.lines[index + 1].text))
        if cuts and (not after_next or rng.random() < 0.5):
            lines.split(index, rng.choice(cuts), [""])
        elif after_next:
            lines.insert(index + 1, [""])
            lines.touch(index + 2)


def _wrap(lines: Lines, index: int, width: int, first: bool) -> int:
    """Wrap line *index* at *width* columns; returns how many lines it became."""
    count = 1
    while len(lines.lines[index].text) > width:
        text = lines.lines[index].text
        cuts = split_points(text, first=first)
        fitting = [c for c in cuts if c <= width]
        cut = fitting[-1] if fitting else next(iter(cuts), None)
        if cut is None:
            break
        lines.touch(index)
        lines.split(index, cut)
        index += 1
        count += 1
        first = False
    return count


def _hard_wrap(lines: Lines, where: Layout, rng: random.Random) -> None:
    width = rng.randint(55, 75)
    targets = [(i, i == group[0]) for _, group in where.fields for i in group]
    targets += [(i, i == p.lines[0]) for p in where.paragraphs for i in p.lines]
    for index, first in sorted(targets, reverse=True):
        _wrap(lines, index, width, first)


# --------------------------------------------------------------------------- head, links


def _head_repeated(lines: Lines, where: Layout, rng: random.Random) -> None:
    if where.head is None:
        return
    first, last = where.head
    copy = [lines.lines[i].text for i in range(first, last + 1)]
    lines.insert(last + 1, ["", *copy])
    lines.lines[last + 1].marks = frozenset()  # the blank line before the copy is no damage


_TAG_WORD: Final = regex.compile(r"(?<![\w\[(])[A-Z][A-Z0-9]{1,9}(?=[ ,;]|$)")
_REF_LABEL: Final = regex.compile(r"(?<![^ ;,])[A-Z][.)](?= )")


def _link_spots(kind: TokenKind, group: Sequence[int], lines: Lines) -> list[tuple[int, int, int, str]]:
    """Where link debris can go in a TAGS or REF field: (line, start, end, replacement)."""
    spots = []
    for i in group:
        text = lines.lines[i].text
        skip = len(text) - len(text.split(":", 1)[1].lstrip()) if i == group[0] and ":" in text else 0
        if kind is TokenKind.TAGS:
            for m in _TAG_WORD.finditer(text, skip):
                if text.count("(", 0, m.start()) == text.count(")", 0, m.start()):  # not in a person's name
                    spots.append((i, m.start(), m.end(), f"[{m.group()}](#)"))
        elif kind is TokenKind.REF:
            labels = [(i, m.start(), m.start(), "[1](#)") for m in _REF_LABEL.finditer(text, skip)]
            spots += labels
            if not labels and i == group[0]:  # unlabelled references: link one as a whole
                start = skip
                for piece in text[skip:].split("; "):
                    if 3 <= len(piece) <= 80 and "[" not in piece and "]" not in piece and \
                            not piece.strip().isdigit():
                        spots.append((i, start, start + len(piece), f"[{piece}](#)"))
                    start += len(piece) + 2
    return spots


def _link_artifacts(lines: Lines, where: Layout, rng: random.Random) -> None:
    spots = [spot for kind, group in where.fields if kind in (TokenKind.TAGS, TokenKind.REF)
             for spot in _link_spots(kind, group, lines)]
    for pick in reversed(_some(rng, range(len(spots)), 4)):
        i, start, end, replacement = spots[pick]
        text = lines.lines[i].text
        lines.touch(i, text[:start] + replacement + text[end:])


# --------------------------------------------------------------------------- encoding


def _mojibaked(char: str) -> str | None:
    try:
        damaged = char.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:
        return None
    return damaged if damaged != char and fix_mojibake(damaged) == char else None


def _mojibake(lines: Lines, where: Layout, rng: random.Random) -> None:
    markers = {p.lines[0] for p in where.paragraphs if where.marker_line(p, lines)}
    spots = [i for i, line in enumerate(lines.lines)
             if i in markers or any(ord(c) > 127 and _mojibaked(c) for c in line.text)]
    for index in _some(rng, spots, 4):
        old = lines.lines[index].text
        text = "".join(_mojibaked(c) or c if ord(c) > 127 else c for c in old)
        if index in markers and (text == old or rng.random() < 0.7):
            text = "\u00c2\u00b6" + text
        if text != lines.lines[index].text:
            lines.touch(index, text)


def _trailing_blanks(lines: Lines, where: Layout, rng: random.Random) -> None:
    last = len(lines.lines) - (1 if lines.lines and not lines.lines[-1].text else 0)
    for index in _some(rng, range(where.front_matter, last), 3):
        lines.touch(index, lines.lines[index].text + " " * rng.randint(1, 3))


def _crlf(lines: Lines, where: Layout, rng: random.Random) -> None:
    for index in range(len(lines.lines) - 1):
        lines.lines[index].cr = True
        lines.touch(index)


# --------------------------------------------------------------------------- the publication page

_LABELS: Final = ("Identifier", "Created", "Released", "Classification", "Origin")
_RELEASES: Final = ("2010-11-28 18:00", "2011-08-30 01:44")


def _page_wrapper(lines: Lines, where: Layout, rng: random.Random) -> None:
    stated: dict[str, str] = {}
    for i in range(where.front_matter):
        m = FRONT_MATTER.fullmatch(lines.lines[i].text)
        if m:
            stated[m.group("key")] = " ".join(m.group("value").split())
    if "Reference-Id" in stated:
        stated.setdefault("Identifier", stated.pop("Reference-Id"))
    tags = next((lines.lines[i].text for kind, group in where.fields if kind is TokenKind.TAGS
                 for i in group[:1]), None)
    if len(stated.keys() & {"Identifier", "Created", "Classification", "Origin"}) < 2:
        cable = parse(lines.text)  # (with the front matter: its date gives the id's year)
        if cable.reference_id and cable.reference_id[:2].isdigit():
            stated.setdefault("Identifier", cable.reference_id)
        if cable.header is not None and cable.header.dtg is not None:
            stated.setdefault("Created", cable.header.dtg.isoformat())
    created = stated.get("Created")
    if created:
        from ..wrappers import parse_date

        when = parse_date(created)
        if when is not None:
            stated["Created"] = f"{when:%Y-%m-%d %H:%M}"
            released = when + timedelta(days=1) if when.year > 2010 else None
            stated["Released"] = f"{released:%Y-%m-%d %H:%M}" if released else rng.choice(_RELEASES)
    stated.setdefault("Released", rng.choice(_RELEASES))
    labels = [label for label in _LABELS if label in stated]
    if len(labels) < 3:  # too little for a page: the text keeps its front matter
        return
    if where.front_matter:
        del lines.lines[:where.front_matter + 1]  # and the blank line after it
    page = [*labels, *(stated[label] for label in labels)]
    if "Title" in stated:
        page.append(f"Cable title: {stated['Title']}")
    if tags is not None:
        page.append("Tags: " + " ".join(strip_links(tags).split(":", 1)[-1].split()))
    page += ["pdf how-to read a cable", ""]
    lines.insert(0, page, cr=False)
    lines.lines[len(page) - 1].marks = frozenset()


# --------------------------------------------------------------------------- the catalogue

PILCROW_DIGIT: Final = Transform(kind="pilcrow-digit", code="paragraph-marker-digit", strict=True,
                                 summary="the pilcrow of a marker turned into a leading digit: '14.' for 4",
                                 damage=_markers(_digit))
PILCROW_LINK: Final = Transform(kind="pilcrow-link", code="paragraph-marker-link", strict=True,
                                summary="the pilcrow of a marker became a Markdown link: '[1](#)4.'",
                                damage=_markers(_link))
PILCROW_STRAY_DIGIT: Final = Transform(kind="pilcrow-stray-digit", code="paragraph-marker-pilcrow", strict=True,
                                       summary="a marker kept its pilcrow and gained a digit: '¶16.' for 6",
                                       damage=_markers(_stray))
COMMA_FOR_PERIOD: Final = Transform(kind="comma-for-period", code="paragraph-marker-punctuation", strict=True,
                                    summary="a comma for the period of a marker: '2,'", damage=_markers(_comma))
MISSING_SPACE: Final = Transform(kind="missing-space", code="paragraph-marker-spacing", strict=True,
                                 summary="no space after a marker: '4.(C)'", damage=_markers(_no_space))
PAGE_BREAK: Final = Transform(kind="page-break", code="page-break", strict=True,
                              summary="page-break lines ('AMMAN 00000713 002 OF 003') inside paragraphs",
                              damage=_page_break(False))
PAGE_BREAK_PART: Final = Transform(kind="page-break-part", code="page-break", strict=True,
                                   summary="page-break lines ('AMMAN 00000713 002.2 OF 003') inside paragraphs",
                                   damage=_page_break(True))
BLANK_LINE: Final = Transform(kind="blank-line", code="paragraph-split", strict=True,
                              summary="blank lines inside sentences", damage=_blank_line)
HARD_WRAP: Final = Transform(kind="hard-wrap", code=None, strict=False,
                             summary="paragraphs and head fields wrapped at 55-75 columns (not a defect)",
                             damage=_hard_wrap)
HEAD_REPEATED: Final = Transform(kind="head-repeated", code="head-repeated", strict=True,
                                 summary="the head block (banner … Classified By) printed twice",
                                 damage=_head_repeated)
LINK_ARTIFACTS: Final = Transform(kind="link-artifacts", code="link-artifact", strict=True,
                                  summary="Markdown link debris on TAGS and references: '[PGOV](#)', '[1](#)B.'",
                                  damage=_link_artifacts)
MOJIBAKE: Final = Transform(kind="mojibake", code="mojibake", strict=True,
                            summary="UTF-8 read as Windows-1252: 'â€™' for '’', 'Â¶' for '¶'", damage=_mojibake)
TRAILING_BLANKS: Final = Transform(kind="trailing-blanks", code="trailing-whitespace", strict=False,
                                   summary="blanks at the end of lines", damage=_trailing_blanks)
CRLF: Final = Transform(kind="crlf", code="line-endings", strict=True, summary="Windows (CRLF) line endings",
                        damage=_crlf)
PAGE_WRAPPER: Final = Transform(kind="page-wrapper", code="publication-wrapper", strict=False,
                                summary="a web page's flattened metadata table (Identifier, Created, …) before "
                                        "the cable; cablekit's own Key: value lines become its values",
                                damage=_page_wrapper)

STAGES: Final = (
    (HEAD_REPEATED, PAGE_BREAK, PAGE_BREAK_PART, BLANK_LINE, HARD_WRAP, LINK_ARTIFACTS, PILCROW_DIGIT,
     PILCROW_LINK, PILCROW_STRAY_DIGIT, COMMA_FOR_PERIOD, MISSING_SPACE),
    (MOJIBAKE, TRAILING_BLANKS, CRLF),
    (PAGE_WRAPPER,),
)
"""The transforms by stage of publication: damage to the text, to its encoding, then the page around it.

Transforms of one stage compose in any order; a later stage's damage is done after an earlier one's
(a page wrapper added before the encoding damage would carry that damage into its metadata).
"""

TRANSFORMS: Final[Mapping[str, Transform]] = MappingProxyType({t.kind: t for stage in STAGES for t in stage})
"""Every transform by kind, in the order of :data:`STAGES`."""
