"""Runs the catalogue on a plan: gives each finding its rule id, severity (configuration
first) and file:line:col, then applies the plan's silences."""

from __future__ import annotations

from datetime import date

from cptsplan.findings.problems import Location, Problem, format_path
from cptsplan.findings.records import record
from cptsplan.load.loader import JsonPath
from cptsplan.model import Plan
from cptsplan.rules.base import REGISTRY, Finding, RuleContext
from cptsplan.rules.helpers import refused
from cptsplan.rules.pending import pending_in
from cptsplan.rules.registry import all_rules, rule_ids
from cptsplan.rules.settings import DEFAULT, Config

UNUSED_SILENCE = "silence-inutile"
META_RULES = frozenset({"silence-sans-raison", "silence-regle-inconnue", UNUSED_SILENCE})
"""Rules about silences cannot themselves be silenced."""


@record()
class Outcome:
    """`findings`: every finding of every rule, before configuration and silences (for the
    grid)."""

    __slots__ = ("findings", "problems")

    def __init__(self, problems: list[Problem], findings: dict[str, list[Finding]]) -> None:
        self.problems = problems
        self.findings = findings


def raw_findings(plan: Plan, ctx: RuleContext) -> dict[str, list[Finding]]:
    return {rule.id: list(rule.check(plan, ctx)) for rule in all_rules()}


def context(today: date, config: Config = DEFAULT) -> RuleContext:
    return RuleContext(
        today=today,
        requirements=config.requirements,
        known_rules=rule_ids(),
        reminder_days=config.reminder_days,
    )


def run(plan: Plan, today: date, config: Config = DEFAULT) -> Outcome:
    findings = raw_findings(plan, context(today, config))
    silences = _silences(plan)
    used: set[int] = set()
    problems: list[Problem] = []
    # A field still « A_COMPLETER » is reported once, as such (see pending.py).
    pending = pending_in(findings, plan)
    for rule in all_rules():
        if not config.enabled(rule.id):
            continue
        for finding in findings[rule.id]:
            if not finding.reported or (finding.because and config.enabled(finding.because)):
                continue  # a fact for the grid only, or said by the rule of its cause
            if not rule.placeholder_aware and pending.defers_finding(finding):
                continue
            if rule.placeholder_aware and refused(plan, finding.path):
                continue  # `adaptation:` for `adapter:` is one message, not « no response »
            severity = config.severity(rule.id, finding.severity or rule.severity)
            path = format_path(finding.path)
            matched = [] if rule.id in META_RULES else _matching(silences, rule.id, path)
            if matched:
                used.update(matched)
                continue
            location = finding.location or locate(plan, finding.path)
            problems.append(
                Problem(location, severity, rule.id, finding.message, path, finding.hint)
            )
    if config.enabled(UNUSED_SILENCE):
        severity = config.severity(UNUSED_SILENCE, REGISTRY[UNUSED_SILENCE].severity)
        for index, (rule_id, _) in enumerate(silences):
            if index not in used and rule_id in rule_ids() and config.enabled(rule_id):
                where = ("silences", index)
                problems.append(
                    Problem(
                        locate(plan, where),
                        severity,
                        UNUSED_SILENCE,
                        f"le silence de la règle « {rule_id} » ne fait taire aucun problème",
                        format_path(where),
                        "retirez-le s'il n'est plus utile",
                    )
                )
    return Outcome(problems, findings)


def locate(plan: Plan, path: JsonPath) -> Location:
    """Where a finding is shown: the value at `path` when it exists, otherwise the key of its
    nearest existing parent (a missing section is reported where it should be added)."""
    return plan.locate(path)


def _silences(plan: Plan) -> list[tuple[str, str]]:
    """(rule id, path prefix) for each silence; a blank path silences the whole plan."""
    return [
        (str(item.get("regle", "")), str(item.get("chemin") or "").strip())
        for item in plan.data.get("silences", [])
        if isinstance(item, dict)
    ]


def _matching(silences: list[tuple[str, str]], rule_id: str, path: str) -> list[int]:
    return [
        index
        for index, (silenced, prefix) in enumerate(silences)
        if silenced == rule_id
        and (not prefix or path == prefix or path.startswith((prefix + ".", prefix + "[")))
    ]
