"""`validate --resume`: what is left to do, for the coordinator, grouped by theme of the plan.

One heading per theme in the order of the plan (document and territory, anticiper, adapter,
piloter, évaluer, directory...), with the file(s) it sits in and its counts; under it, one
line per item in the order of the file: fields still « A_COMPLETER » first, then errors,
warnings and information. No item is left out; the full blocks are `--format text`.
"""

from __future__ import annotations

import re
from pathlib import Path

from cptsplan.api import CheckResult, PlanReport
from cptsplan.findings.problems import Problem, Severity
from cptsplan.privacy.safetext import defuse_lines, visible
from cptsplan.reporters.text import in_document, plural, summary_lines
from cptsplan.rules.pending import PLACEHOLDER_RULE

THEMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Maîtrise du document, la CPTS et son territoire", ("document", "cpts", "territoire")),
    ("Anticiper", ("anticiper",)),
    ("Adapter", ("adapter",)),
    ("Piloter", ("piloter",)),
    ("Évaluer", ("evaluer",)),
    ("Annuaire de crise", ("annuaire",)),
)
OTHER_THEME = "Autres parties (figures, glossaire, silences, fichiers)"


def theme_of(problem: Problem) -> str:
    section = re.split(r"[.\[]", problem.path or "", maxsplit=1)[0]
    for title, sections in THEMES:
        if section in sections:
            return title
    return OTHER_THEME


def _counts(problems: list[Problem]) -> str:
    pending = sum(1 for p in problems if p.rule == PLACEHOLDER_RULE)
    others = [p for p in problems if p.rule != PLACEHOLDER_RULE]
    parts = [plural(pending, "champ à compléter", "champs à compléter")] if pending else []
    for severity, word in ((Severity.ERROR, "erreur"), (Severity.WARNING, "avertissement")):
        count = sum(1 for p in others if p.severity == severity)
        if count:
            parts.append(plural(count, word))
    infos = sum(1 for p in others if p.severity == Severity.INFO)
    if infos:
        parts.append(plural(infos, "information"))
    return ", ".join(parts)


def _line(problem: Problem, several_files: bool) -> str:
    file = f"{visible(Path(problem.location.file).name)}:" if several_files else "ligne "
    # A Word plan's findings all point at the document: no line to show.
    where = "" if in_document(problem.location) else f"{file}{problem.location.line} : "
    message = visible(problem.message)
    if problem.rule == PLACEHOLDER_RULE:
        hint = f" — {visible(problem.hint)}" if problem.hint else ""
        return f"  · {where}{message}{hint}"
    return f"  · {where}{problem.severity.label_fr} [{visible(problem.rule)}] {message}"


def plan_summary(report: PlanReport) -> list[str]:
    order = {name: index for index, name in enumerate(report.files)}
    groups: dict[str, list[Problem]] = {}
    for problem in report.problems:
        groups.setdefault(theme_of(problem), []).append(problem)
    lines = [f"Ce qui reste à faire : {visible(report.target.display)}"]
    for title in [title for title, _ in THEMES] + [OTHER_THEME]:
        found = groups.get(title)
        if not found:
            continue
        found.sort(
            key=lambda p: (
                p.rule != PLACEHOLDER_RULE,
                order.get(p.location.file, len(order)),
                p.location.line,
                -p.severity,
            )
        )
        files = sorted({p.location.file for p in found}, key=lambda f: order.get(f, len(order)))
        names = ", ".join(visible(Path(file).name) for file in files)
        lines += ["", f"{title} ({names}) : {_counts(found)}"]
        lines += [_line(problem, len(files) > 1) for problem in found]
    if not report.problems:
        lines.append("Rien : le plan est complet pour cptsplan.")
    return lines


def report(result: CheckResult) -> str:
    lines: list[str] = []
    for plan in result.reports:
        lines += [*plan_summary(plan), ""]
    lines.extend(summary_lines(result))
    return defuse_lines("\n".join(lines)) + "\n"
