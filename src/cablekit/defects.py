"""The registry of defect codes.

Each :class:`~cablekit.Defect` carries one of the codes below.  Codes are
stable: they are part of the public API and will not be renamed.  The table
is data, so the documentation is generated from it and cannot drift.

>>> from cablekit import DEFECT_CODES
>>> DEFECT_CODES["paragraph-marker-digit"].summary
"paragraph marker whose pilcrow turned into a leading digit ('11.' for paragraph 1)"
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType

import attrs

__all__ = ["DEFECT_CODES", "DefectCode", "DefectKind"]


class DefectCode(enum.StrEnum):
    """Every defect code, as an enum: ``DefectCode.PAGE_BREAK == "page-break"``.

    A :class:`~cablekit.Defect` holds its code as a plain string; the members
    compare equal to those strings, so either spelling works in user code, and a
    mistyped member name fails at once (and under a type checker) where a
    mistyped string would silently match nothing.  What each code means is in
    :data:`DEFECT_CODES` and in the defect reference.

    >>> from cablekit import DefectCode
    >>> DefectCode.PARAGRAPH_MARKER_DIGIT == "paragraph-marker-digit"
    True
    >>> DefectCode("page-break")
    <DefectCode.PAGE_BREAK: 'page-break'>
    """

    PUBLICATION_WRAPPER = "publication-wrapper"
    ENCODING_GUESSED = "encoding-guessed"
    SEVERAL_CABLES = "several-cables"
    HTML_MARKUP = "html-markup"
    MOJIBAKE = "mojibake"
    LINE_ENDINGS = "line-endings"
    WHITESPACE = "whitespace"
    TRAILING_WHITESPACE = "trailing-whitespace"
    COLLAPSED_LINES = "collapsed-lines"
    GLUED_LINE = "glued-line"
    INDENTED_TEXT = "indented-text"
    LINK_ARTIFACT = "link-artifact"
    CLASSIFICATION_SPACING = "classification-spacing"
    PARAGRAPH_MARKER_DIGIT = "paragraph-marker-digit"
    PARAGRAPH_MARKER_PILCROW = "paragraph-marker-pilcrow"
    PARAGRAPH_MARKER_LINK = "paragraph-marker-link"
    PARAGRAPH_MARKER_PUNCTUATION = "paragraph-marker-punctuation"
    PARAGRAPH_MARKER_SPACING = "paragraph-marker-spacing"
    PARAGRAPH_NUMBER_UNEXPECTED = "paragraph-number-unexpected"
    PAGE_BREAK = "page-break"
    PARAGRAPH_SPLIT = "paragraph-split"
    HEAD_REPEATED = "head-repeated"
    REFERENCE_ID_MISMATCH = "reference-id-mismatch"
    REFERENCE_ID_NONCANONICAL = "reference-id-noncanonical"
    STATION_MISMATCH = "station-mismatch"
    TEXT_TRUNCATED = "text-truncated"
    UNRECOGNIZED_LINE = "unrecognized-line"
    TAG_FUSED = "tag-fused"
    PARSER_ERROR = "parser-error"
    NO_CABLE = "no-cable"
    INCONSISTENT_DATE = "inconsistent-date"
    INCONSISTENT_SERIAL = "inconsistent-serial"
    INCONSISTENT_SECTION = "inconsistent-section"
    INCONSISTENT_CLASSIFICATION = "inconsistent-classification"
    INCONSISTENT_MARKING = "inconsistent-marking"
    INCONSISTENT_STATION = "inconsistent-station"
    INCONSISTENT_DECLASSIFICATION = "inconsistent-declassification"
    INCONSISTENT_CLASSIFIED_BY = "inconsistent-classified-by"
    INCONSISTENT_REFERENCE_DATE = "inconsistent-reference-date"
    INCONSISTENT_CREATED = "inconsistent-created"


@attrs.frozen(kw_only=True)
class DefectKind:
    """The documentation of one defect code."""

    code: str = attrs.field(converter=str)
    """The stable kebab-case code (a :class:`DefectCode` value, as a plain string)."""
    summary: str
    """What the defect is."""
    repair: str
    """What lenient mode does about it."""
    example: str
    """A made-up line showing the damage."""
    damage: bool = True
    """Whether the defect is damage to the cable text, which strict mode rejects.

    ``False`` for what needs no repair: a fact about the way the cable was
    published (its envelope: a web page, a CSV row, page metadata), its layout
    (blanks at the ends of lines), or the cable itself (two copies of a fact
    that disagree, a gap in the paragraph numbers, a head line kept as it is,
    TAGS codes typed as one word, an id the caller gave that the text does not
    state).  Lenient and strict mode both record it, and strict mode accepts
    the text (the ``inconsistent-…`` codes too, unless ``parse(…, check="fatal")``).
    """
    cause: str = ""
    """A real-world cause of the defect, for the codes whose cause is not plain from the summary."""

    @property
    def consistency(self) -> bool:
        """Whether the code is a consistency check's (``inconsistent-…``): see :mod:`cablekit.consistency`."""
        return self.code.startswith("inconsistent-")


_KINDS = (
    DefectKind(
        code=DefectCode.PUBLICATION_WRAPPER,
        summary="the cable is wrapped in a publication: a web page, a CSV row, a JSON record, "
        "flattened page metadata or a converter's header lines",
        repair="the cable text is taken out of the wrapper; what the wrapper states goes to Cable.metadata",
        example="Identifier / Created / Classification / Origin … pdf how-to read a cable",
        damage=False,
    ),
    DefectKind(
        code=DefectCode.ENCODING_GUESSED,
        summary="the file's bytes are not UTF-8: their encoding was guessed (cablekit.io reads files)",
        repair="the bytes are decoded with the encoding a detector (charset-normalizer) finds most likely, "
        "named in the message; a wrong guess shows as mojibake",
        example="b'SUBJECT: D\\xc9MARCHE' (Windows-1252 bytes)",
        damage=False,
    ),
    DefectKind(
        code=DefectCode.SEVERAL_CABLES,
        summary="one file holds several cables, one after another (cablekit.io reads files)",
        repair="the file is cut before each transmission header or opening banner that follows a cable; "
        "each piece is parsed as a cable of its own",
        example="a text file of cables pasted one after another",
        damage=False,
    ),
    DefectKind(
        code=DefectCode.HTML_MARKUP,
        summary="HTML tags or character entities left in the text",
        repair="tags are removed and entities decoded",
        example="TAGS: <a href='/tag/PREL_0.html'>PREL</a> &quot;",
    ),
    DefectKind(
        code=DefectCode.MOJIBAKE,
        summary="text decoded with the wrong character set (UTF-8 read as Windows-1252)",
        repair="the damaged sequences are decoded again",
        example="Â¶3. (C) The minister said it isnâ€™t so.",
    ),
    DefectKind(
        code=DefectCode.LINE_ENDINGS,
        summary="Windows (CRLF) or old Mac (CR) line endings, or Unicode line separators (U+2028)",
        repair="lines are read as if they ended in LF",
        example="TAGS: PREL PGOV\\r\\n",
    ),
    DefectKind(
        code=DefectCode.WHITESPACE,
        summary="tabs, non-breaking spaces or other unusual spaces",
        repair="they are read as plain spaces",
        example="TAGS:\\tPREL\\u00a0PGOV",
    ),
    DefectKind(
        code=DefectCode.TRAILING_WHITESPACE,
        summary="blanks at the end of lines",
        repair="they are ignored",
        example="SIPDIS   ",
        damage=False,
    ),
    DefectKind(
        code=DefectCode.COLLAPSED_LINES,
        summary="the line breaks of the cable were lost (a dump that collapsed whitespace)",
        repair="line breaks are put back before the fields and paragraph markers they ran into",
        example="TAGS: PGOV PREL ZISUBJECT: THE END  ¶1. (C) Having said…",
    ),
    DefectKind(
        code=DefectCode.GLUED_LINE,
        summary="two lines glued together without a line break",
        repair="the line is split where the second one starts",
        example="INFO RUEHXX/AMEMBASSY ROME PRIORITYFriday, 23 February 2001, 15:53",
    ),
    DefectKind(
        code=DefectCode.INDENTED_TEXT,
        summary="every line of the cable (perhaps but its header and banner) opens with the same blanks",
        repair="the blanks they share are removed, as textwrap.dedent does",
        example="   E.O. 12958: DECL: 05/01/2016\\n   TAGS: PREL\\n   SUBJECT: TALKS",
        damage=False,
    ),
    DefectKind(
        code=DefectCode.LINK_ARTIFACT,
        summary="Markdown link debris left by a converter, e.g. [PGOV](#) or [1](#)",
        repair="the link syntax is removed and its text kept",
        example="TAGS: [PGOV](#) [PREL](#)",
    ),
    DefectKind(
        code=DefectCode.CLASSIFICATION_SPACING,
        summary="the letters of a classification word spaced unevenly ('SE C R E T')",
        repair="the level is read from its letters, blanks left out",
        example="CO N F I D E N T I A L SECTION 01 OF 02 RIGA 000123",
    ),
    DefectKind(
        code=DefectCode.PARAGRAPH_MARKER_DIGIT,
        summary="paragraph marker whose pilcrow turned into a leading digit ('11.' for paragraph 1)",
        repair="the number is read from the sequence of paragraphs",
        example="14. (C) … standing where paragraph 4 belongs",
    ),
    DefectKind(
        code=DefectCode.PARAGRAPH_MARKER_PILCROW,
        summary="paragraph marker that kept its pilcrow and gained a stray digit ('¶16.' for paragraph 6)",
        repair="the number is read from the sequence of paragraphs",
        example="¶16. (SBU) … standing where paragraph 6 belongs",
    ),
    DefectKind(
        code=DefectCode.PARAGRAPH_MARKER_LINK,
        summary="paragraph marker preceded by a Markdown link left from the pilcrow ('[1](#)2.')",
        repair="the link is dropped and the number read after it",
        example="[1](#)2. (SBU) …",
    ),
    DefectKind(
        code=DefectCode.PARAGRAPH_MARKER_PUNCTUATION,
        summary="paragraph number closed by a comma or other slip instead of a period ('2,')",
        repair="the marker is read as if it had a period",
        example="2, (SBU) …",
    ),
    DefectKind(
        code=DefectCode.PARAGRAPH_MARKER_SPACING,
        summary="no space between the paragraph number and its marking ('4.(C)')",
        repair="the marker and marking are read apart",
        example="4.(C) …",
    ),
    DefectKind(
        code=DefectCode.PARAGRAPH_NUMBER_UNEXPECTED,
        summary="a paragraph number that does not follow the one before it",
        repair="the number is kept as written",
        example="3. … followed by 7. …",
        damage=False,
    ),
    DefectKind(
        code=DefectCode.PAGE_BREAK,
        summary="a page or section break line inside the text",
        repair="the line is left out of the paragraph text; the paragraph continues after it",
        example="AMMAN 00000713 002 OF 003",
    ),
    DefectKind(
        code=DefectCode.PARAGRAPH_SPLIT,
        summary="a blank line inside a sentence, splitting a paragraph",
        repair="kept by parse(); normalize() joins the two parts",
        example="because each\\n\\ncountry has a veto.",
    ),
    DefectKind(
        code=DefectCode.HEAD_REPEATED,
        summary="the head block (banner … Classified By) printed twice",
        repair="the repetition is dropped",
        example="C O N F I D E N T I A L … (a second time)",
    ),
    DefectKind(
        code=DefectCode.REFERENCE_ID_MISMATCH,
        summary="the reference id given to parse(), or the one a publication states, differs from the one "
        "the text states",
        repair="the given reference id is kept; over a publication's, the text's is kept",
        example="parse(text, reference_id='08AMMAN714') on 08AMMAN713",
        damage=False,
    ),
    DefectKind(
        code=DefectCode.REFERENCE_ID_NONCANONICAL,
        summary="the reference id a publication states is not written canonically: a banner fragment or a "
        "channel word read into it, an office word, a four-digit year, leading zeros",
        repair="the cable's reference id is the canonical one; the id as published stays in Cable.metadata",
        example="Reference ID: 09EFTOLONDON2858 (canonically 09LONDON2858)",
        damage=False,
    ),
    DefectKind(
        code=DefectCode.STATION_MISMATCH,
        summary="the post the cable text names (FM line, id, DE routing indicator) is not the origin the "
        "publication states",
        repair="the text's post is kept as Cable.station; the publication's stays in Cable.metadata",
        example="FM AMEMBASSY CHISINAU … Origin: Embassy Ulaanbaatar",
        damage=False,
    ),
    DefectKind(
        code=DefectCode.TEXT_TRUNCATED,
        summary="the text ends at a cut: its last line is an ellipsis, or breaks off in a word followed by one",
        repair="the text is kept as far as it goes; an ellipsis line is left out of it and kept in the defect",
        example="4. (C) The minister said that the talks would resume in...",
    ),
    DefectKind(
        code=DefectCode.UNRECOGNIZED_LINE,
        summary="a line in the head of the cable that matches no known field",
        repair="the line is kept with the office lines",
        example="#### garbage in the head ####",
        damage=False,
    ),
    DefectKind(
        code=DefectCode.TAG_FUSED,
        summary="a word of the TAGS line made of TAGS codes run together, as the cable was published "
        "('ITPHUM' for IT and PHUM)",
        repair="the word is read as the codes it is made of, when every piece is a code of cablekit's TAGS table",
        example="TAGS: PREL ITPHUM ECONEFIN",
        damage=False,
    ),
    DefectKind(
        code=DefectCode.PARSER_ERROR,
        summary="cablekit itself failed on this text (a bug: please report it with the text)",
        repair="the cable is returned with what was decoded before the failure",
        example="(any text that trips a bug)",
    ),
    DefectKind(
        code=DefectCode.NO_CABLE,
        summary="the text holds nothing recognizable as a cable",
        repair="an empty Cable is returned; any text is kept as one unnumbered paragraph",
        example="(an empty string, or random text)",
    ),
    DefectKind(
        code=DefectCode.INCONSISTENT_DATE,
        summary="the DE line's day of the year is more than a day away from the date-time group's date "
        "(a day either way is the day boundary: a cable filed before midnight and sent after it)",
        repair="both are kept: Header.julian_day and Header.dtg say what each line states",
        example="DE RUEHAM #0713/01 0571502 … P 151502Z FEB 08 (day 057 is 26 Feb)",
        damage=False,
        cause="a slip in the date-time group typed by hand, or a cable sent again days later under its old DTG",
    ),
    DefectKind(
        code=DefectCode.INCONSISTENT_SERIAL,
        summary="the DE line's serial (its last four digits) or a page-break line's serial is not the banner's "
        "(without a banner, the id's)",
        repair="all are kept; the banner's serial names the cable",
        example="DE RUEHAM #0714 … CONFIDENTIAL AMMAN 000713",
        damage=False,
        cause="a page that prints one cable's header or page breaks with another cable's body, or a serial "
        "mistyped when the cable was re-keyed",
    ),
    DefectKind(
        code=DefectCode.INCONSISTENT_SECTION,
        summary="the DE line's section (#0713/02) is not the banner's (SECTION 01 OF 02)",
        repair="both are kept: Header.section and Banner.section",
        example="DE RUEHAM #0713/02 … C O N F I D E N T I A L SECTION 01 OF 02 AMMAN 000713",
        damage=False,
        cause="the sections of a long cable put together in the wrong order, or one section's header over another",
    ),
    DefectKind(
        code=DefectCode.INCONSISTENT_CLASSIFICATION,
        summary="the security line (ZNY CCCCC), the banner and the publication's metadata do not state the "
        "same level",
        repair="the banner's level is the cable's (else the security line's, else the publication's)",
        example="ZNY CCCCC ZZH … S E C R E T AMMAN 000713",
        damage=False,
        cause="a cable upgraded or downgraded after it was sent, or a publication that records the level wrong",
    ),
    DefectKind(
        code=DefectCode.INCONSISTENT_MARKING,
        summary="a paragraph is marked higher than the cable ((S) in a CONFIDENTIAL cable); the first one is "
        "named",
        repair="the marking stays on Paragraph.classification; the cable's level is kept",
        example="CONFIDENTIAL AMMAN 000713 … 3. (S) The minister said…",
        damage=False,
        cause="over-classification by the drafter, or a banner typed lower than the text it covers: the kind of "
        "mismatch a declassification review looks for",
    ),
    DefectKind(
        code=DefectCode.INCONSISTENT_STATION,
        summary="the banner (or the id), the FM line and the DE routing indicator name different posts "
        "(through cablekit's station table)",
        repair="all are kept; Cable.station is the post the FM line names",
        example="DE RUEHCH #0694 … FM AMEMBASSY ULAANBAATAR … ULAANBAATAR 000234",
        damage=False,
        cause="a page that carries one post's cable under another post's header, or a post sending through "
        "another's communications centre",
    ),
    DefectKind(
        code=DefectCode.INCONSISTENT_DECLASSIFICATION,
        summary="the E.O. line's declassification date comes before the cable's own date (its date-time "
        "group, else the publication's date)",
        repair="both are kept: ExecutiveOrder.declassify_on says what the line states",
        example="P 261443Z FEB 10 … E.O. 12958: DECL: 02/19/2010",
        damage=False,
        cause="a year or month mistyped in the DECL date (the drafter meant ten years on)",
    ),
    DefectKind(
        code=DefectCode.INCONSISTENT_CLASSIFIED_BY,
        summary="a Classified By line on an unclassified cable, or none on a classified cable whose "
        "E.O. (12958, 13292, 13526) asks for one (a DERIVED FROM line, naming the source of a derived "
        "classification, stands for it; a text cut short says nothing of the lines it lacks)",
        repair="nothing changes: Cable.classified_by is what the text states",
        example="UNCLAS AMMAN 000713 … Classified By: Ambassador J. Doe, reasons 1.4 (b) and (d)",
        damage=False,
        cause="a post's habit of leaving the line out, a cable downgraded without its line removed, or a "
        "Classified By line the parser did not find",
    ),
    DefectKind(
        code=DefectCode.INCONSISTENT_REFERENCE_DATE,
        summary="a cable of the REF field is later than the cable citing it: a later year, or the same post's "
        "higher serial in the same year; the first one is named",
        repair="the reference is kept as written",
        example="08AMMAN713 … REF: A. 08 AMMAN 900",
        damage=False,
        cause="a mistyped reference, or a cable whose id or year the publication got wrong",
    ),
    DefectKind(
        code=DefectCode.INCONSISTENT_CREATED,
        summary="the publication's creation date is more than a day away from the date-time group",
        repair="both are kept: Header.dtg and Metadata.created",
        example="P 121241Z MAY 08 … Created: 2008-03-06 14:02",
        damage=False,
        cause="a record whose metadata belongs to another cable, or a draft's date published for the sent cable",
    ),
)

DEFECT_CODES: Mapping[str, DefectKind] = MappingProxyType({k.code: k for k in _KINDS})
"""Every defect code cablekit emits, mapped to its documentation."""
