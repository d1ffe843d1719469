"""Déclenchement et référents : qui déclenche le plan, dans quelle limite de moyens agit la
CPTS, et son référent SSE nommé avec un suppléant (ou des co-référents à parts égales)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from cptsplan.findings.problems import Severity
from cptsplan.model import Plan
from cptsplan.rules.base import Finding, RuleContext, Source, rule
from cptsplan.rules.helpers import filled, get, items

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
    limite de ses moyens humains et techniques » (ACI). Le plan doit l'écrire, avec ces mots
    ou une variante (« dans la mesure de ses moyens ») : un texte qui ne le dit pas ne suffit
    pas.

    Exemple :

        piloter:
          declenchement:
            limites_moyens: La CPTS agit dans la limite de ses moyens humains et techniques ...
    """
    text = get(plan.data, (*TRIGGER, "limites_moyens"))
    if not filled(text):
        yield Finding(
            (*TRIGGER, "limites_moyens"),
            "la limite des moyens humains et techniques de la CPTS n'est pas énoncée",
            "décrivez sous « limites_moyens » ce que la CPTS peut faire et ce qu'elle ne "
            "remplace pas",
        )
    elif not says_within_means(str(text)):
        yield Finding(
            (*TRIGGER, "limites_moyens"),
            "le texte de « limites_moyens » ne dit pas que la CPTS agit dans la limite de "
            "ses moyens",
            "écrivez-le en toutes lettres, par exemple « La CPTS agit dans la limite de ses "
            "moyens humains et techniques ; elle ne remplace ni l'hôpital, ni le SAMU »",
        )


_WITHIN_MEANS = re.compile(r"(limite|mesure|hauteur|capacite)s? de (ses|nos) moyens")


def says_within_means(text: str) -> bool:
    """'dans la limite de ses moyens', '... dans la mesure de ses moyens', accents and case
    aside: the ACI's words, or their usual variants."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    return bool(_WITHIN_MEANS.search(" ".join(plain.split())))


CO_EQUAL = "co_referent"
"""Role of référents who share the mission equally, with no titulaire and no suppléant."""


@rule(
    "referent-sse-titulaire",
    Severity.ERROR,
    Source.CNAM,
    "Un référent SSE est nommé (une personne de l'annuaire, titulaire ou co-référent).",
)
def referent(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """L'indicateur de la CNAM exige un référent SSE nommé : une personne de l'annuaire, dont
    le nom est renseigné, avec le rôle « titulaire », ou « co_referent » quand plusieurs
    référents se partagent la mission à parts égales.

    Exemple :

        piloter:
          referents_sse:
            - personne: julien-vermeersch
              role: titulaire
    """
    not_a_person = None
    for path, item in items(plan, REFERENTS):
        entry = plan.directory.get(item.get("personne", ""), {})
        is_person = entry.get("type") == "personne" and filled(entry.get("nom"))
        if item.get("role") in ("titulaire", CO_EQUAL) and is_person:
            return
        if item.get("role") in ("titulaire", CO_EQUAL) and entry.get("type") == "organisme":
            not_a_person = not_a_person or ((*path, "personne"), item["personne"])
    if not_a_person is not None:  # named, but an organisation: say which, not « aucun »
        where, name = not_a_person
        yield Finding(
            where,
            f"le référent SSE « {name} » est une organisation de l'annuaire (type: organisme) "
            "et non une personne",
            "écrivez l'identifiant d'une personne de l'annuaire (une entrée « type: "
            "personne »), celle qui tient le rôle de référent SSE",
        )
        return
    yield Finding(
        REFERENTS,
        "aucun référent SSE titulaire (ou co-référent) nommé",
        "ajoutez une personne de l'annuaire (type: personne, nom renseigné) avec "
        "« role: titulaire », ou plusieurs avec « role: co_referent »",
    )


@rule(
    "referent-sse-suppleant",
    Severity.WARNING,
    Source.GUIDE,
    "Le référent SSE a un suppléant, ou plusieurs co-référents se remplacent.",
)
def referent_deputy(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Une crise dure : le référent SSE doit avoir au moins un suppléant, une autre personne.
    Des co-référents à parts égales (« role: co_referent ») se remplacent entre eux : dès que
    deux personnes différentes portent la mission, dont au moins un co-référent, il n'y a pas
    besoin de suppléant.

    Exemple :

        piloter:
          referents_sse:
            - personne: julien-vermeersch
              role: titulaire
            - personne: sophie-lefebvre
              role: suppleant

    ou, avec trois co-référents (deux médecins et une pharmacienne) :

        piloter:
          referents_sse:
            - {personne: dr-faure, role: co_referent}
            - {personne: dr-roux, role: co_referent}
            - {personne: ph-garnier, role: co_referent}
    """
    referents = [item for _, item in items(plan, REFERENTS)]
    roles = {item.get("role") for item in referents}
    holders = {
        item.get("personne") for item in referents if item.get("role") in ("titulaire", CO_EQUAL)
    }
    if "suppleant" in roles or (CO_EQUAL in roles and len(holders) >= 2):
        return
    yield Finding(
        REFERENTS,
        "le référent SSE n'a pas de suppléant",
        "ajoutez un référent avec « role: suppleant », ou nommez plusieurs co-référents "
        "(« role: co_referent »)",
    )
