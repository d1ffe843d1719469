"""The values `api.check` returns, as records (findings/records.py): no dataclass to build
when `validate` starts (issue 20). Same fields, equality and text as the dataclasses they
were (tests/test_speed_paths.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Final

from cptsplan.errors import ExitCode
from cptsplan.findings.blocking import Blocking, blocks, effective
from cptsplan.findings.problems import Problem, Severity
from cptsplan.findings.records import record
from cptsplan.model import Plan
from cptsplan.schema.placeholders import ToComplete


@record(frozen=True)
class PlanTarget:
    """A plan to check: a YAML file or a folder of YAML files."""

    __slots__ = ("display", "path")

    def __init__(self, path: Path, display: str) -> None:
        self.path: Final = path
        self.display: Final = display


@record(ignore=("people",))
class PlanReport:
    """One plan's problems and what the reports show of it.

    - `grid`: the conformity grid (national-template items covered or not), when the rules ran;
    - `strict`: set from the plan's `.cptsplan.yaml` (`strict: true`): warnings fail this plan;
    - `blocking`: what fails this plan according to its `.cptsplan.yaml` (`bloquant:`, `strict:`);
    - `plan_name`: the CPTS name, kept when `plan` is dropped (reports coming back from a worker);
    - `configuration`: the `.cptsplan.yaml` applied to this plan (None: the default settings);
    - `next_update`: the day before which the yearly update is due (12 months after the last);
    - `schema_valid`: False when the plan has syntax or schema problems: the rules then ran only
      on the parts that passed, and the plan is not rendered;
    - `version`, `status`, `last_update`: `document.version`, `document.statut` and
      `document.date_mise_a_jour` as the model reads them, kept when `plan` is dropped (the
      reviewer's table shows them);
    - `source`: set when the plan was read from a Word or LibreOffice document (importer/check.py);
    - `people`: the directory's entries for people, kept when `plan` is dropped: the reviewer's
      table hides their contacts wherever it quotes the plan's text (privacy/outside.py). Left
      out of the report's text and equality: a report's `repr` must not print a contact.
    """

    __slots__ = (
        "blocking",
        "completeness",
        "configuration",
        "files",
        "grid",
        "last_update",
        "next_update",
        "people",
        "plan",
        "plan_name",
        "problems",
        "schema_valid",
        "source",
        "status",
        "strict",
        "target",
        "version",
    )

    def __init__(
        self,
        target: PlanTarget,
        problems: list[Problem],
        plan: Plan | None = None,
        files: list[str] | None = None,
        completeness: float | None = None,
        grid: list[Any] | None = None,
        strict: bool = False,
        blocking: Blocking | None = None,
        plan_name: str | None = None,
        configuration: str | None = None,
        next_update: date | None = None,
        schema_valid: bool = True,
        version: str | ToComplete | None = None,
        status: str | None = None,
        last_update: date | ToComplete | None = None,
        source: str | None = None,
        people: list[dict[str, Any]] | None = None,
    ) -> None:
        self.target = target
        self.problems = problems
        self.plan = plan
        self.files: list[str] = [] if files is None else files
        self.completeness = completeness
        self.grid = grid
        self.strict = strict
        self.blocking = blocking
        self.plan_name = plan_name
        self.configuration = configuration
        self.next_update = next_update
        self.schema_valid = schema_valid
        self.version = version
        self.status = status
        self.last_update = last_update
        self.source = source
        self.people = people

    def drop_plan(self) -> None:
        """Forget the plan (its data, the positions of every value), keeping what the reports
        show of it: its name, and its directory's people for the reviewer's table."""
        if self.plan is not None:
            self.plan_name = self.plan.name
            self.people = people_of(self.plan.data)
        self.plan = None

    def count(self, severity: Severity) -> int:
        return sum(1 for problem in self.problems if problem.severity == severity)

    @property
    def name(self) -> str | None:
        return self.plan.name if self.plan else self.plan_name


def people_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The directory's entries for people. An organisation's lines are public (the SAMU's, a
    town hall's): the reviewer reads them. Only the entries are kept, not searched here:
    `validate` without a table pays nothing."""
    entries = data.get("annuaire")
    return [
        entry
        for entry in (entries if isinstance(entries, list) else [])
        if isinstance(entry, dict) and entry.get("type") != "organisme"
    ]


@record()
class CheckResult:
    __slots__ = ("reports", "today")

    def __init__(self, reports: list[PlanReport], today: date) -> None:
        self.reports = reports
        self.today = today

    def count(self, severity: Severity) -> int:
        return sum(report.count(severity) for report in self.reports)

    def exit_code(self, strict: bool = False, blocking: Blocking | None = None) -> ExitCode:
        """1 when a plan has a problem that blocks: by default an error; with `strict` a
        warning too; with `blocking` (`--bloquant`) what it names. The plan's own
        configuration may ask for more (`strict: true`, `bloquant:`): the stricter wins."""
        asked = Blocking.ALL if strict else blocking
        for report in self.reports:
            level = effective(asked, report.blocking, Blocking.ALL if report.strict else None)
            if blocks(level, report.problems, structure_broken=not report.schema_valid):
                return ExitCode.PROBLEMS
        return ExitCode.OK


RuleRunner = Callable[[Plan, PlanReport], None]
"""Hook through which the conformity rules add their problems to a schema-valid plan."""
