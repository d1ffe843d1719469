"""Articulation avec les autres plans : ORSAN (ARS), ORSEC (préfet), PCS de chaque commune
qui en a un, plans blancs des hôpitaux et plans bleus des établissements médico-sociaux."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cptsplan.findings.problems import Severity
from cptsplan.model import Plan
from cptsplan.rules.base import Finding, RuleContext, Source, rule
from cptsplan.rules.helpers import filled, get, items

LINKS = ("piloter", "articulation_plans")


def _linked(plan: Plan, kind: str) -> list[dict[str, Any]]:
    return [
        item
        for _, item in items(plan, LINKS)
        if item.get("plan") == kind and filled(item.get("articulation"))
    ]


def _missing_link(kind: str, label: str, hint: str) -> Finding:
    return Finding(
        LINKS, f"le plan ne dit pas comment il s'articule avec {label}", hint, subject=kind
    )


@rule(
    "articulation-orsan",
    Severity.ERROR,
    Source.ACI,
    "L'articulation avec le plan ORSAN de l'ARS est décrite.",
)
def orsan(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """L'ACI demande que le plan s'articule avec les autres plans du territoire, d'abord le
    schéma ORSAN par lequel l'ARS organise le système de santé en crise.

    Exemple :

        piloter:
          articulation_plans:
            - plan: orsan
              intitule: Schéma ORSAN de la région
              articulation: La CPTS décline les cinq volets de l'ORSAN pour les soins de ville.
    """
    if not _linked(plan, "orsan"):
        yield _missing_link(
            "orsan",
            "le plan ORSAN de l'ARS",
            "ajoutez une entrée « plan: orsan » avec son articulation",
        )


@rule(
    "articulation-orsec",
    Severity.ERROR,
    Source.ACI,
    "L'articulation avec le dispositif ORSEC de la préfecture est décrite.",
)
def orsec(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Le dispositif ORSEC du préfet (NOVI, plans particuliers d'intervention) organise les
    secours ; le plan dit ce que fait la CPTS quand il est déclenché.

    Exemple :

        - plan: orsec
          intitule: Dispositif ORSEC départemental
          articulation: La CPTS relaie les consignes de protection des populations ...
    """
    if not _linked(plan, "orsec"):
        yield _missing_link(
            "orsec",
            "le dispositif ORSEC de la préfecture",
            "ajoutez une entrée « plan: orsec » avec son articulation",
        )


@rule(
    "articulation-pcs",
    Severity.ERROR,
    Source.ACI,
    "Chaque commune dotée d'un PCS a son articulation décrite.",
)
def pcs(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Chaque commune qui a un plan communal de sauvegarde (« pcs: true » dans le territoire)
    a une entrée « plan: pcs » avec son code INSEE dans « articulation_plans ». Quand aucune
    commune ne dit si elle a un PCS, la règle ne peut pas conclure : un avertissement le dit,
    et la grille de conformité indique « non renseigné » (jamais « oui » sans appui).

    Exemple :

        - plan: pcs
          intitule: PCS de Saint-Aubert-sur-Lys
          commune: "59705"
          articulation: La CPTS est l'interlocutrice du PCS pour les soins de ville.
    """
    if not isinstance(get(plan.data, LINKS), list):
        return  # the links with other plans are not readable (set aside by the schema)
    communes = list(items(plan, ("territoire", "communes")))
    if communes and not any(isinstance(commune.get("pcs"), bool) for _, commune in communes):
        # Nothing says whether any commune has a PCS: the plan cannot be judged on it.
        yield Finding(
            ("territoire", "communes"),
            "aucune commune ne dit si elle a un plan communal de sauvegarde (PCS)",
            "indiquez pour chaque commune « pcs: true » ou « pcs: false » (ou A_COMPLETER)",
            subject="pcs",
            severity=Severity.WARNING,
            unknown=True,
        )
    linked = {item.get("commune") for item in _linked(plan, "pcs")}
    for path, commune in communes:
        if commune.get("pcs") is True and commune.get("code_insee") not in linked:
            yield Finding(
                (*path, "pcs"),
                f"la commune « {commune.get('nom')} » a un PCS, mais son articulation avec le "
                "plan n'est pas décrite",
                f'ajoutez « plan: pcs » avec « commune: "{commune.get("code_insee")}" » '
                "dans « articulation_plans »",
                subject="pcs",
            )


ESTABLISHMENT_PLANS = {
    "plan_blanc": (
        ("centre_hospitalier", "clinique", "hopital_proximite"),
        "le plan blanc (PGTHSSE) des établissements de santé du territoire",
    ),
    "plan_bleu": (("ehpad", "esms"), "les plans bleus des EHPAD et ESMS du territoire"),
}


@rule(
    "articulation-etablissements",
    Severity.WARNING,
    Source.GUIDE,
    "L'articulation avec les plans blancs et plans bleus des établissements est décrite.",
)
def establishments(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Quand le territoire compte un hôpital ou une clinique, le plan dit comment il
    s'articule avec leur plan blanc ; quand il compte des EHPAD ou ESMS, avec leurs plans
    bleus.

    Exemple :

        - plan: plan_blanc
          intitule: Plan blanc du centre hospitalier
          articulation: Sorties anticipées prises en charge par les infirmiers libéraux ...
    """
    kinds = {item.get("type") for _, item in items(plan, ("territoire", "etablissements"))}
    for kind, (types, label) in ESTABLISHMENT_PLANS.items():
        if kinds & set(types) and not _linked(plan, kind):
            yield _missing_link(
                kind, label, f"ajoutez une entrée « plan: {kind} » avec son articulation"
            )
