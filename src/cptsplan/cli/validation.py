"""What `cptsplan validate` does once its command line is read: check the plans, give each its
verdict, write the reviewer's table if asked, print the report, exit with the verdict's code.

Nothing here imports typer: validate.py (typer's reading of the command line) and quick.py
(the same reading, without the framework, for the plain command lines a hook or CI runs)
both call validate_plans.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from cptsplan.cli.common import exit_on_error, interrupted_exit, usage
from cptsplan.messages.dates import parse_reference_date


def validate_plans(
    paths: list[Path] | None,
    *,
    output_format: str | None,
    reference_date: str | None,
    strict: bool,
    blocking: str | None,
    schema_only: bool,
    summary: bool,
    jobs: int,
    config: Path | None,
    table_path: Path | None,
) -> NoReturn:
    """`cptsplan validate` with its options read (their meaning: validate.py's help)."""
    from cptsplan import api
    from cptsplan.reporters import REPORTERS, get_reporter

    if summary:
        output_format = "resume"
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if output_format not in REPORTERS:
        usage(
            f"format de sortie inconnu : {output_format}",
            "formats possibles : " + ", ".join(REPORTERS),
        )
    from cptsplan.findings.blocking import NAMES, Blocking

    try:
        level = Blocking.parse(blocking) if blocking is not None else None
    except ValueError:
        usage(
            f"valeur inconnue pour --bloquant : {blocking}",
            "valeurs possibles : " + ", ".join(NAMES),
        )
    with exit_on_error():
        if table_path is not None:
            from cptsplan.tableau.table import check_table_path

            check_table_path(table_path)
        today = parse_reference_date(reference_date)
        from cptsplan.batch.collect import check_batch

        with progress_bar() as (start, advance):
            result = check_batch(
                paths or api.default_paths(),
                today=today,
                config=config,
                run_rules=not schema_only,
                start=start,
                progress=advance,
                jobs=_workers(jobs),
            )
        from cptsplan.checked.verdict import resolve

        # The table, JSON and the exit code then give each plan the same verdict.
        resolve(result, strict, level)
        if table_path is not None:
            from cptsplan.tableau.table import write_table

            # SIGTERM too: the table's temporary copy beside it is removed.
            with interrupted_exit("interrompu : le tableau n'est pas à moitié écrit"):
                write_table(result, table_path)
    from cptsplan.cli.console import write_report

    write_report(get_reporter(output_format)(result), output_format)
    raise SystemExit(int(result.exit_code(strict, level)))


@contextmanager
def progress_bar() -> Iterator[tuple[Callable[[int], None], Callable[[object], None]]]:
    """A progress bar on stderr, only on a terminal and for several plans (rich is imported
    only then: it costs start-up time)."""
    state: dict[str, Any] = {}

    def start(total: int) -> None:
        if total < 2 or not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import Progress

        bar = Progress(console=Console(stderr=True), transient=True)
        bar.start()
        state["bar"], state["task"] = bar, bar.add_task("Vérification des plans", total=total)

    def advance(_report: object) -> None:
        if "bar" in state:
            state["bar"].advance(state["task"])

    try:
        yield start, advance
    finally:
        if "bar" in state:
            state["bar"].stop()


WINDOWS_MAX_WORKERS = 61
"""The most processes ProcessPoolExecutor accepts on Windows (its WaitForMultipleObjects
limit): more raised ValueError, a traceback, for `--jobs 64` or a machine of 64 cores."""


def _workers(jobs: int) -> int:
    wanted = jobs or os.cpu_count() or 1
    return min(wanted, WINDOWS_MAX_WORKERS) if sys.platform == "win32" else wanted
