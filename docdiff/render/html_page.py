"""What every self-contained HTML page of docdiff shares: the Content-Security-Policy (no
network: inline CSS and JS only), escaping, JSON safe inside a script element, the bundled
assets, and the opening of the page.
"""
from __future__ import annotations

from typing import Any

from docdiff.package_data import read_data

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
# Replaced one after another (str.replace runs in C; str.translate looks every character up in
# a dict): no replacement holds a character another one replaces.
_JSON_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                 ("\u2029", "\\u2029"))


def e(value: object) -> str:
    """Text or an attribute value, HTML-escaped (quotes too): ``html.escape(str(value))``, whose
    module costs ~2 ms to import (it builds its entity table and a regex). Most values (labels,
    numbers, CJK text) hold none of the five characters: found by ``in`` tests (C scans, no
    method calls), they are returned as they are, ~2× faster over a report's 10,000 values."""
    s = value if type(value) is str else str(value)
    if "&" in s or "<" in s or ">" in s or '"' in s or "'" in s:
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
    return s


def script_json(data: Any) -> str:
    """JSON safe inside a <script> element: nothing in it can end the element or break JS.

    The text of ``json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)``;
    written by msgspec (loaded already) when ``data`` is plain JSON, so a report run does not
    import json (~1.5 ms)."""
    from docdiff.render.json_plain import plain_json

    text = None
    if plain_json(data):
        import msgspec

        try:
            text = msgspec.json.encode(data).decode("utf-8")
        except (TypeError, ValueError, OverflowError):  # a lone surrogate (UnicodeEncodeError)
            pass
    if text is None:
        import json

        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escaped in _JSON_ESCAPES:
        text = text.replace(char, escaped)
    return text


def asset(name: str) -> str:
    """A file of docdiff/data (report.css, corpus.js …) as text."""
    return read_data(name)


def page_start(title: str, style: str, *, light_and_dark: bool = True) -> str:
    """From the doctype to the opened <body>: CSP, viewport, the title and the inline style."""
    meta = ('<meta name="color-scheme" content="light dark">\n<meta name="generator" content="docdiff">\n'
            if light_and_dark else "")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{meta}<title>{e(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
    )
