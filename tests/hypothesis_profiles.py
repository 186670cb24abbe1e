"""Hypothesis profiles for the reliability tests: fast by default, many examples on demand.

    python -m pytest tests/test_fuzz.py                               # fast: a few seconds
    HYPOTHESIS_PROFILE=fuzz timeout 1800 python -m pytest tests/test_fuzz.py  # CI's long run

``examples(n)`` gives settings with ``n`` examples in the fast profile and FUZZ_FACTOR × n under
``HYPOTHESIS_PROFILE=fuzz``, so each test states its own cost once. The profiles are registered
here, not loaded globally, so importing this module never changes another test file's settings.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

FUZZ_FACTOR = 50
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]

settings.register_profile("fast", max_examples=20, deadline=None, suppress_health_check=_QUIET)
# No deadline: a slow example is a finding for the limits benchmark, not a flaky failure.
settings.register_profile("fuzz", max_examples=20 * FUZZ_FACTOR, deadline=None, suppress_health_check=_QUIET,
                          print_blob=True)

PROFILE = "fuzz" if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else "fast"


def examples(n: int) -> settings:
    """Settings for one test: ``n`` examples, or FUZZ_FACTOR × n under the fuzz profile."""
    scale = FUZZ_FACTOR if PROFILE == "fuzz" else 1
    return settings(settings.get_profile(PROFILE), max_examples=n * scale)


def load_from_env() -> None:
    """For tests/conftest.py: make ``HYPOTHESIS_PROFILE=fuzz`` apply to every test file.

    Without the variable nothing changes, so other files keep hypothesis' defaults.
    """
    if PROFILE == "fuzz":
        settings.load_profile("fuzz")
