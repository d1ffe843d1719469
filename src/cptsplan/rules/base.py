"""What a rule is: metadata declared as data, and a check that only says *what* is wrong
and *where* (a JSON path). The engine, not the rule, gives the id, the severity and the
file:line:col, applies the configuration and the silences (as yamllint does)."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from cptsplan.findings.problems import Location, Severity
from cptsplan.load.loader import JsonPath

if TYPE_CHECKING:
    from cptsplan.model import Plan
    from cptsplan.rules.settings import Requirements


DEFAULT_SEVERITIES: dict[str, tuple[Severity, str]] = {}
"""Filled below: the severity each source gives by default, and why (docs/regles.md)."""


class Source(StrEnum):
    """Where a rule comes from; it tells a CPTS how negotiable the rule is. ACI and CNAM
    requirements are errors; what only a regional guide or good practice asks is a warning
    by default (a regional profile, `profil:` in .cptsplan.yaml, can raise it)."""

    ACI = "ACI"
    CNAM = "indicateur CNAM"
    GUIDE = "guide régional"
    PRATIQUE = "bonne pratique"
    COHERENCE = "cohérence et sécurité"
    """Not a conformity item but a check that the plan says what it means and harms no one:
    well-formed contacts, no patient data, safe figures, status and data that agree."""


DEFAULT_SEVERITIES.update(
    {
        Source.ACI: (Severity.ERROR, "l'ACI l'exige : sans cela, le plan n'est pas conforme"),
        Source.CNAM: (
            Severity.ERROR,
            "l'indicateur de la CNAM l'exige : il conditionne la rémunération de la mission",
        ),
        Source.GUIDE: (
            Severity.WARNING,
            "seul un guide régional le demande : un profil régional peut le relever en erreur",
        ),
        Source.PRATIQUE: (
            Severity.WARNING,
            "une bonne pratique, que ni l'ACI ni la CNAM n'exigent",
        ),
        Source.COHERENCE: (
            Severity.ERROR,
            "le plan se contredit, est illisible ou met des données en danger",
        ),
    }
)


def severity_reason(rule: Rule) -> str:
    """Why a rule has its default severity: its own reason, or its source's."""
    if rule.why:
        return rule.why
    default, reason = DEFAULT_SEVERITIES[rule.source]
    return reason if rule.severity == default or rule.source is Source.PRATIQUE else ""


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a rule found. `subject` names the template item concerned (e.g. "T1") for
    the conformity grid; `location` is only for findings outside the data (YAML comments)."""

    path: JsonPath
    message: str
    hint: str | None = None
    subject: str | None = None
    location: Location | None = None
    severity: Severity | None = None
    """Set when the plan itself changes how serious this finding is (its status, say); the
    configuration of the rule still has the last word."""
    unknown: bool = False
    """The plan does not say enough to judge: the conformity grid shows « non renseigné »."""
    depends_on: tuple[JsonPath, ...] | None = None
    """The values the verdict rests on, when they are not all under `path`: a placeholder
    defers the finding only if it lies in, under or above one of them (pending.py). None:
    `path` itself (a missing CPAM transmission does not wait for the date of the ARS one)."""
    reported: bool = True
    """False for a fact the grid needs (« non ») that is no problem of the plan: a plan not
    sent yet has, rightly, no transmission. The engine does not report it."""
    because: str | None = None
    """A rule whose own finding already says this (a volet missing because its typology is):
    the engine reports it only when that rule is turned off. One finding per cause."""


@dataclass(frozen=True)
class RuleContext:
    """What a check may read besides the plan."""

    today: date
    requirements: Requirements | None = None
    known_rules: frozenset[str] = field(default_factory=frozenset)
    reminder_days: int = 60
    """Days ahead of a 12-month limit from which the reminders warn (`rappels:` setting)."""
    shared: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """Work several rules need on the same plan, done once (donnees.py: one walk of its
    texts). The engine makes one context per plan; a key's value names its plan."""


Check = Callable[["Plan", RuleContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    source: Source
    description: str
    family: str
    check: Check
    placeholder_aware: bool = False
    """The check itself tells a part still « A_COMPLETER » from a missing one (the engine
    then keeps its findings instead of deferring them, see pending.py)."""
    why: str | None = None
    """Why its default severity is not the one its source gives (docs/regles.md), in French."""

    @property
    def explanation(self) -> str:
        """The check's docstring is the user documentation (French, with an example)."""
        return inspect.cleandoc(self.check.__doc__ or self.description)


REGISTRY: dict[str, Rule] = {}
"""Filled by the `rule` decorator when the family modules are imported (see registry.py)."""


def rule(
    rule_id: str,
    severity: Severity,
    source: Source,
    description: str,
    *,
    placeholder_aware: bool = False,
    why: str | None = None,
) -> Callable[[Check], Check]:
    """Declare a check as a rule of the catalogue."""

    def register(check: Check) -> Check:
        if rule_id in REGISTRY:
            raise ValueError(f"duplicate rule id {rule_id}")
        family = check.__module__.rsplit(".", 1)[-1]
        REGISTRY[rule_id] = Rule(
            rule_id, severity, source, description, family, check, placeholder_aware, why
        )
        return check

    return register
