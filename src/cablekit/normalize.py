"""Temporary stub."""
from __future__ import annotations
from .model import Cable

def normalize(cable: Cable | str) -> Cable:
    """Return the clean cable."""
    return cable if isinstance(cable, Cable) else Cable()
