"""The ``docdiff`` command and ``python -m docdiff``: the collector's threshold first, then the CLI."""
import gc

GC_THRESHOLD = 50_000  # allocations between young-generation collections (Python's default: 700)


def main() -> None:
    # A run allocates few cycles but, at Python's default threshold (700), collects some 60 times
    # while its modules import: ~10 ms of a one-line comparison's ~100. At 50,000 a typical run
    # never collects, and a large one collects less often over more objects (about the same
    # work per object; at most 50,000 objects of cyclic garbage wait). Set before the CLI's own
    # imports, and only by the command: a library user's collector is left alone.
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    from docdiff.cli import main as run_cli

    try:
        run_cli()
    finally:
        # The interpreter's shutdown runs full collections over every object left (the modules,
        # the comparison): ~20 ms of a one-line comparison's ~90, ~18 ms of a work-report pair's
        # ~175. Frozen, they are skipped; everything else about the exit stays (atexit handlers,
        # flushed streams, joined threads, modules torn down, objects freed as their references go).
        gc.freeze()


if __name__ == "__main__":
    main()
