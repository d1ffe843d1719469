"""Files in a plan folder that look like part of the plan but are not read.

`annuaire.yaml.txt` saved by an editor, `plan.YAML`, a JSON export: only `.yaml` and `.yml`
files are read, and a coordinator must not be told that a section is missing from the files
that were read without being told which file was left out.
"""

from __future__ import annotations

import re
from pathlib import Path

from cptsplan.findings.problems import Location, Problem, Severity

YAML_SUFFIXES = (".yaml", ".yml")  # as in source.py (which imports this module)


def ignored_files(folder: Path) -> list[Path]:
    """Files beside the plan that look like plan files but are not read because of their
    name (`annuaire.yaml.txt` saved by an editor, `plan.YAML`, a JSON export): named in a
    warning, so that a missing section is not blamed on the files that were read."""
    return sorted(
        child
        for child in folder.iterdir()
        if child.is_file()
        and not child.name.startswith(".")
        and child.suffix not in YAML_SUFFIXES
        and (
            ".yaml" in child.name.lower()
            or ".yml" in child.name.lower()
            or child.suffix.lower() == ".json"
        )
    )


def _meant_name(name: str) -> str:
    match = re.match(r"(.*?)\.(ya?ml)", name, re.IGNORECASE)
    if match:
        return f"{match.group(1)}.{match.group(2).lower()}"
    return f"{Path(name).stem}.yaml"


def ignored_file_problems(folder: Path, shown: str) -> list[Problem]:
    """One warning per ignored file; `shown` is the folder as the user wrote it."""
    problems = []
    for ignored in ignored_files(folder):
        meant = _meant_name(ignored.name)
        problems.append(
            Problem(
                Location(str(Path(shown) / ignored.name)),
                Severity.WARNING,
                "fichier-ignore",
                f"le fichier « {ignored.name} » n'a pas été lu : seuls les fichiers .yaml et "
                ".yml font partie du plan",
                "",
                f"s'il fait partie du plan, renommez-le en « {meant} » ; sinon, rangez-le "
                "hors du dossier du plan",
            )
        )
    return problems
