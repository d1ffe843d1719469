"""One verdict per plan, the same in the reviewer's table, in JSON and in the exit code.

The table used to say « valide » for a plan with warnings checked with `--strict` (or with
`--bloquant tout`) while the run failed on it, and the JSON's `valid` counted errors only:
three answers to « is this plan fine? ». The command line's level is resolved into each
report once (`resolve`), then every output asks `fails`. It lives beside the reports it
judges, below the reporters, the table and the command line that all ask it (r1 review #14:
it was in tableau/, so the reporters depended on the table writer's package).
"""

from __future__ import annotations

from cptsplan.checked.reports import CheckResult, PlanReport
from cptsplan.findings.blocking import Blocking, blocks, effective
from cptsplan.findings.problems import Problem, Severity
from cptsplan.rules.pending import PLACEHOLDER_RULE


def resolve(result: CheckResult, strict: bool, level: Blocking | None) -> None:
    """Writes into each report the level that applies to it: the command line's and the
    plan's own configuration's, the stricter of the two (as `CheckResult.exit_code`)."""
    asked = Blocking.ALL if strict else level
    for report in result.reports:
        own = Blocking.ALL if report.strict else None
        report.blocking = effective(asked, report.blocking, own)


def fails(report: PlanReport) -> bool:
    """Whether this plan fails the check (makes the exit code 1)."""
    level = effective(report.blocking, Blocking.ALL if report.strict else None)
    return blocks(level, report.problems, structure_broken=not report.schema_valid)


def blocking(report: PlanReport, problem: Problem) -> bool:
    """Whether this problem is one that fails the check for this plan: an error by default;
    a warning too with `--strict`; only a break of the plan's structure (syntax, schema,
    references: no conformity rule) with `--bloquant structure`. JUnit counts these as
    failed tests, so that a job's failed tests are what made it fail."""
    level = effective(report.blocking, Blocking.ALL if report.strict else None)
    if level is Blocking.ALL:
        return problem.severity >= Severity.WARNING
    if problem.severity != Severity.ERROR:
        return False
    if level is Blocking.STRUCTURE:
        from cptsplan.rules import get_rule

        return get_rule(problem.rule) is None
    return True


def written_wrong(report: PlanReport, dotted: str) -> bool:
    """Whether the plan's value at `dotted` is refused by the schema: the rules then read it
    as « A_COMPLETER » (partial.py), and the table said « à compléter » for a date the plan
    does write (« 2026-09 »), only wrongly."""
    from cptsplan.rules import get_rule

    # A conformity rule's error on that field (`mise-a-jour-ancienne` on a date that is only
    # old) says nothing of how it is written: only the format checks (no rule) do.
    return any(
        problem.path == dotted
        and problem.severity == Severity.ERROR
        and problem.rule != PLACEHOLDER_RULE
        and get_rule(problem.rule) is None
        for problem in report.problems
    )
