"""`cptsplan validate` on Word and LibreOffice plans as they are (issue 18 §2).

A reviewer receives plans as documents. Each `.docx` or `.odt` given to `validate`, or found
at the top of a folder of plans (beside the plan repositories), is imported in memory into a
private temporary folder, then checked as any plan: schema, references, rules. Every
finding says that it comes from an automatic reading of a Word document, the report carries
the share of the document placed in fields (`PlanReport.source`), and the reviewer's table
shows it in its « Source » column. A document that cannot be read (a PDF, a trapped zip) is
one plan in error, never the end of the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from cptsplan import api
from cptsplan.config.repository_config import ConfigFinder
from cptsplan.errors import CptsplanError
from cptsplan.findings import records
from cptsplan.findings.problems import Location, Problem, Severity
from cptsplan.rules.settings import Config

DOCUMENT_SUFFIXES = (".docx", ".odt")
SOURCE = "lecture du document Word, à vérifier"
NOTE = " (lecture automatique du document Word, à vérifier)"


def _is_plan(folder: Path) -> bool:
    """A folder `api.check` takes as one plan: it holds YAML files, or cannot be read."""
    from cptsplan.load.source import plan_files

    try:
        return bool(plan_files(folder))
    except OSError:
        return True


def is_document(path: Path) -> bool:
    return path.suffix.lower() in DOCUMENT_SUFFIXES and not path.name.startswith("~$")


def split_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """(plan paths for api.check, documents). A folder that is itself a plan keeps its own
    files (the original .docx kept beside a repository is not a second plan); a folder of
    plans gives its top-level documents, and is dropped when it holds nothing else."""
    plans: list[Path] = []
    documents: list[Path] = []
    for path in paths:
        if path.is_file() and is_document(path):
            documents.append(path)
            continue
        if not path.is_dir() or _is_plan(path):
            plans.append(path)
            continue
        found = sorted(p for p in path.iterdir() if p.is_file() and is_document(p))
        documents.extend(found)
        has_plans = any(
            child.is_dir() and not child.name.startswith(".") and _is_plan(child)
            for child in path.iterdir()
        )
        if has_plans or not found:
            plans.append(path)
    return plans, documents


class _ConfigOf:
    """The configuration of the document's own folder, not of the temporary one."""

    def __init__(self, finder: ConfigFinder, document: Path) -> None:
        self.finder, self.document = finder, document

    def for_plan(self, _path: Path) -> Config:
        return self.finder.for_plan(self.document)


def check_document(
    document: Path, today: date, config: Path | None = None, run_rules: bool = True
) -> api.PlanReport:
    import tempfile  # (with random, hashlib, bisect) only for a document: not on every validate

    from cptsplan.importer.build import import_document

    display = str(document)
    target = api.PlanTarget(document, display)
    try:
        imported = import_document(document)
    except CptsplanError as error:
        problem = Problem(
            Location(display),
            Severity.ERROR,
            "document-illisible",
            error.message,
            "",
            error.hint,
        )
        return api.PlanReport(target, [problem], schema_valid=False, source=SOURCE)
    finder = ConfigFinder(config)
    rules = api.conformity_rules(today, _ConfigOf(finder, document)) if run_rules else None  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory(prefix="cptsplan-lecture-") as folder:
        plan = Path(folder) / "plan"
        plan.mkdir()
        for relative, text in imported.plan.items():
            (Path(folder) / relative).write_text(text, encoding="utf-8")
        report = api.check_plan(api.PlanTarget(plan, display), rules)
    report.target = target
    report.drop_plan()
    report.problems = [
        records.replace(problem, message=problem.message + NOTE) for problem in report.problems
    ]
    share = imported.summary.placed_share
    report.source = f"{SOURCE} ({share:.0%} du texte rangé dans les champs du plan)".replace(
        "%", " %"
    )
    plan_config = finder.for_plan(document)
    report.blocking = plan_config.blocking
    return report


def check_with_documents(
    paths: list[Path],
    *,
    today: date | None,
    config: Path | None,
    run_rules: bool,
    start: Callable[[int], None] | None,
    progress: Callable[[api.PlanReport], None] | None,
    jobs: int,
) -> api.CheckResult:
    plans, documents = split_paths(paths)
    today = today or date.today()

    def started(count: int) -> None:
        if start is not None:
            start(count + len(documents))

    if plans:
        result = api.check(
            plans,
            today=today,
            config=config,
            run_rules=run_rules,
            start=started,
            progress=progress,
            jobs=jobs,
        )
    else:
        started(0)
        result = api.CheckResult([], today)
    for document in documents:
        report = check_document(document, today, config, run_rules)
        result.reports.append(report)
        if progress is not None:
            progress(report)
    return result
