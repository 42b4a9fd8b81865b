"""Every example in cablekit's docstrings runs, against the installed package."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from types import ModuleType

import pytest

import cablekit


def _modules() -> list[str]:
    names = [cablekit.__name__]
    for info in pkgutil.walk_packages(cablekit.__path__, prefix=f"{cablekit.__name__}."):
        if not info.name.endswith("__main__"):
            names.append(info.name)
    return sorted(names)


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples(name: str) -> None:
    module: ModuleType = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
                             verbose=False, report=True)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"


def test_the_public_api_has_examples() -> None:
    attempted = sum(
        doctest.testmod(importlib.import_module(name), verbose=False, report=False).attempted
        for name in _modules()
    )
    assert attempted >= 20
