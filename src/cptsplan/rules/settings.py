"""What a `.cptsplan.yaml` says, as plain types: rule settings, strict mode, regional
requirements.

Kept apart from config.py (which reads and checks the file) so that the rules can use these
types without importing the reader: config.py checks rule ids against the rule registry, and
the registry imports every rule, so a rule importing config.py made an import cycle.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any, Final

from cptsplan.findings.blocking import Blocking
from cptsplan.findings.problems import Severity
from cptsplan.findings.records import record


def _fold(text: str) -> str:
    """Lower case without accents, so that 'Délégation' finds 'delegation'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@record(frozen=True)
class EntryRequirement:
    """A directory entry a region requires, described rather than named by id."""

    __slots__ = ("category", "h24", "label", "text")

    def __init__(
        self, label: str, category: str | None = None, text: str | None = None, h24: bool = False
    ) -> None:
        self.label: Final = label
        self.category: Final = category
        self.text: Final = text
        self.h24: Final = h24

    def matches(self, entry: dict[str, Any]) -> bool:
        if self.category and entry.get("categorie") != self.category:
            return False
        if self.text:
            haystack = " ".join(
                str(entry.get(key, "")) for key in ("nom", "prenom", "fonction", "structure")
            )
            if _fold(self.text) not in _fold(haystack):
                return False
        if self.h24:
            phones = entry.get("telephones", [])
            return any(phone.get("h24") is True for phone in phones)
        return True

    def hint(self) -> str:
        parts = [f"catégorie « {self.category} »"] if self.category else []
        if self.text:
            parts.append(f"« {self.text} » dans le nom, la fonction ou la structure")
        if self.h24:
            parts.append("un numéro « h24: true »")
        return "ajoutez une entrée à l'annuaire" + (" : " + ", ".join(parts) if parts else "")


@record(frozen=True)
class SectionRequirement:
    __slots__ = ("label", "path")

    def __init__(self, path: str, label: str | None = None) -> None:
        self.path: Final = path
        self.label: Final = label


@record(frozen=True)
class Requirements:
    __slots__ = ("categories", "entries", "sections")

    def __init__(
        self,
        categories: tuple[str, ...] = (),
        entries: tuple[EntryRequirement, ...] = (),
        sections: tuple[SectionRequirement, ...] = (),
    ) -> None:
        self.categories: Final = categories
        self.entries: Final = entries
        self.sections: Final = sections


@record(frozen=True)
class RuleSetting:
    __slots__ = ("enabled", "severity")

    def __init__(self, enabled: bool = True, severity: Severity | None = None) -> None:
        self.enabled: Final = enabled
        self.severity: Final = severity


REMINDER_DAYS = 60
"""Days ahead, by default, of the warnings about the yearly update and contact checks."""


@record(frozen=True)
class Config:
    """`reminder_days`: how many days ahead `validate` warns of the yearly update and of
    contact checks. `blocking`: `bloquant:` (None when not set; `strict: true` counts as
    `tout`). `plan_folder`: `plan:`, resolved from the configuration file's folder: what
    `validate` checks when it is given no path (the pre-commit hook)."""

    __slots__ = (
        "blocking",
        "path",
        "plan_folder",
        "reminder_days",
        "requirements",
        "rules",
        "strict"
    )  # fmt: skip

    def __init__(
        self,
        path: Path | None = None,
        strict: bool = False,
        rules: dict[str, RuleSetting] | None = None,
        requirements: Requirements | None = None,
        reminder_days: int = REMINDER_DAYS,
        blocking: Blocking | None = None,
        plan_folder: Path | None = None,
    ) -> None:
        self.path: Final = path
        self.strict: Final = strict
        self.rules: Final[dict[str, RuleSetting]] = {} if rules is None else rules
        self.requirements: Final = Requirements() if requirements is None else requirements
        self.reminder_days: Final = reminder_days
        self.blocking: Final = blocking
        self.plan_folder: Final = plan_folder

    def enabled(self, rule_id: str) -> bool:
        return self.rules.get(rule_id, RuleSetting()).enabled

    def severity(self, rule_id: str, default: Severity) -> Severity:
        return self.rules.get(rule_id, RuleSetting()).severity or default


DEFAULT = Config()
