"""Field labels for messages: the schema of a value, its French title, what it takes.

Shared by the schema messages (messages.py), the reference suggestions and the rules that
name a field in plain French.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from cptsplan.load.loader import JsonPath
from cptsplan.messages.dates import MONTHS_FR
from cptsplan.messages.shortening import shorten
from cptsplan.schema.periods import PERIOD_COMMENT, PERIOD_FORMS
from cptsplan.schema.plan_schema import base_schema
from cptsplan.schema.references import kind_with


def describe_value(value: Any) -> str:
    if value is None:
        return "une valeur vide"
    if isinstance(value, bool):
        return f"« {'true' if value else 'false'} » (oui/non)"
    if isinstance(value, int | float):
        return f"le nombre {value}"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "une section"
    return f"« {shorten(str(value))} »"


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    root = base_schema()
    while "$ref" in schema and "properties" not in schema and "items" not in schema:
        target = root["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
        # keep the title/description written next to the $ref: they are the field's own
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def schema_at(path: JsonPath) -> dict[str, Any] | None:
    """The schema of the value at `path`, following properties, items and $refs."""
    schema: dict[str, Any] = base_schema()
    for part in path:
        schema = _resolve(schema)
        if isinstance(part, int):
            child = schema.get("items")
        else:
            child = schema.get("properties", {}).get(part)
        if not isinstance(child, dict):
            return None
        schema = child
    return _resolve(schema)


def shown_value(value: object) -> str:
    """An allowed value as a user writes it: YAML's true/false as « oui »/« non »."""
    if isinstance(value, bool):
        return "oui" if value else "non"
    return str(value)


def expected_value(path: JsonPath) -> str:
    """'une date (AAAA-MM-JJ)', 'l'une des valeurs : T1, T2...': what a field takes."""
    schema = schema_at(path) or {}
    if schema.get("format") == "date":
        return "une date (AAAA-MM-JJ, par exemple 2027-01-15)"
    if schema.get("$comment") == PERIOD_COMMENT:
        return f"une date ou une période : {PERIOD_FORMS}"
    if isinstance(schema.get("enum"), list):
        # A yes/no field also takes YAML's true/false: shown as « oui, non », never as
        # Python's « True, False ».
        shown = [shown_value(value) for value in schema["enum"]]
        return "l'une des valeurs : " + ", ".join(dict.fromkeys(shown))
    kind = schema.get("type")
    if kind in ("integer", "number"):
        return "un nombre"
    if kind == "boolean":
        return "true (oui) ou false (non)"
    examples = {
        "version": 'un numéro de version entre guillemets, par exemple "1.0"',
        "code_insee": 'le code INSEE à 5 caractères entre guillemets, par exemple "59350"',
    }
    names = [part for part in path if isinstance(part, str)]
    if names and names[-1] in examples:
        return examples[names[-1]]
    if schema.get("pattern"):
        return f"une valeur de la forme attendue ({schema.get('title', 'voir cptsplan schema')})"
    if isinstance(schema.get("x-cptsplan-ref"), str):  # « le texte voulu » invited a name
        return f"l'identifiant d'{kind_with(schema['x-cptsplan-ref'], 'une', 'un')}"
    return "le texte voulu"


_GENERIC_TITLES = ("Texte", "Texte court", "Texte ou nombre", "Date", "Date ou période")


def field_label(path: JsonPath) -> str:
    """'« Date de mise à jour » (date_mise_a_jour)' or a positional fallback."""
    names = [part for part in path if isinstance(part, str)]
    schema = schema_at(path)
    title = schema.get("title") if schema else None
    if path and isinstance(path[-1], int) and title in _GENERIC_TITLES:
        # An item of `missions:` is « Texte » for the schema: the list's title says more.
        title = (schema_at(path[:-1]) or {}).get("title", title)
    if not names:
        return "le plan"
    if not title:
        return f"« {names[-1]} »"
    if title.lower() == names[-1].replace("_", " "):
        return f"« {title} »"
    return f"« {title} » ({names[-1]})"


def impossible_date(value: str) -> str:
    year, month, _day = (int(part) for part in value.split("-"))
    if year == 0:  # the calendar starts at year 1 (and date() refuses year 0)
        return "il n'y a pas d'année 0000"
    if not 1 <= month <= 12:
        return f"il n'y a pas de mois {month}"
    last_day = (date(year + (month == 12), month % 12 + 1, 1) - date(year, month, 1)).days
    return f"{MONTHS_FR[month - 1]} {year} n'a que {last_day} jours"
