"""Where each item of the conformity grid points in a plan: functions of the plan that give
the part supporting the item (its anchor), or None when the plan writes none (trame.py)."""

from __future__ import annotations

from collections.abc import Callable

from cptsplan.load.loader import JsonPath
from cptsplan.model import Plan
from cptsplan.rules.couverture import response_volets
from cptsplan.rules.evaluation import ACTIVATIONS, EXERCISES
from cptsplan.rules.helpers import (
    category_ids,
    cell_communication,
    directory_path,
    filled,
    get,
    items,
)


def response_with(key: str, value: str) -> Callable[[Plan], JsonPath | None]:
    """The first response for typology (key "typologies") or volet (key "volets", named or
    derived from its typologies) `value`."""

    def anchor(plan: Plan) -> JsonPath | None:
        names = response_volets(plan) if key == "volets" else None
        for path, response in items(plan, ("adapter", "reponses")):
            if value in (names(response) if names else response.get(key, [])):
                return path
        return None

    return anchor


def first_of(*paths: JsonPath) -> Callable[[Plan], JsonPath | None]:
    """The first of `paths` the plan writes (a fallback place, or else remote working)."""

    def anchor(plan: Plan) -> JsonPath | None:
        return next((path for path in paths if get(plan.data, path) is not None), None)

    return anchor


def recorded(*places: tuple[JsonPath, tuple[str, ...]]) -> Callable[[Plan], JsonPath | None]:
    """The first list of `places` holding an item of which one of the named fields is known:
    the plan records one (a placeholder in its other fields, an exercise's type, changes
    nothing); None when every item is still all to complete (« non renseigné »)."""

    def anchor(plan: Plan) -> JsonPath | None:
        for path, keys in places:
            for _, item in items(plan, path):
                if any(filled(item.get(key)) for key in keys):
                    return path
        return None

    return anchor


TRAININGS = recorded((("anticiper", "formations"), ("intitule", "date")))
EXERCISED = recorded((EXERCISES, ("intitule", "date", "periode")), (ACTIVATIONS, ("debut",)))
"""An exercise, or else a real activation (which counts as the plan exercised)."""
LESSONS = recorded((("evaluer", "retex"), ("intitule", "date")))


def communication_of(audience: str) -> Callable[[Plan], JsonPath | None]:
    """Where the plan says how it communicates: its own section, or else a mission of the
    whole crisis cell that communicates with that audience."""

    def anchor(plan: Plan) -> JsonPath | None:
        written = ("piloter", "communication", audience)
        if get(plan.data, written) is not None:
            return written
        return cell_communication(plan, audience)

    return anchor


def entry_of(category: str) -> Callable[[Plan], JsonPath | None]:
    def anchor(plan: Plan) -> JsonPath | None:
        found = sorted(category_ids(plan, category))
        return directory_path(plan, found[0]) if found else None

    return anchor
