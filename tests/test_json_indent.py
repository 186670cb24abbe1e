"""json_indent: byte for byte json.dumps(ensure_ascii=False, indent=2, allow_nan=False)."""
from __future__ import annotations

import enum
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docdiff.render.json_indent import indented_json


def _stdlib(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)


_scalars = st.none() | st.booleans() | st.integers() | st.integers(min_value=-(10**400), max_value=10**400) \
    | st.floats() | st.text()
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.lists(inner, max_size=3).map(tuple)
    | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None)
@given(_values)
def test_same_text_or_same_error_as_json_dumps(data: Any) -> None:
    try:
        expected = _stdlib(data)
    except ValueError as e:  # NaN or infinity
        with pytest.raises(ValueError, match=str(e)):
            indented_json(data)
        return
    assert indented_json(data) == expected


class _Colour(enum.IntEnum):
    RED = 1


class _Label(str, enum.Enum):
    A = "a\u2028\x1b"


def test_keys_and_values_the_fast_path_leaves_to_json_dumps() -> None:
    data = {3: "x", 2.5: [None], True: {}, None: (), "k": [_Colour.RED, _Label.A], _Label.A: "v"}
    assert indented_json(data) == _stdlib(data)
    with pytest.raises(TypeError, match="not JSON serializable"):
        indented_json({"a": [object()]})


def test_deep_nesting_falls_back_like_json_dumps() -> None:
    deep: Any = []
    for _ in range(5000):
        deep = [deep]
    with pytest.raises(RecursionError):
        _stdlib(deep)
    with pytest.raises(RecursionError):
        indented_json(deep)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=5), _values, max_size=4), st.lists(_values, max_size=5), st.integers(0, 4))
def test_a_list_encoded_item_by_item_is_the_same_text(data: dict[str, Any], items: list[Any], at: int) -> None:
    from docdiff.render.json_indent import indented_json_streamed

    keys = list(data)
    key = "streamed-list"
    whole = dict([*((k, data[k]) for k in keys[:at]), (key, items), *((k, data[k]) for k in keys[at:])])
    stand_in = {**whole, key: None}
    try:
        expected = _stdlib(whole)
    except ValueError as e:  # NaN or infinity
        with pytest.raises(ValueError, match=str(e)):
            indented_json_streamed(stand_in, key, items, lambda x: x)
        return
    assert indented_json_streamed(stand_in, key, items, lambda x: x) == expected


# Plain JSON as the renderers build it: finite floats (tiny and huge ones too, whose forms
# msgspec writes otherwise), huge ints, any text (lone surrogates, and text that looks like
# the float forms: 0.00001, 1e5).
_plain_scalars = st.none() | st.booleans() | st.integers(min_value=-(10**40), max_value=10**40) \
    | st.floats(allow_nan=False, allow_infinity=False) | st.text() \
    | st.sampled_from(["0.00001", "1e5", "x2E-3", 1e-05, 1.5e-07, 1e22, 2.0**60, 0.0001, -0.0])
_plain_values = st.recursive(
    _plain_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.text(max_size=5), _plain_values, max_size=3), st.lists(_plain_values, max_size=7),
       st.integers(1, 3))
def test_plain_items_through_msgspec_are_the_same_text(data: dict[str, Any], items: list[Any], batch: int) -> None:
    from docdiff.render import json_indent

    key = "streamed-list"
    expected = _stdlib({**data, key: items})
    saved = json_indent._BATCH
    json_indent._BATCH = batch  # several batches, some sent the slow way, some not
    try:
        got = json_indent.indented_json_plain_items({**data, key: None}, key, items, lambda x: x, _plain)
    finally:
        json_indent._BATCH = saved
    assert got == expected


def _plain(x: Any) -> bool:
    """Whether every float in ``x`` is one msgspec writes as json.dumps does (the test's own walk)."""
    from docdiff.render.json_plain import plain_float

    if isinstance(x, float):
        return plain_float(x)
    if isinstance(x, dict):
        return all(map(_plain, x.values()))
    if isinstance(x, list):
        return all(map(_plain, x))
    return True


def test_plain_floats_are_written_alike() -> None:
    import random

    import msgspec

    from docdiff.render.json_plain import plain_float

    rng = random.Random(3)
    floats = [rng.uniform(-1e6, 1e6) for _ in range(20_000)]
    floats += [float(f"{rng.randrange(1, 10**rng.randrange(1, 17))}e{rng.randrange(-20, 20)}") for _ in range(20_000)]
    floats += [0.0, -0.0, 1e-4, 1e16, 9999999999999998.0, 1e-05, 1e22, float("nan"), float("inf")]
    for x in floats:
        if plain_float(x):
            assert msgspec.json.encode(x).decode() == json.dumps(x), x
    assert not any(map(plain_float, [1e-05, 1e16, 1e22, float("nan"), float("inf"), -float("inf")]))


def test_plain_items_take_msgspec_unless_a_float_form_differs(monkeypatch) -> None:
    from docdiff.render import json_indent

    slow: list[Any] = []
    real = json_indent._encode
    monkeypatch.setattr(json_indent, "_encode", lambda o, level: slow.append(o) or real(o, level))
    monkeypatch.setattr(json_indent, "_BATCH", 1)
    items = [{"value": 7.5, "text": "增长7.5%", "n": [1, None, True]}, {"value": 1e-05}, {"s": "\ud800"}]
    assert json_indent.indented_json_plain_items({"k": None}, "k", items, dict, _plain) == _stdlib({"k": items})
    assert items[0] not in slow and items[1] in slow and items[2] in slow


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=5), _plain_values, max_size=3),
       st.lists(st.lists(_plain_values, max_size=5), min_size=1, max_size=3), st.integers(0, 3), st.integers(1, 3))
def test_several_plain_lists_are_the_same_text(data: dict[str, Any], lists: list[list[Any]], at: int,
                                               batch: int) -> None:
    from docdiff.render import json_indent

    keys = [f"list-{k}" for k in range(len(lists))]
    whole = dict(data)
    for key, items in zip(keys, lists):  # the lists' keys among the others, in their own places
        whole = dict([*list(whole.items())[:at], (key, items), *list(whole.items())[at:]])
    expected = _stdlib(whole)
    saved = json_indent._BATCH
    json_indent._BATCH = batch
    try:
        got = json_indent.indented_json_plain_lists(
            {**whole, **dict.fromkeys(keys)},
            {key: json_indent.PlainList(items, lambda x: x, _plain) for key, items in zip(keys, lists)})
    finally:
        json_indent._BATCH = saved
    assert got == expected


def test_plain_lists_fall_back_to_json_dumps_as_a_whole() -> None:
    from docdiff.render import json_indent

    # a set is no JSON: json.dumps refuses it, whichever list holds it
    with pytest.raises(TypeError):
        json_indent.indented_json_plain_lists({"a": None, "b": None}, {
            "a": json_indent.PlainList([1, 2], lambda x: x, _plain),
            "b": json_indent.PlainList([{"s": {1}}], lambda x: x, lambda x: False)})
    data = {"x": 1, "a": None, "b": None, "n": [float("nan")]}
    with pytest.raises(ValueError):  # NaN: json.dumps raises, as the fallback does
        json_indent.indented_json_plain_lists(data, {"a": json_indent.PlainList([], lambda x: x, _plain),
                                                     "b": json_indent.PlainList([0.5], lambda x: x, _plain)})
