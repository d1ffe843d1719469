"""Orchestration without printing: find plans, check them, return values for reporters."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .config import Config, ConfigFinder
from .errors import ExitCode, UsageError
from .loader import JsonPath
from .messages import translate_errors
from .model import Plan, build_plan
from .partial import invalid_paths, set_aside
from .problems import Problem, Severity, format_path
from .references import KIND_LABELS, collect_ids, duplicate_ids
from .schema import schema_errors
from .source import PlanSource, load_plan, plan_files


@dataclass(frozen=True)
class PlanTarget:
    """A plan to check: a YAML file or a folder of YAML files."""

    path: Path
    display: str


@dataclass
class PlanReport:
    target: PlanTarget
    problems: list[Problem]
    plan: Plan | None = None
    files: list[str] = field(default_factory=list)
    completeness: float | None = None
    grid: list[Any] | None = None
    """The conformity grid (national-template items covered or not), when the rules ran."""
    strict: bool = False
    """Set from the plan's `.cptsplan.yaml` (`strict: true`): warnings fail this plan."""
    plan_name: str | None = None
    """The CPTS name, kept when `plan` is dropped (reports coming back from a worker)."""
    schema_valid: bool = True
    """False when the plan has syntax or schema problems: the rules then ran only on the
    parts that passed, and the plan is not rendered."""

    def count(self, severity: Severity) -> int:
        return sum(1 for problem in self.problems if problem.severity == severity)

    @property
    def name(self) -> str | None:
        return self.plan.name if self.plan else self.plan_name


@dataclass
class CheckResult:
    reports: list[PlanReport]
    today: date

    def count(self, severity: Severity) -> int:
        return sum(report.count(severity) for report in self.reports)

    def exit_code(self, strict: bool = False) -> ExitCode:
        """1 when an error is found, or a warning with `strict` (or the plan's own
        configuration says `strict: true`)."""
        for report in self.reports:
            threshold = Severity.WARNING if strict or report.strict else Severity.ERROR
            if any(problem.severity >= threshold for problem in report.problems):
                return ExitCode.PROBLEMS
        return ExitCode.OK


RuleRunner = Callable[[Plan, PlanReport], None]
"""Hook through which the conformity rules add their problems to a schema-valid plan."""


def discover(paths: Iterable[Path]) -> list[PlanTarget]:
    """A file is a plan; a folder holding YAML files is a plan; a folder holding only
    sub-folders is a collection of plans (one per CPTS)."""
    targets: list[PlanTarget] = []
    for path in paths:
        display = str(path)
        if not path.exists():
            raise UsageError(f"chemin introuvable : {display}")
        if not path.is_dir():  # a file; a FIFO or a device is refused by load_plan
            targets.append(PlanTarget(path, display))
            continue
        if plan_files(path):
            targets.append(PlanTarget(path, display))
            continue
        children = [
            child
            for child in sorted(path.iterdir())
            if child.is_dir() and not child.name.startswith(".") and plan_files(child)
        ]
        if not children:
            raise UsageError(
                f"aucun plan trouvé dans {display} (ni fichier .yaml, "
                "ni sous-dossier contenant des fichiers .yaml)"
            )
        targets.extend(PlanTarget(child, str(Path(display) / child.name)) for child in children)
    return targets


def check_plan(target: PlanTarget, rules: RuleRunner | None = None) -> PlanReport:
    """Syntax, then schema and references, then the rules. On a plan with schema errors the
    rules run on the parts that passed (partial.py), so that one error does not hide the
    rest; on a plan with an unreadable file they do not run at all: its sections are
    unknown, and every rule about them would report a false absence."""
    source = load_plan(target.path, target.display)
    report = PlanReport(target, list(source.problems), files=[f.display for f in source.files])
    schema_problems, invalid = _schema_problems(source)
    report.problems.extend(schema_problems)
    report.schema_valid = not report.problems
    if not _has_unreadable_file(source) and source.data:
        if invalid:
            data = set_aside(source.data, invalid)
            report.plan = build_plan(source, data, frozenset(invalid))
        else:
            report.plan = build_plan(source)
        if rules is not None:
            rules(report.plan, report)
    report.problems.sort(key=lambda problem: problem.sort_key)
    return report


def conformity_rules(today: date, configs: ConfigFinder) -> RuleRunner:
    """The rule catalogue as a `RuleRunner`, with each plan's own configuration."""

    def run(plan: Plan, report: PlanReport) -> None:
        from .rules import completeness, grid_from_findings, run_rules

        config = configs.for_plan(report.target.path)
        outcome = run_rules(plan, today, config)
        report.problems.extend(outcome.problems)
        report.grid = grid_from_findings(plan, outcome.findings)
        report.completeness = completeness(report.grid)
        report.strict = config.strict

    return run


PARALLEL_FROM = 4
"""Below this many plans, starting worker processes costs more than it saves."""


def check(
    paths: Iterable[Path],
    rules: RuleRunner | None = None,
    today: date | None = None,
    progress: Callable[[PlanReport], None] | None = None,
    *,
    config: Path | None = None,
    run_rules: bool = True,
    start: Callable[[int], None] | None = None,
    jobs: int = 1,
) -> CheckResult:
    """Check every plan under `paths`; one broken plan never stops the others.

    The conformity rules run with the `.cptsplan.yaml` found above each plan (or `config`)
    and the reference date `today`; `rules` replaces them. Every configuration is read before
    the first plan, so a broken one stops the run (ConfigurationError) before any output.
    `start` receives the number of plans, `progress` each report as it is done.

    With `jobs` > 1 and several plans, plans are checked in that many processes (reading
    YAML with positions is CPU-bound); their reports come back without `plan`.
    """
    today = today or date.today()
    targets = discover(paths)
    configs = ConfigFinder(config)
    plan_configs = [configs.for_plan(target.path) for target in targets]
    if start is not None:
        start(len(targets))
    if rules is None and run_rules and jobs > 1 and len(targets) >= PARALLEL_FROM:
        return CheckResult(_check_in_workers(targets, plan_configs, today, jobs, progress), today)
    if rules is None and run_rules:
        rules = conformity_rules(today, configs)
    reports = []
    for target in targets:
        report = check_plan(target, rules)
        reports.append(report)
        if progress is not None:
            progress(report)
    return CheckResult(reports, today)


class _OneConfig:
    def __init__(self, config: Config) -> None:
        self.config = config

    def for_plan(self, _path: Path) -> Config:
        return self.config


def _check_light(target: PlanTarget, today: date, config: Config) -> PlanReport:
    """In a worker: check one plan and send back its report without the plan itself
    (pickling a whole plan with its positions would cost more than checking it)."""
    report = check_plan(target, conformity_rules(today, _OneConfig(config)))  # type: ignore[arg-type]
    report.plan_name, report.plan = report.name, None
    return report


def _check_in_workers(
    targets: list[PlanTarget],
    plan_configs: list[Config],
    today: date,
    jobs: int,
    progress: Callable[[PlanReport], None] | None,
) -> list[PlanReport]:
    from concurrent.futures import ProcessPoolExecutor

    reports = []
    with ProcessPoolExecutor(max_workers=min(jobs, len(targets))) as pool:
        futures = [
            pool.submit(_check_light, target, today, config)
            for target, config in zip(targets, plan_configs, strict=True)
        ]
        for future in futures:
            reports.append(future.result())
            if progress is not None:
                progress(reports[-1])
    return reports


def load_checked_plan(
    path: Path,
    display: str | None = None,
    *,
    today: date | None = None,
    config: Path | None = None,
) -> PlanReport:
    """Everything `validate` checks, for one plan; `render` uses it so that a plan that does
    not validate is not rendered and shows the same problems."""
    target = PlanTarget(path, display or str(path))
    configs = ConfigFinder(config)
    configs.for_plan(path)
    return check_plan(target, conformity_rules(today or date.today(), configs))


def _has_unreadable_file(source: PlanSource) -> bool:
    return any(loaded.data is None for loaded in source.files)


def _schema_problems(source: PlanSource) -> tuple[list[Problem], set[JsonPath]]:
    """The schema and identifier problems, and the parts of the plan they are about."""
    if not source.data:
        return [], set()
    ids = collect_ids(source.data)
    problems: list[Problem] = []
    unreadable = _has_unreadable_file(source)
    errors = [
        error
        for error in schema_errors(source.data, ids)
        # A section may sit in a file that could not be read: do not call it missing.
        if not (unreadable and error.validator == "required" and not error.absolute_path)
    ]
    problems.extend(translate_errors(errors, lambda p, key: source.locate(p, key=key), ids))
    invalid = invalid_paths(errors)
    for kind, identifier, first, repeat in duplicate_ids(source.data):
        first_location = source.locate(first)
        problems.append(
            Problem(
                source.locate(repeat),
                Severity.ERROR,
                "identifiant-duplique",
                f"identifiant « {identifier} » déjà utilisé par une autre {KIND_LABELS[kind]} "
                f"({first_location})",
                format_path(repeat),
                "chaque identifiant doit être unique : renommez l'un des deux",
            )
        )
    return problems, invalid
