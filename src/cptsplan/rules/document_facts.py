"""The plan's version, history and transmissions as the document rules read them: version
numbers compared, the history's later versions, who the plan was sent to."""

from __future__ import annotations

from cptsplan.load.loader import JsonPath
from cptsplan.messages.categories import category_of
from cptsplan.model import Plan
from cptsplan.rules.helpers import directory_path, items, refused

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
