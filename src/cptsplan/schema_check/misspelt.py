"""What a misspelt section holds, checked now rather than after the key is fixed.

`anuaire:` for `annuaire:` was reported as an unknown key, and nothing under it was checked:
the coordinator fixed the key, ran the check again, and only then met the mistakes of the
366 lines below it. When the key meant is certain (one known section spelt nearly the same,
not written elsewhere in the plan), its content is checked as that section's: each problem
found is reported at its place, marked as read under the suggested name. An uncertain
suggestion (`evaluation` for `evaluer`) checks nothing: a block under a wrong guess would
give errors that are not mistakes.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cptsplan.findings.problems import Location, Problem, format_path
from cptsplan.findings.records import replace
from cptsplan.load.loader import JsonPath
from cptsplan.load.source import PlanSource, notice_problem
from cptsplan.messages.unknown_keys import nearly
from cptsplan.schema.plan_schema import base_schema, schema_errors
from cptsplan.schema.references import collect_ids

if TYPE_CHECKING:  # a plan with errors only
    from jsonschema import ValidationError


def meant_sections(data: dict[str, Any]) -> dict[str, str]:
    """Written top-level key -> the section it certainly stands for."""
    allowed = list(base_schema().get("properties", {}))
    meant: dict[str, str] = {}
    for key in data:
        if key in allowed:
            continue
        close = [name for name in allowed if nearly(key, name)]
        if len(close) == 1 and close[0] not in data and close[0] not in meant.values():
            meant[key] = close[0]
    return meant


def misspelt_problems(
    source: PlanSource,
    limit: int,
    unknowable: Callable[[ValidationError, dict[str, Any]], bool],
) -> list[Problem]:
    """The problems of the content of each certainly misspelt section (`meant_sections`), at
    most `limit`. `unknowable(error, data)`: whether an error is about what a file that was
    not read would have held (format_check's test), left out here as it is there."""
    meant = meant_sections(source.data)
    if not meant or limit <= 0:
        return []
    data = {key: value for key, value in source.data.items() if key not in meant}
    problems: list[Problem] = []
    for written, section in meant.items():
        data[section] = copy.deepcopy(source.data[written])
        problems += _retyped(source, data, written, section)
    ids = collect_ids(data)
    errors = [
        error
        for error in schema_errors(data, ids, limit=limit)
        if error.absolute_path
        and str(error.absolute_path[0]) in meant.values()
        and not unknowable(error, data)
    ]
    if errors:
        from cptsplan.messages.schema_errors import translate_errors

        back = {section: written for written, section in meant.items()}

        def locate(path: JsonPath, key: bool) -> Location:
            return source.locate(_written(path, back), key=key)

        for problem in translate_errors(errors, locate, ids, data, limit=limit):
            section = problem.path.split(".", 1)[0].split("[", 1)[0]
            if section in back:
                problems.append(_marked(problem, back[section], section))
    return problems[:limit]


def _retyped(source: PlanSource, data: dict[str, Any], written: str, section: str) -> list[Problem]:
    """The unquoted values of `written` typed as `section`'s fields take them (`h24: non`
    is then no, not a text the schema would refuse), as loading types every section's."""
    from cptsplan.load.scalars import apply_schema_types

    loaded = next((f for f in source.files if f.display == source.file_of(written)), None)
    if loaded is None:
        return []
    plain = {
        (section, *path[1:]): text for path, text in loaded.plain.items() if path[0] == written
    }
    notices = apply_schema_types(data, plain, base_schema())
    return [
        _marked(notice_problem(loaded, (written, *path[1:]), notice), written, section)
        for path, notice in notices
    ]


def _written(path: JsonPath, back: dict[str, str]) -> JsonPath:
    if path and str(path[0]) in back:
        return (back[str(path[0])], *path[1:])
    return path


def _marked(problem: Problem, written: str, section: str) -> Problem:
    """The problem as found under `written`, said to be read as `section`."""
    path = problem.path
    if path.startswith(section):
        path = written + path[len(section) :]
    elif not path:
        path = format_path((written,))
    return replace(
        problem,
        path=path,
        message=f"{problem.message} (sous « {written}: », lu comme « {section}: », la clé "
        "suggérée)",
    )
