"""« Vouliez-vous dire … ? » for a reference to an id that does not exist.

What a coordinator actually types instead of an id: the id in capitals (`SAMU`), with a
space or an accent, the person's name (`Claire Dubois`), or a near miss. The first three are
found by exact look-ups on a normalised form (constant time per reference); only near misses
need a fuzzy comparison, which costs one comparison per candidate: it is computed for the
first `FUZZY_LIMIT` unknown references of a plan and against at most `CANDIDATE_LIMIT`
candidates, so that a plan with thousands of broken references is still answered at once.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cptsplan.findings.problems import Location, Problem, Severity, format_path
from cptsplan.load.loader import JsonPath
from cptsplan.messages.field_labels import field_label
from cptsplan.messages.shortening import shorten
from cptsplan.schema.references import ID_COLLECTIONS, KIND_LABELS, get_at, kind_with

if TYPE_CHECKING:  # imported when a plan has errors to explain (schema.py)
    from jsonschema import ValidationError

ID_FORM = (
    "un identifiant s'écrit en minuscules sans accent, avec des chiffres, « - » et « _ », "
    "sans espace (par exemple « claire-dubois »)"
)
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

FUZZY_LIMIT = 50
"""Unknown references per plan that get a fuzzy search; the next ones only exact look-ups."""
CANDIDATE_LIMIT = 2000
"""Ids compared with one unknown reference, at most."""
COMPARISON_BUDGET = 10_000
"""Comparisons (about 0.1 ms each) for all the fuzzy searches of one plan: a usual plan
(100 ids, dozens of typos) never reaches it; a plan of 40,000 near-identical ids stops
there rather than spending minutes."""
VALUE_LIMIT = 100
"""Longer values are not compared at all: no id is that long, and difflib is quadratic."""
CUTOFF = 0.6

DEPUTY_WORDS = frozenset(
    {"suppleant", "suppleante", "adjoint", "adjointe", "remplacant", "remplacante", "bis"}
)
"""Words that make an id someone else's deputy: `referent-sse-suppleant` is never what a
writer of `referent-sse` meant (the holder), nor the other way round."""

NAME_FIELDS = ("nom", "intitule", "titre", "libelle")


def slug(text: str) -> str:
    """The id a text would have: lower case, no accent, every other character a dash."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        text = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_ID.sub("-", text.lower()).strip("-")


_NOT_ID = re.compile(r"[^a-z0-9_]+")


def _words(identifier: str) -> list[str]:
    return [word for word in re.split(r"[-_]+", identifier) if word]


def _compatible(value: str, candidate: str) -> bool:
    """Same role (holder or deputy) and same numbers: `cellule-2` is not `cellule-3`."""
    value_words, candidate_words = _words(value), _words(candidate)
    if DEPUTY_WORDS.intersection(value_words) != DEPUTY_WORDS.intersection(candidate_words):
        return False
    value_digits = re.findall(r"\d+", value)
    candidate_digits = re.findall(r"\d+", candidate)
    return not (value_digits and candidate_digits and value_digits != candidate_digits)


def _names(item: dict[str, Any]) -> list[str]:
    names = [str(item[key]) for key in NAME_FIELDS if isinstance(item.get(key), str)]
    first, last = item.get("prenom"), item.get("nom")
    if isinstance(first, str) and isinstance(last, str):
        names += [f"{first} {last}", f"{last} {first}"]
    return names


@dataclass(frozen=True)
class Suggestion:
    identifier: str
    by_name: bool = False
    """The value is the name of that item, not a misspelt id."""


@dataclass
class Suggester:
    """Suggestions for one plan's unknown references (build one per validation)."""

    ids: dict[str, set[str]]
    data: dict[str, Any] | None = None
    fuzzy_left: int = FUZZY_LIMIT
    comparisons_left: int = COMPARISON_BUDGET
    _by_slug: dict[str, dict[str, str]] = field(default_factory=dict)
    _by_name: dict[str, dict[str, str]] = field(default_factory=dict)
    _by_first: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    _mistyped: dict[str, set[str]] = field(default_factory=dict)

    def has_mistyped_id(self, kind: str, value: str) -> bool:
        """An item of `kind` whose id is `value`, but written so that the schema refuses it
        (`id: Crue Lys`, an invisible character after it), under a misspelt key (`Id:`), or
        in a list pasted under the wrong section (`retex:` under `piloter:`). That mistake's
        own message gives the fix; « ajoutez une entrée avec « id: crue-lys » » for each
        reference to it would have the coordinator write the entry twice."""
        if kind not in self._mistyped:
            written: set[str] = set()
            collection = ID_COLLECTIONS.get(kind)
            for item in _items(self.data or {}, collection) if collection else []:
                if not isinstance(item, dict):
                    continue
                # (A well-formed id in its right place is never an unknown reference.)
                for key, identifier in item.items():
                    if isinstance(identifier, str) and slug(str(key)) == "id":
                        written.update((identifier, slug(identifier)))
            self._mistyped[kind] = written
        return value in self._mistyped[kind]

    def suggest(self, kind: str, value: str) -> Suggestion | None:
        candidates = self.ids.get(kind, set())
        if not candidates:
            return None
        key = slug(value)
        named = self._names_of(kind).get(key)
        if named is not None and " " in value.strip():  # a name, not a misspelt id
            return Suggestion(named, by_name=True)
        exact = self._slugs(kind).get(key)
        if exact is not None:
            return Suggestion(exact)
        if named is not None:
            return Suggestion(named, by_name=True)
        if self.fuzzy_left <= 0 or self.comparisons_left <= 0 or len(value) > VALUE_LIMIT:
            return None
        self.fuzzy_left -= 1
        pool = self._pool(kind, key)[: self.comparisons_left]
        self.comparisons_left -= len(pool)
        close = _closest(key, pool)
        return Suggestion(close) if close else None

    def _slugs(self, kind: str) -> dict[str, str]:
        if kind not in self._by_slug:
            table: dict[str, str] = {}
            for identifier in sorted(self.ids.get(kind, set())):
                if is_id_form(identifier):  # a malformed id has its own error
                    table.setdefault(slug(identifier), identifier)
            self._by_slug[kind] = table
        return self._by_slug[kind]

    def _pool(self, kind: str, key: str) -> list[str]:
        """The well-formed ids compared with `key`: all of them in a usual plan; in a huge
        one, those with the same first letter (rarely the mistyped one), at most
        CANDIDATE_LIMIT."""
        if kind not in self._by_first:
            by_first: dict[str, list[str]] = {}
            for identifier in sorted(self._slugs(kind).values()):
                by_first.setdefault(identifier[:1], []).append(identifier)
            self._by_first[kind] = by_first
        by_first = self._by_first[kind]
        total = sum(len(group) for group in by_first.values())
        if total <= CANDIDATE_LIMIT:
            return [identifier for group in by_first.values() for identifier in group]
        return by_first.get(key[:1], [])[:CANDIDATE_LIMIT]

    def _names_of(self, kind: str) -> dict[str, str]:
        """Normalised name -> id, for names that belong to one item only."""
        if kind not in self._by_name:
            table: dict[str, str | None] = {}
            collection = ID_COLLECTIONS.get(kind)
            items = get_at(self.data or {}, collection) if collection else None
            for item in items if isinstance(items, list) else []:
                if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                    continue
                for name in _names(item):
                    key = slug(name)
                    if key:
                        previous = table.get(key, item["id"])
                        table[key] = item["id"] if previous == item["id"] else None
            self._by_name[kind] = {key: ident for key, ident in table.items() if ident}
        return self._by_name[kind]


def _items(data: dict[str, Any], collection: JsonPath) -> list[Any]:
    """The items of `collection`, and of a list of the same name written at the top level
    or in another section, where the schema refuses it."""
    lists = [get_at(data, collection)]
    name = str(collection[-1])
    lists += [data.get(name)] if len(collection) > 1 else []
    lists += [
        part.get(name)
        for section, part in data.items()
        if isinstance(part, dict) and (section, name) != tuple(collection)
    ]
    return [item for found in lists if isinstance(found, list) for item in found]


def _closest(key: str, pool: list[str]) -> str | None:
    matcher = difflib.SequenceMatcher(b=key, autojunk=False)
    scored = []
    for candidate in pool:
        if len(candidate) > VALUE_LIMIT:
            continue
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() < CUTOFF or matcher.quick_ratio() < CUTOFF:
            continue
        score = matcher.ratio()
        if score >= CUTOFF and _compatible(key, candidate):
            extends = candidate.startswith(key) or key.startswith(candidate)
            scored.append((score, extends, candidate))
    if not scored:
        return None
    # Best score first; on a tie, the candidate that extends what was typed, then by name.
    scored.sort(key=lambda entry: (-entry[0], not entry[1], entry[2]))
    return scored[0][2]


def is_id_form(value: str) -> bool:
    return bool(ID_PATTERN.match(value))


def reference_problems(
    error: ValidationError,
    path: JsonPath,
    locate: Callable[[JsonPath, bool], Location],
    suggester: Suggester,
) -> list[Problem]:
    """The problem of one unknown reference, with the id that was meant when it is found."""
    kind = str(error.validator_value)
    value = str(error.instance)
    label = KIND_LABELS.get(kind, kind)
    if suggester.has_mistyped_id(kind, value):
        return []
    found = suggester.suggest(kind, value)
    if found is not None and found.by_name:
        hint = (
            f"« {shorten(value)} » est le nom de « {found.identifier} » ({label}) : une "
            f"référence s'écrit avec l'identifiant ; écrivez « {found.identifier} »"
        )
    elif found is not None:
        hint = f"vouliez-vous dire « {found.identifier} » ?"
    elif is_id_form(value):
        item = kind_with(kind, "une", "un")
        hint = f"ajoutez {item} avec « id: {value} », ou corrigez l'identifiant"
    else:
        proposed = slug(value)[:80] or "mon-identifiant"
        hint = (
            f"{ID_FORM} : ajoutez {kind_with(kind, 'une', 'un')} avec « id: {proposed} » et "
            "écrivez ici cet identifiant, ou corrigez-le"
        )
    return [
        Problem(
            locate(path, False),
            Severity.ERROR,
            "reference-inconnue",
            f"{field_label(path)} : « {shorten(value)} » ne correspond à "
            f"{kind_with(kind, 'aucune', 'aucun')}",
            format_path(path),
            hint,
        )
    ]
