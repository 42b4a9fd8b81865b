"""Damage and repair: every kind of damage cablekit.testing.damage catalogues, in any combination, on generated cables.

For a clean cable ``c`` drawn from :func:`cablekit.testing.strategies.cables`
and its canonical text damaged by any combination of the transforms of
:mod:`cablekit.testing.damage`:

* lenient ``normalize(parse(damaged))`` gives ``c`` back;
* strict ``parse(damaged)`` raises :class:`cablekit.CableParseError` whose
  line is a line the damage touched (hard wraps alone are not damage: then
  it raises nothing);
* lenient ``parse(damaged).defects`` names each kind of damage, at a line it
  touched, and reports nothing on lines no damage touched.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, note

import cablekit
from cablekit import CableParseError, normalize, parse
from cablekit.testing import damage
from cablekit.testing.damage import Damaged
from cablekit.testing.strategies import damaged_cables

Case = tuple[cablekit.Cable, Damaged]


def _show(case: Case) -> None:
    _, hit = case
    note(f"damaged text:\n{hit.text}")
    note("strikes: " + ", ".join(f"{s.kind} {list(s.lines)}" for s in hit.strikes))


def test_damage_and_repair(capsys: pytest.CaptureFixture[str]) -> None:
    hits: Counter[str] = Counter()

    @given(damaged_cables())
    def check(case: Case) -> None:
        cable, hit = case
        _show(case)
        hits.update(hit.kinds)
        assert normalize(parse(hit.text)) == cable

    check()
    with capsys.disabled():
        print("\ndamage-and-repair hits per transform: "
              + ", ".join(f"{kind}={hits[kind]}" for kind in damage.TRANSFORMS))
    assert set(hits) == set(damage.TRANSFORMS), f"never struck: {sorted(set(damage.TRANSFORMS) - set(hits))}"


@given(damaged_cables())
def test_strict_mode_rejects_damage_at_a_damaged_line(case: Case) -> None:
    _show(case)
    _, hit = case
    rejected = [s for s in hit.strikes if s.lines and damage.TRANSFORMS[s.kind].strict]
    if not rejected:
        parse(hit.text, mode="strict")  # undamaged, or only hard-wrapped: raises nothing
        return
    with pytest.raises(CableParseError) as caught:
        parse(hit.text, mode="strict")
    assert caught.value.line in hit.lines


@given(damaged_cables())
def test_defects_name_each_damage_at_its_lines(case: Case) -> None:
    _show(case)
    _, hit = case
    defects = parse(hit.text).defects
    note(f"defects: {[(d.code, d.line) for d in defects]}")
    for strike in hit.strikes:
        if strike.lines and strike.code is not None:
            assert any(d.code == strike.code and d.line in strike.lines for d in defects), strike
    assert all(d.line in hit.lines for d in defects)
    assert {d.code for d in defects} <= {s.code for s in hit.strikes if s.lines}


@given(damaged_cables(transforms=[damage.HARD_WRAP]))
def test_hard_wraps_are_not_defects(case: Case) -> None:
    cable, hit = case
    parsed = parse(hit.text, mode="strict")
    assert normalize(parsed) == cable
