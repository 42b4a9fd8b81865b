"""Decoders for the fields of the body head: banner, E.O., TAGS, REF and Classified By.

Each decoder takes the text of one field (continuation lines already joined
by the parser) and returns model objects.  They never raise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Final, NamedTuple

from .identity import full_year, reference_cable_ids
from .model import Banner, Classification, Classifier, ExecutiveOrder, Reference, ReferenceKind, Tag, TagKind
from .references import kind_by_words, reference_kind
from .tags import fused_tags, tag, tag_table
from .tokens import Token
from .vocabulary import CAVEAT_PATTERN, PERSON_TAG_CODES

__all__ = [
    "LINK",
    "ClassifierReading",
    "ReferenceList",
    "TagsReading",
    "classification_of",
    "implied_caveats",
    "parse_banner",
    "parse_caveats",
    "parse_classifier",
    "parse_eo",
    "parse_references",
    "parse_tags",
    "read_classifier",
    "read_references",
    "read_tags",
    "strip_links",
]

LINK: Final = re.compile(r"\[([^\[\]\r\n]{0,80})\]\(#[^()\r\n]{0,80}\)")
"""A Markdown link left by a converter: ``[PGOV](#)``."""


def strip_links(text: str) -> str:
    """Replace Markdown link debris by its text: ``[PGOV](#)`` → ``PGOV``.

    >>> strip_links("TAGS: [PGOV](#) [PREL](#)")
    'TAGS: PGOV PREL'
    >>> strip_links("[1](#)B. (B) MOSCOW 4141")
    'B. (B) MOSCOW 4141'
    """
    return LINK.sub(_link_text, text) if "](#" in text else text


def _link_text(m: re.Match[str]) -> str:
    inner = m.group(1)
    # A link whose text is a digit or a pilcrow is what is left of a pilcrow: drop it.
    return "" if inner.strip().isdigit() or inner.strip() in ("\u00b6", "") else inner


# --- classification ---------------------------------------------------------------

_LEVEL_PREFIXES: Final = (
    ("TOPSECRET", Classification.TOP_SECRET), ("SECRET", Classification.SECRET),
    ("CONFIDENTIAL", Classification.CONFIDENTIAL), ("UNCLAS", Classification.UNCLASSIFIED),
    ("LIMITEDOFFICIALUSE", Classification.UNCLASSIFIED),
)


def classification_of(text: str) -> tuple[Classification | None, tuple[str, ...]]:
    """Read a classification phrase: the level and any caveats it implies.

    The phrase is one the tokenizer took for a level (a banner's, a
    classification line's) or a publication's classification, so every blank
    in the level words is damage or letter spacing: ``S E C R E T``,
    ``SE C R E T`` and ``CO N F I D E N T I A L`` are read alike.

    >>> classification_of("S E C R E T")
    (<Classification.SECRET: 'SECRET'>, ())
    >>> classification_of("CO N F I D E N T I A L")
    (<Classification.CONFIDENTIAL: 'CONFIDENTIAL'>, ())
    >>> classification_of("SECRET//NOFORN")
    (<Classification.SECRET: 'SECRET'>, ('NOFORN',))
    >>> classification_of("LIMITED OFFICIAL USE")
    (<Classification.UNCLASSIFIED: 'UNCLASSIFIED'>, ('LIMITED OFFICIAL USE',))
    """
    head, _, tail = text.upper().partition("//")
    caveats: list[str] = [c for c in (p.strip() for p in tail.split("//")) if c]
    squeezed = "".join(head.split())
    for prefix, level in _LEVEL_PREFIXES:
        if squeezed.startswith(prefix):
            if prefix == "UNCLAS" and "EFTO" in squeezed:
                caveats.insert(0, "EFTO")
            elif prefix == "LIMITEDOFFICIALUSE":
                caveats.insert(0, "LIMITED OFFICIAL USE")
            return level, tuple(caveats)
    return None, ()


_CAVEAT_RE = re.compile(CAVEAT_PATTERN)


def parse_caveats(text: str) -> tuple[str, ...]:
    """The caveat words in *text*, in order.

    >>> parse_caveats("SIPDIS NOFORN")
    ('SIPDIS', 'NOFORN')
    """
    return tuple(" ".join(m.group().split()) for m in _CAVEAT_RE.finditer(text.upper()))


_PUBLISHED_CAVEATS: dict[str, tuple[str, ...]] = {}


def implied_caveats(markings: Iterable[str], published: str | None) -> tuple[str, ...]:
    """The caveats a cable carries beyond the ones its lines state.

    ``NOFORN`` when a paragraph marking says ``NF`` (``C/NF``, ``S//NF``), then the caveats of the
    publication's classification (``CONFIDENTIAL//NOFORN``), in that order, repeats kept.

    >>> implied_caveats(["C", "S//NF"], "SECRET//FGI//NOFORN")
    ('NOFORN', 'FGI', 'NOFORN')
    """
    found: list[str] = []
    if any("NF" in marking and "NF" in marking.replace("//", "/").split("/") for marking in markings):
        found.append("NOFORN")
    if published and "//" in published:
        caveats = _PUBLISHED_CAVEATS.get(published)
        if caveats is None:  # few values, many cables
            caveats = classification_of(published)[1]
            if len(_PUBLISHED_CAVEATS) < 256:
                _PUBLISHED_CAVEATS[published] = caveats
        found.extend(caveats)
    return tuple(found)


def parse_banner(token: Token) -> tuple[Banner, tuple[str, ...], str | None]:
    """Decode a BANNER token: the banner, the caveats it carries, and a year it states."""
    level, caveats = classification_of(token.group("bn_level") or "")
    extra = parse_caveats((token.group("bn_pre") or "") + " " + (token.group("bn_tail") or ""))
    origin = " ".join((token.group("bn_origin") or "").split())
    year = token.group("bn_year")
    section = token.group("bn_sec")
    sections = token.group("bn_secs")
    banner = Banner(
        classification=level,
        section=int(section) if section else None,
        sections=int(sections) if sections else None,
        origin=origin,
        serial=int(token.group("bn_serial") or 0),
    )
    return banner, caveats + extra, year


# --- E.O. --------------------------------------------------------------------------------

_EO_PREFIX = re.compile(r"(?:E\.?[ ]?O\.?|E\.[ ]?o\.|EO)[ ]*+")  # the label, E.o. too (as the tokenizer reads it)
_DECL = re.compile(r"DECL(?:ASSIFY)?(?:[ ]*+ON)?[ ]*+[:.]?[ ]*+(?P<rule>[^;\r\n]{0,120})", re.IGNORECASE)
# ``05/01/2016`` (month first, as US cables write it) or ISO ``2016/05/01``, ``2016-05-01``.
_DATE = re.compile(r"(?<!\d)(?:(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d\d)"
                   r"|(?P<iy>\d{4})(?P<sep>[/-])(?P<im>\d{1,2})(?P=sep)(?P<id>\d{1,2}))(?!\d)")


def parse_eo(value: str, order: str | None, rest: str) -> ExecutiveOrder:
    """Decode the E.O. line (``value`` is the whole line, ``rest`` what follows the order).

    The declassification date is written month first (``DECL: 05/01/2016``)
    or year first (``DECL: 2016/05/01``, ``2016-05-01``); anything else after
    ``DECL`` is a rule (``N/A``, ``TWENTY YEARS``).

    >>> parse_eo("E.O. 12958: DECL: 2016/05/01", "12958", "DECL: 2016/05/01").declassify_on
    datetime.date(2016, 5, 1)
    >>> parse_eo("E.O. 12958: DECL: TWENTY YEARS", "12958", "DECL: TWENTY YEARS").rule
    'TWENTY YEARS'
    """
    raw = _EO_PREFIX.sub("", value.strip(), count=1).strip()
    rest = " ".join(rest.split())
    declassify_on = None
    rule: str | None = None
    decl = _DECL.search(rest)
    scope = decl.group("rule").strip() if decl else rest
    m = _DATE.search(scope)
    if m:
        try:
            if m.group("iy"):
                declassify_on = date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
            else:
                declassify_on = date(full_year(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            rule = scope or None
    else:
        rule = scope.strip(" .:;") or None
    if rule is None and declassify_on is None and rest:
        rule = rest
    return ExecutiveOrder(order=order, declassify_on=declassify_on, rule=rule, raw=raw)


# --- TAGS ------------------------------------------------------------------------------------

_TAG_PIECE = re.compile(r"\((?P<person>[^()\r\n]{1,80})\)|(?P<word>[^\s,;()]{1,40})")
_PHRASE_GAP: Final = 2  # how many words between two keywords are read as words of their phrase


# The label of a field that follows the tags on their line: ``SUBJECT`` (any case, also ``UBJECT:`` with its
# first letter lost), ``REF:``, ``Classified By``.  No tag code is written so.
_AFTER_TAGS = re.compile(
    r"(?:^|(?<=[ ,;]))(?:(?i:subject)(?=[ :]|$)|(?i:s?ubj(?:ect)?)[ ]?:|REF(?:S|TELS?)?[ ]?:|(?i:classified[ ]by)\b)")


class TagsReading(NamedTuple):
    """A decoded TAGS field (:func:`read_tags`)."""

    tags: tuple[Tag, ...]
    """The tags, in order."""
    tail: str
    """The text from the label of another field on (``SUBJECT: …``), as written; ``""`` when there is none.
    The caller reads it as that field."""
    fused: tuple[tuple[str, str], ...] = ()
    """The words written as one that were read as several codes, each once, as written with the codes read
    (``("ITPHUM", "IT PHUM")``): the caller reports each."""


def read_tags(text: str) -> TagsReading:
    """Decode the text after ``TAGS:``, up to the label of a field glued after the tags (``SUBJECT``, ``REF:``).

    Each code is read by :func:`cablekit.tag`: its kind and name from the TAGS
    table, else its kind by its shape.  Words of older TAGS lines that are no
    codes (``ITALIAN POLITICS``) are kept as ``KEYWORD`` tags, and so is a word
    of a code's shape, or a two-letter code, standing between two of them (one
    or two such words: ``OUTSIDE OF POLITICS``).  A word made of table codes run
    together (``IT ITPHUM``, ``ECONEFIN``) is read as those codes
    (:func:`cablekit.tags.fused_tags`) and listed in :attr:`TagsReading.fused`.  After a code that a person's name
    may follow (``OVIP``), words no table names are the name.

    >>> reading = read_tags("PGOV PREL XY SUBJECT: LOREM IPSUM")
    >>> [t.code for t in reading.tags], reading.tail
    (['PGOV', 'PREL', 'XY'], 'SUBJECT: LOREM IPSUM')
    >>> reading = read_tags("IT ITPHUM ITALIAN POLITICS")
    >>> [(t.code, t.kind.name) for t in reading.tags]
    [('IT', 'GEOGRAPHIC'), ('IT', 'GEOGRAPHIC'), ('PHUM', 'SUBJECT'), ('ITALIAN', 'KEYWORD'), ('POLITICS', 'KEYWORD')]
    >>> reading.fused
    (('ITPHUM', 'IT PHUM'),)
    """
    end = _tags_end(text)
    if end < 0:
        return _codes(text, "")
    return _codes(text[:end], " ".join(text[end:].split()))


def parse_tags(text: str) -> tuple[Tag, ...]:
    """Decode the text after ``TAGS:`` (continuation lines joined): :func:`read_tags` without the tail.

    >>> [(t.code, t.kind.name, t.name) for t in parse_tags("PREL, KDEM (SMITH, JOHN) RS")]
    [('PREL', 'SUBJECT', 'External political relations'), ('KDEM', 'PROGRAM', 'Democratization'), \
('SMITH, JOHN', 'PERSON', 'JOHN SMITH'), ('RS', 'GEOGRAPHIC', 'Russia')]
    """
    end = _tags_end(text)
    return _codes(text if end < 0 else text[:end], "").tags


def _tags_end(text: str) -> int:
    """Where the label of a field glued after the tags starts in *text*, or -1."""
    if not ("UBJ" in text or "ubj" in text or "REF" in text or "LASSIFIED" in text or "lassified" in text):
        return -1
    m = _AFTER_TAGS.search(text)
    return -1 if m is None else m.start()


def _words_of(pieces: list[tuple[str, str]]) -> frozenset[str]:
    """The words of a TAGS line's *pieces*, upper case (what a fused word's short codes may stand beside)."""
    return frozenset(word.strip(".:").upper() for _, word in pieces)


class _Word(NamedTuple):
    """How one word of a TAGS line reads (one object for every repetition of the word)."""

    tags: tuple[Tag, ...]
    """The tags it stands for: one, or the codes of a fused word."""
    person_code: bool
    """Whether a person's name may follow it (``OVIP``)."""
    nameless: bool
    """Whether it may be a word of a person's name: letters that no table names, of no code's shape (a
    ``KEYWORD``)."""
    weak: bool
    """Whether it is read as a word when it stands between keywords: a two-letter code, a word of a code's
    shape no table names."""


def _word(word: str, table: Mapping[str, Tag], pieces: list[tuple[str, str]]) -> _Word:
    """How *word* reads on a TAGS line of *pieces* (:data:`_TAG_PIECE`'s matches)."""
    upper = word.upper()
    found = tag(word)
    if upper in table:
        return _Word((found,), found.kind is TagKind.PROGRAM and upper in PERSON_TAG_CODES, False, len(word) == 2)
    nameless = found.kind is TagKind.KEYWORD and word.isalpha()
    fused = fused_tags(word, _words_of(pieces)) if nameless and len(word) > 4 else ()
    if fused:
        return _Word(fused, False, True, False)
    return _Word((found,), False, nameless, found.kind is not TagKind.KEYWORD)


def _codes(text: str, tail: str) -> TagsReading:
    """The tags of a TAGS field's text, with *tail*."""
    table = tag_table()
    tags: list[Tag] = []
    weak: list[bool] = []
    fused: dict[str, str] = {}
    person_words: list[str] = []
    after_person_code = False

    def flush() -> None:
        if person_words:
            tags.append(tag(" ".join(person_words), person=True))
            weak.append(False)
            person_words.clear()

    # Tags are frozen, so one reading serves every repetition of a word (a long TAGS list repeats codes).
    known: dict[str, _Word] = {}
    pieces = _TAG_PIECE.findall(strip_links(text))
    for person, word in pieces:
        if person:
            flush()
            name = " ".join(person.split())
            if name:
                tags.append(tag(name, person=True))
                weak.append(False)
            after_person_code = False
            continue
        word = word.strip(".:")
        if not word:
            continue
        seen = known.get(word)
        if seen is None:
            seen = known[word] = _word(word, table, pieces)
        if after_person_code and seen.nameless:
            person_words.append(word)
            continue
        if person_words:
            flush()
        if len(seen.tags) == 1:
            tags.append(seen.tags[0])
            weak.append(seen.weak)
        else:
            fused[word] = " ".join(t.code for t in seen.tags)
            tags.extend(seen.tags)
            weak.extend([seen.weak] * len(seen.tags))
        after_person_code = seen.person_code
    flush()
    _phrase_words(tags, weak)
    return TagsReading(tuple(tags), tail, tuple(fused.items()))


def _phrase_words(tags: list[Tag], weak: list[bool]) -> None:
    """Read as keywords the weak words, one or two, that stand between two keywords (``OUTSIDE OF POLITICS``)."""
    last = -1
    for at, found in enumerate(tags):
        if found.kind is not TagKind.KEYWORD:
            continue
        if last >= 0 and 0 < at - last - 1 <= _PHRASE_GAP and all(weak[last + 1:at]):
            for inner in range(last + 1, at):
                tags[inner] = Tag(code=tags[inner].code, kind=TagKind.KEYWORD)
        last = at


# --- REF -----------------------------------------------------------------------------------------

# Link debris a published page leaves before a letter label: a pilcrow anchor (``¶B.``, ``Â¶B.``) or a
# Markdown link (``[B](#)B.``); it is part of the label.
_LINK_BEFORE_LABEL = re.compile(
    r"(?:\u00c2?\u00b6|\[[^\[\]\r\n]{0,80}\]\(#[^()\r\n]{0,80}\))[ ]?(?=\([A-Za-z]\)|[A-Za-z][.):])")
# A letter label: ``A.``, ``A:``, ``(A)`` and ``A)`` (these two also glued to the text: ``(A)STATE 1``,
# ``B)SAO PAULO 10``), and ``REF A:`` / ``REF (A)`` / ``REF A`` (labels repeated as words); it opens the text or
# follows a blank, ``;`` or ``,`` (or a digit: ``STATE 021770B. STATE 39585``, which _label_cuts checks).  The
# lookahead first lets the engine skip most positions at once.
_LABEL = re.compile(
    r"(?=[A-Za-z(])(?<![^ ;,\d])(?:"
    r"(?:REF|Ref)[ ]?(?:\((?P<r1>[A-Za-z])\)|(?P<r2>[A-Za-z])(?:[.):]|(?=[ ])))"
    r"|\((?P<a>[A-Za-z])\)|(?P<b>[A-Za-z])\)|(?P<c>[A-Za-z])[.:](?=[ ]|$))"
)
# The label again at the start of its item (``A. A) 04 STATE 1``, ``A. (A) …``, ``A. REF A: …``, ``A. A.STATE 1``).
_DOUBLED = re.compile(
    r"(?:(?:REF|Ref)[ ]?)?(?:\((?P<a>[A-Za-z])\)|(?P<b>[A-Za-z])[.):])(?:[ ]|$|(?=[A-Za-z0-9(]))"
    r"|(?:REF|Ref)[ ]?(?P<c>[A-Za-z])[ ]")
# Unlabelled references end at a semicolon, at a comma after a serial, or after a bracketed title when
# the next one opens with its post and serial: ``HANOI 60 (FEW CHANGES) HANOI 330 (IDEOLOGY)``.
_REF_SPLIT = re.compile(
    r"[ ]?;[ ]?|(?<=\d),[ ](?=[A-Z])|(?<=\))[ ](?=[A-Z][A-Z]{1,15}(?:[ ][A-Z]{2,15}){0,2}[ ]\d{1,6}\b)")
_INITIAL_END = re.compile(r"\b[A-Z]\.$")
# What a page break leaves in a REF list once its lines are joined: ``NEW DELHI 00002091 001.2 OF 002`` (its
# post found by _POST_BEFORE), an old ``PAGE 02 ROME 01196 01 OF 02 082030Z`` line, and the page's
# classification line (``CONFIDENTIAL``) next to either or ending the list.
_PAGE_FURNITURE = re.compile(
    r"(?<![\d.])\d{8}[ ]\d{3}(?:\.\d{1,2})?[ ]OF[ ]\d{3}(?!\d)"
    r"|(?:^|(?<=[ ]))PAGE[ ]\d{2,3}[ ](?:[A-Z][A-Z.'-]{1,24}+[ ]){1,4}\d{1,8}(?:[ ]\d\d[ ]OF[ ]\d\d)?"
    r"(?:[ ]\d{6}Z)?(?![\dA-Z])"
)
_POST_BEFORE = re.compile(r"(?<![A-Z.'-])(?:[A-Z][A-Z.'-]{1,24}[ ]){1,4}$")
_LEVEL_WORDS = ("CONFIDENTIAL", "SECRET", "UNCLASSIFIED", "UNCLAS", "LIMITED OFFICIAL USE")
_LEVEL_ENDS = ("AL", "ET", "ED", "AS", "USE")  # the last letters of the level words: a cheap test first


class ReferenceList(NamedTuple):
    """A decoded REF block (:func:`read_references`)."""

    references: tuple[Reference, ...]
    """The references, in order."""
    cable_ids: tuple[tuple[str, ...], ...]
    """For each reference, the ids of every cable it cites (``STATE 41252 AND 44603`` cites two)."""
    cut: tuple[str, ...]
    """Page-break lines and page classification lines found inside the block and cut out of the
    references' text, as written: the caller reports each (they are text of the page, not of a reference)."""


def _level_at_end(text: str) -> str | None:
    """The level word *text* ends with (a page's classification line), if any; not ``SENSITIVE BUT UNCLASSIFIED``."""
    for word in _LEVEL_WORDS:
        if text.endswith(word) and (len(text) == len(word) or text[-len(word) - 1] == " "):
            return None if text[: -len(word)].endswith("BUT ") else word
    return None


def _level_at(text: str, pos: int) -> str | None:
    """The level word that stands at *pos* in *text* (after one blank), if any."""
    pos += text.startswith(" ", pos)
    for word in _LEVEL_WORDS:
        if text.startswith(word, pos) and (pos + len(word) == len(text) or text.startswith(" ", pos + len(word))):
            return word
    return None


def _page_break_at(text: str, m: re.Match[str], done: int) -> tuple[int, int, list[str]]:
    """Where the page break matched by *m* starts and ends, with the lines it holds (classification lines too)."""
    start, end = m.start(), m.end()
    if not text.startswith("PAGE", start):
        post = _POST_BEFORE.search(text, max(done, start - 110), start)
        start = post.start() if post else start
    lines = [text[start:end].strip()]
    before = _level_at_end(text[max(done, start - 30):start].rstrip())
    if before:
        start = text.rindex(before, done, start)
        lines.insert(0, before)
    after = _level_at(text, end)
    if after:
        end = text.index(after, end) + len(after)
        lines.append(after)
    return start, end, lines


def _cut_page_furniture(text: str) -> tuple[str, list[str]]:
    """*text* without the page-break lines and page classification lines in it, and those lines."""
    cut: list[str] = []
    kept: list[str] = []
    done = 0
    if " OF " in text or "PAGE " in text:
        for m in _PAGE_FURNITURE.finditer(text):
            if m.start() < done:
                continue
            start, done_at, lines = _page_break_at(text, m, done)
            kept.append(text[done:start])
            cut.extend(lines)
            done = done_at
    rest = text[done:].rstrip()
    level = _level_at_end(rest) if rest.endswith(_LEVEL_ENDS) else None
    if level:
        cut.append(level)
        rest = rest[: -len(level)]
    if not cut:
        return text, cut
    kept.append(rest)
    return " ".join(" ".join(kept).split()), cut


_REF_WORD_B = re.compile(r"[ ](?:REF|Ref)[ ]?[Bb][ ]")  # ``REF B`` further on in a list opened by a bare ``A``
_PILCROW_ITEM = re.compile(r"\u00b6[ ]?\(?([A-Za-z])[.)]")


def _label_cuts(text: str, items: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """(start, end, letter) of each label of the list: ``A``, then ``B`` …, in one case; others are text.

    A label in *items* (its line opened with a pilcrow: ``¶B.``) counts in either case.  A bare ``A``
    opening the list is its first label when ``REF B`` follows (``REF A RIGA 1`` / ``REF B RIGA 2``, the
    first ``REF`` read as the field's label).
    """
    cuts: list[tuple[int, int, str]] = []
    expected = "A"
    lower: bool | None = None
    if text[:2] in ("A ", "a ") and _REF_WORD_B.search(text) is not None:
        cuts.append((0, 1, "A"))
        expected, lower = "B", text[0].islower()
    elif not ("A." in text or "A)" in text or "A:" in text or "REF A" in text or "Ref A" in text
              or "a)" in text or "a." in text or "a:" in text):
        return cuts  # the first label (A) stands nowhere in the text
    for m in _LABEL.finditer(text):
        written = m.group(m.lastindex or 0)  # the one letter group that took part
        if written.upper() != expected or (lower is not None and written.islower() != lower and expected not in items):
            continue
        start, end = m.start(), m.end()
        if start and text[start - 1].isdigit() and (  # glued to a serial: only ``B.`` or ``B)`` before a blank
                expected == "A" or m.lastgroup not in ("b", "c") or text[end - 1] == ":"
                or not text.startswith(" ", end)):
            continue
        lower = written.islower()
        cuts.append((start, end, expected))
        if expected == "Z":
            break
        expected = chr(ord(expected) + 1)
    return cuts


def _item_text(body: str, letter: str) -> str:
    """The text of the item labelled *letter*: the label repeated before it and the list punctuation dropped."""
    body = body.strip(" ,;")
    again = _DOUBLED.match(body)
    if again and again.group(again.lastindex or 0).upper() == letter:
        body = body[again.end():].strip(" ,;")
    if body.endswith(".") and not _INITIAL_END.search(body):
        body = body.rstrip(". ")
    return body


def read_references(text: str, year: str | None, citing: tuple[str, int] | None = None) -> ReferenceList:
    """Decode a REF block (lines joined by spaces): the references, the cables each cites, and what was cut.

    Labels (``A.``, ``(A)``, ``A)``, ``A:``, ``REF A:``) are recognized only in
    sequence, so an initial such as ``J. SMITH`` is not taken for a label; link
    debris before a label (``¶B.``, ``[B](#)B.``) belongs to it, and a label
    written twice (``A. (A) …``) counts once.  Page-break lines inside the
    block are cut out of the text and returned in ``cut``.  A reference that
    is no cable (an e-mail, a telcon, a FAM section, a web page) keeps its text
    whole and ``cable_id`` ``None``; each reference's ``kind`` is
    :func:`~cablekit.reference_kind`'s.  *year* is the citing cable's, given to references that write
    none; *citing* is its post and serial (see :func:`~cablekit.identity.reference_cable_ids`).

    >>> refs = read_references("A. (A) MOSCOW 3996 \u00b6B. 06 STATE 12 AND 14 AMMAN 00000713 001.2 OF 002", "07")
    >>> [(r.label, r.text, r.cable_id) for r in refs.references]
    [('A', 'MOSCOW 3996', '07MOSCOW3996'), ('B', '06 STATE 12 AND 14', '06STATE12')]
    >>> refs.cable_ids, refs.cut
    ((('07MOSCOW3996',), ('06STATE12', '06STATE14')), ('AMMAN 00000713 001.2 OF 002',))
    >>> [r.kind.name for r in read_references("A. STATE 12 B. SMITH-JONES EMAIL 1/2/08 C. 9 FAM 41", "08").references]
    ['CABLE', 'EMAIL', 'FAM']
    """
    pilcrowed: frozenset[str] = frozenset()
    if "\u00b6" in text or "](#" in text:
        pilcrowed = frozenset(m.group(1).upper() for m in _PILCROW_ITEM.finditer(text))
        text = _LINK_BEFORE_LABEL.sub(" ", text)
    text, cut = _cut_page_furniture(" ".join(strip_links(text).split()))
    cuts = _label_cuts(text, pilcrowed)
    items: list[tuple[str | None, str]] = []
    # Unlabelled references are split at semicolons; text before the first label is one reference (the text
    # format writes a labelled list without semicolons).
    for piece in _REF_SPLIT.split(text) if not cuts else [text[: cuts[0][0]]]:
        piece = piece.strip(" ,;.")
        if piece:
            items.append((None, piece))
    for index, (_, end, letter) in enumerate(cuts):
        stop = cuts[index + 1][0] if index + 1 < len(cuts) else len(text)
        items.append((letter, _item_text(text[end:stop], letter)))
    ids: list[tuple[str, ...]] = []
    refs: list[Reference] = []
    for label, body in items:
        found = reference_cable_ids(body, year, citing) if body else ()
        ids.append(found)
        cable_id = found[0] if found else None
        # (with a year to give, a text that names no cable above names none without one either)
        kind = ReferenceKind.CABLE if cable_id else kind_by_words(body) if year else reference_kind(body)
        refs.append(Reference(label=label, text=body, cable_id=cable_id, kind=kind))
    return ReferenceList(tuple(refs), tuple(ids), tuple(cut))


def parse_references(text: str, year: str | None, citing: tuple[str, int] | None = None) -> tuple[Reference, ...]:
    """The references of a REF block: :func:`read_references` without the cable ids and the cut text.

    >>> [(r.label, r.cable_id) for r in parse_references("A. (A) MOSCOW 3996 B. 06 STATE 12", "07")]
    [('A', '07MOSCOW3996'), ('B', '06STATE12')]
    """
    return read_references(text, year, citing).references


# --- Classified By ---------------------------------------------------------------------------------

# What may open the field's text before the person: blanks and punctuation, a portion marking ``(U)``, the
# label written again (``Classified By: Classified by …``) and a stray ``by``.
_CLBY_LEAD = re.compile(
    r"(?:[ ]++|[:;,.-]|\((?:U|C|S|SBU|U//FOUO)\)|(?i:classified[ ]?(?:(?:confidential|secret)[ ])?by)\b"
    r"|(?i:by)\b(?=[ ]))*+")
# Where the reasons begin: an introducer word (``for reasons``, ``Reason:``, ``per``, ``Section``, ``E.O.
# 12958``) or the first reason number, written ``1.4``, ``1. 4`` or ``1 .4``; blanks and punctuation before.
_REASON_WORD = r"(?i:r[ ]?e[ ]?a[ ]?s?[ ]?o[ ]?n[ ]?s?)\b(?:\([Ss]\))?"  # also split: ``reaso ns``, ``R EASONS``
_REASONS_AT = re.compile(
    r"(?=[ ,;:.(\-rRfFpPuUsSE1])"  # a cheap test first: most positions start no match
    r"(?:[ ]?[,;:.(-])*+[ ]?(?:\b(?i:f[ ]?o[ ]?r|p[ ]?e[ ]?r|under)[ ])?"
    rf"(?:{_REASON_WORD}|(?i:sec(?:tions?|\.)?)[ ](?=1[ ]?\.[ ]?\d)|E\.?[ ]?O\.?[ ]?1\d{{4}}\b"
    r"|(?=(?<![\d.])1[ ]?\.[ ]?\d(?!\d)))"
)
# One token of the reasons: a number (group ``digit``), a letter, an opening parenthesis before a letter or a
# number, a closing one, a separator (``and`` also when split: ``a nd``, ``an d``), an introducer word, a dot.
# A parenthesis before ``C/NF`` opens a marking, not reasons.
_REASON_TOKEN = re.compile(
    r"[ ]*+(?:(?<![\d.])1[ ]?(?:\.[ ]?(?P<digit>\d)|,[ ]?(?P<comma>[4-6]))(?!\d)"  # also ``1,4``
    r"|\([ ]?(?P<pletter>[a-hA-H])[ ]?\)"
    r"|(?P<open>\()(?=[ ]?(?:[a-hA-H](?![A-Za-z]|/[A-Za-z]{2})|1[ ]?\.))"
    r"|(?P<close>\))"
    r"|(?P<sep>[,/&+;:]|(?i:and|an[ ]?d|a[ ]?nd|or)\b)"
    r"|(?P<intro>(?i:f[ ]?o[ ]?r|under|p[ ]?e[ ]?r|sec(?:tions?|\.)?|E\.?[ ]?O\.?)(?![A-Za-z])"
    rf"|{_REASON_WORD}|\d{{5}}\b)"
    r"|(?P<letter>[a-hA-H])(?![A-Za-z])"
    r"|(?P<dot>[.-])|(?P<end>$))"
)
_WORD_NEXT = re.compile(r"[ ]*+\(?[A-Za-z]{2,}")
_SEPARATOR_NEXT = re.compile(r"[ ]*+(?i:and|an[ ]?d|a[ ]?nd|or)\b")


class ClassifierReading(NamedTuple):
    """A decoded Classified By field (:func:`read_classifier`)."""

    classifier: Classifier
    """Who classified the cable and why."""
    tail: str
    """The text after the reasons that is no part of the field (a heading, the first paragraph), as written;
    ``""`` when there is none.  The caller puts it back where it belongs: it is the cable's text."""


class _Reasons:
    """The state of a reasons reader (:func:`_read_reasons`)."""

    __slots__ = ("depth", "listed", "number", "reasons", "seen_letter")

    def __init__(self) -> None:
        self.number: str | None = None
        self.reasons: list[str] = []
        self.depth = 0
        self.listed = False  # the last token was a number or a separator: a letter now continues the list
        self.seen_letter = False

    def letter(self, letter: str) -> None:
        if self.number is not None:
            reason = f"{self.number}({letter.lower()})"
            if reason not in self.reasons:
                self.reasons.append(reason)
        self.seen_letter = True
        self.listed = False


def _not_a_reason(text: str, m: re.Match[str], state: _Reasons) -> bool:
    """Whether the letter at *m* opens text after the reasons: an article ``A`` or a marking ``(C)`` before a word.

    A letter right after a number or a separator is a reason whatever follows (``1.4 b and d This …``).
    """
    if state.listed or not state.seen_letter:
        return False
    kind = m.lastgroup
    after = m.end()
    if kind == "open":  # ``( C)`` and the like, with blanks
        close = text.find(")", after, after + 4)
        if close < 0 or text[after:close].strip().upper() != "C":
            return False
        after = close + 1
    elif kind == "pletter":
        if m.group(kind) not in ("c", "C"):
            return False
    elif m.group("letter") not in ("a", "A"):
        return False
    return _WORD_NEXT.match(text, after) is not None and _SEPARATOR_NEXT.match(text, after) is None


# The reasons most fields end with, to the end of the text: ``1.4 (b) and (d).``, ``1.4(B), (D)``, ``1.5 (b,d)``,
# ``1.4 b and d``.  :func:`_read_reasons` reads them at once (the letters are those of group ``letters``).
_COMMON_REASONS = re.compile(
    r"[ ]?:?[ ]?1\.(?P<number>[4-6])[ ]?(?P<letters>"
    r"\([a-hA-H]\)(?:[ ]?(?:,|&|(?i:and))?[ ]?\([a-hA-H]\)){0,3}"
    r"|\([a-hA-H](?:[ ]?[,/&][ ]?[a-hA-H]){0,3}\)"
    r"|[a-hA-H](?:[ ]?(?:,|&|/|(?i:and))[ ]?[a-hA-H]){0,3})[ ]?\.?"
)
_AND = re.compile(r"(?i:and)")


def _read_reasons(text: str, pos: int) -> tuple[tuple[str, ...], int]:
    """The reasons written from *pos* (``1.4 (b) and (d)``) and where the field's text ends."""
    common = _COMMON_REASONS.fullmatch(text, pos)
    if common is not None:
        number = common.group("number")
        letters = _AND.sub("", common.group("letters")).lower()
        return tuple(dict.fromkeys(f"1.{number}({c})" for c in letters if "a" <= c <= "h")), len(text)
    return _read_reasons_slowly(text, pos)


def _read_reasons_slowly(text: str, pos: int) -> tuple[tuple[str, ...], int]:
    """The reasons written from *pos*, read token by token, and where the field's text ends."""
    state = _Reasons()
    while True:
        m = _REASON_TOKEN.match(text, pos)
        if m is None or m.lastgroup == "end":
            if state.depth and ")" in text[pos:pos + 16]:  # an unknown reason inside the parentheses: (b, X6)
                pos = text.index(")", pos)
                continue
            break
        kind = m.lastgroup
        if kind in ("open", "letter", "pletter") and _not_a_reason(text, m, state):
            break
        pos = m.end()
        if kind in ("digit", "comma"):
            state.number, state.listed = f"1.{m.group(kind)}", True
        elif kind in ("letter", "pletter"):
            state.letter(m.group(kind))
        elif kind == "open":
            state.depth += 1
        elif kind == "close":
            state.depth = max(0, state.depth - 1)
        elif kind == "sep":
            state.listed = True
        elif kind == "dot" and state.seen_letter and not state.depth:
            break  # the sentence of the reasons ends
    return tuple(state.reasons), pos


_TITLE_WORDS: Final = frozenset({
    "ambassador", "amb", "dcm", "cda", "charge", "chargé", "d'affaires", "d\u2019affaires", "affaires",
    "political", "economic", "counselor", "counsellor", "officer", "chief", "deputy", "minister", "consul",
    "general", "cg", "acting", "polcouns", "econcouns", "poloff", "econoff", "section", "director", "dir",
    "secretary", "assistant", "principal", "head", "polecon", "m/c", "a/dcm", "adcm", "coordinator", "attache",
    "attaché", "mission", "charg", "econ", "pol", "senior", "advisor", "adviser", "representative", "rep",
    "permanent", "office", "of", "affairs", "for", "the", "and", "a.i", "a.i.", "polcounselor", "polchief",
    "mincouns", "polmincouns", "ecpo", "emin", "com", "das", "a/s", "p/e", "regional", "interagency", "provincial",
    "embassy", "department", "dept", "state", "u.s", "us", "consulate", "consular", "management", "public",
    "counselor,", "legal", "defense", "attach", "commercial", "agricultural", "labor", "science", "chair",
    "chairman", "special", "envoy", "m-c", "mc",
})
_NAME_WORD = re.compile(r"[A-Z](?:[a-zA-Z'\u2019\-]{0,30}|\.(?:[A-Z][a-zA-Z'\u2019\-]{1,30})?)[.,]?")
_NAME_PARTICLES: Final = frozenset({"van", "von", "de", "da", "del", "der", "den", "la", "le", "al", "el", "bin",
                                     "ibn"})
_NAME_SUFFIX = re.compile(r"(?:Jr|JR|Sr|SR|II|III|IV)\.?,?")
_COMMA = re.compile(r",[ ]")
_NAME_END = re.compile(r"(?:^|[ ,])(?:[A-Z]|Jr|JR|Sr|SR)\.$")  # an initial or a suffix keeps its period


def _title_word(word: str, mixed_case: bool) -> bool:
    """Whether *word* belongs to a title: a title word, also in ``Minister-Counselor`` or ``Pol/Econ``.

    In mixed-case text an office code (``ECPO``, up to five capitals) is one too.
    """
    low = word.lower().strip(",;:")
    if low in _TITLE_WORDS or low.rstrip(".") in _TITLE_WORDS:
        return True
    if "/" in word:
        return True
    if "-" in low and any(part in _TITLE_WORDS for part in low.split("-")):
        return True
    bare = word.strip(",;:.")
    return mixed_case and 1 < len(bare) <= 5 and bare.isupper() and bare.isalpha()


def _name_part(part: str, mixed_case: bool) -> bool:
    """Whether a comma-separated part of the field is a name alone (``David R. Burnett``, ``Blake, Jr.``)."""
    words = part.split()
    return 0 < len(words) <= 6 and all(
        (_NAME_WORD.fullmatch(w) or w in _NAME_PARTICLES) and not _title_word(w, mixed_case) for w in words)


def _trailing_name(person: str, mixed_case: bool) -> tuple[str | None, str | None]:
    """The name that ends *person* (up to four words, a suffix such as ``Jr.`` besides) and the title before it."""
    words = person.split()
    count = 0
    taken = 0
    for word in reversed(words):
        suffix = taken == 0 and _NAME_SUFFIX.fullmatch(word) is not None
        particle = 0 < taken < len(words) - 1 and word in _NAME_PARTICLES
        if not (suffix or particle) and (_title_word(word, mixed_case) or not _NAME_WORD.fullmatch(word)):
            break
        taken += 1
        count += 0 if suffix or particle else 1
        if count == 4:
            break
    while taken and words[len(words) - taken] in _NAME_PARTICLES:
        taken -= 1  # a name does not open with a particle
    if not count or not taken:
        return None, person
    return " ".join(words[len(words) - taken:]).rstrip(","), " ".join(words[: len(words) - taken]).rstrip(",") or None


def _split_person(person: str) -> tuple[str | None, str | None]:
    """The name and the title of the person part: ``Name, TITLE``, ``TITLE, Name`` or ``TITLE Name[, TITLE]``."""
    person = " ".join(person.split()).strip(" ,;:-")
    person = person.replace(" .", ".") if " ." in person else person  # ``Jr .``
    if person.endswith(".") and not _NAME_END.search(person):
        person = person.rstrip(". ,")
    if not person:
        return None, None
    mixed_case = person != person.upper()
    parts = _COMMA.split(person)
    while len(parts) > 1 and _NAME_SUFFIX.fullmatch(parts[1].strip()):  # ``Blake, Jr.`` is one name
        parts[0:2] = [f"{parts[0]}, {parts[1]}"]
    if len(parts) > 1 and _name_part(parts[0], mixed_case):
        return parts[0].strip(" ,") or None, ", ".join(parts[1:]).strip(" ,") or None
    # The name ends a part: the first part whose name has two words or more, else the last part with a name.
    found: tuple[int, str, str | None] | None = None
    for index, part in enumerate(parts):
        name, title = _trailing_name(part, mixed_case)
        if name is not None and (index == 0 or " " in name):  # a one-word name only before the first comma
            found = (index, name, title)
            if " " in name:
                break
    if found is None:
        return None, person
    index, name, title = found
    rest = [*parts[:index], *([title] if title else []), *parts[index + 1:]]
    return name, ", ".join(p.strip(" ,") for p in rest if p.strip(" ,")) or None


def read_classifier(text: str) -> ClassifierReading:
    """Decode what follows ``Classified By``: the classifier, and the text after its reasons.

    The person comes first (``TITLE Name``, ``Name, TITLE`` or ``TITLE, Name``;
    ``Jr.`` belongs to the name), then the reasons, written in any of the ways
    cables write them (``1.4 (b) and (d)``, ``1. 5(B,D)``, ``1 .4 (B AND D)``,
    ``per 1.4 b/d``, ``- 1.5 B,D``).  Only the reasons written in the field are
    read: the reader stops at the end of their sentence, and the text after it
    (a heading, a paragraph that the field's line also held) is returned as
    ``tail``, as written, for the caller to put back into the cable's body.  A
    label written twice (``Classified By: Classified by …``) and a marking
    ``(U)`` before the person are skipped.

    >>> reading = read_classifier("Classified by DCM Jane Q. Doe, Jr. per 1. 4 (b) & (d). Summary: Lorem ipsum.")
    >>> reading.classifier
    Classifier(name='Jane Q. Doe, Jr.', title='DCM', reasons=('1.4(b)', '1.4(d)'))
    >>> reading.tail
    'Summary: Lorem ipsum.'
    """
    text = " ".join(text.split())
    lead = _CLBY_LEAD.match(text)
    start = lead.end() if lead else 0
    m = _REASONS_AT.search(text, start)
    if m is None:
        name, title = _split_person(text[start:])
        return ClassifierReading(Classifier(name=name, title=title), "")
    reasons, end = _read_reasons(text, m.end())
    person = text[start:m.start()]
    if text.startswith((".", " ."), m.start()) and _NAME_END.search(person + "."):
        person += "."  # the period of ``Jr.`` or of an initial, read as the start of the reasons
    name, title = _split_person(person)
    tail = text[end:].strip()
    return ClassifierReading(Classifier(name=name, title=title, reasons=reasons),
                             tail if any(c.isalnum() for c in tail) else "")


def parse_classifier(text: str) -> Classifier:
    """Decode what follows ``Classified By`` (:func:`read_classifier` without the tail).

    >>> c = parse_classifier("Ambassador David Hale for reasons 1.4 (b) and (d)")
    >>> c.title, c.name, c.reasons
    ('Ambassador', 'David Hale', ('1.4(b)', '1.4(d)'))
    """
    return read_classifier(text).classifier
