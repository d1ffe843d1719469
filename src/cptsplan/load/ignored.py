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
_PEEK_BYTES = 1 << 20  # a plan file is far smaller; more is not a plan file
_TOP_KEY = r"^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:(?:[ \t\r]|$)"
"""Compiled by `re` when an ignored file is found (most plans have none)."""


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


def top_level_keys(path: Path) -> list[str]:
    """The sections an ignored file seems to hold (`plan.yaml.txt` holds « document »,
    « cpts »...), read as lines starting a key, without parsing: the file was not read as
    part of the plan and may not even be YAML. Empty for a file that cannot be read."""
    if path.suffix.lower() == ".json":
        return []
    try:
        with path.open("rb") as stream:
            head = stream.read(_PEEK_BYTES)
    except OSError:
        return []
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    return re.findall(_TOP_KEY, text, re.MULTILINE)
