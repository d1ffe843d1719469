"""`cptsplan init [FOLDER]`: a plan repository a coordinator can start from (the core is
cptsplan.repository.skeleton: the skeleton, filled in and written without overwriting anything)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from cptsplan.cli.common import exit_on_error, usage


def _interactive() -> bool:
    """Questions only on a terminal: in CI or a pipe, missing values stay to be written."""
    return sys.stdin.isatty()


def init(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DOSSIER",
            help="Dossier du dépôt à créer (par défaut le dossier courant).",
            show_default=False,
        ),
    ] = Path("."),
    nom: Annotated[
        str | None, typer.Option("--nom", metavar="NOM", help="Nom de la CPTS.", show_default=False)
    ] = None,
    territoire: Annotated[
        str | None,
        typer.Option(
            "--territoire",
            metavar="TEXTE",
            help="Territoire couvert (en quelques mots).",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="SOURCE",
            help="D'où l'intégration continue et pre-commit installent cptsplan, à une "
            "version précise : « cptsplan @ git+https://<adresse du dépôt>@v0.2.0 » ou "
            "l'adresse d'un fichier .whl. Sans elle, la variable CPTSPLAN_SOURCE reste à "
            "régler (voir le README créé).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Crée un dépôt de plan SSE prêt à remplir : squelette du plan commenté (dossier plan/),
    .cptsplan.yaml, schémas pour l'éditeur, pre-commit, intégration continue GitHub et
    GitLab, README.

    Les fichiers qui existent déjà ne sont jamais remplacés : ils sont gardés et listés.
    Sans --nom ni --territoire, les questions sont posées au terminal ; hors terminal, les
    champs restent « A_COMPLETER ».
    """
    from cptsplan.repository.skeleton import (
        MISSING,
        PLAN_FOLDER,
        blocking_file,
        repository_files,
        write_files,
    )

    blocking = blocking_file(folder, [])
    if blocking is not None:
        usage(f"{blocking} existe et n'est pas un dossier")
    from cptsplan.repository.install_source import parse_source

    with exit_on_error():
        pinned = parse_source(source) if source is not None else None
    interactive = _interactive()
    if nom is None:
        # French puts a space before the colon (the framework's suffix is ": ").
        nom = (
            typer.prompt("Nom de la CPTS", prompt_suffix=" : ")
            if interactive
            else f"{MISSING} : nom de la CPTS"
        )
    if territoire is None:
        territoire = (
            typer.prompt("Territoire couvert", prompt_suffix=" : ")
            if interactive
            else f"{MISSING} : territoire"
        )
    files = repository_files(nom.strip(), territoire.strip(), date.today(), pinned)
    with exit_on_error():
        written, kept = write_files(folder, files)
    for relative in written:
        typer.echo(f"créé : {folder / relative}")
    for relative in kept:
        typer.echo(f"déjà présent, gardé tel quel : {folder / relative}")
    typer.echo(
        f"\n{len(written)} fichier(s) créé(s), {len(kept)} gardé(s). Étape suivante : "
        f"remplissez les « {MISSING} » du dossier {folder / PLAN_FOLDER}, puis lancez "
        f"« cptsplan validate {folder / PLAN_FOLDER} »."
    )
