"""Bugs the property tests found, each kept as the shrunk example hypothesis gave.

Each is named for what went wrong; the properties live in tests/properties/.
"""

from __future__ import annotations

import pytest

from cablekit import parse, tokenize

# --- no hang (the tokenizer's structure, benchmarks/adversarial.py) -------------------------------


@pytest.mark.parametrize("keyword", ["TAGS: ", "SUBJECT: ", "REF: ", "Classified By: ", "E.O. 12958: ", "FM "])
def test_field_text_ends_at_its_last_non_blank(keyword: str) -> None:
    # A lazy '[^\r\n]{0,2000}?' before the end-of-line blanks was quadratic in a run of blanks.
    line = keyword + "A" + " " * 1500 + "B   \n"
    (token,) = tokenize(line)
    group = next(v for k, v in token.fields.items() if k not in ("eo_order",))
    assert group == "A" + " " * 1500 + "B"
    assert parse(keyword + "x" + " " * 1999 + "x\n") is not None
