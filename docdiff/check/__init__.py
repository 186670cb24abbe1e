"""Check stage (the CI gate): a target diff + config (fail-on, tolerance, ignore) → findings.

``config`` reads and validates the settings; ``gate`` turns target pairs into findings.
"""
from docdiff.check.gate import run_check

__all__ = ["run_check"]
