"""What makes a check fail (exit 1): `--bloquant` on the command line, `bloquant:` (or
`strict: true`) in `.cptsplan.yaml`.

A coordinator commits a draft full of placeholders: the pre-commit hook must stop only what
breaks the plan (YAML syntax, schema, references), and show the rest. CI keeps failing on
every error by default, and a repository can ask for more. When both the command line and the
configuration say something, the stricter wins: a hook run with `--bloquant structure` in a
repository that asks for `tout` blocks on everything.
"""

from __future__ import annotations

from enum import Enum

from cptsplan.findings.problems import Problem, Severity


class Blocking(Enum):
    """Ordered from the most lenient to the strictest (`rank`)."""

    STRUCTURE = "structure"
    """Only what breaks the plan: YAML syntax, schema, identifiers and references."""
    ERRORS = "erreurs"
    """Every error, conformity rules included (the default)."""
    ALL = "tout"
    """Errors and warnings (same as `--strict`)."""

    @property
    def rank(self) -> int:
        return list(Blocking).index(self)

    @classmethod
    def parse(cls, text: str) -> Blocking:
        """The French names; a ValueError lists them for the caller's message."""
        for member in cls:
            if member.value == text.strip().lower():
                return member
        raise ValueError(text)


NAMES = tuple(member.value for member in Blocking)
DEFAULT = Blocking.ERRORS


def effective(*wanted: Blocking | None) -> Blocking:
    """The strictest of what was asked; the default when nothing was."""
    given = [level for level in wanted if level is not None]
    return max(given, key=lambda level: level.rank) if given else DEFAULT


def blocks(level: Blocking, problems: list[Problem], structure_broken: bool) -> bool:
    """Whether these problems fail the check. `structure_broken`: the plan has a syntax,
    schema or reference error (found before the conformity rules ran)."""
    if level is Blocking.STRUCTURE:
        return structure_broken
    threshold = Severity.WARNING if level is Blocking.ALL else Severity.ERROR
    return any(problem.severity >= threshold for problem in problems)
