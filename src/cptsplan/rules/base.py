"""What a rule is: metadata declared as data, and a check that only says *what* is wrong
and *where* (a JSON path). The engine, not the rule, gives the id, the severity and the
file:line:col, applies the configuration and the silences (as yamllint does)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final

from cptsplan.findings.problems import Location, Severity
from cptsplan.findings.records import record
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


@record(frozen=True)
class Finding:
    """One thing a rule found. `subject` names the template item concerned (e.g. "T1") for
    the conformity grid; `location` is only for findings outside the data (YAML comments).

    `severity`: set when the plan itself changes how serious this finding is (its status,
    say); the configuration of the rule still has the last word. `unknown`: the plan does
    not say enough to judge: the conformity grid shows « non renseigné ». `depends_on`: the
    values the verdict rests on, when they are not all under `path`: a placeholder defers
    the finding only if it lies in, under or above one of them (pending.py). None: `path`
    itself (a missing CPAM transmission does not wait for the date of the ARS one).
    `reported`: False for a fact the grid needs (« non ») that is no problem of the plan: a
    plan not sent yet has, rightly, no transmission. The engine does not report it.
    `because`: a rule whose own finding already says this (a volet missing because its
    typology is): the engine reports it only when that rule is turned off. One finding per
    cause."""

    __slots__ = (
        "because",
        "depends_on",
        "hint",
        "location",
        "message",
        "path",
        "reported",
        "severity",
        "subject",
        "unknown",
    )  # fmt: skip

    def __init__(
        self, path: JsonPath, message: str, hint: str | None = None, subject: str | None = None,
        location: Location | None = None, severity: Severity | None = None,
        unknown: bool = False, depends_on: tuple[JsonPath, ...] | None = None,
        reported: bool = True, because: str | None = None,
    ) -> None:  # fmt: skip
        self.path: Final = path
        self.message: Final = message
        self.hint: Final = hint
        self.subject: Final = subject
        self.location: Final = location
        self.severity: Final = severity
        self.unknown: Final = unknown
        self.depends_on: Final = depends_on
        self.reported: Final = reported
        self.because: Final = because


@record(frozen=True, ignore=("shared",))
class RuleContext:
    """What a check may read besides the plan. `reminder_days`: days ahead of a 12-month
    limit from which the reminders warn (`rappels:` setting). `shared`: work several rules
    need on the same plan, done once (donnees.py: one walk of its texts); the engine makes
    one context per plan; a key's value names its plan."""

    __slots__ = ("known_rules", "reminder_days", "requirements", "shared", "today")

    def __init__(
        self,
        today: date,
        requirements: Requirements | None = None,
        known_rules: frozenset[str] = frozenset(),
        reminder_days: int = 60,
        shared: dict[str, Any] | None = None,
    ) -> None:
        self.today: Final = today
        self.requirements: Final = requirements
        self.known_rules: Final = known_rules
        self.reminder_days: Final = reminder_days
        self.shared: Final[dict[str, Any]] = {} if shared is None else shared


Check = Callable[["Plan", RuleContext], Iterable[Finding]]


@record(frozen=True)
class Rule:
    """`placeholder_aware`: the check itself tells a part still « A_COMPLETER » from a
    missing one (the engine then keeps its findings instead of deferring them, see
    pending.py). `why`: why its default severity is not the one its source gives
    (docs/regles.md), in French."""

    __slots__ = (
        "check",
        "description",
        "family",
        "id",
        "placeholder_aware",
        "severity",
        "source",
        "why"
    )  # fmt: skip

    def __init__(
        self, id: str, severity: Severity, source: Source, description: str, family: str,
        check: Check, placeholder_aware: bool = False, why: str | None = None,
    ) -> None:  # fmt: skip
        self.id: Final = id
        self.severity: Final = severity
        self.source: Final = source
        self.description: Final = description
        self.family: Final = family
        self.check: Final = check
        self.placeholder_aware: Final = placeholder_aware
        self.why: Final = why

    @property
    def explanation(self) -> str:
        """The check's docstring is the user documentation (French, with an example)."""
        import inspect  # 3 ms of imports that a `validate` does not need

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
