"""What a reviewer's folder of plans holds, for `validate`: one report per plan sent.

A regional reviewer files what each CPTS sent as it came: plan repositories, Word or
LibreOffice documents at the top of the folder or in a sub-folder per CPTS, an old `.doc`, a
scanned PDF, a sub-folder still empty because the CPTS has sent nothing. `api.check` and
`importer.check` see the plan repositories and the top-level `.docx`/`.odt`; every other
thing the reviewer put there used to be dropped without a word (no row in the table, so the
reviewer believed every CPTS had been reviewed), or read as YAML (« encodé en UTF-16 » for a
`.doc`). Here each of them becomes a report of its own: the documents of a sub-folder are
checked as documents, a `.doc` or a PDF gets the import's refusal (how to save it as
`.docx`), a sub-folder holding no plan is one error. The reports are then put in one order,
the same at every run, whatever the case or the accents of the names.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cptsplan import api
from cptsplan.findings.problems import Location, Problem, Severity

REFUSED_SUFFIXES = (
    ".doc",
    ".dot",
    ".docm",
    ".dotm",
    ".dotx",
    ".ott",
    ".rtf",
    ".pdf",
    ".pages",
    ".wps",
)
"""Documents a CPTS may send as its plan that cptsplan does not read: the import refuses
each with the way to save it as `.docx` (importer/safety.py)."""

EMPTY_FOLDER_RULE = "dossier-sans-plan"


@dataclass
class Batch:
    """`paths` for `check_with_documents`, plus what it would not see."""

    paths: list[Path] = field(default_factory=list)
    refused: list[Path] = field(default_factory=list)
    """Documents of a kind cptsplan refuses (one report each, with the refusal)."""
    documents: list[Path] = field(default_factory=list)
    """Word or LibreOffice plans inside a sub-folder of a folder of plans."""
    empty: list[Path] = field(default_factory=list)
    """Sub-folders of a folder of plans that hold no plan at all."""

    @property
    def extra(self) -> int:
        return len(self.refused) + len(self.documents) + len(self.empty)


def _is_refused(path: Path) -> bool:
    # « ~$plan.doc » is Word's lock file beside an open document, never a plan.
    return path.suffix.lower() in REFUSED_SUFFIXES and not path.name.startswith("~$")


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(child for child in folder.iterdir() if child.is_file())
    except OSError:
        return []


def _plan_folder(folder: Path) -> bool:
    from cptsplan.repository.location import may_hold_a_plan, names_a_plan

    return names_a_plan(folder) is not None or may_hold_a_plan(folder)


def expand(paths: list[Path]) -> Batch:
    """Sorts out what each path holds (a path that does not exist is left to `api.check`,
    which refuses it as a usage error)."""
    from cptsplan.importer.check import is_document

    batch = Batch()
    for path in paths:
        if path.is_file() and _is_refused(path):
            batch.refused.append(path)
            continue
        if not path.is_dir() or _plan_folder(path):
            batch.paths.append(path)
            continue
        files = _files(path)
        batch.refused.extend(f for f in files if _is_refused(f))
        has_plans = any(is_document(f) for f in files)
        for child in sorted(path.iterdir()):
            if not child.is_dir() or child.name.startswith("."):
                continue
            if _plan_folder(child):
                has_plans = True
                continue
            inner = _files(child)
            documents = [f for f in inner if is_document(f)]
            refused = [f for f in inner if _is_refused(f)]
            batch.documents.extend(documents)
            batch.refused.extend(refused)
            if not documents and not refused:
                batch.empty.append(child)
        # A folder with nothing at all is left to api.check: its usage error says so.
        if has_plans or not (batch.refused or batch.documents or batch.empty):
            batch.paths.append(path)
    return batch


def empty_folder(folder: Path) -> api.PlanReport:
    display = str(folder)
    problem = Problem(
        Location(display),
        Severity.ERROR,
        EMPTY_FOLDER_RULE,
        f"aucun plan dans le dossier « {display} » : ni fichier .yaml, ni document Word "
        "(.docx) ou LibreOffice (.odt)",
        "",
        "déposez dans ce dossier le plan reçu de la CPTS, ou retirez le dossier s'il "
        "n'attend aucun plan",
    )
    return api.PlanReport(api.PlanTarget(folder, display), [problem], schema_valid=False)


def sort_key(report: api.PlanReport) -> tuple[str, str]:
    """« CPTS Cœur… » between « cpts-c… » and « cpts-d… », as a reviewer reads a list, not
    before every lower-case name as code points would put it."""
    from cptsplan.tableau.cells import folded

    return folded(report.target.display), report.target.display


def check_batch(
    paths: list[Path],
    *,
    today: date,
    config: Path | None,
    run_rules: bool,
    start: Callable[[int], None],
    progress: Callable[[object], None],
    jobs: int,
) -> api.CheckResult:
    """Every plan of `paths`, each a report, in one stable order."""
    from cptsplan.importer.check import check_document, check_with_documents

    batch = expand(paths)
    if batch.paths:
        result = check_with_documents(
            batch.paths,
            today=today,
            config=config,
            run_rules=run_rules,
            start=lambda total: start(total + batch.extra),
            progress=progress,
            jobs=jobs,
        )
    else:
        start(batch.extra)
        result = api.CheckResult([], today)
    for document in [*batch.documents, *batch.refused]:
        report = check_document(document, today, config, run_rules)
        result.reports.append(report)
        progress(report)
    for folder in batch.empty:
        report = empty_folder(folder)
        result.reports.append(report)
        progress(report)
    for report in result.reports:
        if report.source is not None:
            point_at_document(report)
    result.reports.sort(key=sort_key)
    return result


def point_at_document(report: api.PlanReport) -> None:
    """A plan read from a Word document is checked in a temporary folder, deleted since:
    its problems pointed at « plan.docx/adapter.yaml:65:3 », a file that exists nowhere (the
    GitHub annotation, the SARIF result and the reviewer's copy-paste led nowhere), and its
    summary counted seven files. They point at the document now; the path in the plan
    (« chemin ») still says which part of it."""
    document = report.target.display
    report.problems = [
        dataclasses.replace(problem, location=Location(document)) for problem in report.problems
    ]
    # Errors first, then by their place in the plan (every line is the same now).
    report.problems.sort(key=lambda problem: (-problem.severity, problem.path, problem.rule))
    report.files = [document]
