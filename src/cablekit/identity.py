"""The identity of a cable: years, post codes and reference ids, in one place.

A cable's reference id is the two-digit year, the sending post as ids write
it (words joined, office prefixes such as ``AMEMBASSY`` dropped, ``SECSTATE``
read as ``STATE``) and the serial without leading zeros: ``08AMMAN713``.  The
parser derives it from the text, the text serializer decides from it whether
an id must be written out, references name cables by it, and the test
strategies build it: all of them call the functions below.

The post and serial come from the banner, else from an old-style ``PAGE``
line, else from the header's ``FM`` origin and ``DE`` serial
(:func:`post_and_serial`); the year from the banner, else the date-time
group, else the publication's creation date (:func:`year_of`).

>>> reference_id("08", post_code("AMEMBASSY AMMAN"), 713)
'08AMMAN713'
>>> reference_cable_id("2007 SECSTATE 012345", None)
'07STATE12345'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Final

from .model import Banner, Cable, Header

__all__ = [
    "NON_CABLE_WORDS",
    "OFFICE_PREFIXES",
    "POST_ABBREVIATIONS",
    "canonical_id",
    "canonical_post",
    "clean_reference_id",
    "full_year",
    "implied_reference_id",
    "post_and_serial",
    "post_code",
    "reference_cable_id",
    "reference_cable_ids",
    "reference_id",
    "two_digit_year",
    "year_of",
]

OFFICE_PREFIXES: Final = ("AMEMBASSY", "AMCONSUL", "AMCONGEN", "USMISSION", "USDEL", "USOFFICE", "USINT", "AMEMB",
                          "SEC")
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

    The Department (``SECSTATE``, ``SECSTATE WASHDC``) is ``STATE``; ids are upper case.

    >>> post_code("AMEMBASSY RIO DE JANEIRO"), post_code("USMISSION USUN NEW YORK"), post_code("SECSTATE WASHDC")
    ('RIODEJANEIRO', 'USUNNEWYORK', 'STATE')
    """
    code = origin if origin.isupper() else origin.upper()  # a mixed-case banner (``tallinn``) too
    if " " in code or not code.isprintable():  # else there is neither a prefix nor a blank to drop
        code = "".join(_OFFICE_PREFIX.sub("", code).split())
    return "STATE" if code.startswith("SECSTATE") else code


_ID_JUNK = re.compile(r"(\d\d)(?:EFTO|[A-Z]{0,2}CTION\d\dOF\d\d)(?=[A-Z])")


def clean_reference_id(value: str) -> str:
    """*value* without what a publisher read into a reference id from the banner (``EFTO``, a section).

    >>> clean_reference_id("08EFTORIGA1234"), clean_reference_id("09SECTION02OF03VILNIUS583")
    ('08RIGA1234', '09VILNIUS583')
    >>> clean_reference_id("08SCTION02OF02TALLINN335"), clean_reference_id("07RIGA4100")
    ('08TALLINN335', '07RIGA4100')
    """
    m = _ID_JUNK.match(value)
    return value if m is None else m.group(1) + value[m.end():]


# --- canonical ids -------------------------------------------------------------------------------
#
# An id as people and archives write it: a year of two or four digits, the post (blanks, a banner's
# ``SECTION 01 OF 03`` or a channel word such as ``EFTO`` read into it by a publisher, an office word such
# as ``AMEMBASSY``), the serial (leading zeros) and PlusD's ``_a``/``_b`` suffix.
_ID_TEXT = re.compile(
    r"(?P<year>(?:19|20)\d\d|\d\d)[ _-]?(?P<junk>(?:EFTO|[A-Z]{0,3}CTION[ ]?\d{1,2}[ ]?OF[ ]?\d{1,2})[ ]?)?"
    r"(?P<post>[A-Z][A-Z .'&-]{0,40}?)[ _-]?(?P<serial>\d{1,7})(?:_[A-Z0-9]{1,2})?")
_PLAIN_ID = re.compile(r"[0-9]{2}([A-Z]{2,40})[1-9][0-9]{0,6}")


def _is_known(post: str) -> bool:
    from .stations import known_codes

    return post in known_codes()


_POST_PREFIXES: Final = ("AMEMBASSY", "EMBASSY", "AMCONSUL", "AMCONGEN", "CONSULATE", "USMISSION")
"""Office words a post's code may carry glued before it in an id (``09AMEMBASSYLONDON12``)."""


def canonical_id(text: str) -> str | None:
    """The canonical id of the cable id *text* as people and archives write it, or ``None`` if it is none.

    The canonical id is the two-digit year, the post's code as the station
    table has it, and the serial without leading zeros.  Read through: blanks
    and hyphens, four-digit years and PlusD's ``_a``/``_b`` suffixes
    (``1975MOSCOW01234_b``), a banner fragment or a channel word a publisher
    read into the id (``08ECTION01OF02MANAMA492``, ``09EFTOLONDON2858``), office
    words (``AMEMBASSY``, ``SECSTATE`` for ``STATE``), short names of posts
    (``USUN``, ``BSAS``) and one letter garbled in a long post's code when one
    post alone is that close.  It is idempotent.

    >>> canonical_id("09EFTOLONDON2858"), canonical_id("08ECTION01OF02MANAMA492")
    ('09LONDON2858', '08MANAMA492')
    >>> canonical_id("1975MOSCOW01234_b"), canonical_id("07 SECSTATE 012345"), canonical_id("08USUN12")
    ('75MOSCOW1234', '07STATE12345', '08USUNNEWYORK12')
    >>> canonical_id("PARA 3") is None, canonical_id("07MOSCOW0") is None
    (True, True)
    """
    plain = _PLAIN_ID.fullmatch(text)
    if plain is not None and _is_known(plain.group(1)):  # the id is canonical already (most are)
        return text
    m = _ID_TEXT.fullmatch(" ".join(text.strip().upper().split())) if len(text) <= 120 else None
    if m is None:
        return None
    serial = int(m.group("serial"))
    post = canonical_post(m.group("post"))
    if not serial or not post:
        return None
    return f"{m.group('year')[-2:]}{post}{serial}"


def canonical_post(post: str) -> str:
    """The station table's code for *post*, the post part of an id (``SECSTATE`` → ``STATE``)."""
    from .stations import by_name_run_together, known_codes  # (the table's module needs this one's post_code)

    known = known_codes()
    if post in known:
        return post
    if not post.isalpha():  # ids write letters alone (``N'DJAMENA`` is ``NDJAMENA``)
        post = "".join(c for c in post if c.isalpha())
        if post in known:
            return post
    if post.startswith("SECSTATE"):
        return "STATE"
    for prefix in _POST_PREFIXES:
        if post.startswith(prefix) and post[len(prefix):] in known:
            return post[len(prefix):]
    full = POST_ABBREVIATIONS.get(post)
    if full is not None:
        return full
    named = by_name_run_together(post)  # the post's name, not its code (``IRANRPODUBAI``)
    if named is not None:
        return named.code
    return _one_letter_off(post, known) or post


def _one_letter_off(post: str, known: Mapping[str, object]) -> str | None:
    """The one known code of six letters or more that differs from *post* in one letter, if there is one."""
    if len(post) < 6 or len(post) > 30:
        return None
    found = None
    for index in range(len(post)):
        for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
            other = post[:index] + letter + post[index + 1:]
            if other != post and other in known:
                if found is not None and found != other:
                    return None
                found = other
    return found


def reference_id(year: str | None, post: str | None, serial: int | None) -> str | None:
    """The reference id of the cable *serial* of *post* in *year*, or ``None`` when a part is missing.

    >>> reference_id("07", "RIGA", 4100), reference_id(None, "RIGA", 4100)
    ('07RIGA4100', None)
    """
    if not year or not post or not serial:
        return None
    return f"{year}{post}{serial}"


def year_of(stated: str | None, *dates: date | None) -> str | None:
    """The two-digit year of a cable's id: the year *stated* (by the banner), else the first of *dates* given.

    The parser passes the date-time group and then the publication's creation
    date; ``None`` when there is neither a stated year nor a date.

    >>> from datetime import datetime
    >>> year_of("08", datetime(2009, 1, 2)), year_of(None, None, datetime(2009, 1, 2)), year_of(None, None)
    ('08', '09', None)
    """
    if stated is not None:
        return stated
    for when in dates:
        if when is not None:
            return two_digit_year(when)
    return None


def post_and_serial(banner: Banner | None, header: Header | None,
                    page: tuple[str | None, int | None] | None = None) -> tuple[str, int] | None:
    """The post (as ids write it) and the serial that name a cable, or ``None`` when its text states none.

    They are the banner's origin and serial, else those of an old-style
    ``PAGE`` line (*page*: its origin and serial, as the parser read them),
    else the header's ``FM`` origin and ``DE`` serial.  A banner with serial 0
    does not count; a page line, once there, is the only source asked.  The
    post is :func:`post_code`'s, so it is empty for an origin that is only an
    office prefix (:func:`reference_id` then gives no id).

    >>> post_and_serial(Banner(origin="RIO DE JANEIRO", serial=713), None)
    ('RIODEJANEIRO', 713)
    >>> post_and_serial(None, Header(origin="SECSTATE WASHDC", station_serial=412))
    ('STATE', 412)
    >>> post_and_serial(None, Header(origin="AMEMBASSY AMMAN"), page=("AMMAN", 88)), post_and_serial(None, None)
    (('AMMAN', 88), None)
    """
    origin: str | None
    serial: int | None
    if banner is not None and banner.serial:
        origin, serial = banner.origin, banner.serial
    elif page is not None:
        origin, serial = page
    elif header is not None and header.origin and header.station_serial:
        origin, serial = header.origin, header.station_serial
    else:
        return None
    return (post_code(origin), serial) if origin is not None and serial else None


def implied_reference_id(cable: Cable) -> str | None:
    """The reference id the cable's own text implies, as the parser derives it reading that text.

    The post and serial are :func:`post_and_serial`'s (banner, else header);
    the year that of the date-time group, else of the publication's creation
    date (the model keeps no year the banner stated).  The text serializer
    writes a ``Reference-Id`` line only for an id this does not give.

    >>> from datetime import datetime
    >>> implied_reference_id(Cable(banner=Banner(origin="STATE", serial=12345),
    ...                            header=Header(dtg=datetime(2008, 2, 15, 15, 2))))
    '08STATE12345'
    """
    header, metadata = cable.header, cable.metadata
    found = post_and_serial(cable.banner, header)
    if found is None:
        return None
    year = year_of(None, header.dtg if header is not None else None,
                   metadata.created if metadata is not None else None)
    return reference_id(year, *found)


NON_CABLE_WORDS: Final = frozenset({
    "EMAIL", "E-MAIL", "EMAILS", "E-MAILS", "MEMO", "MEMOS", "MEMCON", "MEMCONS", "TELCON", "TELCONS",
    "TELECON", "TELECONS", "FAX", "LETTER", "LETTERS", "PHONE", "IIR", "FBIS", "AIRGRAM", "A-", "DIPNOTE",
    "NOTE", "NONPAPER", "CONVERSATION", "MEETING", "REPORT", "REPORTS", "OFFICIAL-INFORMAL", "O-I", "UNCLAS",
    "FAM", "HTTP", "HTTPS", "WWW",
})
"""Words that make a reference something other than a cable (an e-mail, a memo, a FAM section, a web page …)."""

_NOT_POSTS: Final = frozenset({
    # cross-references inside a text and other numbered things
    "PARA", "PARAS", "PARAGRAPH", "PARAGRAPHS", "SECTION", "SECTIONS", "UNSCR", "UNSCRS", "RESOLUTION",
    "RESOLUTIONS", "ARTICLE", "ARTICLES", "ANNEX", "CHAPTER", "TITLE", "PAGE", "PAGES", "ITEM", "POINT", "ROOM",
    "LAW", "NO", "NO.", "NOS", "NUMBER", "FY", "CFR", "USC", "E.O.", "EO", "REASON", "REASONS", "DTG",
    # dates: a month before a day
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV", "DEC", "JANUARY",
    "FEBRUARY", "MARCH", "APRIL", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER",
})
"""Words that, among those before a number, show it is no cable's serial (``PARA 3``, ``UNSCR 1701``, ``MAY 5``)."""

POST_ABBREVIATIONS: Final = {
    "USUN": "USUNNEWYORK", "USEU": "USEUBRUSSELS", "UNVIE": "UNVIEVIENNA", "BSAS": "BUENOSAIRES",
    "TGG": "TEGUCIGALPA", "RIO": "RIODEJANEIRO", "RIODEJAN": "RIODEJANEIRO", "ADDIS": "ADDISABABA",
    "HAGUE": "THEHAGUE", "HCMC": "HOCHIMINHCITY",
}
"""Short names references give some posts (``07 TGG 1818``, ``BsAs 1892``), and the post as ids write it."""

_POST_WORD = r"[A-Z][A-Z.'-]{1,24}+"
_CABLE_REF = re.compile(
    rf"(?:(?P<year>\d{{4}}|\d\d)(?![\d])[ ]*+)?(?P<origin>{_POST_WORD}(?:[ ]{_POST_WORD}){{0,3}}?)"
    r"(?:[ ]++|(?<=[A-Z]))0*+(?P<serial>\d{1,7}+)(?:(?<=\d{3})/(?P<late>\d\d)(?![\d/]))?"  # ``PANAMA 00933/08``
    r"(?![\d/:.]\d|[\d/:-]|Z(?:\b|[A-Z]{3}\d))"  # not a date-time group: ``241534Z MAR 06``, ``261447ZNOV08``
)
# A further serial of the same post (``STATE 41252 AND 44603``, ``MALABO 19, 21``) or another cable after
# ``AND`` or a comma; it must end the text or stand before a separator (``AND 5 OTHERS`` is no serial).
_MORE_CABLES = re.compile(
    rf"[ ]?(?:,|&|AND\b)[ ]?(?:AND[ ])?(?:(?:(?P<year>\d{{4}}|\d\d)[ ])?(?P<origin>{_POST_WORD}"
    rf"(?:[ ]{_POST_WORD}){{0,3}}?)[ ])?0*+(?P<serial>\d{{1,7}}+)(?=[ ]?(?:[,;.&(]|AND\b|$))"
)


_POSTS_SEEN: dict[str, str | None] = {}
"""The posts of origins already read: a REF list names few posts, many times (kept small)."""


def _post_of(origin: str) -> str | None:
    """The post as ids write it for the *origin* words of a reference, or ``None`` when they name no post."""
    if origin in _POSTS_SEEN:
        return _POSTS_SEEN[origin]
    words = origin.split()
    code = post_code(origin)
    post: str | None = POST_ABBREVIATIONS.get(code)  # ``RIO DE JAN`` is a post, though JAN is a month
    if post is None and not (words[0].rstrip(".") in NON_CABLE_WORDS
                             or any(w in NON_CABLE_WORDS or w in _NOT_POSTS for w in words)
                             or _names_a_document(origin)):
        post = canonical_post(code) if code else None
    if len(_POSTS_SEEN) >= 512:
        _POSTS_SEEN.clear()
    _POSTS_SEEN[origin] = post
    return post


def _names_a_document(words: str) -> bool:
    """Whether *words* hold a word that tells a reference's kind (``FAX``, ``DAILY``, ``MEMORANDUM``): no post."""
    from .references import kind_word_in  # (that module reads cables through this one)

    return kind_word_in(words)


def reference_cable_id(text: str, default_year: str | None) -> str | None:
    """The reference id of the cable a reference's *text* names, or ``None`` when it names none.

    *default_year* (two digits) is used when the text states no year: a
    reference takes the citing cable's year.  The cable must open the text:
    ``EMAIL …``, ``PARA 3``, ``UNSCR 1701`` and a date-time group
    (``DEPT OF TREAS 241534Z MAR 06``) name none.

    >>> reference_cable_id("MOSCOW 3996", "07")
    '07MOSCOW3996'
    >>> reference_cable_id("2007 SECSTATE 012345", None), reference_cable_id("09CAIRO2189", None)
    ('07STATE12345', '09CAIRO2189')
    >>> reference_cable_id("EMAIL SMITH-JONES 02/10/08", "08") is None, reference_cable_id("PARA 3", "08") is None
    (True, True)
    """
    ids = reference_cable_ids(text, default_year)
    return ids[0] if ids else None


def _unwritten_year(default_year: str | None, post: str | None, serial: int,
                    citing: tuple[str, int] | None) -> str | None:
    """The year of a cited cable whose year is not written.

    It is the citing cable's, or the year before for a higher serial of the citing cable's own post.
    """
    if default_year is None or citing is None or post != citing[0] or serial <= citing[1] \
            or not default_year.isdigit():
        return default_year
    return f"{(int(default_year) - 1) % 100:02d}"


def id_parts(reference_id: str | None) -> tuple[str, str, int] | None:
    """The year (two digits), post and serial of a canonical id, ``None`` for anything else.

    >>> id_parts("08AMMAN713"), id_parts("AMMAN713")
    (('08', 'AMMAN', 713), None)
    """
    if not reference_id or len(reference_id) < 4 or not reference_id[:2].isdigit():
        return None
    end = len(reference_id)
    while end > 2 and reference_id[end - 1].isdigit():
        end -= 1
    if end == len(reference_id) or end == 2 or len(reference_id) - end > 8:
        return None
    return reference_id[:2], reference_id[2:end], int(reference_id[end:])


def reference_cable_ids(text: str, default_year: str | None,
                        citing: tuple[str, int] | None = None) -> tuple[str, ...]:
    """The reference ids of every cable a reference's *text* names: the first as :func:`reference_cable_id`.

    Further serials of the same post (``STATE 41252 AND 44603``,
    ``MALABO 19, 21, 26``) and other cables after ``AND`` or a comma
    (``ROME 12 AND 07 PARIS 34``) name cables too.  *citing* is the post and
    serial of the cable that cites them: a cable of its own post written
    without a year and with a higher serial is of the year before (a cable
    cites earlier ones, and serials start again each year).

    >>> [reference_cable_ids(ref, "08", citing=("AMMAN", 713)) for ref in ("AMMAN 9012", "AMMAN 700")]
    [('07AMMAN9012',), ('08AMMAN700',)]

    >>> reference_cable_ids("RIGA 101 AND 102", "08")
    ('08RIGA101', '08RIGA102')
    >>> reference_cable_ids("MALABO 19, 21 AND 07 STATE 5 (NOTAL)", "08")
    ('08MALABO19', '08MALABO21', '07STATE5')
    """
    upper = text.strip().upper()
    m = _CABLE_REF.match(upper)
    if m is None:
        return ()
    post = _post_of(m.group("origin"))
    year = m.group("year")
    serial = int(m.group("serial"))
    year = year[-2:] if year else m.group("late") or _unwritten_year(default_year, post, serial, citing)
    if post is None or year is None:
        return ()
    ids = [f"{year}{post}{serial}"]
    end = m.end()
    while end < len(upper) and len(ids) < 100:
        more = _MORE_CABLES.match(upper, end)
        if more is None:
            break
        if more.group("origin") is not None:
            post = _post_of(more.group("origin"))
            if post is None:
                break
            year = (more.group("year")[-2:] if more.group("year")
                    else _unwritten_year(default_year, post, int(more.group("serial")), citing))
            if year is None:
                break
        ids.append(f"{year}{post}{int(more.group('serial'))}")
        end = more.end()
    return tuple(ids)
