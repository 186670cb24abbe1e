"""Which values msgspec's JSON encoder writes exactly as ``json.dumps`` does (ensure_ascii off).

Both write strings alike and the shortest float repr alike within a range; outside it, and for
NaN, infinities, non-string keys and any other type, the forms differ or one refuses: those
values are left to json.dumps. Kept apart from ``json_indent`` so a check costs no ``json`` import.
"""
from __future__ import annotations

from typing import Any

# Floats both write alike (the shortest repr, positional); below (1e-05: msgspec 0.00001) and
# above (1e+22: msgspec 1e22) the forms differ, and NaN or infinity msgspec writes as null.
PLAIN_FLOATS = (1e-4, 1e16)
_INT_RANGE = (-(2**63), 2**64)  # msgspec refuses ints outside it (json.dumps writes them)


def plain_float(x: float) -> bool:
    """Whether msgspec writes the float ``x`` as json.dumps does: 0, or 1e-4 <= |x| < 1e16."""
    return x == 0 or PLAIN_FLOATS[0] <= abs(x) < PLAIN_FLOATS[1]


def plain_json(o: Any) -> bool:
    """Whether ``o`` holds only dicts with string keys, lists, tuples, strings, bools, None,
    ints msgspec takes and floats ``plain_float`` accepts (exact types: no subclasses)."""
    t = type(o)
    if t is str or t is bool or o is None:
        return True
    if t is int:
        return _INT_RANGE[0] <= o < _INT_RANGE[1]
    if t is float:
        return plain_float(o)
    if t is list or t is tuple:
        return all(map(plain_json, o))
    if t is dict:
        return all(type(k) is str for k in o) and all(map(plain_json, o.values()))
    return False
