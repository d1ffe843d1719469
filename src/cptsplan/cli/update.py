"""`cptsplan update PLAN`: start the next version of the plan (core in cptsplan.update).

Without `--ecrire` nothing is written: the diff of the files and the checklist are printed
(a dry run, `--dry-run` says it explicitly). See docs/mise-a-jour.md.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated

import typer

from cptsplan.cli.common import exit_on_error, interrupted_exit, located, usage
from cptsplan.cli.options import PlanArgument
from cptsplan.messages.dates import parse_reference_date


def update(
    plan: PlanArgument,
    write: Annotated[
        bool,
        typer.Option(
            "--ecrire/--dry-run",
            help="--ecrire modifie les fichiers du plan ; sans cette option (ou avec "
            "--dry-run), rien n'est écrit : la commande montre les modifications qu'elle ferait.",
        ),
    ] = False,
    version: Annotated[
        str | None,
        typer.Option(
            "--version",
            metavar="VERSION",
            help="Numéro de la nouvelle version (par défaut la version mineure suivante : "
            "2.1 donne 2.2).",
            show_default=False,
        ),
    ] = None,
    major: Annotated[
        bool,
        typer.Option("--majeure", help="Version majeure suivante : 2.1 donne 3.0."),
    ] = False,
    reference_date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="AAAA-MM-JJ",
            help="Date de la mise à jour (AAAA-MM-JJ ; par défaut aujourd'hui).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--forcer",
            help="Écrit même si des fichiers du plan ont des modifications non enregistrées "
            "dans git, ou si la version actuelle est un brouillon jamais transmis.",
        ),
    ] = False,
) -> None:
    """Commence la version suivante du plan : nouveau numéro de version, date de mise à
    jour, statut « brouillon », nouvelle entrée de l'historique (résumé « A_COMPLETER » à
    écrire), date de la prochaine revue repoussée si elle est passée. Affiche ensuite ce
    qu'il faut revoir : contacts non vérifiés depuis 12 mois, exercices à prévoir, actions
    correctives échues ou proches de l'échéance, date de revue.

    Sans --ecrire, rien n'est modifié : la commande affiche les modifications qu'elle ferait.
    Les commentaires, lignes vides et guillemets des fichiers sont conservés.

    Codes de sortie : 0 = mise à jour commencée (ou montrée) ; 1 = plan refusé (schéma non
    respecté) ; 2 = mauvaise utilisation (version à donner, modifications non enregistrées
    dans git ou brouillon jamais transmis, sans --forcer ; chemin introuvable) ; 4 = écriture
    impossible ; 130 ou 143 = interrompu (aucun fichier à moitié écrit).
    """
    from cptsplan.update import start_next_version

    if version is not None and major:
        usage("--version et --majeure ne vont pas ensemble", "choisissez l'une des deux")
    plan, _home = located(plan)
    # SIGTERM too: the writer's temporary files beside the plan files are removed (a stray
    # « .plan.yaml.*.tmp » would be committed by « git add -A »).
    stopped = (
        "interrompu : les fichiers du plan sont tous dans leur ancienne version, ou tous "
        "dans la nouvelle (git diff le montre)"
    )
    with exit_on_error(), interrupted_exit(stopped):
        today = parse_reference_date(reference_date) or date.today()
        result = start_next_version(
            plan, today=today, version=version, major=major, write=write, force=force
        )
    from cptsplan.messages.dates import french_date
    from cptsplan.privacy.safetext import log_line

    for warning in result.warnings:
        typer.echo(log_line(f"attention : {warning}"), err=True)
    out = sys.stdout.write
    if result.written:
        out(
            f"Version {result.new_version} commencée (version précédente : "
            f"{result.old_version}). Fichiers modifiés :\n"
        )
        for change in result.files:
            out(f"  {change.display}\n")
    else:
        out(
            f"Essai : rien n'est écrit. Modifications que ferait « cptsplan update "
            f"--ecrire » (version {result.old_version} -> {result.new_version}) :\n\n"
        )
        for change in result.files:  # plan text: shown escaped, like every report line
            for line in change.diff().splitlines():
                out(log_line(line) + "\n")
    out("\nÀ revoir avant d'envoyer la nouvelle version :\n")
    theme = None
    for item in result.checklist:
        if item.theme != theme:
            theme = item.theme
            out(f"\n{theme}\n")
        out(log_line(f"  - {item.text} ({item.where})") + "\n")
    if not result.checklist:
        out("  rien de particulier\n")
    out(
        f"\n- écrire le résumé des changements dans l'historique (version {result.new_version})"
        "\n- passer le statut à « pret_a_transmettre » puis « transmis » à l'envoi"
        f"\n- prochaine mise à jour avant le {french_date(result.next_update)}\n"
    )
    raise typer.Exit(0)
