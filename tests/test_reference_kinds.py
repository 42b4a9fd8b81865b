"""Reference kinds: a catalogue of made-up references, each with the kind cablekit tells from its text.

The texts are made up in the shapes the corpus shows (e-mails named by their
correspondents and date, telcons, IIRs, daily reports, FAM sections, airgrams
…); none is copied from a cable.
"""

from __future__ import annotations

import re

import pytest

from builders import cable, make_head
from cablekit import ReferenceKind, parse, reference_kind
from cablekit.references import KIND_WORDS
from cablekit.testing import _vocabulary as V

K = ReferenceKind

CATALOGUE: dict[ReferenceKind, tuple[str, ...]] = {
    K.CABLE: (
        "07 MOSCOW 3996", "STATE 12345", "2008 SECSTATE 012345", "09CAIRO2189", "Moscow 3996", "riga 101 and 102",
        "STATE 1234 (EMAIL)",  # the cable opens the text: what follows is about it
        "ROME 451 (MEETING WITH THE PRIME MINISTER)", "KUWAIT 88 (DAILY REPORT)", "TALLINN 412 TELCONS AND E-MAILS",
        "HALIFAX 123",  # a post with a kind word inside it (FAX), not a word of its own
        "NICE 45", "PORT LOUIS 77",  # posts that are words
        "SEPTEL", "reftel", "REFTELS 5 AND 6", "Embassy Riga telegram of 5 May", "STATE ALDAC OF 12 JUNE",
        "SECTO 7", "SECDEF 121530Z MAY 08", "DEPT OF TREASURY DTG 241534Z MAR 06", "SECDEF DTG261447ZNOV08",
    ),
    K.EMAIL: (
        "EMAIL SMITH-JONES 02/10/08", "Embassy-EUR e-mail of 5 May", "HALE/RICE EMAILS 7/9/09",
        "e-mail Riga Morning Update 9-18-2008", "BURNS 10/16/09 EMAIL", "E-Mail from PolOff to EUR/NB",
        "HALE-RICE E-MAIL REPORT OF 2 MAY",  # an e-mail, whatever it reports
        "Hale-Rice e-mails and telcons",  # of two documents the first named
        "EMAIL 5",  # no post: EMAIL names no cable
    ),
    K.TELCON: (
        "TELCON", "HALE-RICE TELECON 8-28-08", "phone call of 3 May", "AMBASSADOR-MINISTER TELEPHONE CALL 4/5/09",
        "Telephone conversation between FSN and customs officer", "conference call with the MFA", "TELCONS 3 AND 4",
        "Ops Center-EUR telcon 29 May 08",
    ),
    K.MEMO: (
        "MEMCON HALE-RICE", "Action memo 5/6/08", "memorandum of conversation 3 June", "MEMO TO THE FILE",
        "INR MEMORANDUM", "MEMO 15",
    ),
    K.LETTER: (
        "SECRETARY'S LETTER TO THE FOREIGN MINISTER", "Ministry of Defense letter of request 08-135", "LETTERS 4/2",
        "RIGA O/I 08 JAN 08", "TALLINN O-I - 23-SEP-2008", "official-informal of 5/2", "LOR 08-135",
    ),
    K.MEETING: (
        "Ambassador-FM meeting of 2 May", "HALE-RICE MTG 2/3", "STATE-RIGA SVTC MAY 9", "October 12 DVC",
        "discussions with MFA 4/5", "conversation with the Minister", "MEETING 2",
        "AMBASSADOR'S CALL ON THE PRIME MINISTER",
    ),
    K.REPORT: (
        "IIR 6 809 0120 09", "07 USDAO RIGA IIR 6 812 0044 07", "FBIS JN0804192190", "OSC EUP20080707950031",
        "TD-314/09169-05", "EMBASSY RIGA DAILY REPORT FOR 01DEC05", "2008 Human Rights Report", "Riga daily 11/3/09",
        "MFA press release of 4/14/09", "ASSOCIATED PRESS 3/14/09", "DEA SEIZURE STATISTICS (2000 - 2005)",
        "OSD REPORT DTG 251847Z MAR 08",  # a report sent as a message
        "REPORT OF THE EXPERTS MEETING",  # a report of a meeting
        "2009 INCSR", "REPORT 2",
        "EMBASSY RIGA SIPRNET DAILY REPORT (WWW.EXAMPLE.SGOV.GOV/RIGA)",  # the report first, its address after
    ),
    K.FAM: (
        "9 FAM 40.63", "5 FAH-1 H-611", "2 fam 227", "Foreign Affairs Manual", "2006 BLUE LANTERN GUIDEBOOK",
        "consular handbook", "12 FAM 453",
    ),
    K.WEB: (
        "http://www.example.gov/r/pa", "HTTP://WWW.EXAMPLE.GOV/LOREM/IPSUM.HTML", "WWW.EXAMPLE.SGOV.GOV/P/EUR",
        "travel.example.gov", "2006 AND PRIOR (WWW.EXAMPLE.GOV)", "Embassy web site", "MFA website",
        "https://example.org/report-on-meeting",  # the words of an address are no words of the text
        "EMBASSY RIGA SIPRNET PAGE",
    ),
    K.FAX: (
        "FAX HALE-RICE 10/25/06", "WHA/CEN fax of 5 May", "facsimile from the MFA", "FAXED LETTER OF 2 JUNE",
        "HALE-RICE FAXES 2/3/08",
    ),
    K.OTHER: (
        "", "DIPNOTE 123", "MFA diplomatic note of 5 May", "NOTE VERBALE 08/123", "TEHRAN A-077 OF MAY 15 1972",
        "STATE CA-3400", "AIRGRAM 12", "NON-PAPER ON THE TALKS",  # the note, not the meeting it is about
        "dipnote on the meeting", "USG-GOL MOU DEC 11 2006", "memorandum of understanding on trade",
        "UNSCR 1701", "PARA 3", "2007 AND PREVIOUS", "SECTION 38 OF THE ARMS EXPORT CONTROL ACT", "(08)",
        "FAMILY", "EMAILING", "TELCONFERENCE",  # words that only begin like a kind's
    ),
}


@pytest.mark.parametrize(("text", "kind"), [(text, kind) for kind, texts in CATALOGUE.items() for text in texts])
def test_each_reference_has_the_kind_its_text_tells(text: str, kind: ReferenceKind) -> None:
    assert reference_kind(text) is kind


# Words before a number that tell a kind name no post: the reference names no cable (not ``08FAXES2``).
_READ_AS_CABLES = [
    ("FAXES 2 AND 3", K.FAX), ("conference call of 12 June", K.TELCON), ("INR MEMORANDUM OF 5 MAY", K.MEMO),
    ("INCSR 2009", K.REPORT), ("EMBASSY WEB SITE 5", K.WEB), ("MFA DAILY 12", K.REPORT),
]


@pytest.mark.parametrize(("text", "kind"), _READ_AS_CABLES)
def test_a_kind_word_before_a_number_names_no_cable(text: str, kind: ReferenceKind) -> None:
    assert reference_kind(text) is kind


def test_the_catalogue_covers_every_kind() -> None:
    assert set(CATALOGUE) == set(ReferenceKind)
    assert all(len(texts) >= 5 for texts in CATALOGUE.values())


@pytest.mark.parametrize("text", ["HALE-RICE EMAIL 2/10/08", "9 FAM 40.63", "DIPNOTE 123", "PARA 3"])
def test_a_cable_id_makes_any_reference_a_cable(text: str) -> None:
    assert reference_kind(text, "08RIGA1") is K.CABLE


@pytest.mark.parametrize(("text", "kind"), [
    ("HALE-RICE TELCON 2/10/08", K.TELCON), ("Hale-Rice Telcon 2/10/08", K.TELCON), ("hale-rice telcon", K.TELCON),
    ("MEMCON", K.MEMO), ("MemCon", K.MEMO), ("memcon", K.MEMO), ("Www.Example.Gov", K.WEB),
])
def test_case_does_not_matter(text: str, kind: ReferenceKind) -> None:
    assert reference_kind(text) is kind


def test_every_kind_has_words_and_every_row_of_words_an_example_here() -> None:
    assert {kind for _, kind, _ in KIND_WORDS} == set(ReferenceKind)
    for rank, kind, pattern in KIND_WORDS:
        word = re.compile(rf"(?<![a-z0-9])(?:{pattern})(?![a-z0-9])", re.IGNORECASE)
        assert any(word.search(text) for text in CATALOGUE[kind]), (rank, kind, pattern)


@pytest.mark.parametrize(("kind", "templates"), V.REFERENCE_DOCUMENTS)
def test_the_strategies_documents_are_of_their_kind(kind: str, templates: tuple[str, ...]) -> None:
    for template in templates:
        for a, b, n in (("HALE", "RICE", 7), ("SMITH-JONES", "O'MARA", 713), ("GFOELLER", "BURNS", 99999)):
            text = template.format(a=a, b=b, date="02/10/08", n=n)
            assert reference_kind(text) is ReferenceKind[kind], text


def test_the_strategies_documents_cover_every_kind_but_cable() -> None:
    assert {ReferenceKind[kind] for kind, _ in V.REFERENCE_DOCUMENTS} == set(ReferenceKind) - {K.CABLE}


def test_parsing_a_ref_block_gives_each_reference_its_kind() -> None:
    ref = ("REF: A. TALLINN 388 B. HALE-RICE E-MAIL 02/10/08 C. TELCON DUNMORE-KASK 2/11/08\n"
           "D. 9 FAM 40.63 E. MFA DIPLOMATIC NOTE 123 F. RIGA DAILY REPORT 12/4/08 G. 07 STATE 45120 (NOTAL)\n"
           "H. AMBASSADOR-MINISTER MEETING OF 3 MARCH I. HTTP://WWW.EXAMPLE.GOV/EN J. MINISTER'S LETTER OF MAY 2\n"
           "K. MEMCON OF 12 MAY L. MFA FAX OF 4 MARCH M. SEPTEL")
    parsed = parse(cable(head=make_head(ref=ref)))
    assert [(r.label, r.kind, r.cable_id) for r in parsed.references] == [
        ("A", K.CABLE, "08TALLINN388"), ("B", K.EMAIL, None), ("C", K.TELCON, None), ("D", K.FAM, None),
        ("E", K.OTHER, None), ("F", K.REPORT, None), ("G", K.CABLE, "07STATE45120"), ("H", K.MEETING, None),
        ("I", K.WEB, None), ("J", K.LETTER, None), ("K", K.MEMO, None), ("L", K.FAX, None), ("M", K.CABLE, None),
    ]


def test_an_unlabelled_reference_without_a_year_is_still_a_cable() -> None:
    parsed = parse("UNCLAS TALLINN 000412\n\nSUBJECT: TEST\nREF: RIGA 101; HALE-RICE EMAIL 2/10/08\n\n1. (U) Text.\n")
    assert [(r.kind, r.cable_id) for r in parsed.references] == [(K.CABLE, None), (K.EMAIL, None)]


@pytest.mark.parametrize("text", [
    "A-" * 20_000, "1" * 50_000, "www." + "a" * 50_000, "a." * 30_000 + "gov", "E-" * 20_000 + "MAIL",
    "123456" * 10_000 + "Z", "http://" + "/" * 50_000, "x " * 30_000,
])
def test_a_long_or_odd_text_has_a_kind(text: str) -> None:
    # (how fast: the REF lines of benchmarks/'s adversarial inputs; every pattern here is bounded)
    assert isinstance(reference_kind(text), ReferenceKind)
