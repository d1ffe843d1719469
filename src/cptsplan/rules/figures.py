"""Figures : chaque image citée par le plan (carte des zones, affiche...) est un vrai fichier
PNG ou JPEG du dossier du plan, de taille raisonnable."""

from __future__ import annotations

from collections.abc import Iterator

from cptsplan.findings.problems import Severity
from cptsplan.load.figures import FigureRefused, plan_folder, read_figure
from cptsplan.model import Plan
from cptsplan.rules.base import Finding, RuleContext, Source, rule
from cptsplan.rules.helpers import is_placeholder, items


@rule(
    "figure-invalide",
    Severity.ERROR,
    Source.COHERENCE,
    "Chaque figure est une image PNG ou JPEG du dossier du plan (5 Mo au plus), ou dit où la voir.",
)
def invalid_figure(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Le fichier d'une figure est lu dans le dossier du plan (ou, pour un plan d'un seul
    fichier, dans le dossier de ce fichier). Il est refusé, et la figure n'est pas imprimée,
    s'il est introuvable, s'il sort de ce dossier (chemin absolu, « ../ », lien symbolique
    vers un autre dossier), s'il n'est pas un fichier ordinaire (dossier, périphérique,
    tube), si son contenu n'est pas une image PNG ou JPEG (l'extension ne suffit pas), s'il
    dépasse 5 Mo ou 12 000 pixels de côté.

    Exemple :

        figures:
          - id: carte-zones
            fichier: figures/carte-zones.png
            legende: Les trois zones du territoire et leurs référents
            section: territoire

    Une figure connue dont l'image n'est pas à portée de main (l'affiche d'un partenaire, une
    carte papier) se déclare sans fichier, avec l'endroit où la consulter ; le document
    imprime sa légende et cet endroit :

        figures:
          - id: affiche-prefecture
            legende: Affiche de conseils de la préfecture pendant les feux de forêt
            consultable: Site internet de la préfecture de la Gironde
            section: evaluer

    Exemple d'erreur : « fichier: ../../etc/passwd » ou un texte renommé « carte.png ».
    """
    folder = plan_folder(plan.source.root)
    for path, figure in items(plan, ("figures",)):
        name = figure.get("fichier")
        if name is None:
            if not figure.get("consultable"):
                yield Finding(
                    path,
                    f"la figure « {figure.get('id')} » n'a ni image ni endroit où la consulter",
                    "ajoutez « fichier: » (l'image dans le dossier du plan) ou « consultable: » "
                    "(où trouver la figure)",
                )
            continue
        if not isinstance(name, str) or is_placeholder(name):
            continue  # an unwritten value is reported by the rules of what remains to write
        try:
            read_figure(folder, name)
        except FigureRefused as refusal:
            yield Finding((*path, "fichier"), refusal.message, refusal.hint)
