"""Any layout, one reading: hard-wrapped lines and sentence-per-line runs rejoined into paragraphs.

The same report reaches us one paragraph per line (as published), wrapped at a fixed width (PDF
text, fixed-width exports) or one sentence per line (corpora, translation memories). Every
later stage reads a paragraph as a line, so a wrapped indicator (地区生产总值增 / 长6%) or a
title cut from its body (东山组团建设。/ 投资64.8亿元) would read differently. Here a document
whose layout is recognised as one of those has its soft line breaks removed; the text it hands
on is the reading text, with the offset at which each of the file's lines starts in it, so every
line number reported still counts the file's lines.

Recognised, document-wide and conservatively (a published report has neither shape):
- hard wrap: nearly no line is wider than a width W that many lines reach, most of those without
  a sentence end: a line reaching W continues on the next one;
- sentence per line: nearly every line holds one sentence, ending it: a sentence continues its
  paragraph on the next line.
Neither joins across a blank line, into an indented line (a paragraph's first), into a line that
opens like a heading (一、 (一) 第X章 1. ① 专栏 表 ——) after a sentence end, or a table row (|);
a sentence-per-line run with no blank lines between paragraphs also starts one at a short title
sentence (经济实力明显增强。).
"""
from __future__ import annotations

from docdiff.lines import split_lines
from docdiff.regex_cache import compile_regex

_SENTENCE_END = "。！？!?"
_CLOSERS = "”’」』）)\"'"
_INDENT = " \t\u3000\xa0"
# How a paragraph's first line is indented; one space is only a space the wrap fell before.
_PARAGRAPH_INDENT = ("\u3000", "  ", "\t", "\xa0", " \u3000")
# East Asian Wide and Fullwidth ranges (what unicodedata.east_asian_width calls W and F), as one
# character class: a regex count is ~50× faster than asking unicodedata character by character.
# Runs of them: removing the runs leaves the narrow characters, with no string per wide one.
_WIDE_RUNS = compile_regex(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]+"
)
# A sentence end with more than closing quotes and blanks after it. The class after the end is
# the complement of the one before it, so a match attempt never backtracks.
_INNER_END = compile_regex("[。！？!?][”’」』）)\"' \t\u3000\xa0]*[^”’」』）)\"' \t\u3000\xa0]")
# A line that starts a new block whatever precedes it: a heading number, a 专栏/表 caption, a
# "——" lead. Each alternative is a bounded character class then literals: no backtracking.
_HEADING_START = compile_regex(
    r"[ \t\u3000\xa0]*(?:"
    r"第[一二三四五六七八九十百零〇0-9]{1,4}[章节篇部分条]"
    r"|[一二三四五六七八九十]{1,3}[、.．]"
    r"|[（(][一二三四五六七八九十0-9]{1,3}[）)]"
    r"|[0-9]{1,2}[、.．](?![0-9])"
    r"|[\u2460-\u2473]"
    r"|专栏|表[ \t]*[0-9一二三四五六七八九十]|——|附件|目录"
    r")"
)
# Hard wrap: at least this many lines, this share of them at the width, and at most this share
# wider than it (a few lines a tool did not wrap: a URL, a table row).
MIN_LINES = 8
MIN_FULL_SHARE = 0.3
MAX_WIDER_SHARE = 0.02
MIN_WRAP_WIDTH = 16  # display columns: narrower "wraps" are lists of short items
# Sentence per line: this share of the lines end a sentence, at most this share hold a second.
MIN_SENTENCE_SHARE = 0.5
MAX_INNER_END_SHARE = 0.05
# …and a sentence this short without a clause mark is a title opening a paragraph.
MAX_TITLE_SENTENCE = 24
MIN_BLANK_SHARE = 0.1  # fewer blank lines than this share of the text lines: no paragraph breaks
_CLAUSE_MARKS = "，,；;：:、"


def rejoin_lines(text: str) -> tuple[str, tuple[int, ...]]:
    """(reading text, offset where each line of ``text`` starts in it); ``(text, ())`` when the
    layout is the usual one and nothing is joined."""
    raw = split_lines(text, keepends=True)
    lines = [r.rstrip("\r\n") for r in raw]
    joins = _wrapped_joins(lines) or _sentence_joins(lines)
    if not joins:
        return text, ()
    out: list[str] = []
    origins: list[int] = []
    pos = 0
    for i, (r, content) in enumerate(zip(raw, lines)):
        origins.append(pos)
        piece = content if i in joins else r
        out.append(piece)
        pos += len(piece)
    return "".join(out), tuple(origins)


def _width(s: str) -> int:
    """Display columns of ``s``, near enough to find a wrap width: CJK and full-width take two."""
    return 2 * len(s) - len(_WIDE_RUNS.sub("", s))  # each wide character counted twice


def _ends_sentence(line: str) -> bool:
    core = line.rstrip(_INDENT).rstrip(_CLOSERS)
    return bool(core) and core[-1] in _SENTENCE_END


def _may_join(line: str, nxt: str, *, headings_break: bool = True) -> bool:
    """Whether ``nxt`` may continue ``line`` at all (the checks common to both layouts)."""
    if not line.strip(_INDENT) or not nxt.strip(_INDENT):
        return False
    if nxt.startswith(_PARAGRAPH_INDENT) or "|" in line or "|" in nxt:
        return False
    return not (headings_break and _ends_sentence(line) and _HEADING_START.match(nxt))


def _wrapped_joins(lines: list[str]) -> set[int]:
    """Indices i whose line break is a hard wrap (line i + 1 continues line i)."""
    texts = [i for i, line in enumerate(lines) if line.strip(_INDENT)]
    if len(texts) < MIN_LINES:
        return set()  # (before any width is measured: a whole document may be one 12 MB line)
    widths = [(i, _width(lines[i].rstrip(_INDENT))) for i in texts]
    ordered = sorted(w for _, w in widths)
    wrap = ordered[int(0.95 * (len(ordered) - 1))]
    if wrap < MIN_WRAP_WIDTH:
        return set()
    slack = max(2, wrap // 10)  # a CJK character that did not fit, punctuation kept on the line
    wider = sum(1 for w in ordered if w > wrap + 2)
    full = [i for i, w in widths if wrap - slack <= w <= wrap + 2]
    open_full = [i for i in full if not _ends_sentence(lines[i])]
    if wider > MAX_WIDER_SHARE * len(widths) or len(open_full) < MIN_FULL_SHARE * len(widths):
        return set()
    return {i for i in full if i + 1 < len(lines) and _may_join(lines[i], lines[i + 1])}


def _sentence_joins(lines: list[str]) -> set[int]:
    """Indices i whose line break only separates two sentences of one paragraph."""
    body = [line.strip(_INDENT) for line in lines if line.strip(_INDENT)]
    if len(body) < MIN_LINES:
        return set()
    ends = sum(1 for line in body if _ends_sentence(line))
    inner = sum(1 for line in body if _inner_end(line))
    if ends < MIN_SENTENCE_SHARE * len(body) or inner > MAX_INNER_END_SHARE * len(body):
        return set()
    # Blank lines, where there are any to speak of, say where paragraphs end; without them a
    # paragraph's short title sentence is the only sign of its start.
    titles_open = len(lines) - len(body) < MIN_BLANK_SHARE * len(body)
    return {
        i for i in range(len(lines) - 1)
        # where blank lines end paragraphs, a (二) after a sentence end is inline, as published
        if _ends_sentence(lines[i]) and _may_join(lines[i], lines[i + 1], headings_break=titles_open)
        and not (titles_open and _title_sentence(lines[i + 1]))
    }


def _title_sentence(line: str) -> bool:
    """A short sentence without a comma (全面加快现代农牧业发展。): a paragraph's title sentence,
    which opens the paragraph rather than continuing the one before."""
    core = line.strip(_INDENT)
    return len(core) <= MAX_TITLE_SENTENCE and not any(c in _CLAUSE_MARKS for c in core[:-1])


def _inner_end(line: str) -> bool:
    """Whether a sentence ends inside ``line`` with more text after it (a second sentence)."""
    return _INNER_END.search(line) is not None
