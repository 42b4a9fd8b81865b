"""The words and shapes cables are written in, kept once for the whole package.

The tokenizer, the field decoders, the wrappers, ``normalize``, the text
serializer and :mod:`cablekit.testing` all read these; none keeps its own copy.

>>> MONTHS[1], MONTH_NAMES[1], PERSON_TAG_CODES >= {"OVIP"}
('FEB', 'February', True)
>>> BULLET.match("-- first point") is not None, FRONT_MATTER.fullmatch("Title: TALKS")["value"]
(True, 'TALKS')
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "BULLET",
    "CAVEAT_PATTERN",
    "CAVEAT_WORDS",
    "FRONT_MATTER",
    "FRONT_MATTER_KEYS",
    "MONTHS",
    "MONTH_NAMES",
    "PERSON_TAG_CODES",
    "ROUTING_INDICATOR",
]

ROUTING_INDICATOR: Final = r"R[A-Z0-9]{3,6}/"
"""The pattern of an addressee's routing indicator and its slash (``RUEHC/``), for composing patterns."""

MONTHS: Final = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                 "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
"""The months as date-time groups write them (``151502Z FEB 08``); ``.title()`` gives ``Feb``."""

MONTH_NAMES: Final = ("January", "February", "March", "April", "May", "June", "July", "August",
                      "September", "October", "November", "December")
"""The months written out, as newspaper datelines have them (``Friday, 23 February 2001``)."""

CAVEAT_WORDS: Final = (
    "FOR OFFICIAL USE ONLY", "SENSITIVE BUT UNCLASSIFIED", "LIMITED OFFICIAL USE",
    "SIPDIS", "SENSITIVE", "NOFORN", "EXDIS", "NODIS", "LIMDIS", "STADIS",
    "ORCON", "PROPIN", "NOCONTRACT", "CHEROKEE", "ROGER", "DECAPTIONED", "EFTO",
)
"""Handling caveats recognized on a line of their own."""

CAVEAT_PATTERN: Final = "(?:" + "|".join(
    word.replace(" ", "[ ]") for word in sorted(CAVEAT_WORDS, key=len, reverse=True)) + ")"
"""A pattern (text, for ``re`` and ``regex``) matching one caveat word, the longest first."""

PERSON_TAG_CODES: Final = frozenset({"OVIP", "OREP", "OEXC", "OTRA"})
"""TAGS codes that a person's name may follow (``OVIP (SMITH, JOHN)``, ``OVIP SMITH JOHN``)."""

BULLET: Final = re.compile(r"(?:-{1,2}|\*|\u2022|o|[A-Za-z][.)]|\([A-Za-z0-9]{1,3}\)|\d{1,2}\))[ ]")
"""A list item opening a line of a paragraph: ``--``, ``*``, ``•``, ``A.``, ``(a)``, ``1)``."""

FRONT_MATTER_KEYS: Final = ("Reference-Id", "Identifier", "Created", "Classification", "Origin", "Title", "References")
"""The ``Key: value`` lines the text serializer writes before a cable, in that order."""

FRONT_MATTER: Final = re.compile(rf"(?P<key>{'|'.join(FRONT_MATTER_KEYS)}): (?P<value>[^\n]{{1,2000}})")
"""One front-matter line (use ``fullmatch``): its ``key`` and ``value``."""
