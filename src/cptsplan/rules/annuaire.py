"""Annuaire de crise : les organismes institutionnels attendus (point focal de l'ARS, SAMU,
préfecture, CPAM), les exigences régionales de la configuration, et la fraîcheur des
coordonnées (vérifiées depuis moins de 12 mois à la date de référence)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from cptsplan.findings.problems import Severity
from cptsplan.messages.categories import unwritten_category
from cptsplan.messages.dates import french_date
from cptsplan.messages.vocabulary import DIRECTORY_CATEGORIES
from cptsplan.model import Plan
from cptsplan.rules.base import Finding, RuleContext, Source, rule
from cptsplan.rules.helpers import (
    category_entries,
    has_h24_phone,
    items,
    over_a_year_before,
)

DIRECTORY = ("annuaire",)


def _missing(plan: Plan, category: str, what: str) -> Finding:
    """No entry of `category`: point at the organisation whose name says it is one, its
    category simply not written (an imported or hand-written directory), rather than ask
    for an entry the plan already has."""
    for path, entry in items(plan, DIRECTORY):
        if unwritten_category(entry) == category:
            name = entry["nom"]
            return Finding(
                path,
                f"l'annuaire n'a pas d'entrée de catégorie « {category} » pour {what} : "
                f"« {name} » semble l'être, mais sa catégorie n'est pas écrite",
                f"ajoutez « categorie: {category} » à l'entrée « {entry.get('id')} »",
                subject=category,
            )
    return Finding(
        DIRECTORY,
        f"l'annuaire n'a pas d'entrée pour {what}",
        f"ajoutez une entrée avec « categorie: {category} » et ses coordonnées",
        subject=category,
    )


@rule(
    "annuaire-ars",
    Severity.WARNING,
    Source.GUIDE,
    "L'annuaire contient le point focal de l'ARS, joignable 24 h/24.",
)
def ars(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Le point focal régional de l'ARS reçoit les signalements et émet les alertes, jour et
    nuit : l'annuaire a une entrée de catégorie « ars » avec un numéro « h24: true ».

    Exemple :

        annuaire:
          - id: ars-point-focal
            type: organisme
            nom: Point focal régional de l'ARS
            categorie: ars
            telephones:
              - {numero: "03 62 72 77 77", usage: astreinte, h24: true}
    """
    entries = category_entries(plan, "ars")
    if not entries:
        yield _missing(plan, "ars", "l'ARS (point focal régional)")
    elif not any(has_h24_phone(entry) for entry in entries):
        yield Finding(
            DIRECTORY,
            "aucune entrée de l'ARS n'a de numéro joignable 24 h/24 (point focal régional)",
            "ajoutez au point focal régional de l'ARS un téléphone avec « h24: true »",
            subject="ars",
        )


@rule("annuaire-samu", Severity.WARNING, Source.GUIDE, "L'annuaire contient le SAMU (Centre 15).")
def samu(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Le SAMU-Centre 15 régule les urgences et peut alerter la CPTS : l'annuaire a une entrée
    de catégorie « samu ».

    Exemple :

        - id: samu-59
          type: organisme
          nom: SAMU 59 - Centre 15
          categorie: samu
          telephones: [{numero: "15", usage: standard, h24: true}]
    """
    if not category_entries(plan, "samu"):
        yield _missing(plan, "samu", "le SAMU (Centre 15)")


@rule("annuaire-prefecture", Severity.WARNING, Source.GUIDE, "L'annuaire contient la préfecture.")
def prefecture(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """La préfecture (SIDPC, centre opérationnel départemental) déclenche l'ORSEC et peut
    alerter la CPTS : l'annuaire a une entrée de catégorie « prefecture ».

    Exemple :

        - id: prefecture-sidpc
          type: organisme
          nom: Préfecture - SIDPC
          categorie: prefecture
    """
    if not category_entries(plan, "prefecture"):
        yield _missing(plan, "prefecture", "la préfecture")


@rule("annuaire-cpam", Severity.WARNING, Source.GUIDE, "L'annuaire contient la CPAM.")
def cpam(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """La CPAM est signataire de l'ACI et destinataire du plan : l'annuaire a une entrée de
    catégorie « cpam ».

    Exemple :

        - id: cpam-flandres
          type: organisme
          nom: CPAM des Flandres
          categorie: cpam
    """
    if not category_entries(plan, "cpam"):
        yield _missing(plan, "cpam", "la CPAM")


@rule(
    "exigence-regionale-annuaire",
    Severity.ERROR,
    Source.GUIDE,
    "L'annuaire contient les entrées exigées par la configuration régionale.",
    why="une erreur : la région l'a elle-même déclarée dans sa configuration (« exigences: »)",
)
def regional_directory(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Une ARS ou une fédération peut exiger d'autres entrées sans écrire de code, dans
    « .cptsplan.yaml » : des catégories (« exigences: annuaire: categories ») ou des entrées
    décrites par une catégorie, un texte à trouver dans le nom, la fonction ou la structure,
    et un numéro joignable 24 h/24.

    Exemple de configuration :

        exigences:
          annuaire:
            categories: [sdis]
            entrees:
              - libelle: Délégation départementale de l'ARS
                categorie: ars
                texte: délégation
    """
    requirements = ctx.requirements
    if requirements is None:
        return
    for category in requirements.categories:
        if not category_entries(plan, category):
            label = DIRECTORY_CATEGORIES.get(category, category)
            yield _missing(plan, category, f"la catégorie « {label} » (exigence régionale)")
    for wanted in requirements.entries:
        if not any(wanted.matches(entry) for _, entry in items(plan, DIRECTORY)):
            yield Finding(
                DIRECTORY,
                f"l'annuaire n'a pas d'entrée pour « {wanted.label} » (exigence régionale)",
                wanted.hint(),
            )


@rule(
    "contact-verification-ancienne",
    Severity.WARNING,
    Source.GUIDE,
    "Les coordonnées de l'annuaire ont été vérifiées depuis moins de 12 mois.",
)
def stale_contact(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Un annuaire de crise faux ne sert à rien : chaque entrée porte la date de sa dernière
    vérification (« verifie_le »), qui doit dater de moins de 12 mois à la date de référence.

    Exemple : « verifie_le: 2026-09-14 ».
    """
    for path, entry in items(plan, DIRECTORY):
        checked = entry.get("verifie_le")
        if isinstance(checked, date) and over_a_year_before(checked, ctx.today):
            yield Finding(
                (*path, "verifie_le"),
                f"coordonnées de « {plan.display_name(entry['id'])} » vérifiées le "
                f"{french_date(checked)}, il y a plus de 12 mois",
                "vérifiez les coordonnées (appel, courriel) puis mettez la date à jour",
            )


@rule(
    "contact-non-verifie",
    Severity.INFO,
    Source.GUIDE,
    "Chaque entrée de l'annuaire porte la date de sa dernière vérification.",
    why=(
        "une information : la date de vérification de chaque coordonnée est une aide, aucun "
        "texte ne l'exige"
    ),
)
def unchecked_contact(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Sans date de vérification, personne ne sait si les coordonnées sont encore justes.
    Un annuaire dont aucune entrée n'est datée (plus de deux) reçoit un seul rappel.

    Exemple : « verifie_le: 2026-09-14 ».
    """
    reachable = [
        (path, entry)
        for path, entry in items(plan, DIRECTORY)
        if entry.get("telephones") or entry.get("email")
    ]
    unchecked = [(path, e) for path, e in reachable if e.get("verifie_le") is None]
    if len(unchecked) > 2 and len(unchecked) == len(reachable):
        # A directory that dates none of its entries (every plan read from Word): one
        # reminder, not one per entry (twelve on a real plan, for the same habit).
        yield Finding(
            DIRECTORY,
            f"aucune des {len(unchecked)} entrées de l'annuaire n'a de date de vérification",
            "ajoutez « verifie_le: AAAA-MM-JJ » à chaque entrée après avoir vérifié ses "
            "coordonnées",
        )
        return
    for path, entry in unchecked:
        yield Finding(
            path,
            f"les coordonnées de « {plan.display_name(entry['id'])} » n'ont pas de date "
            "de vérification",
            "ajoutez « verifie_le: AAAA-MM-JJ » après avoir vérifié l'entrée",
        )
