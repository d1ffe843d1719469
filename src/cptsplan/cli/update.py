"""`cptsplan update PLAN`: start the next version of the plan. Here the command line typer
reads; the command's work is updating.start_update (which quick.py also runs without typer).
"""

from __future__ import annotations

from typing import Annotated

import typer

from cptsplan.cli.options import PlanArgument
from cptsplan.cli.updating import start_update


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
            "dans git, ou si la version actuelle est un brouillon ou un plan prêt à "
            "transmettre jamais transmis.",
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
    start_update(
        plan, write=write, version=version, major=major, reference_date=reference_date, force=force
    )
