"""What the coordinator must look at before sending the new version: what a person must
check again each year and that the tool cannot reset by itself."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Final

from cptsplan.findings.records import record
from cptsplan.messages.dates import dated_fr, french_date, when_fr
from cptsplan.model import Plan
from cptsplan.rules.helpers import (
    dated_within,
    earliest,
    items,
    latest,
    took_place,
    year_after,
    year_before,
)

DUE_SOON_DAYS = 60
"""An action whose deadline falls within this many days of the update is listed as due."""

OPEN = ("a_faire", "en_cours", "reportee")


@record(frozen=True)
class ChecklistItem:
    """`where`: file:line of the item in the plan."""

    __slots__ = ("text", "theme", "where")

    def __init__(self, theme: str, text: str, where: str) -> None:
        self.theme: Final = theme
        self.text: Final = text
        self.where: Final = where


def checklist(plan: Plan, today: date, next_review: date | None) -> list[ChecklistItem]:
    found: list[ChecklistItem] = []
    found += _directory(plan, today)
    found += _exercises(plan, today)
    found += _actions(plan, today)
    found += _review(plan, today, next_review)
    return found


def _where(plan: Plan, path: tuple[str | int, ...]) -> str:
    location = plan.locate(path)
    return f"{location.file}:{location.line}" if location.line else location.file


def _directory(plan: Plan, today: date) -> list[ChecklistItem]:
    start = year_before(today)
    found = []
    for path, entry in items(plan, ("annuaire",)):
        checked = entry.get("verifie_le")
        name = plan.display_name(str(entry.get("id")))
        if not isinstance(checked, date):
            text = f"{name} ({entry.get('id')}) : coordonnées jamais vérifiées"
        elif checked < start:
            text = (
                f"{name} ({entry.get('id')}) : coordonnées vérifiées le {french_date(checked)}, "
                "il y a plus de 12 mois"
            )
        else:
            continue
        found.append(ChecklistItem("Annuaire de crise", text, _where(plan, path)))
    return found


def _exercises(plan: Plan, today: date) -> list[ChecklistItem]:
    start = year_before(today)
    exercises = list(items(plan, ("anticiper", "exercices")))
    found = []
    recent = [
        item for _, item in exercises if took_place(item) and dated_within(item, start, today)
    ]
    if not recent:
        found.append(
            ChecklistItem(
                "Exercices",
                f"aucun exercice réalisé depuis le {french_date(start)} : prévoyez-en un",
                _where(plan, ("anticiper", "exercices")),
            )
        )
    for path, item in exercises:
        first = earliest(item.get("date"))
        planned = item.get("statut") == "prevu" or (first is not None and first > today)
        if planned and first is None:
            when = f" (« {item['periode']} »)" if item.get("periode") else ""
            found.append(
                ChecklistItem(
                    "Exercices",
                    f"exercice prévu sans date{when} : {item.get('intitule')}",
                    _where(plan, path),
                )
            )
    return found


def _actions(plan: Plan, today: date) -> list[ChecklistItem]:
    found = []
    for retex_path, retex in items(plan, ("evaluer", "retex")):
        for path, action in items(plan, (*retex_path, "actions_correctives")):
            text = _due(action, "action", today)
            if text:
                found.append(
                    ChecklistItem(
                        "Actions correctives des RETEX",
                        f"{text} (RETEX « {retex.get('intitule')} »)",
                        _where(plan, path),
                    )
                )
    for path, task in items(plan, ("evaluer", "feuille_de_route", "taches")):
        text = _due(task, "tache", today)
        if text:
            found.append(ChecklistItem("Feuille de route", text, _where(plan, path)))
    return found


def _due(item: dict[str, Any], field: str, today: date) -> str | None:
    deadline = item.get("echeance")
    first, last = earliest(deadline), latest(deadline)
    if item.get("statut") not in OPEN or first is None or last is None:
        return None
    if last < today:  # « 2026-T2 » is past only once 30 June is
        return f"échéance dépassée ({dated_fr(deadline)}) : {item.get(field)}"
    if first <= today + timedelta(days=DUE_SOON_DAYS):
        return f"à échéance {when_fr(deadline)} : {item.get(field)}"
    return None


def _review(plan: Plan, today: date, next_review: date | None) -> list[ChecklistItem]:
    found = []
    last = plan.section("evaluer", "revue_annuelle", "derniere_revue")
    last_day = latest(last)  # « 2025 » is more than 12 months old only after 31 December
    if last_day is not None:
        if last_day < year_before(today):
            found.append(
                ChecklistItem(
                    "Revue du plan",
                    f"dernière revue annuelle {when_fr(last)}, il y a plus de 12 mois : "
                    "faites la revue et mettez à jour « derniere_revue »",
                    _where(plan, ("evaluer", "revue_annuelle", "derniere_revue")),
                )
            )
    else:
        found.append(
            ChecklistItem(
                "Revue du plan",
                "aucune date de dernière revue annuelle (« evaluer.revue_annuelle."
                "derniere_revue »)",
                _where(plan, ("evaluer",)),
            )
        )
    if next_review is not None:
        text = f"prochaine revue du plan prévue le {french_date(next_review)}"
        if next_review > year_after(today):
            text += " : plus de 12 mois après cette mise à jour, avancez-la"
        found.append(
            ChecklistItem("Revue du plan", text, _where(plan, ("document", "date_prochaine_revue")))
        )
    return found
