"""Command-line interface: parse options, call the api, print through a reporter, exit.

Every `CptsplanError` is caught here, once, and turned into a French message and its exit code.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from .dates import parse_reference_date
from .errors import CptsplanError, ExitCode

EXIT_CODES_HELP = (
    "Codes de sortie : 0 = plan valide ; 1 = problèmes trouvés dans le plan ; "
    "2 = mauvaise utilisation de la commande (chemin introuvable, option inconnue) ; "
    "3 = erreur de configuration (.cptsplan.yaml, gabarit personnalisé) ; "
    "4 = échec de la production d'un document."
)

app = typer.Typer(
    name="cptsplan",
    help="Écrire, vérifier et publier le plan SSE (situations sanitaires exceptionnelles) "
    "d'une CPTS.\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def fail(error: CptsplanError) -> None:
    """Print a CptsplanError in French on stderr and exit with its code. The message may
    quote plan data or file names: controls are shown escaped (safetext.log_line)."""
    from .safetext import log_line

    typer.echo(log_line(f"erreur : {error.message}"), err=True)
    if error.hint:
        typer.echo(log_line(f"aide : {error.hint}"), err=True)
    raise typer.Exit(int(error.exit_code))


@app.command()
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Fichiers ou dossiers de plan. Un dossier contenant des fichiers .yaml est un "
            "plan ; un dossier ne contenant que des sous-dossiers est un ensemble de plans.",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="Format de sortie : text, resume (ce qui reste à faire, par thème), json, "
            "github (annotations GitHub Actions), sarif (analyse de code GitHub) ou junit "
            "(rapport de tests GitLab). Par défaut text, ou github dans GitHub Actions.",
            show_default=False,
        ),
    ] = None,
    reference_date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Date de référence des règles sur les délais (AAAA-MM-JJ ; par défaut "
            "aujourd'hui), pour des résultats reproductibles en intégration continue.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Échoue aussi sur les avertissements (code de sortie 1)."),
    ] = False,
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
            help="Nombre de processus pour vérifier de nombreux plans (0 : un par processeur).",
            min=0,
        ),
    ] = 0,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Fichier de configuration à utiliser pour tous les plans, au lieu du "
            ".cptsplan.yaml trouvé en remontant depuis chaque plan.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Vérifie un ou plusieurs plans : syntaxe YAML, schéma de la trame nationale,
    identifiants et références, puis règles de conformité (voir « cptsplan rules »).

    Codes de sortie : 0 = plan valide ; 1 = problèmes trouvés (erreur, ou avertissement avec
    --strict) ; 2 = mauvaise utilisation ; 3 = erreur de configuration.
    """
    import os

    from . import api
    from .reporters import REPORTERS, get_reporter

    if summary:
        output_format = "resume"
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if output_format not in REPORTERS:
        fail(
            _usage(
                f"format de sortie inconnu : {output_format}",
                "formats possibles : " + ", ".join(REPORTERS),
            )
        )
    try:
        today = parse_reference_date(reference_date)
        with _progress() as (start, advance):
            result = api.check(
                paths,
                today=today,
                config=config,
                run_rules=not schema_only,
                start=start,
                progress=advance,
                jobs=jobs or os.cpu_count() or 1,
            )
    except CptsplanError as error:
        fail(error)
    sys.stdout.write(get_reporter(output_format)(result))
    raise typer.Exit(int(result.exit_code(strict)))


@contextmanager
def _progress() -> Iterator[tuple[Callable[[int], None], Callable[[object], None]]]:
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


@app.command()
def schema(
    fragment: Annotated[
        bool,
        typer.Option(
            "--fragment",
            help="Schéma sans sections obligatoires, pour un fichier qui ne contient "
            "qu'une partie d'un plan découpé (par exemple annuaire.yaml).",
        ),
    ] = False,
) -> None:
    """Affiche le schéma JSON du format de plan (pour configurer un éditeur)."""
    from .schema import fragment_schema, plan_schema

    document = fragment_schema() if fragment else plan_schema()
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def _usage(message: str, hint: str | None = None) -> CptsplanError:
    from .errors import UsageError

    return UsageError(message, hint)


# Commands that live in their own modules are registered here (one line each, keep it last).
# render command (cli_render.py):
from .cli_render import render  # noqa: E402

app.command()(render)
# diff, init, rules and update commands (cli_diff.py, cli_init.py, cli_rules.py, cli_update.py):
from .cli_diff import diff  # noqa: E402  (diff command, cli_diff.py)
from .cli_init import init  # noqa: E402
from .cli_rules import rules  # noqa: E402
from .cli_update import update  # noqa: E402  (update command, cli_update.py)

app.command()(rules)
app.command()(init)
app.command()(diff)
app.command()(update)
from .cli_annuaire import annuaire  # noqa: E402  (annuaire exporter|importer, cli_annuaire.py)

app.add_typer(annuaire)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrompu", err=True)
        sys.exit(130)


__all__ = ["ExitCode", "app", "main"]
