"""Tools for testing code that uses cablekit: generated cables and catalogued damage.

Two modules, imported on their own (``import cablekit`` imports neither):

:mod:`cablekit.testing.strategies`
    `Hypothesis <https://hypothesis.readthedocs.io/>`_ strategies that build
    clean :class:`~cablekit.Cable` graphs and their cable texts.  Needs
    hypothesis: ``pip install 'cablekit[test]'``.
:mod:`cablekit.testing.damage`
    The damage publication did to cables (the defect reference of the docs
    describes each kind), as seedable text
    transforms that record the lines they struck.  Needs only the standard
    library, so it can be used anywhere, e.g. to build test fixtures.

>>> import random
>>> from cablekit.testing import damage
>>> hit = damage.COMMA_FOR_PERIOD("SUBJECT: TALKS\\n\\n1. (C) One.\\n\\n2. (C) Two.\\n", random.Random(0))
>>> hit.text.splitlines()[4], hit.lines
('2, (C) Two.', (5,))
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["damage", "strategies"]


def __getattr__(name: str) -> ModuleType:
    # The submodules load on first use: ``strategies`` needs hypothesis, which cablekit does not.
    if name in __all__:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
