"""Orchestration without printing: find plans, check them, return values for reporters."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from cptsplan.checked.reports import CheckResult as CheckResult
from cptsplan.checked.reports import PlanReport as PlanReport
from cptsplan.checked.reports import PlanTarget as PlanTarget
from cptsplan.checked.reports import RuleRunner as RuleRunner
from cptsplan.config.repository_config import ConfigFinder
from cptsplan.errors import UsageError
from cptsplan.findings.problems import Location, Problem, Severity
from cptsplan.load.source import load_plan
from cptsplan.model import Plan, build_plan
from cptsplan.repository.location import (
    configured_plan,
    locate_plan,
    may_hold_a_plan,
    names_a_plan,
)
from cptsplan.rules.settings import Config
from cptsplan.schema.placeholders import ToComplete
from cptsplan.schema_check.format_check import format_problems, has_unreadable_file
from cptsplan.schema_check.partial import set_aside


def discover(paths: Iterable[Path]) -> list[PlanTarget]:
    """A file is a plan; a repository folder is the plan it names (locate_plan: its
    `.cptsplan.yaml`'s `plan:`, else its `plan/`); a folder holding YAML files is a plan; a
    folder holding only sub-folders is a collection of plans (one per CPTS)."""
    targets: list[PlanTarget] = []
    for path in paths:
        display = str(path)
        if not path.exists():
            raise UsageError(f"chemin introuvable : {display}")
        if not path.is_dir():  # a file; a FIFO or a device is refused by load_plan
            targets.append(PlanTarget(path, display))
            continue
        inner = names_a_plan(path)  # a repository folder: the plan it names, as every command
        if inner is not None:
            targets.append(PlanTarget(inner, str(inner)))
            continue
        if may_hold_a_plan(path):  # unreadable: check_plan reports it
            targets.append(PlanTarget(path, display))
            continue
        children = []
        for child in sorted(path.iterdir()):
            if not child.is_dir() or child.name.startswith("."):
                continue
            inner = names_a_plan(child)  # a collection of repositories made by `init`
            if inner is not None:
                children.append(inner)
            elif may_hold_a_plan(child):
                children.append(child)
        if not children:
            raise UsageError(
                f"aucun plan dans le dossier {display} : ni .cptsplan.yaml qui nomme le dossier "
                "du plan, ni dossier plan/, ni fichier .yaml, ni sous-dossier contenant un plan"
            )
        targets.extend(PlanTarget(child, str(child)) for child in children)
    return targets


def _unreadable_folder(target: PlanTarget, error: OSError) -> PlanReport:
    reason = "permission refusée" if isinstance(error, PermissionError) else "erreur système"
    problem = Problem(
        Location(target.display),
        Severity.ERROR,
        "dossier-illisible",
        f"le dossier « {target.display} » ne peut pas être lu ({reason})",
        "",
        "vérifiez que ce dossier et ses fichiers sont lisibles par l'utilisateur qui lance "
        "cptsplan (droits d'accès)",
    )
    return PlanReport(target, [problem], schema_valid=False)


def check_plan(target: PlanTarget, rules: RuleRunner | None = None) -> PlanReport:
    """Syntax, then schema and references, then the rules. On a plan with schema errors the
    rules run on the parts that passed (partial.py), so that one error does not hide the
    rest; on a plan with an unreadable file they do not run at all: its sections are
    unknown, and every rule about them would report a false absence."""
    try:
        source = load_plan(target.path, target.display)
    except OSError as error:  # a folder that cannot be listed (files report their own)
        return _unreadable_folder(target, error)
    checked = format_problems(source)
    kept = [problem for problem in source.problems if problem not in checked.superseded]
    report = PlanReport(target, kept, files=[f.display for f in source.files])
    invalid = checked.invalid
    report.problems.extend(checked.problems)
    # Warnings from reading (a comment cutting a value short...) do not stop the render.
    report.schema_valid = not any(p.severity == Severity.ERROR for p in report.problems)
    if not has_unreadable_file(source) and source.data and checked.complete:
        if invalid:
            data = set_aside(source.data, invalid)
            report.plan = build_plan(source, data, frozenset(invalid))
        else:
            report.plan = build_plan(source)
        _keep_document(report, report.plan)
        if rules is not None:
            rules(report.plan, report)
    report.problems.sort(key=lambda problem: problem.sort_key)
    return report


def _keep_document(report: PlanReport, plan: Plan) -> None:
    version = plan.section("document", "version")
    report.version = version if isinstance(version, ToComplete) or version is None else str(version)
    report.status = plan.status
    updated = plan.last_update
    report.last_update = updated if isinstance(updated, date | ToComplete) else None


def conformity_rules(today: date, configs: ConfigFinder) -> RuleRunner:
    """The rule catalogue as a `RuleRunner`, with each plan's own configuration."""

    def run(plan: Plan, report: PlanReport) -> None:
        from cptsplan.rules import completeness, grid_from_findings, run_rules
        from cptsplan.rules.rappels import next_update

        config = configs.for_plan(report.target.path)
        outcome = run_rules(plan, today, config)
        _drop_said_again(report, outcome.problems)
        report.problems.extend(outcome.problems)
        report.grid = grid_from_findings(plan, outcome.findings)
        report.completeness = completeness(report.grid)
        report.strict = config.strict
        report.next_update = next_update(plan)

    return run


def _drop_said_again(report: PlanReport, findings: list[Problem]) -> None:
    """One message per cause: a phone number in curly quotes (“06 …”) is an error of its rule,
    which names the quotes and gives the fix; the reading's warning on the same value
    (`yaml-guillemets-courbes`) only said it again."""
    quoted = {str(p.location) for p in findings if "entouré de guillemets" in p.message}
    if quoted:
        report.problems[:] = [
            p
            for p in report.problems
            if not (p.rule == "yaml-guillemets-courbes" and str(p.location) in quoted)
        ]


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
    YAML with positions is CPU-bound). Reports come back without `plan` either way (see
    `load_checked_plan` for one plan with its model).
    """
    today = today or date.today()
    targets = discover(paths)
    configs = ConfigFinder(config)
    plan_configs = [configs.for_plan(target.path) for target in targets]
    if start is not None:
        start(len(targets))
    if rules is None and run_rules and jobs > 1 and len(targets) >= PARALLEL_FROM:
        return CheckResult(_check_in_workers(targets, plan_configs, today, jobs, progress), today)
    ours = rules is None and run_rules
    reports = []
    with fewer_collections():
        for target, plan_config in zip(targets, plan_configs, strict=True):
            # The configuration found above: not looked for again by the rules.
            runner = conformity_rules(today, _OneConfig(plan_config)) if ours else rules  # type: ignore[arg-type]
            reports.append(_check_one(target, plan_config, runner, progress))
    return CheckResult(reports, today)


def _check_one(
    target: PlanTarget,
    plan_config: Config,
    rules: RuleRunner | None,
    progress: Callable[[PlanReport], None] | None,
) -> PlanReport:
    report = _check_safely(target, rules)
    report.configuration = _shown(plan_config)
    report.blocking = plan_config.blocking
    if progress is not None:
        progress(report)
    # As in a worker: the plan (data, positions of every value) is dropped once reported.
    # Kept, 200 plans held 356 MiB and the garbage collector took a quarter of the time
    # walking them; dropped, the run stays at about 30 MiB.
    report.drop_plan()
    return report


COLLECT_EVERY = 50_000
"""Allocations between two young collections while plans are checked: the rate the
`cptsplan` command sets for its whole life (cli.COLLECT_EVERY, above this layer)."""


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Reading one plan allocates some 100,000 objects, all freed once it is reported: the
    default collection every 700 allocations walked them again and again (about 10 % of a
    batch). Collections are rarer while plans are checked, then as before."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], COLLECT_EVERY), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


class _OneConfig:
    def __init__(self, config: Config) -> None:
        self.config = config

    def for_plan(self, _path: Path) -> Config:
        return self.config


def _check_light(target: PlanTarget, today: date, config: Config) -> PlanReport:
    """In a worker: check one plan and send back its report without the plan itself
    (pickling a whole plan with its positions would cost more than checking it)."""
    report = _check_safely(target, conformity_rules(today, _OneConfig(config)))  # type: ignore[arg-type]
    report.drop_plan()
    report.configuration = _shown(config)
    report.blocking = config.blocking
    return report


def _start_worker() -> None:
    """A worker only checks plans: rarer collections for its whole life (see above)."""
    young, *older = gc.get_threshold()
    gc.set_threshold(max(young, COLLECT_EVERY), *older)


def _shown(config: Config) -> str | None:
    return str(config.path) if config.path is not None else None


def _check_safely(target: PlanTarget, rules: RuleRunner | None) -> PlanReport:
    """`check_plan`, with a failure of the tool itself turned into this plan's error: one
    plan that trips a bug must not take the report of every other plan down with it."""
    try:
        return check_plan(target, rules)
    except Exception as error:  # any bug: reported in French, never raised
        return _crashed(target, error)


def _crashed(target: PlanTarget, error: BaseException) -> PlanReport:
    detail = f"{type(error).__name__}: {error}"[:300]
    problem = Problem(
        Location(target.display),
        Severity.ERROR,
        "erreur-interne",
        f"la vérification de ce plan s'est arrêtée sur une erreur de cptsplan ({detail})",
        "",
        "les autres plans ont été vérifiés ; signalez cette erreur avec le plan qui la "
        "provoque (sans ses données personnelles)",
    )
    return PlanReport(target, [problem], schema_valid=False)


def _check_in_workers(
    targets: list[PlanTarget],
    plan_configs: list[Config],
    today: date,
    jobs: int,
    progress: Callable[[PlanReport], None] | None,
) -> list[PlanReport]:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    reports = []
    workers = min(jobs, len(targets))
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker) as pool:
        futures = [
            pool.submit(_check_light, target, today, config)
            for target, config in zip(targets, plan_configs, strict=True)
        ]
        for target, config, future in zip(targets, plan_configs, futures, strict=True):
            try:
                report = future.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory): the plans it had not done are
                # checked here, each one on its own.
                report = _check_light(target, today, config)
            except Exception as error:  # the report could not come back
                report = _crashed(target, error)
                report.configuration = _shown(config)
            reports.append(report)
            if progress is not None:
                progress(report)
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
    plan_config = configs.for_plan(path)
    report = check_plan(target, conformity_rules(today or date.today(), configs))
    report.configuration = _shown(plan_config)
    return report


def default_paths(folder: Path | None = None) -> list[Path]:
    """What `validate` checks when given no path (the pre-commit hook runs it so, from the
    repository root or below): the `plan:` folder of the `.cptsplan.yaml` found from
    `folder` upwards, else what `folder` names as every command reads it (locate_plan:
    `plan/` when it holds YAML files, else `folder` itself). The repository root is a plan
    only when nothing else is: its other YAML files (mkdocs.yml, CI files) are not plan
    sections."""
    folder = folder or Path(".")
    configured = configured_plan(folder, upward=True)
    if configured is not None:
        return [configured]
    try:
        return [locate_plan(folder).plan]
    except UsageError:  # no plan here: `discover` says so, with the collection case
        return [folder]
