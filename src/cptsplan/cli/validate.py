"""`cptsplan validate PATHS...`: check plans (the core is cptsplan.api.check)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from cptsplan.cli.common import ReferenceDate, exit_on_error, interrupted_exit, usage
from cptsplan.messages.dates import parse_reference_date


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="CHEMIN...",
            help="Fichiers ou dossiers de plan. Un dossier contenant des fichiers .yaml est un "
            "plan ; un autre dossier est un ensemble de plans : chacun de ses sous-dossiers, "
            "documents Word ou LibreOffice et fichiers non lus (.doc, .pdf) est un plan. "
            "Sans chemin : le dossier « plan: » de .cptsplan.yaml, sinon plan/ s'il existe, "
            "sinon le dossier courant.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="Format de sortie : text, resume (ce qui reste à faire, par thème), json, "
            "github (annotations GitHub Actions), sarif (analyse de code GitHub) ou junit "
            "(rapport de tests GitLab). Par défaut text, ou github dans GitHub Actions.",
            show_default=False,
        ),
    ] = None,
    reference_date: ReferenceDate = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Échoue aussi sur les avertissements (code de sortie 1)."),
    ] = False,
    blocking: Annotated[
        str | None,
        typer.Option(
            "--bloquant",
            metavar="NIVEAU",
            help="Ce qui fait échouer la vérification : structure (syntaxe YAML, schéma, "
            "références : pour un brouillon), erreurs (par défaut) ou tout (comme --strict). "
            "Si .cptsplan.yaml demande plus (bloquant:, strict:), c'est lui qui s'applique.",
            show_default=False,
        ),
    ] = None,
    schema_only: Annotated[
        bool,
        typer.Option(
            "--schema-seulement",
            help="Ne vérifie que la syntaxe, le schéma et les références, sans les règles de "
            "conformité (pour un brouillon).",
        ),
    ] = False,
    summary: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Ce qui reste à faire, regroupé par thème du plan et par fichier, une ligne "
            "par point (même chose que --format resume).",
        ),
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            help="Nombre de processus pour vérifier de nombreux plans (0 : un par processeur).",
            min=0,
        ),
    ] = 0,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="FICHIER",
            help="Fichier de configuration à utiliser pour tous les plans, au lieu du "
            ".cptsplan.yaml trouvé en remontant depuis chaque plan.",
            show_default=False,
        ),
    ] = None,
    table_path: Annotated[
        Path | None,
        typer.Option(
            "--tableau",
            metavar="FICHIER",
            help="Écrit aussi un tableau de relecture, une ligne par plan et une colonne par "
            "point de la grille de conformité (FICHIER.xlsx, FICHIER.csv ou FICHIER.html).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Vérifie un ou plusieurs plans : syntaxe YAML, schéma de la trame nationale,
    identifiants et références, puis règles de conformité (voir « cptsplan rules »).

    Un plan Word (.docx) ou LibreOffice (.odt), donné ou trouvé dans un dossier de plans, est
    lu automatiquement puis vérifié comme un plan : chaque problème le signale (lecture du
    document Word, à vérifier).

    Codes de sortie : 0 = plan valide ; 1 = problèmes trouvés (erreur, ou avertissement avec
    --strict) ; 2 = mauvaise utilisation ; 3 = erreur de configuration ; 4 = le tableau de
    relecture n'a pas pu être écrit.
    """
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
    raise typer.Exit(int(result.exit_code(strict, level)))


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
