"""What `update` checks before it writes: the version given on the command line is one the
schema accepts, and the edited plan as a whole still passes the schema. `update --ecrire`
never leaves a plan that `validate` would refuse."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from cptsplan.findings.problems import Severity
from cptsplan.load.source import PlanSource, with_file
from cptsplan.schema.plan_schema import base_schema
from cptsplan.schema_check.format_check import format_problems


@cache
def _version_pattern() -> re.Pattern[str]:
    pattern: str = base_schema()["$defs"]["version"]["pattern"]
    # Matched whole: Python's `$` would also accept a newline at the end.
    return re.compile(pattern.removeprefix("^").removesuffix("$"))


def valid_version(text: str) -> bool:
    """Whether `text` is a version number as the schema has it (« 2.2 », « 2026.1 »)."""
    return _version_pattern().fullmatch(text) is not None


def schema_refusal(source: PlanSource, path: Path, text: str) -> str | None:
    """The first schema error of the plan `source` with the file `path` holding `text`
    (« file:line:col : message »), or None. Only that file is read again (`with_file`); the
    plan's files are never touched. The plan passed the schema before the edit (`update`
    refuses one that does not), so any error comes from the edited file or the whole."""
    edited = with_file(source, path, text)
    errors = [p for p in edited.problems if p.severity == Severity.ERROR]
    if not errors:
        errors = [p for p in format_problems(edited).problems if p.severity == Severity.ERROR]
    if not errors:
        return None
    return f"{errors[0].location} : {errors[0].message}"
