"""Break styled terminal text into lines of at most N cells by the rules of Chinese typesetting.

禁则 (line-start/line-end prohibition): no line starts with a closing mark (，。、；：？！）」』》…)
and none ends with an opening one (（「『《“). A number with its decimal point, thousands
separators and percent sign (12.43亿元, 1,080, 6.5%), a Latin word, and a diff marker with the
character it touches ([-…-], {+…+}) are never split. CJK characters are two cells wide.
"""
from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING

from docdiff.chinese import char_class
from docdiff.render.cell_width import char_cells
from docdiff.regex_cache import compile_regex

if TYPE_CHECKING:
    from rich.text import Text

# Characters that may not start a line (closing punctuation, small kana-like marks, units glued
# to a number) and characters that may not end one (opening brackets and quotes).
NO_LINE_START = frozenset("，。、；：？！）」』》〉】〕〗”’‥·・%‰℃,.;:?!)]}>〃々～-+")
_PAIRED = frozenset("—…")  # 破折号 ——, 省略号 ……: the two halves stay together
NO_LINE_END = frozenset("（「『《〈【〔〖“‘([{<↪")
# Diff markers drawn by the terminal renderer: openers stick to what follows, closers to what precedes.
MARK_OPEN = ("[-", "{+")
MARK_CLOSE = ("-]", "+}")
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_NUMBER_INNER = frozenset(".,．，")  # 12.43, 1,080: joined only between two digits
# A number a diff cut in two (1[-0-]{+2+}%). Anchored after a non-number character, so a long
# run of digits is tried once, not from each of its digits (that was quadratic: 40,000 digits, 28 s).
_NUMBER_ACROSS_MARKERS = compile_regex(
    r"(?<![0-9０-９.,%])[0-9０-９][0-9０-９.,%]*(?:(?:\[-|-\]|\{\+|\+\})+[0-9０-９.,%]+)+")


_cells = char_cells  # one character's cells, as rich measures it


_D = char_class(_DIGITS)
_W = char_class(_DIGITS | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"))  # a number or Latin word
# Each alternative is one character that may not start a line where it stands, so finditer
# yields every such position (the rules of break_allowed, found in C rather than a Python loop).
_NO_BREAK_BEFORE = compile_regex("|".join((
    char_class(NO_LINE_START),
    rf"(?<={char_class(NO_LINE_END)})(?s:.)",
    r"(?<=\s)\s",  # \s is str.isspace (both Py_UNICODE_ISSPACE)
    "|".join(f"(?<={c}){c}" for c in sorted(_PAIRED)),  # the halves of —— and ……
    rf"(?<={_W}){_W}",  # inside a number or a Latin word
    rf"(?<={_D}){char_class(_NUMBER_INNER)}|(?<=[.．]){_D}|(?<={_D}{char_class(_NUMBER_INNER)}){_D}",  # 12.43, .5, 1,080
)))


def break_allowed(s: str) -> list[bool]:
    """``ok[i]``: a line may break before ``s[i]`` (i ≥ 1). Index 0 is never a break.

    No break before a closing mark or after an opening one, inside a run of spaces, between the
    halves of —— or ……, inside a number or Latin word (12.43, 1,080, .5 after a marker), nor
    inside or beside a diff marker, nor across a number a diff cut in two."""
    n = len(s)
    ok = [True] * (n + 1)
    ok[0] = ok[n] = False
    for m in _NO_BREAK_BEFORE.finditer(s):
        ok[m.start()] = False
    for i in _held_by_markers(s):
        ok[i] = False
    return ok


def _held_by_markers(s: str) -> set[int]:
    """The positions before which no line may break because of a diff marker: inside one, after
    an opener ("[-", "{+": glued to the next character), before a closer ("-]", "+}": glued to
    the previous one), and inside a number a diff cut in two (1[-0-]{+2+}%)."""
    n = len(s)
    held: set[int] = set()
    for marks, glue_after in ((MARK_OPEN, True), (MARK_CLOSE, False)):
        for mark in marks:
            start = s.find(mark)
            while start != -1:
                end = start + len(mark)
                held.update(range(start + 1, end))
                if glue_after and end < n:
                    held.add(end)
                if not glue_after and start > 0:
                    held.add(start)
                start = s.find(mark, end)
    if held:  # (a number across markers holds a marker)
        for m in _NUMBER_ACROSS_MARKERS.finditer(s):
            held.update(range(m.start() + 1, m.end()))
    return held


def wrap_offsets(s: str, width: int) -> list[int]:
    """Offsets where the single-line string ``s`` is cut so no piece is wider than ``width``
    cells, breaking only where ``break_allowed`` says (an unbreakable run wider than the whole
    line is cut at its last fitting character rather than overflow the terminal).

    A line is filled up to the first character that would overflow it, found by bisection over
    the running sums of the characters' widths, then cut at the last allowed break before (or
    at) that character, found by testing the rules there and backwards, within the line: the
    rules of a whole long line are not worked out where no line ends (a long line costs a few
    C-level passes and a few tests per cut, not a Python step a character).
    """
    if 2 * len(s) <= width:  # no character takes more than two cells: it fits
        return []
    ends = [0, *accumulate(map(_cells, s))]  # ends[i]: cells of s[:i]
    if ends[-1] <= width and "\u200d" not in s and "\ufe0f" not in s:
        return []  # it fits (rich's cell_len: the sum of its characters' widths): nothing to cut
    held = _held_by_markers(s)
    no_break_at = _NO_BREAK_BEFORE.match
    n = len(s)
    cuts: list[int] = []
    line_start = 0
    while True:
        # the first i > line_start whose character does not fit after s[line_start:i]
        i = bisect_right(ends, ends[line_start] + width, line_start + 2) - 1
        if i >= n:
            return cuts
        cut = i  # a space that does not fit ends the line; so does one run wider than the line
        if not s[i].isspace():
            last_ok = next((p for p in range(i, line_start, -1) if p not in held and not no_break_at(s, p)), -1)
            if last_ok > line_start:  # the last allowed break at or before i, inside this line
                cut = last_ok
                if ends[i + 1] - ends[cut] > width:  # what follows the break still does not fit: cut here too
                    cuts.append(cut)
                    cut = i
        cuts.append(cut)
        line_start = cut


def _wrap_offsets_by_character(s: str, width: int) -> list[int]:
    """``wrap_offsets`` one character at a time (the definition it is tested against)."""
    ok = break_allowed(s)
    cuts: list[int] = []
    line_start, used = 0, 0
    last_ok = -1  # last allowed break in the current line
    for i, ch in enumerate(s):
        if i > line_start and ok[i]:
            last_ok = i
        w = _cells(ch)
        if used + w > width and i > line_start:
            if not ch.isspace() and last_ok > line_start:
                cut = last_ok
                used = sum(_cells(c) for c in s[cut:i])
                if used + w > width:  # what follows the break still does not fit: cut here too
                    cuts.append(cut)
                    cut, used = i, 0
            else:  # a space that does not fit ends the line; or one run wider than the line
                cut, used = i, 0
            cuts.append(cut)
            line_start, last_ok = cut, -1
        used += w
    return cuts


def wrap_text(text: Text, width: int) -> list[Text]:
    """``text`` (styles kept) as lines no wider than ``width`` cells: first at its own line
    breaks, then by ``wrap_offsets``. Spaces left at the start of a wrapped line are dropped."""
    width = max(2, width)
    out: list[Text] = []
    for line in text.split("\n", allow_blank=True):
        plain = line.plain
        cuts = wrap_offsets(plain, width)
        if not cuts:
            out.append(line)
            continue
        for k, piece in enumerate(line.divide(cuts)):
            if k:
                piece = _lstrip(piece)
            out.append(_rstrip(piece))
    return out


def _lstrip(t: Text) -> Text:
    n = len(t.plain) - len(t.plain.lstrip(" \u3000"))
    return t[n:] if n else t


def _rstrip(t: Text) -> Text:
    t = t.copy()
    t.rstrip()
    return t
