"""render/json_plain and html_page.script_json: msgspec's text is json.dumps's for plain JSON,
and anything else goes to json.dumps (which writes it or raises as before)."""
from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docdiff.render.html_page import script_json
from docdiff.render.json_plain import plain_json

_scalars = st.none() | st.booleans() | st.integers(min_value=-(10**30), max_value=10**30) \
    | st.floats() | st.text() | st.sampled_from([1e-05, 1e22, 2.0**70, -(2**63), 2**64 - 1, 2**64, "</script>"])
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5) | st.integers(0, 3), inner, max_size=4),
    max_leaves=25,
)


def _stdlib(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                          ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


@settings(max_examples=400, deadline=None)
@given(_values)
def test_script_json_is_json_dumps(data: Any) -> None:
    try:
        expected = _stdlib(data)
    except ValueError as e:  # NaN or infinity: refused the same way
        with pytest.raises(ValueError, match=str(e)):
            script_json(data)
        return
    assert script_json(data) == expected


def test_plain_json_refuses_what_msgspec_writes_otherwise() -> None:
    assert plain_json({"a": [1, 2.5, None, True, "x", (0.0001, -3)]})
    for odd in (1e-05, 1e16, float("nan"), 2**64, {1: "x"}, {"k": {1, 2}}, b"x"):
        assert not plain_json(odd)
        assert not plain_json({"k": [odd]})
