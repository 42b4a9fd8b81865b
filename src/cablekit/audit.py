"""What a corpus holds and how well it reads: per-field yields, defects by code, the worst cables.

An :class:`Audit` is fed parsed cables one at a time and keeps counts only
(plus the few worst cables), so a corpus of any size takes the same memory.
It renders what it counted as plain-text tables for a terminal
(:meth:`Audit.render_text`), as a one-page HTML report
(:meth:`Audit.render_html`) or as a plain dictionary for JSON
(:meth:`Audit.to_dict`).  Nothing here prints or touches a file.

>>> import cablekit
>>> from cablekit.audit import audit
>>> report = audit([("a.txt", cablekit.parse("UNCLAS STATE 000012\\n\\nSUBJECT: TALKS\\n\\n1. (U) Text.\\n")),
...                 ("b.txt", cablekit.parse("no cable here"))])
>>> report.cables, report.not_cables
(2, 1)
>>> [(f.name, f.cables) for f in report.fields if f.name in ("banner", "subject", "paragraphs")]
[('banner', 1), ('subject', 1), ('paragraphs', 1)]
>>> [(w.source, w.damage, w.codes) for w in report.worst]
[('b.txt', 1, (('no-cable', 1),))]
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from collections.abc import Callable, Iterable

import attrs

from . import _audit_render
from ._audit_render import is_damage
from .defects import DEFECT_CODES, DefectCode
from .errors import CableParseError
from .model import Cable

__all__ = ["FIELDS", "Audit", "DefectCount", "FieldYield", "WorstCable", "audit"]


def _date(cable: Cable) -> bool:
    return bool((cable.header and cable.header.dtg) or (cable.metadata and cable.metadata.created))


FIELDS: tuple[tuple[str, str, Callable[[Cable], bool]], ...] = (
    ("reference_id", "reference id", lambda c: c.reference_id is not None),
    ("station", "station", lambda c: c.station is not None),
    ("date", "date", _date),
    ("header", "transmission header", lambda c: c.header is not None),
    ("banner", "banner", lambda c: c.banner is not None),
    ("classification", "classification", lambda c: c.classification is not None),
    ("caveats", "caveats", lambda c: bool(c.caveats)),
    ("offices", "office lines", lambda c: bool(c.offices)),
    ("eo", "E.O.", lambda c: c.eo is not None),
    ("tags", "TAGS", lambda c: bool(c.tags)),
    ("subject", "SUBJECT", lambda c: c.subject is not None),
    ("references", "REF", lambda c: bool(c.references)),
    ("classified_by", "Classified By", lambda c: c.classified_by is not None),
    ("summary", "summary", lambda c: c.summary is not None),
    ("paragraphs", "numbered paragraphs", lambda c: any(p.number is not None for p in c.paragraphs)),
    ("signers", "signer", lambda c: bool(c.signers)),
    ("metadata", "publication metadata", lambda c: c.metadata is not None),
)
"""The fields an audit counts: ``(name, label, test)``, what is read from the whole cable, then its parts in order.

*name* is the :class:`~cablekit.Cable` attribute (``date`` is the header's
date-time group, else the creation time the publication states; ``paragraphs``
counts a cable with at least one numbered paragraph), *label* is what the
reports print, and *test* says whether a cable yields the field.

:meta hide-value:
"""


@attrs.frozen(kw_only=True)
class FieldYield:
    """How many cables yield one field of :data:`FIELDS`."""

    name: str
    """The field's name, e.g. ``subject``."""
    label: str
    """How reports print it, e.g. ``SUBJECT``."""
    cables: int
    """How many cables yield the field."""
    share: float
    """:attr:`cables` as a share of every cable audited, from 0 to 1 (0 when there is none)."""


@attrs.frozen(kw_only=True)
class DefectCount:
    """How often one defect code was found."""

    code: str
    """The defect code, e.g. ``page-break``."""
    summary: str
    """The code's one-line summary from :data:`cablekit.DEFECT_CODES` (empty for a code it lacks)."""
    damage: bool
    """Whether the code is damage to the text (strict mode rejects it); an unknown code counts as damage."""
    cables: int
    """How many cables have the defect at least once."""
    defects: int
    """How many times it was found, in all."""


@attrs.frozen(kw_only=True)
class WorstCable:
    """One of the most damaged cables."""

    source: str
    """Where the cable came from, as given to :meth:`Audit.add`."""
    reference_id: str | None
    """The cable's reference id, when it has one."""
    damage: int
    """How many of its defects are damage."""
    defects: int
    """How many defects it has, in all."""
    codes: tuple[tuple[str, int], ...]
    """Its defect codes with how often each occurs, most frequent first."""
    rejected: bool = False
    """Whether strict mode rejected the text (:meth:`Audit.add_rejected`); its reference id is then unknown."""


_Ranked = tuple[tuple[int, int, int], WorstCable]
"""A worst-cable candidate in the heap: (damage, defects, -arrival) and the cable; the smallest goes first.

Arrivals are unique, so two candidates never compare their cables."""


class Audit:
    """Accumulates what a stream of parsed cables holds.

    Memory stays constant in the number of cables, but for the *worst* most
    damaged ones it keeps (0 or more, else :class:`ValueError`).  Feed it with
    :meth:`add` (and :meth:`add_rejected` for what strict mode refused), then
    read the results or render them.

    >>> import cablekit
    >>> report = Audit(worst=3)
    >>> report.add(cablekit.parse("SECRET ROME 000001\\n\\nTAGS: PREL IT\\n"), source="rome.txt")
    >>> report.cables, report.field("tags").share
    (1, 1.0)
    """

    def __init__(self, *, worst: int = 10) -> None:
        if worst < 0:
            raise ValueError(f"worst must be 0 or more, not {worst}")
        self._keep = worst
        self._cables = 0
        self._not_cables = 0
        self._rejected: Counter[str] = Counter()
        self._rejections = 0
        self._fields: Counter[str] = Counter()
        self._code_cables: Counter[str] = Counter()
        self._code_defects: Counter[str] = Counter()
        self._heap: list[_Ranked] = []
        self._arrivals = itertools.count()

    # ----------------------------------------------------------------------- feeding

    def add(self, cable: Cable, *, source: str) -> None:
        """Count one *cable*, as :func:`cablekit.parse` returned it.

        *source* says where it came from (``cables.csv:1234``, a path); it is
        shown when the cable is among the worst.
        """
        self._cables += 1
        self._fields.update(name for name, _, test in FIELDS if test(cable))
        codes = Counter(defect.code for defect in cable.defects)
        self._not_cables += DefectCode.NO_CABLE in codes
        self._code_cables.update(codes.keys())
        self._code_defects.update(codes)
        self._rank(source, cable.reference_id, codes, rejected=False)

    def add_rejected(self, source: str, error: CableParseError) -> None:
        """Count one text from *source* that strict mode rejected with *error*.

        The text is not one of :attr:`cables` and its defects are not in
        :attr:`defect_counts`: each damage code *error* lists counts once in
        :attr:`rejected_codes`, and the text competes for :attr:`worst` by the
        defects *error* lists.
        """
        self._rejections += 1
        codes = Counter(defect.code for defect in error.defects) or Counter({error.code: 1})
        self._rejected.update(code for code in codes if is_damage(code))
        self._rank(source, None, codes, rejected=True)

    def _rank(self, source: str, reference_id: str | None, codes: Counter[str], *, rejected: bool) -> None:
        """Keep the cable among the worst when it is damaged and worse than the least bad kept."""
        damage = sum(n for code, n in codes.items() if is_damage(code))
        if not damage or not self._keep:
            return
        key = (damage, codes.total(), -next(self._arrivals))
        if len(self._heap) == self._keep and key <= self._heap[0][0]:
            return
        worst = WorstCable(source=source, reference_id=reference_id, damage=damage, defects=codes.total(),
                           codes=tuple(sorted(codes.items(), key=lambda item: (-item[1], item[0]))),
                           rejected=rejected)
        if len(self._heap) < self._keep:
            heapq.heappush(self._heap, (key, worst))
        else:
            heapq.heapreplace(self._heap, (key, worst))

    # ----------------------------------------------------------------------- results

    @property
    def cables(self) -> int:
        """How many cables were added with :meth:`add`, those that hold no cable included."""
        return self._cables

    @property
    def not_cables(self) -> int:
        """How many of :attr:`cables` hold nothing recognizable as a cable (a ``no-cable`` defect)."""
        return self._not_cables

    @property
    def rejected(self) -> int:
        """How many texts strict mode rejected (:meth:`add_rejected`); they are not in :attr:`cables`."""
        return self._rejections

    @property
    def rejected_codes(self) -> tuple[tuple[str, int], ...]:
        """For each damage code that made strict mode reject a text, how many texts it rejected, most first."""
        return tuple(sorted(self._rejected.items(), key=lambda item: (-item[1], item[0])))

    @property
    def defects(self) -> int:
        """How many defects the cables have, in all."""
        return sum(self._code_defects.values())

    @property
    def damage(self) -> int:
        """How many of :attr:`defects` are damage."""
        return sum(n for code, n in self._code_defects.items() if is_damage(code))

    @property
    def fields(self) -> tuple[FieldYield, ...]:
        """How many cables yield each field of :data:`FIELDS`, in that order."""
        return tuple(FieldYield(name=name, label=label, cables=self._fields[name],
                                share=_share(self._fields[name], self._cables))
                     for name, label, _ in FIELDS)

    def field(self, name: str) -> FieldYield:
        """The yield of the field *name* (``subject``, ``tags``…); :class:`KeyError` when :data:`FIELDS` lacks it."""
        for found in self.fields:
            if found.name == name:
                return found
        raise KeyError(name)

    @property
    def defect_counts(self) -> tuple[DefectCount, ...]:
        """Each defect code found, most widespread first (by cables, then occurrences, then code)."""
        counts = (DefectCount(code=code, summary=kind.summary if (kind := DEFECT_CODES.get(code)) else "",
                              damage=is_damage(code), cables=n, defects=self._code_defects[code])
                  for code, n in self._code_cables.items())
        return tuple(sorted(counts, key=lambda c: (-c.cables, -c.defects, c.code)))

    @property
    def consistency(self) -> tuple[DefectCount, ...]:
        """Each consistency check (the ``inconsistent-…`` codes) with the cables it flags, in the registry's order.

        Every check is listed; one that flags no cable has zeros.
        """
        return tuple(DefectCount(code=code, summary=kind.summary, damage=False, cables=self._code_cables[code],
                                 defects=self._code_defects[code])
                     for code, kind in DEFECT_CODES.items() if kind.consistency)

    @property
    def worst(self) -> tuple[WorstCable, ...]:
        """The most damaged cables, worst first: by damage defects, then all defects, then the first added.

        Only cables with at least one damage defect are kept, rejected texts included.
        """
        return tuple(worst for _, worst in sorted(self._heap, reverse=True))

    # ----------------------------------------------------------------------- output

    def to_dict(self) -> dict[str, object]:
        """The results as plain dictionaries, lists, strings and numbers, ready for :func:`json.dumps`."""
        return {
            "cables": self.cables,
            "not_cables": self.not_cables,
            "rejected": self.rejected,
            "defects": self.defects,
            "damage": self.damage,
            "fields": [attrs.asdict(f) for f in self.fields],
            "defect_codes": [attrs.asdict(c) for c in self.defect_counts],
            "consistency": [attrs.asdict(c) for c in self.consistency],
            "worst": [{"source": w.source, "reference_id": w.reference_id, "damage": w.damage,
                       "defects": w.defects, "codes": dict(w.codes), "rejected": w.rejected} for w in self.worst],
            "rejected_codes": dict(self.rejected_codes),
        }

    def render_text(self, width: int = 100, *, ascii: bool = False) -> str:
        """Plain-text tables for a terminal or a pipe: no colour codes, no line wider than *width*.

        A *width* under 60 counts as 60.  With *ascii* the text is ASCII only:
        bars of ``#`` instead of blocks, ``?`` for any other character.  What
        a terminal should not see (control characters in a source) is a ``?``
        too.
        """
        return _audit_render.render_text(self, max(width, 60), ascii=ascii)

    def render_html(self, *, title: str = "Corpus audit") -> str:
        """A one-page HTML report headed *title*: headline figures, yield and defect bars, the worst cables.

        The page is self-contained (inline CSS, no script, nothing to fetch)
        and every value in it is escaped, so a hostile source or id shows as
        text.
        """
        return _audit_render.render_html(self, title)


def audit(cables: Iterable[tuple[str, Cable]], *, worst: int = 10) -> Audit:
    """An :class:`Audit` of *cables*, pairs of a source (a path, ``cables.csv:12``) and a parsed cable.

    *worst* is how many of the most damaged cables it keeps.
    """
    result = Audit(worst=worst)
    for source, cable in cables:
        result.add(cable, source=source)
    return result


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0

