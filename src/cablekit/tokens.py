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
from collections.abc import Iterator, Mapping
from typing import Final

import regex

__all__ = ["CAVEAT_WORDS", "MONTHS", "Token", "TokenKind", "tokenize"]


class TokenKind(enum.Enum):
    """The shape of one line."""

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
    """``ZNY CCCCC ZZH``: the security line."""
    DTG = "dtg"
    """``P 151502Z FEB 08``: precedence and date-time group."""
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
    """``NNNN``: end of message."""
    PAGE = "page"
    """``PAGE 02 ROME 01196 01 OF 02 082030Z``: an old-style page line."""
    PAGE_BREAK = "page-break"
    """``AMMAN 00000713 002 OF 003``: a page or section break."""
    BANNER = "banner"
    """``C O N F I D E N T I A L SECTION 01 OF 03 AMMAN 000713``."""
    CLASSIFICATION = "classification"
    """``CONFIDENTIAL`` or ``UNCLAS E F T O`` alone on a line."""
    CAVEAT = "caveat"
    """``SIPDIS``, ``NOFORN``, ``SENSITIVE`` … alone on a line."""
    EO = "eo"
    """``E.O. 12958: DECL: 02/14/2018``."""
    TAGS = "tags"
    """``TAGS: PREL PGOV``."""
    SUBJECT = "subject"
    """``SUBJECT: …``."""
    REF = "ref"
    """``REF: A. AMMAN 612 …``."""
    CLASSIFIED_BY = "classified-by"
    """``Classified By: …``."""
    PARAGRAPH = "paragraph"
    """``1. (C) …``: a line opened by a paragraph marker (possibly damaged)."""
    DATELINE = "dateline"
    """``Friday, 23 February 2001, 15:53``: a newspaper dateline."""
    TEXT = "text"
    """Anything else."""


CAVEAT_WORDS: Final = (
    "FOR OFFICIAL USE ONLY", "SENSITIVE BUT UNCLASSIFIED", "LIMITED OFFICIAL USE",
    "SIPDIS", "SENSITIVE", "NOFORN", "EXDIS", "NODIS", "LIMDIS", "STADIS",
    "ORCON", "PROPIN", "NOCONTRACT", "CHEROKEE", "ROGER", "DECAPTIONED", "EFTO",
)
"""Handling caveats recognized on a line of their own."""

MONTHS: Final = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                 "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")

_SP = r"[ \t\u00a0]"
_END = rf"{_SP}*+(?=[\r\n]|\Z)"

# Classification words, spaced out or not.
_LEVEL = (
    r"(?:T{s}O{s}P{w}S{s}E{s}C{s}R{s}E{s}T|S{s}E{s}C{s}R{s}E{s}T"
    r"|C{s}O{s}N{s}F{s}I{s}D{s}E{s}N{s}T{s}I{s}A{s}L"
    r"|UNCLAS(?:SIFIED)?(?:{w}E{s}F{s}T{s}O)?|LIMITED{w}OFFICIAL{w}USE)"
).format(s=r"[ ]?", w=r"[ ]{1,3}")


# The rest of a line up to its last non-blank character, at least *least* and at most *most*
# non-blanks.  Each repetition is blanks then one non-blank, so a long run of blanks inside the
# line costs linear time (a lazy ``[^\r\n]{0,n}?`` before the end-of-line blanks is quadratic).
def _rest(least: int, most: int) -> str:
    return rf"(?:{_SP}*+[^ \t\u00a0\r\n]){{{least},{most}}}"


_POST_WORD = r"[A-Z][A-Z.'&-]{0,24}"
_POST = rf"{_POST_WORD}(?:[ ]{_POST_WORD}){{0,4}}"
_RI = r"R[A-Z0-9]{3,6}"

_ALTERNATIVES: Final = (
    ("BLANK", rf"(?P<blank>){_SP}*+(?=[\r\n]|\Z)"),
    ("TRANSMISSION", rf"(?P<tr_id>VZCZC[A-Z0-9]{{2,20}}){_END}"),
    ("ROUTING", rf"(?P<rt_prec>[RPOZ]{{1,2}})[ ]++(?P<rt_ind>{_RI}(?:[ ]++{_RI}){{0,40}}){_END}"),
    ("ROUTING_CONTINUED", rf"(?P<rc_ind>{_RI}(?:[ ]++{_RI}){{0,40}}){_END}"),
    ("DE", rf"DE[ ]++(?P<de_station>[A-Z0-9]{{3,8}})[ ]*+#[ ]?(?P<de_serial>\d{{1,7}})"
           rf"(?:/(?P<de_section>\d{{1,3}}))?(?:[ ]++(?P<de_day>\d{{3}})(?P<de_time>\d{{4}}))?{_END}"),
    ("SECURITY", rf"(?P<sec>Z[A-Z]{{2}}[ ]++[A-Z]{{5}}(?:[ ]++Z[A-Z]{{2}})?){_END}"),
    ("DTG", rf"(?P<dtg_prec>[RPOZ](?:[ ]?[RPOZ])?)[ ]++(?P<dtg_day>\d\d)(?P<dtg_hour>\d\d)(?P<dtg_min>\d\d)Z"
            rf"[ ]++(?P<dtg_mon>{'|'.join(MONTHS)})[ ]++(?P<dtg_year>\d{{4}}|\d\d){_END}"),
    ("FROM", rf"FM[ ]++(?P<fm>{_rest(1, 200)}){_END}"),
    ("TO", rf"TO[ ]++(?P<to>{_rest(1, 200)}){_END}"),
    ("INFO", rf"INFO[ ]++(?P<info>{_rest(1, 300)}){_END}"),
    ("RECIPIENT", rf"(?P<rcp>{_RI}/{_rest(1, 200)}){_END}"),
    ("XMT", rf"XMT[ ]++(?P<xmt>{_rest(1, 200)}){_END}"),
    ("BT", rf"BT{_END}"),
    ("END", rf"NNNN{_END}"),
    ("PAGE", rf"PAGE[ ]++(?P<pg_page>\d{{2,3}})[ ]++(?P<pg_origin>{_POST})[ ]++(?P<pg_serial>\d{{1,8}})"
             rf"(?:[ ]++(?P<pg_sec>\d\d)[ ]++OF[ ]++(?P<pg_secs>\d\d))?(?:[ ]++\d{{6}}Z)?{_END}"),
    ("PAGE_BREAK", rf"(?P<pb_origin>{_POST})[ ]++(?P<pb_serial>\d{{8}})[ ]++(?P<pb_page>\d{{3}})"
                   rf"(?:\.\d)?[ ]++OF[ ]++(?P<pb_pages>\d{{3}}){_END}"),
    ("BANNER", rf"(?P<bn_level>{_LEVEL})(?P<bn_pre>(?:[ ]++(?:\L<caveat>)){{0,4}})"
               rf"(?:[ ]++(?i:SECTION)[ ]++(?P<bn_sec>\d{{1,3}})[ ]++(?i:OF)[ ]++(?P<bn_secs>\d{{1,3}}))?"
               rf"[ ]++(?:(?P<bn_year>\d\d)[ ]++)?(?P<bn_origin>{_POST})[ ]++(?P<bn_serial>\d{{1,7}})"
               rf"(?P<bn_tail>(?:[ ]++(?:\L<caveat>)){{0,4}}){_END}"),
    ("CLASSIFICATION", rf"(?P<cl_level>{_LEVEL})(?P<cl_tail>(?:[ ]*+[ /,]{{1,2}}[ ]*+(?:\L<caveat>)){{0,4}}){_END}"),
    ("CAVEAT", rf"(?P<cv>(?:\L<caveat>)(?:[ ]*+[,/;]?[ ]*+(?:\L<caveat>)){{0,6}}){_END}"),
    ("EO", rf"(?:E\.?[ ]?O\.?|EO)[ ]*+(?P<eo_order>\d{{4,5}})?[ ]*+[:.]?[ ]*+(?P<eo_rest>{_rest(0, 300)}){_END}"),
    ("TAGS", rf"TAGS(?![A-Z])[ ]*+:?[ ]*+(?P<tags>{_rest(0, 2000)}){_END}"),
    ("SUBJECT", rf"SUBJ(?:ECT)?[ ]*+:[ ]*+(?P<subject>{_rest(0, 2000)}){_END}"),
    ("REF", rf"REF(?:S|TEL|TELS)?[ ]*+:[ ]*+(?P<ref>{_rest(0, 5000)}){_END}"),
    ("CLASSIFIED_BY", rf"(?i:CLASSIFIED[ ]++BY)(?![A-Za-z])[ ]*+:?[ ]*+(?P<clby>{_rest(0, 2000)}){_END}"),
    ("PARAGRAPH", r"(?P<p_prefix>\u00b6|\u00c2\u00b6|\ufffd|\[[^\]\r\n]{1,8}\]\(#[^)\r\n]{0,24}\))?+"
                  r"[ ]?(?P<p_num>\d{1,3})(?P<p_punct>[.,])(?![0-9])(?P<p_space>[ \t]*+)"
                  r"(?P<p_rest>[^\r\n]{0,100000})"),
    ("DATELINE", r"(?P<dl>(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),[ ]\d{1,2}[ ]"
                 r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                 rf"[ ]\d{{4}},[ ]\d\d:\d\d){_END}"),
)

_KINDS: Final = tuple(TokenKind[name] for name, _ in _ALTERNATIVES)

_EOL = r"(?:\r\n|\r|\n|\Z)"

# Each alternative carries its own line ending, so the group of the kind is
# the last one to close and ``match.lastgroup`` names the kind at no cost.
_MASTER: Final = regex.compile(
    "|".join(f"(?P<k{i}>{pattern}{_EOL})" for i, (_, pattern) in enumerate(_ALTERNATIVES))
    + rf"|(?P<text>[^\r\n]*+{_EOL})",
    caveat=CAVEAT_WORDS,
)

_KIND_BY_GROUP: Final[Mapping[str | None, TokenKind]] = {
    **{f"k{i}": kind for i, kind in enumerate(_KINDS)}, "text": TokenKind.TEXT,
}



class Token:
    """One line of the input, labelled with its shape.

    ``kind`` is the :class:`TokenKind`, ``line`` the 1-based line number,
    ``text`` the exact source text including the line ending, and
    :attr:`fields` the parts the line's pattern picked out.
    """

    __slots__ = ("_match", "kind", "line", "text")

    kind: TokenKind
    line: int
    text: str

    def __init__(self, kind: TokenKind, line: int, text: str,
                 match: regex.Match[str] | None = None) -> None:
        self.kind = kind
        self.line = line
        self.text = text
        self._match = match

    @property
    def value(self) -> str:
        """The line without its line ending."""
        return self.text.rstrip("\r\n")

    @property
    def fields(self) -> dict[str, str]:
        """The named parts of the line that its pattern matched."""
        m = self._match
        if m is None:
            return {}
        return {k: v for k, v in m.groupdict().items()
                if v is not None and k[0] != "k" and k not in ("text", "blank")}

    def group(self, name: str) -> str | None:
        """One named part of the line, or ``None``."""
        m = self._match
        if m is None:
            return None
        try:
            return m.group(name)
        except IndexError:
            return None

    def __repr__(self) -> str:
        return f"Token({self.kind.name}, line={self.line}, text={self.text!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Token):
            return NotImplemented
        return (self.kind, self.line, self.text) == (other.kind, other.line, other.text)

    def __hash__(self) -> int:
        return hash((self.kind, self.line, self.text))


def tokenize(text: str) -> Iterator[Token]:
    """Cut *text* into one :class:`Token` per line.

    The tokens cover the input without loss: ``"".join(t.text for t in
    tokenize(s)) == s`` for every string ``s``.  Line endings (``\\n``,
    ``\\r\\n`` or ``\\r``) stay with the line they end.

    >>> [t.kind.name for t in tokenize("P 151502Z FEB 08\\nFM AMEMBASSY AMMAN\\n")]
    ['DTG', 'FROM']
    """
    kind_by_group = _KIND_BY_GROUP
    for line, m in enumerate(_MASTER.finditer(text), 1):
        if m.end() == m.start():  # only possible at the very end of the input
            return
        yield Token(kind_by_group[m.lastgroup], line, m.group(), m)
