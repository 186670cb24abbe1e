"""``json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)``, byte for byte, faster.

With ``indent`` set, Python before 3.13 encodes in pure Python: a generator per container that
yields every bracket, comma, key and value up through each level, then joins millions of small
strings (a comparison of 200,000 targets held half a gigabyte of them, and the encoding took a
tenth of the run). Here each container becomes one string, built from its members' strings by
one join, with the C string escaper; any value this does not know (or NaN, infinities, non-string
keys) goes back to ``json.dumps`` itself, which writes it or raises exactly as it would have.
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from json.encoder import (
    encode_basestring,  # the C escaper when the _json accelerator exists
)
from typing import Any

_float_repr = float.__repr__
_int_repr = int.__repr__


class _Unsupported(Exception):
    """A value the fast path leaves to json.dumps."""


def indented_json(data: Any) -> str:
    """The text ``json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)`` returns."""
    try:
        return _encode(data, 0)
    except (_Unsupported, RecursionError):
        return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)


def indented_json_streamed(data: dict[str, Any], key: str, sources: Sequence[Any],
                           item: Callable[[Any], Any]) -> str:
    """``indented_json`` of ``data`` whose top-level ``key`` holds ``[item(s) for s in sources]``,
    each item encoded as it is made: the tree of all items is never held at once, and the text
    is joined once (nested joins copied a large list's text twice more: the JSON of a 200,000-
    target comparison peaked at three copies of itself). ``data[key]`` is a stand-in; for an
    empty list, or any value left to json.dumps, the whole document goes through ``indented_json``."""
    if not sources:
        return indented_json({**data, key: []})
    try:
        pieces: list[str] = []
        for s in sources:
            pieces += (",\n    " if pieces else "[\n    ", _encode(item(s), 2))
        head, tail = _encode({**data, key: _SPLICE}, 0).split(_SPLICE_MARK)
    except (_Unsupported, RecursionError):
        return indented_json({**data, key: [item(s) for s in sources]})
    return "".join([head, *pieces, "\n  ]", tail])


class _Splice:
    """Where ``indented_json_streamed`` puts the list it encoded item by item."""


_SPLICE = _Splice()
_SPLICE_MARK = "\x00"  # never in encoded text: the escaper writes U+0000 as \u0000


def _finite(x: float) -> str:
    if not math.isfinite(x):
        raise _Unsupported  # json.dumps raises its ValueError
    return _float_repr(x)


# The encoder of each scalar type, looked up by exact type (subclasses take the slow path).
# null, true and false are looked up in C (a dict's __getitem__), not by a Python call per value.
_SCALARS: dict[type, Callable[[Any], str]] = {
    str: encode_basestring, int: _int_repr, float: _finite, bool: {True: "true", False: "false"}.__getitem__,
    type(None): {None: "null"}.__getitem__,
}
# '"key": ' of the keys met so far (a report repeats a few dozen keys a million times), up to a bound
_KEY_TEXT: dict[str, str] = {}
_MAX_KEYS = 4096


def _encode(o: Any, level: int) -> str:
    scalar = _SCALARS.get(type(o))
    if scalar is not None:
        return scalar(o)
    if isinstance(o, str):
        return encode_basestring(o)
    if isinstance(o, int):
        return _int_repr(o)  # (True and False are of type bool: found above)
    if isinstance(o, float):
        return _finite(o)
    inner = "\n" + "  " * (level + 1)
    deeper = level + 1
    get = _SCALARS.get
    if isinstance(o, (list, tuple)):
        if not o:
            return "[]"
        items = []
        for v in o:
            scalar = get(type(v))
            items.append(scalar(v) if scalar is not None else _encode(v, deeper))
        return "[" + inner + ("," + inner).join(items) + "\n" + "  " * level + "]"
    if isinstance(o, dict):
        if not o:
            return "{}"
        members = []
        for k, v in o.items():
            key = _KEY_TEXT.get(k) if type(k) is str else None
            if key is None:
                if type(k) is not str:
                    raise _Unsupported  # json.dumps converts numbers, booleans and None keys
                key = encode_basestring(k) + ": "
                if len(_KEY_TEXT) < _MAX_KEYS:
                    _KEY_TEXT[k] = key
            scalar = get(type(v))
            members.append(key + (scalar(v) if scalar is not None else _encode(v, deeper)))
        return "{" + inner + ("," + inner).join(members) + "\n" + "  " * level + "}"
    if o is _SPLICE:
        return _SPLICE_MARK
    raise _Unsupported  # json.dumps raises its TypeError (no ``default`` is given)
