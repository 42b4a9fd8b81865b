"""Temporary stub: the real parser is being written."""
from __future__ import annotations
from .model import Cable, Mode

def parse(text: str, *, mode: Mode | str = "lenient", reference_id: str | None = None) -> Cable:
    """Parse *text* into a :class:`Cable`."""
    return Cable()
