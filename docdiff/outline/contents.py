"""Contents pages (目录): the entries before the body are skipped, so no heading appears twice.

Two shapes: a 目录 title followed by entries, which end where the first entry comes back as the
real heading; and, without a title, a run of entries that end in a page number after dot leaders
or a tab ("一、现实基础和发展形势……1", "第二章 总体要求 ........ 3", "三、保障措施\t第9页").
"""
from __future__ import annotations

from docdiff.model import Document
from docdiff.outline.paragraphs import Para
from docdiff.regex_cache import compile_regex

MAX_TOC_START = 200  # a 目录 comes before the body: look for one among the first paragraphs only
MAX_TOC_ENTRIES = 1000  # a national plan's contents list ~300 chapters and sections
MIN_UNTITLED_ENTRIES = 3  # without a 目录 title, this many page-numbered entries in a row
ENTRY_TAIL = 40  # characters at a paragraph's end searched for leaders and a page number

_TOC_TAIL = " .…·-0123456789"  # dot leaders and page numbers after a contents entry
# The end of a contents entry: leaders (two or more dots, ellipses, middle dots, dashes) or a tab,
# then a page number, "第N页" or "N页" (in norm: full-width digits and spaces already folded).
_PAGE_REF = compile_regex(r"(?:[.…·．\-—_]{2,}[ \t]*|[ \t]*\t[ \t]*|[ \t]{2,})(?:第[ \t]*)?[0-9]{1,4}[ \t]*页?[ \t]*$")
_PAGE_WORD = compile_regex(r"[ \t]*第[ \t]*[0-9]{1,4}[ \t]*页[ \t]*$")


def _toc_key(doc: Document, p: Para) -> str:
    """"第一章 发展环境……3", "第一章 发展环境\t第3页" and "第一章　发展环境" alike: no blanks,
    leaders or page number."""
    text = doc.norm[p.start : p.end]
    text = _PAGE_WORD.sub("", text)
    return text.rstrip(_TOC_TAIL + "\t").replace(" ", "").replace("\t", "")


def _is_entry(doc: Document, p: Para) -> bool:
    """Whether a paragraph reads as a contents entry: text, leaders or a tab, a page number.
    Only its tail is searched: a run of leaders is matched from each of its characters, which
    over a whole 100,000-character line of dashes would be quadratic."""
    tail = doc.norm[max(p.start, p.end - ENTRY_TAIL) : p.end]
    return bool(_PAGE_REF.search(tail) or _PAGE_WORD.search(tail)) and bool(_toc_key(doc, p))


def skip_contents(doc: Document, paras: list[Para]) -> list[Para]:
    """Paragraphs without a 目录 and its entries: the contents end where its first entry
    comes back as the real heading. No repeat, no contents: nothing is skipped. Without a
    目录 title, a run of page-numbered entries near the start is skipped."""
    for i, p in enumerate(paras[:MAX_TOC_START]):
        if doc.norm[p.start : p.end].replace(" ", "") != "目录":
            continue
        entries = paras[i + 1 : i + 1 + MAX_TOC_ENTRIES]
        if entries:
            first = _toc_key(doc, entries[0])
            for j, q in enumerate(entries[1:], start=i + 2):
                if _toc_key(doc, q) == first:
                    return paras[:i] + paras[j:]
        return paras
    return _skip_untitled_entries(doc, paras)


def _skip_untitled_entries(doc: Document, paras: list[Para]) -> list[Para]:
    """``paras`` without the first run of MIN_UNTITLED_ENTRIES or more contents entries near the
    start, when its first entry comes back later as a heading."""
    i, limit = 0, min(len(paras), MAX_TOC_START)
    while i < limit:
        if not _is_entry(doc, paras[i]):
            i += 1
            continue
        j = i
        while j < len(paras) and j - i < MAX_TOC_ENTRIES and _is_entry(doc, paras[j]):
            j += 1
        if j - i >= MIN_UNTITLED_ENTRIES:
            first = _toc_key(doc, paras[i])
            if any(_toc_key(doc, q) == first for q in paras[j:]):
                return paras[:i] + paras[j:]
        i = j
    return paras
