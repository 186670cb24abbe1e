"""Numbers in goal sentences that are no goal: policy terms and background statistics.

- A policy's terms ("年应纳税所得额不超过300万元的部分，减按25%计入", "延续执行…政策", 贴息比例,
  税率): the rule a policy applies, not a level the government commits to reach.
- The size of a cohort or a population ("户籍人口超过200万人", "60岁以上老年人口超过80万人",
  "高校毕业生超过60万人"): the background a goal is set against, unless the sentence commits to it.
"""
from __future__ import annotations

from docdiff.regex_cache import compile_regex

# Words of a tax, fee or subsidy rule, in the clause holding the value.
_POLICY_RE = compile_regex(
    r"应纳税所得额|减按|减半征收|税率|征收率|起征点|免征|减征|计税|扣除|抵扣|加计|贴息比例|担保费率|"
    r"延续(?:执行|实施)|继续(?:执行|实施).{0,12}政策|的部分"
)
# A population or cohort named alone (with 数/总数/规模/人数): who there are, not a goal.
_COHORT_RE = compile_regex(
    r"(?:户籍|常住|总|老年|出生|流动|劳动年龄|适龄)人口(?:总量|数|总数|规模)?$|"
    r"(?:高校|应届)?毕业生(?:总量|人数|规模)?$|在校(?:学)?生(?:人数)?$|老年人(?:口|数)?$|新生儿(?:数)?$|"
    r"留守儿童(?:数)?$|残疾人(?:口|数)?$|困难群众(?:数)?$|市场主体(?:总量|数)?$"
)
_PEOPLE_UNITS = ("人", "万人", "名", "万名", "户", "万户", "个", "万个", "万", "亿")
# A commitment about the cohort itself (力争户籍人口达到…, 吸引…落户): then it is a goal.
_COMMIT_RE = compile_regex(r"力争|确保|争取|目标|吸引|引进|落户|新增|增加到|达到|到(?:19|20)\d\d年|到二[〇○零]")


def is_policy_term(clause: str) -> bool:
    """Whether the clause holding a value states a policy's rule (税率, 减按, 延续执行…政策)."""
    return bool(_POLICY_RE.search(clause))


def is_background_count(indicator: str, unit: str, sentence: str) -> bool:
    """Whether a value only sizes a population or cohort (户籍人口超过200万人) in a sentence that
    commits to nothing about it (no 力争, 目标, 到2026年…)."""
    return unit in _PEOPLE_UNITS and bool(_COHORT_RE.search(indicator)) and not _COMMIT_RE.search(sentence)
