"""Human-readable output for a terminal: one block per problem, then a French summary line."""

from __future__ import annotations

from cptsplan.api import CheckResult, PlanReport
from cptsplan.checked.verdict import fails
from cptsplan.findings.problems import Location, Problem, Severity
from cptsplan.messages.dates import french_date
from cptsplan.model import NAMELESS, UNNAMED
from cptsplan.privacy.safetext import defuse_lines, visible
from cptsplan.reporters.snippet import NO_LINE, SourceLines, snippet


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'0 erreur', '1 erreur', '2 erreurs' (French: 0 and 1 take the singular)."""
    word = singular if count < 2 else (plural_form or singular + "s")
    return f"{count} {word}"


DOCUMENT_SUFFIXES = (".docx", ".odt")


def in_document(location: Location) -> bool:
    """A finding on a plan read from a Word or LibreOffice document points at the document
    as a whole: its « line 1 » is no place to look at (the « chemin » says which part)."""
    return location.file.lower().endswith(DOCUMENT_SUFFIXES)


def place(location: Location) -> str:
    return location.file if in_document(location) else str(location)


def format_problem(problem: Problem, sources: SourceLines | None = None) -> str:
    """One block per problem: the place and the message, the source line with a caret under
    the column when the file can be read (snippet.py), the path in the plan, the hint. Every
    field is plan data (file names, values quoted in the message): controls and newlines in it
    are shown escaped, never acted upon."""
    where = problem.location
    lines = [
        f"{visible(place(where))}: {problem.severity.label_fr} [{visible(problem.rule)}] "
        f"{visible(problem.message)}",
    ]
    if problem.rule not in NO_LINE and not in_document(where):
        lines += snippet(sources or SourceLines(), where.file, where.line, where.col)
    if problem.path:
        lines.append(f"    chemin : {visible(problem.path)}")
    if problem.hint:
        lines.append(f"    aide : {visible(problem.hint)}")
    return defuse_lines("\n".join(lines))


def summary_line(report: PlanReport) -> str:
    errors = report.count(Severity.ERROR)
    warnings = report.count(Severity.WARNING)
    name = f"« {visible(report.name)} » " if report.name else ""
    if report.name in (UNNAMED, NAMELESS):
        name = f"{report.name.removeprefix('plan ')} "  # « plan sans nom (A_COMPLETER) valide »
    display = visible(report.target.display)
    files = plural(len(report.files), "fichier")
    completeness = (
        f", complétude {percent(report.completeness)}" if report.completeness is not None else ""
    )
    if report.next_update is not None:
        # Past its limit, « prochaine mise à jour avant le » a date gone read as still ahead.
        late = any(problem.rule == "mise-a-jour-ancienne" for problem in report.problems)
        limit = french_date(report.next_update)
        completeness += (
            f", limite de la mise à jour annuelle dépassée : {limit}"
            if late
            else f", prochaine mise à jour avant le {limit}"
        )
    if errors == 0 and warnings == 0:
        line = f"✔ {display} : plan {name}valide ({files}{completeness})."
        return line + (f"\n  source : {visible(report.source)}" if report.source else "")
    mark, status = ("✘", "non valide") if errors else ("⚠", "valide avec réserves")
    counts = ", ".join([plural(errors, "erreur"), plural(warnings, "avertissement")])
    line = f"{mark} {display} : plan {name}{status} : {counts} ({files}{completeness})."
    return line + (f"\n  source : {visible(report.source)}" if report.source else "")


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}".replace("%", " %")


def summary_table(result: CheckResult) -> list[str]:
    """One row per plan: state, errors, warnings, completeness (several plans at once)."""
    header = ("", "plan", "erreurs", "avertissements", "complétude")
    rows = [header] + [
        (
            "✘" if plan.count(Severity.ERROR) else "⚠" if plan.count(Severity.WARNING) else "✔",
            visible(plan.target.display),
            str(plan.count(Severity.ERROR)),
            str(plan.count(Severity.WARNING)),
            percent(plan.completeness),
        )
        for plan in result.reports
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    right = {2, 3, 4}
    return [
        "  ".join(
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]


def summary_lines(result: CheckResult) -> list[str]:
    """One sentence for one plan; a table and a total for several."""
    if len(result.reports) == 1:
        return [summary_line(result.reports[0])]
    # « valides » as the reviewer's table says it: the plans that do not fail this check
    # (with --strict, a plan with warnings is not counted).
    valid = sum(1 for plan in result.reports if not fails(plan))
    return [
        *summary_table(result),
        f"{plural(len(result.reports), 'plan')} vérifiés, "
        f"{plural(valid, 'valide')}, "
        f"{plural(result.count(Severity.ERROR), 'erreur')}, "
        f"{plural(result.count(Severity.WARNING), 'avertissement')}.",
    ]


def configuration_lines(result: CheckResult) -> list[str]:
    """Which `.cptsplan.yaml` was applied: it can turn rules off, it must not go unseen."""
    applied = dict.fromkeys(plan.configuration for plan in result.reports if plan.configuration)
    return [f"configuration : {path}" for path in applied]


def report(result: CheckResult) -> str:
    sources = SourceLines()
    blocks = [
        format_problem(problem, sources) for plan in result.reports for problem in plan.problems
    ]
    lines = blocks + ([""] if blocks else [])
    lines.extend(summary_lines(result))
    lines.extend(configuration_lines(result))
    return defuse_lines("\n".join(lines)) + "\n"
