"""`cptsplan annuaire exporter`: the plan checked, the file built in memory, then written
(output.py: never onto an input or anything but a regular file, created readable by its
owner only, since it holds personal contact details)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cptsplan.annuaire import csv_export, vcard
from cptsplan.annuaire.common import check_edition
from cptsplan.errors import CptsplanError, ExitCode, UsageError
from cptsplan.files.names import version_part
from cptsplan.files.output import check_name, check_targets, write_all
from cptsplan.findings.problems import Problem, Severity
from cptsplan.model import Plan

FORMATS: dict[str, Callable[[Plan], bytes]] = {"vcf": vcard.export, "csv": csv_export.export}
EXTENSIONS = {"vcf": ".vcf", "csv": ".csv"}
PATIENT_RULES = ("donnees-patient-",)
"""Rules that find patient data: a plan where they fire exports nothing (the directory
would carry it to every phone)."""


class PlanRefused(CptsplanError):
    """The plan does not pass the schema, or holds patient data: nothing is exported."""

    exit_code = ExitCode.PROBLEMS

    def __init__(self, message: str, hint: str, problems: list[Problem]) -> None:
        super().__init__(message, hint)
        self.problems = problems


@dataclass
class Exported:
    path: Path
    count: int
    problems: list[Problem] = field(default_factory=list)
    """Problems found in the plan that did not stop the export (shown as warnings)."""


def check_format(fmt: str) -> str:
    name = fmt.strip().lower().lstrip(".")
    name = {"vcard": "vcf"}.get(name, name)
    if name not in FORMATS:
        raise UsageError(f"format inconnu : {fmt}", "formats possibles : vcf (vCard 4.0), csv")
    return name


def load_plan(plan_path: Path, today: date | None) -> tuple[Plan, list[Problem]]:
    """The checked plan. Conformity findings do not stop an export (the directory is needed
    in a crisis whatever the rest of the plan says); schema errors and patient data do."""
    from cptsplan import api

    if not plan_path.exists():
        raise UsageError(f"chemin introuvable : {plan_path}")
    report = api.load_checked_plan(plan_path, today=today)
    blocking = [
        problem
        for problem in report.problems
        if problem.severity == Severity.ERROR
        and (not report.schema_valid or problem.rule.startswith(PATIENT_RULES))
    ]
    if report.plan is None or not report.schema_valid or blocking:
        raise PlanRefused(
            "aucun fichier exporté : "
            + (
                "le plan contient des données de patients"
                if report.schema_valid and report.plan is not None
                else "le plan ne respecte pas le format (schéma)"
            ),
            "corrigez d'abord les erreurs ci-dessus (« cptsplan validate » les montre aussi)",
            blocking or report.problems,
        )
    return report.plan, [p for p in report.problems if p.severity >= Severity.WARNING]


def default_output(plan: Plan, plan_path: Path, fmt: str, home: Path | None = None) -> Path:
    """`build/annuaire-v<version>-interne.<ext>` in the repository folder (`home`, see
    repository/location.py), else in the plan's folder."""
    folder = home if home is not None else plan_path if plan_path.is_dir() else plan_path.parent
    version = version_part(plan.section("document", "version"))
    return folder / "build" / f"annuaire{version}-interne{EXTENSIONS[fmt]}"


def export(
    plan_path: Path,
    fmt: str,
    output: Path | None = None,
    edition: str | None = None,
    today: date | None = None,
    home: Path | None = None,
) -> Exported:
    check_edition(edition)
    fmt = check_format(fmt)
    if output is not None:
        check_name(output)  # a name no system accepts: refused before work
        # An existing folder receives the default name (--help); `-o /dev/null`, a
        # symlink: refused before work.
        if not (output.is_dir() and not output.is_symlink()):
            check_targets([output])
    plan, problems = load_plan(plan_path, today)
    target = output if output is not None else default_output(plan, plan_path, fmt, home)
    if target.is_dir():
        target = target / default_output(plan, plan_path, fmt, home).name
    if target.suffix.lower() in (".yaml", ".yml"):
        # Beside the plan's files, it would be read as one of them: the plan breaks.
        raise UsageError(
            f"le fichier de sortie {target} a l'extension {target.suffix} : il serait lu "
            f"comme un fichier du plan, or l'export est au format {fmt} ; rien n'est écrit",
            f"écrivez --output {target.with_suffix(EXTENSIONS[fmt])}",
        )
    check_targets([target], [loaded.path for loaded in plan.source.files])
    data = FORMATS[fmt](plan)
    write_all({target: data}, private=True)
    return Exported(target, len(plan.data.get("annuaire") or []), problems)
