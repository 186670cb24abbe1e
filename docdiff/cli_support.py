"""What every command shares: one-line errors, loading an input, writing an output (atomically,
through a pager on a terminal), and the common options.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

import click

from docdiff.errors import DocdiffError, printable

if TYPE_CHECKING:
    from docdiff.model import Document


class UserError(click.ClickException):
    """A DocdiffError at the CLI boundary: one line on stderr, exit 2."""

    exit_code = 2  # plain ClickException exits 1, which `check` uses for "flagged"

    def show(self, file: Any = None) -> None:
        click.echo(f"docdiff: {self.format_message()}", err=True)


def guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into UserError and bugs into one line with a --debug hint."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = click.get_current_context().find_root().params.get("debug", False)
        try:
            return fn(*args, **kwargs)
        except DocdiffError as e:
            raise UserError(printable(str(e))) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except RecursionError:
            if debug:
                raise
            raise UserError(f"{_inputs()}internal error: input nested too deeply (re-run with --debug for the traceback)") from None
        except MemoryError:
            raise UserError(f"{_inputs()}out of memory: the input is too large for this machine") from None
        except Exception as e:  # a bug: say so, briefly, unless --debug asks for the traceback
            if debug:
                import traceback  # here: only a bug's report needs it

                traceback.print_exc()
            where = "" if debug else " (re-run with --debug for the traceback)"
            raise UserError(f"internal error: {type(e).__name__}: {printable(str(e))}{where}") from None

    return wrapper


def _inputs() -> str:
    """"A, B: " — the input files of the running command, to start an error that has no file."""
    params = click.get_current_context().params
    names = [params[k] for k in ("file", "a", "b") if isinstance(params.get(k), str)]
    return ", ".join(printable(n) for n in names) + ": " if names else ""


def parse_size_option(text: str | None) -> int | None:
    if text is None:
        return None
    from docdiff.ingest.read import parse_size

    return parse_size(text)


def load_input(path: str, encoding: str | None, max_size: str | None) -> Document:
    from docdiff.ingest import load

    doc = load(path, encoding=encoding, max_bytes=parse_size_option(max_size))
    _say_notes(path, doc)
    return doc


def load_pair(a: str, b: str, encoding: str | None, max_size: str | None) -> tuple[Document, Document]:
    """Both inputs of ``compare`` or ``check``, A then B (whose error, if both fail, is A's).
    Large files (``FORK_MIN_BYTES`` together) are read side by side: B in a forked child while
    A is read here (``docdiff.forked``)."""
    from docdiff.forked import beside
    from docdiff.ingest import load
    from docdiff.model import Document

    max_bytes = parse_size_option(max_size)
    large = _bytes(a) + _bytes(b) >= FORK_MIN_BYTES
    with beside(lambda: load(b, encoding=encoding, max_bytes=max_bytes), enabled=large, kind=Document) as doc_b:
        doc_a = load(a, encoding=encoding, max_bytes=max_bytes)
        pair = doc_a, doc_b.result()
    for path, doc in zip((a, b), pair):
        _say_notes(path, doc)
    return pair


# Reading B beside A pays past this many bytes in the two files together (`python
# benchmarks/bench_fork.py --load`, min of 7, with a child ÷ without: 2.31 at 140 kB a side,
# 1.58 at 281 kB, 1.06 at 418 kB, 0.91 at 554 kB, 0.78 at 1.4 MB).
FORK_MIN_BYTES = 1_100_000


def _bytes(path: str) -> int:
    """The size of the file at ``path`` (0 when there is none: its error comes from ``load``)."""
    import os

    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return 0


def _say_notes(path: str, doc: Document) -> None:
    for note in doc.notes:  # how the text was got (OCR and its confidence): say so on every command
        click.echo(f"docdiff: {printable(path)}: {printable(note)}", err=True)


def settle_heap() -> None:
    """Put every object made so far out of the collector's reach (``gc.freeze``) until the
    running command ends (its context then calls ``gc.unfreeze``, so a program calling the CLI
    in process keeps its collector as it was).

    Called once the comparison is made: it lives until the end anyway, and a collection that
    the output stage's short-lived allocations trigger would scan all of it again (on a
    five-year plan pair one such collection took 10–17 ms CPU, as long as the render itself).
    """
    import gc

    gc.freeze()
    click.get_current_context().call_on_close(gc.unfreeze)


def console_options(output: str | None, color: str = "auto") -> dict[str, Any]:
    """Colour by ``--color`` and NO_COLOR; the terminal's width, else COLUMNS, else 100."""
    from docdiff.terminal import layout_width, use_color

    return {"color": use_color(color, output), "width": layout_width(output)}


def write_result(text: str | bytes, output: str | None, inputs: tuple[str, ...], *, pager: bool = False) -> None:
    """Write ``text`` to ``output`` (or standard output); through the pager when ``pager``."""
    from docdiff.output import write_output

    if pager:
        from docdiff.terminal import page

        if page(text):
            return
    write_output(text, output, inputs=inputs)


def term_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--color and --no-pager, for the commands with a terminal view."""
    fn = click.option("--no-pager", is_flag=True,
                      help="Print to the terminal directly instead of through $PAGER (less -R).")(fn)
    return click.option("--color", "color", type=click.Choice(("auto", "always", "never")), default="auto",
                        show_default=True,
                        help="Colour the terminal view: auto = only on a terminal and without NO_COLOR.")(fn)


def xlsx_path(output: str | None) -> str:
    """The -o file a workbook goes to; a workbook is never written to standard output."""
    if output in (None, "-"):
        raise UserError("--format xlsx writes a binary workbook: name the file with -o FILE.xlsx")
    assert output is not None
    return output


def paged(no_pager: bool, output: str | None) -> bool:
    from docdiff.terminal import use_pager

    return use_pager(no_pager, output)


encoding_option = click.option(
    "--encoding", metavar="NAME", help="Decode input files with this encoding instead of detecting it."
)
max_size_option = click.option(
    "--max-size", metavar="SIZE", help="Refuse input files larger than this (e.g. 50MB; default 50MB)."
)
output_option = click.option(
    "-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of standard output."
)
