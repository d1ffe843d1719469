"""The schema and identifier problems of one loaded plan, bounded in number.

Two things are decided here rather than in the messages: what a file that was not read
would have contained is never reported (a missing quote in `annuaire.yaml` gave one error
and 356 « unknown reference » ones), and a plan with thousands of errors gets the first
`MAX_ERRORS` and one line saying so, instead of minutes of work for a report nobody reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cptsplan.findings.problems import Location, Problem, Severity, format_path
from cptsplan.findings.records import record, replace
from cptsplan.load.loader import JsonPath
from cptsplan.load.source import PlanSource
from cptsplan.schema.plan_schema import base_schema, schema_errors
from cptsplan.schema.references import ID_COLLECTIONS, collect_ids, duplicate_ids, kind_with
from cptsplan.schema_check.missing import ignored_sections, place_missing_sections
from cptsplan.schema_check.partial import invalid_paths
from cptsplan.schema_check.repeated import one_per_unknown_id

if TYPE_CHECKING:  # imported when a plan has errors to explain (schema.py)
    from jsonschema import ValidationError

MAX_ERRORS = 200
"""Format errors reported for one plan; past this, one problem says the list is cut."""
MAX_VALUES = 40_000
"""Values (keys, list items, scalars) of one plan checked at most: twelve times the complete
example (3,300 values). Checking costs about 40 µs a value with the schema and as much with
the rules: past this, a plan is not answered within seconds, and no real plan is this big."""


@record()
class FormatCheck:
    """`invalid`: the parts of the plan the problems are about (set aside before the rules
    run). `complete`: False when the errors were too many to list: the rules do not run
    then. `superseded`: problems of the reading that one of `problems` says again, whole (an
    ignored `plan.yaml.txt` blamed for the sections it holds): one finding per cause."""

    __slots__ = ("complete", "invalid", "problems", "superseded")

    def __init__(
        self,
        problems: list[Problem],
        invalid: set[JsonPath],
        complete: bool = True,
        superseded: list[Problem] | None = None,
    ) -> None:
        self.problems = problems
        self.invalid = invalid
        self.complete = complete
        self.superseded: list[Problem] = [] if superseded is None else superseded


def has_unreadable_file(source: PlanSource) -> bool:
    return any(loaded.data is None for loaded in source.files)


def format_problems(source: PlanSource) -> FormatCheck:
    """The schema and identifier problems, and the parts of the plan they are about."""
    if not source.data:
        return FormatCheck([], set())
    if _more_values_than(source.data, MAX_VALUES):
        return FormatCheck([_too_big(source)], set(), complete=False)
    ids = collect_ids(source.data)
    unreadable = has_unreadable_file(source)
    unread = unreadable or any(p.rule == "fichier-ignore" for p in source.problems)
    errors: list[ValidationError] = []
    unknown: list[ValidationError] = []
    # One more than the limit: enough to know the list is cut.
    # A reference into a required section that is missing altogether (`evaluer`) follows
    # from that one mistake, reported once as the missing section.
    missing = {name for name in base_schema().get("required", []) if name not in source.data}
    # A section written in two files: which copy is meant is not known. What the first copy
    # lacks may be in the second (`piloter:` pasted into evaluer.yaml hid the real one, and
    # « referents_sse manquant » was false): the duplicate is the one error to fix.
    doubled = {p.path for p in source.problems if p.rule == "plan-section-dupliquee"}
    for error in schema_errors(source.data, ids, limit=MAX_ERRORS + 1):
        unknowable = unread and _about_unread(error, source.data, unreadable)
        unknowable = unknowable or (bool(missing) and _into_missing(error, missing))
        section = error.absolute_path[0] if error.absolute_path else None
        unknowable = unknowable or (error.validator == "required" and section in doubled)
        (unknown if unknowable else errors).append(error)
    translated: list[Problem] = []
    if errors:  # the messages (field labels, suggestions...) are imported for a plan with errors
        from cptsplan.messages.schema_errors import translate_errors

        locate = lambda p, key: source.locate(p, key=key)  # noqa: E731
        translated = translate_errors(errors, locate, ids, source.data, limit=MAX_ERRORS + 1)
        # `anuaire:` for `annuaire:`: what it holds is checked now, not after the fix.
        from cptsplan.schema_check.misspelt import misspelt_problems

        def unknowable_there(error: ValidationError, data: dict[str, Any]) -> bool:
            absent = {name for name in base_schema().get("required", []) if name not in data}
            return (unread and _about_unread(error, data, unreadable)) or (
                bool(absent) and _into_missing(error, absent)
            )

        translated += misspelt_problems(source, MAX_ERRORS + 1 - len(translated), unknowable_there)
    ignored = ignored_sections(source)  # reads each ignored file's keys: once
    blamed, superseded = _blame_ignored(translated, ignored)
    problems = place_missing_sections(blamed, source, ignored)
    problems = [_comment_for_value(problem, source) for problem in problems]
    problems, unknown_ids = one_per_unknown_id(problems)
    # What is not reported is still not known: the rules must not take it as a fact.
    invalid = invalid_paths(errors) | invalid_paths(unknown)
    # Nor do the rules judge either copy (they reported the real `piloter:` missing, item
    # by item, behind the first copy).
    invalid |= {(section,) for section in doubled}
    for kind, identifier, first, repeat in duplicate_ids(source.data):
        if len(problems) > MAX_ERRORS:
            break
        first_location = source.locate(first)
        problems.append(
            Problem(
                source.locate(repeat),
                Severity.ERROR,
                "identifiant-duplique",
                f"identifiant « {identifier} » déjà utilisé par "
                f"{kind_with(kind, 'une autre', 'un autre')} "
                f"({first_location})",
                format_path(repeat),
                _duplicate_hint(unknown_ids),
            )
        )
    if len(problems) <= MAX_ERRORS:
        return FormatCheck(problems, invalid, superseded=superseded)
    cut = Problem(
        Location(source.display),
        Severity.ERROR,
        "trop-d-erreurs",
        f"plus de {MAX_ERRORS} erreurs de format : seules les {MAX_ERRORS} premières sont "
        "signalées, et les règles de conformité ne sont pas vérifiées",
        "",
        "corrigez ces erreurs (souvent la même, répétée) puis relancez la vérification",
    )
    return FormatCheck([*problems[:MAX_ERRORS], cut], invalid, False, superseded)


def _more_values_than(data: Any, limit: int) -> bool:
    """Counts without recursion (a deep plan cannot overflow the stack) and stops early."""
    count, stack = 0, [data]
    while stack:
        node = stack.pop()
        count += 1
        if count > limit:
            return True
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def _duplicate_hint(unknown_ids: dict[str, int]) -> str:
    """An entry whose id was retyped as another's: the id it lost is the one the plan cites
    and cannot find. Said when there is exactly one such id."""
    hint = "chaque identifiant doit être unique : renommez l'un des deux"
    if len(unknown_ids) != 1:
        return hint
    [(lost, count)] = unknown_ids.items()
    times = f"cité {count} fois" if count > 1 else "cité"
    return (
        f"{hint} ; l'identifiant « {lost} », {times} dans le plan, n'existe pas : était-ce "
        "celui de cette entrée ?"
    )


def _too_big(source: PlanSource) -> Problem:
    return Problem(
        Location(source.display),
        Severity.ERROR,
        "plan-trop-grand",
        f"le plan contient plus de {MAX_VALUES:,} valeurs (clés, éléments de liste, textes) : "
        "cptsplan ne vérifie pas un plan de cette taille".replace(",", " "),
        "",
        "un plan SSE réel en compte quelques milliers (l'exemple complet : 3 300) ; vérifiez "
        "qu'un fichier n'a pas été collé, répété ou généré par erreur dans le dossier du plan",
    )


def _blame_ignored(
    problems: list[Problem], ignored: dict[str, Problem]
) -> tuple[list[Problem], list[Problem]]:
    """A section missing because its file was not read (`annuaire.yaml.txt`) is reported on
    that file, with the rename as advice, rather than on the first file of the plan; the
    sections one such file holds (`plan.yaml.txt`: « cpts », « document »...) make one
    message, since one rename fixes them all. Also returns the « fichier ignoré » warnings
    these messages repeat, word for word."""
    if not ignored:
        return problems, []
    result: list[Problem] = []
    blamed: dict[str, list[str]] = {}
    for problem in problems:
        culprit = _culprit(problem, ignored)
        if culprit is None:
            result.append(problem)
            continue
        if culprit.location.file not in blamed:
            blamed[culprit.location.file] = []
            result.append(problem)
        blamed[culprit.location.file].append(problem.message)
    said = [w for w in dict.fromkeys(ignored.values()) if w.location.file in blamed]
    return [_blamed(problem, ignored, blamed) for problem in result], said


def _culprit(problem: Problem, ignored: dict[str, Problem]) -> Problem | None:
    if problem.rule != "schema-manquant" or problem.path:
        return None
    return next((w for section, w in ignored.items() if f"« {section} »" in problem.message), None)


def _blamed(problem: Problem, ignored: dict[str, Problem], blamed: dict[str, list[str]]) -> Problem:
    culprit = _culprit(problem, ignored)
    if culprit is None:
        return problem
    messages = blamed[culprit.location.file]
    if len(messages) == 1:
        message = f"{problem.message} : {culprit.message}"
    else:
        names = ", ".join(m[m.index("«") : m.index("»") + 1] for m in messages)
        message = f"sections obligatoires manquantes ({names}) : {culprit.message}"
    return replace(problem, location=culprit.location, message=message, hint=culprit.hint)


def _comment_for_value(problem: Problem, source: PlanSource) -> Problem:
    """`remarques: #2 puis le standard`: YAML reads an empty value and a comment, and the
    advice « remplissez-la » puzzled whoever did fill it. Said when the line shows it."""
    where = problem.location
    if problem.rule != "schema-type" or "une valeur vide" not in problem.message:
        return problem
    loaded = next((f for f in source.files if f.display == where.file), None)
    lines = loaded.lines() if loaded is not None and where.line else []
    text = lines[where.line - 1] if 0 < where.line <= len(lines) else ""
    rest = text[max(where.col - 1, 0) :].strip()
    key = text[: max(where.col - 1, 0)].strip()
    if not rest.startswith("#") or not key.endswith(":"):
        return problem
    comment = rest if len(rest) <= 60 else rest[:59] + "…"
    return replace(
        problem,
        hint=f"« {comment} » est lu comme un commentaire, car il commence par « # » : si "
        f'c\'est la valeur, mettez-la entre guillemets : {key} "{comment}"',
    )


def _into_missing(error: ValidationError, missing: set[str]) -> bool:
    if error.validator == "x-cptsplan-ref":
        collection = ID_COLLECTIONS.get(str(error.validator_value))
        return collection is not None and str(collection[0]) in missing
    return any(_into_missing(branch, missing) for branch in error.context or ())


def _about_unread(error: ValidationError, data: dict[str, Any], missing_too: bool) -> bool:
    """When a file could not be read (or was not, for its name), the sections it holds are
    unknown: a reference into a section that is not there (the directory, for instance) is
    a finding about what that file would have contained, not a mistake; so is a missing
    section when the file could not be read (`missing_too`)."""
    if error.validator == "required" and not error.absolute_path:
        return missing_too
    if error.validator == "x-cptsplan-ref":
        collection = ID_COLLECTIONS.get(str(error.validator_value))
        return collection is not None and collection[0] not in data
    # A reference that also accepts « A_COMPLETER » fails as an anyOf.
    return any(_about_unread(branch, data, missing_too) for branch in error.context or ())
