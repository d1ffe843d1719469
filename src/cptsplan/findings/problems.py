"""`Problem`: one thing wrong in a plan, with where it is and what to do about it."""

from __future__ import annotations

from enum import IntEnum
from typing import Final

from cptsplan.findings.records import record

JsonPath = tuple[str | int, ...]
"""Where a value sits in the plan: keys and list indexes from the top."""


class Severity(IntEnum):
    """Ordered so that `max()` gives the worst."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """Stable English name, used in machine-readable outputs and configuration."""
        return self.name.lower()

    @property
    def label_fr(self) -> str:
        return {"INFO": "info", "WARNING": "avertissement", "ERROR": "erreur"}[self.name]

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Accept the English and French names ('warning', 'avertissement'...)."""
        aliases = {
            "error": cls.ERROR,
            "erreur": cls.ERROR,
            "warning": cls.WARNING,
            "avertissement": cls.WARNING,
            "info": cls.INFO,
        }
        return aliases[text.strip().lower()]


@record(frozen=True)
class Location:
    """A place in a file; line and column count from 1, as editors do."""

    __slots__ = ("col", "file", "line")

    def __init__(self, file: str, line: int = 1, col: int = 1) -> None:
        self.file: Final = file
        self.line: Final = line
        self.col: Final = col

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@record(frozen=True)
class Problem:
    """A finding. `path` is the dotted JSON path in the merged plan ('' for the file itself)."""

    __slots__ = ("hint", "location", "message", "path", "rule", "severity")

    def __init__(
        self,
        location: Location,
        severity: Severity,
        rule: str,
        message: str,
        path: str = "",
        hint: str | None = None,
    ) -> None:
        self.location: Final = location
        self.severity: Final = severity
        self.rule: Final = rule
        self.message: Final = message
        self.path: Final = path
        self.hint: Final = hint

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location
        return (loc.file, loc.line, loc.col, self.rule)


def format_path(parts: JsonPath) -> str:
    """('piloter', 'referents_sse', 0, 'personne') -> 'piloter.referents_sse[0].personne'."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text
