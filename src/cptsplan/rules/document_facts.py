"""The plan's version, history and transmissions as the document rules read them: version
numbers compared, the history's later versions, who the plan was sent to."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from cptsplan.findings.problems import Severity
from cptsplan.load.loader import JsonPath
from cptsplan.messages.categories import category_of
from cptsplan.messages.dates import dated_fr, french_date
from cptsplan.model import Plan
from cptsplan.rules.base import Finding
from cptsplan.rules.helpers import (
    directory_path,
    earliest,
    get,
    is_placeholder,
    items,
    latest,
    over_a_year_before,
    refused,
)

DOCUMENT = ("document",)
HISTORY = ("document", "historique")
TRANSMISSIONS = ("document", "transmissions")


def version_key(version: str) -> tuple[int, ...]:
    """The version's numbers, trailing zeros dropped: « 2 » and « 2.0 » are one version, not
    one after the other."""
    numbers = [int(part) for part in str(version).split(".") if part.isdigit()]
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


def later_versions(plan: Plan, current: object) -> list[str]:
    """The history's versions numbered after `current`, in the history's order."""
    key = version_key(str(current))
    return [
        str(item.get("version"))
        for _, item in items(plan, HISTORY)
        if version_key(str(item.get("version"))) > key
    ]


def versions_phrase(versions: list[str]) -> str:
    if len(versions) == 1:
        return f"la version {versions[0]}"
    return "les versions " + ", ".join(versions[:-1]) + f" et {versions[-1]}"


def sent_to(plan: Plan, category: str, version: str | None = None) -> bool:
    return any(
        category_of(plan.directory.get(item.get("destinataire", ""), {})) == category
        and (version is None or str(item.get("version")) == version)
        for _, item in items(plan, TRANSMISSIONS)
    )


SENT_STATUSES = ("transmis", "valide_ars")
UNSENT_STATUSES = ("brouillon", "pret_a_transmettre")


def recipients(plan: Plan, *keys: str) -> tuple[JsonPath, ...]:
    """What a verdict on the transmissions reads: the status, and for each transmission its
    recipient (and `keys`). A placeholder in a date or an answer of the ARS's transmission
    changes nothing to whether the CPAM got the plan."""
    reads: list[JsonPath] = [(*DOCUMENT, "statut")]
    for path, item in items(plan, TRANSMISSIONS):
        reads += [(*path, key) for key in ("destinataire", *keys)]
        recipient = item.get("destinataire")
        if isinstance(recipient, str):
            reads.append((*directory_path(plan, recipient), "categorie"))
    return tuple(reads)


def unreadable_history(plan: Plan) -> bool:
    """An entry of the history whose version the schema refused (`versoin: "2.1"`): whether
    a version has its entry is not known, and « la version courante 2.1 n'a pas d'entrée »
    (with three more warnings) repeated the one misspelt key."""
    return refused(plan, HISTORY) or any(
        refused(plan, (*path, "version")) for path, _ in items(plan, HISTORY)
    )


def current_version_entry(plan: Plan) -> dict[str, Any] | None:
    """The history entry of the current version, when it has a date or a period."""
    current = plan.section("document", "version")
    for _, item in items(plan, HISTORY):
        if earliest(item.get("date")) is not None and str(item.get("version")) == str(current):
            return item
    return None


def update_before_current_version(plan: Plan, today: date) -> Iterator[Finding]:
    """`date_mise_a_jour` left at last year's date while the history dates the current
    version later: the reviewer, the summary and the reminders read a false deadline. Said
    only when surely earlier (a month in the history: before its first day); once, by
    mise-a-jour-ancienne, when that date is also more than 12 months old."""
    updated = latest(plan.section("document", "date_mise_a_jour"))
    entry = current_version_entry(plan)
    if updated is None or entry is None:
        return
    first = earliest(entry.get("date"))
    if first is not None and updated < first:
        yield Finding(
            (*DOCUMENT, "date_mise_a_jour"),
            f"la date de mise à jour ({french_date(updated)}) est antérieure à celle de la "
            f"version courante {entry.get('version')} dans l'historique "
            f"({dated_fr(entry.get('date'))})",
            "si cette version de l'historique est la dernière mise à jour, recopiez sa date "
            "dans « date_mise_a_jour »",
            because="mise-a-jour-ancienne" if over_a_year_before(updated, today) else None,
        )


def transmission_findings(plan: Plan, category: str, label: str) -> Iterator[Finding]:
    """Missing transmissions matter once the plan says it was sent; a plan that says nothing
    of its status gets a warning that tells both ways out."""
    status = plan.status
    if sent_to(plan, category):
        return
    if status in UNSENT_STATUSES:
        # Rightly not sent yet: the grid says « non », no problem is reported.
        yield Finding(
            TRANSMISSIONS,
            f"le plan n'a pas encore été transmis {label}",
            subject=category,
            reported=False,
            depends_on=recipients(plan),
        )
        return
    if is_placeholder(get(plan.data, (*DOCUMENT, "statut"))):
        return
    hint = (
        f"ajoutez sous « transmissions » l'envoi {label} : destinataire (entrée de l'annuaire "
        f"de catégorie « {category} »), date, version"
    )
    if status is None:
        yield Finding(
            TRANSMISSIONS,
            f"aucune transmission du plan {label} n'est enregistrée",
            f"{hint} ; si le plan n'a pas encore été envoyé, écrivez « statut: "
            "pret_a_transmettre » sous « document »",
            subject=category,
            severity=Severity.WARNING,
            depends_on=recipients(plan),
        )
        return
    yield Finding(
        TRANSMISSIONS,
        f"le plan est « {status} », mais aucune transmission {label} n'est enregistrée",
        hint,
        subject=category,
        depends_on=recipients(plan),
    )
