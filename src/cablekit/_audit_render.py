"""How an :class:`~cablekit.audit.Audit` is drawn: plain-text tables and a one-page HTML report.

Both renderers take the audit's public results only and return a string.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .defects import DEFECT_CODES

if TYPE_CHECKING:
    from .audit import Audit, DefectCount, WorstCable

__all__ = ["is_damage", "render_html", "render_text"]

_EIGHTHS = " ▏▎▍▌▋▊▉"


def is_damage(code: str) -> bool:
    """Whether the defect *code* is damage to the text; a code :data:`~cablekit.DEFECT_CODES` lacks counts as damage."""
    kind = DEFECT_CODES.get(code)
    return kind is None or kind.damage


# --------------------------------------------------------------------------- text

class _Text:
    """The drawing tools of one text rendering: width, bar characters, what a line may hold."""

    def __init__(self, width: int, *, ascii: bool) -> None:
        self.width = width
        self.ascii = ascii
        self.ellipsis = "..." if ascii else "…"

    def plain(self, text: str) -> str:
        """*text* with what a terminal should not see (controls; in ASCII mode, anything else) as ``?``."""
        return "".join(c if c.isprintable() and (c.isascii() or not self.ascii) else "?" for c in text)

    def fit(self, text: str, room: int, *, keep_end: bool = False) -> str:
        """*text* cut to *room* characters, the cut marked; *keep_end* keeps its end (a path's file and line)."""
        text = self.plain(text)
        if len(text) <= room:
            return text
        cut = room - len(self.ellipsis)
        return self.ellipsis + text[len(text) - cut:] if keep_end else text[:cut] + self.ellipsis

    def bar(self, share: float, room: int) -> str:
        """A bar *share* (0 to 1) of *room* characters long; a thin mark for a share too small to show."""
        if self.ascii:
            cells = round(share * room)
            return "#" * cells if cells or not share else "."
        eighths = round(share * room * 8)
        full, part = divmod(eighths, 8)
        drawn = "█" * full + (_EIGHTHS[part] if part else "")
        return drawn if drawn or not share else "▏"


def render_text(audit: Audit, width: int, *, ascii: bool) -> str:
    """*audit* as plain-text tables no wider than *width*."""
    t = _Text(width, ascii=ascii)
    parts = [_text_headline(audit, t), _text_fields(audit, t), _text_defects(audit, t), _text_consistency(audit, t)]
    if audit.rejected:
        parts.append(_text_rejected(audit, t))
    parts.append(_text_worst(audit, t))
    return "\n\n".join(parts) + "\n"


def _n(number: int) -> str:
    return f"{number:,}"


def _count(number: int, noun: str) -> str:
    """``1 cable``, ``3,000 cables``."""
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def _text_headline(audit: Audit, t: _Text) -> str:
    lines = (f"{_count(audit.cables, 'cable')}, {_n(audit.not_cables)} of them holding no cable; "
             f"{_n(audit.rejected)} rejected by strict mode",
             f"{_count(audit.defects, 'defect')}, {_n(audit.damage)} of them damage")
    return "\n".join(t.fit(line, t.width) for line in lines)


def _table(title: str, header: str, rows: Iterable[str], t: _Text) -> str:
    lines = [t.fit(title, t.width), t.fit(header, t.width), *rows]
    return "\n".join(line.rstrip() for line in lines)


def _text_fields(audit: Audit, t: _Text) -> str:
    label = max(len(f.label) for f in audit.fields)
    room = t.width - (2 + label + 2 + 9 + 2 + 6 + 2)
    rows = [f"  {f.label:<{label}}  {_n(f.cables):>9}  {f.share:>6.1%}  {t.bar(f.share, room)}" for f in audit.fields]
    return _table("Fields: how many cables yield each", f"  {'field':<{label}}  {'cables':>9}  {'share':>6}", rows, t)


def _text_defects(audit: Audit, t: _Text) -> str:
    return _text_codes("Defects by code (* damage: strict mode rejects it)", audit.defect_counts, audit, t)


def _text_consistency(audit: Audit, t: _Text) -> str:
    return _text_codes("Consistency checks: the cables each one flags (facts stated twice that disagree)",
                       audit.consistency, audit, t)


def _text_codes(title: str, counts: tuple[DefectCount, ...], audit: Audit, t: _Text) -> str:
    code = max((len(c.code) for c in counts), default=4)
    room = t.width - (2 + code + 2 + 9 + 2 + 6 + 2 + 9 + 2)
    rows: list[str] = []
    for c in counts:
        share = c.cables / audit.cables if audit.cables else 0.0
        mark = "*" if c.damage else " "
        rows.append(t.fit(f"{mark} {c.code:<{code}}  {_n(c.cables):>9}  {share:>6.1%}  {_n(c.defects):>9}  "
                          f"{t.bar(share, room)}", t.width))
        rows.append("    " + t.fit(c.summary, t.width - 4))
    header = f"  {'code':<{code}}  {'cables':>9}  {'share':>6}  {'defects':>9}"
    return _table(title, header, rows or ["  (none)"], t)


def _text_rejected(audit: Audit, t: _Text) -> str:
    codes = audit.rejected_codes
    code = max((len(c) for c, _ in codes), default=4)
    room = t.width - (2 + code + 2 + 9 + 2 + 6 + 2)
    rows = [f"  {c:<{code}}  {_n(n):>9}  {n / audit.rejected:>6.1%}  {t.bar(n / audit.rejected, room)}"
            for c, n in codes]
    header = f"  {'code':<{code}}  {'texts':>9}  {'share':>6}"
    return _table("Rejected by strict mode, by the damage found", header, rows or ["  (none)"], t)


def _text_worst(audit: Audit, t: _Text) -> str:
    worst = audit.worst
    ids = max((len(_worst_id(w)) for w in worst), default=12)
    ids = min(max(ids, 12), 24)
    rank = len(str(len(worst)))
    room = t.width - (2 + rank + 2 + 6 + 2 + 7 + 2 + ids + 2)
    rows: list[str] = []
    for number, w in enumerate(worst, start=1):
        rows.append(f"  {number:>{rank}}  {w.damage:>6}  {w.defects:>7}  {t.fit(_worst_id(w), ids):<{ids}}  "
                    f"{t.fit(w.source, room, keep_end=True)}")
        times = "x" if t.ascii else "×"
        rows.append(" " * (rank + 4) + t.fit(", ".join(f"{c} {times}{n}" for c, n in w.codes), t.width - rank - 4))
    header = f"  {'#':>{rank}}  {'damage':>6}  {'defects':>7}  {'reference id':<{ids}}  source"
    return _table("Worst cables: most damage defects, then most defects", header, rows or ["  (none)"], t)


def _worst_id(worst: WorstCable) -> str:
    if worst.rejected:
        return "(rejected)"
    return worst.reference_id or "-"


# --------------------------------------------------------------------------- HTML

_CSS = """
:root { --ink: #1d2430; --muted: #5b6576; --rule: #dde2ea; --track: #eef1f5; --field: #3b6ea8;
        --damage: #c2412d; --benign: #8a96a8; --paper: #ffffff; }
* { box-sizing: border-box; }
body { margin: 0; background: #f5f7fa; color: var(--ink);
       font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1080px; margin: 0 auto; padding: 28px 32px 40px; }
h1 { font-size: 26px; margin: 0 0 18px; }
h2 { font-size: 18px; margin: 0 0 4px; }
p.note { color: var(--muted); margin: 0 0 12px; font-size: 13px; }
section { background: var(--paper); border: 1px solid var(--rule); border-radius: 8px; padding: 18px 20px;
          margin: 0 0 18px; }
.figures { display: flex; gap: 12px; flex-wrap: wrap; background: none; border: 0; padding: 0; }
.figure { flex: 1 1 180px; background: var(--paper); border: 1px solid var(--rule); border-radius: 8px;
          padding: 14px 18px; }
.figure .n { display: block; font-size: 30px; font-weight: 650; font-variant-numeric: tabular-nums; }
.figure .l { color: var(--muted); font-size: 13px; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--rule); vertical-align: middle; }
thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
           border-bottom: 2px solid var(--rule); }
tbody tr:last-child th, tbody tr:last-child td { border-bottom: 0; }
th[scope=row] { font-weight: 500; white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.bar { width: 45%; }
.track { display: block; height: 14px; background: var(--track); border-radius: 3px; overflow: hidden; }
.track span { display: block; height: 100%; min-width: 2px; background: var(--field); }
.track span.zero { min-width: 0; }
tr.damage .track span, .swatch.damage { background: var(--damage); }
tr.benign .track span, .swatch.benign { background: var(--benign); }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -1px;
          margin: 0 4px 0 12px; }
code { font: 13px/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.flag { margin-left: 8px; color: var(--damage); font-size: 11px; font-weight: 600; text-transform: uppercase;
        letter-spacing: .04em; }
.summary { display: block; color: var(--muted); font-size: 12px; white-space: normal; }
td.codes code { display: inline-block; background: var(--track); border-radius: 3px; padding: 0 5px;
                margin: 1px 2px; font-size: 12px; }
td.codes code.damage { background: #f8e1dc; }
td.source { word-break: break-all; font-size: 13px; }
.empty { color: var(--muted); font-style: italic; }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def render_html(audit: Audit, title: str) -> str:
    """*audit* as one self-contained HTML5 page."""
    body = "\n".join([_html_figures(audit), _html_fields(audit), _html_defects(audit), _html_consistency(audit),
                      *([_html_rejected(audit)] if audit.rejected else []), _html_worst(audit)])
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{_e(title)}</title>\n'
            f"<style>{_CSS}</style>\n</head>\n<body>\n<main>\n<h1>{_e(title)}</h1>\n{body}\n</main>\n</body>\n</html>\n")


def _html_figures(audit: Audit) -> str:
    figures = [(audit.cables, "cable" if audit.cables == 1 else "cables"), (audit.not_cables, "holding no cable"),
               (audit.rejected, "rejected by strict mode"),
               (audit.defects, f"{'defect' if audit.defects == 1 else 'defects'}, {_n(audit.damage)} of them damage")]
    cells = "".join(f'<div class="figure"><span class="n">{_n(n)}</span><span class="l">{_e(label)}</span></div>'
                    for n, label in figures)
    return f'<section class="figures">{cells}</section>'


def _html_bar(share: float) -> str:
    zero = ' class="zero"' if not share else ""
    return f'<td class="bar"><span class="track"><span{zero} style="width:{share * 100:.2f}%"></span></span></td>'


def _html_section(title: str, note: str, head: str, rows: list[str], columns: int) -> str:
    body = "\n".join(rows) or f'<tr><td class="empty" colspan="{columns}">none</td></tr>'
    return (f"<section>\n<h2>{title}</h2>\n<p class=\"note\">{note}</p>\n"
            f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</section>")


def _html_fields(audit: Audit) -> str:
    rows = [f'<tr><th scope="row">{_e(f.label)}</th><td class="num">{_n(f.cables)}</td>'
            f'<td class="num">{f.share:.1%}</td>{_html_bar(f.share)}</tr>' for f in audit.fields]
    head = '<th>Field</th><th class="num">Cables</th><th class="num">Share</th><th>Share of all cables</th>'
    return _html_section("Fields", "How many cables yield each field.", head, rows, 4)


def _html_defect_row(c: DefectCount, cables: int) -> str:
    share = c.cables / cables if cables else 0.0
    kind = "damage" if c.damage else "benign"
    flag = '<span class="flag">damage</span>' if c.damage else ""
    return (f'<tr class="{kind}"><th scope="row"><code>{_e(c.code)}</code>{flag}'
            f'<span class="summary">{_e(c.summary)}</span></th>'
            f'<td class="num">{_n(c.cables)}</td><td class="num">{share:.1%}</td>'
            f'<td class="num">{_n(c.defects)}</td>{_html_bar(share)}</tr>')


def _html_defects(audit: Audit) -> str:
    rows = [_html_defect_row(c, audit.cables) for c in audit.defect_counts]
    note = ('How many cables have each defect, and how many times it was found.'
            '<span class="swatch damage"></span>damage (strict mode rejects it)'
            '<span class="swatch benign"></span>no damage')
    head = ('<th>Code</th><th class="num">Cables</th><th class="num">Share</th><th class="num">Defects</th>'
            '<th>Share of all cables</th>')
    return _html_section("Defects by code", note, head, rows, 5)


def _html_consistency(audit: Audit) -> str:
    rows = [_html_defect_row(c, audit.cables) for c in audit.consistency]
    note = ("How many cables each consistency check flags: facts the cable states twice (its date, serial, "
            "level, post…) that disagree. Not damage: a fact about the document.")
    head = ('<th>Check</th><th class="num">Cables</th><th class="num">Share</th><th class="num">Defects</th>'
            '<th>Share of all cables</th>')
    return _html_section("Consistency checks", note, head, rows, 5)


def _html_rejected(audit: Audit) -> str:
    rows = [f'<tr class="damage"><th scope="row"><code>{_e(code)}</code></th><td class="num">{_n(n)}</td>'
            f'<td class="num">{n / audit.rejected:.1%}</td>{_html_bar(n / audit.rejected)}</tr>'
            for code, n in audit.rejected_codes]
    head = '<th>Code</th><th class="num">Texts</th><th class="num">Share</th><th>Share of rejected texts</th>'
    return _html_section("Rejected by strict mode", "The damage found in the texts strict mode rejected.",
                         head, rows, 4)


def _html_worst_row(number: int, w: WorstCable) -> str:
    codes = " ".join(f'<code class="{"damage" if is_damage(c) else "benign"}">{_e(c)}&nbsp;×{n}</code>'
                     for c, n in w.codes)
    return (f'<tr><td class="num">{number}</td><td><code>{_e(_worst_id(w))}</code></td>'
            f'<td class="source">{_e(w.source)}</td><td class="num">{w.damage}</td><td class="num">{w.defects}</td>'
            f'<td class="codes">{codes}</td></tr>')


def _html_worst(audit: Audit) -> str:
    rows = [_html_worst_row(number, w) for number, w in enumerate(audit.worst, start=1)]
    head = ('<th class="num">#</th><th>Reference id</th><th>Source</th><th class="num">Damage</th>'
            '<th class="num">Defects</th><th>Codes</th>')
    return _html_section("Worst cables", "The most damage defects first, then the most defects.", head, rows, 6)
