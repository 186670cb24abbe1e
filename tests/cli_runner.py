"""A click test runner that keeps stderr apart from stdout, on every click version the tests meet."""
from __future__ import annotations

from click.testing import CliRunner


def stderr_apart_runner() -> CliRunner:
    """``CliRunner`` with ``result.stderr`` separate: click < 8.2 mixes it in unless told not to,
    click ≥ 8.2 always keeps it apart (and refuses the argument)."""
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()
