"""Contents pages (目录): the entries before the body are skipped, so no heading appears twice."""
from __future__ import annotations

from docdiff.model import Document
from docdiff.outline.paragraphs import Para

MAX_TOC_START = 200  # a 目录 comes before the body: look for one among the first paragraphs only
MAX_TOC_ENTRIES = 1000  # a national plan's contents list ~300 chapters and sections

_TOC_TAIL = " .…·-0123456789"  # dot leaders and page numbers after a contents entry


def _toc_key(doc: Document, p: Para) -> str:
    """"第一章 发展环境……3" and "第一章　发展环境" alike: no blanks, leaders or page number."""
    return doc.norm[p.start : p.end].rstrip(_TOC_TAIL).replace(" ", "")


def skip_contents(doc: Document, paras: list[Para]) -> list[Para]:
    """Paragraphs without a 目录 and its entries: the contents end where its first entry
    comes back as the real heading. No repeat, no contents: nothing is skipped."""
    for i, p in enumerate(paras[:MAX_TOC_START]):
        if doc.norm[p.start : p.end].replace(" ", "") != "目录":
            continue
        entries = paras[i + 1 : i + 1 + MAX_TOC_ENTRIES]
        if entries:
            first = _toc_key(doc, entries[0])
            for j, q in enumerate(entries[1:], start=i + 2):
                if _toc_key(doc, q) == first:
                    return paras[:i] + paras[j:]
        break
    return paras
