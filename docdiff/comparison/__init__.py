"""Comparison stage: two documents → ``Comparison``, the baseline ``a`` against the new ``b``.

Section alignment (``align``, ``similarity``), text reuse (``reuse``), the inline text diff
(``textdiff``), target matching and statuses (``targetdiff``, ``target_keys``, ``quantity``);
``pipeline`` runs every stage in order.
"""
from docdiff.comparison.pipeline import compare

__all__ = ["compare"]
