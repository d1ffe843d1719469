"""Cellule de crise : lieu principal et lieu de repli, activation, fonctions tenues par un
titulaire et un suppléant différents, joignables 24 h/24."""

from __future__ import annotations

from collections.abc import Iterator

from cptsplan.findings.problems import Severity
from cptsplan.messages.vocabulary import CELL_FUNCTIONS
from cptsplan.model import Plan
from cptsplan.rules.base import Finding, RuleContext, Source, rule
from cptsplan.rules.helpers import (
    cell_communication,
    filled,
    get,
    has_h24_phone,
    is_placeholder,
    items,
)

REFERENTS = ("piloter", "referents_sse")
CELL = ("piloter", "cellule_de_crise")
CORE_FUNCTIONS = ("decision", "pilotage", "communication")


@rule(
    "cellule-lieu-principal",
    Severity.ERROR,
    Source.CNAM,
    "Le lieu principal de la cellule de crise est renseigné (nom et adresse).",
)
def main_place(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """L'indicateur de la CNAM exige le lieu de la cellule de crise.

    Exemple :

        piloter:
          cellule_de_crise:
            lieu_principal:
              nom: Salle de réunion de la MSP
              adresse: 4 quai des Tisserands, 59455 Saint-Aubert-sur-Lys
    """
    place = get(plan.data, (*CELL, "lieu_principal")) or {}
    for key in ("nom", "adresse"):
        if not filled(place.get(key)):
            yield Finding(
                (*CELL, "lieu_principal", key),
                f"lieu principal de la cellule de crise : {key} non renseigné",
                "indiquez où se réunit la cellule de crise",
            )


@rule(
    "cellule-lieu-repli",
    Severity.WARNING,
    Source.GUIDE,
    "La cellule de crise a un lieu de repli ou un mode de fonctionnement à distance.",
)
def fallback_place(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Si le lieu principal est inaccessible (inondation, incendie, panne), la cellule doit
    pouvoir se réunir ailleurs ou à distance.

    Exemple :

        piloter:
          cellule_de_crise:
            lieu_repli: {nom: Mairie de Merlinghem, adresse: 1 place de l'Hôtel de Ville}
            mode_distanciel: Visioconférence de l'outil régional et pont téléphonique.
    """
    cell = get(plan.data, CELL) or {}
    fallback = cell.get("lieu_repli") or {}
    if is_placeholder(cell.get("mode_distanciel")) or is_placeholder(fallback.get("adresse")):
        return  # being written: reported as « à compléter »
    if not (filled(fallback.get("adresse")) or filled(cell.get("mode_distanciel"))):
        yield Finding(
            (*CELL, "lieu_repli"),
            "la cellule de crise n'a ni lieu de repli ni mode de fonctionnement à distance",
            "ajoutez « lieu_repli » (nom, adresse) ou « mode_distanciel »",
        )


@rule(
    "cellule-activation",
    Severity.WARNING,
    Source.GUIDE,
    "Le plan dit qui active la cellule de crise, et comment.",
)
def activation(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Qui décide d'activer la cellule, sur quelle alerte, comment les membres sont convoqués
    et en combien de temps.

    Exemple :

        piloter:
          cellule_de_crise:
            activation: La présidente active la cellule sur proposition du référent SSE ...
    """
    if not filled(get(plan.data, (*CELL, "activation"))):
        yield Finding(
            (*CELL, "activation"),
            "l'activation de la cellule de crise n'est pas décrite",
            "dites qui active la cellule, sur quelle alerte, et comment les membres sont convoqués",
        )


@rule(
    "cellule-fonctions",
    Severity.WARNING,
    Source.GUIDE,
    "Les fonctions essentielles de la cellule (décision, pilotage, communication) sont tenues.",
)
def functions(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """La cellule de crise répartit des fonctions ; au minimum la décision, le pilotage et la
    coordination, et la communication doivent avoir un titulaire. Une fonction tenue par la
    cellule dans son ensemble est une réponse : la communication l'est quand une mission de
    la cellule (« cellule_de_crise: missions ») dit qu'elle communique, par exemple
    « Communiquer auprès des professionnels et de la population ». Une cellule dont aucune
    fonction n'est encore attribuée le lit une fois.

    Exemple :

        piloter:
          cellule_de_crise:
            fonctions:
              - fonction: decision
                titulaire: claire-vandamme
                suppleant: bruno-caron
    """
    present = {item.get("fonction") for _, item in items(plan, (*CELL, "fonctions"))}
    if cell_communication(plan) is not None:
        present.add("communication")  # held by the cell as a body
    if not present & set(CORE_FUNCTIONS):
        # A cell whose functions are not shared out yet: one thing to do, said once.
        names = ", ".join(f"« {CELL_FUNCTIONS[f]} »" for f in CORE_FUNCTIONS)
        yield Finding(
            (*CELL, "fonctions"),
            f"aucune des fonctions essentielles de la cellule de crise n'a de titulaire ({names})",
            "ajoutez sous « fonctions » chacune avec un titulaire et un suppléant (fonction: "
            f"{', '.join(CORE_FUNCTIONS)})",
        )
        return
    for function in CORE_FUNCTIONS:
        if function not in present:
            yield Finding(
                (*CELL, "fonctions"),
                f"la fonction « {CELL_FUNCTIONS[function]} » de la cellule de crise n'a pas "
                "de titulaire",
                f"ajoutez une fonction « {function} » avec un titulaire et un suppléant",
                subject=function,
            )


@rule(
    "cellule-fonction-suppleant",
    Severity.WARNING,
    Source.GUIDE,
    "Chaque fonction de la cellule de crise a un suppléant.",
)
def function_deputy(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Chaque fonction a un titulaire et un suppléant, pour tenir dans la durée et pallier
    une absence.

    Exemple :

        - fonction: communication
          titulaire: helene-dewaele
          suppleant: pauline-desmet
    """
    for path, item in items(plan, (*CELL, "fonctions")):
        if not item.get("suppleant"):
            label = item.get("libelle") or CELL_FUNCTIONS.get(item.get("fonction", ""), "?")
            yield Finding(
                path,
                f"la fonction « {label} » de la cellule de crise n'a pas de suppléant",
                "ajoutez « suppleant: » avec l'identifiant d'une autre personne de l'annuaire",
            )


@rule(
    "suppleant-identique",
    Severity.ERROR,
    Source.COHERENCE,
    "Un suppléant est une autre personne que le titulaire.",
)
def same_deputy(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Le titulaire et le suppléant d'une fonction, du point d'entrée de l'alerte ou d'une
    entrée de l'annuaire doivent être deux personnes différentes ; la même personne ne peut
    pas non plus être à la fois référent SSE titulaire et suppléant. Avec des référents par
    typologie (« typologies: [T1, T4] »), la même personne peut être titulaire d'une
    typologie et suppléante d'une autre : seule une typologie commune est une erreur.

    Exemple d'erreur :

        - fonction: pilotage
          titulaire: julien-vermeersch
          suppleant: julien-vermeersch
    """
    for path, item in items(plan, (*CELL, "fonctions")):
        if item.get("suppleant") and item.get("suppleant") == item.get("titulaire"):
            yield Finding(
                (*path, "suppleant"),
                f"« {plan.display_name(item['titulaire'])} » est à la fois titulaire et "
                "suppléant de la même fonction",
                "choisissez une autre personne comme suppléant",
            )
    entry_point = get(plan.data, ("piloter", "chaine_alerte", "point_entree")) or {}
    if entry_point.get("suppleant") and entry_point.get("suppleant") == entry_point.get("personne"):
        yield Finding(
            ("piloter", "chaine_alerte", "point_entree", "suppleant"),
            "le point d'entrée de l'alerte a pour suppléant la même personne",
            "choisissez une autre personne comme suppléant",
        )
    # Référents per typology: the titulaire of T1 may be the suppléant of T2. Only the same
    # person as titulaire and suppléant of one typology (no list: every typology) is wrong.
    seen: dict[str, list[tuple[str, frozenset[str] | None]]] = {}
    reported: set[str] = set()
    for path, item in items(plan, REFERENTS):
        person, role = item.get("personne", ""), item.get("role", "")
        listed = item.get("typologies")
        covered = frozenset(map(str, listed)) if isinstance(listed, list) and listed else None
        opposite = {"titulaire": "suppleant", "suppleant": "titulaire"}.get(role)
        shared = [
            _common(covered, scope)
            for other, scope in seen.get(person, [])
            if other == opposite and (covered is None or scope is None or covered & scope)
        ]
        seen.setdefault(person, []).append((role, covered))
        if shared and person not in reported:
            reported.add(person)
            which = shared[0]
            yield Finding(
                path,
                f"« {plan.display_name(person)} » est à la fois référent SSE titulaire et "
                "suppléant" + (f" ({', '.join(sorted(which))})" if which else ""),
                "le suppléant du référent SSE doit être une autre personne",
            )
    for path, entry in items(plan, ("annuaire",)):
        if entry.get("suppleant") and entry.get("suppleant") == entry.get("id"):
            yield Finding(
                (*path, "suppleant"),
                f"l'entrée « {entry['id']} » de l'annuaire est son propre suppléant",
                "choisissez une autre entrée de l'annuaire",
            )


def _common(one: frozenset[str] | None, other: frozenset[str] | None) -> frozenset[str] | None:
    """The typologies two référent lines share (None: both cover every typology)."""
    if one is None:
        return other
    return one if other is None else one & other


@rule(
    "cellule-joignable-h24",
    Severity.WARNING,
    Source.GUIDE,
    "Chaque titulaire d'une fonction de la cellule a un numéro joignable 24 h/24.",
)
def reachable_day_and_night(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Une alerte arrive la nuit et le week-end : chaque titulaire d'une fonction de la cellule
    de crise doit avoir, dans l'annuaire, un numéro marqué « h24: true ». Quand aucun
    titulaire n'en a (plus de deux fonctions), c'est dit une fois, avec leurs noms.

    Exemple :

        annuaire:
          - id: claire-vandamme
            telephones:
              - numero: "06 39 98 00 11"
                usage: mobile
                h24: true
    """
    cell = items(plan, (*CELL, "fonctions"))
    held = [(path, item) for path, item in cell if filled(item.get("titulaire"))]
    unreachable = [
        (path, item) for path, item in held
        if not has_h24_phone(plan.directory.get(item["titulaire"]))
    ]  # fmt: skip
    if len(unreachable) > 2 and len(unreachable) == len(held):
        # No holder has one (a plan read from Word never says it): one thing to do, once.
        people = list(dict.fromkeys(plan.display_name(i["titulaire"]) for _, i in held))
        yield Finding(
            (*CELL, "fonctions"),
            "aucun titulaire des fonctions de la cellule de crise n'a de numéro joignable "
            f"24 h/24 ({', '.join(people)})",
            "ajoutez à leurs entrées de l'annuaire le téléphone qu'ils gardent la nuit et le "
            "week-end, avec « h24: true »",
        )
        return
    for path, item in unreachable:
        holder = item["titulaire"]
        yield Finding(
            (*path, "titulaire"),
            f"le titulaire de la fonction « {item.get('libelle') or item.get('fonction')} » "
            f"({plan.display_name(holder)}) n'a pas de numéro joignable 24 h/24",
            f"ajoutez à l'entrée « {holder} » de l'annuaire un téléphone avec « h24: true »",
        )
