"""normalize() copies the parts it cleans with attrs.evolve (no field is dropped) and keeps the clean ones."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import attrs

import cablekit
from cablekit.model import (
    Cable,
    Classifier,
    ExecutiveOrder,
    Header,
    Paragraph,
    Recipient,
    Reference,
    Tag,
    TagKind,
)

# Subclasses with one field more stand for a field added to the model later: a part rebuilt
# field by field would lose it (and its class); attrs.evolve keeps both.


def _with_extra(base: type) -> Any:
    """*base* with one field more, ``extra``, as a field added to the model later would be."""
    return attrs.make_class(f"_{base.__name__}", {"extra": attrs.field(default="kept", kw_only=True)},
                            bases=(base,), frozen=True, kw_only=True, slots=True)


_Paragraph, _Recipient, _Header, _Reference, _Classifier, _ExecutiveOrder, _Tag = map(
    _with_extra, (Paragraph, Recipient, Header, Reference, Classifier, ExecutiveOrder, Tag))


def _dirty() -> Cable:
    recipient = _Recipient(routing_indicator="RUEHC", name="SECSTATE  WASHDC", precedence="PRIORITY", serial="0912",
                           excluded=("AMEMBASSY   ROME",), extra="recipient")
    header = _Header(station="RUEHAM", station_serial=713, origin="AMEMBASSY\nAMMAN", recipients=(recipient,),
                     dtg=datetime(2008, 2, 15, 15, 2, tzinfo=UTC), extra="header")
    return Cable(
        header=header,
        eo=_ExecutiveOrder(order="12958", declassify_on=date(2018, 2, 14), rule="DECL:  OADR", raw="12958:  DECL",
                           extra="eo"),
        tags=(_Tag(code="[prel](#)", kind=TagKind.SUBJECT, extra="tag"),),
        references=(_Reference(label="A", text="MOSCOW\n3996", cable_id="08MOSCOW3996", extra="reference"),),
        classified_by=_Classifier(name="David  Hale", title="Ambassador", reasons=("1.4(b)",), extra="classifier"),
        paragraphs=(_Paragraph(number=3, marker="¶3.", classification="C", heading="TALKS\nRESUME",
                               text="They\ntalked.", line=42, extra="paragraph"),),
    )


def test_cleaned_parts_keep_every_field_and_their_class() -> None:
    clean = cablekit.normalize(_dirty())
    assert clean.header is not None and type(clean.header) is _Header
    header = clean.header
    assert (header.origin, header.station, header.station_serial, header.dtg, _extra(header)) == (
        "AMEMBASSY AMMAN", "RUEHAM", 713, datetime(2008, 2, 15, 15, 2, tzinfo=UTC), "header")
    recipient = header.recipients[0]
    assert type(recipient) is _Recipient and _extra(recipient) == "recipient"
    assert (recipient.routing_indicator, recipient.name, recipient.precedence, recipient.serial,
            recipient.excluded) == ("RUEHC", "SECSTATE WASHDC", "PRIORITY", "0912", ("AMEMBASSY ROME",))
    assert clean.eo is not None and type(clean.eo) is _ExecutiveOrder and _extra(clean.eo) == "eo"
    assert (clean.eo.order, clean.eo.declassify_on, clean.eo.rule, clean.eo.raw) == (
        "12958", date(2018, 2, 14), "DECL: OADR", "12958: DECL")
    tag = clean.tags[0]
    assert type(tag) is _Tag and (tag.code, tag.kind, _extra(tag)) == ("PREL", TagKind.SUBJECT, "tag")
    reference = clean.references[0]
    assert type(reference) is _Reference and _extra(reference) == "reference"
    assert (reference.label, reference.text, reference.cable_id) == ("A", "MOSCOW 3996", "08MOSCOW3996")
    classifier = clean.classified_by
    assert classifier is not None and type(classifier) is _Classifier and _extra(classifier) == "classifier"
    assert (classifier.name, classifier.title, classifier.reasons) == ("David Hale", "Ambassador", ("1.4(b)",))
    paragraph = clean.paragraphs[0]
    assert type(paragraph) is _Paragraph and _extra(paragraph) == "paragraph"
    assert (paragraph.number, paragraph.marker, paragraph.classification, paragraph.heading, paragraph.text) == (
        3, "3.", "C", "TALKS RESUME", "They talked.")
    assert paragraph.line == 42  # not part of equality, so only this catches a dropped line number


def _extra(part: object) -> str:
    value = getattr(part, "extra")  # noqa: B009 - the base classes have no such attribute
    assert isinstance(value, str)
    return value


def test_clean_parts_are_kept_not_copied() -> None:
    clean = cablekit.normalize(_dirty())
    again = cablekit.normalize(clean)
    assert again == clean
    assert again.header is clean.header
    assert again.eo is clean.eo
    assert again.classified_by is clean.classified_by
    assert all(a is b for a, b in zip(again.tags, clean.tags, strict=True))
    assert all(a is b for a, b in zip(again.references, clean.references, strict=True))
    assert all(a is b for a, b in zip(again.paragraphs, clean.paragraphs, strict=True))


def test_parsed_paragraphs_keep_their_line_numbers() -> None:
    parsed = cablekit.parse("SUBJECT: TALKS\n\n1. (C) They\ntalked.\n\n2.(C) They agreed.\n")
    clean = cablekit.normalize(parsed)
    assert [p.line for p in clean.paragraphs] == [p.line for p in parsed.paragraphs] == [3, 6]
    assert [p.text for p in clean.paragraphs] == ["They talked.", "They agreed."]
