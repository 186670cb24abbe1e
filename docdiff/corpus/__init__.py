"""Many documents → a target table, a reuse index (similarity, shared passages, clusters) and
verdicts against a parent document; per-document work is stored by content hash and run on Dask."""
from __future__ import annotations

from docdiff.corpus.build import build_corpus

__all__ = ["build_corpus"]
