"""The package layout: stages as folders, an API that no submodule shadows, no import circles."""
from __future__ import annotations

import ast
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import docdiff

ROOT = Path(docdiff.__file__).parent
STAGES = ("ingest", "outline", "targets", "comparison", "check", "series", "render")
MAX_MODULE_LINES = 500  # STYLE.md: past ~500 lines, split


def _modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages([str(ROOT)], "docdiff.") if not m.name.endswith("__main__"))


def test_stages_are_packages_that_say_what_they_do() -> None:
    for stage in STAGES:
        init = ROOT / stage / "__init__.py"
        assert init.is_file(), stage
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc.splitlines()) >= 1, f"{stage}/__init__.py has no docstring"


def test_no_submodule_shares_a_name_with_the_api() -> None:
    api = set(docdiff.__all__)
    clashes = [m for m in _modules() if m.split(".")[1] in api or m.rsplit(".", 1)[-1] in api]
    assert clashes == []


@pytest.mark.parametrize("name", ["load", "parse_outline", "extract_targets", "compare"])
def test_api_functions_stay_functions_after_every_submodule_is_imported(name: str) -> None:
    for m in _modules():
        importlib.import_module(m)
    assert callable(getattr(docdiff, name)) and not isinstance(getattr(docdiff, name), type(docdiff))


def test_every_api_function_works_several_times_in_one_process() -> None:
    code = """
import docdiff
for _ in range(3):
    a = docdiff.load('samples/hailar-district-2018-work-report.txt')
    b = docdiff.load('samples/hailar-district-2019-work-report.txt')
    o = docdiff.parse_outline(a)
    t = docdiff.extract_targets(a, o)
    c = docdiff.compare(a, b)
    assert isinstance(c, docdiff.Comparison) and t and o.sections
print('ok')
"""
    root = ROOT.parent
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def _imports(module: str) -> set[str]:
    """The docdiff modules ``module`` imports at any depth of its body (lazy imports included)."""
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("docdiff"):
            found.add(node.module)
            for alias in node.names:  # from docdiff.comparison import similarity
                if f"{node.module}.{alias.name}" in ALL:
                    found.add(f"{node.module}.{alias.name}")
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("docdiff"))
    return {m for m in found if m in ALL and m != module}


ALL = set(_modules()) | {"docdiff"}


def test_no_circular_imports() -> None:
    graph = {m: _imports(m) for m in ALL - {"docdiff"}}
    # a package's __init__ importing its own entry module is the package, not a circle
    for m, deps in graph.items():
        deps.discard(m.rsplit(".", 1)[0])
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for d in sorted(graph.get(m, set())):
            pkg_init = d in ALL and (ROOT / Path(*d.split(".")[1:]) / "__init__.py").exists()
            if pkg_init and m.startswith(d + "."):
                continue  # a module importing its own package's entry point, loaded first anyway
            if state.get(d) == 1:
                cycles.append(path + [d])
            elif d not in state:
                visit(d, path + [d])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert cycles == []


def test_stage_imports_flow_down_the_pipeline() -> None:
    """render may import comparison, never the reverse; outline never imports targets."""
    order = {"chinese": 0, "model": 0, "errors": 0, "output": 0, "ingest": 1, "outline": 2, "targets": 3,
             "comparison": 4, "check": 5, "series": 5, "render": 6, "cli": 7}
    upward = []
    for m in ALL - {"docdiff"}:
        stage = m.split(".")[1]
        if stage not in order:
            continue
        for d in _imports(m):
            other = d.split(".")[1] if "." in d else ""
            if other in order and order[other] > order[stage] and not (stage == "check" and other == "render"):
                upward.append(f"{m} → {d}")
    assert upward == []


def test_modules_stay_short() -> None:
    long = {m: n for m in ALL - {"docdiff"}
            if (n := len(Path(importlib.util.find_spec(m).origin).read_text(encoding="utf-8").splitlines()))
            > MAX_MODULE_LINES}
    assert long == {}
