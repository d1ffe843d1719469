"""Alerte et communication : qui alerte la CPTS, qui reçoit l'alerte, la cascade interne, la
communication interne et externe, la remontée d'informations aux autorités."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cptsplan.findings.problems import Severity
from cptsplan.model import Plan
from cptsplan.rules.base import Finding, RuleContext, Source, rule
from cptsplan.rules.helpers import cell_communication, filled, get, has_h24_phone

ALERT = ("piloter", "chaine_alerte")
COMMUNICATION = ("piloter", "communication")
REPORTING = ("piloter", "remontee_informations")


@rule(
    "alerte-point-entree",
    Severity.WARNING,
    Source.GUIDE,
    "La chaîne d'alerte a un point d'entrée : la personne qui reçoit l'alerte à la CPTS.",
)
def entry_point(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """L'ARS, la préfecture ou le SAMU doivent savoir qui appeler : le plan nomme la personne
    qui reçoit l'alerte (et son suppléant), et dit comment la joindre.

    Exemple :

        piloter:
          chaine_alerte:
            point_entree:
              personne: julien-vermeersch
              suppleant: sophie-lefebvre
              joignabilite: Téléphone d'astreinte SSE, 24 h/24 ...
    """
    if not get(plan.data, (*ALERT, "point_entree", "personne")):
        yield Finding(
            (*ALERT, "point_entree"),
            "la chaîne d'alerte n'a pas de point d'entrée (qui reçoit l'alerte à la CPTS ?)",
            "ajoutez « chaine_alerte: point_entree: personne: <identifiant> »",
        )


@rule(
    "alerte-point-entree-h24",
    Severity.WARNING,
    Source.GUIDE,
    "Le point d'entrée de l'alerte (ou son suppléant) est joignable 24 h/24.",
)
def entry_point_h24(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """L'alerte peut arriver la nuit : la personne qui la reçoit, ou son suppléant, a dans
    l'annuaire un numéro marqué « h24: true ».

    Exemple :

        annuaire:
          - id: julien-vermeersch
            telephones:
              - {numero: "06 39 98 00 15", usage: astreinte, h24: true}
    """
    point = get(plan.data, (*ALERT, "point_entree")) or {}
    people = [point.get("personne"), point.get("suppleant")]
    if point.get("personne") and not any(
        has_h24_phone(plan.directory.get(person or "")) for person in people
    ):
        yield Finding(
            (*ALERT, "point_entree", "personne"),
            "le point d'entrée de l'alerte n'a pas de numéro joignable 24 h/24",
            "ajoutez un téléphone avec « h24: true » à la personne ou à son suppléant",
        )


@rule(
    "alerte-cascade",
    Severity.WARNING,
    Source.GUIDE,
    "La cascade d'alerte interne est décrite (de qui, vers qui, par quel canal).",
)
def cascade(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Une fois l'alerte reçue, qui prévient qui, par quel canal et en combien de temps.

    Exemple :

        piloter:
          chaine_alerte:
            cascade:
              - de: julien-vermeersch
                vers: Membres de la cellule de crise
                canal: SMS groupé
                delai: 30 minutes
    """
    if not get(plan.data, (*ALERT, "cascade")):
        yield Finding(
            (*ALERT, "cascade"),
            "la cascade d'alerte interne n'est pas décrite",
            "ajoutez sous « cascade » les étapes : de (qui), vers (qui), canal, délai",
        )


@rule(
    "alerte-emetteurs",
    Severity.WARNING,
    Source.GUIDE,
    "Le plan dit qui peut alerter la CPTS (ARS, préfecture, SAMU...).",
)
def senders(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Le point focal régional de l'ARS, sa délégation départementale, la préfecture, le SAMU,
    DGS-Urgent : le plan liste qui peut alerter la CPTS.

    Exemple :

        piloter:
          chaine_alerte:
            emetteurs: [ars-point-focal, ars-dd, prefecture, samu]
    """
    if not get(plan.data, (*ALERT, "emetteurs")):
        yield Finding(
            (*ALERT, "emetteurs"),
            "le plan ne dit pas qui peut alerter la CPTS",
            "listez sous « emetteurs » les entrées de l'annuaire (ARS, préfecture, SAMU...)",
        )


@rule(
    "communication-interne",
    Severity.WARNING,
    Source.GUIDE,
    "La communication interne (adhérents, professionnels non adhérents) est décrite.",
)
def internal_communication(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Comment la CPTS informe ses membres et les professionnels non adhérents pendant la
    crise : canaux, fréquence, qui écrit.

    Une mission de la cellule de crise dans son ensemble qui communique avec les
    professionnels (« communiquer auprès des professionnels et de la population », sous
    « cellule_de_crise: missions ») répond aussi.

    Exemple :

        piloter:
          communication:
            interne: SMS groupé pour l'alerte, liste de diffusion MSSanté pour les consignes ...
    """
    if cell_communication(plan, "interne") is not None:
        return
    if not filled(get(plan.data, (*COMMUNICATION, "interne"))):
        yield Finding(
            (*COMMUNICATION, "interne"),
            "la communication interne n'est pas décrite",
            "décrivez comment les adhérents et les professionnels non adhérents sont informés",
        )


@rule(
    "communication-externe",
    Severity.WARNING,
    Source.GUIDE,
    "La communication externe (population, élus, presse, partenaires) est décrite.",
)
def external_communication(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Comment la CPTS relaie les messages officiels vers la population, les élus, la presse
    et les partenaires ; elle ne fait pas ses propres recommandations sanitaires.

    Une mission de la cellule de crise dans son ensemble qui communique avec la population
    (ou les élus, la presse) répond aussi.

    Exemple :

        piloter:
          communication:
            externe: La CPTS relaie les messages officiels de l'ARS et de la préfecture ...
    """
    if cell_communication(plan, "externe") is not None:
        return
    if not filled(get(plan.data, (*COMMUNICATION, "externe"))):
        yield Finding(
            (*COMMUNICATION, "externe"),
            "la communication externe n'est pas décrite",
            "décrivez comment la population, les élus et la presse sont informés",
        )


@rule(
    "remontee-informations",
    Severity.WARNING,
    Source.GUIDE,
    "La remontée d'informations aux autorités est prévue (indicateurs, fréquence).",
)
def reporting(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Pendant la crise, la CPTS rend compte à l'ARS : quels indicateurs, à quelle fréquence,
    à qui.

    Exemple :

        piloter:
          remontee_informations:
            indicateurs: [Nombre de professionnels mobilisés, Nombre d'actions réalisées]
            frequence: Quotidienne
            destinataires: [ars-dd]
    """
    if not get(plan.data, (*REPORTING, "indicateurs")):
        yield Finding(
            REPORTING,
            "la remontée d'informations aux autorités n'est pas prévue",
            "ajoutez « remontee_informations » avec ses indicateurs, sa fréquence et ses "
            "destinataires",
        )


_PROFESSIONALS = re.compile(r"professionnel", re.IGNORECASE)
_ACTIONS = re.compile(r"\bactions?\b", re.IGNORECASE)


@rule(
    "remontee-indicateurs-cnam",
    Severity.INFO,
    Source.CNAM,
    "Les indicateurs remontés comptent les professionnels mobilisés et les actions menées.",
    why=(
        "une information : le plan prévoit des indicateurs, la CNAM compte ceux des activations"
        " réelles (voir « activation-indicateurs-cnam »)"
    ),
)
def cnam_indicators(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """La rémunération de crise se fonde sur le nombre de professionnels mobilisés et le
    nombre d'actions menées : ce sont les deux indicateurs à remonter au minimum.

    Exemple :

        indicateurs:
          - Nombre de professionnels mobilisés, par profession
          - Nombre d'actions réalisées, par type
    """
    indicators = get(plan.data, (*REPORTING, "indicateurs"))
    if not indicators:
        return
    text = " ".join(str(item) for item in indicators)
    for pattern, what in ((_PROFESSIONALS, "professionnels mobilisés"), (_ACTIONS, "actions")):
        if not pattern.search(text):
            yield Finding(
                (*REPORTING, "indicateurs"),
                f"aucun indicateur ne compte les {what}",
                f"ajoutez un indicateur « Nombre de {what} »",
            )
