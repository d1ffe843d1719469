"""`cptsplan validate PATHS...`: check plans. Here the command line typer reads; the command's
work is validation.validate_plans (which quick.py also runs without typer)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cptsplan.cli.options import ReferenceDate
from cptsplan.cli.validation import validate_plans


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
    validate_plans(
        paths,
        output_format=output_format,
        reference_date=reference_date,
        strict=strict,
        blocking=blocking,
        schema_only=schema_only,
        summary=summary,
        jobs=jobs,
        config=config,
        table_path=table_path,
    )
