"""What a reference cites: a cable, an e-mail, a telcon, a memo … (:func:`reference_kind`).

A reference that names a cable (``07 MOSCOW 3996``, ``STATE 12345 (EMAIL)``:
the cable opens its text) is a cable.  Any other is told by the words it is
written with, looked up in one pass over its text.  The words have ranks, for
a reference often names a thing and also what it is about: the name of a
document (``EMAIL``, ``TELCON``, ``MEMCON``, ``LETTER``, ``FAM``, ``IIR``,
``CABLE``) ranks first, then a report or a web address (``DAILY REPORT``,
``PRESS RELEASE``, ``www.…``), then a network or a date-time group, and a
meeting or conversation last: ``TELEPHONE CONVERSATION`` is a telcon,
``MEMORANDUM OF CONVERSATION`` a memo, ``REPORT OF THE EXPERTS MEETING`` a
report.  Of two words of one rank the first written wins
(``E-MAILS AND TELCONS`` are e-mails).  A few families that are none of the
kinds (diplomatic notes, airgrams, non-papers, memoranda of understanding) are
words too, of the first rank: they keep a weaker word from deciding
(``DIPNOTE ON THE MEETING`` is no meeting) and end as ``OTHER``.
"""

from __future__ import annotations

import re
from typing import Final

from .identity import reference_cable_id
from .model import ReferenceKind

__all__ = ["KIND_WORDS", "kind_by_words", "kind_word_in", "reference_kind"]

_K = ReferenceKind

KIND_WORDS: Final[tuple[tuple[int, ReferenceKind, str], ...]] = (
    # rank 0: what the reference is (the document, the call, the message)
    (0, _K.OTHER, r"memorand(?:um|a)[ ]of[ ](?:understanding|agreement)|mou|moa|mous"
                  r"|dip(?:lomatic)?[ ]?notes?|notes?[ ]verbales?|verbal[ ]notes?|non-?papers?"
                  r"|airgrams?|c?a-\d{1,5}"),
    (0, _K.EMAIL, r"e-?mails?|e-?mailed|e[ ]mails?"),
    (0, _K.TELCON, r"tele?cons?|teleconferences?|phonecons?|(?:tele)?phone(?:[ ]?calls?|d)?|conference[ ]calls?"),
    (0, _K.FAX, r"fax(?:es|ed)?|telefax(?:es)?|facsimiles?"),
    (0, _K.MEMO, r"memos?|memcons?|memorand(?:um|a|ums)"),
    (0, _K.LETTER, r"letters?|o-i|o/i|official[- ]informal|lors?|loas?"),
    (0, _K.FAM, r"fam|fah(?:-\d)?|foreign[ ]affairs[ ](?:manual|handbook)|(?:hand|guide)books?|manuals?"),
    (0, _K.REPORT, r"iirs?|fbis|osc|tdx?-\d{3}|intsums?|sitreps?|incsr"),
    (0, _K.CABLE, r"cables?|telegrams?|reftels?|septels?|secto|tosec|aldac"),
    # rank 1: a kind of document named by what it does, or where it is
    (1, _K.WEB, r"https?://\S{1,300}|www\.\S{1,300}"
                r"|[a-z0-9-]{1,63}+(?:\.[a-z0-9-]{1,63}+){0,6}\.(?:gov|com|org|net|int|edu|mil)(?:/\S{0,300})?"
                r"|web[ ]?sites?|web[ ]?pages?|blogs?"),
    (1, _K.REPORT, r"reports?|reporting|dail(?:y|ies)|weekl(?:y|ies)|bulletins?|newsletters?|statistics|stud(?:y|ies)"
                   r"|press|news|newspapers?|newscasts?|broadcasts?|media|reuters|afp|xinhua|interfax"),
    # rank 2: weaker hints
    (2, _K.WEB, r"internet|intranet|siprnet|online"),
    (2, _K.CABLE, r"(?:dtg[ ]?)?\d{6}[ ]?z(?:[ ]?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}"
                  r"(?:[ ]?\d{2,4})?)?|dtg"),
    # rank 3: a meeting, which many references mention
    (3, _K.MEETING, r"meetings?|mtgs?|conversations?|discussions?|talks|consultations|bilats?|calls?"
                    r"|s?vtcs?|dvcs?|video[- ]?conferences?"),
)
"""The words that tell a reference's kind: (rank, kind, pattern), the lower rank the stronger.

Patterns are matched whole-word and ignoring case, all in one alternation.
"""

_KIND_WORD: Final = re.compile(
    r"(?<![a-z0-9])(?:"
    + "|".join(f"(?P<{kind.name}_{rank}>{pattern})" for rank, kind, pattern in KIND_WORDS)
    + r")(?![a-z0-9])",
    re.IGNORECASE,
)
_GROUP_KINDS: Final = {f"{kind.name}_{rank}": (rank, kind) for rank, kind, _ in KIND_WORDS}


def reference_kind(text: str, cable_id: str | None = None) -> ReferenceKind:
    """What the reference *text* cites; *cable_id*, when known, is the id of the cable it names.

    A reference that names a cable is ``CABLE`` (*cable_id* given, or its
    text opens with a post and a serial); any other is told by its words
    (whole words, any case): an e-mail, a telcon, a memo, a letter, a FAM
    section or handbook, a report, a web page, a fax, a meeting, else
    ``OTHER``.

    >>> reference_kind("07 MOSCOW 3996"), reference_kind("STATE 1234 (EMAIL)")
    (<ReferenceKind.CABLE: 'CABLE'>, <ReferenceKind.CABLE: 'CABLE'>)
    >>> reference_kind("Smith-Jones e-mail of 5 May"), reference_kind("BROWN-GREEN TELCON 8-28-08")
    (<ReferenceKind.EMAIL: 'EMAIL'>, <ReferenceKind.TELCON: 'TELCON'>)
    >>> reference_kind("memorandum of conversation, 3 June"), reference_kind("9 FAM 40.63")
    (<ReferenceKind.MEMO: 'MEMO'>, <ReferenceKind.FAM: 'FAM'>)
    >>> reference_kind("EMBASSY ROME DAILY REPORT 12/4/09"), reference_kind("http://www.example.gov/a")
    (<ReferenceKind.REPORT: 'REPORT'>, <ReferenceKind.WEB: 'WEB'>)
    >>> reference_kind("Ambassador-FM meeting of 2 May"), reference_kind("IIR 6 809 0120 09")
    (<ReferenceKind.MEETING: 'MEETING'>, <ReferenceKind.REPORT: 'REPORT'>)
    >>> reference_kind("MFA DIPLOMATIC NOTE 12/08"), reference_kind("SEPTEL")
    (<ReferenceKind.OTHER: 'OTHER'>, <ReferenceKind.CABLE: 'CABLE'>)
    """
    if cable_id is not None or reference_cable_id(text, "00") is not None:
        return ReferenceKind.CABLE
    return kind_by_words(text)


def kind_by_words(text: str) -> ReferenceKind:
    """What the reference *text* cites, told by its words alone (:func:`reference_kind` without the cable test).

    >>> kind_by_words("BROWN-GREEN TELCON 8-28-08"), kind_by_words("STATE 1234")
    (<ReferenceKind.TELCON: 'TELCON'>, <ReferenceKind.OTHER: 'OTHER'>)
    """
    best_rank, best = 4, ReferenceKind.OTHER
    for m in _KIND_WORD.finditer(text):
        rank, kind = _GROUP_KINDS[m.lastgroup or ""]
        if rank < best_rank:
            best_rank, best = rank, kind
            if rank == 0:
                break
    return best


def kind_word_in(text: str) -> bool:
    """Whether *text* holds a word of :data:`KIND_WORDS` that tells no cable.

    Words before a serial that hold one name no post; ``SECTO`` does (a
    series of the Secretary's cables).

    >>> kind_word_in("MFA DAILY"), kind_word_in("RIO DE JANEIRO"), kind_word_in("SECTO")
    (True, False, False)
    """
    return any(_GROUP_KINDS[m.lastgroup or ""][1] is not ReferenceKind.CABLE for m in _KIND_WORD.finditer(text))
