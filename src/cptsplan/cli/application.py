"""The `cptsplan` application: the command list, and the entry point.

Each command lives in its own module of this package (validate.py, render.py...), and reads,
checks and prints through the core modules of cptsplan; the options several commands share
and the error-to-exit-code edge are in common.py. This module only assembles them.
"""

from __future__ import annotations

import sys

import typer

from .diff import diff
from .french import FrenchCommand, FrenchGroup
from .init import init
from .render import render
from .rules import rules
from .schema import schema
from .update import update
from .validate import validate

EXIT_CODES_HELP = (
    "Codes de sortie : 0 = plan valide ; 1 = problèmes trouvés dans le plan ; "
    "2 = mauvaise utilisation de la commande (chemin introuvable, option inconnue) ; "
    "3 = erreur de configuration (.cptsplan.yaml, gabarit personnalisé) ; "
    "4 = échec de la production d'un document."
)

FRENCH_NAMES_HELP = (
    "Les commandes se tapent aussi en français : valider (validate), produire (render), "
    "regles (rules), initialiser (init), comparer (diff), mettre-a-jour (update)."
)

app = typer.Typer(
    name="cptsplan",
    help="Écrire, vérifier et publier le plan SSE (situations sanitaires exceptionnelles) "
    "d'une CPTS.\n\n" + EXIT_CODES_HELP + "\n\n" + FRENCH_NAMES_HELP,
    cls=FrenchGroup,
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# The order here is the order of `cptsplan --help`.
for command in (validate, schema, render, rules, init, diff, update):
    app.command(cls=FrenchCommand)(command)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrompu", err=True)
        sys.exit(130)
