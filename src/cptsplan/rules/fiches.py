"""Fiches réflexes : chaque fiche dit quoi faire, en étapes simples ou par temps de la crise
(mise en place, conduite, sortie)."""

from __future__ import annotations

from collections.abc import Iterator

from cptsplan.findings.problems import Severity
from cptsplan.model import Plan
from cptsplan.rules.base import Finding, RuleContext, Source, rule
from cptsplan.rules.helpers import filled, items

FICHES = ("adapter", "fiches_reflexes")


@rule(
    "fiche-reflexe-etapes",
    Severity.ERROR,
    Source.COHERENCE,
    "Chaque fiche réflexe a au moins une étape (simple ou par temps).",
)
def fiche_steps(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Une fiche réflexe sans étape ne sert à rien le jour venu. Les étapes s'écrivent sous
    « etapes » (dans l'ordre), sous « etapes_par_temps » (mise en place, conduite, sortie,
    comme les fiches actions des guides régionaux), ou les deux.

    Exemple :

        fiches_reflexes:
          - id: fiche-neige
            titre: Routes coupées par la neige
            etapes_par_temps:
              - temps: mise_en_place
                etape: Recenser les cabinets fermés.
              - temps: sortie
                etape: Prévenir les patients de la reprise des tournées.
    """
    for path, fiche in items(plan, FICHES):
        steps = [step for step in fiche.get("etapes", []) if filled(step)]
        steps += [step for step in fiche.get("etapes_par_temps", []) if filled(step.get("etape"))]
        if not steps:
            yield Finding(
                path,
                f"la fiche réflexe « {fiche.get('titre')} » n'a aucune étape",
                "ajoutez ses étapes sous « etapes » ou sous « etapes_par_temps »",
            )
