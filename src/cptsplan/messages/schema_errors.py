"""jsonschema errors -> problems in plain French, with a hint where one helps.

A clinician must never see "is not valid under any of the given schemas": every keyword the
schema uses has its own sentence, and field names are shown with their French title.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cptsplan.findings import records
from cptsplan.findings.problems import Problem
from cptsplan.load.loader import JsonPath
from cptsplan.messages.error_parts import independent_errors
from cptsplan.messages.field_labels import (
    describe_value,
    expected_value,
    field_label,
    schema_at,
    shown_value,
)
from cptsplan.messages.make import Locator
from cptsplan.messages.make import make as _make
from cptsplan.messages.schema_format import format_message, pattern_message, period_message
from cptsplan.messages.shortening import shorten
from cptsplan.messages.suggestions import Suggester, reference_problems
from cptsplan.messages.unknown_keys import MAX_UNKNOWN_KEYS, closest_key, unknown_keys
from cptsplan.messages.value_hints import (
    colon_hint,
    empty_section_hint,
    invisible_hint,
    item_hint,
    list_hint,
    marker_problem,
    marker_with_text_problem,
    misspelt_marker,
    number_hint,
    said_unknown,
    several_values_hint,
    synonym,
    unknown_problem,
)
from cptsplan.schema.periods import PERIOD_COMMENT
from cptsplan.schema.placeholders import MARKER, is_marker, is_marker_branch

if TYPE_CHECKING:  # imported when a plan has errors to explain (schema.py)
    from jsonschema import ValidationError

__all__ = [
    "describe_value",
    "expected_value",
    "field_label",
    "schema_at",
    "shorten",
    "to_problems",
    "translate_errors",
]

_TYPE_NAMES = {
    "string": "du texte",
    "integer": "un nombre entier",
    "number": "un nombre",
    "boolean": "oui ou non (true / false)",
    "array": "une liste (lignes commençant par « - »)",
    "object": "une section (des lignes « clé: valeur » en retrait)",
    "null": "une valeur vide",
}


def translate_errors(
    errors: list[ValidationError],
    locate: Locator,
    ids: dict[str, set[str]],
    data: dict[str, Any] | None = None,
    limit: int | None = None,
) -> list[Problem]:
    """All errors of one validation. A misspelt key gives one problem, not two: the
    "missing" error of the key it was meant to be is dropped in favour of "unknown key,
    did you mean...?". `data` (the merged plan) lets a name stand for the id it names.
    Past `limit` problems the rest is not translated (the caller says the list is cut)."""
    suggester = Suggester(ids, data)
    errors = independent_errors(errors)
    misspelt: set[tuple[JsonPath, str]] = set()
    for error in errors:
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = list(error.schema.get("properties", {}))
            for extra in list(error.instance)[:MAX_UNKNOWN_KEYS]:
                suggestion = closest_key(extra, allowed) if extra not in allowed else None
                if suggestion:
                    misspelt.add((tuple(error.absolute_path), suggestion))
    problems: list[Problem] = []
    for error in errors:
        if (
            error.validator == "required"
            and (tuple(error.absolute_path), _missing_name(error)) in misspelt
        ):
            continue
        problems.extend(to_problems(error, locate, suggester))
        if limit is not None and len(problems) >= limit:
            return problems[:limit]
    return problems


def _missing_name(error: ValidationError) -> str:
    match = re.match(r"^'(.+)' is a required property$", error.message)
    return match.group(1) if match else str(error.validator_value)


def to_problems(error: ValidationError, locate: Locator, suggester: Suggester) -> list[Problem]:
    """One jsonschema error -> one or more problems (one per missing or unknown key).
    `suggester` knows the plan's identifiers, to suggest the one that was meant."""
    problems = _problems(error, locate, suggester)
    if (hidden := invisible_hint(error.instance)) is not None:
        # The value looks right: whatever the format's advice, the invisible character is
        # what to remove.
        problems = [records.replace(problem, hint=hidden) for problem in problems]
    return problems


def _problems(error: ValidationError, locate: Locator, suggester: Suggester) -> list[Problem]:
    path: JsonPath = tuple(error.absolute_path)
    value = error.instance
    if isinstance(value, str) and MARKER in value and value != MARKER:  # « A_COMPLETER (2 ?) »
        return [marker_with_text_problem(value, path, locate)]
    if misspelt_marker(value):
        return [marker_problem(value, path, locate)]
    period = error.schema.get("$comment") == PERIOD_COMMENT
    takes_marker = period or any(is_marker_branch(e.schema) for e in error.context or [])
    if takes_marker and said_unknown(value):  # « non connu » where the placeholder is taken
        return [unknown_problem(str(value), path, locate, period)]
    if is_marker(value) and value != MARKER:
        return [marker_with_text_problem(str(value), path, locate)]
    if error.validator == "x-cptsplan-ref":
        return reference_problems(error, path, locate, suggester)
    if error.schema.get("$comment") == PERIOD_COMMENT:  # a date or a period: one message
        return period_message(error.instance, path, locate)
    if error.context:  # anyOf / oneOf: report the most relevant branch, never the umbrella
        # The « A_COMPLETER » branch is an escape, not what the writer was aiming at.
        from jsonschema.exceptions import best_match

        aimed = [e for e in error.context if not is_marker_branch(e.schema)] or error.context
        best = best_match(aimed)
        period = _period_error(error, tuple(best.absolute_path))
        if period is not None:  # best_match went past the date-or-period field itself
            best = period
        problems = to_problems(best, locate, suggester)
        # The placeholder stands for the whole value, not for a part deep inside it.
        if len(aimed) < len(error.context) and tuple(best.absolute_path) == path:
            problems = [_with_marker_hint(problem) for problem in problems]
        return problems
    if error.validator == "type" and (moved := empty_section_hint(value, path, suggester.data)):
        return [records.replace(problem, hint=moved) for problem in _type(error, path, locate)]
    handler = _HANDLERS.get(str(error.validator), _generic)
    return handler(error, path, locate)


def _period_error(error: ValidationError, path: JsonPath) -> ValidationError | None:
    """The error of a date-or-period field at `path` among the branches of `error`."""
    for sub in error.context or []:
        if sub.schema.get("$comment") == PERIOD_COMMENT and tuple(sub.absolute_path) == path:
            return sub
        found = _period_error(sub, path)
        if found is not None:
            return found
    return None


def _required(error: ValidationError, path: JsonPath, locate: Locator) -> list[Problem]:
    missing = _missing_name(error)
    child = schema_at((*path, missing)) or {}
    is_section = child.get("type") in ("object", "array")
    what = "section obligatoire manquante" if is_section else "champ obligatoire manquant"
    where = f" dans {field_label(path)}" if path else " au premier niveau du plan"
    title = child.get("title")
    label = f"« {missing} » ({title})" if title else f"« {missing} »"
    hint = child.get("description")
    return [
        _make(
            locate,
            path,
            "schema-manquant",
            f"{what} : {label}{where}",
            f"à ajouter : {hint}" if hint else None,
            key=True,
        )
    ]


def _type(error: ValidationError, path: JsonPath, locate: Locator) -> list[Problem]:
    expected = error.validator_value
    expected_list = expected if isinstance(expected, list) else [expected]
    wanted = " ou ".join(_TYPE_NAMES.get(t) or str(t) for t in expected_list)
    if expected_list == ["string"] and (specific := _typed_text(path)):
        wanted = specific  # `date_mise_a_jour:` empty: « on attend une date », not « du texte »
    value = error.instance
    message = f"{field_label(path)} : on attend {wanted}, pas {describe_value(value)}"
    hint = None
    if "string" in expected_list and isinstance(value, int | float | bool):
        hint = "YAML a lu cette valeur comme un nombre ou un oui/non : mettez-la entre guillemets"
        if isinstance(value, int) and not isinstance(value, bool):
            hint += " (attention : « 01053 » sans guillemets devient un autre nombre)"
    elif "integer" in expected_list and (number := number_hint(value, path)):
        hint = number
    elif value is None:
        hint = _empty_hint(path)
    elif "array" in expected_list and isinstance(value, str):
        hint = list_hint(value, path)
    elif "string" in expected_list and isinstance(value, dict):
        hint = colon_hint(value, path, locate) or (schema_at(path) or {}).get("description")
    elif "object" in expected_list and isinstance(value, str | int | float) and path:
        hint = item_hint(value, path) or (schema_at(path) or {}).get("description")
    else:
        hint = (schema_at(path) or {}).get("description")
    return [_make(locate, path, "schema-type", message, hint)]


def _typed_text(path: JsonPath) -> str | None:
    schema = schema_at(path) or {}
    typed = "format" in schema or "pattern" in schema or schema.get("$comment") == PERIOD_COMMENT
    return expected_value(path) if typed else None


def _empty_hint(path: JsonPath) -> str:
    """A required field cannot be deleted: the advice is to fill it, or to say it is not
    known yet (a draft is a plan)."""
    if not _required_here(path):
        return "la valeur est vide : remplissez-la ou supprimez la ligne"
    return (
        "la valeur est vide : ce champ est obligatoire, remplissez-le ; si la valeur n'est pas "
        f"encore connue, écrivez {MARKER}"
    )


def _required_here(path: JsonPath) -> bool:
    if not path or isinstance(path[-1], int):
        return False
    parent = schema_at(path[:-1]) or {}
    return path[-1] in parent.get("required", [])


def _enum(error: ValidationError, path: JsonPath, locate: Locator) -> list[Problem]:
    # « oui, non », not Python's « oui, non, True, False », for a yes/no field.
    allowed = list(dict.fromkeys(shown_value(v) for v in error.validator_value))
    value = error.instance
    message = (
        f"{field_label(path)} : {describe_value(value)} n'est pas une valeur permise ; "
        f"valeurs permises : {', '.join(allowed)}"
    )
    hint = _empty_hint(path) if value is None else None
    if isinstance(value, str):
        lowered = {a.lower(): a for a in allowed}
        normalized = value.strip().lower().replace(" ", "_")
        close = (
            synonym(value, allowed)
            or lowered.get(normalized)
            or next(
                iter(difflib.get_close_matches(normalized, list(lowered), n=1, cutoff=0.6)), None
            )
        )
        if close:
            hint = f"vouliez-vous dire « {lowered.get(close, close)} » ?"
        hint = several_values_hint(value, allowed, path) or hint
    return [_make(locate, path, "schema-valeur", message, hint)]


def _const(error: ValidationError, path: JsonPath, locate: Locator) -> list[Problem]:
    wanted, value = error.validator_value, error.instance
    if isinstance(value, str) and not isinstance(wanted, str) and value.strip() == str(wanted):
        # `version_format: "1"`: « doit valoir 1, pas « 1 » » read as a contradiction.
        key = path[-1] if path else ""
        return [
            _make(
                locate,
                path,
                "schema-valeur",
                f"{field_label(path)} : le nombre {wanted} est écrit entre guillemets, ce qui "
                "en fait un texte",
                f"retirez les guillemets : « {key}: {wanted} »",
            )
        ]
    return [
        _make(
            locate,
            path,
            "schema-valeur",
            f"{field_label(path)} doit valoir {error.validator_value}, "
            f"pas {describe_value(error.instance)}",
            (schema_at(path) or {}).get("description"),
        )
    ]


def _min_items(error: ValidationError, path: JsonPath, locate: Locator) -> list[Problem]:
    minimum = error.validator_value
    what = "au moins un élément" if minimum == 1 else f"au moins {minimum} éléments"
    return [
        _make(
            locate,
            path,
            "schema-liste-vide",
            f"{field_label(path)} : la liste doit contenir {what}",
            (schema_at(path) or {}).get("description"),
        )
    ]


def _min_length(error: ValidationError, path: JsonPath, locate: Locator) -> list[Problem]:
    return [
        _make(
            locate,
            path,
            "schema-valeur",
            f"{field_label(path)} : le texte est vide",
            _empty_hint(path).replace("la valeur est vide : ", ""),
        )
    ]


def _max_length(error: ValidationError, path: JsonPath, locate: Locator) -> list[Problem]:
    length = len(error.instance) if isinstance(error.instance, str) else 0
    return [
        _make(
            locate,
            path,
            "schema-valeur",
            f"{field_label(path)} : texte trop long ({length} caractères, "
            f"maximum {error.validator_value})",
            None,
        )
    ]


def _bounds(error: ValidationError, path: JsonPath, locate: Locator) -> list[Problem]:
    word = "au moins" if error.validator == "minimum" else "au plus"
    return [
        _make(
            locate,
            path,
            "schema-valeur",
            f"{field_label(path)} : {describe_value(error.instance)} ; la valeur doit être "
            f"{word} {error.validator_value}",
            (schema_at(path) or {}).get("description"),
        )
    ]


def _unique(error: ValidationError, path: JsonPath, locate: Locator) -> list[Problem]:
    return [
        _make(
            locate,
            path,
            "schema-doublon",
            f"{field_label(path)} : la liste contient deux fois la même valeur",
            "retirez le doublon",
        )
    ]


def _with_marker_hint(problem: Problem) -> Problem:
    """Typed fields also accept the placeholder: say so, so that nobody invents a value."""
    extra = f"si la valeur n'est pas encore connue, écrivez {MARKER}"
    if problem.hint and extra in problem.hint:
        return problem
    hint = f"{problem.hint} ; {extra}" if problem.hint else extra
    return records.replace(problem, hint=hint)


def _generic(error: ValidationError, path: JsonPath, locate: Locator) -> list[Problem]:
    return [
        _make(
            locate,
            path,
            "schema-valeur",
            f"{field_label(path)} : valeur non valide",
            (schema_at(path) or {}).get("description"),
        )
    ]


_HANDLERS: dict[str, Callable[[ValidationError, JsonPath, Locator], list[Problem]]] = {
    "required": _required,
    "additionalProperties": unknown_keys,
    "type": _type,
    "enum": _enum,
    "const": _const,
    "format": format_message,
    "pattern": pattern_message,
    "minItems": _min_items,
    "minLength": _min_length,
    "maxLength": _max_length,
    "minimum": _bounds,
    "maximum": _bounds,
    "uniqueItems": _unique,
}
