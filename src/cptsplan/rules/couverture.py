"""Couverture de la trame nationale : une réponse pour chaque typologie de crise de l'ACI et
chaque volet de l'ORSAN, des scénarios locaux, la continuité des soins."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from enum import Enum
from typing import Any

from cptsplan.findings.problems import Severity
from cptsplan.messages.vocabulary import TYPOLOGIES, TYPOLOGY_VOLETS, VOLETS, normalize_volets
from cptsplan.model import Plan, sections
from cptsplan.rules.base import Finding, RuleContext, Source, rule
from cptsplan.rules.helpers import filled, get, is_placeholder, items

RESPONSES = ("adapter", "reponses")


class Coverage(Enum):
    ANSWERED = "answered"
    PENDING = "pending"
    """A response for it is still being written (an action or its typologies to complete)."""
    MISSING = "missing"


def _actions(response: dict[str, Any]) -> list[dict[str, Any]]:
    return sections(response.get("actions"))


def _has_action(response: dict[str, Any]) -> bool:
    return any(filled(action.get("action")) for action in _actions(response))


def _pending(response: dict[str, Any]) -> bool:
    return (
        any(is_placeholder(action) for action in response.get("actions", []))
        or any(
            is_placeholder(action.get("action")) or is_placeholder(action.get("phase"))
            for action in _actions(response)
        )
        or any(is_placeholder(value) for value in response.get("typologies", []))
    )


def coverage(
    responses: list[dict[str, Any]], names: Callable[[dict[str, Any]], set[str]], value: str
) -> Coverage:
    """Whether `value` (a typology or a volet) is answered by a response with an action."""
    concerned = [r for r in responses if value in names(r)]
    if any(_has_action(response) for response in concerned):
        return Coverage.ANSWERED
    # A response whose typologies are to complete may well be the one for `value`.
    undecided = [r for r in responses if any(is_placeholder(t) for t in r.get("typologies", []))]
    if any(_pending(response) for response in concerned + undecided):
        return Coverage.PENDING
    return Coverage.MISSING


def volet_mapping(plan: Plan) -> dict[str, tuple[str, ...]]:
    """The default typology -> volets table, with the lines the plan writes itself."""
    mapping = dict(TYPOLOGY_VOLETS)
    for _, line in items(plan, ("adapter", "correspondance_volets")):
        if isinstance(line.get("typologie"), str):
            volets = [v for v in line.get("volets", []) if isinstance(v, str)]
            mapping[line["typologie"]] = tuple(normalize_volets(volets))
    return mapping


def response_volets(plan: Plan) -> Callable[[dict[str, Any]], set[str]]:
    """The volets a response covers: those it names, and those of its typologies."""
    mapping = volet_mapping(plan)

    def volets(response: dict[str, Any]) -> set[str]:
        named = {v for v in response.get("volets", []) if isinstance(v, str)}
        typologies = [t for t in response.get("typologies", []) if isinstance(t, str)]
        return named | {v for t in typologies for v in mapping.get(t, ())}

    return volets


def _typologies(response: dict[str, Any]) -> set[str]:
    return {t for t in response.get("typologies", []) if isinstance(t, str)}


def _responses(plan: Plan) -> list[dict[str, Any]]:
    return [response for _, response in items(plan, RESPONSES)]


@rule(
    "typologie-sans-reponse",
    Severity.ERROR,
    Source.ACI,
    "Chaque typologie de crise T1 à T5 a une réponse avec au moins une action.",
    placeholder_aware=True,
)
def typology_without_response(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """L'ACI demande que le plan traite les cinq typologies de crise (T1 blessés, T2 malades
    fragiles, T3 agent émergent, T4 NRC, T5 perturbation de l'offre de soins), et
    l'indicateur de la CNAM rémunère les « actions à mener » : chaque typologie doit donc
    apparaître dans au moins une réponse qui contient au moins une action rédigée. Une
    réponse dont l'action est encore « A_COMPLETER » est signalée comme champ à compléter,
    pas comme une réponse absente.

    Exemple :

        adapter:
          reponses:
            - id: rep-offre-de-soins
              titre: Perturbation de l'offre de soins
              typologies: [T5]
              actions:
                - phase: alerte
                  action: Recenser les cabinets et officines fermés.
    """
    responses = _responses(plan)
    for typology, label in TYPOLOGIES.items():
        if coverage(responses, _typologies, typology) is Coverage.MISSING:
            yield Finding(
                RESPONSES,
                f"aucune réponse avec une action pour la typologie {typology} ({label})",
                f"ajoutez une réponse avec « typologies: [{typology}] » et au moins une action",
                subject=typology,
            )


@rule(
    "volet-sans-reponse",
    Severity.WARNING,
    Source.GUIDE,
    "Chaque volet de l'ORSAN est couvert par une réponse (volets nommés ou déduits).",
    placeholder_aware=True,
)
def volet_without_response(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Les guides régionaux demandent que le plan dise ce que fait la CPTS dans chacun des
    cinq volets de l'ORSAN révisé (AMAVI, MEDICO-PSY, EPI-CLIM, REB, NRC). Les plans réels
    sont organisés par typologies de crise, comme le demande l'ACI : les volets se déduisent
    alors des typologies de chaque réponse (T1 → AMAVI et MEDICO-PSY, T2 → EPI-CLIM,
    T3 → REB, T4 → NRC ; T5 est transversale). Une réponse peut aussi nommer ses volets
    (« volets: »), et le plan peut écrire sa propre correspondance
    (« adapter.correspondance_volets »). Les anciens noms (CLIM, EPI-VAC, BIO, NRBC) sont
    acceptés et convertis. C'est un avertissement : l'ACI demande les typologies, pas les
    volets. Un volet dont les typologies n'ont elles-mêmes aucune réponse n'est pas signalé
    une deuxième fois : « typologie-sans-reponse » le dit déjà (la grille de conformité le
    montre toujours « non »).

    Exemple : un volet MEDICO-PSY que le plan traite avec T2 plutôt qu'avec T1 :

        adapter:
          correspondance_volets:
            - typologie: T1
              volets: [AMAVI]
            - typologie: T2
              volets: [EPI-CLIM, MEDICO-PSY]
    """
    responses = _responses(plan)
    volets = response_volets(plan)
    mapping = volet_mapping(plan)
    for volet, label in VOLETS.items():
        if coverage(responses, volets, volet) is Coverage.MISSING:
            typologies = [t for t, names in mapping.items() if volet in names]
            # Its typologies lack a response too: `typologie-sans-reponse` says it already.
            echo = bool(typologies) and all(
                coverage(responses, _typologies, t) is Coverage.MISSING for t in typologies
            )
            yield Finding(
                RESPONSES,
                f"aucune réponse ne couvre le volet ORSAN {volet} ({label}), ni par ses "
                "volets ni par ses typologies",
                f"ajoutez une réponse à une typologie qui relève de {volet}, nommez « {volet} » "
                "dans les volets d'une réponse, ou précisez « adapter.correspondance_volets »",
                subject=volet,
                because="typologie-sans-reponse" if echo else None,
            )


@rule(
    "typologie-sans-scenario",
    Severity.WARNING,
    Source.GUIDE,
    "Chaque typologie a un scénario local au diagnostic des risques, ou une justification.",
)
def typology_without_scenario(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Le diagnostic des risques relie chaque risque du territoire aux typologies qu'il peut
    déclencher. Une typologie qu'aucun risque local ne déclenche doit être justifiée dans
    « typologies_sans_scenario ». Un plan qui n'a pas encore de diagnostic le lit une fois,
    pas une fois par typologie.

    Exemple :

        anticiper:
          typologies_sans_scenario:
            - typologie: T4
              justification: Aucun site nucléaire ni chimique à moins de 50 km.
    """
    covered = {
        t
        for _, risk in items(plan, ("anticiper", "diagnostic_risques"))
        for t in risk.get("typologies", [])
    }
    covered |= {
        entry.get("typologie")
        for _, entry in items(plan, ("anticiper", "typologies_sans_scenario"))
        if filled(entry.get("justification"))
    }
    # What the verdict reads: each risk's typologies and the justifications (not, say, a
    # risk's category still « A_COMPLETER »).
    reads = (
        *((*path, "typologies") for path, _ in items(plan, ("anticiper", "diagnostic_risques"))),
        ("anticiper", "typologies_sans_scenario"),
    )
    if not covered and next(items(plan, ("anticiper", "diagnostic_risques")), None) is None:
        # No diagnostic at all (a first draft, a plan read from Word): one cause, said once
        # rather than as five typologies without a risk.
        yield Finding(
            ("anticiper", "diagnostic_risques"),
            "le plan n'a pas de diagnostic des risques : aucune des typologies T1 à T5 n'est "
            "reliée à un risque du territoire",
            "ajoutez sous « diagnostic_risques » les risques du territoire, chacun avec les "
            "typologies qu'il peut déclencher (une typologie sans risque local se justifie "
            "dans « typologies_sans_scenario »)",
            depends_on=(("anticiper", "diagnostic_risques"), *reads),
        )
        return
    for typology in TYPOLOGIES:
        if typology not in covered:
            yield Finding(
                ("anticiper", "diagnostic_risques"),
                f"aucun risque du diagnostic ne déclenche la typologie {typology}, "
                "et aucune justification n'est donnée",
                f"ajoutez {typology} aux typologies d'un risque, ou justifiez son absence "
                "dans « typologies_sans_scenario »",
                subject=typology,
                depends_on=reads,
            )


CONTINUITY = ("adapter", "continuite_des_soins")


@rule(
    "continuite-soins",
    Severity.ERROR,
    Source.ACI,
    "La continuité des soins des patients chroniques et vulnérables est décrite.",
)
def continuity_of_care(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """L'ACI demande que le plan organise la continuité des soins des patients atteints de
    maladies chroniques ou vulnérables (renouvellements d'ordonnance, soins à domicile,
    dialyse, oxygène...). Les principes doivent être rédigés.

    Exemple :

        adapter:
          continuite_des_soins:
            principes: >-
              Chaque professionnel repère ses patients fragiles dans sa propre patientèle ...
    """
    if not filled(get(plan.data, (*CONTINUITY, "principes"))):
        yield Finding(
            (*CONTINUITY, "principes"),
            "les principes de continuité des soins ne sont pas rédigés",
            "décrivez comment les patients chroniques gardent leurs soins pendant la crise",
        )


@rule(
    "continuite-soins-besoins",
    Severity.WARNING,
    Source.GUIDE,
    "Les besoins de soins à maintenir (dialyse, oxygène, insuline...) sont listés.",
)
def continuity_needs(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Les guides régionaux attendent, besoin par besoin, l'organisation prévue : dialyse,
    oxygénothérapie, insulinothérapie, chimiothérapie orale, soins infirmiers à domicile,
    santé mentale...

    Exemple :

        adapter:
          continuite_des_soins:
            besoins:
              - besoin: Dialyse
                organisation: Le centre de dialyse tient la liste de ses patients ...
    """
    needs = [need for _, need in items(plan, (*CONTINUITY, "besoins"))]
    if not any(filled(need.get("organisation")) for need in needs):
        yield Finding(
            (*CONTINUITY, "besoins"),
            "aucun besoin de soins à maintenir n'est décrit (dialyse, oxygène, insuline...)",
            "ajoutez sous « besoins » chaque besoin et son organisation",
        )


@rule(
    "continuite-soins-reperage",
    Severity.WARNING,
    Source.GUIDE,
    "Le plan dit où sont repérés les patients fragiles (sans copier les listes).",
)
def continuity_identification(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Chaque professionnel repère les patients fragiles de sa patientèle, et la mairie (CCAS)
    tient le registre des personnes vulnérables. Le plan renvoie à ces listes, il ne les copie
    jamais.

    Exemple :

        adapter:
          continuite_des_soins:
            reperage_patients_fragiles: Chaque médecin et infirmier tient sa liste ...
            registre_personnes_vulnerables: Registres des CCAS, activés par les maires.
    """
    section = get(plan.data, CONTINUITY) or {}
    if not (
        filled(section.get("reperage_patients_fragiles"))
        or filled(section.get("registre_personnes_vulnerables"))
    ):
        yield Finding(
            (*CONTINUITY, "reperage_patients_fragiles"),
            "le plan ne dit pas comment les patients fragiles sont repérés",
            "renvoyez aux listes tenues par chaque professionnel et au registre du CCAS",
        )


def _normalized(text: object) -> str:
    return " ".join(str(text).casefold().split()).strip(" .;")


@rule(
    "reponse-generique",
    Severity.WARNING,
    Source.PRATIQUE,
    "Les typologies n'ont pas toutes les mêmes actions (une réponse générique n'en vaut pas cinq).",
)
def generic_response(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Une même liste d'actions écrite pour plusieurs typologies (une réponse « T1 à T5 », ou
    la même réponse copiée sous chaque typologie) ne dit pas ce que la CPTS fait de
    différent face à des blessés, une épidémie ou une pénurie. La règle le signale, sans
    compter ces typologies comme absentes : précisez, typologie par typologie, ce qui change.

    Exemple à éviter :

        - id: rep-toutes-crises
          titre: Réponse à toutes les crises
          typologies: [T1, T2, T3, T4, T5]
          actions:
            - phase: alerte
              action: Activer la cellule de crise et informer les adhérents.
    """
    by_typology: dict[str, frozenset[str]] = {}
    for typology in TYPOLOGIES:
        texts = frozenset(
            _normalized(action.get("action"))
            for response in _responses(plan)
            if typology in _typologies(response)
            for action in _actions(response)
            if filled(action.get("action"))
        )
        if texts:
            by_typology[typology] = texts
    groups: dict[frozenset[str], list[str]] = {}
    for typology, texts in by_typology.items():
        groups.setdefault(texts, []).append(typology)
    for typologies in groups.values():
        if len(typologies) >= 2:
            listed = ", ".join(typologies)
            yield Finding(
                RESPONSES,
                f"les typologies {listed} ont exactement les mêmes actions : une réponse "
                "générique ne dit pas ce que la CPTS fait dans chaque situation",
                "écrivez pour chaque typologie les actions qui lui sont propres (publics, "
                "partenaires, lieux, phases)",
            )
