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
from cli_runner import stderr_apart_runner as _runner
from click.testing import Result

from docdiff.cli import cli

A_TEXT = "一、总体要求\n到2025年,地区生产总值增长6%。\n"
B_TEXT = "一、总体要求\n到2025年,地区生产总值增长7%。\n"
HINT = "(re-run with --debug for the traceback)"



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
    "align": ("docdiff.comparison.pipeline.align_sections", ["compare", "{a}", "{b}", "--format", "json"]),
    "textdiff": ("docdiff.comparison.pipeline.pair_diffs", ["compare", "{a}", "{b}", "--format", "json"]),
    "reuse": ("docdiff.comparison.pipeline.measure_similarity", ["compare", "{a}", "{b}", "--format", "json"]),
    "targetdiff": ("docdiff.comparison.pipeline.match_targets", ["compare", "{a}", "{b}", "--format", "json"]),
    "gate": ("docdiff.check.run_check", ["check", "{a}", "{b}"]),
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

    monkeypatch.setattr("docdiff.comparison.pipeline.align_sections", boom)
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

    monkeypatch.setattr("docdiff.comparison.pipeline.match_targets", exhausted)
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


# --- the hostile-input table (issue 13, item 14): every bad or hostile input × every command ×
# every format. Checks: exit status, one stderr line naming the file, no traceback, nothing left
# behind (no temp file, no output on failure), devices untouched, control characters escaped,
# and every output parses as its format.

import csv as csv_module  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import stat  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402

from test_ingest_errors import BAD  # noqa: E402

FORMATS = {
    "outline": ("term", "json"),
    "targets": ("term", "json", "csv"),
    "compare": ("term", "html", "json", "md"),
    "check": ("text", "json", "github", "junit", "sarif"),
}
_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _arg_lists(command: str, doc: str, other: str) -> list[list[str]]:
    if command in ("outline", "targets"):
        return [[command, doc]]
    return [[command, doc, other], [command, other, doc]]


def _strict_json(text: str) -> object:
    def refuse(name: str) -> None:
        raise AssertionError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


def _check_parses(fmt: str, text: str) -> None:
    """The output is what its format says; text formats carry no raw control character."""
    if fmt in ("json", "sarif"):
        _strict_json(text)
    elif fmt == "html":
        data = re.search(r'<script type="application/json" id="docdiff-data">(.*?)</script>', text, re.S)
        assert data is not None
        _strict_json(data.group(1))
    elif fmt == "junit":
        ET.fromstring(text)
    elif fmt == "csv":
        rows = list(csv_module.reader(io.StringIO(text.removeprefix("\ufeff"))))  # the BOM is for Excel
        assert rows and rows[0][0] == "id"
        assert all(not cell or cell[0] not in "=+-@" for row in rows[1:] for cell in row[1:6] + row[13:14])
    if fmt not in ("json", "sarif", "html"):
        assert not _RAW_CONTROL.search(text.replace("\r\n", "\n")), repr(_RAW_CONTROL.search(text))


@pytest.mark.parametrize("command", sorted(FORMATS))
@pytest.mark.parametrize("kind", sorted(BAD))
def test_table_bad_inputs_every_format(tmp_path: Path, kind: str, command: str,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("docdiff.ingest.ocr.available", lambda: False)  # the messages without the OCR extra
    build, problem = BAD[kind]
    bad = build(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(A_TEXT, encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    for fmt in FORMATS[command]:
        for args in _arg_lists(command, bad, str(good)):
            out = out_dir / f"report.{fmt}"
            result = invoke(*args, "--format", fmt, "-o", str(out))
            one_line_error(result, f"docdiff: {bad}: {problem}")
            assert result.stdout == ""
            assert list(out_dir.iterdir()) == [], (args, fmt)  # no output, no temp file


def _hostile_valid(tmp: Path) -> dict[str, Path]:
    """Inputs that must be read (exit 0/1) and rendered safely: the cases of issue 13."""
    pad = "".join(f"第{i}段说明文字,用于让控制字符的占比保持在二进制判断之下。\n" for i in range(40))
    files = {
        "controls": ("esc\x1b]0;t\x07.txt", "一、总体\x1b[2J要求\n到2025年,地区\x1b]0;t\x07生产总值增长6%\x9b。\n" + pad),
        "tagged-txt": ("tags.txt", "<p>一、总体要求</p>\n<p>到2025年,地区生产总值增长6%。</p>\n<script>\n<p>x</p>\n"),
        "form-feeds": ("ff.txt", "一、总体要求\n说明\f\n\v\u2028到2025年,地区生产总值增长6%。\n"),
        "formula": ("formula.txt", '一、总体要求\n=HYPERLINK("http://e/","x")到2025年,@地区生产总值增长6%。\n'),
        "huge-number": ("huge.txt", f"一、总体要求\n到2025年,地区生产总值达到{'9' * 320}亿元。\n"),
        "tiny-number": ("tiny.txt", f"一、总体要求\n到2025年,单位能耗下降0.{'0' * 400}1%。\n"),
        "markup": ("markup.txt", "一、[bold red]总体[/]要求\n到2025年,[link=http://x]地区[/link]生产总值增长6%。\n"),
        "no-headings": ("plain.txt", "到2025年,地区生产总值增长6%。\n城镇新增就业5万人。\n"),
    }
    out = {}
    for kind, (name, text) in files.items():
        path = tmp / name
        path.write_text(text, encoding="utf-8")
        out[kind] = path
    return out


HOSTILE_VALID = ["controls", "tagged-txt", "form-feeds", "formula", "huge-number", "tiny-number", "markup",
                 "no-headings"]


@pytest.mark.parametrize("command", sorted(FORMATS))
@pytest.mark.parametrize("kind", HOSTILE_VALID)
def test_table_hostile_inputs_every_format(tmp_path: Path, kind: str, command: str) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    doc = _hostile_valid(docs)[kind]
    other = docs / "other.txt"
    other.write_text(B_TEXT, encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    before = sorted(p.name for p in docs.iterdir())
    for fmt in FORMATS[command]:
        for args in _arg_lists(command, str(doc), str(other)):
            out = out_dir / f"report.{fmt}"
            result = invoke(*args, "--format", fmt, "-o", str(out))
            assert result.exit_code in ((0, 1) if command == "check" else (0,)), (args, fmt, result.stderr)
            assert result.stderr == "" and result.stdout == ""
            _check_parses(fmt, out.read_text(encoding="utf-8"))
            assert sorted(p.name for p in out_dir.iterdir()) == [out.name]  # no temp file
            out.unlink()
    assert sorted(p.name for p in docs.iterdir()) == before  # inputs untouched, nothing added


@pytest.mark.parametrize("command", sorted(FORMATS))
def test_table_devices_and_fifos_are_never_replaced(tmp_path: Path, command: str) -> None:
    import os
    import threading

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(A_TEXT, encoding="utf-8")
    b.write_text(B_TEXT, encoding="utf-8")
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null stand-in
    except OSError:
        null = None
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for fmt in FORMATS[command]:
        args = _arg_lists(command, str(a), str(b))[0]
        if null is not None:
            result = invoke(*args, "--format", fmt, "-o", str(null))
            assert result.exit_code in (0, 1) and result.stderr == "", result.stderr
            assert stat.S_ISCHR(null.stat().st_mode)
        got: list[bytes] = []
        reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
        reader.start()
        result = invoke(*args, "--format", fmt, "-o", str(fifo))
        reader.join(timeout=30)
        assert result.exit_code in (0, 1) and result.stderr == "", result.stderr
        assert stat.S_ISFIFO(fifo.stat().st_mode) and got
        _check_parses(fmt, got[0].decode("utf-8"))
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(("name", "content", "needle"), [
    ("pyproject.toml", "tool = 5\n", "tool must be a table"),
    ("deep.toml", "x = " + "[" * 100_000 + "]" * 100_000 + "\n", "nested too deeply"),
    ("bad-regex.toml", 'ignore = ["re:(a)\\\\1"]\n', "not a valid regex"),
    ("unknown.toml", "colour = 1\n", "unknown key"),
])
def test_table_bad_configs_every_check_format(tmp_path: Path, name: str, content: str, needle: str) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(A_TEXT, encoding="utf-8")
    b.write_text(B_TEXT, encoding="utf-8")
    config = tmp_path / name
    config.write_text(content, encoding="utf-8")
    for fmt in FORMATS["check"]:
        out = tmp_path / f"out.{fmt}"
        result = invoke("check", str(a), str(b), "--format", fmt, "--config", str(config), "-o", str(out))
        line = one_line_error(result, f"docdiff: {config}: ")
        assert needle in line and not out.exists()
