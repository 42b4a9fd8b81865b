"""The corpus filters (``cablekit.filters``)."""

from __future__ import annotations

import cablekit
from cablekit import Classification, filters

PARIS = cablekit.parse("R 151502Z FEB 08\nFM AMEMBASSY PARIS\nTO SECSTATE WASHDC\nBT\nCONFIDENTIAL PARIS 000123\n\n"
                       "TAGS: PREL FR\nREF: A. 07 STATE 12 B. EMAIL 02/03/08\n\n1. (C) Text.\n")
STATE = cablekit.parse("UNCLAS SECSTATE 000007\n\nTAGS: ECON\n\n1. (U) Text.\n", reference_id="09STATE7")


def test_year() -> None:
    assert filters.year(2008)(PARIS) and not filters.year(2009)(PARIS)
    assert filters.year(2009)(STATE) and not filters.year(2008)(STATE)  # no date: the id's year


def test_station_by_code_address_or_name() -> None:
    for post in ("PARIS", "AMEMBASSY PARIS", "Embassy Paris", "embassy paris"):
        assert filters.station(post)(PARIS) and not filters.station(post)(STATE)
    assert filters.station("Secretary of State")(STATE)
    assert not filters.station("ATLANTIS")(PARIS)


def test_classification_tag_and_cites() -> None:
    assert filters.classification(Classification.CONFIDENTIAL)(PARIS)
    assert filters.classification("unclassified")(STATE) and not filters.classification("secret")(STATE)
    assert filters.tag("prel")(PARIS) and not filters.tag("PREL")(STATE)
    assert filters.cites("07STATE12")(PARIS) and filters.cites("2007 SECSTATE 00012")(PARIS)
    assert not filters.cites("07STATE13")(PARIS)


def test_predicates_join() -> None:
    both = filters.all_of(filters.tag("ECON"), filters.station("STATE"))
    either = filters.any_of(filters.tag("ECON"), filters.tag("PREL"))
    assert [c is STATE for c in filter(both, [PARIS, STATE])] == [True]
    assert list(filter(either, [PARIS, STATE])) == [PARIS, STATE]
