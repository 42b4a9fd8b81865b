"""The identity of a cable: years, post codes and reference ids (cablekit.identity)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cablekit
from cablekit.identity import (
    NON_CABLE_WORDS,
    OFFICE_PREFIXES,
    full_year,
    implied_reference_id,
    post_and_serial,
    post_code,
    reference_cable_id,
    reference_id,
    two_digit_year,
    year_of,
)
from cablekit.model import Banner, Cable, Header, Metadata, Paragraph, Precedence
from cablekit.testing import _vocabulary as V
from cablekit.testing.strategies import cables, posts

# ---------------------------------------------------------------- years


@pytest.mark.parametrize(("written", "year"), [("07", 2007), ("49", 2049), ("50", 1950), ("66", 1966),
                                               ("00", 2000), ("1975", 1975), ("2010", 2010)])
def test_full_year(written: str, year: int) -> None:
    assert full_year(written) == year


@pytest.mark.parametrize(("when", "written"), [(1966, "66"), (2008, "08"), (2000, "00"), (date(2009, 3, 1), "09"),
                                               (datetime(1975, 12, 31, 23, 59, tzinfo=UTC), "75")])
def test_two_digit_year(when: date | int, written: str) -> None:
    assert two_digit_year(when) == written


@given(st.integers(1950, 2049))
def test_two_digit_years_expand_back(year: int) -> None:
    assert full_year(two_digit_year(year)) == year
    assert two_digit_year(date(year, 6, 1)) == two_digit_year(year)


def test_year_of_takes_the_stated_year_then_the_first_date() -> None:
    dtg, created = datetime(2008, 2, 15, tzinfo=UTC), datetime(2011, 8, 30, tzinfo=UTC)
    assert year_of("07", dtg, created) == "07"
    assert year_of(None, dtg, created) == "08"
    assert year_of(None, None, created) == "11"
    assert year_of(None, None, None) is None
    assert year_of(None) is None


# ---------------------------------------------------------------- posts


@pytest.mark.parametrize(("origin", "code"), [
    ("AMEMBASSY AMMAN", "AMMAN"),
    ("AMCONSUL RIO DE JANEIRO", "RIODEJANEIRO"),
    ("USMISSION USUN NEW YORK", "USUNNEWYORK"),
    ("AMEMB ROME", "ROME"),
    ("SEC  STATE", "STATE"),
    ("SECSTATE WASHDC", "STATE"),
    ("SECSTATE", "STATE"),
    ("STATE", "STATE"),
    ("SECDEF WASHDC", "SECDEFWASHDC"),  # no space after SEC: not a prefix
    ("AMEMBASSY", "AMEMBASSY"),  # a prefix needs a word after it
    ("", ""),
])
def test_post_code(origin: str, code: str) -> None:
    assert post_code(origin) == code


def test_every_office_prefix_is_dropped() -> None:
    for prefix in OFFICE_PREFIXES:
        assert post_code(f"{prefix} TALLINN") == "TALLINN"


_ANY_PREFIX = re.compile(rf"(?:{'|'.join(OFFICE_PREFIXES)})[ ]++")


@given(st.one_of(st.text(alphabet=" \t\n\u00a0\u2003ABCDEMNOSTUY.", max_size=30),
                 st.lists(st.sampled_from([*OFFICE_PREFIXES, "SECSTATE", "WASHDC", "RIO", "DE", "JANEIRO", "\t", ""]),
                          max_size=5).map(" ".join)))
def test_post_code_drops_every_prefix_and_blank(origin: str) -> None:
    """The plain definition: every office prefix (and the blanks after it) out, the words joined, SECSTATE… is STATE."""
    code = "".join(_ANY_PREFIX.sub("", origin).split())
    assert post_code(origin) == ("STATE" if code.startswith("SECSTATE") else code)


@given(st.text(alphabet=" ACEMNOSTUY", max_size=30))
def test_post_code_is_idempotent_and_has_no_blanks(origin: str) -> None:
    code = post_code(origin)
    assert post_code(code) == code
    assert " " not in code


def _sender(post: str) -> str:
    if post == "STATE":
        return "SECSTATE WASHDC"
    return f"{'USMISSION' if post in V.MISSIONS else 'AMCONSUL' if post in V.CONSULATES else 'AMEMBASSY'} {post}"


@given(posts())
def test_a_post_and_its_sending_office_have_one_code(post: str) -> None:
    assert post_code(_sender(post)) == post_code(post) == "".join(post.split())


# ---------------------------------------------------------------- reference ids


def test_reference_id_needs_every_part() -> None:
    assert reference_id("07", "MOSCOW", 4185) == "07MOSCOW4185"
    assert reference_id(None, "MOSCOW", 4185) is None
    assert reference_id("07", None, 4185) is None
    assert reference_id("07", "", 4185) is None
    assert reference_id("07", "MOSCOW", None) is None
    assert reference_id("07", "MOSCOW", 0) is None


@pytest.mark.parametrize(("text", "year", "cable_id"), [
    ("MOSCOW 3996", "07", "07MOSCOW3996"),
    ("06 STATE 12", "07", "06STATE12"),
    ("2007 SECSTATE 012345", None, "07STATE12345"),
    ("1975 SECSTATE 12345", "08", "75STATE12345"),
    ("  amman 713 (NOTAL)", "08", "08AMMAN713"),
    ("RIO DE JANEIRO 0042", "09", "09RIODEJANEIRO42"),
    ("MOSCOW 3996", None, None),  # no year stated, none given
    ("EMAIL SMITH-JONES 02/10/08", "08", None),
    ("MEMCON OF MEETING 1", "08", None),
    ("E-MAIL 12", "08", None),
    ("MOSCOW 02/10/08", "08", None),  # a date, not a serial
    ("TELCON 12", "08", None),
    ("", "08", None),
])
def test_reference_cable_id(text: str, year: str | None, cable_id: str | None) -> None:
    assert reference_cable_id(text, year) == cable_id


@given(posts(), st.integers(1, 9_999_999), st.integers(1950, 2049))
def test_a_reference_names_the_cable_its_parts_make(post: str, serial: int, year: int) -> None:
    """reference_id(two_digit_year(y), post_code(o), s) is what a reference to the cable reads as."""
    cable_id = reference_id(two_digit_year(year), post_code(post), serial)
    assert reference_cable_id(f"{post} {serial}", two_digit_year(year)) == cable_id
    assert reference_cable_id(f"{two_digit_year(year)} {post} {serial:07d}", None) == cable_id
    assert reference_cable_id(f"{year} {'SECSTATE' if post == 'STATE' else post} {serial}", "99") == cable_id


@given(st.sampled_from(sorted(NON_CABLE_WORDS)), posts(), st.integers(1, 99_999))
def test_a_reference_to_anything_but_a_cable_names_none(word: str, post: str, serial: int) -> None:
    assert reference_cable_id(f"{word} {post} {serial}", "08") is None


# ---------------------------------------------------------------- what a text states


def test_post_and_serial_prefers_the_banner_then_the_page_then_the_header() -> None:
    banner = Banner(origin="RIO DE JANEIRO", serial=713)
    header = Header(origin="AMEMBASSY AMMAN", station_serial=88)
    assert post_and_serial(banner, header, page=("ROME", 5)) == ("RIODEJANEIRO", 713)
    assert post_and_serial(None, header, page=("ROME", 5)) == ("ROME", 5)
    assert post_and_serial(None, header) == ("AMMAN", 88)
    assert post_and_serial(Banner(origin="ROME", serial=0), header) == ("AMMAN", 88)


def test_post_and_serial_when_the_text_states_none() -> None:
    assert post_and_serial(None, None) is None
    assert post_and_serial(None, Header(origin="AMEMBASSY AMMAN")) is None  # no DE serial
    assert post_and_serial(None, Header(station_serial=88)) is None  # no FM origin
    # A page line is the only source asked once it is there, even without a serial.
    assert post_and_serial(None, Header(origin="AMEMBASSY AMMAN", station_serial=88), page=("ROME", None)) is None
    assert post_and_serial(None, None, page=(None, 5)) is None
    assert post_and_serial(None, Header(origin="SECSTATE WASHDC", station_serial=4185)) == ("STATE", 4185)


def test_implied_reference_id() -> None:
    dtg = datetime(2008, 2, 15, 15, 2, tzinfo=UTC)
    created = datetime(2011, 1, 1, tzinfo=UTC)
    banner = Banner(origin="AMMAN", serial=713)
    assert implied_reference_id(Cable(banner=banner, header=Header(dtg=dtg))) == "08AMMAN713"
    assert implied_reference_id(Cable(banner=banner, metadata=Metadata(created=created))) == "11AMMAN713"
    assert implied_reference_id(Cable(banner=banner, header=Header(dtg=dtg),
                                      metadata=Metadata(created=created))) == "08AMMAN713"
    assert implied_reference_id(Cable(banner=banner)) is None  # no year
    assert implied_reference_id(Cable(header=Header(dtg=dtg))) is None  # no post
    header = Header(dtg=dtg, station="RUEHC", station_serial=4185, origin="SECSTATE WASHDC")
    assert implied_reference_id(Cable(header=header)) == "08STATE4185"


@given(cables())
def test_the_strategies_build_the_id_the_text_implies(cable: Cable) -> None:
    assert cable.reference_id == implied_reference_id(cable)
    assert "Reference-Id:" not in cablekit.dumps(cable, "text")


# ---------------------------------------------------------------- the text serializer


def _department_cable(reference: str) -> Cable:
    header = Header(station="RUEHC", station_serial=4185, precedence=Precedence.ROUTINE,
                    dtg=datetime(2008, 2, 15, 15, 2, tzinfo=UTC), origin="SECSTATE WASHDC")
    return Cable(reference_id=reference, station=cablekit.station("SECSTATE WASHDC"), header=header, subject="TALKS",
                 paragraphs=(Paragraph(number=1, marker="1.", text="They talked."),))


def test_the_department_id_the_header_implies_is_not_written_out() -> None:
    """SECSTATE WASHDC and DE serial 4185 read as 08STATE4185 (the text serializer once implied 08STATEWASHDC4185)."""
    cable = _department_cable("08STATE4185")
    text = cablekit.dumps(cable, "text")
    assert not text.startswith("Reference-Id:")
    assert cablekit.parse(text).reference_id == "08STATE4185"
    assert cablekit.normalize(cablekit.parse(text, mode="strict")) == cable


def test_an_id_the_text_does_not_imply_is_written_out() -> None:
    cable = _department_cable("08STATEWASHDC4185")
    text = cablekit.dumps(cable, "text")
    assert text.startswith("Reference-Id: 08STATEWASHDC4185\n\n")
    assert cablekit.parse(text).reference_id == "08STATEWASHDC4185"
    assert cablekit.normalize(cablekit.parse(text)) == cable
