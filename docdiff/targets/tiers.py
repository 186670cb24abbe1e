"""Tier of a target: ``headline`` (the year's 主要预期目标 list, a plan's 发展目标 list, an
indicator table row) or ``task`` (a number in a task paragraph).

A sentence's target is a headline when its own line names the goal list before it
("今年经济社会发展的主要预期目标是：…") or when a section around it is titled as one
("(二)发展目标", "主要指标"); a title that also names tasks (目标任务) covers a whole chapter of
tasks and says nothing.
"""
from __future__ import annotations

import re

from docdiff.regex_cache import compile_regex

HEADLINE, TASK = "headline", "task"
TIERS = (HEADLINE, TASK)

# Written in the paragraph before the goals it lists: 主要预期目标是, 发展的主要目标是, 主要指标
GOAL_LIST_CUE_RE = compile_regex(r"主要预期目标|预期目标[是为：:]|主要目标[是为：:]|发展目标[是为：:]|主要指标[是为：:]")
# A section that is the goal list: (二)发展目标, 主要目标, 2024年主要预期目标, 主要指标
GOAL_LIST_TITLE_RE = compile_regex(r"(?:主要|发展|预期|总体)目标|主要指标")
# …and the tasks: 主要目标和重点任务, 2024年主要目标和重点工作 (but 主要目标任务 is the goal chapter)
_TASK_TITLE_RE = compile_regex(r"重点任务|重点工作|工作安排|举措|措施|和.{0,4}任务|工作")


def is_goal_list_title(title: str) -> bool:
    """Whether a section title names a goal list ('(二)发展目标'), not a chapter of tasks
    ('今后五年目标任务', '2024年主要目标和重点工作')."""
    return bool(GOAL_LIST_TITLE_RE.search(title)) and not _TASK_TITLE_RE.search(title)


def sentence_tier(line_before: str, titles: list[str], previous_paragraph: str = "") -> str:
    """The tier of a target written in a body line after ``line_before``, inside sections
    titled ``titles`` (outermost first). ``previous_paragraph`` (the paragraph before, in the same
    section) continues into this one when it opens a goal list and states no figure after the cue
    ("主要目标是：以…为总牵引，…。" then the list)."""
    if GOAL_LIST_CUE_RE.search(line_before) or any(is_goal_list_title(t) for t in titles):
        return HEADLINE
    if opens_goal_list(previous_paragraph):
        return HEADLINE
    return TASK


def opens_goal_list(paragraph: str) -> bool:
    """Whether a paragraph names a goal list and states no figure after the cue."""
    m = GOAL_LIST_CUE_RE.search(paragraph)
    return bool(m) and not re.search(r"\d", paragraph[m.end():])
