"""One message per unknown identifier, however many times the plan cites it.

An entry of the directory renamed by mistake (`ars-dd59` retyped as another id) left every
reference to it unknown: 18 errors for one mistake, with the one that explains them lost in
the middle. The places are still all given, in the first message, for the case where the
references are what must change.
"""

from __future__ import annotations

import re
from pathlib import Path

from cptsplan.findings.problems import Problem
from cptsplan.findings.records import replace

_UNKNOWN = r"« ([^«»]+) » ne correspond à aucune? (.+)$"  # compiled by `re` for a problem
_PLACES_SHOWN = 8


def unknown_id(problem: Problem) -> tuple[str, str] | None:
    """(identifier, what it should name) of an unknown reference, else None."""
    if problem.rule != "reference-inconnue":
        return None
    match = re.search(_UNKNOWN, problem.message)
    return (match.group(1), match.group(2)) if match else None


def one_per_unknown_id(problems: list[Problem]) -> tuple[list[Problem], dict[str, int]]:
    """The problems with the repeats of each unknown reference folded into its first one;
    and how many times each unknown identifier is cited."""
    keyed = [(problem, unknown_id(problem)) for problem in problems]
    groups: dict[tuple[str, str], list[Problem]] = {}
    for problem, key in keyed:
        if key is not None:
            groups.setdefault(key, []).append(problem)
    result = []
    for problem, key in keyed:
        if key is None:
            result.append(problem)
            continue
        group = groups[key]
        if group[0] is not problem:
            continue
        result.append(problem if len(group) == 1 else _folded(problem, key[0], group[1:]))
    return result, {key[0]: len(group) for key, group in groups.items()}


def _folded(first: Problem, identifier: str, others: list[Problem]) -> Problem:
    places = [f"{Path(p.location.file).name}:{p.location.line}" for p in others[:_PLACES_SHOWN]]
    if len(others) > _PLACES_SHOWN:
        places.append(f"et {len(others) - _PLACES_SHOWN} autres")
    cited = f"« {identifier} » est cité {len(others) + 1} fois dans le plan, aussi en " + ", ".join(
        places
    )
    return replace(first, hint=f"{first.hint} ; {cited}" if first.hint else cited)
