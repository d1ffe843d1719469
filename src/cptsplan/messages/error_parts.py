"""The schema errors that each deserve a message: a list or a value that also accepts
« A_COMPLETER » fails as one `anyOf`, whose real mistakes are inside it.

Reporting only the most relevant of them (`best_match`) hid the others: two entries of the
directory with a wrong value gave one error, and the coordinator met the second only after
fixing the first (« none missed », issue 19). The branch that is not the placeholder holds
independent mistakes, each at its own place: each gets its message.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from cptsplan.schema.placeholders import is_marker_branch

if TYPE_CHECKING:  # imported when a plan has errors to explain
    from jsonschema import ValidationError


def independent_errors(errors: Iterable[ValidationError]) -> list[ValidationError]:
    """`errors` with each placeholder umbrella replaced by the mistakes inside it, when
    they lie deeper than the umbrella (a value refused as a whole keeps its one message,
    which says that « A_COMPLETER » would also be accepted there)."""
    result: list[ValidationError] = []
    for error in errors:
        parts = _parts(error)
        if parts is None:
            result.append(error)
        else:
            result.extend(independent_errors(parts))
    return result


def _parts(error: ValidationError) -> list[ValidationError] | None:
    context = error.context or []
    aimed = [e for e in context if not is_marker_branch(e.schema)]
    if error.validator != "anyOf" or not aimed or len(aimed) == len(context):
        return None
    # One mistake inside counts when it is itself the umbrella of a list inside the list (a
    # wrong phase and a misspelt key in one action of a response gave one message).
    if len(aimed) == 1 and _parts(aimed[0]) is None:
        return None
    branches = {e.relative_schema_path[0] for e in aimed if e.relative_schema_path}
    depth = len(error.absolute_path)
    if len(branches) != 1 or any(len(e.absolute_path) <= depth for e in aimed):
        return None  # a true union (date or period...): the closest branch speaks
    return aimed
