"""Command line: options → API call → renderer → write. No document logic lives here.

Heavy modules (rapidfuzz, diff-match-patch, lxml, rich, PDF/docx readers) are imported inside
the commands so that ``docdiff --help`` stays fast.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from docdiff.cli_support import (
    UserError,
    console_options,
    encoding_option,
    guarded,
    load_input,
    load_pair,
    max_size_option,
    output_option,
    paged,
    parse_size_option,
    settle_heap,
    term_options,
    write_result,
    xlsx_path,
)

if TYPE_CHECKING:
    pass

COMPARE_FORMATS = ("term", "html", "json", "md", "csv", "xlsx", "docx")
TARGET_FORMATS = ("term", "json", "csv", "xlsx")
OUTLINE_FORMATS = ("term", "json")
CHECK_FORMATS = ("text", "json", "github", "junit", "sarif")
SERIES_FORMATS = ("term", "html", "json", "csv", "xlsx")
SERIES_TIERS = ("headline", "all")
FAIL_ON = ("changed", "removed", "added", "any")
CORPUS_FORMATS = ("term", "html", "json", "csv", "xlsx")
CORPUS_FAIL_ON = ("missing", "weaker", "stronger", "local", "unjudged")
STORE_NAME = "docdiff-corpus.sqlite"  # the default store, in the folder of -o


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="docdiff", message="docdiff %(version)s")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
def cli(debug: bool) -> None:
    """Compare Chinese government documents: sections, similarity and quantified targets.

    \b
    docdiff compare A B        sections, similarity, text and target differences
    docdiff targets FILE       the quantified targets (指标) one document sets
    docdiff outline FILE       the section tree (and tables) of one document
    docdiff check A B          CI gate: exit 1 when B changed or dropped A's targets
    docdiff corpus DIR         many documents: target table, reuse, clusters, parent verdicts
    docdiff series FILE...     one government's targets over the years, met or missed
    """


@cli.command()
@click.argument("file", metavar="FILE")
@click.option("--format", "fmt", type=click.Choice(OUTLINE_FORMATS), default="term", show_default=True)
@term_options
@output_option
@encoding_option
@max_size_option
@guarded
def outline(
    file: str, fmt: str, color: str, no_pager: bool, output: str | None, encoding: str | None, max_size: str | None
) -> None:
    """Show the section tree of FILE: level, number, title, line and length."""
    doc = load_input(file, encoding, max_size)
    from docdiff.outline import parse_outline

    tree = parse_outline(doc)
    if fmt == "json":
        from docdiff.render.json import render_outline_json

        text = render_outline_json(doc, tree)
    else:
        from docdiff.render.outline_term import render_outline_term

        text = render_outline_term(doc, tree, **console_options(output, color))
    write_result(text, output, (file,), pager=fmt == "term" and paged(no_pager, output))


@cli.command()
@click.argument("file", metavar="FILE")
@click.option("--format", "fmt", type=click.Choice(TARGET_FORMATS), default="term", show_default=True)
@click.option("--include-past", is_flag=True, help="Also list a past period's targets (十三五 review tables).")
@term_options
@output_option
@encoding_option
@max_size_option
@guarded
def targets(
    file: str, fmt: str, include_past: bool, color: str, no_pager: bool, output: str | None, encoding: str | None,
    max_size: str | None,
) -> None:
    """List the quantified targets (指标) that FILE sets, grouped by section."""
    workbook = xlsx_path(output) if fmt == "xlsx" else ""  # refused before any work
    doc = load_input(file, encoding, max_size)
    from docdiff.outline import parse_outline
    from docdiff.targets import extract_targets

    found = extract_targets(doc, parse_outline(doc))
    if fmt == "json":
        from docdiff.render.json import render_targets_json

        text = render_targets_json(doc, found)
    elif fmt == "csv":
        from docdiff.render.csv import render_targets_csv
        from docdiff.render.sheet import BOM

        text = BOM + render_targets_csv(doc, found)
    elif fmt == "xlsx":
        from docdiff.output import write_bytes
        from docdiff.render.sheet import targets_sheet
        from docdiff.render.xlsx import render_xlsx

        write_bytes(render_xlsx((targets_sheet(found),)), workbook, inputs=(file,))
        return
    else:
        from docdiff.render.targets_term import render_targets_term

        shown = found if include_past else tuple(t for t in found if t.status != "past")
        text = render_targets_term(doc, shown, **console_options(output, color))
    write_result(text, output, (file,), pager=fmt == "term" and paged(no_pager, output))


def _past_and_tier_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option("--tier", type=click.Choice(("headline", "task")), default=None,
                      help="Compare only targets of this tier (headline: goal lists and indicator tables).")(fn)
    return click.option("--include-past", is_flag=True,
                        help="Also compare a past period's targets (十三五 review tables).")(fn)


def _fail_on_option(default: str | None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "--fail-on",
        metavar="STATUSES",
        default=default,
        help=f"Exit 1 when targets have these statuses: comma-separated of {', '.join(FAIL_ON)}"
        + (f" (default {default})." if default else "."),
    )


@cli.command()
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@click.option("--format", "fmt", type=click.Choice(COMPARE_FORMATS), default="term", show_default=True)
@click.option("--context", type=click.IntRange(0), default=1, show_default=True,
              help="Unchanged sentences shown around each change (terminal and Markdown).")
@click.option("--only-changed", is_flag=True, help="Show only sections and targets that differ.")
@click.option("--full", is_flag=True,
              help="Terminal: every text change (default: the changed sentences that hold targets).")
@term_options
@_fail_on_option(None)
@_past_and_tier_options
@output_option
@encoding_option
@max_size_option
@guarded
def compare(
    a: str,
    b: str,
    fmt: str,
    context: int,
    only_changed: bool,
    full: bool,
    color: str,
    no_pager: bool,
    fail_on: str | None,
    include_past: bool,
    tier: str | None,
    output: str | None,
    encoding: str | None,
    max_size: str | None,
) -> None:
    """Compare A with B: aligned sections, similarity, text and target differences."""
    workbook = xlsx_path(output) if fmt == "xlsx" else ""  # refused before any work
    doc_a, doc_b = load_pair(a, b, encoding, max_size)
    gate_config = None
    if fail_on:  # the same rules as `check`: --fail-on, plus ignore and tolerance from the config file
        from docdiff.check.config import load_config

        gate_config = load_config(None, fail_on=fail_on)
    from docdiff.comparison import compare as run_compare

    result = run_compare(doc_a, doc_b, include_past=include_past, tier=tier)
    settle_heap()  # the output stage's collections never rescan the comparison
    if fmt == "json":
        from docdiff.render.json import render_comparison_json

        text = render_comparison_json(result)
    elif fmt == "html":
        from docdiff.render.html import render_html

        text = render_html(result)
    elif fmt == "docx":
        from docdiff.render.redline_docx import render_redline_docx

        text = render_redline_docx(result)
    elif fmt == "md":
        from docdiff.render.markdown import render_markdown

        text = render_markdown(result, context=context, only_changed=only_changed)
    elif fmt == "csv":
        from docdiff.render.sheet import render_comparison_csv

        text = render_comparison_csv(result)
    elif fmt == "xlsx":
        from docdiff.output import write_bytes
        from docdiff.render.sheet import comparison_sheets
        from docdiff.render.xlsx import render_xlsx

        write_bytes(render_xlsx(comparison_sheets(result)), workbook, inputs=(a, b))
        text = ""  # written above
    else:
        from docdiff.render.compare_term import render_compare_term

        text = render_compare_term(
            result, context=context, only_changed=only_changed, full=full, **console_options(output, color)
        )
    if fmt != "xlsx":
        write_result(text, output, (a, b), pager=fmt == "term" and paged(no_pager, output))
    if gate_config is not None:
        from docdiff.check.gate import evaluate

        if evaluate(doc_a, doc_b, result.targets, gate_config).flagged:
            sys.exit(1)


@cli.command()
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@click.option("--format", "fmt", type=click.Choice(CHECK_FORMATS), default="text", show_default=True)
@_fail_on_option(None)
@click.option("--exit-zero", is_flag=True, help="Report findings but always exit 0 (errors still exit 2).")
@_past_and_tier_options
@click.option("--config", "config_path", metavar="FILE",
              help="Config file (default: [tool.docdiff] in ./pyproject.toml, or ./.docdiff.toml).")
@output_option
@encoding_option
@max_size_option
@guarded
def check(
    a: str,
    b: str,
    fmt: str,
    fail_on: str | None,
    exit_zero: bool,
    include_past: bool,
    tier: str | None,
    config_path: str | None,
    output: str | None,
    encoding: str | None,
    max_size: str | None,
) -> None:
    """CI gate: exit 1 when B (new) changes or drops targets of A (baseline).

    Exit status: 0 nothing flagged, 1 something flagged, 2 any error.
    """
    doc_a, doc_b = load_pair(a, b, encoding, max_size)
    from msgspec.structs import replace

    from docdiff.check import run_check
    from docdiff.check.config import load_config
    from docdiff.render.check import render_check

    config = load_config(config_path, fail_on=fail_on)
    if include_past:  # the options override the config file's include_past and tier
        config = replace(config, include_past=True)
    if tier is not None:
        config = replace(config, tier=tier)
    report = run_check(doc_a, doc_b, config)
    settle_heap()
    write_result(render_check(report, fmt), output, (a, b))
    if report.flagged and not exit_zero:
        sys.exit(1)


@cli.command()
@click.argument("paths", metavar="FILE...|DIR", nargs=-1, required=True)
@click.option("--parent", metavar="FILE", help="Judge every document's targets against this document's.")
@click.option("--format", "fmt", type=click.Choice(CORPUS_FORMATS), default="term", show_default=True)
@click.option("--store", metavar="PATH",
              help=f"SQLite store of finished work (default: {STORE_NAME} beside -o; none without -o).")
@click.option("--workers", type=click.IntRange(1), metavar="N", help="Local worker processes (default: the CPU count).")
@click.option("--scheduler", metavar="ADDRESS", help="Run on an existing Dask cluster (tcp://host:8786).")
@click.option("--reuse-only", is_flag=True, help="Skip target extraction: similarity and shared passages only.")
@click.option("--fail-on", metavar="VERDICTS",
              help=f"With --parent, exit 1 when a finding has these verdicts: comma-separated of {', '.join(CORPUS_FAIL_ON)}.")
@term_options
@output_option
@encoding_option
@max_size_option
@guarded
def corpus(
    paths: tuple[str, ...],
    parent: str | None,
    fmt: str,
    store: str | None,
    workers: int | None,
    scheduler: str | None,
    reuse_only: bool,
    fail_on: str | None,
    color: str,
    no_pager: bool,
    output: str | None,
    encoding: str | None,
    max_size: str | None,
) -> None:
    """Many documents at once: who set what target, who copied whom, who is out of line with --parent.

    \b
    Exit status: 0 done, 1 a --fail-on verdict was found, 2 any error.
    """
    from docdiff.errors import ConfigError

    if fmt == "xlsx" and output in (None, "-"):
        raise UserError("--format xlsx writes a binary workbook: name the file with -o FILE.xlsx")
    inputs = (*paths, *((parent,) if parent else ()))
    fail = {v.strip() for v in fail_on.split(",") if v.strip()} if fail_on else set()
    if fail - set(CORPUS_FAIL_ON):
        raise ConfigError(f"--fail-on: unknown verdict {sorted(fail - set(CORPUS_FAIL_ON))[0]!r} "
                          f"(choose from {', '.join(CORPUS_FAIL_ON)})")
    if fail and parent is None:
        raise ConfigError("--fail-on needs --parent (the verdicts are against a parent document)")
    if store is None and output not in (None, "-"):
        store = os.path.join(os.path.dirname(output) or ".", STORE_NAME)
    from docdiff.corpus import build_corpus

    report = build_corpus(
        list(paths), parent=parent, store=store, workers=workers or os.cpu_count() or 1, scheduler=scheduler,
        targets=not reuse_only, progress=True, encoding=encoding, max_bytes=parse_size_option(max_size))
    from docdiff.render.corpus_formats import render_corpus

    data = render_corpus(report, fmt, **(console_options(output, color) if fmt == "term" else {}))
    if isinstance(data, bytes):
        from docdiff.output import write_bytes

        write_bytes(data, output, inputs=inputs)
    else:
        write_result(data, output, inputs, pager=fmt == "term" and paged(no_pager, output))
    if fail and report.parent is not None and any(f.verdict in fail for f in report.parent.findings):
        sys.exit(1)


@cli.command()
@click.argument("files", metavar="FILE...", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(SERIES_FORMATS), default="term", show_default=True)
@click.option("--tier", type=click.Choice(SERIES_TIERS), default=None,
              help="Rows shown: headline indicators, or all (default: headline for term and html, all otherwise).")
@output_option
@encoding_option
@max_size_option
@guarded
def series(
    files: tuple[str, ...], fmt: str, tier: str | None, output: str | None, encoding: str | None, max_size: str | None
) -> None:
    """One government's targets over the years: FILE... are its reports (any order), one per year.

    One row per indicator, one cell per year: the target, the outcome the next report states,
    and met / missed / no_outcome / no_target / not_set; streaks and changes per row.
    """
    if fmt == "xlsx" and output in (None, "-"):
        raise UserError("--format xlsx writes a binary workbook: name the file with -o FILE.xlsx")
    docs = [load_input(f, encoding, max_size) for f in files]
    from docdiff.series import build_series

    ledger = build_series(docs)
    tier = tier or ("headline" if fmt in ("term", "html") else "all")
    rows = tuple(r for r in ledger.rows if tier == "all" or r.tier == "headline")
    if fmt == "json":
        from docdiff.render.series_json import render_series_json

        write_result(render_series_json(ledger, rows), output, files)
    elif fmt == "csv":
        from docdiff.render.series_csv import render_series_csv

        write_result(render_series_csv(ledger, rows), output, files)
    elif fmt == "xlsx":
        from docdiff.output import write_bytes
        from docdiff.render.series_xlsx import render_series_xlsx

        write_bytes(render_series_xlsx(ledger, rows), output, inputs=files)
    elif fmt == "html":
        from docdiff.render.series_html import render_series_html

        write_result(render_series_html(ledger, rows), output, files)
    else:
        from docdiff.render.series_term import render_series_term

        write_result(render_series_term(ledger, rows, **console_options(output)), output, files)


class Interrupted(BaseException):
    """A signal asked the command to stop. A BaseException, so that neither click (which turns
    KeyboardInterrupt into "Aborted!" and exit 1, the code `check` uses for "flagged") nor the
    internal-error guard catches it; every ``finally`` on the way out (the temp file of ``-o``)
    still runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_interrupted(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def main() -> None:
    # numpy's OpenBLAS starts a worker thread per core on import that spins while idle; docdiff's
    # matrices are small, so one thread is faster. Only the command sets this: a program that
    # imports docdiff as a library keeps its own setting.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import signal

    catch = [signal.SIGINT, signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    for signum in catch:
        signal.signal(signum, _raise_interrupted)
    try:
        cli(prog_name="docdiff")
    except (Interrupted, KeyboardInterrupt) as e:
        signum = e.signum if isinstance(e, Interrupted) else signal.SIGINT
        for s in catch:  # a second signal while reporting the first ends the process as usual
            signal.signal(s, signal.SIG_DFL)
        which = "" if signum == signal.SIGINT else f" ({signal.Signals(signum).name})"
        sys.stderr.write(f"docdiff: interrupted{which}\n")
        sys.stderr.flush()
        sys.exit(128 + signum)
