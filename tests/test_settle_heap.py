"""cli_support.settle_heap: compare and check render with the comparison frozen out of the
collector's reach, and give it back when the command ends."""
from __future__ import annotations

import gc
from pathlib import Path

import pytest
from click.testing import CliRunner

from docdiff.cli import cli

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
A, B = (str(SAMPLES / f"hailar-district-{y}-work-report.txt") for y in (2018, 2019))


@pytest.mark.parametrize(("command", "module", "render"), [
    ("compare", "docdiff.render.compare_term", "render_compare_term"),
    ("check", "docdiff.render.check", "render_check"),
])
def test_the_render_runs_frozen_and_the_heap_is_given_back(command: str, module: str, render: str,
                                                            monkeypatch) -> None:
    import importlib

    mod = importlib.import_module(module)
    real = getattr(mod, render)
    frozen: list[int] = []
    monkeypatch.setattr(mod, render, lambda *a, **k: frozen.append(gc.get_freeze_count()) or real(*a, **k))
    assert gc.get_freeze_count() == 0
    result = CliRunner().invoke(cli, [command, A, B])
    assert result.exit_code in (0, 1), result.output
    assert frozen and frozen[0] > 0  # the comparison was out of the collector's reach
    assert gc.get_freeze_count() == 0  # and is back in it
