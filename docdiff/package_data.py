"""Files shipped in docdiff/data (word lists, the reports' CSS and JS), read from beside this module.

``importlib.resources`` would also find them inside a zip archive, but importing it pulls in
tempfile, shutil and zipfile — ~8 ms of every run's start-up — and docdiff is installed as
plain files (pip, editable or not), where a path next to this module is where they are.
"""
from __future__ import annotations

import os

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def read_data(name: str) -> str:
    """The text (UTF-8) of ``docdiff/data/NAME``."""
    with open(os.path.join(DATA_DIR, name), encoding="utf-8") as fh:
        return fh.read()
