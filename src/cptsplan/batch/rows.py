"""The rows of a reviewer's folder for what is no plan cptsplan reads: an empty folder, a
folder too deep, an archive, a link not followed, a plan whose own configuration does not
load. Each is one report with one error, so that the table has a row for everything sent."""

from __future__ import annotations

from pathlib import Path

from cptsplan import api
from cptsplan.errors import CptsplanError
from cptsplan.findings.problems import Location, Problem, Severity

EMPTY_FOLDER_RULE = "dossier-sans-plan"
ARCHIVE_RULE = "archive-non-lue"
LINK_RULE = "lien-non-suivi"
CONFIG_RULE = "configuration-invalide"

MAX_DEPTH = 3
"""Folders of plans inside a folder of plans (a region, its departments) are followed this
deep: a reviewer's tree, not a whole disk."""


def entries(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


def unconfigured(path: Path, error: CptsplanError) -> api.PlanReport:
    return unread(path, CONFIG_RULE, error.message, error.hint or "")


def link_not_followed(link: Path) -> api.PlanReport:
    return unread(
        link,
        LINK_RULE,
        f"« {link} » est un lien symbolique qui sort du dossier des plans ou ne mène "
        "nulle part : il n'est pas suivi",
        "copiez le plan lui-même dans le dossier des plans, à la place du lien",
    )


def unread(path: Path, rule: str, message: str, hint: str) -> api.PlanReport:
    """The row of what was found but is no plan cptsplan can read."""
    display = str(path)
    problem = Problem(Location(display), Severity.ERROR, rule, message, "", hint)
    return api.PlanReport(api.PlanTarget(path, display), [problem], schema_valid=False)


def empty_folder(folder: Path) -> api.PlanReport:
    # A folder with sub-folders lands here only past MAX_DEPTH: they may hold plans.
    if any(entry.is_dir() and not entry.is_symlink() for entry in entries(folder)):
        return unread(
            folder,
            EMPTY_FOLDER_RULE,
            f"le dossier « {folder} » est à plus de {MAX_DEPTH} niveaux sous le dossier des "
            "plans : ses sous-dossiers ne sont pas lus",
            "vérifiez-les à part : cptsplan validate "
            + (f'"{folder}"' if " " in str(folder) else str(folder)),
        )
    return unread(
        folder,
        EMPTY_FOLDER_RULE,
        f"aucun plan dans le dossier « {folder} » : ni fichier .yaml, ni document Word "
        "(.docx) ou LibreOffice (.odt)",
        "déposez dans ce dossier le plan reçu de la CPTS, ou retirez le dossier s'il "
        "n'attend aucun plan",
    )


def archive(path: Path) -> api.PlanReport:
    return unread(
        path,
        ARCHIVE_RULE,
        f"« {path.name} » est une archive : cptsplan ne l'ouvre pas",
        "décompressez-la dans le dossier des plans (un dossier par CPTS), puis relancez",
    )
