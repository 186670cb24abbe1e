"""The words of the reports (Chinese first, for the analysts who read them; English where it
helps) and the label of a section, shared by the HTML and Markdown renderers.
"""
from __future__ import annotations

from docdiff.model import Section


class L:
    """Words of the report (Chinese first, for the analysts who read it; English where it helps)."""

    REPORT_TITLE = "文档比较报告"
    SIDE = {"a": "A（基准）", "b": "B（新版）"}
    SIDE_SHORT = {"a": "A", "b": "B"}
    ISSUER, DATE, KIND, YEAR, NUMBER, PATH, LINES = "发布机构", "日期", "类型", "年份", "文号", "文件", "行数"
    KINDS = {"work_report": "政府工作报告", "plan": "规划", "implementation_plan": "实施方案",
             "reply": "建议提案答复", "bulletin": "统计公报", "other": "其他"}
    SIM_DOC, REUSE_AB, REUSE_BA = "全文相似度", "A 的文字见于 B", "B 的文字见于 A"
    SIMILARITY = "相似度"
    TARGETS, SECTIONS, NOTES, OUTLINE = "指标 Targets", "章节对照 Sections", "说明 Notes", "章节目录 Outline"
    TARGETS_CAPTION = "指标变化表：A 值、B 值、状态、方向、章节、行号"
    # status → (symbol, word): the symbol repeats the colour's meaning, so colour is never alone
    TARGET_STATUS = {"changed": ("≠", "变化 changed"), "removed": ("−", "删去 removed"),
                     "added": ("+", "新增 added"), "shared": ("=", "不变 shared")}
    TARGET_ORDER = ("changed", "removed", "added", "shared")
    SECTION_STATUS = {"matched": ("=", "对应 matched"), "changed": ("≠", "修改 changed"),
                      "moved": ("⇄", "移动 moved"), "added": ("+", "新增 added"), "removed": ("−", "删去 removed")}
    SECTION_ORDER = ("matched", "changed", "moved", "added", "removed")
    COMPARATORS = {"=": ("", ""), ">=": ("≥", "以上"), "<=": ("≤", "以内"), "~": ("≈", "左右"),
                   "range": ("", "区间")}
    PERIODS = {"point": "", "annual": "年度", "cumulative": "累计"}
    DIRECTIONS = {"raised": ("↑", "提高 raised"), "lowered": ("↓", "降低 lowered")}
    AMBITION = {"stricter": "更严格 stricter", "looser": "更宽松 looser"}
    CHANGES = {"value": "数值", "unit": "单位", "comparator": "比较方式", "year": "年份", "period": "期间"}
    NO_VALUE = "（无数值）"
    PAST = "往期目标 past"
    TARGET_COLUMNS = ("指标", "A 值", "B 值", "状态", "方向", "章节", "行 A → B")
    FILTER, SEARCH = "筛选", "搜索指标…"
    TARGET_HINT = "点击一行（或按 Enter）跳到原文；j / k 在修改过的章节间移动。"
    NO_TARGETS = "两份文件都没有找到量化指标。"
    NO_SECTIONS = "没有可对照的章节。"
    VIEW, SIDE_BY_SIDE, UNIFIED, ONLY_CHANGED = "视图", "并排", "合并", "只看修改"
    PREV, NEXT = "↑ 上一处", "↓ 下一处"
    DELETED, INSERTED, MOVED, TARGET = "删去", "新增", "移动", "指标"
    MOVED_TITLE = "移动 moved: 这句话在另一侧的别处"
    LINE = "第{}行"
    NO_COUNTERPART = "（无对应章节）"
    MISSING = {"a": "A 中没有对应章节（B 新增）", "b": "B 中没有对应章节（A 删去）"}
    PASSAGES, CHARS = "共有段落（逐字相同的文字）", "字"
    SKIP = "跳到指标表"
    DOWNLOAD_CSV, DOWNLOAD_TITLE = "下载 CSV", "每个指标对一行，Excel 和 WPS 可直接打开"
    BACK, BACK_TITLE = "↩ 返回指标表", "返回刚才的指标行（Esc）"
    SCRIPT_TEXT = {"shown": "显示 {n} / {total} 个指标", "noanchor": "原文中未定位到该指标"}


def section_label(s: Section | None) -> str:
    """"一 2017年工作回顾", "(一)打好三大攻坚战": the outline keeps 一、's number without its 、."""
    if s is None:
        return ""
    gap = " " if s.number and s.title and s.number[-1].isalnum() else ""
    return f"{s.number}{gap}{s.title}"
