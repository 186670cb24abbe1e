"""Round 2 of hostile inputs (issue 13): each failure found by the probe, as a test.

Sections follow the issue's numbering: -o onto devices and FIFOs, control characters in text
output, .txt files with tags, line breaks as editors count them, CSV formulas, huge numbers in
JSON, user regexes, signals, errors that name the file, entities in docx, tiny decimals.
"""
from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from cli_runner import stderr_apart_runner
from click.testing import Result

from docdiff.cli import cli

A_TEXT = "一、总体要求\n到2025年,地区生产总值增长6%。\n"
B_TEXT = "一、总体要求\n到2025年,地区生产总值增长7%。\n"


def invoke(*args: str) -> Result:
    return stderr_apart_runner().invoke(cli, list(args))


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(A_TEXT, encoding="utf-8")
    b.write_text(B_TEXT, encoding="utf-8")
    return a, b


def one_line_error(result: Result, *needles: str) -> str:
    assert result.exit_code == 2, (result.exit_code, result.output, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


# --- 1. -o onto a device, a FIFO or a folder: never replaced ---


def _stand_in_device(path: Path, minor: int) -> Path:
    """A character device with /dev/null's (minor 3) or /dev/full's (minor 7) numbers, in tmp."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except (PermissionError, OSError) as e:
        pytest.skip(f"cannot make a device node here: {e}")
    return path


def test_output_onto_a_character_device_writes_through_and_keeps_it(pair: tuple[Path, Path], tmp_path: Path) -> None:
    null = _stand_in_device(tmp_path / "null", 3)
    result = invoke("compare", str(pair[0]), str(pair[1]), "-o", str(null))
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(null.stat().st_mode)  # still a device, not a regular file
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_output_onto_a_full_device_is_one_line_and_keeps_it(pair: tuple[Path, Path], tmp_path: Path) -> None:
    full = _stand_in_device(tmp_path / "full", 7)
    one_line_error(invoke("targets", str(pair[0]), "-o", str(full)), str(full), "cannot write")
    assert stat.S_ISCHR(full.stat().st_mode)


def test_output_onto_a_fifo_streams_into_it(pair: tuple[Path, Path], tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = invoke("targets", str(pair[0]), "--format", "json", "-o", str(fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert got and got[0].startswith(b"{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "pipe"]


def test_output_through_a_symlink_keeps_the_link(pair: tuple[Path, Path], tmp_path: Path) -> None:
    real, link = tmp_path / "real.json", tmp_path / "link.json"
    real.write_text("old", encoding="utf-8")
    link.symlink_to(real)
    assert invoke("targets", str(pair[0]), "--format", "json", "-o", str(link)).exit_code == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("{")


def test_output_onto_a_folder_is_refused_in_one_line(pair: tuple[Path, Path], tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    one_line_error(invoke("outline", str(pair[0]), "-o", str(folder)), str(folder), "is a folder")
    assert list(folder.iterdir()) == []


# --- 2. control characters in a document or a file name never reach a terminal raw ---

HOSTILE_CONTROLS = ("\x1b", "\x07", "\x9b", "\x90", "\x08")
_PAD = "".join(f"第{i}段说明文字,用于让控制字符的占比保持在二进制判断之下。\n" for i in range(40))


@pytest.fixture
def escapes(tmp_path: Path) -> tuple[Path, Path]:
    a = tmp_path / "esc\x1b]0;pwned\x07.txt"
    b = tmp_path / "new\x1b[2J.txt"
    a.write_text("一、总体\x1b[2J要求\n到2025年,地区\x1b]0;title\x07生产总值增长6%。\n" + _PAD, encoding="utf-8")
    b.write_text("一、总体\x1b[2J要求\n到2025年,地区\x1b]0;title\x07生产总值增长7%\x9b。\n" + _PAD, encoding="utf-8")
    return a, b


TEXT_RUNS = [
    ("outline", "term"), ("targets", "term"), ("targets", "csv"),
    ("compare", "term"), ("compare", "md"),
    ("check", "text"), ("check", "github"), ("check", "junit"),
]


@pytest.mark.parametrize(("command", "fmt"), TEXT_RUNS)
def test_control_characters_are_shown_escaped(escapes: tuple[Path, Path], command: str, fmt: str) -> None:
    files = [str(escapes[0])] if command in ("outline", "targets") else [str(p) for p in escapes]
    result = invoke(command, *files, "--format", fmt)
    assert result.exit_code in (0, 1), result.stderr
    for c in HOSTILE_CONTROLS:
        assert c not in result.stdout, (c, result.stdout[:500])
    assert "\\x1b" in result.stdout  # shown, not dropped


def test_escape_controls_keeps_layout_characters() -> None:
    from docdiff.errors import escape_controls

    assert escape_controls("a\tb\nc\x1b[2J\x9b\u3000d") == "a\tb\nc\\x1b[2J\\x9b\u3000d"
    assert escape_controls("a\tb\nc", keep="") == "a\\tb\\nc"


def test_colour_terminal_output_escapes_document_controls_but_keeps_its_styles(escapes: tuple[Path, Path]) -> None:
    import docdiff
    from docdiff.comparison import compare
    from docdiff.render.compare_term import render_compare_term
    from docdiff.render.outline_term import render_outline_term

    a, b = docdiff.load(str(escapes[0])), docdiff.load(str(escapes[1]))
    for text in (render_outline_term(a, docdiff.parse_outline(a), color=True, width=100),
                 render_compare_term(compare(a, b), color=True, width=100, context=1, only_changed=False)):
        assert "\x1b[" in text  # rich's own colours
        assert "\x1b[2J" not in text and "\x1b]0;" not in text and "\x07" not in text
        assert "\\x1b[2J" in text


# --- 3. a .txt stays text: every line kept, stray tags ignored, nothing dropped ---

MARKED_UP_TXT = (
    "<p>一、总体要求</p>\n"
    "<p>到2025年,地区生产总值增长6%。</p>\n"
    "<script>var note = '脚本里的文字也是文字';</script>\n"
    "<p>二、主要任务</p>\n"
    "<!-- 注释里的话 -->\n"
    "<p>到2025年,城镇新增就业<b>5万人</b>。</p>\n"
)


def test_a_txt_whose_lines_all_carry_tags_keeps_its_lines(tmp_path: Path) -> None:
    import json

    path = tmp_path / "marked.txt"
    path.write_text(MARKED_UP_TXT, encoding="utf-8")
    outline = json.loads(invoke("outline", str(path), "--format", "json").stdout)
    assert outline["document"]["format"] == "text"
    assert [(s["line"], s["title"]) for s in _walk(outline["sections"])] == [(1, "总体要求"), (4, "主要任务")]
    targets = json.loads(invoke("targets", str(path), "--format", "json").stdout)["targets"]
    assert sorted(t["line"] for t in targets) == [2, 6]
    import docdiff

    doc = docdiff.load(str(path))
    assert doc.line_count == 6
    assert "脚本里的文字也是文字" in doc.text and "注释里的话" in doc.text


def test_an_unclosed_script_in_a_txt_swallows_nothing(tmp_path: Path) -> None:
    import json

    path = tmp_path / "script.txt"
    path.write_text("<html-ish>\n<script>\n<p>一、总体要求</p>\n<p>到2025年,地区生产总值增长6%。</p>\n<p>x</p>\n",
                    encoding="utf-8")
    targets = json.loads(invoke("targets", str(path), "--format", "json").stdout)["targets"]
    assert [t["line"] for t in targets] == [4]


def test_one_inline_tag_in_a_txt_does_not_hide_its_target(tmp_path: Path) -> None:
    import json

    path = tmp_path / "one-tag.txt"
    plain = tmp_path / "plain.txt"
    path.write_text("一、总体要求\n说明。\n到2025年,<b>地区生产总值</b>增长6%。\n", encoding="utf-8")
    plain.write_text("一、总体要求\n说明。\n到2025年,地区生产总值增长6%。\n", encoding="utf-8")
    targets = json.loads(invoke("targets", str(path), "--format", "json").stdout)["targets"]
    expected = json.loads(invoke("targets", str(plain), "--format", "json").stdout)["targets"]
    assert [(t["line"], t["indicator"], t["value"]) for t in targets] == [(3, expected[0]["indicator"], 6)]


def test_a_declared_page_in_a_txt_is_still_read_as_html(tmp_path: Path) -> None:
    import json

    path = tmp_path / "page.txt"
    path.write_text("<!DOCTYPE html>\n<html><body><h1>一、总体要求</h1><p>到2025年,地区生产总值增长6%。</p></body></html>\n",
                    encoding="utf-8")
    outline = json.loads(invoke("outline", str(path), "--format", "json").stdout)
    assert outline["document"]["format"] == "html"
    assert outline["document"]["lines"] == "extracted_text"
    for command in ("outline", "targets"):  # the terminal views say so too
        assert "lines of the text extracted from the HTML" in " ".join(invoke(command, str(path)).stdout.split())


def _walk(sections: list[dict]) -> list[dict]:
    out = []
    for s in sections:
        out.append(s)
        out.extend(_walk(s.get("children", [])))
    return out


# --- 4. lines are counted as editors count them: \n only (CR and CRLF are folded to it) ---

_OTHER_BREAKS = ["\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("brk", _OTHER_BREAKS, ids=[f"U+{ord(c):04X}" for c in _OTHER_BREAKS])
def test_form_feeds_and_unicode_breaks_do_not_start_lines(tmp_path: Path, brk: str) -> None:
    import json

    path = tmp_path / "breaks.txt"
    # pdftotext puts a form feed at each page start; the file's line 4 holds the target
    path.write_text(f"一、总体要求\n第一页说明。{brk}\n{brk}第二页说明。\n到2025年,地区生产总值增长6%。\n", encoding="utf-8")
    targets = json.loads(invoke("targets", str(path), "--format", "json").stdout)["targets"]
    assert [t["line"] for t in targets] == [4]
    result = invoke("check", str(path), str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr


def test_document_lines_follow_line_feeds_only() -> None:
    from docdiff.model import Document

    doc = Document(path="x", text="a\fb\nc\u2028d\n\ne")
    assert doc.line_count == 4
    assert doc.line_at(doc.text.index("d")) == 2
    assert doc.slice(doc.line_span(1)) == "a\fb"
    assert doc.slice(doc.line_span(3)) == ""


# --- 5. CSV cells that a spreadsheet would run as a formula are prefixed with ' ---


def test_csv_cells_starting_like_a_formula_are_defused(tmp_path: Path) -> None:
    import csv
    import io

    from msgspec.structs import replace

    import docdiff
    from docdiff.render.csv import render_targets_csv

    path = tmp_path / "formula.txt"
    path.write_text("一、总体要求\n到2025年,地区生产总值增长6%。\n到2025年,城镇新增就业5万人。\n", encoding="utf-8")
    doc = docdiff.load(str(path))
    found = docdiff.extract_targets(doc, docdiff.parse_outline(doc))
    hostile = (replace(found[0], indicator='=HYPERLINK("http://evil.example/?x","点击")', text="+1+cmd|' /C calc'!A0"),
               replace(found[1], indicator="@SUM(1+1)", unit="-2+3", text="\t=1"))
    rows = list(csv.DictReader(io.StringIO(render_targets_csv(doc, hostile))))
    assert len(rows) == 2
    for row in rows:
        assert row["comparator"] in ("=", ">=", "<=", "~", "range")  # a closed vocabulary, not text
        for field, value in row.items():
            assert field == "comparator" or not value or value[0] not in "=+-@\t\r", row
    assert rows[0]["indicator"] == """'=HYPERLINK("http://evil.example/?x","点击")"""
    assert rows[1]["unit"] == "'-2+3" and rows[1]["text"] == "'\t=1"


def test_csv_defuse_rule() -> None:
    from docdiff.render.csv import defuse_formula

    assert [defuse_formula(s) for s in ("=1+1", "+1", "-x", "@A1", "\tx", "\rx", "地区", "")] == [
        "'=1+1", "'+1", "'-x", "'@A1", "'\tx", "'\rx", "地区", ""]


# --- 6. unheaded documents: candidate pairs above a size, linear memory, said in a note ---


def _paragraphs_only(name: str) -> list[str]:
    """A sample's body lines without its headings: a document of paragraphs only."""
    import docdiff

    doc = docdiff.load(f"samples/{name}")
    heading_lines = {s.line for r in docdiff.parse_outline(doc).sections for s in r.walk()}
    return [doc.slice(span) for n, span in doc.body_lines() if n not in heading_lines and doc.slice(span).strip()]


def _unheaded_pair(tmp_path: Path) -> tuple[Path, Path]:
    import random

    paras = [p for f in sorted(Path("samples").glob("*.txt")) if not f.name.startswith("luqiao")  # it has tables
             for p in _paragraphs_only(f.name)]
    rng = random.Random(3)
    edited = [p for p in paras if rng.random() > 0.05]
    for _ in range(5):  # move a few paragraphs
        edited.insert(rng.randrange(len(edited)), edited.pop(rng.randrange(len(edited))))
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("\n".join(paras) + "\n", encoding="utf-8")
    b.write_text("\n".join(edited) + "\n", encoding="utf-8")
    return a, b


def test_large_unheaded_pair_takes_the_candidate_path_and_says_so(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import docdiff
    from docdiff.comparison import compare

    a, b = (docdiff.load(str(p)) for p in _unheaded_pair(tmp_path))
    assert not docdiff.parse_outline(a).sections and not docdiff.parse_outline(b).sections
    exact = compare(a, b)
    monkeypatch.setattr("docdiff.comparison.align_sparse.DENSE_MAX_CELLS", 100)
    cheap = compare(a, b)
    assert any("candidate pairs" in n for n in cheap.notes)
    assert not any("candidate pairs" in n for n in exact.notes)

    def pairs(c: object) -> set[tuple[int, int]]:
        return {(p.a.line, p.b.line) for p in c.sections if p.a is not None and p.b is not None}  # type: ignore[attr-defined]

    found, wanted = pairs(cheap), pairs(exact)
    assert len(found & wanted) >= 0.95 * len(wanted), (len(found & wanted), len(wanted))


def test_candidate_pairs_grow_linearly_with_the_paragraphs(tmp_path: Path) -> None:
    """O(n·(TOP_K + WINDOW)) pairs, never n × m: the bound that keeps memory linear."""
    import docdiff
    from docdiff.comparison.align import paragraph_sections
    from docdiff.comparison.align_sparse import TOP_K, WINDOW, candidate_pairs
    from docdiff.comparison.similarity import SectionVectors

    a, b = (docdiff.load(str(p)) for p in _unheaded_pair(tmp_path))
    sa, sb = paragraph_sections(a), paragraph_sections(b)
    vectors = SectionVectors(a, [s.span for s in sa], b, [s.span for s in sb])
    rows, cols = candidate_pairs(vectors, list(range(len(sa))), list(range(len(sb))))
    assert len(rows) <= len(sa) * (TOP_K + 2 * WINDOW + 1)
    assert len(set(zip(rows.tolist(), cols.tolist()))) == len(rows)
    keys = rows * len(sb) + cols
    assert (keys[1:] > keys[:-1]).all()  # sorted, each pair once: what align_group's search needs


# --- 9. many targets: candidate pairs, never targets × targets ---


def test_one_key_shared_by_thousands_of_targets_pairs_each_with_its_nearest() -> None:
    from docdiff.comparison.target_candidates import NEAREST
    from docdiff.comparison.targetdiff import _similar_key_pairs

    n = 2000
    forms = ("地区生产总值",) * n
    positions = ([i / n for i in range(n)], [i / n for i in range(n)])
    pairs = _similar_key_pairs(forms, forms, positions)
    assert len(pairs) <= 2 * NEAREST * n  # not n × n = 4,000,000
    assert {(i, i) for i in range(n)} <= {(i, j) for i, j, _ in pairs}


def test_distinct_keys_screened_by_the_bigram_index_find_the_same_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    import docdiff
    from docdiff.comparison.target_keys import match_form
    from docdiff.comparison.targetdiff import _similar_key_pairs

    def forms(name: str) -> tuple[str, ...]:
        doc = docdiff.load(f"samples/{name}")
        return tuple(match_form(t.key or t.indicator) for t in docdiff.extract_targets(doc, docdiff.parse_outline(doc)))

    fa, fb = forms("hailar-district-2018-work-report.txt"), forms("hailar-district-2019-work-report.txt")
    exact = _similar_key_pairs(fa, fb)
    monkeypatch.setattr("docdiff.comparison.target_candidates.DENSE_KEY_CELLS", 1)
    screened = _similar_key_pairs(fa, fb)
    assert set(screened) <= set(exact)
    assert len(screened) >= 0.95 * len(exact), (len(screened), len(exact))


def test_comparing_thousands_of_target_sentences_is_not_quadratic() -> None:
    """5,000 distinct target sentences a side took 145 s of CPU (27 M key comparisons)."""
    from cpu_guard import hang_guard

    from docdiff.comparison import compare
    from docdiff.model import Document

    text = "".join(f"到2025年,第{i}号园区产值增长{i % 90 + 1}%。" for i in range(5000)) + "\n"
    with hang_guard(40):
        result = compare(Document(path="a", text=text), Document(path="b", text=text))
    assert sum(p.status == "shared" for p in result.targets) >= 4900


# --- 7. a number too large for a float is no Infinity in JSON ---


def _strict_json(text: str) -> object:
    import json

    def refuse(name: str) -> None:
        raise ValueError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


def test_a_310_digit_number_gives_valid_json_everywhere(tmp_path: Path) -> None:
    import re

    huge = "9" * 320
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(f"一、总体要求\n到2025年,地区生产总值达到{huge}亿元。\n", encoding="utf-8")
    b.write_text(f"一、总体要求\n到2025年,地区生产总值达到{huge}8亿元,城镇新增就业1e999人。\n", encoding="utf-8")
    (target,) = _strict_json(invoke("targets", str(a), "--format", "json").stdout)["targets"]  # type: ignore[index]
    assert target["value"] in (None, int(huge)) and huge in target["text"]  # exact, or none — never Infinity
    _strict_json(invoke("compare", str(a), str(b), "--format", "json").stdout)
    _strict_json(invoke("check", str(a), str(b), "--format", "json", "--exit-zero").stdout)
    _strict_json(invoke("check", str(a), str(b), "--format", "sarif", "--exit-zero").stdout)
    page = invoke("compare", str(a), str(b), "--format", "html").stdout
    data = re.search(r'<script type="application/json" id="docdiff-data">(.*?)</script>', page, re.S)
    assert data is not None
    _strict_json(data.group(1))
    for command in (["targets", str(a)], ["targets", str(a), "--format", "csv"], ["compare", str(a), str(b)]):
        assert not re.search(r"\binf\b", invoke(*command).stdout)


def test_json_refuses_non_finite_numbers() -> None:
    from docdiff.render.json import dumps

    with pytest.raises(ValueError):
        dumps({"value": float("inf")})


# --- 8. a user's regex runs in linear time ---


def test_a_pathological_ignore_regex_does_not_hang(tmp_path: Path) -> None:
    from cpu_guard import hang_guard

    from docdiff.check.config import _compile

    with hang_guard(10):
        assert _compile("re:(a+)+$").search("a" * 40 + "!") is None
        assert _compile("re:(x+x+)+y").search("x" * 5000) is None


def test_check_with_a_pathological_ignore_from_config_finishes(tmp_path: Path) -> None:
    from cpu_guard import hang_guard

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    indicator = "全市规模以上工业企业研究与试验发展经费支出占营业收入比重"  # the document supplies the input
    a.write_text(f"一、总体要求\n到2025年,{indicator}达到2%。\n", encoding="utf-8")
    b.write_text(f"一、总体要求\n到2025年,{indicator}达到3%。\n", encoding="utf-8")
    config = tmp_path / "docdiff.toml"
    config.write_text('ignore = ["re:^((.+)+)+X$"]\n', encoding="utf-8")  # exponential for a backtracking engine
    with hang_guard(20):
        result = invoke("check", str(a), str(b), "--config", str(config))
    assert result.exit_code == 1, result.stderr


def test_a_regex_outside_the_linear_engine_is_one_line(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    config = tmp_path / "docdiff.toml"
    config.write_text('ignore = ["re:(a)\\\\1"]\n', encoding="utf-8")
    one_line_error(invoke("check", str(pair[0]), str(pair[1]), "--config", str(config)), str(config), "regex")


# --- 10. signals: temp files cleaned, Ctrl-C exits 130 with one line ---

_SIGNAL_SCRIPT = """
import os, signal, sys
import docdiff.output
from docdiff.cli import main

def deliver(*args, **kwargs):
    os.kill(os.getpid(), signal.{sig})
    signal.pause()  # until the handler runs (it raises)

{where} = deliver
sys.argv = ["docdiff", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize(("sig", "code"), [("SIGTERM", 143), ("SIGHUP", 129), ("SIGINT", 130)])
def test_a_signal_during_the_write_leaves_no_temp_file(pair: tuple[Path, Path], tmp_path: Path,
                                                       sig: str, code: int) -> None:
    import subprocess
    import sys

    out = tmp_path / "report.json"
    script = _SIGNAL_SCRIPT.format(sig=sig, where="docdiff.output.os.replace")
    proc = subprocess.run([sys.executable, "-c", script, "compare", str(pair[0]), str(pair[1]),
                           "--format", "json", "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == code, proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.startswith("docdiff: interrupted"), proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_ctrl_c_while_reading_exits_130_with_one_line(pair: tuple[Path, Path]) -> None:
    import subprocess
    import sys

    script = _SIGNAL_SCRIPT.format(sig="SIGINT", where="docdiff.cli.load_pair")
    proc = subprocess.run([sys.executable, "-c", script, "check", str(pair[0]), str(pair[1])],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 130
    assert proc.stderr == "docdiff: interrupted\n"
    assert proc.stdout == ""


# --- 11. every error names the file and the problem ---


def test_a_lone_surrogate_from_the_chosen_encoding_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "u7.txt"
    path.write_bytes("一、总体要求\n到2025年,地区生产总值增长6%。\n".encode("utf-7") + b"+2AA-\n")
    for command in (["compare", str(path), str(path), "--format", "html"], ["targets", str(path), "--format", "json"],
                    ["outline", str(path)]):
        one_line_error(invoke(*command, "--encoding", "utf-7"), str(path), "utf-7", "surrogate")


@pytest.mark.parametrize("tool", ["5", '"x"', "[1]", "true"])
def test_a_config_whose_tool_is_not_a_table_is_one_line(tmp_path: Path, pair: tuple[Path, Path], tool: str) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text(f"tool = {tool}\n", encoding="utf-8")
    one_line_error(invoke("check", str(pair[0]), str(pair[1]), "--config", str(config)), str(config), "tool")


def test_a_config_nested_too_deeply_is_one_line(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    config = tmp_path / "deep.toml"
    config.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    one_line_error(invoke("check", str(pair[0]), str(pair[1]), "--config", str(config)), str(config), "nested")


def test_out_of_memory_names_the_input_files(pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr("docdiff.comparison.pipeline.match_targets", exhausted)
    line = one_line_error(invoke("compare", str(pair[0]), str(pair[1])), "out of memory")
    assert str(pair[0]) in line and str(pair[1]) in line


# --- 13. nothing silently lost: text after an entity in a docx, a tiny decimal ---


def _docx_with_entity(path: Path) -> Path:
    import io
    import zipfile

    import docx

    d = docx.Document()
    d.add_paragraph("一、总体要求")
    d.add_paragraph("前文MARKER后文到2025年,地区生产总值增长6%。")
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                decl_end = xml.index("?>") + 2
                xml = xml[:decl_end] + '<!DOCTYPE w:document [<!ENTITY ent "实体">]>' + xml[decl_end:]
                data = xml.replace("MARKER", "&ent;").encode("utf-8")
            out.writestr(info, data)
    return path


def test_text_after_an_entity_in_a_docx_is_kept(tmp_path: Path) -> None:
    import docdiff

    doc = docdiff.load(str(_docx_with_entity(tmp_path / "entity.docx")))
    assert "后文到2025年,地区生产总值增长6%。" in doc.text
    assert [t.line for t in docdiff.extract_targets(doc, docdiff.parse_outline(doc))] == [2]


def test_a_decimal_too_small_for_a_float_is_not_zero() -> None:
    from decimal import Decimal

    from docdiff.targets.numbers import to_float

    assert to_float(Decimal("0." + "0" * 400 + "1")) is None
    assert to_float(Decimal("1" + "0" * 400 + ".5")) is None
    assert to_float(Decimal("1" + "0" * 400)) == 10**400  # a whole number stays exact
    assert to_float(Decimal("0.000001")) == 1e-06 and to_float(Decimal(0)) == 0.0


def test_a_tiny_target_value_is_not_reported_as_zero(tmp_path: Path) -> None:
    import json

    path = tmp_path / "tiny.txt"
    path.write_text(f"一、总体要求\n到2025年,单位能耗下降0.{'0' * 400}1%。\n", encoding="utf-8")
    (target,) = json.loads(invoke("targets", str(path), "--format", "json").stdout)["targets"]
    assert target["value"] != 0


def test_extracting_targets_from_one_long_line_is_not_quadratic() -> None:
    """Each target's tier sliced its line up to the target: 25,000 sentences on one line took
    80 s of CPU (issue 13, item 9, found again after the tiers of issue 11)."""
    from cpu_guard import hang_guard

    from docdiff.model import Document
    from docdiff.outline import parse_outline
    from docdiff.targets import extract_targets

    text = "".join(f"到2025年,第{i}号园区产值增长{i % 90 + 1}%。" for i in range(20_000)) + "\n"
    doc = Document(path="a", text=text)
    with hang_guard(20):
        found = extract_targets(doc, parse_outline(doc))
    assert len(found) == 20_000
