"""Rules on a plan that does not pass the schema yet: the parts that failed are set aside.

One schema error must not hide every rule finding (a real draft showed 1 message and hid 51
until that one was fixed). The rules run on a copy of the plan in which each value that
failed the schema is replaced by an `Invalid` value (false, not a text, a date or a number:
no rule takes it as a fact), and the model records where those parts are, so that the rule
engine defers what rules say about them (see `rules/pending.py`): a part that failed is
never reported as absent.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from cptsplan.load.loader import JsonPath
from cptsplan.schema.placeholders import ToComplete, is_marker_branch

if TYPE_CHECKING:  # imported when a plan has errors to explain (schema.py)
    from jsonschema import ValidationError


class Invalid(ToComplete):
    """A value the schema refused: unknown to the rules, like a placeholder, but not one the
    writer put there (so `champ-a-completer` does not report it). Equality, text and hash
    are ToComplete's (an Invalid equals only an Invalid, as between dataclasses)."""

    __slots__ = ()


def invalid_paths(errors: Iterable[ValidationError]) -> set[JsonPath]:
    """The parts of the plan the errors are about. A missing key is a part that failed too:
    what rules would say about its absence is the schema's message already."""
    paths: set[JsonPath] = set()
    for error in errors:
        path: JsonPath = tuple(error.absolute_path)
        context = error.context or []
        aimed = [e for e in context if not is_marker_branch(e.schema)]
        if error.validator == "anyOf" and aimed and len(aimed) < len(context):
            # A list that also accepts « A_COMPLETER »: only the part of it that failed
            # is set aside, not the whole list (one bad reference hid every response).
            paths.update(invalid_paths(aimed))
        elif error.validator == "required" and isinstance(error.instance, dict):
            missing = [key for key in error.validator_value if key not in error.instance]
            paths.update((*path, key) for key in missing)
        elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = error.schema.get("properties", {})
            unknown = [key for key in error.instance if key not in known]
            paths.update((*path, key) for key in unknown)
            # A misspelt key (`adaptation:` for `adapter:`) is the key it was meant to be:
            # the rules must not report that one as absent (« aucune réponse pour T1 »...).
            paths.update((*path, meant) for meant in _meant(unknown, known, error.instance))
        else:
            paths.add(path)
    return paths


def _meant(unknown: list[str], known: dict[str, Any], instance: dict[str, Any]) -> set[str]:
    from cptsplan.messages.unknown_keys import MAX_UNKNOWN_KEYS, closest_key  # errors only

    allowed = list(known)
    meant = (closest_key(key, allowed) for key in unknown[:MAX_UNKNOWN_KEYS])
    return {key for key in meant if key is not None and key not in instance}


def set_aside(data: dict[str, Any], paths: Iterable[JsonPath]) -> dict[str, Any]:
    """A copy of `data` in which the value at each path is replaced by an empty value of the
    type its rules expect (a list, a section) or by `Invalid()`; `data` is not changed."""
    import copy  # only a plan with schema errors needs it (0.6 ms with weakref, issue 20)

    result = copy.deepcopy(data)
    # Deepest first: replacing a parent first would leave its children's paths dangling.
    for path in sorted(paths, key=len, reverse=True):
        if not path:
            continue
        parent = _container(result, path[:-1])
        last = path[-1]
        in_dict = isinstance(parent, dict) and isinstance(last, str) and last in parent
        in_list = isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent)
        if in_dict or in_list:
            parent[last] = _empty(path)
    return result


def _container(data: Any, path: JsonPath) -> Any:
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _empty(path: JsonPath) -> Any:
    from cptsplan.messages.schema_errors import schema_at  # a plan with errors only

    kind = (schema_at(path) or {}).get("type")
    if kind == "array":
        return []
    if kind == "object":
        return {}
    return Invalid()
