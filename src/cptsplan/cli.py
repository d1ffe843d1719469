"""Command-line interface: parse options, call the api, print through a reporter, exit.

Every `CptsplanError` is caught here, once, and turned into a French message and its exit code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

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
    """Print a CptsplanError in French on stderr and exit with its code."""
    typer.echo(f"erreur : {error.message}", err=True)
    if error.hint:
        typer.echo(f"aide : {error.hint}", err=True)
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
        str, typer.Option("--format", "-f", help="Format de sortie : text ou json.")
    ] = "text",
) -> None:
    """Vérifie un ou plusieurs plans : syntaxe YAML, conformité au schéma de la trame
    nationale, identifiants et références.

    Codes de sortie : 0 = plan valide ; 1 = problèmes trouvés ; 2 = mauvaise utilisation ;
    3 = erreur de configuration.
    """
    from . import api
    from .reporters import REPORTERS, get_reporter

    if output_format not in REPORTERS:
        fail(
            _usage(
                f"format de sortie inconnu : {output_format}",
                "formats possibles : " + ", ".join(REPORTERS),
            )
        )
    try:
        result = api.check(paths)
    except CptsplanError as error:
        fail(error)
    sys.stdout.write(get_reporter(output_format)(result))
    raise typer.Exit(int(result.exit_code()))


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
# rules and init commands (cli_rules.py, cli_init.py):


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrompu", err=True)
        sys.exit(130)


__all__ = ["ExitCode", "app", "main"]
