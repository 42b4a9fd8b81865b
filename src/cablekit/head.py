"""The head of a cable: banner, caveats, office lines, E.O., TAGS, SUBJECT, REF, Classified By.

The head is a flat run of sections between the transmission header and the
first paragraph.  :func:`read_head` walks it with one rule per kind of line
(:data:`HEAD_RULES`): a rule either claims the line under the cursor (reading
its field into the :class:`HeadState` and moving the cursor on) or declines,
which ends the head.  A new kind of head line is a new rule and its own test.

>>> from cablekit._context import Context
>>> from cablekit.cursor import Cursor
>>> cursor = Cursor(["UNCLAS ROME 000097", "SIPDIS", "", "SUBJECT: TALKS", "", "1. (U) Text."], Context())
>>> state = read_head(cursor, HeadState())
>>> state.banner.origin, state.caveats, state.subject, cursor.pos
('ROME', ['SIPDIS'], 'TALKS', 5)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Final

from . import _kinds as K
from .body import ends_sentence
from .cursor import Cursor, Field
from .defects import DefectCode as D
from .fields import classification_of, parse_banner, parse_caveats, parse_eo, read_classifier, read_tags
from .model import Banner, Classification, Classifier, ExecutiveOrder, Header, Tag
from .tokens import TokenKind
from .vocabulary import CAVEAT_PATTERN, CAVEAT_WORDS, MONTH_NAMES
from .wrappers import parse_date

__all__ = ["HEAD_RULES", "HeadState", "dateline_date", "read_head"]


class HeadState:
    """What the head holds, filled in as :func:`read_head` reads it.

    *header* is the transmission header read before the head (or ``None``);
    whether there is one decides if a page-break line or an office line can
    stand in the head.  (A plain class rather than an attrs one: the compiled
    build reads its attributes in C.)
    """

    __slots__ = ("banner", "banner_line", "caveats", "classifier", "datelines", "eo", "fields_begun", "header",
                 "level", "more_references", "offices", "references", "repeating", "subject", "tags", "year")

    def __init__(self, *, header: Header | None = None, fields_begun: bool = False, repeating: bool = False) -> None:
        self.header = header
        self.banner: Banner | None = None
        self.banner_line = 1
        """The line of the banner (1-based line of the cable text)."""
        self.year: str | None = None
        """A two-digit year the banner states (``UNCLAS 08 STATE 1234``)."""
        self.level: Classification | None = None
        self.caveats: list[str] = []
        self.offices: list[str] = []
        self.eo: ExecutiveOrder | None = None
        self.tags: tuple[Tag, ...] = ()
        self.subject: str | None = None
        self.references: Field | None = None
        """The REF block, decoded once the cable's year is known."""
        self.more_references: list[Field] = []
        """Later REF fields of the same head, in order (their references follow the first block's)."""
        self.classifier: Classifier | None = None
        self.datelines: list[str] = []
        """Newspaper datelines met in the head, in order."""
        self.fields_begun = fields_begun
        """Whether a field (E.O., TAGS, SUBJECT, REF, Classified By) has been read: banner, caveat and office
        lines after one end the head, unless a banner starts a repeated head."""
        self.repeating = repeating
        """Whether the head is being printed a second time (a banner came after the head's fields)."""

    def keeps(self, current: object) -> bool:
        """Whether a field read now should replace *current*, the value the field has.

        The repeated-head policy: while the head is printed a second time, a
        field keeps the value it was first given; a field that the first copy
        lacked is read from the second.
        """
        return not (self.repeating and current)


HeadRule = Callable[[HeadState, Cursor], bool]
"""A head rule: claims the line under the cursor (and moves past it) and returns ``True``, or declines."""


def read_head(cursor: Cursor, state: HeadState) -> HeadState:
    """Read the head from the cursor on, into *state*; the cursor ends on the first line of the body."""
    rules = HEAD_RULES
    while not cursor.at_end():
        rule = rules.get(cursor.kinds[cursor.pos])
        if rule is None or not rule(state, cursor):
            break
    return state


# --- the rules ---------------------------------------------------------------------------------------------

def _skip(state: HeadState, cursor: Cursor) -> bool:
    """Blank lines, ``BT`` and ``NNNN`` stand anywhere in the head."""
    cursor.pos += 1
    return True


def _dateline(state: HeadState, cursor: Cursor) -> bool:
    """A newspaper dateline (``Friday, 23 February 2001, 15:53``): the cable's date when nothing else gives it."""
    state.datelines.append(cursor.lines[cursor.pos])
    cursor.pos += 1
    return True


def _banner(state: HeadState, cursor: Cursor) -> bool:
    """The banner; a second one after the head's fields starts the head's second copy."""
    token = cursor.token()
    if state.banner is None and not state.fields_begun:
        state.banner, caveats, state.year = parse_banner(token)
        state.banner_line = token.line
        state.level = state.banner.classification
        state.caveats.extend(caveats)
        _report_spacing(cursor, token.group("bn_spacing"))
    else:
        if not state.repeating:
            cursor.ctx.at_line(D.HEAD_REPEATED, "the head block is printed a second time", line=token.line,
                               text=token.value)
        state.repeating = True
        state.fields_begun = False
    cursor.pos += 1
    return True


def _classification(state: HeadState, cursor: Cursor) -> bool:
    """A classification line: the level when there is no banner, else caveats restating the banner's level.

    Under a banner, a line restating its level (``LIMITED OFFICIAL USE`` under
    ``UNCLAS``) adds caveats; one stating another level is not a head line.  After the head's fields,
    a level alone over a page line is a page's footer.
    """
    if state.fields_begun:
        return cursor.footer(cursor.pos) and _page_break(state, cursor)
    token = cursor.token()
    stated, more = classification_of(token.group("cl_level") or "")
    if state.banner is not None and stated is not state.level:
        return False
    if state.banner is None:
        state.level = stated
        _report_spacing(cursor, token.group("cl_spacing"))
    state.caveats.extend(more + parse_caveats(token.group("cl_tail") or ""))
    cursor.pos += 1
    return True


def _report_spacing(cursor: Cursor, spaced: str | None) -> None:
    """Report a classification word whose letters are spaced unevenly (``SE C R E T``), as the line gives it."""
    if spaced:
        value = cursor.lines[cursor.pos]
        cursor.ctx.at_line(D.CLASSIFICATION_SPACING, f"the classification {spaced!r} is spaced unevenly",
                           line=cursor.pos + 1, column=value.find(spaced) + 1, text=value)


def _caveat(state: HeadState, cursor: Cursor) -> bool:
    """A line of handling caveats (``SIPDIS``, ``NOFORN``)."""
    if state.fields_begun:
        return False
    state.caveats.extend(parse_caveats(cursor.lines[cursor.pos]))
    cursor.pos += 1
    return True


def _page_break(state: HeadState, cursor: Cursor) -> bool:
    """A page-break line inside the head (once a banner, a header or a field says this is a head)."""
    if not (state.banner or state.header or state.fields_begun):
        return False
    value = cursor.lines[cursor.pos]
    cursor.ctx.at_line(D.PAGE_BREAK, f"page break line {value.strip()!r} in the head", line=cursor.pos + 1,
                       text=value)
    cursor.pos += 1
    return True


def _eo(state: HeadState, cursor: Cursor) -> bool:
    """The E.O. line (``E.O. 12958: DECL: 02/14/2018``); an ``EO`` word without an order or colon is not one."""
    token = cursor.token()
    if not (token.group("eo_order") or ":" in token.value):
        return False
    state.fields_begun = True
    if state.eo is not None and not state.repeating:  # ``REASON:`` / ``E.O. 12958, 1.4(D)`` under a Classified By
        cursor.ctx.at_line(D.UNRECOGNIZED_LINE, "a second E.O. line in the head; the first is kept",
                           line=cursor.pos + 1, text=token.value)
    elif state.keeps(state.eo):
        state.eo = parse_eo(token.value, token.group("eo_order"), token.group("eo_rest") or "")
    cursor.pos += 1
    return True


def _field(state: HeadState, cursor: Cursor, part: str, *, refs: bool = False, links: bool = False,
           stop: Callable[[str, str], bool] | None = None, given: str | None = None) -> Field:
    """Take the field on the cursor's line (its value there is the token's part *part*) with its continuation lines.

    *refs* reads them as a REF list does (page-break lines inside it are
    reported); *links* reports the lines that carry Markdown link debris
    (``[PGOV](#)``); *stop* ends the field early (see :meth:`Cursor.take_field`);
    *given*, when given, is the field's value on its line instead of the token's part.
    """
    state.fields_begun = True
    first = (cursor.token().group(part) or "") if given is None else given
    field = cursor.take_field(first, refs=refs, stop=stop)
    for line in field.links if links else ():
        value = cursor.lines[line - 1]
        cursor.ctx.at_line(D.LINK_ARTIFACT, "Markdown link debris in a field", line=line,
                           column=value.find("](#") + 1, text=value)
    for line in field.breaks:
        value = cursor.lines[line - 1]
        cursor.ctx.at_line(D.PAGE_BREAK, f"page break line {value.strip()!r} inside a field", line=line, text=value)
    return field


def _tags(state: HeadState, cursor: Cursor) -> bool:
    """The TAGS line and its continuation lines."""
    field = _field(state, cursor, "tags", links=True, stop=_tags_done)
    if state.keeps(state.tags):
        reading = read_tags(field.text)
        state.tags = reading.tags
        _report_fused(cursor, reading.fused, field.line, cursor.pos)
    return True


def _report_fused(cursor: Cursor, fused: tuple[tuple[str, str], ...], first: int, last: int) -> None:
    """Report each fused tag of the TAGS field on lines *first* … *last* (1-based) at the line that holds it."""
    for word, codes in fused:
        line = next((at for at in range(first, last + 1) if word in cursor.lines[at - 1]), first)
        value = cursor.lines[line - 1]
        cursor.ctx.at_line(D.TAG_FUSED, f"TAGS codes written as one word: {word!r} read as {codes}", line=line,
                           column=value.find(word) + 1, text=value)


def _subject(state: HeadState, cursor: Cursor) -> bool:
    """The SUBJECT line and its continuation lines; a marking before the subject is dropped.

    A subject goes on over a line that a page cut off as a paragraph marker
    (``… FROM MARCH 1 TO`` / ``4, 2006.``), and over lines set off by blank
    lines when another head field follows them (``… WITH PLANNING`` / blank /
    ``MINISTER DE VIDO`` / blank / ``REF: …``).
    """
    field = _field(state, cursor, "subject", stop=_subject_done)
    text = field.text
    if not ends_sentence(text):
        text = " ".join((text, *_subject_continuation(cursor)))
    handling = _handling_start(text) if len(text) > 20 else None
    if handling is not None:  # a handling sentence glued after the subject: a handling line of its own
        cursor.ctx.at_line(D.GLUED_LINE, "a handling line glued after the subject", line=field.line,
                           text=text, repair="the handling line is cut off the subject")
        _glued_handling(state, text[handling:])
        text = text[:handling].rstrip()
    if state.eo is not None and cursor.kind() is K.EO and not ends_sentence(text):  # ``… UNDER`` / ``E.O. 13382``
        text = f"{text} {cursor.lines[cursor.pos].strip()}"
        cursor.pos += 1
    subject = subject_of(text)
    if state.keeps(state.subject) or _goes_on(state.subject, subject):  # a repeated head's, or the whole of it
        state.subject = subject
    return True


def _goes_on(first: str | None, second: str | None) -> bool:
    """Whether *second* is *first* with more after it (a repeated head's whole subject after a cut one)."""
    return bool(first and second and len(second) > len(first) and second.upper().startswith(first.upper()))


def _subject_continuation(cursor: Cursor) -> list[str]:
    """The lines that go on with a subject cut short, taken from the cursor on (none: the cursor stays).

    Before each line taken may stand blank lines and a page break (a page's footer, the next page's
    page line: ``… MEETS WITH`` / ``CONFIDENTIAL`` / ``PAGE 02 …`` / ``OPPOSITION LEADER``); the
    page-break lines passed over are reported.
    """
    kinds, lines, pos = cursor.kinds, cursor.lines, cursor.pos
    if pos < len(kinds) and kinds[pos] is K.PARAGRAPH and _DATE_GOES_ON.match(lines[pos]):
        cursor.pos = pos + 1
        return [lines[pos]]
    taken: list[int] = []
    passed: list[int] = []  # the page-break lines passed over
    while len(taken) < 4:
        blank = pos
        blanks = 0
        while pos < len(kinds) and ((kinds[pos] is K.BLANK and blanks < 3)  # 3: a doubled text's blank line
                                    or kinds[pos] in _BREAK_KINDS or cursor.footer(pos)):
            if kinds[pos] is K.BLANK:
                blanks += 1
            else:
                passed.append(pos)
            pos += 1
        if pos < len(kinds) and kinds[pos] in _FIELD_KINDS and taken:
            cursor.pos = taken[-1] + 1
            for at in (at for at in passed if at < taken[-1]):
                cursor.ctx.at_line(D.PAGE_BREAK, f"page break line {lines[at].strip()!r} inside a field",
                                   line=at + 1, text=lines[at])
            return [lines[i] for i in taken]
        if pos >= len(kinds) or pos == blank:
            return []
        line = lines[pos].strip()
        if kinds[pos] not in _WORDS_KINDS or not _UPPER_WORDS.fullmatch(line) or _NOT_SUBJECT.search(line) \
                or _HANDLING.match(line):  # a handling line is the head's, not the subject's
            return []
        taken.append(pos)
        pos += 1
    return []


def _ref_done(text: str, line: str) -> bool:
    """Whether the REF field *text* ends before *line*: a handling line, or a sentence, which is body.

    A marked sentence (``(SBU) Poloff delivered …``) ends any REF list; an unmarked one (a capitalised word
    and three lower-case words: ``As requested in reftel, …``) ends a list of upper-case references whose
    last serial it follows, which no mixed-case reference continues.
    """
    value = line.lstrip()
    if _handling_next(text, value):
        return True
    if value[:1] == "(":
        return _MARKED_SENTENCE.match(value) is not None
    return (value[:1].isupper() and text.rstrip()[-1:].isdigit() and text.isupper()
            and _PROSE.match(value) is not None)


def _tags_done(text: str, line: str) -> bool:
    """Whether the TAGS field *text* ends before *line*: a line of prose is no more tags.

    Tag lines are short and hold codes; a long line, a sentence, or lower-case words after tags
    written in upper case (the body glued on after a lost subject) end the field.
    """
    value = line.strip()
    if len(value) > 100 or ". " in value:
        return True
    return any(c.islower() for c in value) and not any(c.islower() for c in text)


def _subject_done(text: str, line: str) -> bool:
    """Whether the subject *text* ends before *line*: a handling line, or a REF list under a damaged label."""
    return _handling_next(text, line) or (":" in line[:12] and _RELABELLED_REF.match(line) is not None)


def _handling_next(text: str, line: str) -> bool:
    """Whether *line*, after a field's *text*, is a handling line, which ends the field."""
    if len(line) > 120:
        return False
    value = line.strip()
    lead = _HANDLING_LEAD.match(value) if value[:1] in "(Tt" else None
    return _HANDLING.match(value, lead.end() if lead is not None else 0) is not None


def _handling_start(text: str) -> int | None:
    """Where a handling sentence glued after a field's *text* starts (with ``(U) THIS CABLE IS`` before it)."""
    handling = _HANDLING.search(text, 1)
    if handling is None:
        return None
    start = handling.start()
    lead = _HANDLING_LEAD_BEFORE.search(text, max(0, start - 30), start)
    return lead.start() if lead is not None and lead.start() > 0 else start


def _clby_done(text: str, line: str) -> bool:
    """Whether the Classified By field *text* ends before *line*.

    It goes on over a line that holds nothing but more of its reasons
    (``(C), (D)``, ``and``, ``).``), and otherwise ends at a rule, a
    paragraph marking, or once its reasons are written.
    """
    line = line.strip()
    if _MORE_REASONS.fullmatch(line) and _REASONS.search(text) and not text.rstrip().endswith("."):
        return False
    return _RULE_OR_MARKING.match(line) is not None or _REASONS.search(text) is not None


def _ref(state: HeadState, cursor: Cursor) -> bool:
    """The REF block, kept whole: it is decoded once the cable's year is known.

    Labelled items may stand on lines of their own, after blank lines.  A second REF field in the same
    head (not a repeated head) adds its references to those of the first; a repeated head's REF field
    replaces the first only when it goes on from it (the first cut short).  A record of the release glued
    after the list (``A. ROME 12|09ROME34 VZCZC…``) is cut off and kept in a defect.
    """
    _keep_references(state, cursor, _field(state, cursor, "ref", refs=True, links=True, stop=_ref_done))
    return True


def _relabelled_ref(state: HeadState, cursor: Cursor, value: str) -> bool:
    """A REF list under a label that is no field's, a REF label damaged (``Q: A) ROME 12, B) ROME 34``).

    *value* is the cursor's line; return whether it was read as such a list.
    """
    label = _RELABELLED_REF.match(value) if ":" in value[:12] else None
    if label is None:
        return False
    cursor.ctx.at_line(D.UNRECOGNIZED_LINE, f"a REF list under the label {label.group().strip()!r}, which is no "
                       "field's", line=cursor.pos + 1, text=value, repair="read as the REF list")
    field = _field(state, cursor, "ref", refs=True, links=True, stop=_ref_done, given=value[label.end():])
    _keep_references(state, cursor, field)
    return True


def _keep_references(state: HeadState, cursor: Cursor, field: Field) -> None:
    """Keep the REF *field* just read: the head's REF block, another block of it, or a repeated head's."""
    record = _RELEASE_RECORD.search(field.text) if "|" in field.text else None
    if record is not None:  # ``A. ROME 12|09ROME34 VZCZC…``: the release's record of the cable glued on
        cursor.ctx.at_line(D.GLUED_LINE, "a record of the release glued after the REF list", line=field.line,
                           text=field.text[record.start():], repair="cut off the REF list; kept in this defect")
        field = field._replace(text=field.text[:record.start()].rstrip())
    handling = _handling_start(field.text) if "NSITIVE" in field.text.upper() else None  # a SBU sentence only
    if handling is not None:  # a handling sentence glued after the list: a handling line of its own
        cursor.ctx.at_line(D.GLUED_LINE, "a handling line glued after the REF list", line=field.line,
                           text=field.text, repair="the handling line is cut off the REF list")
        _glued_handling(state, field.text[handling:])
        field = field._replace(text=field.text[:handling].rstrip())
    first = state.references.text if state.references else ""
    if first and not state.repeating:
        state.more_references.append(field)  # a second REF field in one head adds its references
    elif state.keeps(first) or _goes_on(first, field.text):  # a repeated head's, or the whole of the list
        state.references = field


def _classified_by(state: HeadState, cursor: Cursor) -> bool:
    """The Classified By line and its continuation lines, up to the end of its reasons."""
    line = cursor.pos
    text = _field(state, cursor, "clby", stop=_clby_done).text
    reading = read_classifier(text)
    if reading.tail and cursor.lines[cursor.pos - 1].rstrip().endswith(reading.tail):
        # text glued after the reasons on the field's last line (``… (d) 1. (C) In the absence …``): the body's
        cursor.ctx.at_line(D.GLUED_LINE, "text glued after a Classified By field's reasons", line=cursor.pos,
                           text=cursor.lines[cursor.pos - 1], repair="the text after the reasons is read as the body")
        cursor.put_back(reading.tail)
    if state.classifier is not None and not state.repeating:
        cursor.ctx.at_line(D.UNRECOGNIZED_LINE, "a second Classified By field in the head; the first is kept",
                           line=line + 1, text=text)
    elif state.keeps(state.classifier):
        state.classifier = reading.classifier
    return True


def _office(state: HeadState, cursor: Cursor) -> bool:
    """An office or passing line (``STATE FOR SCA/CEN``) before the head's fields; a handling line anywhere.

    Without a banner or header before it (an extract that starts in the head), only a line that
    addresses an office (``STATE FOR …``, ``PASS TO …``) opens the head.

    A handling line (``Sensitive but unclassified. Please protect
    accordingly.``) goes with the office lines and adds its caveats.  A line
    addressing an office may also stand after a field, before the subject
    (``Classified By: …`` / ``DEPARTMENT FOR WHA``) or before another field
    (``SUBJECT: …`` / ``DEPT FOR WHA/CEN`` / ``REF: …``).

    After a field, a labelled REF list under a short label that is no field's (``Q: A) ROME 12, B) ROME
    34``, a REF label damaged) is read as the REF list, and reported.
    """
    value = cursor.lines[cursor.pos]
    other = _not_office(state, cursor, value)
    if other is not None:
        return other
    if not (state.banner is not None or state.header is not None or state.repeating or _ADDRESSED.match(value)):
        return False
    handling = _handling_next("", value)
    if state.fields_begun and not handling and not (
            _ADDRESSED.match(value) and (state.subject is None or _field_follows(cursor))):
        return False
    if handling:
        value = _wrapped_handling(cursor, value)
    office = " ".join(value.split())
    caveats = _LEADING_CAVEATS.match(office) if not handling and office.startswith(_CAVEAT_STARTS) else None
    if caveats is not None:  # caveats opening the line (`` SIPDIS NOFORN SIPDIS``, ``NOFORN STATE FOR …``)
        state.caveats.extend(parse_caveats(caveats.group()))
        office = office[caveats.end():].lstrip(" ,;")
    if office and (not state.repeating or not _said(office, state.offices)):  # a repeated head's: not again
        if not handling and not office_like(office):
            cursor.ctx.at_line(D.UNRECOGNIZED_LINE, f"line {office[:60]!r} in the head is not a known field",
                               line=cursor.pos + 1, text=value, repair="kept with the office lines")
        _office_line(state, office, handling=handling)
    cursor.pos += 1
    return True


def _not_office(state: HeadState, cursor: Cursor, value: str) -> bool | None:
    """Read the line *value* when it is no office line though it stands where they do; None when it may be one.

    It may be a page's footer over the next page's page line, tag codes without their label after E.O.,
    or a REF list under a damaged label.
    """
    if cursor.footer(cursor.pos):  # a page's footer (``      CONFIDENTIAL``) over the next page's page line
        return _page_break(state, cursor)
    if state.eo is not None and not state.tags and state.subject is None and _TAG_CODES.fullmatch(value):
        return _unlabelled_tags(state, cursor, value)
    if state.fields_begun and _relabelled_ref(state, cursor, value):
        return True
    return None


def _wrapped_handling(cursor: Cursor, value: str) -> str:
    """A handling line *value* with the lines it wraps onto (``… PLEASE HANDLE`` / ``ACCORDINGLY.``), up to two.

    The lines are taken only when the sentence ends on one of them; the cursor ends on the handling line's
    last line.
    """
    kinds, lines = cursor.kinds, cursor.lines
    wrapped = value
    for at in range(cursor.pos + 1, min(cursor.pos + 3, len(kinds)) if not ends_sentence(value) else 0):
        if kinds[at] is not K.TEXT or _handling_next("", lines[at]) or _ADDRESSED.match(lines[at]):
            break  # a line of its own: another handling or office line
        wrapped = f"{wrapped}\n{lines[at]}"
        if ends_sentence(wrapped):  # the sentence ends there: those are its lines
            cursor.pos = at
            return wrapped
    return value


def _glued_handling(state: HeadState, text: str) -> None:
    """Keep *text*, a handling line cut off the field it was glued to.

    Caveats alone (``SENSITIVE BUT UNCLASSIFIED``) are caveats, as on a line of their own; a sentence is a
    handling line.
    """
    if _LEADING_CAVEATS.fullmatch(text.rstrip(" .")) is not None:
        state.caveats.extend(parse_caveats(text))
    else:
        _office_line(state, text, handling=True)


def _office_line(state: HeadState, office: str, *, handling: bool) -> None:
    """Keep *office* among the office lines; a handling line also adds its caveats."""
    if handling:
        state.caveats.extend(parse_caveats(office))
    state.offices.append(office)


def _unlabelled_tags(state: HeadState, cursor: Cursor, value: str) -> bool:
    """A line of tag codes after the E.O. line, its ``TAGS:`` label lost (``EFIN, ECON, PGOV, CH``)."""
    cursor.ctx.at_line(D.UNRECOGNIZED_LINE, "a line of tag codes without its TAGS label after the E.O. line",
                       line=cursor.pos + 1, text=value, repair="read as the TAGS")
    reading = read_tags(value)
    state.tags = reading.tags
    _report_fused(cursor, reading.fused, cursor.pos + 1, cursor.pos + 1)
    cursor.pos += 1
    return True


def _field_follows(cursor: Cursor) -> bool:
    """Whether a head field (REF, Classified By, E.O., TAGS) comes after the cursor's line and blank lines."""
    kinds = cursor.kinds
    pos = cursor.pos + 1
    while pos < len(kinds) and pos - cursor.pos <= 3 and kinds[pos] is K.BLANK:
        pos += 1
    return pos < len(kinds) and kinds[pos] in _FIELD_KINDS


def _said(office: str, offices: list[str]) -> bool:
    """Whether the words of *office* all stand in *offices* already (a repeated head's office line)."""
    words = {word for line in offices for word in line.split()}
    return all(word in words for word in office.split())


HEAD_RULES: Final[Mapping[TokenKind, HeadRule]] = {
    K.BLANK: _skip,
    K.END: _skip,
    K.BT: _skip,
    K.DATELINE: _dateline,
    K.BANNER: _banner,
    K.CLASSIFICATION: _classification,
    K.CAVEAT: _caveat,
    K.PAGE_BREAK: _page_break,
    K.PAGE: _page_break,
    K.EO: _eo,
    K.TAGS: _tags,
    K.SUBJECT: _subject,
    K.REF: _ref,
    K.CLASSIFIED_BY: _classified_by,
    K.TEXT: _office,
    K.TO: _office,  # passing lines: "TO THE DEPUTY SECRETARY FROM …" (the header was read before the head)
    K.INFO: _office,
    K.RECIPIENT: _office,  # an office line that reads as an addressee (``ROSTOW/WILLSON``)
}
"""The rule for each kind of line that can stand in the head; any other kind ends it."""


# --- helpers -------------------------------------------------------------------------------------------------

_FIELD_KINDS: Final = frozenset({K.EO, K.TAGS, K.REF, K.CLASSIFIED_BY})
_BREAK_KINDS: Final = frozenset({K.PAGE_BREAK, K.PAGE})
_TAG_CODES = re.compile(r"(?![^\n]{0,200}[ ]FOR[ ])[ \t]*+[A-Z]{2,6}(?:[ ]?[, ][ ]?[A-Z]{2,6}){2,24}+[ \t,]*+")
_MARKED_SENTENCE = re.compile(r"\((?:U|C|S|SBU|TS|LOU)(?:/{1,2}[A-Z]{1,6})?\)[ ]++[A-Z][a-z]")
_PROSE = re.compile(r"[A-Z][a-z]{1,12}+(?:[ ][a-z]{2,15}+){3}(?![A-Za-z])")
"""An unmarked sentence's opening: a capitalised word and three lower-case words (``As requested in reftel``)."""
_WORDS_KINDS: Final = frozenset({K.TEXT, K.ROUTING_CONTINUED})  # a line of words (``REFORMS`` reads as routing)
_CAVEAT_STARTS: Final = tuple({word.split()[0] for word in CAVEAT_WORDS})
_LEADING_CAVEATS = re.compile(rf"(?:{CAVEAT_PATTERN})(?![^ ,;])(?:[ ,;]++(?:{CAVEAT_PATTERN})(?![^ ,;]))*+")
_ADDRESSED = re.compile(r"[ \t]*+(?:(?:[A-Z][A-Z/&.-]{0,15}[ ]){1,4}?FOR[ ]|(?:PLEASE[ ])?PASS[ ]TO[ ])[A-Z]")
_DATE_GOES_ON = re.compile(r"[ ]?\d{1,2},[ ]\d{4}\b")  # "4, 2006." under "… FROM MARCH 1 TO"
_UPPER_WORDS = re.compile(r"[A-Z0-9\"][A-Z0-9 ,.'\"&/()-]{0,100}")
_NOT_SUBJECT = re.compile(r"^(?:[A-Z/&.-]{1,12}[ ]){1,3}FOR[ ]|\.\.\.$|\d{5}")  # an office line, a cut line, a serial
_RULE_OR_MARKING = re.compile(r"[-=_*~]{3}|\((?:U|C|S|SBU|TS|S//NF|C//NF|S/NF|C/NF)\)")
_REASONS = re.compile(r"\d[ ]?\.[ ]?\d(?:[^A-Za-z0-9\n]{0,4}[a-hA-H](?![A-Za-z]))+")
_MORE_REASONS = re.compile(r"(?:(?:and|AND|&|or|OR)\b|[(),.;&/ ]|[a-hA-H]\b|\d[ ]?\.[ ]?\d){1,30}")
_HANDLING = re.compile(
    r"(?:SENSITIVE[ ]BUT[ ]UNCLASSIFIED|C[ ]?O[ ]?R[ ]?R[ ]?E[ ]?C[ ]?T[ ]?E[ ]?D[ ]{1,3}C[ ]?O[ ]?P[ ]?Y)\b",
    re.IGNORECASE)
"""A handling line, which may stand among the head's fields (``SENSITIVE BUT UNCLASSIFIED. PLEASE HANDLE …``)."""
_HANDLING_LEAD = re.compile(r"(?:\((?:U|SBU)\)[ ]?)?(?:THIS[ ](?:MESSAGE|CABLE|TELEGRAM)[ ]IS[ ])?", re.IGNORECASE)
"""What may open a handling sentence before :data:`_HANDLING` (``(U) THIS CABLE IS SENSITIVE BUT …``)."""
_HANDLING_LEAD_BEFORE = re.compile(rf"{_HANDLING_LEAD.pattern}$", re.IGNORECASE)
_RELABELLED_REF = re.compile(
    r"[ \t]*+[A-Za-z]{1,8}+[ ]?:[ ]*+(?=\(?A[.)][ ]++(?:\d\d[ ]++)?[A-Z][A-Z.'&-]*+(?:[ ][A-Z][A-Z.'&-]*+){0,3}"
    r"[ ]++\d{1,7}+(?![0-9A-Za-z])[^\n]{0,80}?[ ,;]\(?B[.)][ ])")
"""A labelled REF list (``A) ROME 12, B) …``) under a short label that is no field's (``Q:``, ``REFREF:``): the
match ends where the list starts."""
_RELEASE_RECORD = re.compile(r"\|[ ]?\d\d[A-Z]{2,}+\d{1,7}(?![A-Za-z])")
"""The release's list of referenced cables (``|09ROME34``) glued after a REF list: its record of the cable follows."""
_SUBJECT_MARKING = re.compile(r"\((?:U|C|S|TS|SBU|LOU|[A-Z]{1,4}(?:/{1,2}[A-Z]{1,6}){1,3})\)[ ]*+")
_DATELINE_PARTS = re.compile(r"(\d{1,2}) ([A-Z][a-z]+) (\d{4}), (\d\d):(\d\d)")


def office_like(line: str) -> bool:
    """Whether a head line reads as an office or passing line (upper case, words and office codes).

    >>> office_like("STATE FOR SCA/CEN, S/SRAP, INL"), office_like("#### garbage ####")
    (True, False)
    """
    chars = line.replace(" ", "")
    usual = sum(c.isalnum() or c in "/,.()-'&:;" for c in chars)
    upper = sum(c.isupper() for c in chars)
    lower = sum(c.islower() for c in chars)
    return usual * 10 >= len(chars) * 8 and upper >= lower


def subject_of(text: str) -> str | None:
    """The subject from the text of a SUBJECT field: blanks collapsed, a leading marking dropped.

    >>> subject_of("(C)  JORDAN: KING  DISCUSSES TALKS")
    'JORDAN: KING DISCUSSES TALKS'
    """
    text = " ".join(text.split())
    m = _SUBJECT_MARKING.match(text)
    if m:
        text = text[m.end():]
    return text or None


def dateline_date(value: str) -> datetime | None:
    """The date of a newspaper dateline, ``None`` when it holds no valid one.

    >>> dateline_date("Friday, 23 February 2001, 15:53")
    datetime.datetime(2001, 2, 23, 15, 53, tzinfo=datetime.timezone.utc)
    """
    m = _DATELINE_PARTS.search(value)
    if m is None or m.group(2) not in MONTH_NAMES:
        return None
    month = MONTH_NAMES.index(m.group(2)) + 1
    return parse_date(f"{m.group(3)}-{month:02d}-{int(m.group(1)):02d} {m.group(4)}:{m.group(5)}")

