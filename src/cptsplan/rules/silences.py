"""Silences : une règle peut être mise en silence pour un endroit du plan, avec sa raison,
dans la section « silences ». Un silence sans raison, pour une règle inconnue ou qui ne sert
à rien est lui-même signalé."""

from __future__ import annotations

from collections.abc import Iterator

from cptsplan.findings.problems import Severity
from cptsplan.model import Plan
from cptsplan.rules.base import Finding, RuleContext, Source, rule
from cptsplan.rules.helpers import items

SILENCES = ("silences",)


@rule(
    "silence-sans-raison",
    Severity.ERROR,
    Source.COHERENCE,
    "Chaque silence donne sa raison.",
)
def without_reason(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Faire taire une règle est un choix qui doit pouvoir être relu par l'ARS ou lors de la
    revue annuelle : la raison est obligatoire et ne peut pas être vide.

    Exemple :

        silences:
          - regle: articulation-etablissements
            chemin: piloter.articulation_plans
            raison: Aucun EHPAD ne dispose encore d'un plan bleu écrit (relance en cours).
    """
    for path, silence in items(plan, SILENCES):
        if not str(silence.get("raison") or "").strip():
            yield Finding(
                (*path, "raison"),
                f"le silence de la règle « {silence.get('regle')} » ne donne pas de raison",
                "écrivez pourquoi la règle ne s'applique pas ici",
            )


@rule(
    "silence-regle-inconnue",
    Severity.ERROR,
    Source.COHERENCE,
    "Chaque silence porte sur une règle qui existe.",
)
def unknown_rule(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Un silence qui nomme une règle inexistante (faute de frappe, règle renommée) ne fait
    rien : il est signalé, avec la règle la plus proche.

    Exemple d'erreur : « regle: typologie-sans-reponses ».
    """
    for path, silence in items(plan, SILENCES):
        name = str(silence.get("regle", ""))
        if name not in ctx.known_rules:
            import difflib  # only for a rule name mistyped: not on every run (0.7 ms)

            close = difflib.get_close_matches(name, sorted(ctx.known_rules), n=1, cutoff=0.6)
            yield Finding(
                (*path, "regle"),
                f"le silence porte sur une règle inconnue : « {name} »",
                f"vouliez-vous dire « {close[0]} » ?"
                if close
                else "la liste des règles : cptsplan rules",
            )


@rule(
    "silence-inutile",
    Severity.INFO,
    Source.PRATIQUE,
    "Chaque silence fait taire au moins un problème.",
)
def useless(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Un silence qui ne fait plus rien taire (le problème a été corrigé) peut être retiré.
    Cette règle est appliquée par le moteur, après les autres.

    Exemple : un silence de « cellule-lieu-repli » alors que le lieu de repli est écrit.
    """
    return iter(())
