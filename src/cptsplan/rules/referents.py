"""Déclenchement et référents : qui déclenche le plan, dans quelle limite de moyens agit la
CPTS, et son référent SSE nommé avec un suppléant."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Plan
from ..problems import Severity
from .base import Finding, RuleContext, Source, rule
from .helpers import filled, get, items

TRIGGER = ("piloter", "declenchement")
REFERENTS = ("piloter", "referents_sse")


@rule(
    "declenchement-autorites",
    Severity.ERROR,
    Source.ACI,
    "Les autorités qui déclenchent le plan sont citées (ARS, préfet, ministre).",
)
def trigger_authorities(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """L'ACI prévoit que la CPTS met en œuvre son plan quand une SSE est déclarée par le
    directeur général de l'ARS, le préfet ou le ministre. Le plan doit le dire.

    Exemple :

        piloter:
          declenchement:
            autorites: [directeur_general_ars, prefet, ministre]
    """
    if not get(plan.data, (*TRIGGER, "autorites")):
        yield Finding(
            (*TRIGGER, "autorites"),
            "les autorités qui déclenchent le plan ne sont pas citées",
            "ajoutez « autorites: [directeur_general_ars, prefet, ministre] »",
        )


@rule(
    "declenchement-limites-moyens",
    Severity.ERROR,
    Source.ACI,
    "Le plan dit que la CPTS agit dans la limite de ses moyens humains et techniques.",
)
def means_limit(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """La CPTS ne remplace ni l'hôpital, ni le SAMU, ni les pompiers : elle agit « dans la
    limite de ses moyens humains et techniques » (ACI). Le plan doit l'écrire.

    Exemple :

        piloter:
          declenchement:
            limites_moyens: La CPTS agit dans la limite de ses moyens humains et techniques ...
    """
    if not filled(get(plan.data, (*TRIGGER, "limites_moyens"))):
        yield Finding(
            (*TRIGGER, "limites_moyens"),
            "la limite des moyens humains et techniques de la CPTS n'est pas énoncée",
            "décrivez sous « limites_moyens » ce que la CPTS peut faire et ce qu'elle ne "
            "remplace pas",
        )


@rule(
    "referent-sse-titulaire",
    Severity.ERROR,
    Source.CNAM,
    "Un référent SSE titulaire est nommé (une personne de l'annuaire).",
)
def referent(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """L'indicateur de la CNAM exige un référent SSE nommé : une personne de l'annuaire avec
    le rôle « titulaire », dont le nom est renseigné.

    Exemple :

        piloter:
          referents_sse:
            - personne: julien-vermeersch
              role: titulaire
    """
    for _, item in items(plan, REFERENTS):
        entry = plan.directory.get(item.get("personne", ""), {})
        is_person = entry.get("type") == "personne" and filled(entry.get("nom"))
        if item.get("role") == "titulaire" and is_person:
            return
    yield Finding(
        REFERENTS,
        "aucun référent SSE titulaire nommé",
        "ajoutez une personne de l'annuaire (type: personne, nom renseigné) avec "
        "« role: titulaire »",
    )


@rule(
    "referent-sse-suppleant",
    Severity.WARNING,
    Source.GUIDE,
    "Le référent SSE a un suppléant.",
)
def referent_deputy(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Une crise dure : le référent SSE doit avoir au moins un suppléant, une autre personne.

    Exemple :

        piloter:
          referents_sse:
            - personne: julien-vermeersch
              role: titulaire
            - personne: sophie-lefebvre
              role: suppleant
    """
    roles = {item.get("role") for _, item in items(plan, REFERENTS)}
    if "suppleant" not in roles:
        yield Finding(
            REFERENTS,
            "le référent SSE n'a pas de suppléant",
            "ajoutez un référent avec « role: suppleant »",
        )
