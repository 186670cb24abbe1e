"""HTML text → plain text lines: block elements become lines, table rows become 'a | b | c'.

Also decides whether a ``.txt`` file is an HTML page: only when it declares itself one
(``<!DOCTYPE html``, an ``<html`` root). Guessing from the share of lines with tags turned text
files into pages: lines merged, script text vanished and line numbers shifted. Any other text
file stays text (``stray_tags.py`` removes inline tags, ``debris.py`` marks tag-only lines).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docdiff.errors import InputError
from docdiff.lazy_regex import lazy_compile
from docdiff.regex_cache import compile_regex

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Every .txt file is sniffed (is_html) but few are pages: the extraction patterns wait for one.
_DECLARED_RE = compile_regex(r"(?:<\?xml[^>]{0,200}>\s*)?(?:<!--[^>]{0,500}-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I)
_XML_DECL_RE = lazy_compile(r"^\s*<\?xml[^>]{0,200}\?>")

DROP = ("script", "style", "nav", "header", "footer", "noscript", "iframe", "form", "template",
        "svg", "head", "object", "embed", "canvas", "select", "button", "aside", "dialog", "menu")
BLOCKS = frozenset({
    "address", "article", "blockquote", "body", "center", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "html", "legend",
    "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot",
    "caption", "ul", "tr", "td", "th",
})
_WS_RE = lazy_compile(r"[ \t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
_CJK = r"\u3400-\u9fff\u3000-\u303f\uff00-\uffef"
_WRAP = "\x01"  # stands for source whitespace that contained a line break, until the line is built
_RUN_RE = lazy_compile(rf"[ {_WRAP}]+")
# A line break in the source between two Chinese characters is not a space in the text
# (the source was wrapped); a typed space is kept.
_CJK_WRAP_RE = lazy_compile(rf"(?<=[{_CJK}])[ {_WRAP}]*{_WRAP}[ {_WRAP}]*(?=[{_CJK}])")
_HIDDEN_STYLE_RE = lazy_compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def is_html(text: str) -> bool:
    """Does this text declare itself an HTML page (doctype, or an ``<html>`` root)?"""
    return _DECLARED_RE.match(text.lstrip("\ufeff \t\r\n")[:2000]) is not None


def extract_html_text(markup: str, path: str) -> str:
    """Visible text of an HTML page, one block per line; InputError if it cannot be parsed."""
    from lxml import etree, html

    markup = _XML_DECL_RE.sub("", markup)  # lxml refuses str input with an encoding declaration
    # huge_tree lifts libxml2's 256-level depth limit (scraped pages nest deeply) to 2048
    parser = html.HTMLParser(huge_tree=True)
    try:
        root = html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        raise InputError(path, "HTML page with no text") from None
    except etree.LxmlError as e:
        raise InputError(path, f"not valid HTML ({e})") from None
    if any("Excessive depth" in e.message for e in parser.error_log):
        # libxml2 stops at the limit and drops the rest: refuse rather than lose text silently
        raise InputError(path, "HTML nested too deeply to read (over 2048 levels)")
    _drop_invisible(root)
    return _to_lines(root)


def _drop_invisible(root: HtmlElement) -> None:
    from lxml import etree

    doomed = [el for el in root.iter(etree.Comment, etree.ProcessingInstruction, etree.Entity)]
    for el in root.iter(*DROP):
        doomed.append(el)
    for el in root.iter():
        if isinstance(el.tag, str) and (
            el.get("hidden") is not None or _HIDDEN_STYLE_RE.search(el.get("style", ""))
            or el.get("aria-hidden") == "true"
        ):
            doomed.append(el)
    for el in doomed:
        _remove_keep_tail(el)


def _remove_keep_tail(el: HtmlElement) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _to_lines(root: HtmlElement) -> str:
    """Walk the tree without recursion (pages nest thousands deep): blocks and <br> end lines."""
    from lxml import etree

    lines: list[str] = []
    buf: list[str] = []
    pre = 0

    def flush() -> None:
        if not buf:
            return
        chunk = "".join(buf)
        buf.clear()
        for part in chunk.split("\n"):  # <br> and <pre> line breaks
            line = _clean(part)
            if line.strip():  # a paragraph of &nbsp; only is spacing, not a line
                lines.append(line)

    def add(s: str | None) -> None:
        if s:
            buf.append(s if pre else _WS_RE.sub(_collapse, s))

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag == "tr":
                flush()
                row = _row(el)
                if row:
                    lines.append(row)
                walker.skip_subtree()
                continue
            if tag in BLOCKS:
                flush()
            if tag == "br":
                buf.append("\n")
            if tag == "pre":
                pre += 1
            add(el.text)
        else:
            if tag == "tr":
                add(el.tail)
                continue
            if tag == "pre":
                pre -= 1
            if tag in BLOCKS:
                flush()
            add(el.tail)
    flush()
    text = "\n".join(lines)
    return text + "\n" if text else ""


def _row(tr: HtmlElement) -> str:
    """'类别 | 指标 | 单位 | 2025年' for one table row; a cell's own lines join with a space."""
    cells = []
    for cell in tr:
        if isinstance(cell.tag, str) and cell.tag in ("td", "th"):
            cells.append(_clean(" ".join(cell.itertext())).replace("|", "｜"))
    return " | ".join(cells) if any(cells) else ""


def _collapse(m: re.Match[str]) -> str:
    return _WRAP if "\n" in m.group(0) else " "


def _clean(s: str) -> str:
    """One line: wrapped breaks between Chinese characters vanish, other whitespace is one space."""
    s = _CJK_WRAP_RE.sub("", _WS_RE.sub(_collapse, s))
    return _RUN_RE.sub(" ", s).strip(" ").rstrip()  # leading 　/&nbsp; may be indentation
