"""Where a missing section of the plan is reported: the file to create, not the first file.

The schema sees a missing top-level section at the root of the merged plan, which has no
place of its own: shown at `adapter.yaml:1:1` (the first file, alphabetically), the message
sent the coordinator to a file that has nothing to do with it. In a plan folder the place is
the file that would hold the section (`evaluer.yaml`, to create); in a one-file plan, the end
of that file.
"""

from __future__ import annotations

from pathlib import Path

from cptsplan.findings.problems import Location, Problem
from cptsplan.findings.records import replace
from cptsplan.load.ignored import top_level_keys
from cptsplan.load.source import PlanSource


def place_missing_sections(
    problems: list[Problem], source: PlanSource, ignored: dict[str, Problem]
) -> list[Problem]:
    """Missing top-level sections moved to their file. One whose file was not read for its
    name (`evaluer.yaml.txt`, in `ignored`: `ignored_sections`) is left to the caller, which
    blames that file."""
    return [_placed(problem, source, set(ignored)) for problem in problems]


def ignored_sections(source: PlanSource) -> dict[str, Problem]:
    """The sections the plan's ignored files would hold, by the files' names
    (`annuaire.yaml.txt` -> « annuaire ») and by the keys at the start of their lines
    (`plan.yaml.txt` holds « document », « cpts »...), with the warning about each file."""
    sections: dict[str, Problem] = {}
    for problem in source.problems:
        if problem.rule != "fichier-ignore":
            continue
        name = Path(problem.location.file).name
        sections.setdefault(name.split(".")[0].lower(), problem)
        if source.root.is_dir():
            for key in top_level_keys(source.root / name):
                sections.setdefault(key, problem)
    return sections


def _placed(problem: Problem, source: PlanSource, ignored: set[str]) -> Problem:
    if problem.rule != "schema-manquant" or problem.path:
        return problem
    section = _section_of(problem.message)
    if section is None or section in source.data or section in ignored:
        return problem
    advice = f" ; {problem.hint}" if problem.hint else ""
    message = problem.message.replace(" au premier niveau du plan", "")
    if not source.root.is_dir():
        shown = source.files[0].display if source.files else source.display
        return replace(
            problem,
            location=Location(shown, _line_count(source) + 1, 1),
            message=message,
            hint=f"ajoutez la section « {section}: » au premier niveau de {shown}, par exemple "
            f"à la fin{advice}",
        )
    name = f"{section}.yaml"
    target = str(Path(source.display) / name)
    if (source.root / name).is_file():
        hint = f"ajoutez la ligne « {section}: » au début de {target}, suivie de la section"
    else:
        hint = (
            f"créez le fichier {name} dans le dossier {source.display}, qui commence par la "
            f"ligne « {section}: » (ou ajoutez la section au premier niveau d'un fichier du plan)"
        )
    return replace(
        problem,
        location=Location(target, 1, 1),
        message=f"{message} : aucun fichier du plan ne la contient",
        hint=hint + advice,
    )


def _section_of(message: str) -> str | None:
    start = message.find("« ")
    end = message.find(" »", start)
    if start < 0 or end < 0:
        return None
    return message[start + 2 : end]


def _line_count(source: PlanSource) -> int:
    return len(source.files[0].lines()) if source.files else 0
