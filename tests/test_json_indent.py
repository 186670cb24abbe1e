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
