"""Targets stage: ``Document`` + ``Outline`` → the quantified targets (指标) the document sets.

Numbers and units (``numbers``), value candidates (``candidates``), one sentence read into
targets (``clauses``, ``subjects``), goal-or-result wording (``rules``, ``sentences``), the
document's frame (``context``), indicator tables (``tables``) and indicator keys (``keys``).
"""
from docdiff.targets.extract import extract_targets

__all__ = ["extract_targets"]
