"""The TAGS vocabulary: what each code of a TAGS line is, and what it stands for.

A TAGS line holds codes of a few kinds (:class:`~cablekit.TagKind`): two-letter
geographic codes (FIPS 10-4 country codes: ``RS`` Russia, ``SZ`` Switzerland,
and regional codes such as ``XF``), four-letter subject and program codes whose
first letter is their field (``PREL``, ``KDEM``, ``OVIP``), organizations
(``NATO``) and persons (``SMITH, JOHN``).  cablekit's table of codes ships as
package data (``cablekit/data/tags.tsv``, each row with its source; the
folder's ``README.md`` says what the sources are and their licences) and is
read on first use.

A code the table does not name is read by its shape: four letters under a
subject letter are a subject or program code, a word of another shape is a
:attr:`~cablekit.TagKind.KEYWORD`, a two-letter code no table names is
:attr:`~cablekit.TagKind.UNKNOWN`.  A published word made of table codes run
together (``ITPHUM``) is read as those codes by :func:`fused_tags`.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Collection, Mapping
from importlib import resources
from types import MappingProxyType
from typing import Final

from .model import Tag, TagKind

__all__ = ["FUSED_MAX", "fused_tags", "tag", "tag_table"]

_SUBJECT_LETTERS: Final = frozenset("ABCEKMOPST")
"""The first letters of subject and program codes: administration, business, consular, economic, programs,
military, operations, political, social, technical."""
_PROGRAM_LETTERS: Final = frozenset("KO")
FUSED_MAX: Final = 60
"""The longest word :func:`fused_tags` splits (a TAGS line's longest fused word in the corpus has 34 letters)."""


@functools.cache
def _table() -> dict[str, Tag]:
    """The rows of ``data/tags.tsv`` by code (read once)."""
    text = resources.files("cablekit").joinpath("data/tags.tsv").read_text(encoding="utf-8")
    table: dict[str, Tag] = {}
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("code\t"):
            continue
        code, kind, name, _source = line.split("\t")
        table[code] = Tag(code=code, kind=TagKind[kind], name=name or None)
    return table


@functools.cache
def tag_table() -> Mapping[str, Tag]:
    """Every code of cablekit's TAGS table, by code (upper case), as the :class:`~cablekit.Tag` it reads as.

    The table is ``cablekit/data/tags.tsv``, read on the first call; each row
    states its source there.

    >>> table = tag_table()
    >>> table["RS"]
    Tag(code='RS', kind=<TagKind.GEOGRAPHIC: 'GEOGRAPHIC'>, name='Russia')
    >>> table["NATO"].name, table["PGOV"].kind.name
    ('North Atlantic Treaty Organization', 'SUBJECT')
    >>> all(t.name for t in table.values() if t.kind is TagKind.GEOGRAPHIC)
    True
    """
    return MappingProxyType(_table())


def tag(code: str, *, person: bool = False) -> Tag:
    """The :class:`~cablekit.Tag` a TAGS code reads as: its kind, and its name where the table gives one.

    The code is looked up in :func:`tag_table` in any case and kept as written.
    A code the table does not name gets a kind by its shape and no name: four
    letters under a subject letter (``A``, ``B``, ``C``, ``E``, ``K``, ``M``,
    ``O``, ``P``, ``S``, ``T``) are a subject code, or a program code under
    ``K`` and ``O``; two letters under ``X`` or ``Z`` are a regional code of
    TAGS (``GEOGRAPHIC``, unnamed: FIPS 10-4 writes no country so but Zambia
    and Zimbabwe, which the table names); another two-letter code is
    ``UNKNOWN``; a word of any
    other shape with two letters or more is a ``KEYWORD``; anything else is
    ``UNKNOWN``.  A code with a blank or a comma in it, or any code with
    *person*, is a person's name (``SMITH, JOHN``): a ``PERSON`` tag named in
    reading order (``JOHN SMITH``), in the case it is written in.

    >>> tag("SZ")
    Tag(code='SZ', kind=<TagKind.GEOGRAPHIC: 'GEOGRAPHIC'>, name='Switzerland')
    >>> tag("pgov")
    Tag(code='pgov', kind=<TagKind.SUBJECT: 'SUBJECT'>, name='Internal governmental affairs')
    >>> tag("KXYZ").kind, tag("KXYZ").name
    (<TagKind.PROGRAM: 'PROGRAM'>, None)
    >>> tag("POLITICS").kind, tag("QQ").kind
    (<TagKind.KEYWORD: 'KEYWORD'>, <TagKind.UNKNOWN: 'UNKNOWN'>)
    >>> tag("XQ")
    Tag(code='XQ', kind=<TagKind.GEOGRAPHIC: 'GEOGRAPHIC'>, name=None)
    >>> tag("SMITH, JOHN")
    Tag(code='SMITH, JOHN', kind=<TagKind.PERSON: 'PERSON'>, name='JOHN SMITH')
    """
    if person or " " in code or "," in code:
        return Tag(code=code, kind=TagKind.PERSON, name=_reading_order(code))
    entry = _table().get(code.upper())
    if entry is not None:
        return entry if entry.code == code else Tag(code=code, kind=entry.kind, name=entry.name)
    return Tag(code=code, kind=_shape_kind(code))


def _reading_order(name: str) -> str:
    """A person's name as the TAGS line writes it, in reading order: ``SMITH, JOHN`` → ``JOHN SMITH``."""
    surname, comma, given = name.partition(",")
    if comma and "," not in given and given.strip() and surname.strip():
        return " ".join((*given.split(), *surname.split()))
    return " ".join(name.split())


def _shape_kind(code: str) -> TagKind:
    """The kind of a code no table names, by its shape."""
    letters = code.isascii() and code.isalpha()
    if letters and len(code) == 4 and code[0].upper() in _SUBJECT_LETTERS:
        return TagKind.PROGRAM if code[0].upper() in _PROGRAM_LETTERS else TagKind.SUBJECT
    if letters and len(code) == 2:
        return TagKind.GEOGRAPHIC if code[0] in "XZxz" else TagKind.UNKNOWN
    return TagKind.KEYWORD if sum(c.isalpha() for c in code) >= 2 else TagKind.UNKNOWN


@functools.cache
def _longest_code() -> int:
    return max(len(code) for code in _table())


def fused_tags(word: str, line: Collection[str] = ()) -> tuple[Tag, ...]:
    """The tags a published word made of table codes run together stands for; ``()`` when it is not one.

    The word is split only when the table does not name it, it is letters
    alone (at most :data:`FUSED_MAX` of them), every piece is a code of the
    table, and the pieces show they are codes: two of them have four letters
    or more (``ECONEFIN``), or one has and every shorter one is written on its
    own on the same TAGS line, one of the codes in *line* (upper case): ``IT``
    beside ``ITPHUM``.  English words split into codes too (``SOCIAL``,
    ``DEATH``, ``PROPER``), never so.  Of the ways to split a word, the one with
    the fewest pieces is taken; each piece keeps the case it is written in.

    >>> [(t.code, t.name) for t in fused_tags("ECONEFIN")]
    [('ECON', 'Economic conditions'), ('EFIN', 'Financial and monetary affairs')]
    >>> [t.code for t in fused_tags("ITPHUM", {"IT", "PREL"})], fused_tags("ITPHUM"), fused_tags("SOCIAL")
    (['IT', 'PHUM'], (), ())
    >>> fused_tags("PGOV"), fused_tags("POLITICS"), fused_tags("INRB")
    ((), (), ())
    """
    if not (5 <= len(word) <= FUSED_MAX and word.isascii() and word.isalpha()):
        return ()
    table = _table()
    upper = word.upper()
    if upper in table:
        return ()
    cuts = _fewest_pieces(upper, table)
    pieces = [upper[start:end] for start, end in itertools.pairwise(cuts)]
    long = sum(len(piece) >= 4 for piece in pieces)
    if long >= 2 or (long == 1 and all(len(piece) >= 4 or piece in line for piece in pieces)):
        return tuple(tag(word[start:end]) for start, end in itertools.pairwise(cuts))
    return ()


def _fewest_pieces(word: str, table: Mapping[str, Tag]) -> list[int]:
    """Where to cut *word* into the fewest table codes, one of three letters or more (``[]``: nowhere).

    The cuts run from ``0`` to ``len(word)``; ``len(word)`` × the longest code's length look-ups.
    """
    longest = _longest_code()
    size = len(word)
    # count[i][long]: the fewest pieces covering word[:i], with (1) or without (0) a piece of 3+ letters,
    # and where the last piece starts; -1 when word[:i] cannot be covered so.
    count = [[-1, -1] for _ in range(size + 1)]
    start = [[0, 0] for _ in range(size + 1)]
    count[0][0] = 0
    for end in range(2, size + 1):
        for begin in range(max(0, end - longest), end - 1):
            if word[begin:end] not in table:
                continue
            is_long = int(end - begin >= 3)
            for before in (0, 1):
                if count[begin][before] < 0:
                    continue
                after = before | is_long
                pieces = count[begin][before] + 1
                if count[end][after] < 0 or pieces < count[end][after]:
                    count[end][after] = pieces
                    start[end][after] = begin * 2 + before
    if count[size][1] < 0 or count[size][1] < 2:
        return []
    cuts = [size]
    at, state = size, 1
    while at > 0:
        at, state = divmod(start[at][state], 2)
        cuts.append(at)
    return cuts[::-1]
