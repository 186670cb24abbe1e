"""Stray HTML tags inside the lines of a plain-text file: removed from lines that carry text.

A ``.txt`` is read as text whatever markup it holds (only a page that declares itself, or a
``.html`` file, goes through the HTML reader): every line is kept, so line numbers stay the
file's. On a line that also carries text, tags of HTML elements are removed (``<b>地区生产总值</b>``
→ ``地区生产总值``) and a comment keeps its words (``<!-- 注释 -->`` → `` 注释 ``); a line of tags
only is left as it is for ``debris.py`` to mark. Text inside ``<script>``/``<style>`` stays text:
nothing is dropped. Column offsets on such a line count the text without its tags.
"""
from __future__ import annotations

from docdiff.regex_cache import compile_regex

# Element names of HTML (current and obsolete): a "<…>" with another name is text ("<十四五>").
HTML_ELEMENTS = frozenset("""
a abbr acronym address applet area article aside audio b base basefont bdi bdo big blink blockquote
body br button canvas caption center cite code col colgroup data datalist dd del details dfn dialog
dir div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6
head header hgroup hr html i iframe img input ins kbd label legend li link main map mark marquee menu
menuitem meta meter nav nobr noframes noscript object ol optgroup option output p param picture pre
progress q rp rt ruby s samp script search section select small source span strike strong style sub
summary sup table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr
""".split())
_TAG_RE = compile_regex(r"<(/?)([A-Za-z][A-Za-z0-9]{0,15})(?:\s[^<>\n]{0,2000})?\s*/?>")
_COMMENT_RE = compile_regex(r"<!--([^\n]{0,2000}?)-->")
_ANY_MARKUP_RE = compile_regex(r"<[!/]?[A-Za-z-]")


def strip_inline_tags(text: str) -> str:
    """``text`` with HTML tags removed from every line that carries text besides them."""
    if _ANY_MARKUP_RE.search(text) is None:
        return text
    return "\n".join(_strip_line(line) for line in text.split("\n"))


def _strip_line(line: str) -> str:
    if "<" not in line:
        return line
    stripped = _COMMENT_RE.sub(r" \1 ", line)
    stripped = _TAG_RE.sub(lambda m: "" if m.group(2).lower() in HTML_ELEMENTS else m.group(), stripped)
    if not stripped.strip(" \t\u3000"):
        return line  # tags only: debris.py marks the line, and its text stays as written
    return stripped
