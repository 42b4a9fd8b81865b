"""``parse()``: from any cable text to a :class:`~cablekit.Cable`.

One parser serves both modes.  Every repair goes through one choke point
(:class:`cablekit._context.Context`), which records a
:class:`~cablekit.Defect`; strict mode then raises
:class:`~cablekit.CableParseError` carrying them all, lenient mode returns
them on :attr:`Cable.defects`.
"""

from __future__ import annotations

import logging
import re
from typing import Final

from . import _kinds as K
from ._context import Context
from .body import parse_body, summary_of
from .defects import DefectCode as D
from .errors import CableParseError
from .fields import (
    classification_of,
    parse_banner,
    parse_caveats,
    parse_classifier,
    parse_eo,
    parse_references,
    parse_tags,
    strip_links,
)
from .header import HEADER_KINDS, is_header_text, parse_header, security_level
from .model import Banner, Cable, Classification, Classifier, ExecutiveOrder, Header, Metadata, Mode, Tag
from .repairs import repair_lines
from .tokens import Token, TokenKind, classify, tokenize
from .wrappers import parse_date, unwrap

__all__ = ["parse"]

log = logging.getLogger("cablekit")

_STRONG_HEADER: Final = frozenset({K.TRANSMISSION, K.DE, K.DTG, K.FROM,
                                   K.SECURITY, K.PAGE})
_OLD_HEADER_LINE = re.compile(
    r"(?:ACTION[ ]++[A-Z]{1,6}-\d\d.{0,300}"  # ACTION EUR-12 …
    r"|(?:[A-Z]{1,6}-\d\d[ ]++){1,20}(?:/\d{3}[ ]?[A-Z]?)?"  # continued office codes: CTME-00  DINT-00 …
    r"|[ ]*+/\d{3}[ ]?[A-Z]?"
    r"|-{5,}[ ]*+[A-Z0-9]{0,10}[ ]*+(?:\d{6}Z)?[ ]*+/\d+"  # ------------------A54E38  291401Z /38
    r"|[RPOZ](?:[ ]?[RPOZ])?[ ]\d{6}Z[ ][A-Z]{3}[ ]\d\d[ ].{1,20}"  # a DTG with a trailer
    r"|\d{6}Z[ ][A-Za-z]{3}[ ]\d\d"  # 291359Z Nov 00
    r"|(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED[ ]OFFICIAL[ ]USE)[ ]++[A-Z]{2,4}\d{3,6}"  # CONFIDENTIAL PTQ1859
    r"|[A-Z0-9]{1,8})[ ]*+"  # a stray code left by a collapsed header
)
_FIELD_KINDS: Final = frozenset({K.EO, K.TAGS, K.SUBJECT, K.REF,
                                 K.CLASSIFIED_BY, K.BANNER, K.CAVEAT,
                                 K.PARAGRAPH, K.PAGE_BREAK, K.PAGE})
_REF_LABEL_START = re.compile(r"[ \t]*+(?:\([A-Z]\)|[A-Z][.)])[ \t]")
_CLASSIFIED_BY_TEXT = re.compile(r"[ \t]*+(?i:CLASSIFIED[ ]++BY)\b[ \t]*+:?", re.IGNORECASE)
_POST_PREFIX = re.compile(r"(?:AMEMBASSY|AMCONSUL|AMCONGEN|USMISSION|USDEL|USOFFICE|AMEMB|SEC)[ ]++")


def _mode(mode: Mode | str) -> Mode:
    if isinstance(mode, Mode):
        return mode
    try:
        return Mode(str(mode).lower())
    except ValueError:
        raise ValueError(f"mode must be 'strict' or 'lenient', not {mode!r}") from None


def parse(text: str, *, mode: Mode | str = Mode.LENIENT, reference_id: str | None = None) -> Cable:
    """Parse the text of a cable into a :class:`~cablekit.Cable`.

    *text* may be a bare cable or a cable as published: a WikiLeaks page, a
    CSV row of the release, a JSON record, text with page metadata around it.

    In lenient mode (the default) this never raises on a :class:`str`: what
    had to be repaired is listed on :attr:`Cable.defects`.  In strict mode
    it raises :class:`~cablekit.CableParseError` when the text holds anything
    lenient mode would repair.  *reference_id* is a hint (e.g. from a CSV
    column): it wins over the id the text states.

    >>> import cablekit
    >>> cable = cablekit.parse(
    ...     "C O N F I D E N T I A L SECTION 01 OF 02 AMMAN 000713\\n"
    ...     "\\n"
    ...     "SUBJECT: JORDAN: KING DISCUSSES\\n"
    ...     "REGIONAL TALKS\\n"
    ...     "\\n"
    ...     "11. (C) Summary: The King spoke. End Summary.\\n"
    ... )
    >>> cable.subject, cable.paragraphs[0].number, cable.summary
    ('JORDAN: KING DISCUSSES REGIONAL TALKS', 1, 'The King spoke.')
    >>> [d.code for d in cable.defects]
    ['paragraph-marker-digit']
    """
    chosen = _mode(mode)
    if not isinstance(text, str):
        raise TypeError(f"parse() needs a str, not {type(text).__name__}")
    ctx = Context()
    try:
        cable = _parse(text, ctx, reference_id)
    except Exception as error:  # the lenient promise: a bug must not take the caller down
        log.exception("cablekit could not parse a text; returning what it had")
        ctx.at_source_line(D.PARSER_ERROR, f"cablekit failed on this text ({type(error).__name__}: {error})",
                   line=1)
        cable = Cable(reference_id=reference_id, defects=tuple(ctx.defects))
    if chosen is Mode.STRICT and cable.defects:
        raise CableParseError.from_defects(cable.defects)
    return cable


def _parse(text: str, ctx: Context, reference_id: str | None) -> Cable:
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        ctx.at_source_line(D.LINE_ENDINGS, "Windows (CRLF) or old Mac (CR) line endings", line=line,
                   text=text.splitlines()[line - 1] if text.splitlines() else "")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    source = unwrap(text, ctx)
    repair_lines(source, ctx)
    ctx.set_line_map(source.line_map)
    values = source.lines[:-1] if source.lines[-1:] == [""] else source.lines  # the text's last line ending
    return _Builder(values, ctx, source.metadata).build(reference_id or source.reference_id)


class _Builder:
    """Walks the lines once: header, head, body.

    Only head lines are made into tokens (when their fields are needed); the body
    is read from the kinds of its lines.
    """

    def __init__(self, values: list[str], ctx: Context, metadata: Metadata | None) -> None:
        self.values = values
        self.kinds = classify(values)
        self._tokens: dict[int, Token] = {}
        self.ctx = ctx
        self.metadata = metadata
        self.pos = 0
        self.page: Token | None = None
        self.banner_line = 1

    # -- helpers ----------------------------------------------------------------
    def tok(self, pos: int) -> Token:
        """The token of line index *pos*."""
        token = self._tokens.get(pos)
        if token is None:
            token = self._tokens[pos] = Token(self.kinds[pos], pos + 1, self.values[pos])
        return token

    def _peek_kind(self, pos: int) -> TokenKind | None:
        kinds = self.kinds
        while pos < len(kinds) and kinds[pos] is K.BLANK:
            pos += 1
        return kinds[pos] if pos < len(kinds) else None

    def _dateline(self, value: str) -> None:
        created = parse_date(_dateline_iso(value))
        if created is None:
            return
        old = self.metadata
        if old is None:
            self.metadata = Metadata(created=created)
        elif old.created is None:
            self.metadata = Metadata(identifier=old.identifier, created=created,
                                     classification=old.classification, origin=old.origin, title=old.title)

    def _continuation(self, first: str, *, refs: bool = False) -> tuple[str, int]:
        """Join a field's continuation lines; returns the text and the line of the field."""
        kinds, values = self.kinds, self.values
        line = self.pos + 1
        parts = [first]
        pos = self.pos + 1
        while pos < len(kinds):
            kind = kinds[pos]
            if kind is K.BLANK:
                if refs:
                    nxt = pos
                    while nxt < len(kinds) and kinds[nxt] is K.BLANK:
                        nxt += 1
                    if nxt < len(kinds) and kinds[nxt] is K.TEXT and \
                            _REF_LABEL_START.match(strip_links(values[nxt])):
                        pos = nxt
                        continue
                break
            if kind in _FIELD_KINDS and not (refs and kind is K.PARAGRAPH
                                             and self.tok(pos).group("p_prefix")):
                break
            parts.append(values[pos])
            pos += 1
        self.pos = pos
        joined = " ".join(" ".join(p.split()) for p in parts if p.strip())
        return joined, line

    # -- header ---------------------------------------------------------------
    def _header(self) -> Header | None:
        kinds, values = self.kinds, self.values
        pos = self.pos
        while pos < len(kinds) and kinds[pos] in (K.BLANK, K.DATELINE):
            if kinds[pos] is K.DATELINE:
                self._dateline(values[pos])
            pos += 1
        start = pos
        taken: list[Token] = []
        in_list = False
        while pos < len(kinds):
            kind = kinds[pos]
            if kind is K.BLANK:
                nxt = self._peek_kind(pos)
                if (nxt in HEADER_KINDS and nxt is not K.ROUTING_CONTINUED) or nxt is K.PAGE:
                    in_list = False
                    pos += 1
                    continue
                break
            if kind in HEADER_KINDS or kind is K.PAGE:
                in_list = kind in (K.TO, K.INFO) or (in_list and kind in (
                    K.RECIPIENT, K.XMT, K.ROUTING_CONTINUED))
            elif kind is K.DATELINE:
                self._dateline(values[pos])
            elif kind is K.TEXT and (
                _OLD_HEADER_LINE.fullmatch(values[pos].strip()) or (in_list and is_header_text(self.tok(pos)))
            ):
                pass
            else:
                break
            taken.append(self.tok(pos))
            pos += 1
        if not any(t.kind in _STRONG_HEADER for t in taken):
            self.pos = start
            return None
        for token in taken:
            if token.kind is K.TEXT and _OLD_HEADER_LINE.fullmatch(token.value.strip()) and \
                    token.value.strip()[:1] in ("R", "P", "O", "Z"):
                retyped = next(tokenize(token.value.strip().rsplit(" ", 1)[0]), None)
                if retyped is not None and retyped.kind is K.DTG:
                    dtg = Token(K.DTG, token.line, token.value, token.end)
                    dtg._match = retyped._matched()  # the fields of the line without its trailer
                    taken[taken.index(token)] = dtg
        self.pos = pos
        self.page = next((t for t in taken if t.kind is K.PAGE), None)
        return parse_header(taken, self.ctx)

    # -- the whole cable --------------------------------------------------------
    def build(self, reference_id: str | None) -> Cable:
        ctx = self.ctx
        kinds, values = self.kinds, self.values
        self.page = None
        header = self._header()

        banner: Banner | None = None
        banner_year: str | None = None
        level: Classification | None = None
        caveats: list[str] = []
        offices: list[str] = []
        eo: ExecutiveOrder | None = None
        tags: tuple[Tag, ...] = ()
        subject: str | None = None
        references_text: str | None = None
        references_line = 0
        classifier: Classifier | None = None
        late = False
        repeating = False
        seen: set[TokenKind] = set()
        link_lines: list[Token] = []

        while self.pos < len(kinds):
            kind = kinds[self.pos]
            if kind is K.BLANK or kind in (K.END, K.BT):
                self.pos += 1
                continue
            token = self.tok(self.pos)
            if kind is K.DATELINE:
                self._dateline(token.value)
                self.pos += 1
                continue
            if kind is K.BANNER:
                if banner is None and not late:
                    banner, banner_caveats, banner_year = parse_banner(token)
                    self.banner_line = token.line
                    level = banner.classification
                    caveats.extend(banner_caveats)
                elif late or banner is not None:
                    if not repeating:
                        ctx.at_line(D.HEAD_REPEATED, "the head block is printed a second time",
                                   line=token.line, text=token.value)
                    repeating = True
                    late = False
                    seen.clear()
                self.pos += 1
                continue
            if kind is K.CLASSIFICATION and not late:
                stated, more = classification_of(token.group("cl_level") or "")
                # Under a banner, a line restating its level (LIMITED OFFICIAL USE under UNCLAS)
                # is a head line that adds caveats; one stating another level is not.
                if banner is None or stated is level:
                    level = stated if banner is None else level
                    caveats.extend(more + parse_caveats(token.group("cl_tail") or ""))
                    self.pos += 1
                    continue
            if kind is K.CAVEAT and not late:
                caveats.extend(parse_caveats(token.value))
                self.pos += 1
                continue
            if kind in (K.PAGE_BREAK, K.PAGE) and (banner or header or late):
                ctx.at_line(D.PAGE_BREAK, f"page break line {token.value.strip()!r} in the head",
                           line=token.line, text=token.value)
                self.pos += 1
                continue
            if kind is K.EO and (token.group("eo_order") or ":" in token.value):
                late = True
                if kind not in seen or not repeating:
                    eo = eo if repeating and eo else parse_eo(token.value, token.group("eo_order"),
                                                               token.group("eo_rest") or "")
                seen.add(kind)
                self.pos += 1
                continue
            if kind is K.TAGS:
                late = True
                start = self.pos
                text, _ = self._continuation(token.group("tags") or "")
                link_lines.extend(self.tok(i) for i in range(start, self.pos) if "](#" in values[i])
                if not (repeating and tags):
                    tags = parse_tags(text)
                continue
            if kind is K.SUBJECT:
                late = True
                text, _ = self._continuation(token.group("subject") or "")
                if not (repeating and subject):
                    subject = _subject(text)
                continue
            if kind is K.REF:
                late = True
                start = self.pos
                text, line = self._continuation(token.group("ref") or "", refs=True)
                link_lines.extend(self.tok(i) for i in range(start, self.pos) if "](#" in values[i])
                if not (repeating and references_text):
                    references_text, references_line = text, line
                continue
            if kind is K.CLASSIFIED_BY:
                late = True
                text, _ = self._continuation(token.group("clby") or "")
                if not (repeating and classifier):
                    classifier = parse_classifier(text)
                continue
            if kind is K.TEXT and not late and (banner is not None or header is not None or repeating):
                if not repeating:
                    office = " ".join(token.value.split())
                    if not _office_like(office):
                        ctx.at_line(D.UNRECOGNIZED_LINE, f"line {office[:60]!r} in the head is not a known field",
                                   line=token.line, text=token.value, repair="kept with the office lines")
                    offices.append(office)
                self.pos += 1
                continue
            break
        del references_line

        body = parse_body(values, kinds, self.pos, ctx)
        paragraphs = tuple(body.paragraphs)
        caveats.extend(body.caveats)
        for token in link_lines:
            ctx.at_line(D.LINK_ARTIFACT, "Markdown link debris in a field", line=token.line,
                       column=token.value.find("](#") + 1, text=token.value)

        if classifier is None:
            for paragraph in paragraphs[:3]:
                m = _CLASSIFIED_BY_TEXT.match(paragraph.text)
                if m:
                    classifier = parse_classifier(paragraph.text[m.end():])
                    break

        if level is None and header is not None and header.security:
            level, _ = classification_of(security_level(header.security) or "")
        if level is None and self.metadata is not None and self.metadata.classification:
            level, _ = classification_of(self.metadata.classification)

        final_id = self._choose_id(reference_id, *self._reference_id(header, banner, banner_year))
        year = final_id[:2] if final_id and final_id[:2].isdigit() else None
        references = parse_references(references_text, year) if references_text else ()

        if (header is None and banner is None and level is None and not tags and subject is None
                and eo is None and not references and classifier is None
                and not any(p.number is not None for p in paragraphs)):
            first = next((i for i, kind in enumerate(kinds) if kind is not K.BLANK), None)
            ctx.at_line(D.NO_CABLE, "no cable found: no header, banner, head field or numbered paragraph",
                       line=1 if first is None else first + 1, text="" if first is None else values[first])

        return Cable(
            reference_id=final_id,
            header=header,
            banner=banner,
            classification=level,
            caveats=tuple(dict.fromkeys(c for c in caveats if c)),
            offices=tuple(o for o in offices if o),
            eo=eo,
            tags=tags,
            subject=subject,
            references=references,
            classified_by=classifier,
            paragraphs=paragraphs,
            summary=summary_of(paragraphs),
            signers=tuple(body.signers),
            metadata=self.metadata,
            defects=tuple(sorted(ctx.defects, key=lambda d: (d.line, d.column))),
        )

    def _choose_id(self, given: str | None, year: str | None, post: str | None, line: int) -> str | None:
        """Pick the reference id: the caller's, else the text's, else the publication's; report conflicts."""
        given = given.strip() or None if given is not None else None
        stated = self.metadata.identifier if self.metadata is not None else None
        derived = f"{year}{post}" if year and post else None
        for other, whose, kept in ((given, "was given", "the given reference id is kept"),
                                   (stated, "the publication states", "the text's reference id is kept")):
            if other is None or post is None:
                continue
            agrees = other.upper() == derived.upper() if derived else other.upper().endswith(post.upper())
            if not agrees:
                text_id = derived or f"…{post}"
                self.ctx.at_line(D.REFERENCE_ID_MISMATCH, f"the text states {text_id!r}, but {other!r} {whose}",
                                line=line, repair=kept if given is None or other is given else
                                "the given reference id is kept")
                if other is given:
                    break
        if given:
            return given
        if derived:
            return derived
        if stated and (post is None or stated.upper().endswith(post.upper())):
            return stated
        return None

    def _reference_id(self, header: Header | None, banner: Banner | None,
                      banner_year: str | None) -> tuple[str | None, str | None, int]:
        """The year, the origin+serial the text states, and the line stating them."""
        year = banner_year
        if year is None and header is not None and header.dtg is not None:
            year = f"{header.dtg.year % 100:02d}"
        if year is None and self.metadata is not None and self.metadata.created is not None:
            year = f"{self.metadata.created.year % 100:02d}"
        origin: str | None = None
        serial: int | None = None
        line = 1
        if banner is not None and banner.serial:
            origin, serial, line = banner.origin, banner.serial, self.banner_line
        elif self.page is not None:
            origin = self.page.group("pg_origin")
            serial = int(self.page.group("pg_serial") or 0) or None
            line = self.page.line
        elif header is not None and header.origin and header.station_serial:
            origin, serial = _POST_PREFIX.sub("", header.origin), header.station_serial
        if origin is None or not serial:
            return year, None, line
        origin = "".join(origin.split())
        if origin.startswith("SECSTATE"):  # SECSTATE, or the sending office SECSTATE WASHDC
            origin = "STATE"
        return year, f"{origin}{serial}", line


_SUBJECT_MARKING = re.compile(r"\((?:U|C|S|TS|SBU|LOU|[A-Z]{1,4}(?:/{1,2}[A-Z]{1,6}){1,3})\)[ ]*+")
_DATELINE_PARTS = re.compile(r"(\d{1,2}) ([A-Z][a-z]+) (\d{4}), (\d\d):(\d\d)")


def _office_like(line: str) -> bool:
    """Whether a head line reads as an office or passing line (upper case, words and office codes)."""
    chars = line.replace(" ", "")
    usual = sum(c.isalnum() or c in "/,.()-'&:;" for c in chars)
    upper = sum(c.isupper() for c in chars)
    lower = sum(c.islower() for c in chars)
    return usual * 10 >= len(chars) * 8 and upper >= lower


def _subject(text: str) -> str | None:
    text = " ".join(text.split())
    m = _SUBJECT_MARKING.match(text)
    if m:
        text = text[m.end():]
    return text or None


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def _dateline_iso(value: str) -> str:
    m = _DATELINE_PARTS.search(value)
    if m is None or m.group(2) not in _MONTHS:
        return ""
    month = _MONTHS.index(m.group(2)) + 1
    return f"{m.group(3)}-{month:02d}-{int(m.group(1)):02d} {m.group(4)}:{m.group(5)}"
