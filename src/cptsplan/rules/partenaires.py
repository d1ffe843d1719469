"""Rédaction partagée : l'ACI demande un plan rédigé avec les établissements de santé et les
collectivités du territoire (reconnus par la catégorie de leur entrée d'annuaire)."""

from __future__ import annotations

from collections.abc import Iterator

from cptsplan.findings.problems import Severity
from cptsplan.model import Plan
from cptsplan.rules.base import Finding, RuleContext, Source, rule
from cptsplan.rules.helpers import ESTABLISHMENT_CATEGORIES, items

PARTNERS = ("document", "partenaires_redaction")


def _categories(plan: Plan) -> set[str]:
    return {
        plan.directory.get(item.get("partenaire", ""), {}).get("categorie", "")
        for _, item in items(plan, PARTNERS)
    }


@rule(
    "redaction-etablissement",
    Severity.ERROR,
    Source.ACI,
    "Le plan a été rédigé avec au moins un établissement de santé ou médico-social.",
)
def with_establishment(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """L'ACI demande que le plan soit élaboré avec les établissements de santé du territoire.
    Le partenaire est une entrée de l'annuaire de catégorie « etablissement_sante » ou
    « etablissement_medico_social ».

    Exemple :

        document:
          partenaires_redaction:
            - partenaire: ch-lys
              contribution: Atelier commun sur l'articulation avec le plan blanc.
    """
    if not _categories(plan) & set(ESTABLISHMENT_CATEGORIES):
        yield Finding(
            PARTNERS,
            "aucun établissement de santé ou médico-social parmi les partenaires de rédaction",
            "ajoutez sous « partenaires_redaction » un établissement (entrée de l'annuaire de "
            "catégorie « etablissement_sante » ou « etablissement_medico_social »)",
            subject="etablissement",
        )


@rule(
    "redaction-collectivite",
    Severity.ERROR,
    Source.ACI,
    "Le plan a été rédigé avec au moins une collectivité territoriale.",
)
def with_local_authority(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """L'ACI demande que le plan soit élaboré avec les collectivités du territoire (mairie,
    communauté de communes). Le partenaire est une entrée de l'annuaire de catégorie
    « collectivite ».

    Exemple :

        - partenaire: mairie-saint-aubert
          contribution: Articulation avec le PCS et le registre du CCAS.
    """
    if "collectivite" not in _categories(plan):
        yield Finding(
            PARTNERS,
            "aucune collectivité parmi les partenaires de rédaction",
            "ajoutez sous « partenaires_redaction » une mairie ou une intercommunalité (entrée "
            "de l'annuaire de catégorie « collectivite »)",
            subject="collectivite",
        )
