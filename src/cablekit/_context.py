"""The one place defects are reported (the policy choke point of the parser)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from .defects import DEFECT_CODES, DefectCode
from .model import Defect


class Context:
    """Collects the defects of one parse and maps cable lines to source lines.

    Lines of the text the parser reads (after a publication wrapper was taken
    off) are mapped back to lines of the text the caller gave, so a defect
    always points into the caller's input.  A defect is reported either at a
    line of the cable text (:meth:`at_line`, which maps it) or at a line of the
    caller's input (:meth:`at_source_line`, for what the unwrapping and the
    line repairs find before the cable text exists).
    """

    __slots__ = ("_line_map", "defects")

    def __init__(self) -> None:
        self.defects: list[Defect] = []
        self._line_map: Sequence[int] | None = None

    def set_line_map(self, line_map: Sequence[int] | None) -> None:
        """Install the map from cable lines (index + 1) to source lines."""
        self._line_map = line_map

    def source_line(self, line: int) -> int:
        """The source line for a 1-based cable line."""
        line_map = self._line_map
        if line_map is None or not line_map:
            return max(line, 1)
        index = min(max(line, 1), len(line_map)) - 1
        return line_map[index]

    def at_line(self, code: DefectCode, message: str, *, line: int, column: int = 1, text: str = "",
                repair: str | None = None) -> None:
        """Record a defect found at line *line* (1-based) of the cable text."""
        line_map = self._line_map
        line = line_map[min(max(line, 1), len(line_map)) - 1] if line_map else max(line, 1)
        value, usual_repair = _CODES[code]  # as at_source_line, without a second call (one a defect adds up)
        self.defects.append(Defect(code=value, message=message, line=line, column=max(column, 1), text=text,
                                   repair=usual_repair if repair is None else repair))

    def at_source_line(self, code: DefectCode, message: str, *, line: int, column: int = 1, text: str = "",
                       repair: str | None = None) -> None:
        """Record a defect found at line *line* (1-based) of the text the caller gave."""
        value, usual_repair = _CODES[code]
        self.defects.append(Defect(code=value, message=message, line=line, column=max(column, 1), text=text,
                                   repair=usual_repair if repair is None else repair))


_CODES: Final[Mapping[DefectCode, tuple[str, str]]] = {
    code: (code.value, DEFECT_CODES[code.value].repair) for code in DefectCode}
"""Each code as the plain string a :class:`~cablekit.Defect` holds, and what lenient mode does about it
(``code.value`` is slow to read on Python 3.11, and this is read once for each defect)."""
