"""Output integrity against hostile situations: no lost or half-written output, one-line errors.

`-o` never overwrites an input (by any spelling of its path); a failure after the comparison
(in a renderer) writes nothing, neither to the file nor to stdout; an internal error in any stage
is one line "internal error: … (re-run with --debug for the traceback)" with exit 2, and
`--debug` shows the traceback; hostile file names stay on one line.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from docdiff.cli import cli

A_TEXT = "一、总体要求\n到2025年,地区生产总值增长6%。\n"
B_TEXT = "一、总体要求\n到2025年,地区生产总值增长7%。\n"
HINT = "(re-run with --debug for the traceback)"


def _runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        return CliRunner()


def invoke(*args: str) -> Result:
    return _runner().invoke(cli, list(args))


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(A_TEXT, encoding="utf-8")
    b.write_text(B_TEXT, encoding="utf-8")
    return a, b


def one_line_error(result: Result, starts: str) -> str:
    assert result.exit_code == 2, (result.output, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(starts), lines[0]
    assert "Traceback" not in result.stderr
    return lines[0]


# --- -o never overwrites an input ---


def _spellings(path: Path, tmp: Path) -> list[str]:
    link = tmp / "link.txt"
    link.symlink_to(path)
    return [str(path), os.path.relpath(path), str(path.parent / "." / path.name), str(link)]


@pytest.mark.parametrize("command", ["compare", "check"])
@pytest.mark.parametrize("side", [0, 1])
def test_output_never_overwrites_an_input(pair: tuple[Path, Path], tmp_path: Path, command: str, side: int) -> None:
    for spelling in _spellings(pair[side], tmp_path):
        result = invoke(command, str(pair[0]), str(pair[1]), "-o", spelling)
        one_line_error(result, f"docdiff: {spelling}: refusing to overwrite an input file")
        assert result.stdout == ""
        assert pair[0].read_text(encoding="utf-8") == A_TEXT
        assert pair[1].read_text(encoding="utf-8") == B_TEXT
    assert (tmp_path / "link.txt").is_symlink()


@pytest.mark.parametrize("command", ["outline", "targets"])
def test_single_file_commands_never_overwrite_their_input(pair: tuple[Path, Path], command: str) -> None:
    one_line_error(invoke(command, str(pair[0]), "-o", str(pair[0])), "docdiff: ")
    assert pair[0].read_text(encoding="utf-8") == A_TEXT


def test_output_onto_a_folder_is_one_line(pair: tuple[Path, Path], tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    one_line_error(invoke("compare", str(pair[0]), str(pair[1]), "-o", str(folder)), f"docdiff: {folder}: cannot write")
    assert list(folder.iterdir()) == []


# --- a failure after the comparison writes nothing ---

RENDERERS = {
    "json": "docdiff.render.json.render_comparison_json",
    "html": "docdiff.render.html.render_html",
    "md": "docdiff.render.markdown.render_markdown",
    "term": "docdiff.render.compare_term.render_compare_term",
}


def _boom(*args: object, **kwargs: object) -> str:
    raise ValueError("simulated failure")


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_renderer_failure_writes_nothing(pair: tuple[Path, Path], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    monkeypatch.setattr(RENDERERS[fmt], _boom)
    out = tmp_path / "report.out"
    out.write_text("previous report\n", encoding="utf-8")
    for target in (["-o", str(out)], []):
        result = invoke("compare", str(pair[0]), str(pair[1]), "--format", fmt, *target)
        line = one_line_error(result, "docdiff: internal error: ValueError: simulated failure")
        assert line.endswith(HINT)
        assert result.stdout == ""  # nothing partial on stdout either
    assert out.read_text(encoding="utf-8") == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "report.out"]  # no temp file


def test_check_renderer_failure_writes_nothing(pair: tuple[Path, Path], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("docdiff.render.check.render_check", _boom)
    out = tmp_path / "check.xml"
    result = invoke("check", str(pair[0]), str(pair[1]), "--format", "junit", "-o", str(out))
    one_line_error(result, "docdiff: internal error: ValueError")
    assert not out.exists()


# --- an internal error in any stage: one line and exit 2; --debug shows the traceback ---

STAGES = {
    "outline": ("docdiff.outline.parse_outline", ["outline", "{a}"]),
    "targets": ("docdiff.targets.extract_targets", ["targets", "{a}"]),
    "align": ("docdiff.compare.align_sections", ["compare", "{a}", "{b}", "--format", "json"]),
    "textdiff": ("docdiff.compare.diff_pairs", ["compare", "{a}", "{b}", "--format", "json"]),
    "reuse": ("docdiff.compare.measure_similarity", ["compare", "{a}", "{b}", "--format", "json"]),
    "targetdiff": ("docdiff.compare.match_targets", ["compare", "{a}", "{b}", "--format", "json"]),
    "gate": ("docdiff.gate.run_check", ["check", "{a}", "{b}"]),
    "ingest": ("docdiff.ingest.extract_metadata", ["outline", "{a}"]),
}


def _args(template: list[str], pair: tuple[Path, Path]) -> list[str]:
    return [t.format(a=pair[0], b=pair[1]) for t in template]


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_internal_error_is_one_line_with_a_debug_hint(pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
                                                      stage: str) -> None:
    where, template = STAGES[stage]
    monkeypatch.setattr(where, _boom)
    line = one_line_error(invoke(*_args(template, pair)), "docdiff: internal error: ValueError: simulated failure")
    assert line.endswith(HINT)


def test_internal_error_with_a_multiline_message_is_still_one_line(
        pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise ValueError("first line\nsecond line")

    monkeypatch.setattr("docdiff.compare.align_sections", boom)
    one_line_error(invoke("compare", str(pair[0]), str(pair[1])), "docdiff: internal error: ValueError: first line")


@pytest.mark.parametrize("stage", ["align", "targets"])
def test_debug_shows_the_traceback(pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, stage: str) -> None:
    where, template = STAGES[stage]
    monkeypatch.setattr(where, _boom)
    result = invoke("--debug", *_args(template, pair))
    assert result.exit_code == 2
    assert "Traceback (most recent call last)" in result.stderr
    assert "ValueError: simulated failure" in result.stderr
    assert HINT not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(("error", "message"), [
    (RecursionError("maximum recursion depth exceeded"), "{a}, {b}: internal error: input nested too deeply"),
    (MemoryError(), "{a}, {b}: out of memory: the input is too large for this machine"),
])
def test_resource_exhaustion_is_one_line(pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
                                         error: BaseException, message: str) -> None:
    def exhausted(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr("docdiff.compare.match_targets", exhausted)
    one_line_error(invoke("compare", str(pair[0]), str(pair[1]), "--format", "json"),
                   "docdiff: " + message.format(a=pair[0], b=pair[1]))  # names the inputs (issue 13)


# --- hostile file names ---


def test_a_file_name_with_a_line_break_stays_on_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "bad\nname.txt"
    line = one_line_error(invoke("outline", str(missing)), "docdiff: ")
    assert line.endswith("bad\\nname.txt: no such file")


def test_an_output_name_with_a_line_break_stays_on_one_line(pair: tuple[Path, Path], tmp_path: Path) -> None:
    line = one_line_error(invoke("outline", str(pair[0]), "-o", str(tmp_path / "x\ny" / "out.json")), "docdiff: ")
    assert "x\\ny" in line and "no such folder" in line


def test_github_annotations_escape_the_file_name(tmp_path: Path) -> None:
    a, b = tmp_path / "a,b:c%.txt", tmp_path / "new,b:c%.txt"
    a.write_text(A_TEXT, encoding="utf-8")
    b.write_text(B_TEXT, encoding="utf-8")
    result = invoke("check", str(a), str(b), "--format", "github")
    assert result.exit_code == 1
    (annotation,) = [r for r in result.output.splitlines() if r.startswith("::error ")]
    assert "file=" + str(b).replace("%", "%25").replace(":", "%3A").replace(",", "%2C") + ",line=2," in annotation


def test_markup_in_a_document_is_printed_as_text(tmp_path: Path) -> None:
    """rich markup in document text is shown as written, never interpreted or crashed on."""
    text = "一、[bold red]总体[/]要求[/]\n到2025年,[link=http://x]地区生产总值[/link]增长6%。\n"
    path = tmp_path / "markup.txt"
    path.write_text(text, encoding="utf-8")
    for command in ("outline", "targets"):
        result = invoke(command, str(path))
        assert result.exit_code == 0, result.stderr
    assert "[bold red]总体[/]要求[/]" in invoke("outline", str(path)).output
    assert "地区生产总值[/link]增长" in invoke("targets", str(path)).stdout


# --- the output file's permissions ---


def test_a_new_output_gets_the_usual_permissions(pair: tuple[Path, Path], tmp_path: Path) -> None:
    """Not mkstemp's private 0600: a report written for a web server or a colleague stays readable."""
    umask = os.umask(0o022)
    try:
        out = tmp_path / "report.html"
        assert invoke("compare", str(pair[0]), str(pair[1]), "--format", "html", "-o", str(out)).exit_code == 0
        assert out.stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(umask)


def test_a_replaced_output_keeps_its_permissions(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    assert invoke("compare", str(pair[0]), str(pair[1]), "--format", "json", "-o", str(out)).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o640
    assert out.read_text(encoding="utf-8").startswith("{")
