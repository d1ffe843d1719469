"""The words of the reviewer's table for a plan's verdict. Whether a plan fails is decided
once, in checked/verdict.py, for the table, the reporters and the exit code alike."""

from __future__ import annotations

from cptsplan.api import PlanReport
from cptsplan.checked.verdict import fails

VALID, TO_FIX, UNREAD = "valide", "à corriger", "non lu"

INVALID = "mal écrite"


def unread(report: PlanReport) -> bool:
    """Nothing of the plan could be read: broken YAML, a refused document, no plan."""
    return report.name is None and report.grid is None and not report.schema_valid


def verdict(report: PlanReport) -> str:
    if unread(report):
        return UNREAD
    return TO_FIX if fails(report) else VALID
