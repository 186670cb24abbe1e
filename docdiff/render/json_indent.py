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
from typing import Any, NamedTuple

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


# Per batch of plain items: one call of msgspec's C encoder and formatter, not one Python call
# per value (a comparison of 200,000 targets spent 4 of its 6 s of JSON in ``_encode``).
_BATCH = 2048
def indented_json_plain_items(data: dict[str, Any], key: str, sources: Sequence[Any],
                              item: Callable[[Any], Any], plain: Callable[[Any], bool]) -> str:
    """``indented_json_streamed(data, key, sources, item)``, faster for plain items: ``plain(s)``
    must be true only when ``item(s)`` holds nothing but dicts with string keys, lists, strings,
    ints, bools, None and floats that ``json_plain.plain_float`` accepts (msgspec encodes Structs, sets and
    Decimals that json.dumps refuses, and writes other floats differently). A batch of such
    items is encoded and indented by msgspec's C code; a batch holding another item, or one
    msgspec cannot encode (a lone surrogate), goes through ``_encode``. Same text as json.dumps."""
    return indented_json_plain_lists(data, {key: PlainList(sources, item, plain)})


class PlainList(NamedTuple):
    """A top-level list of ``indented_json_plain_lists``: ``[item(s) for s in sources]``, where
    ``plain(s)`` tells that ``item(s)`` is plain (see ``indented_json_plain_items``)."""

    sources: Sequence[Any]
    item: Callable[[Any], Any]
    plain: Callable[[Any], bool]


def indented_json_plain_lists(data: dict[str, Any], lists: dict[str, PlainList]) -> str:
    """``indented_json(data)`` with each top-level key of ``lists`` holding its list (``data``'s
    value there is a stand-in that keeps the key's place), every list encoded batch by batch as
    ``indented_json_plain_items`` does: no list's tree of items is ever held whole."""
    import msgspec

    encoder = msgspec.json.Encoder()
    try:
        whole = {**data, **dict.fromkeys(lists, _SPLICE)}
        texts = [_list_pieces(lists[key], encoder) for key in whole if key in lists]  # in the keys' order
        parts = _encode(whole, 0).split(_SPLICE_MARK)
    except (_Unsupported, RecursionError):
        return indented_json({**data, **{key: [pl.item(s) for s in pl.sources] for key, pl in lists.items()}})
    # joined once: a large list's text is not copied into a string of its own first
    return "".join([parts[0], *(piece for k, pieces in enumerate(texts) for piece in (*pieces, parts[k + 1]))])


def _list_pieces(plain_list: PlainList, encoder: Any) -> list[str]:
    """The JSON text of one list of ``indented_json_plain_lists`` (at nesting level 1), in pieces."""
    sources, item, plain = plain_list
    if not sources:
        return ["[]"]
    pieces: list[str] = []
    for k in range(0, len(sources), _BATCH):
        batch = sources[k : k + _BATCH]
        items = [item(s) for s in batch]
        fast = all(map(plain, batch))
        pieces += (",\n    " if pieces else "[\n    ", _batch_text(items, encoder if fast else None))
    pieces.append("\n  ]")
    return pieces


def _batch_text(items: list[Any], encoder: Any) -> str:
    """The items at nesting level 2, joined by ",\n" and their indent (no brackets); by
    ``encoder`` (msgspec's) when given and able, else by ``_encode``."""
    import msgspec

    raw = None
    if encoder is not None:
        try:
            raw = encoder.encode(items)
        except (TypeError, ValueError, OverflowError):  # UnicodeEncodeError is a ValueError
            pass
    if raw is None:
        return ",\n    ".join(_encode(x, 2) for x in items)
    # msgspec indents the list at level 0: "[\n  {\n    …\n  },\n  {…}\n]"; two more
    # spaces after every line break put its items at level 2 (no string holds a raw line break).
    return msgspec.json.format(raw, indent=2)[4:-2].replace(b"\n", b"\n  ").decode("utf-8")


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
