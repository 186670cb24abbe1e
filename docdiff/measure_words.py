"""Measure words (量词): the one list every stage reads units from.

``numbers`` (targets) reads a unit after a number from ``MEASURE_WORDS``; ``quantity``
(comparison) counts ``COUNT_CLASSIFIERS`` as one dimension (150家 and 150个 of one indicator count
the same things) and every other measure word as its own (人, 户, 人次, 户次, 场次: people,
households and visits are different things).
"""
from __future__ import annotations

# Generic classifiers of things counted: one dimension, "个".
COUNT_CLASSIFIERS = frozenset("个家项所座处条支批只台套辆艘架部件间栋幢张根盏宗门列例")

# Compound measure words (visits, sessions, runs): each its own dimension; listed whole so that
# 200户次 is never read as 200户 followed by a stray 次.
COMPOUND_MEASURES = ("人次", "户次", "场次", "车次", "班次", "架次", "辆次", "航次", "批次", "件次", "台次",
                     "门次", "人天", "人日", "床日")

# Other measure words of people, events and periods.
OTHER_MEASURES = ("人", "名", "位", "户", "场", "次", "轮", "期", "篇", "册", "株", "棵", "头", "床", "块",
                  "环节", "个工作日", "工作日", "个技能等级")

MEASURE_WORDS = tuple(sorted(set(COUNT_CLASSIFIERS) | set(COMPOUND_MEASURES) | set(OTHER_MEASURES),
                             key=lambda w: (-len(w), w)))
