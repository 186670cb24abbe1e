"""Outline stage: ``Document`` → ``Outline``, the section tree and the rebuilt tables.

Heading patterns (``patterns``), the tree and its levels (``tree``), lead sentences that act as
headings (``leads``), contents pages (``contents``) and flattened tables (``tables``).
"""
from docdiff.outline.tree import parse_outline

__all__ = ["parse_outline"]
