"""Findings that wait for an « A_COMPLETER »: what a rule says about a part of the plan that
still holds a value not known yet is not a fact about the plan, only a consequence of the
placeholder, which `champ-a-completer` already reports at its own place.

A finding is deferred when its path lies under a placeholder (the value itself is to
complete), above one (the part it judges is not all known yet), or when the part it judges
cites a directory entry that is itself still to complete (a référent whose name or number is
« A_COMPLETER » is not "a référent with no name"). A finding that names the values its
verdict rests on (`Finding.depends_on`) is deferred only by a placeholder in one of them: a
date still to complete in the transmission to the ARS does not defer « no transmission to
the CPAM », and a risk's category to complete does not defer « no risk for T4 ». A plan can
never be ready
to send with a placeholder left, so every deferred finding comes back, for real, as soon as
the last « A_COMPLETER » of that part is filled.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from cptsplan.load.loader import JsonPath
from cptsplan.rules.helpers import get, iter_strings

if TYPE_CHECKING:
    from cptsplan.model import Plan
    from cptsplan.rules.base import Finding

PLACEHOLDER_RULE = "champ-a-completer"


class Pending:
    """The placeholder paths of one plan, ready to test finding paths against."""

    def __init__(self, paths: Iterable[JsonPath], data: dict[str, Any]) -> None:
        self.paths = set(paths)
        self.data = data
        self._above = {path[:length] for path in self.paths for length in range(len(path) + 1)}
        directory = data.get("annuaire")
        self._entries = {
            str(directory[path[1]].get("id"))
            for path in self.paths
            if len(path) > 1
            and path[0] == "annuaire"
            and isinstance(path[1], int)
            and isinstance(directory, list)
            and isinstance(directory[path[1]], dict)  # not `annuaire: A_COMPLETER`
        }

    def defers(self, path: JsonPath, follow_entries: bool = True) -> bool:
        """True when `path` is a placeholder, lies under one, holds one, or (with
        `follow_entries`) cites an entry of the directory that holds one."""
        if path in self._above:
            return True
        if any(path[:length] in self.paths for length in range(1, len(path))):
            return True
        return (
            follow_entries
            and bool(self._entries)
            and any(text in self._entries for _, text in iter_strings(get(self.data, path)))
        )

    def defers_finding(self, finding: Finding) -> bool:
        """True when a value the finding rests on waits for an « A_COMPLETER »: its path, or
        the values it names in `depends_on` (and nothing else of the part it judges)."""
        if finding.depends_on is None:
            return self.defers(finding.path)
        # Exact values: a directory entry counts only through the fields the rule names.
        return any(self.defers(path, follow_entries=False) for path in finding.depends_on)


def pending_in(findings: Mapping[str, Sequence[Finding]], plan: Plan) -> Pending:
    """The placeholders that `champ-a-completer` found, from a run's raw findings, and the
    parts of the plan that failed the schema (what rules say of those waits as well)."""
    found = [finding.path for finding in findings.get(PLACEHOLDER_RULE, ())]
    return Pending([*found, *plan.invalid_paths], plan.data)
