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

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from cptsplan import api
from cptsplan.batch.rows import (
    MAX_DEPTH,
    archive,
    empty_folder,
    entries,
    link_not_followed,
    unconfigured,
)
from cptsplan.errors import ConfigurationError, CptsplanError
from cptsplan.findings import records
from cptsplan.findings.problems import Location

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

ARCHIVE_SUFFIXES = (".zip", ".7z", ".rar", ".tar", ".gz", ".tgz")
"""A plan received as an archive (a repository or a document sent zipped): cptsplan does not
open archives (a zip bomb, paths leaving the folder); the reviewer unpacks it."""


class Batch:
    """`paths` for `check_with_documents`, plus what it would not see:

    - `refused`: documents of a kind cptsplan refuses (one report each, with the refusal);
    - `documents`: Word or LibreOffice plans inside a sub-folder of a folder of plans;
    - `empty`: sub-folders of a folder of plans that hold no plan at all;
    - `links`: symbolic links leaving the folder of plans, or leading nowhere: not followed;
    - `collected`: what was found inside a folder of plans (not named on the command line);
    - `archives`: archives, listed and not opened;
    - `unconfigured`: plans of a folder of plans whose `.cptsplan.yaml` does not load.

    A plain class (one per run, never compared): no dataclass to build when `validate`
    starts (issue 20).
    """

    __slots__ = (
        "archives",
        "collected",
        "documents",
        "empty",
        "links",
        "paths",
        "refused",
        "unconfigured",
    )

    def __init__(self) -> None:
        self.paths: list[Path] = []
        self.refused: list[Path] = []
        self.documents: list[Path] = []
        self.empty: list[Path] = []
        self.links: list[Path] = []
        self.collected: set[Path] = set()
        self.archives: list[Path] = []
        self.unconfigured: list[tuple[Path, CptsplanError]] = []

    @property
    def extra(self) -> int:
        """The rows `check_with_documents` does not make: the progress bar's total adds them."""
        lists = (self.refused, self.documents, self.empty, self.links, self.archives)
        return sum(map(len, lists)) + len(self.unconfigured)


def _is_archive(path: Path) -> bool:
    return path.suffix.lower() in ARCHIVE_SUFFIXES


def _is_refused(path: Path) -> bool:
    # « ~$plan.doc » is Word's lock file beside an open document, never a plan.
    return path.suffix.lower() in REFUSED_SUFFIXES and not path.name.startswith("~$")


def _outside(entry: Path, root: Path) -> bool:
    """A symbolic link that leaves the folder of plans, or leads nowhere (a loop, a target
    removed): a folder received from someone else must never make cptsplan read elsewhere.
    Every entry is resolved, not only symbolic links: a Windows junction (`mklink /J`) is no
    symlink for Python 3.11 (`is_junction` comes with 3.12), but `resolve` follows it."""
    if not entry.is_symlink() and sys.platform != "win32":
        return False  # elsewhere only a link leads out; no resolve per entry
    try:
        return not entry.resolve(strict=True).is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return True


def _plan_folder(folder: Path) -> bool:
    from cptsplan.repository.location import may_hold_a_plan, names_a_plan

    return names_a_plan(folder) is not None or may_hold_a_plan(folder)


def expand(paths: list[Path]) -> Batch:
    """Sorts out what each path holds (a path that does not exist is left to `api.check`,
    which refuses it as a usage error). A folder of plans is listed here, entry by entry,
    rather than by `api.check` and `importer.check`, which each saw a part of it."""
    from cptsplan.importer.check import is_document

    batch = Batch()
    for path in paths:
        if path.is_file() and _is_refused(path):
            batch.refused.append(path)
        elif path.is_file() and is_document(path):
            batch.documents.append(path)
        elif not path.is_dir() or _plan_folder(path):
            batch.paths.append(path)
        elif not _collection(path, batch):
            batch.paths.append(path)  # nothing at all: api.check's usage error says so
    # `validate plans/cpts-a plans` named cpts-a twice: it was two rows of the same plan.
    batch.paths = _once(batch.paths)
    batch.refused = _once(batch.refused)
    batch.documents = _once(batch.documents)
    batch.empty = _once(batch.empty)
    batch.links = _once(batch.links)
    batch.archives = _once(batch.archives)
    return batch


def _once(paths: list[Path]) -> list[Path]:
    seen: set[Path] = set()
    kept = []
    for path in paths:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):
            key = path.absolute()
        if key not in seen:
            seen.add(key)
            kept.append(path)
    return kept


def _collection(folder: Path, batch: Batch, root: Path | None = None, depth: int = 0) -> bool:
    """Adds what the folder of plans `folder` holds to `batch`; False when it holds nothing.
    `root`: the folder the reviewer named, which no link may leave."""
    root = root or folder
    found = False
    for entry in entries(folder):
        if entry.name.startswith("."):
            continue
        batch.collected.add(entry)
        if _outside(entry, root):
            batch.links.append(entry)
        elif entry.is_dir():
            try:
                is_plan = _plan_folder(entry)  # reads the `plan:` of its .cptsplan.yaml
            except ConfigurationError as error:
                batch.unconfigured.append((entry, error))
            else:
                _add_folder(entry, is_plan, batch, root, depth)
        elif not _sort_file(entry, batch):
            continue
        found = True
    return found


def _sort_file(entry: Path, batch: Batch) -> bool:
    """Puts a file into the list of its kind; False when it is none of them (a note, a
    spreadsheet: not a plan, no row)."""
    from cptsplan.importer.check import is_document

    if not entry.is_file():
        return False
    if is_document(entry):
        batch.documents.append(entry)
    elif _is_refused(entry):
        batch.refused.append(entry)
    elif _is_archive(entry):
        batch.archives.append(entry)
    else:
        return False
    return True


def _add_folder(folder: Path, is_plan: bool, batch: Batch, root: Path, depth: int) -> None:
    if is_plan:
        batch.paths.append(folder)
    # The documents a CPTS sent in its own folder, or a department's folder of plans inside
    # the region's; else a folder with no plan (a row says so).
    elif depth >= MAX_DEPTH:
        _deepest_folder(folder, root, batch)
    elif not _collection(folder, batch, root, depth + 1):
        batch.empty.append(folder)


def _deepest_folder(folder: Path, root: Path, batch: Batch) -> None:
    """A folder at MAX_DEPTH: its files are read, not its sub-folders (see `empty_folder`)."""
    found = False
    for entry in entries(folder):
        if entry.name.startswith("."):
            continue
        if _outside(entry, root):  # a row says it, as at every other depth
            batch.collected.add(entry)
            batch.links.append(entry)
            found = True
        elif _sort_file(entry, batch):
            batch.collected.add(entry)
            found = True
    if not found:
        batch.empty.append(folder)


def screen_configurations(batch: Batch, config: Path | None) -> list[api.PlanReport]:
    """A CPTS's own `.cptsplan.yaml` that does not load made the whole region fail (exit 3,
    no table): for a plan found in a folder of plans, its own configuration (inside its
    folder) is that plan's error now. The configuration of the folder named on the command
    line, or above it (the reviewer's, the coordinator's repository), or `--config`, still
    stops the run (exit 3) before any output."""
    from cptsplan.config.repository_config import ConfigFinder

    if config is None:
        load = ConfigFinder().for_plan
        batch.paths = _configured(batch.paths, batch, load)
        batch.documents = _configured(batch.documents, batch, load)
    return [unconfigured(path, error) for path, error in batch.unconfigured]


def _configured(paths: list[Path], batch: Batch, load: Callable[[Path], object]) -> list[Path]:
    """`paths` whose own configuration loads; the others go to `batch.unconfigured`."""
    from cptsplan.config.repository_config import find_config
    from cptsplan.repository.location import names_a_plan

    kept = []
    for path in paths:
        try:
            if path in batch.collected:
                load((names_a_plan(path) if path.is_dir() else None) or path)
        except ConfigurationError as error:
            found = find_config(path if path.is_dir() else path.parent)
            if found is None or not found.parent.is_relative_to(path):
                raise  # not the CPTS's own: every plan below it would fail alike
            batch.unconfigured.append((path, error))
            continue
        kept.append(path)
    return kept


def sort_key(report: api.PlanReport) -> tuple[str, str]:
    """« CPTS Cœur… » between « cpts-c… » and « cpts-d… », as a reviewer reads a list, not
    before every lower-case name as code points would put it."""
    from cptsplan.tableau.cells import folded

    return folded(report.target.display), report.target.display


def check_batch(
    paths: list[Path],
    *,
    today: date | None,
    config: Path | None,
    run_rules: bool,
    start: Callable[[int], None],
    progress: Callable[[object], None],
    jobs: int,
) -> api.CheckResult:
    """Every plan of `paths`, each a report, in one stable order."""
    from cptsplan.batch.documents import check_documents
    from cptsplan.importer.check import check_with_documents

    today = today or date.today()  # not given: every plan is judged on the same day
    batch = expand(paths)
    unconfigured = screen_configurations(batch, config)
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
    result.reports += check_documents(
        [*batch.documents, *batch.refused],
        today=today,
        config=config,
        run_rules=run_rules,
        jobs=jobs,
        progress=progress,
    )
    others = [
        *map(empty_folder, batch.empty),
        *map(link_not_followed, batch.links),
        *map(archive, batch.archives),
    ]
    for report in [*unconfigured, *others]:
        result.reports.append(report)
        progress(report)
    for report in result.reports:
        if report.source is not None:
            point_at_document(report)
    if len(result.reports) > 1:  # one plan (the common run) needs no order, nor its import
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
        records.replace(problem, location=Location(document)) for problem in report.problems
    ]
    # Errors first, then by their place in the plan (every line is the same now).
    report.problems.sort(key=lambda problem: (-problem.severity, problem.path, problem.rule))
    report.files = [document]
