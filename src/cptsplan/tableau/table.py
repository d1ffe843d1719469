"""The reviewer's table: one row per plan, one column per item of the national template.

ARS and URPS reviewers check dozens of plans at once (`validate DOSSIER`, one sub-folder per
CPTS). The table lets them sort and filter: how complete each plan is, what it lacks, how
serious it is, how recent. CSV is written for French spreadsheets (UTF-8 with a byte order
mark, `;` between cells); XLSX through XlsxWriter (xlsx.py), imported only when asked for (it costs
start-up time).

A cell a spreadsheet would read as a formula (text starting with `=`, `+`, `-`, `@`, a tab
or a carriage return) comes from a plan, that is from anyone who can write one: in CSV it
is prefixed with an apostrophe, in XLSX it is written as text, never as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from cptsplan.api import CheckResult, PlanReport
from cptsplan.checked.reports import people_of
from cptsplan.checked.verdict import written_wrong
from cptsplan.errors import RenderingError, UsageError
from cptsplan.findings.problems import Severity
from cptsplan.model import NAMELESS, UNNAMED
from cptsplan.privacy.outside import for_reviewer, people_finder
from cptsplan.rules.pending import PLACEHOLDER_RULE
from cptsplan.schema.placeholders import DISPLAY, ToComplete
from cptsplan.tableau.cells import Cell, Column, folded  # shared with the XLSX writer
from cptsplan.tableau.verdict import INVALID, verdict

DOCUMENT_NOTE = " (lecture automatique du document Word, à vérifier)"
"""What importer/check.py appends to every message of a Word plan: the « Source » column
says it once per row."""

FORMATS = (".csv", ".xlsx", ".html")
COVERED, NOT_COVERED, PENDING, NOT_APPLICABLE = "oui", "non", DISPLAY, "sans objet"
LAST_UPDATE = "document.date_mise_a_jour"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

FIXED_COLUMNS = (
    Column("Dossier", 28),
    Column("CPTS", 30),
    Column("Résultat", 12),
    Column("Statut du document", 20),
    Column("Version", 10),
    Column("Dernière mise à jour", 14, "date"),
    Column("Mise à jour à faire avant le", 14, "date"),
    Column("Complétude (%)", 12, "percent"),
    Column("Erreurs", 9, "int"),
    Column("Avertissements", 9, "int"),
    Column("Source", 24),
    Column("Erreurs à corriger", 60),
    Column("Même CPTS que", 28),
)
MAX_LISTED = 12
"""Errors listed in the « Erreurs à corriger » cell; the count says how many more."""
STATUS_LABELS = {
    "brouillon": "brouillon",
    "pret_a_transmettre": "prêt à transmettre",
    "transmis": "transmis",
    "valide_ars": "validé par l'ARS",
}


def check_table_path(path: Path) -> None:
    """Refuses an unknown extension, or a destination that is not a regular file (a link,
    a device, a folder), before any plan is checked (a usage error)."""
    if path.suffix.lower() not in FORMATS:
        raise UsageError(
            f"format de tableau inconnu : « {path.name} »",
            "le nom du fichier doit finir par .xlsx, .csv ou .html (par exemple "
            "tableau-plans.xlsx)",
        )
    from cptsplan.files.output import check_targets

    check_targets([path])


def grid_columns() -> list[Column]:
    """One column per item of the national template, « thème : item », in grid order."""
    from cptsplan.rules.grille import TEMPLATE

    return [
        Column(f"{item.theme} : {item.item}", 22, source=item.source.value) for item in TEMPLATE
    ]


def table(result: CheckResult) -> tuple[list[Column], list[list[Cell]]]:
    """The columns and one row of typed values per plan (dates as `date`, completeness as a
    share between 0 and 1, counts as int; None for an empty cell)."""
    from cptsplan.rules import all_rules
    from cptsplan.rules.grille import TEMPLATE

    grid_rules = [item.rules for item in TEMPLATE]
    defaults = {rule.id: rule.severity for rule in all_rules()}
    twins = _same_cpts(result.reports)
    rows = []
    for index, report in enumerate(result.reports):
        # Every text, not only the errors: the table goes to the ARS (privacy/outside.py), and
        # a plan's name, version or grid detail is free text too.
        people = people_finder(
            report.people if report.plan is None else people_of(report.plan.data)
        )
        rows.append(
            [
                for_reviewer(cell, people=people) if isinstance(cell, str) else cell
                for cell in _row(report, grid_rules, defaults, twins.get(index))
            ]
        )
    return [*FIXED_COLUMNS, *grid_columns()], rows


def _same_cpts(reports: list[PlanReport]) -> dict[int, str]:
    """Row index -> the other rows of the same CPTS (its name, case and accents aside): the
    same plan received twice, as a repository and as a Word document, or an old version."""
    groups: dict[str, list[int]] = {}
    for index, report in enumerate(reports):
        name = report.name
        if isinstance(name, str) and name.strip() and name not in (UNNAMED, NAMELESS):
            groups.setdefault(folded(name), []).append(index)
    twins: dict[int, str] = {}
    for indexes in groups.values():
        for index in indexes if len(indexes) > 1 else ():
            others = [reports[i].target.display for i in indexes if i != index]
            twins[index] = "\n".join(others)
    return twins


def _errors(report: PlanReport) -> str | None:
    """The errors as a reviewer reads them, without opening the YAML: the message, not the
    rule's identifier nor the file and line of a plan read from a Word document."""
    messages = [
        for_reviewer(
            _placed(problem.path, problem.message.removesuffix(DOCUMENT_NOTE)),
            # A field to complete quotes its label (« Adresse »), not a value: kept readable.
            "" if problem.rule == PLACEHOLDER_RULE else problem.path,
        )
        for problem in report.problems
        if problem.severity == Severity.ERROR
    ]
    if not messages:
        return None
    unique = list(dict.fromkeys(messages))
    shown = unique[:MAX_LISTED]
    more = len(unique) - len(shown)
    return "\n".join(shown + ([f"… et {more} autres"] if more > 0 else []))


def _placed(path: str, message: str) -> str:
    """« Diagnostic des risques n° 2 : « Catégorie » : à compléter »: three risks with their
    category to complete read as one same sentence, three times, in the reviewer's cell
    (shown once); the YAML path that told them apart means nothing to the reviewer."""
    from cptsplan.messages.field_labels import schema_at
    from cptsplan.rules.redaction import parse_path

    parts = parse_path(path)
    last = max((i for i, part in enumerate(parts) if isinstance(part, int)), default=None)
    if last is None:
        return message
    schema = schema_at(parts[:last])
    title = schema.get("title") if schema else None
    name = title or str(parts[last - 1]).replace("_", " ").capitalize()
    return f"{name} n° {int(parts[last]) + 1} : {message}"


def _row(
    report: PlanReport,
    grid_rules: list[tuple[str, ...]],
    defaults: dict[str, Severity],
    twins: str | None,
) -> list[Cell]:
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    found: dict[str, Severity] = {}
    for problem in report.problems:
        # An info counts too: a plan whose configuration lowers a rule to « info » read
        # « non (erreur) » beside « 0 erreur » and « valide ».
        if problem.rule not in found or problem.severity > found[problem.rule]:
            found[problem.rule] = problem.severity
    cells: list[Cell] = [
        report.target.display,
        report.name,
        verdict(report),
        STATUS_LABELS.get(report.status or "", report.status),
        INVALID if written_wrong(report, "document.version") else _shown(report.version),
        INVALID if written_wrong(report, LAST_UPDATE) else _shown(report.last_update),
        report.next_update,
        report.completeness,
        errors,
        warnings,
        report.source or "fichiers YAML du plan",
        _errors(report),
        twins,
    ]
    if report.grid is None:  # rules not run: syntax errors, schema only, unreadable plan
        return cells + [None] * len(grid_rules)
    for item, rules in zip(report.grid, grid_rules, strict=True):
        if not item.applicable:
            cells.append(NOT_APPLICABLE)
        elif item.covered:
            cells.append(_detailed(COVERED, item.detail))
        elif not item.reported:
            # Not a problem of the plan (not sent yet, the ARS's answer awaited): no severity.
            cells.append(_detailed(PENDING if item.pending else NOT_COVERED, item.detail))
        elif item.pending:
            # Deferred to the one « A_COMPLETER » rule: its severity is the plan's (draft).
            severity = found.get(PLACEHOLDER_RULE)
            cells.append(f"{PENDING} ({severity.label_fr})" if severity else PENDING)
        else:
            # The severity this plan gets (its configuration) from the rules that found
            # something; the catalogue's only when none is reported (a rule turned off). A
            # rule of the item that found nothing is no part of it: the cell « Fonctions de
            # la cellule » read « non (erreur) » from suppleant-identique's default for a
            # plan whose only finding there was a warning.
            reported: list[Severity | None] = [found[r] for r in rules if r in found]
            severities = reported or [defaults.get(r) for r in rules]
            worst = max((s for s in severities if s is not None), default=None)
            cells.append(f"{NOT_COVERED} ({worst.label_fr})" if worst else NOT_COVERED)
    return cells


def _detailed(answer: str, detail: str | None) -> str:
    """« oui (conforme, le 1er décembre 2025) »: what the reviewer looks for, in the cell."""
    return f"{answer} ({detail})" if detail else answer


def _shown(value: Any) -> Cell:
    """A placeholder is printed « à compléter », never as a value."""
    if isinstance(value, ToComplete):
        return DISPLAY
    shown: Cell = value
    return shown


def write_table(result: CheckResult, path: Path) -> None:
    """Writes the table to `path`, CSV or XLSX by its extension; as documents are, all at
    once (an interrupted run leaves the previous table as it was: output.py)."""
    from cptsplan.files.output import write_all

    check_table_path(path)
    columns, rows = table(result)
    if path.suffix.lower() == ".csv":
        data = csv_bytes(columns, rows)
    elif path.suffix.lower() == ".html":
        from cptsplan.tableau.html import html_bytes

        data = html_bytes(columns, rows, result.today)
    else:
        from cptsplan.tableau.xlsx import xlsx_bytes

        data = xlsx_bytes(columns, rows)
    try:
        write_all({path: data}, kept="le tableau précédent est intact")
    except RenderingError as error:
        # The hint of a locked document names render's --output, which validate has not.
        raise RenderingError(
            error.message,
            f"sinon, écrivez le tableau ailleurs (--tableau AUTRE-NOM{path.suffix}), ou "
            "vérifiez les droits sur ce fichier",
        ) from error
    except OSError as error:
        raise RenderingError(
            f"le tableau « {path} » n'a pas pu être écrit ({error.strerror or error})",
            "vérifiez que le dossier existe et que le fichier n'est pas ouvert dans un tableur",
        ) from error


def safe_text(value: str) -> str:
    """Text a spreadsheet will not run: an apostrophe before a leading = + - @."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def csv_bytes(columns: Iterable[Column], rows: Iterable[list[Cell]]) -> bytes:
    """UTF-8 with a byte order mark and `;`: what French Excel and LibreOffice open as
    columns without an import dialog. Percentages as whole numbers (a decimal comma or
    point would be read differently from one spreadsheet to another), dates as AAAA-MM-JJ."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.title for column in columns])
    for row in rows:
        cells = zip(columns, row, strict=True)
        writer.writerow([_csv_cell(column, value) for column, value in cells])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_cell(column: Column, value: Cell) -> str:
    if value is None:
        return ""
    if column.kind == "percent" and isinstance(value, float):
        return str(round(value * 100))
    if isinstance(value, date):
        return value.isoformat()
    return safe_text(str(value))
