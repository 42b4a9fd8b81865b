"""The identity of a cable: years, post codes and reference ids, in one place.

A cable's reference id is the two-digit year, the sending post as ids write
it (words joined, office prefixes such as ``AMEMBASSY`` dropped, ``SECSTATE``
read as ``STATE``) and the serial without leading zeros: ``08AMMAN713``.  The
parser derives it from the text, the text serializer decides from it whether
an id must be written out, references name cables by it, and the test
strategies build it: all of them call the functions below.

>>> reference_id("08", post_code("AMEMBASSY AMMAN"), 713)
'08AMMAN713'
>>> reference_cable_id("2007 SECSTATE 012345", None)
'07STATE12345'
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

__all__ = [
    "NON_CABLE_WORDS",
    "OFFICE_PREFIXES",
    "full_year",
    "post_code",
    "reference_cable_id",
    "reference_id",
    "two_digit_year",
]

OFFICE_PREFIXES: Final = ("AMEMBASSY", "AMCONSUL", "AMCONGEN", "USMISSION", "USDEL", "USOFFICE", "AMEMB", "SEC")
"""Words that name the kind of office before a post (``AMEMBASSY AMMAN``); ids leave them out."""

_OFFICE_PREFIX = re.compile(rf"(?:{'|'.join(OFFICE_PREFIXES)})[ ]++")


def full_year(two_or_four: str) -> int:
    """Expand a two-digit year (``07`` → 2007, ``66`` → 1966); four digits pass through.

    >>> full_year("07"), full_year("66"), full_year("1975")
    (2007, 1966, 1975)
    """
    year = int(two_or_four)
    if len(two_or_four) == 4:
        return year
    return 1900 + year if year >= 50 else 2000 + year


def two_digit_year(when: date | int) -> str:
    """The two digits of a year as ids write them (``2008`` → ``"08"``).

    >>> two_digit_year(1966), two_digit_year(date(2008, 2, 15))
    ('66', '08')
    """
    year = when if isinstance(when, int) else when.year
    return f"{year % 100:02d}"


def post_code(origin: str) -> str:
    """The post of *origin* as ids write it: office prefixes dropped, words joined.

    The Department (``SECSTATE``, ``SECSTATE WASHDC``) is ``STATE``.

    >>> post_code("AMEMBASSY RIO DE JANEIRO"), post_code("USMISSION USUN NEW YORK"), post_code("SECSTATE WASHDC")
    ('RIODEJANEIRO', 'USUNNEWYORK', 'STATE')
    """
    code = "".join(_OFFICE_PREFIX.sub("", origin).split())
    return "STATE" if code.startswith("SECSTATE") else code


def reference_id(year: str | None, post: str | None, serial: int | None) -> str | None:
    """The reference id of the cable *serial* of *post* in *year*, or ``None`` when a part is missing.

    >>> reference_id("07", "MOSCOW", 4185), reference_id(None, "MOSCOW", 4185)
    ('07MOSCOW4185', None)
    """
    if not year or not post or not serial:
        return None
    return f"{year}{post}{serial}"


NON_CABLE_WORDS: Final = frozenset({
    "EMAIL", "E-MAIL", "MEMO", "MEMCON", "TELCON", "FAX", "LETTER", "PHONE", "IIR", "AIRGRAM", "A-",
    "DIPNOTE", "NOTE", "CONVERSATION", "MEETING", "REPORT", "OFFICIAL-INFORMAL", "O-I", "UNCLAS",
})
"""Words that make a reference something other than a cable (an e-mail, a memo …)."""

_CABLE_REF = re.compile(
    r"(?:(?P<year>\d{4}|\d\d)[ ]++)?(?P<origin>[A-Z][A-Z.'-]{1,24}(?:[ ][A-Z][A-Z.'-]{1,24}){0,3}?)"
    r"[ ]++0*+(?P<serial>\d{1,7})(?![\d/:-])"
)


def reference_cable_id(text: str, default_year: str | None) -> str | None:
    """The reference id of the cable a reference's *text* names, or ``None`` when it names none.

    *default_year* (two digits) is used when the text states no year: a
    reference takes the citing cable's year.

    >>> reference_cable_id("MOSCOW 3996", "07")
    '07MOSCOW3996'
    >>> reference_cable_id("2007 SECSTATE 012345", None)
    '07STATE12345'
    >>> reference_cable_id("EMAIL SMITH-JONES 02/10/08", "08") is None
    True
    """
    m = _CABLE_REF.match(text.strip().upper())
    if m is None:
        return None
    words = m.group("origin").split()
    if words[0].rstrip(".") in NON_CABLE_WORDS or any(w in NON_CABLE_WORDS for w in words):
        return None
    year = m.group("year")
    year = year[-2:] if year else default_year
    if year is None:
        return None
    if words[0] == "SECSTATE":
        words[0] = "STATE"
    return f"{year}{''.join(words)}{int(m.group('serial'))}"
