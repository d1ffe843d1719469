"""What a `.cptsplan.yaml` says, as plain types: rule settings, strict mode, regional
requirements.

Kept apart from config.py (which reads and checks the file) so that the rules can use these
types without importing the reader: config.py checks rule ids against the rule registry, and
the registry imports every rule, so a rule importing config.py made an import cycle.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cptsplan.findings.blocking import Blocking
from cptsplan.findings.problems import Severity


def _fold(text: str) -> str:
    """Lower case without accents, so that 'Délégation' finds 'delegation'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True)
class EntryRequirement:
    """A directory entry a region requires, described rather than named by id."""

    label: str
    category: str | None = None
    text: str | None = None
    h24: bool = False

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


@dataclass(frozen=True)
class SectionRequirement:
    path: str
    label: str | None = None


@dataclass(frozen=True)
class Requirements:
    categories: tuple[str, ...] = ()
    entries: tuple[EntryRequirement, ...] = ()
    sections: tuple[SectionRequirement, ...] = ()


@dataclass(frozen=True)
class RuleSetting:
    enabled: bool = True
    severity: Severity | None = None


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    strict: bool = False
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    requirements: Requirements = field(default_factory=Requirements)
    reminder_days: int = 60
    """How many days ahead `validate` warns of the yearly update and of contact checks."""
    blocking: Blocking | None = None
    """`bloquant:` (None when not set; `strict: true` counts as `tout`)."""
    plan_folder: Path | None = None
    """`plan:`, resolved from the configuration file's folder: what `validate` checks when
    it is given no path (the pre-commit hook)."""

    def enabled(self, rule_id: str) -> bool:
        return self.rules.get(rule_id, RuleSetting()).enabled

    def severity(self, rule_id: str, default: Severity) -> Severity:
        return self.rules.get(rule_id, RuleSetting()).severity or default


DEFAULT = Config()
