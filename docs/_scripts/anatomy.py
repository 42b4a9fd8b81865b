"""Draw the anatomy figure of the docs: a real cable with each part labelled with the attribute that holds it.

Run from anywhere, after any change to the parser or to the example::

    python docs/_scripts/anatomy.py            # writes docs/_static/anatomy.svg and anatomy-detailed.svg
    python docs/_scripts/anatomy.py --check    # exit status 1 if the committed figure is out of date

The figure is built from ``examples/07MOSCOW4185.txt`` as published (with its damage): the text on the
left, one row per source line, numbered as cablekit numbers lines; on the right a bracket and a label
for each part, naming the :class:`cablekit.Cable` attribute that holds it and the value cablekit read.
Everything on the right comes from parsing the example with cablekit, nothing is typed in by hand, and
the docs build warns when the committed SVG differs from what this script draws today.

The output is plain SVG text (no fonts are measured: the cable is drawn in a monospace font, whose
character width is a fixed fraction of its size), so the same input always gives the same file.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import regex

import cablekit
from cablekit import Cable, TokenKind

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "07MOSCOW4185.txt"
IMAGES = ROOT / "docs" / "_static"

# --- geometry (px) -------------------------------------------------------------------------------------
FONT = 13.0                    # the cable text
CHAR = FONT * 0.6021           # advance of one DejaVu Sans Mono character (0.602 em; Menlo, Consolas alike)
ROW = 19.0                     # a line with text
BLANK_ROW = 8.0                # a blank line
TOP = 92.0                     # first row
ZONE_X, ZONE_W = 8.0, 26.0     # the zone bar at the far left
NUM_X = 66.0                   # right edge of the line numbers
TEXT_X = 76.0                  # left edge of the cable text
LABEL_FONT = 12.5
MONO = "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace"
SANS = "'DejaVu Sans', -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"

# Zones (background tint, bar colour) and part colours: colour-blind-safe hues (Okabe–Ito), dark enough
# for text on white.
ZONES = {
    "header": ("Transmission header", "#eef4fb", "#0072b2"),
    "head": ("Head", "#f3f7ee", "#3d8a3d"),
    "body": ("Paragraphs", "#fbf6ec", "#b06d00"),
    "end": ("End", "#f4eff8", "#8e4fa8"),
}
DAMAGE = "#d55e00"


@dataclass(frozen=True)
class Layout:
    """One version of the figure."""

    name: str        # file name in docs/_static
    max_chars: int   # longer cable lines are cut with an ellipsis
    values: bool     # write the value read after each attribute

    @property
    def bracket_x(self) -> float:
        return TEXT_X + (self.max_chars + 1) * CHAR + 12

    @property
    def label_x(self) -> float:
        return self.bracket_x + 16


# The page shows the compact figure (readable at the width of a page of the docs); it links to the
# detailed one, which also shows the value cablekit read for each part.
LAYOUTS = (
    Layout("anatomy.svg", max_chars=46, values=False),
    Layout("anatomy-detailed.svg", max_chars=56, values=True),
)


@dataclass(frozen=True)
class Part:
    """A run of source lines that one attribute holds."""

    first: int
    last: int
    zone: str
    attribute: str
    value: str = ""


@dataclass(frozen=True)
class Mark:
    """A span of a line that publication damaged (a defect lenient mode repaired)."""

    line: int
    start: int  # 0-based column
    end: int


_LINK = regex.compile(r"\[[^\]\n]{0,40}\]\(#\)")


def _short(value: object, limit: int = 46) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _names(recipients: Sequence[cablekit.Recipient]) -> list[str]:
    return [r.name for r in recipients]


def parts_of(text: str, cable: Cable) -> list[Part]:
    """Which lines hold which attribute: token shapes for the head, the cable's own line numbers below."""
    tokens = list(cablekit.tokenize(text))
    lines = [t.value for t in tokens]
    header = cable.header
    parts: list[Part] = []
    first_paragraph = min((p.line for p in cable.paragraphs), default=len(tokens) + 1)
    recipient_index = {"to": 0, "info": 0}
    in_list = "to"
    i = 0
    while i < len(tokens):
        token = tokens[i]
        n = token.line
        kind = token.kind
        if n >= first_paragraph:
            break
        if kind is TokenKind.BLANK:
            i += 1
            continue
        if header is not None and kind is TokenKind.TRANSMISSION:
            parts.append(Part(n, n, "header", "header.transmission_id", repr(header.transmission_id)))
        elif header is not None and kind is TokenKind.ROUTING:
            parts.append(Part(n, n, "header", "header.routing", repr(header.routing)))
        elif header is not None and kind is TokenKind.DE:
            parts.append(Part(n, n, "header", "header.station, .station_serial, …",
                              f"{header.station!r}, {header.station_serial}, .section {header.section}, "
                              f".julian_day {header.julian_day}"))
        elif header is not None and kind is TokenKind.SECURITY:
            parts.append(Part(n, n, "header", "header.security", repr(header.security)))
        elif header is not None and kind is TokenKind.DTG:
            when = header.dtg.strftime("%Y-%m-%d %H:%M UTC") if header.dtg else "None"
            precedence = header.precedence.name if header.precedence else "None"
            parts.append(Part(n, n, "header", "header.precedence, .dtg", f"{precedence}, {when}"))
        elif header is not None and kind is TokenKind.FROM:
            parts.append(Part(n, n, "header", "header.origin", repr(header.origin)))
        elif header is not None and kind in (TokenKind.TO, TokenKind.INFO, TokenKind.RECIPIENT):
            if kind is TokenKind.TO:
                in_list = "to"
            elif kind is TokenKind.INFO:
                in_list = "info"
            field, people = ("recipients", header.recipients) if in_list == "to" else (
                "info_recipients", header.info_recipients)
            k = recipient_index[in_list]
            recipient_index[in_list] += 1
            name = people[k].name if k < len(people) else "?"
            parts.append(Part(n, n, "header", f"header.{field}[{k}]", f".name = {name!r}"))
        elif kind is TokenKind.BANNER and cable.banner is not None:
            b = cable.banner
            level = cable.classification.name if cable.classification else "None"
            parts.append(Part(n, n, "head", "banner + cable.classification",
                              f"{level}, {b.section} of {b.sections}, {b.origin} {b.serial}"))
        elif kind is TokenKind.CAVEAT:
            last = n
            j = i + 1
            while j < len(tokens) and tokens[j].kind in (TokenKind.CAVEAT, TokenKind.BLANK):
                if tokens[j].kind is TokenKind.CAVEAT:
                    last = tokens[j].line
                j += 1
            parts.append(Part(n, last, "head", "caveats", repr(cable.caveats)))
            i = j
            continue
        elif kind is TokenKind.EO and cable.eo is not None:
            parts.append(Part(n, n, "head", "eo", f"order {cable.eo.order}, declassify on {cable.eo.declassify_on}"))
        elif kind is TokenKind.TAGS:
            parts.append(Part(n, n, "head", "tags", " ".join(t.code for t in cable.tags)))
        elif kind in (TokenKind.SUBJECT, TokenKind.REF):
            last = n
            while last < len(lines) and lines[last].strip() and tokens[last].kind not in (
                    TokenKind.TAGS, TokenKind.SUBJECT, TokenKind.REF, TokenKind.CLASSIFIED_BY, TokenKind.EO):
                last += 1
            if kind is TokenKind.SUBJECT:
                parts.append(Part(n, last, "head", "subject", _short(cable.subject or "", 60)))
            else:
                cited = ", ".join(f"{r.label} → {r.cable_id}" for r in cable.references)
                parts.append(Part(n, last, "head", "references", cited))
            i = last
            continue
        elif kind is TokenKind.PAGE_BREAK:
            parts.append(Part(n, n, "head", "(page break)", "kept out of every field: a page-break defect"))
        elif kind is TokenKind.CLASSIFIED_BY and cable.classified_by is not None:
            c = cable.classified_by
            parts.append(Part(n, n, "head", "classified_by", f"{c.name}, {c.title}, {' '.join(c.reasons)}"))
        i += 1

    body_lines = {p.line for p in cable.paragraphs}
    for index, paragraph in enumerate(cable.paragraphs):
        value = f"number {paragraph.number}"
        if paragraph.marker and paragraph.marker != f"{paragraph.number}.":
            value += f" (marker {paragraph.marker!r})"
        if paragraph.classification:
            value += f", ({paragraph.classification})"
        attribute = f"paragraphs[{index}]"
        if index == 0 and cable.summary:
            attribute += " + cable.summary"
        parts.append(Part(paragraph.line, paragraph.line, "body", attribute, value))
        if paragraph.heading:
            for n in range(paragraph.line - 1, 0, -1):
                if lines[n - 1].strip() == paragraph.heading.strip():
                    parts.append(Part(n, n, "body", f"paragraphs[{index}].heading", ""))
                    break
    for token in tokens:
        if token.line > first_paragraph and token.kind is TokenKind.PAGE_BREAK and token.line not in body_lines:
            parts.append(Part(token.line, token.line, "body", "(page break)",
                              "left out of the paragraph text: a page-break defect"))
    signers = {s.strip().upper() for s in cable.signers}
    for n in range(len(lines), 0, -1):
        if lines[n - 1].strip():
            if lines[n - 1].strip().upper() in signers:
                parts.append(Part(n, n, "end", "signers", repr(cable.signers)))
            break
    return sorted(parts, key=lambda p: p.first)


def marks_of(text: str, cable: Cable) -> list[Mark]:
    """The damaged spans: link debris, pilcrows turned digits, page-break lines (from ``cable.defects``)."""
    lines = text.splitlines()
    marks: list[Mark] = []
    for defect in cable.defects:
        if not 1 <= defect.line <= len(lines):
            continue
        source = lines[defect.line - 1]
        if defect.code in ("link-artifact", "paragraph-marker-link"):
            marks.extend(Mark(defect.line, m.start(), m.end()) for m in _LINK.finditer(source))
        elif defect.code == "paragraph-marker-digit":
            marks.append(Mark(defect.line, 0, 1))
        elif defect.code == "page-break":
            marks.append(Mark(defect.line, 0, len(source.rstrip())))
    return sorted(set(marks), key=lambda m: (m.line, m.start))


def _rows(lines: Sequence[str], first: int) -> dict[int, tuple[float, float]]:
    """Line number → (top, height) of its row, from line *first* on."""
    rows: dict[int, tuple[float, float]] = {}
    y = TOP
    for n in range(first, len(lines) + 1):
        height = ROW if lines[n - 1].strip() else BLANK_ROW
        rows[n] = (y, height)
        y += height
    return rows


def _text(x: float, y: float, content: str, *, size: float = FONT, fill: str = "#1f2328", weight: str = "normal",
          family: str = "mono", anchor: str = "start", extra: str = "") -> str:
    fam = MONO if family == "mono" else SANS
    attrs = f'x="{x:.1f}" y="{y:.1f}" font-family="{fam}" font-size="{size:g}" fill="{fill}"'
    if weight != "normal":
        attrs += f' font-weight="{weight}"'
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    return f'<text {attrs}{extra}>{escape(content)}</text>'


def render(layout: Layout = LAYOUTS[0], example: Path = EXAMPLE) -> str:
    """The SVG text of the figure for *example*, laid out as *layout* says."""
    text = example.read_text(encoding="utf-8")
    cable = cablekit.parse(text)
    lines = text.splitlines()
    first = next(n for n, line in enumerate(lines, 1) if line.strip())
    rows = _rows(lines, first)
    parts = parts_of(text, cable)
    marks = marks_of(text, cable)
    bracket_x, label_x = layout.bracket_x, layout.label_x
    labels = [(_attribute(part, layout), part.value if layout.values else "") for part in parts]
    width = label_x + max(len(a) + (len(v) + 2 if v else 0) for a, v in labels) * LABEL_FONT * 0.6021 + 16
    width = float(round(max(width, 720.0)))
    bottom = max(top + height for top, height in rows.values())
    legend_y = bottom + 34
    notes = [
        f"Highlighted: damage done by publication, repaired by lenient mode; each repair is a Defect in "
        f"cable.defects ({len(cable.defects)} here).",
    ]
    if cable.reference_id:
        notes.append(f"cable.reference_id = {cable.reference_id!r}: the year of the date-time group, the "
                     "banner's origin and its serial.")
    notes.append(f"Drawn by docs/_scripts/anatomy.py from the example and its parse; lines cut at "
                 f"{layout.max_chars} characters.")
    lines_of_notes = [textwrap.wrap(note, width=int((width - TEXT_X) / 6.9)) for note in notes]
    height = legend_y + 20 * sum(len(wrapped) for wrapped in lines_of_notes) + 10

    out: list[str] = []
    out.append(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
               f'viewBox="0 0 {width:g} {height:g}" role="img" aria-labelledby="title desc">')
    out.append(f'<title id="title">Anatomy of cable {escape(cable.reference_id or example.stem)}</title>')
    out.append('<desc id="desc">The text of the cable, one row per source line, with each part bracketed and '
               'labelled with the cablekit Cable attribute that holds it: the transmission header, the head '
               '(banner, caveats, E.O., TAGS, SUBJECT, REF, Classified By), the paragraphs with their headings, '
               'and the signer. Damage left by publication is highlighted.</desc>')
    out.append(f'<rect width="{width:g}" height="{height:g}" fill="#ffffff"/>')

    # Title.
    name = cable.reference_id or example.stem
    out.append(_text(ZONE_X, 30, f"Anatomy of a cable: {name}", size=20, weight="bold", family="sans"))
    subtitle = (f"examples/{example.name} as published (left); the Cable attribute that holds each part "
                + ("and the value read (right)." if layout.values else "(right)."))
    out.append(_text(ZONE_X, 54, subtitle, size=13, fill="#57606a", family="sans"))

    # Zone tints and bars.
    zone_rows: dict[str, list[int]] = {}
    for part in parts:
        zone_rows.setdefault(part.zone, []).extend(range(part.first, part.last + 1))
    for zone, numbers in zone_rows.items():
        label, tint, colour = ZONES[zone]
        top = rows[min(numbers)][0] - 3
        end = rows[max(numbers)][0] + rows[max(numbers)][1] + 3
        out.append(f'<rect x="{ZONE_X + ZONE_W + 4:g}" y="{top:.1f}" width="{bracket_x - ZONE_X - ZONE_W - 10:.1f}" '
                   f'height="{end - top:.1f}" rx="4" fill="{tint}"/>')
        out.append(f'<rect x="{ZONE_X:g}" y="{top:.1f}" width="{ZONE_W:g}" height="{end - top:.1f}" rx="4" '
                   f'fill="{colour}"/>')
        middle = (top + end) / 2
        size = 12.0 if end - top > len(label) * 8 else 10.0
        if end - top > 40:
            out.append(_text(ZONE_X + ZONE_W / 2 + 4.2, middle, label, size=size, fill="#ffffff", weight="bold",
                             family="sans", anchor="middle",
                             extra=f' transform="rotate(-90 {ZONE_X + ZONE_W / 2 + 4.2:.1f} {middle:.1f})"'))
        else:  # too short to write along: across, smaller
            out.append(_text(ZONE_X + ZONE_W / 2, middle + 3.5, label, size=9.5, fill="#ffffff", weight="bold",
                             family="sans", anchor="middle"))

    # Damage highlights, under the text.
    for mark in marks:
        top, row_height = rows[mark.line]
        end = min(mark.end, layout.max_chars)
        if mark.start >= end:
            continue
        x = TEXT_X + mark.start * CHAR
        out.append(f'<rect x="{x:.1f}" y="{top + 1:.1f}" width="{(end - mark.start) * CHAR:.1f}" '
                   f'height="{row_height - 2:.1f}" rx="2" fill="{DAMAGE}" fill-opacity="0.18" '
                   f'stroke="{DAMAGE}" stroke-width="1"/>')

    # The cable text with line numbers.
    for n, (top, row_height) in rows.items():
        line = lines[n - 1].rstrip()
        if not line:
            continue
        baseline = top + row_height - 5
        out.append(_text(NUM_X, baseline, str(n), size=11, fill="#8c959f", anchor="end"))
        shown = line if len(line) <= layout.max_chars else line[: layout.max_chars - 1] + "…"
        out.append(_text(TEXT_X, baseline, shown, extra=' xml:space="preserve"'))

    # Brackets and labels.
    for part, (attribute, value) in zip(parts, labels, strict=True):
        colour = ZONES[part.zone][2]
        top = rows[part.first][0] + 2
        end = rows[part.last][0] + rows[part.last][1] - 2
        middle = (top + end) / 2
        out.append(f'<path d="M{bracket_x - 6:.1f},{top:.1f} H{bracket_x:.1f} V{end:.1f} H{bracket_x - 6:.1f} '
                   f'M{bracket_x:.1f},{middle:.1f} H{bracket_x + 8:.1f}" fill="none" stroke="{colour}" '
                   f'stroke-width="1.6"/>')
        weight = "normal" if attribute.startswith("(") else "bold"
        out.append(_label(label_x, middle + 4.2, attribute, value, colour, weight))

    # Notes.
    out.append(f'<rect x="{ZONE_X:g}" y="{legend_y - 11:.1f}" width="{ZONE_W:g}" height="15" rx="2" '
               f'fill="{DAMAGE}" fill-opacity="0.18" stroke="{DAMAGE}"/>')
    y = legend_y
    for i, wrapped in enumerate(lines_of_notes):
        last = i == len(lines_of_notes) - 1
        for line in wrapped:
            out.append(_text(TEXT_X - 34, y, line, size=11.5 if last else 12.5,
                             fill="#57606a" if last else "#1f2328", family="sans"))
            y += 20
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _attribute(part: Part, layout: Layout) -> str:
    if not part.attribute.startswith("("):
        return f"cable.{part.attribute}"
    return part.attribute if layout.values else f"{part.attribute[:-1]}: a Defect, in no field)"


def _label(x: float, y: float, attribute: str, value: str, colour: str, weight: str) -> str:
    head = f'<tspan font-weight="{weight}" fill="{colour}">{escape(attribute)}</tspan>'
    tail = f'<tspan fill="#57606a">{escape("  " + value)}</tspan>' if value else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-family="{MONO}" font-size="{LABEL_FONT:g}" '
            f'xml:space="preserve">{head}{tail}</text>')


def stale() -> list[Path]:
    """The committed figures that differ from what this script draws today."""
    return [IMAGES / layout.name for layout in LAYOUTS
            if not (IMAGES / layout.name).exists()
            or (IMAGES / layout.name).read_text(encoding="utf-8") != render(layout)]


def main(argv: Iterable[str] = ()) -> int:
    """Write the figures, or with ``--check`` report whether the committed ones are current."""
    if "--check" in list(argv):
        out_of_date = stale()
        for path in out_of_date:
            print(f"{path.relative_to(ROOT)} is out of date: run python {Path(__file__).relative_to(ROOT)}")
        if not out_of_date:
            print("the anatomy figures are up to date")
        return 1 if out_of_date else 0
    IMAGES.mkdir(parents=True, exist_ok=True)
    for layout in LAYOUTS:
        svg = render(layout)
        (IMAGES / layout.name).write_text(svg, encoding="utf-8")
        print(f"wrote {(IMAGES / layout.name).relative_to(ROOT)} ({len(svg)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
