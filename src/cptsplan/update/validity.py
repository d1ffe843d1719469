"""What `update` checks before it writes: the version given on the command line is one the
schema accepts, and the edited plan as a whole still passes the schema. `update --ecrire`
never leaves a plan that `validate` would refuse."""

from __future__ import annotations

import re
import tempfile
from functools import cache
from pathlib import Path

from cptsplan.findings.problems import Severity
from cptsplan.load.source import PlanSource, load_plan
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
    (« file:line:col : message »), or None. The plan's YAML files are copied into a
    temporary folder (they are small: a plan is a few hundred kilobytes), never touched."""
    with tempfile.TemporaryDirectory(prefix="cptsplan-update-") as temporary:
        folder = Path(temporary)
        for loaded in source.files:
            if loaded.data is None:
                continue
            copy = folder / loaded.path.name
            if loaded.path == path:
                copy.write_bytes(text.encode("utf-8"))
            else:
                copy.write_bytes(loaded.path.read_bytes())
        root = folder if source.root.is_dir() else folder / path.name
        edited = load_plan(root, source.display)
        errors = [p for p in edited.problems if p.severity == Severity.ERROR]
        if not errors:
            errors = [p for p in format_problems(edited).problems if p.severity == Severity.ERROR]
    if not errors:
        return None
    return f"{errors[0].location} : {errors[0].message}"
