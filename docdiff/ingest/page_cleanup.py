"""What a fixed-layout page prints besides the document: page numbers, running heads and feet,
and the spaces some producers put at every boundary of Chinese and digits (2018 年 3 月).

Works on each page's printed lines as text, before the lines are rejoined into paragraphs, so a
paragraph that runs over a page break is not cut by the page number between its halves.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from docdiff.regex_cache import compile_regex

EDGE_LINES = 6  # a running head or foot is among a page's first or last lines with text (pdfminer
# may put a body box before it: a browser's title line came up to sixth)
MIN_PAGES_FOR_REPEATS = 3  # a line repeated on pages is a running head only with enough pages
REPEAT_SHARE = 0.5  # …and when it is on at least this share of them
# 12, - 12 -, 第12页, 12/40, Page 12 of 40: a page number alone on its line.
_PAGE_NUMBER_RE = compile_regex(
    r"[ \t\u3000]*(?:[-—–－][ \t]*)?(?:第[ \t]*)?[0-9]{1,4}(?:[ \t]*[/／][ \t]*[0-9]{1,4}|[ \t]*页(?:[ \t]*[/／共][ \t]*[0-9]{1,4}[ \t]*页?)?)?"
    r"(?:[ \t]*[-—–－])?[ \t\u3000]*"
    r"|[ \t]*(?:[Pp]age|PAGE)[ \t]+[0-9]{1,4}(?:[ \t]+of[ \t]+[0-9]{1,4})?[ \t]*"
)
_DIGITS_RE = compile_regex(r"[0-9]+")
_CJK = "\u3400-\u9fff\uf900-\ufaff\u2e80-\u2fdf\u3000-\u303f\uff00-\uffef"
# One space a producer put between a Chinese character (or mark) and a digit or Latin letter.
_CJK_SPACE_RE = compile_regex(rf"(?<=[{_CJK}]) (?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%]) (?=[{_CJK}])")
_CJK_TIGHT_RE = compile_regex(rf"(?<=[{_CJK}])(?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%])(?=[{_CJK}])")
MIN_AUTOSPACES = 5
AUTOSPACE_SHARE = 0.8  # of the Chinese–digit boundaries spaced: the producer did it, not the text
# …but not after a caption's or heading's number: "表2 路桥区…", "1 路桥区…情况表".
_NUMBER_LABEL_RE = compile_regex(r"[ \t\u3000]*(?:(?:表|图|专栏)[ \t]*)?[0-9]{1,3} ")


def running_lines(pages: Sequence[Sequence[str]]) -> list[set[int]]:
    """For each page (its printed lines' texts), the indices of its page number and running
    heads and feet.

    A page number is a number alone on a page's first or last line that runs with the pages
    (page k says k + c, the same c on at least half of them): a table cell "5" that happens to
    end a page does not. A running head or foot is a line with words at the top or bottom of a
    page that recurs, digits aside (a date, "1/10"), at the edges of at least half the pages.
    """
    filled_pages = [k for k, p in enumerate(pages) if any(line.strip() for line in p)]
    numbered = _page_number_lines([pages[k] for k in filled_pages])
    edge_keys: Counter[str] = Counter()
    for k in filled_pages:
        page = pages[k]
        edge_keys.update({_running_key(page[i]) for i in _edges(page)} - {""})
    repeated = (
        {key for key, n in edge_keys.items() if n >= REPEAT_SHARE * len(filled_pages)}
        if len(filled_pages) >= MIN_PAGES_FOR_REPEATS else set()
    )
    out: list[set[int]] = [set() for _ in pages]
    for n, k in enumerate(filled_pages):
        page = pages[k]
        # found among the edge lines of most pages, dropped a little deeper on every page
        out[k] = {i for i in _edges(page, 2 * EDGE_LINES) if _running_key(page[i]) in repeated}
        out[k] |= numbered.get(n, set())
    return out


def autospaced(lines: Sequence[str]) -> bool:
    """Whether the producer spaced every Chinese–digit boundary (LibreOffice's Asian/Western
    spacing), rather than the document having a space here and there (10:16 来源)."""
    spaced = sum(len(_CJK_SPACE_RE.findall(line)) for line in lines)
    tight = sum(len(_CJK_TIGHT_RE.findall(line)) for line in lines)
    return spaced >= MIN_AUTOSPACES and spaced >= AUTOSPACE_SHARE * (spaced + tight)


def without_cjk_spaces(line: str) -> str:
    """``line`` without the spaces a producer put between CJK and digits or letters."""
    label = _NUMBER_LABEL_RE.match(line)
    keep = label.end() if label else 0
    return line[:keep] + _CJK_SPACE_RE.sub("", line[keep:])


def _edges(page: Sequence[str], depth: int = EDGE_LINES) -> list[int]:
    """Indices of the first and last ``depth`` lines with text on a page."""
    filled = [i for i, line in enumerate(page) if line.strip()]
    return sorted(set(filled[:depth] + filled[-depth:]))


def _running_key(line: str) -> str:
    """A line as running heads repeat it (digits masked); "" for one without two letters."""
    key = _DIGITS_RE.sub("0", line.strip())
    return key if sum(1 for c in key if c.isalpha()) >= 2 else ""


def _page_number_lines(pages: Sequence[Sequence[str]]) -> dict[int, set[int]]:
    """page index → the index of its page-number line, for pages numbered in sequence."""
    found: dict[int, list[tuple[int, int]]] = {}  # page → (line index, page number − page index)
    for k, page in enumerate(pages):
        filled = [i for i, line in enumerate(page) if line.strip()]
        for i in {filled[0], filled[-1]} if filled else ():
            if _PAGE_NUMBER_RE.fullmatch(page[i]) and (m := _DIGITS_RE.search(page[i])):
                found.setdefault(k, []).append((i, int(m.group()) - k))
    offsets = Counter(off for hits in found.values() for _, off in hits)
    if not offsets:
        return {}
    offset, n = offsets.most_common(1)[0]
    if n < max(2, REPEAT_SHARE * len(pages)):
        return {}
    return {k: {i for i, off in hits if off == offset} for k, hits in found.items()}
