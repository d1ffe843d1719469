"""A plan that fills every leaf of the plan schema with a value of its own, built from the
schema itself (so a field added to the schema is covered the day it is added).

Each leaf is recorded with what a reader must find in the documents: a unique marker
("Valeur-17") for free text, a French date ("12 mars 2027") for dates, a period
("2e semestre 2107") where a date or a period is taken, a number nobody else
uses, the French label of an enumeration value. Leaves whose printed form cannot be told
apart (booleans, references, enumerations without a label, bounded numbers) carry an
`alternative` value instead: changing the leaf to it must change the document.
"""

from __future__ import annotations

import copy
import datetime
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from cptsplan.messages import vocabulary
from cptsplan.messages.dates import french_date
from cptsplan.schema.periods import PERIOD_PATTERN, parse_period
from cptsplan.schema.plan_schema import plan_schema
from cptsplan.schema.references import ID_COLLECTIONS

Path = tuple[str | int, ...]
Schema = Mapping[str, Any]


@dataclass(frozen=True)
class Leaf:
    path: Path
    value: Any
    expected: str | None = None
    """Text every document must show; None: checked by `alternative` instead."""
    alternative: Any = None

    @property
    def dotted(self) -> str:
        """'annuaire[].telephones[].numero': the leaf's place in the schema."""
        return "".join(f".{part}" if isinstance(part, str) else "[]" for part in self.path)[1:]


# Free-text patterns of the schema: pattern -> value of the n-th leaf (n >= 100).
PATTERNS: dict[str, Callable[[int], str]] = {
    r"^([0-9]{5}|2[AB][0-9]{3})$": lambda n: f"8{n:04d}",
    r"^[0-9]{14}$": lambda n: f"4242{n:010d}",
    r"^[0-9][0-9AB][0-9]{7}$": lambda n: f"7A{n:07d}",
    r"^[0-9]+(\.[0-9]+)*$": lambda n: f"9.{n}.7",
}
FORMATS: dict[str, Callable[[int], str]] = {
    "email": lambda n: f"contact{n}@valeur{n}.fr",
    "uri": lambda n: f"https://valeur{n}.exemple.fr",
}
LABELS: list[Mapping[str, str]] = [
    value
    for name, value in vars(vocabulary).items()
    if name.isupper()
    and isinstance(value, dict)
    and all(isinstance(v, str) for v in value.values())
]


def resolve(schema: Schema) -> Schema:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = {
            **plan_schema()["$defs"][name],
            **{k: v for k, v in schema.items() if k != "$ref"},
        }
    return schema


def label_of(values: list[Any], value: Any) -> str | None:
    """The French label of an enumeration value: from the smallest vocabulary that names
    every value of that enumeration."""
    covering = [labels for labels in LABELS if set(values) <= set(labels)]
    if not covering:
        return None
    return min(covering, key=len)[value]


@dataclass
class Generator:
    counter: int = 100
    numbers: int = 900
    days: Iterator[datetime.date] = field(default_factory=lambda: _distinct_dates())
    leaves: list[Leaf] = field(default_factory=list)
    ref_fields: list[tuple[Path, str]] = field(default_factory=list)

    def next(self) -> int:
        self.counter += 1
        return self.counter

    def value(self, schema: Schema, path: Path) -> Any:
        schema = resolve(schema)
        for keyword in ("anyOf", "oneOf"):
            if keyword in schema:
                # A field that also accepts the "A_COMPLETER" placeholder: fill the real type.
                options = [resolve(option) for option in schema[keyword]]
                real = [o for o in options if "A_COMPLETER" not in json.dumps(o)] or options
                rest = {k: v for k, v in schema.items() if k != keyword}
                return self.value({**rest, **real[0]}, path)
        kind = schema.get("type")
        if isinstance(kind, list):
            # ["string", "number"]: text; ["integer", "string"] (a placeholder allowed in a
            # number): a number. The first type is the field's own.
            kind = kind[0]
        if "const" in schema:
            self.leaves.append(Leaf(path, schema["const"]))
            return schema["const"]
        if kind == "boolean" or (isinstance(kind, list) and "boolean" in kind):
            # yes/no fields also list « oui »/« non » (read as true/false on loading)
            self.leaves.append(Leaf(path, True, alternative=False))
            return True
        if "enum" in schema:
            return self.enumeration(schema, path)
        if "x-cptsplan-ref" in schema:
            self.ref_fields.append((path, schema["x-cptsplan-ref"]))
            return None  # filled in once every id is known
        if kind == "object":
            return {
                name: self.value(sub, (*path, name))
                for name, sub in schema.get("properties", {}).items()
            }
        if kind == "array":
            return self.array(schema, path)
        if kind == "boolean":
            self.leaves.append(Leaf(path, True, alternative=False))
            return True
        if kind in ("integer", "number"):
            return self.number(schema, path)
        return self.string(schema, path)

    def array(self, schema: Schema, path: Path) -> list[Any]:
        # Collections whose items have an id get two items, so that a reference can be
        # moved from one to the other (and the document must change).
        count = 2 if path in ID_COLLECTIONS.values() else max(1, schema.get("minItems", 0))
        items = resolve(schema.get("items", {}))
        if "enum" in items:
            return [self.enumeration(items, (*path, index), index) for index in range(count)]
        return [self.value(items, (*path, index)) for index in range(count)]

    def enumeration(self, schema: Schema, path: Path, index: int = 0) -> Any:
        values = list(schema["enum"])
        # Prefer current names: aliases (old ORSAN volet names) are rewritten by the model.
        current = [v for v in values if v not in vocabulary.VOLET_ALIASES] or values
        value = current[(index + 1) % len(current)]
        label = label_of(values, value)
        other = next(v for v in current if v != value) if len(current) > 1 else None
        if label is not None:
            self.leaves.append(Leaf(path, value, label))
        else:
            self.leaves.append(Leaf(path, value, alternative=other))
        return value

    def number(self, schema: Schema, path: Path) -> int:
        low, high = schema.get("minimum", 0), schema.get("maximum")
        if high is not None and high < 900:
            value = int(low)
            self.leaves.append(Leaf(path, value, alternative=value + 1))
            return value
        self.numbers += 1
        value = self.numbers
        self.leaves.append(Leaf(path, value, str(value)))
        return value

    def string(self, schema: Schema, path: Path) -> str:
        if path[-1] == "id":
            value = f"{'-'.join(str(p) for p in path[:-2] if isinstance(p, str))}-{path[-2]}"
            value = re.sub(r"[^a-z0-9-]", "-", value.lower())
            self.leaves.append(Leaf(path, value))
            return value
        if schema.get("format") == "date":
            day = next(self.days)
            # The directory prints its check dates short (a narrow column): « 02/09/2026 ».
            short = path[0] == "annuaire" and path[-1] == "verifie_le"
            shown = f"{day:%d/%m/%Y}" if short else french_date(day)
            self.leaves.append(Leaf(path, day.isoformat(), shown))
            return day.isoformat()
        n = self.next()
        if schema.get("pattern") == PERIOD_PATTERN:
            # A field that takes a date or a period gets a period, each form in turn; years
            # after 2100, which no full date of the plan uses (« mai 2107 » is found only
            # where that leaf is printed).
            year = 2000 + n
            value = (f"{year}-{n % 12 + 1:02d}", f"{year}-S{n % 2 + 1}", f"{year}-T{n % 4 + 1}",
                     f"{year}")[n % 4]  # fmt: skip
            period = parse_period(value)
            assert period is not None
            self.leaves.append(Leaf(path, value, period.label))
            return value
        if schema.get("format") in FORMATS:
            value = FORMATS[schema["format"]](n)
        elif "pattern" in schema:
            if schema["pattern"] not in PATTERNS:
                raise KeyError(f"plan_generator.PATTERNS: ajouter le motif {schema['pattern']}")
            value = PATTERNS[schema["pattern"]](n)
        else:
            value = f"Valeur-{n}"
        self.leaves.append(Leaf(path, value, value))
        return value


def _distinct_dates() -> Iterator[datetime.date]:
    # Days 10 to 28 only: "3 mars 2027" would be found inside "13 mars 2027".
    for year in range(2027, 2100):
        for month in range(1, 13):
            yield datetime.date(year, month, 10 + (year * 12 + month) % 19)


def collection_ids(data: dict[str, Any], kind: str) -> list[str]:
    items: Any = data
    for part in ID_COLLECTIONS[kind]:
        items = items[part]
    return [item["id"] for item in items]


def set_at(data: Any, path: Path, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def full_plan() -> tuple[dict[str, Any], list[Leaf]]:
    """(plan data as it would be written in YAML, its leaves)."""
    generator = Generator()
    data = generator.value(plan_schema(), ())
    for path, kind in generator.ref_fields:
        first, second = collection_ids(data, kind)[:2]
        set_at(data, path, first)
        generator.leaves.append(Leaf(path, first, alternative=second))
    return data, generator.leaves


def with_value(data: dict[str, Any], leaf: Leaf, value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    set_at(changed, leaf.path, value)
    return changed
