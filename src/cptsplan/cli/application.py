"""The `cptsplan` application: the command list, and the entry point.

Each command lives in its own module of this package (validate.py, render.py...), named after
it, and reads, checks and prints through the core modules of cptsplan; the options several
commands share are in options.py, the error-to-exit-code edge in common.py. A command's module is
imported only when the command runs (lazy.py): to add a command, write cli/NAME.py with a
function NAME, and add NAME and its one-line summary to COMMANDS.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, NoReturn

import typer

from cptsplan.cli.lazy import LazyGroup

COMMANDS = {
    "validate": "Vérifie des plans : syntaxe, schéma, références, règles.",
    "schema": "Affiche le schéma JSON du format de plan (pour un éditeur).",
    "render": "Produit les documents du plan (DOCX, PDF, HTML, Markdown).",
    "rules": "Liste les règles de conformité, ou en explique une.",
    "init": "Crée un dépôt de plan SSE prêt à remplir.",
    "diff": "Montre ce qui a changé entre deux versions d'un plan.",
    "update": "Commence la version suivante du plan.",
    "annuaire": "Exporte l'annuaire (vCard, CSV) ou importe un CSV.",
    "import": "Importe un plan Word ou LibreOffice dans un nouveau dépôt de plan.",
    "preview": "Aperçu en direct : le PDF réécrit à chaque enregistrement du plan.",
}
"""In the order of `cptsplan --help`."""

EXIT_CODES_HELP = (
    "Codes de sortie : 0 = plan valide ; 1 = problèmes trouvés dans le plan ; "
    "2 = mauvaise utilisation de la commande (chemin introuvable, option inconnue) ; "
    "3 = erreur de configuration (.cptsplan.yaml, gabarit personnalisé) ; "
    "4 = échec de la production d'un document ; 5 = erreur interne de cptsplan (à signaler)."
)
FRENCH_NAMES_HELP = (
    "Les commandes se tapent aussi en français : valider (validate), produire (render), "
    "regles (rules), initialiser (init), comparer (diff), mettre-a-jour (update), "
    "importer (import), apercu (preview)."
)


class CptsplanGroup(LazyGroup):
    summaries: ClassVar[dict[str, str]] = COMMANDS


app = typer.Typer(
    name="cptsplan",
    help="Écrire, vérifier et publier le plan SSE (situations sanitaires exceptionnelles) "
    "d'une CPTS.\n\n" + EXIT_CODES_HELP + "\n\n" + FRENCH_NAMES_HELP,
    cls=CptsplanGroup,
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        from cptsplan import __version__

        typer.echo(f"cptsplan {__version__}")
        raise typer.Exit()


@app.callback()
def _group(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Affiche la version de cptsplan et s'arrête.",
            callback=_show_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """The commands are in COMMANDS; a callback makes typer build a group even without any
    command registered here. Its one option is the program's own (before the command)."""


def main() -> None:
    """The command line: parse it, run the command, exit (SystemExit) with its code."""
    from cptsplan.cli.console import printable_streams
    from cptsplan.cli.ending import command_edge

    printable_streams()  # a Windows console or a redirected output: never a UnicodeEncodeError
    with command_edge():
        app()


def run() -> NoReturn:
    """The typer application, then out at once (ending.run_to_the_end): what `cli.run` (the
    console script) does for a command line quick.py leaves to typer, without its rarer
    collections (tests compare the two)."""
    from cptsplan.cli.ending import run_to_the_end

    run_to_the_end(main)
