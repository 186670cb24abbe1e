"""Whether two targets name the same indicator: matching forms of keys, their similarity, and
the qualifiers (城镇 vs 农村, 进口 vs 出口, a rise vs a fall) that keep similar keys apart.
"""
from __future__ import annotations

from functools import lru_cache

from docdiff.chinese import fold_width
from docdiff.regex_cache import compile_regex

# Minimum indicator similarity (0..1) for two targets to be the same indicator. 0.7 keeps
# 固定资产投资 ~ 区本级固定资产投资 (0.9, contained) and 旅游人数 ~ 旅游接待人数 (0.8) together
# while 一般公共预算收入增长 and 社会消费品零售总额增长 (0.19) stay apart.
MIN_KEY_SIMILARITY = 0.7

# A shorter key wholly inside a longer one (固定资产投资 in 区本级固定资产投资) counts as this
# similar, if it is at least MIN_CONTAINED characters and half the longer key's length.
CONTAINED_SIMILARITY = 0.9
MIN_CONTAINED = 4

# Qualifiers that make two otherwise similar indicators different things: urban vs rural
# residents, imports vs exports, one industry vs another, a rise vs a fall.
_EXCLUSIVE: tuple[tuple[tuple[str, ...], ...], ...] = (
    (("城镇",), ("农村", "农民")),
    (("进口",), ("出口",)),
    (("第一产业",), ("第二产业",), ("第三产业",)),
    (("国家级",), ("省级",), ("市级",), ("县级",)),
    (("增长", "提高", "增加", "上升"), ("下降", "降低", "减少", "削减")),
    (("增长", "增速", "增幅"), ("比重", "占比", "比例")),  # a growth rate vs a share
    (("登记",), ("调查",)),  # 城镇登记失业率 vs 城镇调查失业率: two different statistics
)

# A flow (新增企业 150家) and a stock (企业数 1100家) are different indicators.
_FLOW = "新增"

# Renamed statistics that successive reports use for one indicator: the 2013 household-survey
# reform replaced 农民人均纯收入 by 农村居民人均可支配收入. Used for matching only (longest first).
_EQUIVALENT: tuple[tuple[str, str], ...] = (
    ("农民人均纯收入", "农村居民人均可支配收入"),
    ("城镇人均可支配收入", "城镇居民人均可支配收入"),
    ("纯收入", "可支配收入"),
    ("农民", "农村居民"),
    ("常住居民", "居民"),
    ("分别", ""),  # "respectively": 城乡居民收入分别增长 names the same two indicators
)

# 城乡居民… is one figure for both 城镇居民… and 农村居民…, so it may pair with both halves.
AGGREGATE, PARTS = "城乡", ("城镇", "农村")

DIGITS = compile_regex(r"\d+(?:\.\d+)?")
NOT_KEY = compile_regex(r"[\s,.;:()\[\]<>'\"、，。；：（）【】《》“”‘’·—-]+")



@lru_cache(maxsize=8192)
def match_form(key: str) -> str:
    """The key as compared: width-folded, lower-case, no punctuation, renamed statistics folded.
    (Cached: each target's key is formed for the scores and again for restatements.)"""
    form = NOT_KEY.sub("", fold_width(key).lower())
    for old, new in _EQUIVALENT:
        form = form.replace(old, new)
    return form


def key_similarity(x: str, y: str) -> float:
    """Similarity (0..1) of two matching forms; a long enough contained key scores 0.9."""
    if x == y:
        return 1.0  # (before the import: most pairs scored are of one key)
    x, y = resolve_aggregate(x, y)
    if x == y:
        return 1.0
    from rapidfuzz import fuzz

    sim = fuzz.ratio(x, y) / 100
    short, long_ = sorted((x, y), key=len)
    if len(short) >= MIN_CONTAINED and 2 * len(short) >= len(long_) and short in long_:
        sim = max(sim, CONTAINED_SIMILARITY)
    return sim


def resolve_aggregate(x: str, y: str) -> tuple[str, str]:
    """Read 城乡 as the other key's 城镇 or 农村 when only one key is the aggregate."""
    if (AGGREGATE in x) == (AGGREGATE in y):
        return x, y
    agg, part = (x, y) if AGGREGATE in x else (y, x)
    half = next((p for p in PARTS if p in part), None)
    if half is None:
        return x, y
    agg = agg.replace(AGGREGATE, half)
    return (agg, part) if AGGREGATE in x else (part, agg)


def exclusive(x: str, y: str) -> bool:
    """Whether the keys carry incompatible qualifiers (城镇 vs 农村, 新增 vs a stock, growth vs
    share) or different numbers."""
    if DIGITS.findall(x) != DIGITS.findall(y):
        return True  # PM2.5 vs PM10, 5G vs 4G
    # 增加值 (value added) is a noun, not a rise: keep it out of the rise-vs-fall test.
    x, y = x.replace("增加值", ""), y.replace("增加值", "")
    if (_FLOW in x) != (_FLOW in y):
        return True
    for group in _EXCLUSIVE:
        sides_x = {n for n, words in enumerate(group) if any(w in x for w in words)}
        sides_y = {n for n, words in enumerate(group) if any(w in y for w in words)}
        if sides_x and sides_y and not sides_x & sides_y:
            return True
    return False
