"""The field decoders' fast paths agree with the plain statement of what they compute.

* A REF list is searched for labels only when its text holds the first one
  (``A.``, ``(A)``, ``REF A`` …), and for page breaks and page classification
  lines only when cheap checks of its text say one can stand in it; the plain
  statement runs the pattern on every text.
* A TAGS field is searched for the label of a glued field only when the text
  holds one of its letters (``UBJ``, ``REF``, ``LASSIFIED``).
* The post of a reference's origin words is remembered; the plain statement
  computes it each time.
* Reasons written the common way (``1.4 (b) and (d).``) are read by one
  pattern; the plain statement reads them token by token.  The search for
  where the reasons begin tests the first character before the pattern.
"""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from cablekit import identity
from cablekit.fields import (
    _AFTER_TAGS,
    _LABEL,
    _LEVEL_ENDS,
    _LEVEL_WORDS,
    _PAGE_FURNITURE,
    _REASONS_AT,
    _label_cuts,
    _level_at_end,
    _read_reasons,
    _read_reasons_slowly,
    _tags_end,
)

_REF_PIECES = st.sampled_from([*"ABC.():;,[]#\u00b6 ", "A.", "(A)", "a)", "REF A", "REF", "Ref", "RIGA", "12",
                               "00001234", "001.2", "OF", "002",
                               "PAGE", "02", "082030Z", "CONFIDENTIAL", "SECRET", "UNCLAS", "USE", "BUT", "a", "b"])
_REF_TEXTS = st.lists(_REF_PIECES, max_size=40).map("".join)


@given(_REF_TEXTS)
@example("A. RIGA 1")
@example("REF A RIGA 1")
def test_labels_are_looked_for_wherever_the_first_can_stand(text: str) -> None:
    first = [m for m in _LABEL.finditer(text)
             if m.group(m.lastindex or 0) in ("A", "a") and not text[max(0, m.start() - 1):m.start()].isdigit()]
    if not any(mark in text for mark in ("A.", "A)", "A:", "REF A", "Ref A", "a)", "a.", "a:")):
        assert first == []
        assert _label_cuts(text) == []
    elif first:
        assert _label_cuts(text)


@given(_REF_TEXTS)
@example("RIGA 00001234 001 OF 002")
@example("PAGE 02 RIGA 01196 01 OF 02 082030Z")
def test_page_breaks_are_looked_for_wherever_one_can_stand(text: str) -> None:
    if " OF " not in text and "PAGE " not in text:
        assert _PAGE_FURNITURE.search(text) is None


@given(_REF_TEXTS)
def test_a_level_ends_the_text_only_if_its_last_letters_do(text: str) -> None:
    plain = next((w for w in _LEVEL_WORDS if text.endswith(w) and (text == w or text[-len(w) - 1] == " ")), None)
    if plain is not None and not text[: -len(plain)].endswith("BUT "):
        assert text.endswith(_LEVEL_ENDS)
        assert _level_at_end(text) == plain
    elif not text.endswith(_LEVEL_ENDS):
        assert _level_at_end(text) is None


@given(st.lists(st.sampled_from([*"SUBJECTubjectREFlassifiedLASSIFIED :,;", "PGOV", " XY", "SUBJ", "BY", "by"]),
                max_size=30).map("".join))
@example("PGOV SUBJECT: X")
@example("PGOV Classified By Jane")
def test_a_glued_label_after_the_tags_is_looked_for_wherever_one_can_stand(text: str) -> None:
    m = _AFTER_TAGS.search(text)
    assert _tags_end(text) == (-1 if m is None else m.start())


@given(st.lists(st.sampled_from(["RIGA", "SAO", "PAULO", "RIO", "DE", "JAN", "TGG", "PARA", "EMAIL", "AMEMBASSY",
                                 "SECSTATE", "WASHDC", "MAY", "E.O.", "USUN", "NEW", "YORK"]), min_size=1, max_size=4)
       .map(" ".join))
def test_a_remembered_post_is_the_post(origin: str) -> None:
    first = identity._post_of(origin)
    assert identity._post_of(origin) == first
    identity._POSTS_SEEN.clear()
    assert identity._post_of(origin) == first


_REASON_PIECES = st.sampled_from([" ", ":", "1.4", "1.5", "1. 4", "(b)", "(d)", "(C)", "b", "d", "a", "A", "and", "AND",
                                  ",", "/", "&", ".", "(", ")", "b,d", "Summary", "1. (C)", "x"])


@given(st.lists(_REASON_PIECES, max_size=14).map("".join))
@example(" 1.4 (b) and (d).")
@example(": 1.4(B), (D)")
@example(" 1.4 b and d")
@example(" 1.5 (b/d)")
def test_common_reasons_are_read_as_token_by_token(text: str) -> None:
    text = " ".join(text.split(" "))
    fast, fast_end = _read_reasons(text, 0)
    slow, slow_end = _read_reasons_slowly(text, 0)
    assert fast == slow
    assert text[fast_end:].strip(" .") == text[slow_end:].strip(" .")


_CHEAP_TEST = r"(?=[ ,;:.(\-rRfFpPuUsSE1])"
assert _REASONS_AT.pattern.startswith(_CHEAP_TEST)
_PLAIN_REASONS_AT = re.compile(_REASONS_AT.pattern.removeprefix(_CHEAP_TEST))


_PERSON_PIECES = st.sampled_from(["Ambassador", " ", "Jane", "Doe", ",", ".", "for", "per", "reasons", "Reason:", "1.4",
                                  "E.O. 12958", "Section", "(b)", "-", "f or", "R EASONS", "x"])


@given(st.lists(_PERSON_PIECES, max_size=16).map("".join))
def test_the_reasons_begin_where_the_plain_pattern_says(text: str) -> None:
    plain = _PLAIN_REASONS_AT.search(text)
    fast = _REASONS_AT.search(text)
    assert (fast.span() if fast else None) == (plain.span() if plain else None)
