"""cablekit.testing: the public strategies and damage transforms, as users meet them."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap

import pytest

import cablekit
from cablekit import DEFECT_CODES, parse
from cablekit.testing import damage, strategies

TEXT = """\
DE RUEHRO #0097/01 0121530
R 121530Z JAN 08
FM AMEMBASSY ROME

UNCLAS SECTION 01 OF 01 ROME 000097

SIPDIS

E.O. 12958: N/A
TAGS: PREL PGOV IT
SUBJECT: ITALY: THE MINISTER DISCUSSES THE TALKS ON THE NEW BUDGET AND THE COALITION
REF: A. ROME 12 B. 07 STATE 4567

1. (U) Summary: The minister said the talks would go on until the coalition agreed on \u201cthe budget\u201d and
the reform of the pensions. End Summary.

2. (U) He told the Ambassador that the government would press for a joint statement at the summit in May.

SMITH
"""


def test_import_cablekit_and_damage_without_hypothesis() -> None:
    script = textwrap.dedent("""
        import sys
        sys.modules["hypothesis"] = None  # as if it were not installed
        import cablekit
        from cablekit.testing import damage
        assert "hypothesis" not in [m for m in sys.modules if sys.modules[m] is not None]
        print(damage.CRLF("a\\nb\\n", 0).lines)
        try:
            import cablekit.testing.strategies
        except ImportError as error:
            print(error)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["(1, 2)", "cablekit.testing.strategies needs hypothesis, which is a test extra: "
                                          "pip install 'cablekit[test]'"]


def test_the_submodules_load_on_first_use() -> None:
    import cablekit.testing as testing

    assert testing.damage is damage
    assert testing.strategies is strategies
    with pytest.raises(AttributeError):
        testing.nothing  # noqa: B018


def test_every_strategy_is_exported_typed_and_documented_with_an_example() -> None:
    for name in strategies.__all__:
        function = getattr(strategies, name)
        assert function.__doc__ and ">>>" in function.__doc__, f"{name} has no example"
        assert "SearchStrategy" in str(function.__annotations__["return"])


def test_every_transform_is_catalogued_with_a_documented_code() -> None:
    assert list(damage.TRANSFORMS) == [t.kind for stage in damage.STAGES for t in stage]
    for transform in damage.TRANSFORMS.values():
        assert (transform.code is None) == (transform is damage.HARD_WRAP)
        assert transform.code is None or transform.code in DEFECT_CODES
        assert transform.strict == (transform.code is not None and DEFECT_CODES[transform.code].damage)
        assert transform.kind in (damage.__doc__ or "").lower().replace("_", "-")


@pytest.mark.parametrize("kind", list(damage.TRANSFORMS))
def test_each_transform_strikes_reproducibly_and_is_repaired(kind: str) -> None:
    transform = damage.TRANSFORMS[kind]
    text = TEXT if kind != "page-wrapper" else "Identifier: 08ROME97\nOrigin: Embassy Rome\n\n" + TEXT
    first, again = transform(text, 7), transform(text, random.Random(7))
    assert first == again
    assert first.kinds == (kind,)
    (strike,) = first.strikes
    assert strike.code == transform.code
    lines = first.text.split("\n")
    assert all(1 <= n <= len(lines) for n in strike.lines)
    defects = parse(first.text).defects
    if transform.code is not None:
        assert any(d.code == transform.code and d.line in strike.lines for d in defects), defects
    else:
        assert defects == ()
    assert cablekit.normalize(first.text) == cablekit.normalize(text)


def test_a_transform_with_nothing_to_damage_strikes_no_line() -> None:
    text = "SUBJECT: NO PARAGRAPHS HERE\n"
    for transform in (damage.PILCROW_DIGIT, damage.HEAD_REPEATED, damage.PAGE_BREAK, damage.BLANK_LINE):
        hit = transform(text, 1)
        assert (hit.text, hit.lines, hit.kinds) == (text, (), ())


def test_lines_follow_the_damage_done_later() -> None:
    once = damage.apply(TEXT, [damage.COMMA_FOR_PERIOD], seed=3)
    (comma,) = once.strikes
    (line,) = comma.lines
    later = damage.apply(once, [damage.HARD_WRAP, damage.PAGE_WRAPPER], seed=3)
    assert later.strikes[0] == damage.apply(TEXT, [damage.COMMA_FOR_PERIOD, damage.HARD_WRAP,
                                                   damage.PAGE_WRAPPER], seed=3).strikes[0]
    moved = later.strikes[0].lines
    assert min(moved) > line  # the page lines pushed it down
    assert later.text.split("\n")[min(moved) - 1].split(" ")[0] in ("1,", "2,")
