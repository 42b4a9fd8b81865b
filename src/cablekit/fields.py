"""Decoders for the fields of the body head: banner, E.O., TAGS, REF and Classified By.

Each decoder takes the text of one field (continuation lines already joined
by the parser) and returns model objects.  They never raise.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from .identity import full_year, reference_cable_id
from .model import Banner, Classification, Classifier, ExecutiveOrder, Reference, Tag, TagKind
from .tokens import Token
from .vocabulary import CAVEAT_PATTERN, PERSON_TAG_CODES

__all__ = [
    "LINK",
    "classification_of",
    "parse_banner",
    "parse_caveats",
    "parse_classifier",
    "parse_eo",
    "parse_references",
    "parse_tags",
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

_SPACED = re.compile(r"(?<=\b[A-Z]) (?=[A-Z]\b)")
_REF_SPLIT = re.compile(r"\s*;\s*|(?<=\d),\s+(?=[A-Z])")
_INITIAL_END = re.compile(r"\b[A-Z]\.$")


def classification_of(text: str) -> tuple[Classification | None, tuple[str, ...]]:
    """Read a classification phrase: the level and any caveats it implies.

    >>> classification_of("S E C R E T")
    (<Classification.SECRET: 'SECRET'>, ())
    >>> classification_of("SECRET//NOFORN")
    (<Classification.SECRET: 'SECRET'>, ('NOFORN',))
    >>> classification_of("LIMITED OFFICIAL USE")
    (<Classification.UNCLASSIFIED: 'UNCLASSIFIED'>, ('LIMITED OFFICIAL USE',))
    """
    squeezed = _SPACED.sub("", text.upper().strip())
    head, _, tail = squeezed.partition("//")
    caveats: list[str] = [c for c in (p.strip() for p in tail.split("//")) if c]
    head = " ".join(head.split())
    level: Classification | None
    if head.startswith("TOP SECRET") or head.startswith("TOPSECRET"):
        level = Classification.TOP_SECRET
    elif head.startswith("SECRET"):
        level = Classification.SECRET
    elif head.startswith("CONFIDENTIAL"):
        level = Classification.CONFIDENTIAL
    elif head.startswith("UNCLAS"):
        level = Classification.UNCLASSIFIED
        if "EFTO" in head:
            caveats.insert(0, "EFTO")
    elif head.startswith("LIMITED OFFICIAL USE"):
        level = Classification.UNCLASSIFIED
        caveats.insert(0, "LIMITED OFFICIAL USE")
    else:
        return None, ()
    return level, tuple(caveats)


_CAVEAT_RE = re.compile(CAVEAT_PATTERN)


def parse_caveats(text: str) -> tuple[str, ...]:
    """The caveat words in *text*, in order.

    >>> parse_caveats("SIPDIS NOFORN")
    ('SIPDIS', 'NOFORN')
    """
    return tuple(" ".join(m.group().split()) for m in _CAVEAT_RE.finditer(text.upper()))


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

_EO_PREFIX = re.compile(r"(?:E\.?[ ]?O\.?|EO)[ ]*+")
_DECL = re.compile(r"DECL(?:ASSIFY)?(?:[ ]*+ON)?[ ]*+[:.]?[ ]*+(?P<rule>[^;\r\n]{0,120})", re.IGNORECASE)
_DATE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4}|\d\d)(?!\d)")


def parse_eo(value: str, order: str | None, rest: str) -> ExecutiveOrder:
    """Decode the E.O. line (``value`` is the whole line, ``rest`` what follows the order)."""
    raw = _EO_PREFIX.sub("", value.strip(), count=1).strip()
    rest = " ".join(rest.split())
    declassify_on = None
    rule: str | None = None
    decl = _DECL.search(rest)
    scope = decl.group("rule").strip() if decl else rest
    m = _DATE.search(scope)
    if m:
        try:
            declassify_on = date(full_year(m.group(3)), int(m.group(1)), int(m.group(2)))
        except ValueError:
            rule = scope or None
    else:
        rule = scope.strip(" .:;") or None
    if rule is None and declassify_on is None and rest:
        rule = rest
    return ExecutiveOrder(order=order, declassify_on=declassify_on, rule=rule, raw=raw)


# --- TAGS ------------------------------------------------------------------------------------

ORGANIZATIONS: Final = frozenset({
    "NATO", "OSCE", "UN", "UNSC", "UNGA", "UNHRC", "UNHCR", "UNDP", "UNESCO", "UNICEF", "EUN", "EU",
    "IAEA", "ASEAN", "AU", "OAS", "WTO", "OPEC", "SCO", "CSTO", "CIS", "GCC", "OECD", "IMF", "IBRD",
    "APEC", "SADC", "ECOWAS", "ICAO", "WHO", "FAO", "ILO", "INTERPOL", "NAM", "OIC", "G8", "G20",
})
_SUBJECT_LETTERS: Final = frozenset("ABCEKMOPST")
_TAG_PIECE = re.compile(r"\((?P<person>[^()\r\n]{1,80})\)|(?P<word>[^\s,;()]{1,40})")


def _tag_kind(code: str) -> TagKind:
    upper = code.upper()
    if upper in ORGANIZATIONS:
        return TagKind.ORGANIZATION
    if len(upper) == 2 and upper.isalpha():
        return TagKind.GEOGRAPHIC
    if len(upper) == 4 and upper.isalpha() and upper[0] in _SUBJECT_LETTERS:
        return TagKind.PROGRAM if upper[0] in "KO" else TagKind.SUBJECT
    return TagKind.UNKNOWN


def parse_tags(text: str) -> tuple[Tag, ...]:
    """Decode the text after ``TAGS:`` (continuation lines joined).

    >>> [(t.code, t.kind.name) for t in parse_tags("PREL, KDEM OVIP (SMITH, JOHN) KZ")]
    [('PREL', 'SUBJECT'), ('KDEM', 'PROGRAM'), ('OVIP', 'PROGRAM'), ('SMITH, JOHN', 'PERSON'), ('KZ', 'GEOGRAPHIC')]
    """
    tags: list[Tag] = []
    person_words: list[str] = []
    after_person_code = False

    def flush() -> None:
        if person_words:
            tags.append(Tag(code=" ".join(person_words), kind=TagKind.PERSON))
            person_words.clear()

    # Tags are frozen, so one Tag serves every repetition of a code (a long TAGS list repeats codes).
    known: dict[str, tuple[Tag, bool]] = {}
    for person, word in _TAG_PIECE.findall(strip_links(text)):
        if person:
            flush()
            name = " ".join(person.split())
            if name:
                tags.append(Tag(code=name, kind=TagKind.PERSON))
            after_person_code = False
            continue
        word = word.strip(".:")
        if not word:
            continue
        seen = known.get(word)
        if seen is None:
            kind = _tag_kind(word)
            names_person = kind is TagKind.PROGRAM and word.upper() in PERSON_TAG_CODES
            seen = known[word] = (Tag(code=word, kind=kind), names_person)
        tag = seen[0]
        if after_person_code and tag.kind is TagKind.UNKNOWN and word.isalpha():
            person_words.append(word)
            continue
        flush()
        tags.append(tag)
        after_person_code = seen[1]
    flush()
    return tuple(tags)


# --- REF -----------------------------------------------------------------------------------------

_LABEL = re.compile(r"(?:^|(?<=[\s;,]))(?:\((?P<a>[A-Z])\)|(?P<b>[A-Z])[.)])(?=\s|$)")


def parse_references(text: str, year: str | None) -> tuple[Reference, ...]:
    """Decode a REF block (lines joined by spaces).

    Labels (``A.``, ``(A)``, ``A)``) are recognized only in sequence, so an
    initial such as ``J. SMITH`` is not taken for a label.

    >>> [(r.label, r.cable_id) for r in parse_references("A. (A) MOSCOW 3996 B. 06 STATE 12", "07")]
    [('A', '07MOSCOW3996'), ('B', '06STATE12')]
    """
    text = " ".join(strip_links(text).split())
    cuts: list[tuple[int, int, str]] = []
    expected = "A"
    for m in _LABEL.finditer(text):
        letter = m.group("a") or m.group("b")
        if letter == expected:
            cuts.append((m.start(), m.end(), letter))
            expected = chr(ord(expected) + 1)
        elif cuts and letter == cuts[-1][2] and m.start() - cuts[-1][1] <= 1:
            # a doubled label: "A. (A) MOSCOW 3996"
            cuts[-1] = (cuts[-1][0], m.end(), letter)
    refs: list[Reference] = []
    if not cuts:
        for piece in _REF_SPLIT.split(text):
            piece = piece.strip(" ,;.")
            if piece:
                refs.append(Reference(label=None, text=piece, cable_id=reference_cable_id(piece, year)))
        return tuple(refs)
    before = text[:cuts[0][0]].strip(" ,;.")
    if before:
        refs.append(Reference(label=None, text=before, cable_id=reference_cable_id(before, year)))
    for index, (_, end, letter) in enumerate(cuts):
        stop = cuts[index + 1][0] if index + 1 < len(cuts) else len(text)
        body = text[end:stop].strip(" ,;")
        body = body.rstrip(".") if body.endswith(".") and not _INITIAL_END.search(body) else body
        refs.append(Reference(label=letter, text=body, cable_id=reference_cable_id(body, year) if body else None))
    return tuple(refs)


# --- Classified By ---------------------------------------------------------------------------------

_REASONS_START = re.compile(
    r"[,;:.]?\s*+(?:\b(?:for|under)\s++)?(?:\breasons?\b|\bsection\s++\d\.\d|\bE\.?O\.?\s*+\d{5})"
    r"|[,;:(]?\s*+\b\d\.\d(?!\d)",
    re.IGNORECASE,
)
_REASON_PIECE = re.compile(r"(?<![\d.])(\d\.\d)(?![\d])|\(([a-hA-H])\)|(?<![A-Za-z])([a-hA-H])(?![A-Za-z])")
_TITLE_WORDS: Final = frozenset({
    "ambassador", "amb", "amb.", "dcm", "cda", "charge", "chargé", "d'affaires", "affaires", "political", "economic",
    "counselor", "counsellor", "officer", "chief", "deputy", "minister", "consul", "general", "cg", "acting",
    "polcouns", "econcouns", "poloff", "econoff", "section", "director", "secretary", "assistant", "principal",
    "head", "polecon", "pol/econ", "m/c", "a/dcm", "adcm", "dcm/", "counselor,", "coordinator", "attache",
    "attaché", "mission", "charg", "d'affaires,", "officer,", "econ", "pol", "senior", "advisor", "adviser",
    "representative", "rep", "permanent", "office", "of", "affairs", "for", "the", "and",
})
_NAME_WORD = re.compile(r"[A-Z](?:[a-zA-Z'\-]{0,30}|\.)[.,]?")


def _split_person(person: str) -> tuple[str | None, str | None]:
    person = " ".join(person.split()).strip(" ,;:.-")
    if not person:
        return None, None
    if "," in person:
        first, _, rest = person.partition(",")
        first_words = first.split()
        if first_words and all(w.lower() not in _TITLE_WORDS and _NAME_WORD.fullmatch(w) for w in first_words):
            return first.strip() or None, rest.strip(" ,") or None
        name, title = _split_person(first)
        rest = rest.strip(" ,")
        return name, ", ".join(p for p in (title, rest) if p) or None
    words = person.split()
    mixed_case = any(c.islower() for c in person)
    name_words: list[str] = []
    for word in reversed(words):
        low = word.lower()
        is_acronym = mixed_case and len(word) > 1 and word.isupper() and word.isalpha()
        if low in _TITLE_WORDS or "/" in word or is_acronym or not _NAME_WORD.fullmatch(word):
            break
        name_words.append(word)
        if len(name_words) == 4:
            break
    name_words.reverse()
    if not name_words:
        return None, person
    title = " ".join(words[: len(words) - len(name_words)]) or None
    return " ".join(name_words), title


def parse_classifier(text: str) -> Classifier:
    """Decode what follows ``Classified By``.

    >>> c = parse_classifier("Ambassador David Hale for reasons 1.4 (b) and (d)")
    >>> c.title, c.name, c.reasons
    ('Ambassador', 'David Hale', ('1.4(b)', '1.4(d)'))
    """
    text = " ".join(text.split())
    m = _REASONS_START.search(text)
    person = text[: m.start()] if m else text
    reasons_text = text[m.start():] if m else ""
    reasons: list[str] = []
    number: str | None = None
    for piece in _REASON_PIECE.finditer(reasons_text):
        if piece.group(1):
            number = piece.group(1)
            continue
        letter = (piece.group(2) or piece.group(3) or "").lower()
        if number and letter:
            reason = f"{number}({letter})"
            if reason not in reasons:
                reasons.append(reason)
    name, title = _split_person(person)
    return Classifier(name=name, title=title, reasons=tuple(reasons))
