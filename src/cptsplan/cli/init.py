"""`cptsplan init [FOLDER]`: a plan repository a coordinator can start from (the core is
cptsplan.repository.skeleton: the skeleton, filled in and written without overwriting anything)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from cptsplan.cli.common import as_argument, exit_on_error, interrupted_exit, usage


def _interactive() -> bool:
    """Questions on a terminal; otherwise the answers are read from standard input."""
    return sys.stdin.isatty()


STDIN_WAIT = 10.0
"""Seconds to wait for a piped answer: a pipe nobody writes to (a CI step's open standard
input) must not hold `init` forever."""


_STDIN_ENDED: list[bool] = []
"""Not empty once standard input has ended or stayed silent (one wait per command)."""


def _piped_answer() -> str | None:
    """One line of standard input (an answer piped in: `printf 'CPTS X\nY\n' | cptsplan
    init`), None at its end or when nothing comes. Read in a thread so that the wait is
    bounded on every system (select() does not work on Windows pipes)."""
    import threading

    line: list[str] = []

    def read() -> None:
        try:
            line.append(sys.stdin.readline())
        except (OSError, ValueError, UnicodeDecodeError):  # closed or unreadable input
            line.append("")

    if _STDIN_ENDED:
        return None
    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(STDIN_WAIT)
    if not line or not line[0]:  # nothing came, or the end: the next question reads no more
        _STDIN_ENDED.append(True)
    answer = line[0].strip() if line else ""
    return answer or None


def _ask(question: str, interactive: bool, missing: str) -> str:
    """The answer to `question`: typed on a terminal, or piped on standard input (said on
    screen either way, so that nobody wonders whether it was taken)."""
    if interactive:
        # French puts a space before the colon (the framework's suffix is ": ").
        answer: str = typer.prompt(question, prompt_suffix=" : ")
        return answer
    piped = _piped_answer()
    if piped is None:
        typer.echo(
            f"{question} : pas de terminal ni de réponse sur l'entrée standard, la valeur "
            f"reste « {missing} » (ou donnez-la avec l'option)",
            err=True,
        )
        return missing
    typer.echo(f"{question} : {piped} (lu sur l'entrée standard)")
    return piped


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
    réponses sont lues sur l'entrée standard (une par ligne), et sans réponse les champs
    restent « A_COMPLETER ». Quand git est installé, le dossier devient un dépôt git avec un
    premier commit des fichiers créés (« cptsplan update » et « cptsplan diff » s'en
    servent).

    Codes de sortie : 0 = dépôt créé ; 2 = dossier refusé (un fichier à sa place, un nom
    que Windows refuse, un chemin trop long) ; 4 = écriture impossible (disque plein,
    droits) ; 130 ou 143 = interrompu. Chaque fichier créé est complet : relancer la
    commande crée ceux qui manquent.
    """
    from cptsplan.files.output import check_name
    from cptsplan.repository.skeleton import (
        MISSING,
        PLAN_FOLDER,
        blocking_file,
        repository_files,
        start_history,
        write_files,
    )

    with exit_on_error():
        check_name(folder, "dossier", "DOSSIER")  # a name Windows refuses: its clones break
    blocking = blocking_file(folder, [])
    if blocking is not None:
        usage(f"{blocking} existe et n'est pas un dossier")
    from cptsplan.repository.install_source import parse_source

    with exit_on_error():
        pinned = parse_source(source) if source is not None else None
    interactive = _interactive()
    _STDIN_ENDED.clear()  # a new command (tests run several in one process)
    if nom is None:
        nom = _ask("Nom de la CPTS", interactive, f"{MISSING} : nom de la CPTS")
    if territoire is None:
        territoire = _ask("Territoire couvert", interactive, f"{MISSING} : territoire")
    files = repository_files(nom.strip(), territoire.strip(), date.today(), pinned)
    stopped = (
        "interrompu : chaque fichier créé est complet (aucun fichier à moitié écrit) ; "
        "relancez « cptsplan init » pour créer les autres"
    )
    with exit_on_error(), interrupted_exit(stopped):
        written, kept = write_files(folder, files)
    for relative in written:
        typer.echo(f"créé : {folder / relative}")
    for relative in kept:
        typer.echo(f"déjà présent, gardé tel quel : {folder / relative}")
    typer.echo(start_history(folder, written, kept=len(kept)))
    typer.echo(
        f"\n{len(written)} fichier(s) créé(s), {len(kept)} gardé(s). Étape suivante : "
        f"remplissez les « {MISSING} » du dossier {folder / PLAN_FOLDER}, puis lancez "
        f"« cptsplan validate {as_argument(folder)} »."
    )
