"""The one way a schema error becomes a Problem (messages.py and messages_format.py)."""

from __future__ import annotations

from collections.abc import Callable

from cptsplan.findings.problems import Location, Problem, Severity, format_path
from cptsplan.load.loader import JsonPath

Locator = Callable[[JsonPath, bool], Location]
"""A plan path (and whether the key rather than the value is meant) -> file, line, column."""


def make(
    locate: Locator,
    path: JsonPath,
    rule: str,
    message: str,
    hint: str | None = None,
    *,
    key: bool = False,
) -> Problem:
    return Problem(locate(path, key), Severity.ERROR, rule, message, format_path(path), hint)
