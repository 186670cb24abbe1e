"""docdiff: compare Chinese government documents section by section and target by target.

    >>> import docdiff
    >>> a = docdiff.load("samples/hailar-district-2018-work-report.txt")
    >>> b = docdiff.load("samples/hailar-district-2019-work-report.txt")
    >>> result = docdiff.compare(a, b)
    >>> [(p.status, p.a and p.a.value, p.b and p.b.value) for p in result.targets][:1]

Names are imported lazily so that ``import docdiff`` (and ``docdiff --help``) stays fast.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = [
    "Comparison",
    "DocdiffError",
    "Document",
    "InputError",
    "Outline",
    "Target",
    "build_series",
    "compare",
    "extract_targets",
    "load",
    "parse_outline",
]

_LAZY = {
    "load": "docdiff.ingest",
    "parse_outline": "docdiff.outline",
    "extract_targets": "docdiff.targets",
    "compare": "docdiff.comparison",
    "build_series": "docdiff.series",
    "Comparison": "docdiff.model",
    "Document": "docdiff.model",
    "Outline": "docdiff.model",
    "Target": "docdiff.model",
    "DocdiffError": "docdiff.errors",
    "InputError": "docdiff.errors",
}

if TYPE_CHECKING:
    from docdiff.comparison import compare
    from docdiff.errors import DocdiffError, InputError
    from docdiff.ingest import load
    from docdiff.model import Comparison, Document, Outline, Target
    from docdiff.outline import parse_outline
    from docdiff.series import build_series
    from docdiff.targets import extract_targets


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value  # looked up once; no submodule shares an API name (tests/test_layout.py)
        return value
    raise AttributeError(f"module 'docdiff' has no attribute {name!r}")
