"""The line tokenizer: the hot path of cablekit.

:func:`tokenize` cuts a text into one :class:`Token` per line and labels each
line with the shape it has (a DTG line, a banner, a paragraph marker …).  It
does not know where in the cable a line stands: the parser gives tokens their
meaning from their context, so a line shaped like a banner in the middle of a
paragraph is still read as text there.

Tokens are lossless: joining their :attr:`Token.text` gives back the input.

>>> from cablekit import tokenize
>>> [(t.kind.name, t.line) for t in tokenize("TAGS: PREL\\n\\n1. (C) Text.\\n")]
[('TAGS', 1), ('BLANK', 2), ('PARAGRAPH', 3)]
>>> "".join(t.text for t in tokenize("a\\r\\nb")) == "a\\r\\nb"
True

Every pattern is matched at the start of a line and every repetition in it
is bounded or possessive, so the time taken grows linearly with the input.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterator, Mapping
from itertools import chain, count, repeat
from operator import itemgetter
from typing import Any, Final

from .vocabulary import CAVEAT_PATTERN, CAVEAT_WORDS, MONTHS

__all__ = ["FIELD_PATTERNS", "PARAGRAPH_MARKER", "Token", "TokenKind", "classify", "split_lines", "tokenize"]


class TokenKind(enum.Enum):
    """The shape of one line."""

    # Members are singletons, so identity hashing is consistent with equality; it keeps
    # set and dict lookups by kind (once per line in the parser) at C speed.
    __hash__ = object.__hash__

    BLANK = "blank"
    """Nothing but blanks."""
    TRANSMISSION = "transmission"
    """``VZCZCXRO9553``: the transmission id."""
    ROUTING = "routing"
    """``PP RUEHBC RUEHDE``: a precedence pair and routing indicators."""
    ROUTING_CONTINUED = "routing-continued"
    """``RUEHKUK RUEHROV``: routing indicators alone."""
    DE = "de"
    """``DE RUEHAM #0713/01 0461502``: station, serial, section, julian day and time."""
    SECURITY = "security"
    """``ZNY CCCCC ZZH``: the security line, perhaps with a trailer (``ZNY CCCCC ZZH ZDK``)."""
    DTG = "dtg"
    """``P 151502Z FEB 08``: precedence and date-time group, perhaps with a trailer (``… ZDK RE YOUR SVC``)."""
    FROM = "from"
    """``FM AMEMBASSY AMMAN``."""
    TO = "to"
    """``TO RUEHC/SECSTATE WASHDC PRIORITY 2290``."""
    INFO = "info"
    """``INFO RUEHXK/ARAB ISRAELI COLLECTIVE PRIORITY``."""
    RECIPIENT = "recipient"
    """``RUEKJCS/SECDEF WASHDC PRIORITY``: an addressee continuing a TO or INFO list."""
    XMT = "xmt"
    """``XMT AMCONSUL JERUSALEM``: an exclusion from a collective."""
    BT = "bt"
    """``BT``: start (or end) of text in older traffic."""
    END = "end"
    """``NNNN``: end of message; also a publication's end stamp (``End Cable Text``, ``=====CABLE ENDS=====``)."""
    PAGE = "page"
    """``PAGE 02 ROME 01196 01 OF 02 082030Z``: an old-style page line."""
    PAGE_BREAK = "page-break"
    """``AMMAN 00000713 002 OF 003``: a page or section break."""
    BANNER = "banner"
    """``C O N F I D E N T I A L SECTION 01 OF 03 AMMAN 000713`` (or ``S e c r e t amman 000713``)."""
    CLASSIFICATION = "classification"
    """``CONFIDENTIAL`` or ``UNCLAS E F T O`` alone on a line."""
    CAVEAT = "caveat"
    """``SIPDIS``, ``NOFORN``, ``SENSITIVE`` … alone on a line."""
    EO = "eo"
    """``E.O. 12958: DECL: 02/14/2018`` (``E.o. 12958: decl: …``, ``EO 12958 DECL: …``)."""
    TAGS = "tags"
    """``TAGS: PREL PGOV`` (``Tags: prel``, ``TAG PREL``)."""
    SUBJECT = "subject"
    """``SUBJECT: …`` (``Subject: …``, ``SUBJ: …``)."""
    REF = "ref"
    """``REF: A. AMMAN 612 …`` (``Ref: …``, ``REFS: …``, ``REF. …``, ``REF A: …``, ``Reftel: …``)."""
    CLASSIFIED_BY = "classified-by"
    """``Classified By: …``."""
    PARAGRAPH = "paragraph"
    """``1. (C) …``: a line opened by a paragraph marker (possibly damaged)."""
    DATELINE = "dateline"
    """``Friday, 23 February 2001, 15:53``: a newspaper dateline."""
    TEXT = "text"
    """Anything else."""


_SP = r"[ \t\u00a0]"
_EOL = r"(?=[\r\n]|\Z)"
_END = rf"{_SP}*+{_EOL}"
# What a head label or a paragraph marker may stand after: a few blanks, or a U+2028 line separator.
_LEAD_CHARS = " \t\u00a0\u2028"
_LEAD = rf"[{_LEAD_CHARS}]{{0,4}}+"


def _spaced(word: str, blanks: str) -> str:
    """The letters of *word* with *blanks* between them: ``_spaced("SECRET", "[ ]")``."""
    return blanks.join(word)


def _level(spacing: str) -> str:
    """A classification level, as a pattern whose group *spacing* is set when its letters are spaced unevenly.

    The level is written as words (``SECRET``, ``TOP SECRET``, ``UNCLAS``), or with its
    letters spaced out by one blank, in any case after the first (``S E C R E T``,
    ``C o n f i d e n t i a l``), or as ``Unclas``; else it is upper-case letters with
    zero to two blanks between them (``SE C R E T``, ``CO N F I D E N T I A L``),
    damage that group *spacing* holds.
    """
    w = r"[ ]{1,3}"  # between words
    efto = rf"(?:{w}E[ ]?F[ ]?T[ ]?O)?"

    def any_case_spaced(word: str) -> str:
        return word[0] + "(?i:" + "".join(f"[ ]{c}" for c in word[1:]) + ")"

    clean = "|".join((
        rf"TOP{w}SECRET", "SECRET", "CONFIDENTIAL", rf"UNCLAS(?:SIFIED)?{efto}", rf"LIMITED{w}OFFICIAL{w}USE",
        rf"T(?i:[ ]O[ ]P{w}S[ ]E[ ]C[ ]R[ ]E[ ]T)", any_case_spaced("SECRET"), any_case_spaced("CONFIDENTIAL"),
        rf"U(?i:[ ]N[ ]C[ ]L[ ]A[ ]S(?:[ ]S[ ]I[ ]F[ ]I[ ]E[ ]D)?){efto}", rf"Unclas(?![A-Za-z]){efto}",
    ))
    d = r"[ ]{0,2}+"  # between letters, damaged
    loose = "|".join((
        rf"{_spaced('TOP', d)}[ ]{{0,3}}+{_spaced('SECRET', d)}", _spaced("SECRET", d), _spaced("CONFIDENTIAL", d),
        rf"{_spaced('UNCLAS', d)}(?:{d}{_spaced('SIFIED', d)})?{efto}",
    ))
    return rf"(?:{clean}|(?P<{spacing}>{loose}))"


# The rest of a line up to its last non-blank character (at least one with ``least=1``): runs of
# non-blanks, and runs of blanks followed by a non-blank.  Every run is taken whole and never
# given back, so a long run of blanks inside the line costs linear time.
def _rest(least: int) -> str:
    words = r"(?:[^ \t\u00a0\r\n]++|[ \t\u00a0]++(?=[^ \t\u00a0\r\n]))*+"
    return words if least == 0 else rf"(?=[ \t\u00a0]*+[^ \t\u00a0\r\n]){words}"


# The words of a post; no word can take a blank or a digit, so none needs to give anything back.
_POST_WORD = r"[A-Z][A-Z.'&-]{0,24}+"
_POST = rf"{_POST_WORD}(?:[ ]{_POST_WORD}){{0,4}}+"
# A banner's post, in any case (``S e c r e t section 01 of 02 beijing 002963``).
_BANNER_WORD = r"[A-Za-z][A-Za-z.'&-]{0,24}+"
_BANNER_POST = rf"{_BANNER_WORD}(?:[ ]{_BANNER_WORD}){{0,4}}+"
_RI = r"R[A-Z0-9]{3,6}+"
_CAVEAT = CAVEAT_PATTERN
# The distribution captions a mixed-case cable writes in title case on their own line (``Sipdis``, ``Noforn``);
# not every caveat word (``Roger``, ``Sensitive`` alone are a name and a word).
_TITLE_CAVEAT = r"(?:Sipdis|Noforn|Exdis|Nodis|Limdis)"
# A paragraph marker, perhaps damaged (``¶3.``, ``Â¶3.``, ``[3](#)3.``, `` 3,``), and the blanks after it;
# a marker with a prefix may stand after a few blanks (`` ¶1.``).
_MARKER = (rf"(?:{_LEAD}(?P<p_prefix>\u00b6|\u00c2\u00b6|\ufffd|\[[^\]\r\n]{{1,8}}\]\(#[^)\r\n]{{0,24}}\)))?+"
           r"[ ]?(?P<p_num>\d{1,3})(?P<p_punct>[.,])(?![0-9])")
_MARKER_SPACE = r"(?P<p_space>[ \t]*+)"
# A non-blank character somewhere ahead on the line.
_SOMETHING = r"(?=[ \t\u00a0]*+[^ \t\u00a0\r\n])"

# Head labels.  Upper case, they read as today's cables write them; in any other case they need
# a colon (or the shape of what follows), so that prose (``Subject to the approval``, ``tag team``,
# ``reftel demarche``, ``Ref A), during``) is never a label.
_EO_LABEL = (r"(?:E\.?[ ]?O\.?|(?i:E\.?[ ]?O\.?)(?=[ ]*+(?:\d{4,5}|:)))"  # E.O., EO; E.o. before 12958 or ':'
             r"[ ]*+(?::[ ]*+(?=\d{4,5}))?")  # E.O.: 12958
_TAGS_LABEL = (r"(?:TAGS(?![A-Z])[ ]*+:?"  # TAGS, TAGS:
               r"|(?i:TAGS?)[ ]*+:"  # Tags:, TAG:
               rf"|TAG(?=[ ]++[A-Z]{{2,6}}(?:[ ]*+[,;]|{_END})))")  # TAG PTER, PGOV (not TAG ALONG WITH)
_SUBJECT_LABEL = (r"(?:(?i:SUBJ(?:ECT)?)[ ]*+:"  # SUBJECT:, Subject:, SUBJ:
                  rf"|SUBJ(?:ECT)?(?={_END}))")  # SUBJECT alone on its line
_REF_WORD = r"REF(?:S|TELS?)?"
_REF_LABEL = (
    rf"(?:(?i:REF(?:S|TELS?|\(S\))?)[ ]*+\.?[ ]*+:"  # REF:, Ref:, Refs:, REF.:, Ref(s):, Reftel:
    rf"|{_REF_WORD}\.(?=[ ]++[A-Z0-9(])"  # REF. STATE 1234
    rf"|(?i:{_REF_WORD})[ ]++(?=[Aa](?::|\)[ ]++[^ \t.,;:)\r\n]))"  # REF A: …, REF A) … (the value starts at A)
    rf"|{_REF_WORD}[ ]++(?=A[ ]++[^a-z\r\n]*+{_EOL})"  # REF A SECRETARY'S LETTER (an upper-case line)
    rf"|(?i:{_REF_WORD})[ ]++(?=(?:\d\d[ ]++)?[A-Z][A-Za-z.'&-]{{1,24}}+(?:[ ]++[A-Z][A-Za-z.'&-]{{0,24}}+){{0,3}}"
    rf"[ ]++\d{{1,7}}[ .,;]*+{_EOL}))"  # Reftel San Jose 410: one cable named
)


def _alternatives(kind_only: bool) -> tuple[tuple[str, str], ...]:
    """(kind name, pattern) in the order they are tried.

    With *kind_only*, the patterns decide the kind of a line matched from its
    start (``pattern.match``) and nothing more: a tail that takes any rest of
    the line is left out, since it can only match.
    """

    def rest(name: str, least: int) -> str:
        if kind_only:
            return _SOMETHING if least else ""
        return rf"(?P<{name}>{_rest(least)}){_END}"

    def trailer(name: str) -> str:  # blanks and the rest of the line, or nothing
        return rf"(?:[ ]++{_SOMETHING}|{_END})" if kind_only else rf"(?:[ ]++(?P<{name}>{_rest(1)}))?{_END}"

    paragraph_tail = "" if kind_only else rf"{_MARKER_SPACE}(?P<p_rest>[^\r\n]*+)"
    return (
        ("BLANK", rf"(?P<blank>){_SP}*+(?=[\r\n]|\Z)"),
        ("TRANSMISSION", rf"(?P<tr_id>VZCZC[A-Z0-9]{{2,20}}){_END}"),
        ("ROUTING", rf"(?P<rt_prec>[RPOZ]{{1,2}})[ ]++(?P<rt_ind>{_RI}(?:[ ]++{_RI}){{0,40}}){_END}"),
        ("ROUTING_CONTINUED", rf"(?P<rc_ind>{_RI}(?:[ ]++{_RI}){{0,40}}){_END}"),
        ("DE", rf"DE[ ]++(?P<de_station>[A-Z0-9]{{3,8}})[ ]*+#[ ]?(?P<de_serial>\d{{1,7}})"
               rf"(?:/(?P<de_section>\d{{1,3}}))?(?:[ ]++(?P<de_day>\d{{3}})(?P<de_time>\d{{4}}))?{_END}"),
        # ZNY CCCCC ZZH, then perhaps a trailer (ZDK, (CCY AD12345 MSI678-901)); a level of 3 to 6 letters
        ("SECURITY", rf"(?P<sec>Z[A-Z]{{2}}[ ]++(?:[A-Y][A-Z]{{2,5}}+[ ]++Z[A-Z]{{2}}|[A-Z]{{5}}(?={_END})))"
                     + trailer("sec_trailer")),
        ("DTG", rf"(?P<dtg_prec>[RPOZ](?:[ ]?[RPOZ])?)[ ]++(?P<dtg_day>\d\d)(?P<dtg_hour>\d\d)(?P<dtg_min>\d\d)Z"
                rf"[ ]++(?P<dtg_mon>{'|'.join(MONTHS)})[ ]++(?P<dtg_year>\d{{4}}|\d\d)" + trailer("dtg_trailer")),
        ("FROM", rf"FM[ ]++{rest('fm', 1)}"),
        ("TO", rf"TO[ ]++{rest('to', 1)}"),
        ("INFO", rf"INFO[ ]++{rest('info', 1)}"),
        ("RECIPIENT", rf"{_RI}/{_SOMETHING}" if kind_only else rf"(?P<rcp>{_RI}/{_rest(1)}){_END}"),
        ("XMT", rf"XMT[ ]++{rest('xmt', 1)}"),
        ("BT", rf"BT{_END}"),
        ("END", rf"(?:(?i:NNNN)|(?P<end_stamp>=++[ ]*+(?i:CABLE[ ]++ENDS)[ ]*+=*+"
                rf"|(?i:END[ ]++CABLE[ ]++TEXT))){_END}"),
        ("PAGE", rf"PAGE[ ]++(?P<pg_page>\d{{2,3}})[ ]++(?P<pg_origin>{_POST})[ ]++(?P<pg_serial>\d{{1,8}})"
                 rf"(?:[ ]++(?P<pg_sec>\d\d)[ ]++OF[ ]++(?P<pg_secs>\d\d))?(?:[ ]++\d{{6}}Z)?{_END}"),
        ("PAGE_BREAK", rf"(?P<pb_origin>{_POST})[ ]++(?P<pb_serial>\d{{8}})[ ]++(?P<pb_page>\d{{3}})"
                       rf"(?:\.\d)?[ ]++OF[ ]++(?P<pb_pages>\d{{3}}){_END}"),
        ("BANNER", rf"(?P<bn_level>{_level('bn_spacing')})(?P<bn_pre>(?:[ ]++(?:{_CAVEAT})){{0,4}})"
                   rf"(?:[ ]++(?i:SECTION)[ ]++(?P<bn_sec>\d{{1,3}})[ ]++(?i:OF)[ ]++(?P<bn_secs>\d{{1,3}}))?"
                   rf"[ ]++(?:(?P<bn_year>\d\d)[ ]++)?(?P<bn_origin>{_BANNER_POST})[ ]++(?P<bn_serial>\d{{1,8}})"
                   rf"(?P<bn_tail>(?:[ ]++(?:{_CAVEAT})){{0,4}}){_END}"),
        ("CLASSIFICATION", rf"(?P<cl_level>{_level('cl_spacing')})"
                           rf"(?P<cl_tail>(?:[ ]*+[ /,]{{1,2}}[ ]*+(?:{_CAVEAT})){{0,4}}){_END}"),
        ("CAVEAT", rf"(?P<cv>(?:{_CAVEAT}|{_TITLE_CAVEAT})(?:[ ]*+[,/;]?[ ]*+(?:{_CAVEAT}|{_TITLE_CAVEAT})){{0,6}})"
                   rf"{_END}"),
        ("EO", rf"{_LEAD}{_EO_LABEL}(?P<eo_order>\d{{4,5}})?[ ]*+[:.]?[ ]*+{rest('eo_rest', 0)}"),
        ("TAGS", rf"{_LEAD}{_TAGS_LABEL}[ ]*+{rest('tags', 0)}"),
        ("SUBJECT", rf"{_LEAD}{_SUBJECT_LABEL}[ ]*+{rest('subject', 0)}"),
        ("REF", rf"{_LEAD}{_REF_LABEL}[ ]*+{rest('ref', 0)}"),
        ("CLASSIFIED_BY", rf"{_LEAD}(?i:CLASSIFIED[ ]++BY)(?![A-Za-z])[ ]*+:?[ ]*+{rest('clby', 0)}"),
        ("PARAGRAPH", _MARKER + paragraph_tail),
        ("DATELINE", r"(?P<dl>(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),[ ]\d{1,2}[ ]"
                     r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                     rf"[ ]\d{{4}},[ ]\d\d:\d\d){_END}"),
    )


_ALTERNATIVES: Final = _alternatives(kind_only=False)
_KIND_ALTERNATIVES: Final = _alternatives(kind_only=True)

_KINDS: Final = tuple(TokenKind[name] for name, _ in _ALTERNATIVES)

FIELD_PATTERNS: Final[Mapping[TokenKind, re.Pattern[str]]] = {
    kind: re.compile(pattern)
    for kind, (_, pattern) in zip(_KINDS, _ALTERNATIVES, strict=True)
}
"""The full pattern of each kind but TEXT, with its named groups: a token's fields come from
matching its line against the pattern of its kind (``fullmatch``), when they are asked for."""

PARAGRAPH_MARKER: Final = re.compile(_MARKER + _MARKER_SPACE)
"""The start of a PARAGRAPH line: the marker (groups ``p_prefix``, ``p_num``, ``p_punct``) and the
blanks after it (``p_space``).  ``match`` it on a line of that kind; the rest of the line follows."""

# Which kinds a line can have, by its first two characters.  A line is the first
# alternative of _ALTERNATIVES it matches (TEXT if none), so a line needs to be
# tried only against the kinds that can start the way it does; most lines of a
# cable are prose and are never matched against anything.
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_FIRST_CHARS: Final[Mapping[str, str]] = {
    "TRANSMISSION": "V", "ROUTING": "RPOZ", "ROUTING_CONTINUED": "R", "DE": "D", "SECURITY": "Z",
    "DTG": "RPOZ", "FROM": "F", "TO": "T", "INFO": "I", "RECIPIENT": "R", "XMT": "X", "BT": "B",
    "END": "NnEe=", "PAGE": "P", "PAGE_BREAK": _UPPER, "BANNER": "TSCUL", "CLASSIFICATION": "TSCUL",
    "CAVEAT": "".join(sorted({word[0] for word in CAVEAT_WORDS})), "EO": "Ee" + _LEAD_CHARS,
    "TAGS": "Tt" + _LEAD_CHARS, "SUBJECT": "Ss" + _LEAD_CHARS, "REF": "Rr" + _LEAD_CHARS,
    "CLASSIFIED_BY": "Cc" + _LEAD_CHARS, "PARAGRAPH": "\u00b6\u00c2\ufffd[0123456789" + _LEAD_CHARS,
    "DATELINE": "MTWFS",
}
"""For each kind but BLANK, every character a line of that kind can start with (head labels and
paragraph markers may stand after a few blanks: _LEAD_CHARS)."""

_PROSE_PREFIXES: Final[Mapping[str, tuple[str, ...]]] = {
    "CLASSIFIED_BY": ("Cl", "cl"), "DATELINE": ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"),
    "EO": ("Eo", "eo"), "TAGS": ("Ta", "ta"), "SUBJECT": ("Su", "su"), "REF": ("Re", "re"),
    "END": ("Nn", "nn", "En", "en"), "BANNER": ("Un",), "CLASSIFICATION": ("Un",),
    "CAVEAT": ("Si", "No", "Ex", "Li"),
}
"""The kinds a line opened by a letter and a lower-case letter can have, and which two letters
each can start with (``Classified by``, ``Friday, 23 February``, ``Subject:``, ``Unclas nairobi``, ``Sipdis``);
a kind not named here needs a second character that is not a lower-case letter."""

_BLANKS = " \t\u00a0"

_GROUP_NAME = re.compile(r"\(\?P<\w++>")

_Classifier = tuple[re.Pattern[str], tuple[TokenKind, ...]]


def _classifier(names: list[str], *, lead: bool = True) -> _Classifier | None:
    """One pattern trying the kinds *names* in order; ``lastindex`` tells which matched.

    Without *lead*, the pattern is for lines that do not start with a blank, where the
    blanks a label may stand after match nothing: they are left out (a third of the
    cost of trying a label that is not there).
    """
    if not names:
        return None
    order = [name for name, _ in _KIND_ALTERNATIVES if name in names]
    patterns = {name: pattern if lead else pattern.replace(_LEAD, "") for name, pattern in _KIND_ALTERNATIVES}
    text = "|".join(f"({_GROUP_NAME.sub('(?:', patterns[name])})" for name in order)
    return re.compile(text), tuple(TokenKind[name] for name in order)


def _dispatch() -> tuple[dict[str, _Classifier], dict[str, _Classifier]]:
    """The classifiers by first character, and by the two letters of a line opened by a letter and a lower-case one."""
    by_first = {}
    for char in sorted(set("".join(_FIRST_CHARS.values()))):
        found = _classifier([name for name, chars in _FIRST_CHARS.items() if char in chars],
                            lead=char in _LEAD_CHARS)
        if found is not None:
            by_first[char] = found
    by_prose = {}
    for prefix in sorted({prefix for prefixes in _PROSE_PREFIXES.values() for prefix in prefixes}):
        found = _classifier([name for name, prefixes in _PROSE_PREFIXES.items() if prefix in prefixes], lead=False)
        if found is not None:
            by_prose[prefix] = found
    return by_first, by_prose


_BY_FIRST, _BY_PROSE = _dispatch()
_LOWER = frozenset(_LOWER_LETTERS)
_LETTERS = frozenset(_UPPER + _LOWER_LETTERS)
_LINE = re.compile(r"[^\r\n]*+(?:\r\n|\r|\n)|[^\r\n]++")


_UNMATCHED: Final = object()  # a token whose fields were not read yet


class Token:
    """One line of the input, labelled with its shape.

    Tokens come from :func:`tokenize`; ``Token(kind, line, value, end)``
    builds one by hand.
    """

    __slots__ = ("_end", "_match", "kind", "line", "value")

    _end: str
    _match: re.Match[str] | None

    kind: TokenKind
    """The shape of the line."""
    line: int
    """The 1-based number of the line in the text given to :func:`tokenize`."""
    value: str
    """The line without its line ending."""

    def __init__(self, kind: TokenKind, line: int, value: str, end: str = "\n") -> None:
        self.kind = kind
        self.line = line
        self.value = value
        if end != "\n":
            self._end = end

    @property
    def end(self) -> str:
        """The line ending: ``"\\n"``, ``"\\r\\n"``, ``"\\r"``, or ``""`` for a last line without one."""
        end: str = getattr(self, "_end", "\n")  # set only when not "\n"
        return end

    @property
    def text(self) -> str:
        """The exact source text of the line, including its line ending.

        Joining the :attr:`text` of every token gives back the input.
        """
        return self.value + self.end

    def _matched(self) -> re.Match[str] | None:
        # getattr with a default: a slot not yet set costs much less than catching AttributeError
        m: Any = getattr(self, "_match", _UNMATCHED)
        if m is _UNMATCHED:
            pattern = FIELD_PATTERNS.get(self.kind)
            m = self._match = None if pattern is None else pattern.fullmatch(self.value)
        return m  # type: ignore[no-any-return]

    @property
    def fields(self) -> dict[str, str]:
        """The named parts of the line that the pattern of its kind picked out.

        >>> next(tokenize("TAGS: PREL PGOV")).fields
        {'tags': 'PREL PGOV'}
        """
        m = self._matched()
        if m is None:
            return {}
        return {k: v for k, v in m.groupdict().items() if v is not None and k != "blank"}

    def group(self, name: str) -> str | None:
        """One named part of the line, or ``None`` when the line does not have that part.

        A name that the pattern of the token's kind does not have at all is a
        mistake in the caller, not a missing part: it raises :class:`IndexError`
        (as :meth:`re.Match.group` does), naming the kind's parts.

        >>> token = next(tokenize("DE RUEHAM #0713 0461502"))
        >>> token.group("de_serial"), token.group("de_section")
        ('0713', None)
        >>> token.group("de_serail")
        Traceback (most recent call last):
        IndexError: a DE line has no part 'de_serail' (its parts: de_station, de_serial, de_section, de_day, de_time)
        """
        m = self._matched()
        if m is not None:
            try:
                return m.group(name)
            except IndexError:
                pass  # not a part of this kind: raised below
        pattern = FIELD_PATTERNS.get(self.kind)
        if pattern is not None and name in pattern.groupindex:
            return None  # the line does not fit its kind's full pattern (a token built by hand)
        parts = ", ".join(pattern.groupindex) if pattern is not None else "none"
        raise IndexError(f"a {self.kind.name} line has no part {name!r} (its parts: {parts})")

    def __repr__(self) -> str:
        return f"Token({self.kind.name}, line={self.line}, text={self.text!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Token):
            return NotImplemented
        return (self.kind, self.line, self.value, self.end) == (other.kind, other.line, other.value, other.end)

    def __hash__(self) -> int:
        return hash((self.kind, self.line, self.value, self.end))


def _is_plain_class() -> bool:
    """Whether Token is a plain Python class (not one compiled by mypyc, which object.__new__ refuses)."""
    try:
        object.__new__(Token)
    except TypeError:
        return False
    return True


_PLAIN_CLASS: Final = _is_plain_class()


# What a line's first two characters say about it: None for a prose line (TEXT,
# whatever follows), else (whether the line may be all blanks, the match method
# of the classifier of its first character or None, the kinds it tells apart).
# Filled as prefixes are met, up to _MAX_PREFIXES of them (the ASCII ones alone are fewer), so it stays small.
_Entry = tuple[bool, Callable[[str], "re.Match[str] | None"] | None, tuple[TokenKind, ...]] | None
_BY_PREFIX: dict[str, _Entry] = {}
_MAX_PREFIXES: Final = 16384
_PREFIX: Final = itemgetter(slice(None, 2))


def _entry(prefix: str) -> _Entry:
    first, second = prefix[:1], prefix[1:2]
    may_be_blank = first in _BLANKS and (second == "" or second in _BLANKS)
    if second in _LOWER and first in _LETTERS:  # prose, or one of the few kinds a word can open
        found = _BY_PROSE.get(prefix)
    else:
        found = _BY_FIRST.get("0" if first.isdecimal() else first)  # \d is any decimal digit, not only 0-9
    entry = None if not may_be_blank and found is None else (
        may_be_blank, None if found is None else found[0].match, () if found is None else found[1])
    if len(_BY_PREFIX) < _MAX_PREFIXES:
        _BY_PREFIX[prefix] = entry
    return entry


def split_lines(text: str) -> tuple[list[str], list[str] | None]:
    """The lines of *text* without their line endings, and the endings.

    Only ``\\n``, ``\\r\\n`` and ``\\r`` end a line, and a text ending in a
    line ending has no empty last line.  The endings are ``None`` when every
    line ends in ``\\n`` (the last one perhaps in nothing).

    >>> split_lines("TAGS: PREL\\n\\n1. Text.\\n")
    (['TAGS: PREL', '', '1. Text.'], None)
    >>> split_lines("a\\r\\nb")
    (['a', 'b'], ['\\r\\n', ''])
    """
    if "\r" not in text:
        values = text.split("\n")
        if not values[-1]:
            del values[-1]
        return values, None
    crlf = text.count("\r\n")
    if text.count("\r") == crlf == text.count("\n"):  # Windows line endings throughout
        values = text.split("\r\n")
        if values[-1]:
            return values, [*repeat("\r\n", len(values) - 1), ""]
        del values[-1]
        return values, ["\r\n"] * len(values)
    pieces = _LINE.findall(text)
    values = [piece.rstrip("\r\n") for piece in pieces]
    return values, [piece[len(value):] for piece, value in zip(pieces, values, strict=True)]


def classify(values: list[str]) -> list[TokenKind]:
    """The kind of each line of *values* (lines without their endings), as :func:`tokenize` gives it.

    The parser reads the kinds of all lines and builds a :class:`Token` only
    for the lines whose fields it needs.

    >>> [kind.name for kind in classify(["TAGS: PREL", "", "1. (C) Text."])]
    ['TAGS', 'BLANK', 'PARAGRAPH']
    """
    blank, text_kind = TokenKind.BLANK, TokenKind.TEXT
    blanks = _BLANKS
    kinds: list[TokenKind] = [text_kind] * len(values)
    # The entries of all lines in one pass at C speed; most are None (prose), and stay TEXT.
    entries: list[_Entry | bool] = list(map(_BY_PREFIX.get, map(_PREFIX, values), repeat(False)))
    index = -1
    for found in entries:
        index += 1
        if found is None:
            continue
        value = values[index]
        # False for a prefix not met before (a sentinel mypyc keeps: it unboxes tuples);
        # not narrowed with cast(), which is a function call on every line
        entry: _Entry = _entry(value[:2]) if found is False else found  # type: ignore[assignment]
        if entry is None:
            continue
        if entry[0] and not value.strip(blanks):
            kinds[index] = blank
        elif entry[1] is not None:
            m = entry[1](value)
            if m is not None:
                kinds[index] = entry[2][m.lastindex - 1]  # type: ignore[operator]
    return kinds


def _tokens_of(values: list[str], ends: list[str] | None = None, first: int = 1, *,
              last_end: str = "\n") -> list[Token]:
    """One token per line of *values* (lines without their endings), numbered from *first*.

    *ends* are the line endings; when not given, every line ends in ``\\n``
    but the last, which ends in *last_end*.
    """
    new = object.__new__
    cls = Token
    out: list[Token] = []
    append = out.append
    if _PLAIN_CLASS:
        for number, value, kind in zip(count(first), values, classify(values)):
            token = new(cls)  # skips the call of __init__: a third of the cost of a token
            token.kind = kind
            token.line = number
            token.value = value
            append(token)
    else:
        out = [cls(kind, number, value) for number, value, kind in zip(count(first), values, classify(values))]
    if ends is not None:
        for token, end in zip(out, ends, strict=True):
            if end != "\n":
                token._end = end
    elif last_end != "\n" and out:
        out[-1]._end = last_end
    return out


def tokenize(text: str) -> Iterator[Token]:
    """Cut *text* into one :class:`Token` per line.

    The tokens cover the input without loss: ``"".join(t.text for t in
    tokenize(s)) == s`` for every string ``s``.  Line endings (``\\n``,
    ``\\r\\n`` or ``\\r``) stay with the line they end.

    >>> [t.kind.name for t in tokenize("P 151502Z FEB 08\\nFM AMEMBASSY AMMAN\\n")]
    ['DTG', 'FROM']
    """
    values, ends = split_lines(text)
    last_end = "" if ends is None and text[-1:] != "\n" else "\n"
    if len(values) <= _CHUNK:
        return iter(_tokens_of(values, ends, last_end=last_end))
    return chain.from_iterable(
        _tokens_of(values[start:start + _CHUNK], None if ends is None else ends[start:start + _CHUNK], start + 1,
                  last_end=last_end if start + _CHUNK >= len(values) else "\n")
        for start in range(0, len(values), _CHUNK))


_CHUNK: Final = 4096
