"""Which targets a target diff compares: a past period's rows (``status: past``, a plan's 十三五
review table) only when asked, and optionally one tier alone (``--tier headline``)."""
from __future__ import annotations

from docdiff.model import Target


def select_targets(targets: tuple[Target, ...], *, include_past: bool = False,
                   tier: str | None = None) -> tuple[Target, ...]:
    """``targets`` without past rows (unless ``include_past``) and, given ``tier``, without the
    targets of any other tier; order kept."""
    return tuple(t for t in targets
                 if (include_past or t.status != "past") and (tier is None or t.tier == tier))
