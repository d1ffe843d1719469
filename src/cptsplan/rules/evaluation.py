"""Évaluation : formations, exercices (au moins un par an, ou une activation réelle avec son
RETEX), retours d'expérience (RETEX) et suivi de leurs actions correctives. Les règles datées
utilisent la date de référence."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from cptsplan.findings.problems import Severity
from cptsplan.messages.dates import french_date, of_fr, when_fr
from cptsplan.model import Plan
from cptsplan.rules.base import Finding, RuleContext, Source, rule
from cptsplan.rules.helpers import (
    dated_within,
    earliest,
    filled,
    get,
    is_placeholder,
    items,
    latest,
    took_place,
    year_before,
)

EXERCISES = ("anticiper", "exercices")


@rule(
    "formations",
    Severity.WARNING,
    Source.GUIDE,
    "Le plan prévoit des formations à la gestion des SSE.",
)
def trainings(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Formations suivies ou prévues par les professionnels : AFGSU SSE, modules du CESU,
    formations de l'ARS ou de l'URPS.

    Exemple :

        anticiper:
          formations:
            - intitule: AFGSU spécialisée SSE
              organisme: CESU 59
              date: 2026-04-14
    """
    if not items_list(plan, ("anticiper", "formations")):
        yield Finding(
            ("anticiper", "formations"),
            "aucune formation n'est prévue ni enregistrée",
            "ajoutez sous « formations » les formations SSE suivies ou prévues (AFGSU, CESU)",
        )


def items_list(plan: Plan, path: tuple[str, ...]) -> list[dict[str, Any]]:
    return [item for _, item in items(plan, path)]


ACTIVATIONS = ("evaluer", "activations")


def _exercised_by(item: dict[str, Any]) -> bool:
    """A real activation counts as the plan having been exercised, its RETEX written or not
    (a RETEX due is its own finding, `activation-sans-retex`)."""
    return earliest(item.get("debut")) is not None


@rule(
    "exercices",
    Severity.WARNING,
    Source.GUIDE,
    "Le plan enregistre des exercices.",
)
def exercises(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Un plan qui n'est jamais exercé ne marche pas le jour venu : exercices sur table, de
    terrain ou de communication, avec leur date et leur typologie. Une activation réelle du
    plan (« evaluer: activations », avec sa date de début) compte aussi, que son RETEX soit
    déjà écrit ou non.

    Exemple :

        anticiper:
          exercices:
            - id: ex-2026-cyber
              intitule: Cyberattaque d'un laboratoire
              date: 2026-03-17
              type: table
    """
    activations = [item for item in items_list(plan, ACTIVATIONS) if _exercised_by(item)]
    if not items_list(plan, EXERCISES) and not activations:
        yield Finding(
            EXERCISES,
            "aucun exercice n'est enregistré",
            "ajoutez sous « exercices » les exercices réalisés ou prévus",
        )


def _recent_activation(item: dict[str, Any], start: date, today: date) -> bool:
    """Under way or ended since `start`; with periods, as long as it may be (see
    `dated_within`)."""
    last = latest(item.get("fin")) or latest(item["debut"])
    first = earliest(item["debut"])
    return last is not None and first is not None and start <= last and first <= today


@rule(
    "exercice-annuel",
    Severity.WARNING,
    Source.GUIDE,
    "Au moins un exercice a eu lieu dans les 12 derniers mois.",
)
def yearly_exercise(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Les acteurs de l'ORSAN s'exercent au moins une fois par an : un exercice doit dater de
    moins de 12 mois à la date de référence (option --date).

    Un exercice « statut: prevu » ne compte pas, ni un exercice sans date (un exercice prévu
    pour « le printemps 2027 » n'a pas encore eu lieu). Une activation réelle du plan compte
    comme un exercice, à la date de sa fin (ou de son début si elle dure encore), que son
    RETEX soit déjà écrit ou non. Un exercice daté d'une période n'est trop ancien que si son
    dernier jour l'est : avec --date 2026-06-15, « 2025-S2 » et « 2025-06 » comptent,
    « 2025-05 » non ; « 2025 » peut compter (cela dépend du jour) : pas de constat. Dans
    sa première année (première version de moins de 12 mois), un plan dont le premier
    exercice est prévu (« statut: prevu ») n'est pas en retard.

    Exemple : avec --date 2026-11-23, un exercice daté du 17 mars 2026 suffit, tout comme :

        evaluer:
          activations:
            - id: activation-2026-canicule
              titre: Canicule d'août 2026
              debut: 2026-08-10
              fin: 2026-08-18
              retex: retex-2026-canicule
    """
    exercises = items_list(plan, EXERCISES)
    activations = [item for item in items_list(plan, ACTIVATIONS) if _exercised_by(item)]
    start = year_before(ctx.today)
    recent = [
        item for item in exercises if took_place(item) and dated_within(item, start, ctx.today)
    ]
    recent += [item for item in activations if _recent_activation(item, start, ctx.today)]
    planned = any(item.get("statut") == "prevu" for item in exercises)
    if not recent and planned and _first_written(plan, start):
        # The plan's first year, its first exercise planned: nothing is late yet, but the
        # grid still says that no exercise took place (« non », no problem reported).
        yield Finding(
            EXERCISES, "le premier exercice du plan est prévu, pas encore fait", reported=False
        )
        return
    if (exercises or activations) and not recent:
        yield Finding(
            EXERCISES,
            f"aucun exercice depuis le {french_date(start)} (12 mois avant le "
            f"{french_date(ctx.today)})",
            "organisez au moins un exercice par an et enregistrez-le ici",
        )


def _first_written(plan: Plan, start: date) -> bool:
    """Whether the plan's first version surely dates from after `start` (its first year):
    the first writing or the history's first version, whichever it says."""
    firsts = [get(plan.data, ("document", "date_premiere_redaction"))]
    firsts += [item.get("date") for _, item in items(plan, ("document", "historique"))]
    days = [earliest(value) for value in firsts]
    known = [day for day in days if day is not None]
    return bool(known) and min(known) > start


@rule(
    "retex",
    Severity.WARNING,
    Source.GUIDE,
    "Le plan enregistre des RETEX, ou dit comment il en fera (procédure RETEX).",
)
def lessons(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Chaque exercice et chaque événement réel donne lieu à un RETEX : enseignements et
    actions correctives. Un plan de première année, qui n'a encore été ni exercé ni
    activé, n'a pas de RETEX à enregistrer : il décrit alors sa procédure RETEX
    (« evaluer.procedure_retex »). Un exercice joué sans RETEX est signalé par
    « exercice-sans-retex ».

    Exemple :

        evaluer:
          retex:
            - id: retex-2026-cyber
              intitule: RETEX de l'exercice cyberattaque
              date: 2026-04-02
              origine: exercice
              enseignements: [Procédure dégradée papier à écrire.]
    """
    procedure = get(plan.data, ("evaluer", "procedure_retex")) or {}
    described = any(filled(v) or is_placeholder(v) for v in procedure.values())
    if not items_list(plan, ("evaluer", "retex")) and not described:
        yield Finding(
            ("evaluer", "retex"),
            "aucun retour d'expérience (RETEX) n'est enregistré",
            "ajoutez sous « evaluer: retex » les enseignements des exercices et des crises, "
            "ou décrivez sous « procedure_retex » comment ils seront tirés",
        )


@rule(
    "exercice-sans-retex",
    Severity.INFO,
    Source.PRATIQUE,
    "Chaque exercice passé renvoie à son RETEX.",
)
def exercise_without_lessons(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Un exercice déjà joué (daté avant la date de référence, et pas « statut: prevu »)
    renvoie à son RETEX par « retex: <identifiant> ». Un exercice sans date n'est pas
    contrôlé ; un exercice daté d'une période (« 2026-06 ») l'est une fois son dernier jour
    passé.

    Exemple :

        - id: ex-2026-cyber
          date: 2026-03-17
          retex: retex-2026-cyber
    """
    for path, item in items(plan, EXERCISES):
        when = item.get("date")
        last = latest(when)  # « 2026-S2 » is past only once its last day is
        if last is not None and last < ctx.today and took_place(item) and not item.get("retex"):
            yield Finding(
                path,
                f"l'exercice « {item.get('intitule')} » {of_fr(when)} n'a pas de RETEX",
                "ajoutez son RETEX dans « evaluer: retex » et « retex: <identifiant> » ici",
            )


@rule(
    "activation-sans-retex",
    Severity.INFO,
    Source.PRATIQUE,
    "Chaque activation réelle terminée renvoie à son RETEX.",
)
def activation_without_lessons(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Une activation réelle du plan terminée (date de fin avant la date de référence) renvoie
    à son RETEX par « retex: <identifiant> ». Le jour de l'activation, le RETEX n'est pas
    encore écrit : la règle attend la fin (une fin « 2026-08 » : après le 31 août).

    Exemple :

        - id: activation-2026-canicule
          debut: 2026-08-10
          fin: 2026-08-18
          retex: retex-2026-canicule
    """
    for path, item in items(plan, ACTIVATIONS):
        end = item.get("fin")
        last = latest(end)
        if last is not None and last < ctx.today and not item.get("retex"):
            yield Finding(
                path,
                f"l'activation « {item.get('titre')} » terminée {when_fr(end)} n'a pas de RETEX",
                "ajoutez son RETEX dans « evaluer: retex » et « retex: <identifiant> » ici",
            )


@rule(
    "action-corrective-en-retard",
    Severity.WARNING,
    Source.PRATIQUE,
    "Aucune action corrective d'un RETEX n'a dépassé son échéance sans être faite.",
)
def late_corrective_action(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Une action corrective dont l'échéance est passée (date de référence) doit être
    « faite », ou son échéance revue. Une échéance « 2026-T2 » n'est passée qu'après le
    30 juin 2026.

    Exemple :

        actions_correctives:
          - action: Écrire la procédure dégradée papier.
            responsable: camille-leroy
            echeance: 2026-06-30
            statut: faite
    """
    for path, retex in items(plan, ("evaluer", "retex")):
        for index, action in enumerate(retex.get("actions_correctives", [])):
            due = action.get("echeance")
            last = latest(due)  # « 2026-S1 » is overdue only after 30 June 2026
            if last is not None and last < ctx.today and action.get("statut") != "faite":
                yield Finding(
                    (*path, "actions_correctives", index, "echeance"),
                    f"action corrective en retard (échéance {of_fr(due)}) : "
                    f"« {action.get('action')} »",
                    "passez son statut à « faite » ou fixez une nouvelle échéance",
                )
