"""Small readers shared by the rule families: is a field really filled, which directory
entries have a category, how old is a date."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from cptsplan.findings.records import record
from cptsplan.load.loader import JsonPath
from cptsplan.model import Plan
from cptsplan.schema.periods import Period
from cptsplan.schema.placeholders import ToComplete, is_marker

if TYPE_CHECKING:
    from cptsplan.rules.base import RuleContext

T = TypeVar("T")

ESTABLISHMENT_CATEGORIES = ("etablissement_sante", "etablissement_medico_social")


def is_placeholder(value: Any) -> bool:
    """« A_COMPLETER », as the model holds it (or as text, in a comment or a raw value)."""
    return isinstance(value, ToComplete) or is_marker(value)


def filled(value: Any) -> bool:
    """Present, not blank, and not a placeholder: a field that says something."""
    if value is None or isinstance(value, ToComplete):
        return False
    if isinstance(value, str):
        return bool(value.strip()) and not is_placeholder(value)
    if isinstance(value, list | dict):
        return len(value) > 0
    return True


def get(data: Any, path: JsonPath) -> Any:
    for part in path:
        if isinstance(part, int):
            if not isinstance(data, list) or not -len(data) <= part < len(data):
                return None
            data = data[part]
        elif isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def refused(plan: Plan, path: JsonPath) -> bool:
    """`path` lies in a part the schema refused (or found missing): its value is unknown to
    the rules, and what they would say of it is the schema's message already."""
    invalid = plan.invalid_paths
    return bool(invalid) and any(path[:length] in invalid for length in range(1, len(path) + 1))


def items(plan: Plan, path: JsonPath) -> Iterator[tuple[JsonPath, dict[str, Any]]]:
    """(path, item) for each mapping of the list at `path`."""
    value = get(plan.data, path)
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield (*path, index), item


def category_entries(plan: Plan, *categories: str) -> list[dict[str, Any]]:
    """Every directory entry of `categories`, read from the list rather than from the
    entries by id: an id written twice leaves only one of its two entries there, and a plan
    whose SAMU entry shared its id with the CUMP's was told it had no SAMU."""
    return [
        entry for _, entry in items(plan, ("annuaire",)) if entry.get("categorie") in categories
    ]


def category_ids(plan: Plan, *categories: str) -> set[str]:
    return {
        entry["id"]
        for entry in category_entries(plan, *categories)
        if isinstance(entry.get("id"), str)
    }


def has_h24_phone(entry: dict[str, Any] | None) -> bool:
    if not entry:
        return False
    return any(
        phone.get("h24") is True and filled(phone.get("numero"))
        for phone in entry.get("telephones", [])
    )


def directory_path(plan: Plan, identifier: str) -> JsonPath:
    for index, entry in enumerate(plan.data.get("annuaire", [])):
        if entry.get("id") == identifier:
            return ("annuaire", index)
    return ("annuaire",)


def earliest(value: Any) -> date | None:
    """The first day a date or a period (« 2025-S2 ») may stand for; None for anything else.
    A rule asks it whether something may already have happened: « 2025-S2 » may have
    happened by 1 July 2025."""
    if isinstance(value, date):
        return value
    return value.first if isinstance(value, Period) else None


def latest(value: Any) -> date | None:
    """The last day a date or a period may stand for; None for anything else. A rule asks it
    whether something is surely past or too old: « 2025-05 » is more than 12 months before
    15 June 2026 only because 31 May 2025 is. Between the two, the answer depends on the day
    the plan does not give, and rules then report nothing rather than a false finding."""
    if isinstance(value, date):
        return value
    return value.last if isinstance(value, Period) else None


def took_place(item: dict[str, Any]) -> bool:
    """An exercise counts once it has taken place: `statut: prevu` means planned only."""
    return bool(item.get("statut", "realise") != "prevu")


def dated_within(item: dict[str, Any], start: date, end: date) -> bool:
    """Dated between `start` and `end`, or in a period (« 2025-S2 ») that may be: whether it
    is depends on the day the plan does not give, and no rule calls it too old then. An
    undated exercise is never a past one."""
    first, last = earliest(item.get("date")), latest(item.get("date"))
    return first is not None and last is not None and first <= end and start <= last


def year_before(today: date) -> date:
    """The same day one year earlier (29 February becomes 28 February); the first day there
    is for a day in year 1 (« --date 0001-01-01 » stopped the check on « year 0 »)."""
    if today.year == date.min.year:
        return date.min
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


def over_a_year_before(day: date, today: date) -> bool:
    """Whether `today` is past the 12-month limit of `day` (the limit the reminders and the
    summary announce). « day < year_before(today) » missed one day: a plan updated on
    28 February 2027 was neither due nor late on 29 February 2028, its limit passed."""
    return year_after(day) < today


def year_after(day: date) -> date:
    """The same day one year later (29 February becomes 28 February); the last day there is
    for a day in year 9999 (« 9999-12-31 », written for « no end », stopped the check)."""
    if day.year == date.max.year:
        return date.max
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def iter_values(value: Any, kind: type[T], path: JsonPath = ()) -> Iterator[tuple[JsonPath, T]]:
    """Every value of type `kind` in the plan, with its path (keys are not user text), in
    the order of the plan. A stack rather than nested generators: each value found went up
    through one generator per level, a third of the time of the text rules."""
    stack: list[tuple[JsonPath, Any]] = [(path, value)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, kind):
            yield where, node
        elif isinstance(node, dict):
            stack.extend([((*where, key), item) for key, item in node.items()][::-1])
        elif isinstance(node, list):
            stack.extend([((*where, index), item) for index, item in enumerate(node)][::-1])


def iter_strings(value: Any) -> Iterator[tuple[JsonPath, str]]:
    """Every text of the plan with its path."""
    return iter_values(value, str)


@record()
class PlanLeaves:
    """The plan's texts and « A_COMPLETER », with their paths, in the order of the plan: one
    walk for the rules that read them all (the personal-data rules, `champ-a-completer`).
    `placeholders`: not the values the schema set aside (a subclass: the writer did not put
    those there as placeholders)."""

    __slots__ = ("placeholders", "plan", "strings")

    def __init__(
        self,
        plan: Plan,
        strings: list[tuple[JsonPath, str]],
        placeholders: list[tuple[JsonPath, ToComplete]],
    ) -> None:
        self.plan = plan
        self.strings = strings
        self.placeholders = placeholders


def plan_leaves(plan: Plan, ctx: RuleContext) -> PlanLeaves:
    """The walk, done for the first rule that asks on this plan and kept in its context."""
    leaves = ctx.shared.get(_LEAVES)
    if isinstance(leaves, PlanLeaves) and leaves.plan is plan:
        return leaves
    leaves = PlanLeaves(plan, [], [])
    _leaves_under(plan.data, (), leaves.strings, leaves.placeholders)
    ctx.shared[_LEAVES] = leaves
    return leaves


def _leaves_under(
    node: Any,
    where: JsonPath,
    strings: list[tuple[JsonPath, str]],
    placeholders: list[tuple[JsonPath, ToComplete]],
) -> None:
    """What `iter_values(node, str | ToComplete)` gives, in the same order, sorted into
    texts and placeholders (not the values set aside: a subclass). Recursive, without a
    generator or a stack of every node's path: half the time of the walk. The depth is
    that of the YAML, which the loader bounds (yaml_limits.MAX_DEPTH)."""
    for key, item in node.items() if isinstance(node, dict) else enumerate(node):
        if isinstance(item, str):
            strings.append(((*where, key), item))
        elif isinstance(item, dict | list):
            _leaves_under(item, (*where, key), strings, placeholders)
        elif type(item) is ToComplete:
            placeholders.append(((*where, key), item))


_LEAVES = "helpers.feuilles"


CELL_MISSIONS = ("piloter", "cellule_de_crise", "missions")
_COMMUNICATES = re.compile(r"\bcommuniqu|\bcommunication|\binform(?:er|e|ent)\b", re.IGNORECASE)
AUDIENCES = {  # searched case-blind; compiled by `re` when a rule asks (not on every run)
    "interne": r"\bprofessionnel|\badh[ée]rent|\bmembres\b|\bsoignant|\blib[ée]raux\b",
    "externe": (
        r"\bpopulation|\bpublic\b|\bhabitant|\b[ée]lus?\b|\bpresse\b|\bm[ée]dias?\b"
        r"|\busagers?\b"
    ),
}
"""Whom a mission of the whole crisis cell communicates with: the professionals (internal
communication) or the population (external). Real plans give communication to the cell as a
body (« communiquer auprès des professionnels et de la population »)."""


def cell_communication(plan: Plan, audience: str | None = None) -> JsonPath | None:
    """The first mission of the whole crisis cell that communicates (with `audience`,
    « interne » or « externe », when given), or None."""
    for index, mission in enumerate(get(plan.data, CELL_MISSIONS) or []):
        if not isinstance(mission, str) or not _COMMUNICATES.search(mission):
            continue
        if audience is None or re.search(AUDIENCES[audience], mission, re.IGNORECASE):
            return (*CELL_MISSIONS, index)
    return None
