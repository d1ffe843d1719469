"""`cptsplan annuaire exporter|importer`: the crisis directory for phones and spreadsheets,
and a coordinator's CSV list into the plan (the core is cptsplan.annuaire)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cptsplan.cli.common import interrupted_exit, located
from cptsplan.cli.french import FrenchCommand, FrenchGroup
from cptsplan.cli.options import PlanArgument, ReferenceDate
from cptsplan.errors import CptsplanError

annuaire = typer.Typer(
    name="annuaire",
    help="L'annuaire de crise hors du document : export vCard (téléphones) ou CSV (tableurs), "
    "import d'un fichier CSV tenu par la coordination.",
    cls=FrenchGroup,
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

INTERRUPTED = "interrompu : aucun fichier à moitié écrit ni fichier temporaire ne reste"


@annuaire.command("exporter", cls=FrenchCommand)
def exporter(
    plan: PlanArgument,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="vcf (vCard 4.0, pour les contacts d'un téléphone) ou csv (UTF-8, séparateur "
            "point-virgule, pour LibreOffice Calc et Excel).",
        ),
    ] = "vcf",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FICHIER",
            help="Fichier à écrire (ou dossier existant). Par défaut : "
            "build/annuaire-v<version>-interne.<vcf|csv> dans le dossier du dépôt (celui de "
            ".cptsplan.yaml), sinon du plan.",
            show_default=False,
        ),
    ] = None,
    edition: Annotated[
        str | None,
        typer.Option(
            "--edition",
            "-e",
            metavar="ÉDITION",
            help="interne seulement : l'annuaire contient des coordonnées personnelles ; "
            "« diffusable » est refusé.",
            show_default=False,
        ),
    ] = None,
    reference_date: ReferenceDate = None,
) -> None:
    """Exporte l'annuaire de crise (édition interne) en vCard 4.0 ou en CSV. Le fichier est
    créé lisible par son seul propriétaire ; il contient des données personnelles.

    Codes de sortie : 0 = fichier écrit ; 1 = le plan ne respecte pas le schéma ou contient
    des données de patients (rien n'est écrit) ; 2 = mauvaise utilisation (dont l'édition
    diffusable, refusée).
    """
    from cptsplan.annuaire.exports import PlanRefused, export
    from cptsplan.cli.common import fail
    from cptsplan.messages.dates import parse_reference_date
    from cptsplan.privacy.safetext import log_line
    from cptsplan.reporters.text import format_problem

    try:
        plan, home = located(plan)
        # A copy of the directory (personal data) beside the output: removed on a signal.
        with interrupted_exit(INTERRUPTED):
            result = export(plan, fmt, output, edition, parse_reference_date(reference_date), home)
    except PlanRefused as refused:
        for problem in refused.problems:
            typer.echo(format_problem(problem), err=True)
        fail(refused)
        return
    except CptsplanError as error:
        fail(error)
        return
    for problem in result.problems:
        typer.echo(format_problem(problem), err=True)
    typer.echo(log_line(f"écrit : {result.path} ({result.count} entrées, données personnelles)"))


@annuaire.command("importer", cls=FrenchCommand)
def importer(
    fichier: Annotated[
        Path, typer.Argument(metavar="FICHIER", help="Fichier CSV (séparateur ; ou ,).")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FICHIER",
            help="Fichier YAML à écrire. Par défaut, le YAML est affiché (sortie standard).",
            show_default=False,
        ),
    ] = None,
    plan: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            metavar="PLAN",
            help="Plan existant : les identifiants créés ne reprennent aucun des siens.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Remplace le fichier --output s'il existe.")
    ] = False,
    partial: Annotated[
        bool,
        typer.Option(
            "--partiel",
            help="Importe les lignes lisibles même si d'autres ne le sont pas (elles sont "
            "listées à l'écran et en tête du YAML).",
        ),
    ] = False,
) -> None:
    """Lit un fichier CSV de contacts (Nom, Prénom, Fonction, Structure, Téléphone,
    Portable, Courriel, MSSanté, Commune...) et écrit les entrées de l'annuaire en YAML,
    avec un identifiant unique pour chacune. Chaque ligne illisible est signalée avec son
    numéro.

    Codes de sortie : 0 = entrées écrites ; 1 = des lignes ne peuvent pas être lues (rien
    n'est écrit, sauf avec --partiel) ; 2 = mauvaise utilisation (fichier vide, illisible,
    sans colonne Nom, sortie existante sans --force).
    """
    from cptsplan.annuaire.imports import RowsRefused, import_csv
    from cptsplan.cli.common import fail
    from cptsplan.privacy.safetext import log_line

    if plan is not None:
        plan = located(plan)[0]
    try:
        with interrupted_exit(INTERRUPTED):
            result = import_csv(fichier, output, force, plan, partial)
    except RowsRefused as refused:
        for error in refused.errors:
            typer.echo(log_line(f"{fichier}: {error}"), err=True)
        fail(refused)
        return
    except CptsplanError as error:
        fail(error)
        return
    for row in result.imported.errors:
        typer.echo(log_line(f"{fichier}: {row} (non importée)"), err=True)
    for notice in result.imported.notices:
        typer.echo(log_line(f"{fichier}: à vérifier : {notice}"), err=True)
    if result.path is None:
        sys.stdout.write(result.text)
    else:
        typer.echo(log_line(f"écrit : {result.path} ({len(result.imported.entries)} entrées)"))
