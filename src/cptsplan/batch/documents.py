"""The Word and LibreOffice plans of a reviewer's folder, checked in worker processes.

Reading a document costs some 0.2 to 0.3 s, ten to twenty times a YAML plan: a region of 30
Word plans spent 90 % of its run on them, one after the other, while `--jobs` only spread
the YAML plans. They are spread too now. A document that trips cptsplan itself is that
plan's error (« erreur-interne »), never the end of the batch, in a worker as here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from cptsplan import api
from cptsplan.findings.problems import Location, Problem, Severity


def check_safely(
    document: Path, today: date, config: Path | None, run_rules: bool
) -> api.PlanReport:
    from cptsplan.importer.check import SOURCE, check_document

    try:
        return check_document(document, today, config, run_rules)
    except Exception as error:  # any bug: reported in French, never raised
        return crashed(document, error, SOURCE)


def crashed(document: Path, error: BaseException, source: str) -> api.PlanReport:
    detail = f"{type(error).__name__}: {error}"[:300]
    display = str(document)
    problem = Problem(
        Location(display),
        Severity.ERROR,
        "erreur-interne",
        f"la lecture de ce document s'est arrêtée sur une erreur de cptsplan ({detail})",
        "",
        "les autres plans ont été vérifiés ; signalez cette erreur avec le document qui la "
        "provoque (sans ses données personnelles)",
    )
    target = api.PlanTarget(document, display)
    return api.PlanReport(target, [problem], schema_valid=False, source=source)


def check_documents(
    documents: list[Path],
    *,
    today: date,
    config: Path | None,
    run_rules: bool,
    jobs: int,
    progress: Callable[[object], None],
) -> list[api.PlanReport]:
    """One report per document, in the order given."""
    if jobs <= 1 or len(documents) <= 1:
        reports = []
        for document in documents:
            reports.append(check_safely(document, today, config, run_rules))
            progress(reports[-1])
        return reports
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from cptsplan.importer.check import SOURCE

    reports = []
    with ProcessPoolExecutor(max_workers=min(jobs, len(documents))) as pool:
        futures = [
            pool.submit(check_safely, document, today, config, run_rules) for document in documents
        ]
        for document, future in zip(documents, futures, strict=True):
            try:
                report = future.result()
            except BrokenProcessPool:  # a worker died: the rest are read one by one
                report = _alone(document, today, config, run_rules)
            except Exception as error:  # the report could not come back
                report = crashed(document, error, SOURCE)
            reports.append(report)
            progress(report)
    return reports


def _alone(document: Path, today: date, config: Path | None, run_rules: bool) -> api.PlanReport:
    """A document read in a worker of its own, after a worker died: the one document that
    kills its reader is that plan's row, not the end of the reviewer's whole batch (read in
    this process, it would have taken the batch down with it)."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from cptsplan.importer.check import SOURCE

    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(check_safely, document, today, config, run_rules).result()
        except BrokenProcessPool as error:
            return crashed(document, error, SOURCE)
