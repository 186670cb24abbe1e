"""Whether a matrix step whose two paths give identical results runs in pure Python or numpy."""
from __future__ import annotations

import sys


def lists_for(cells: int, limit: int) -> bool:
    """Pure Python for a matrix of ``cells`` cells: numpy is not imported yet (a larger stage
    would have loaded it, and then its vectorised path is faster) and ``cells`` ≤ ``limit``
    (past it the loop costs more than the import: ``benchmarks/pure_python_crossover.py``)."""
    return cells <= limit and "numpy" not in sys.modules
