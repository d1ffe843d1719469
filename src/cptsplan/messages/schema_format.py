"""Messages for values of the wrong form: dates, e-mail and web addresses (`format`), and
identifiers or other patterned texts (`pattern`). Part of messages.py's sentences, kept apart
so that each module stays small."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cptsplan.findings.problems import Problem
from cptsplan.load.loader import JsonPath
from cptsplan.messages.dates import meant_date
from cptsplan.messages.field_labels import describe_value, field_label, impossible_date, schema_at
from cptsplan.messages.make import Locator
from cptsplan.messages.make import make as _make
from cptsplan.messages.suggestions import ID_FORM, ID_PATTERN, slug
from cptsplan.messages.value_hints import said_unknown
from cptsplan.schema.periods import MONTHS_FR, PERIOD_FORMS
from cptsplan.schema.placeholders import MARKER
from cptsplan.schema.plan_schema import DATE_PATTERN

if TYPE_CHECKING:  # imported when a plan has errors to explain (schema.py)
    from jsonschema import ValidationError


def format_message(error: ValidationError, path: JsonPath, locate: Locator) -> list[Problem]:
    value = error.instance
    kind = error.validator_value
    if kind == "date":
        return date_message(value, path, locate)
    if kind == "email":
        return [
            _make(
                locate,
                path,
                "schema-format",
                f"{field_label(path)} : adresse électronique mal formée {describe_value(value)}",
                _email_hint(value),
            )
        ]
    hint = "elle doit commencer par https://"
    if isinstance(value, str) and re.fullmatch(r"www\.[\w.-]+\.[a-z]{2,}(/\S*)?", value.strip()):
        hint = f"écrivez-la avec https:// devant : https://{value.strip()}"
    elif isinstance(value, str) and value.lower().startswith(("https://", "http://")):
        # The start is right: a space, an accent or a quote is what breaks it.
        hint = (
            "une adresse internet s'écrit sans espace, ni accent, ni guillemet : "
            "copiez-la depuis la barre d'adresse du navigateur"
        )
    return [
        _make(
            locate,
            path,
            "schema-format",
            f"{field_label(path)} : adresse internet mal formée {describe_value(value)}",
            hint,
        )
    ]


_ADDRESS = re.compile(r"[^\s<>,;:\"'()\[\]]+@[^\s<>,;:\"'()\[\]]+\.[A-Za-z]{2,}")


def _email_hint(value: object) -> str:
    """What turns the value into an address: one address taken out of « Nom <adresse> » or
    « mailto: », the second address moved elsewhere, the space or the comma removed."""
    text = value.strip() if isinstance(value, str) else ""
    found = _ADDRESS.findall(text)
    if len(found) > 1:
        return (
            f"un seul courriel par champ : gardez « {found[0]} » ; les autres adresses peuvent "
            "aller dans « remarques »"
        )
    # « jean dupont@x.fr »: which of « jeandupont » or « jean.dupont » is not known.
    if " " in text and "@" in text and not re.search(r"[<>:]", text):
        return (
            "une adresse électronique ne contient pas d'espace : vérifiez l'adresse, là où "
            "elle a une espace"
        )
    if len(found) == 1 and found[0] != text:
        return f"écrivez seulement l'adresse : {found[0]}"
    if "," in text and "@" in text and _ADDRESS.fullmatch(text.replace(",", ".")):
        return f"écrivez un point à la place de la virgule : {text.replace(',', '.')}"
    return "forme attendue : nom@domaine.fr"


def date_message(value: object, path: JsonPath, locate: Locator) -> list[Problem]:
    if isinstance(value, str) and DATE_PATTERN.match(value):
        return [
            _make(
                locate,
                path,
                "schema-date",
                f"{field_label(path)} : la date {value} n'existe pas ({impossible_date(value)})",
                "vérifiez le jour et le mois ; format AAAA-MM-JJ, par exemple 2026-02-15",
            )
        ]
    parent = schema_at(path[:-1]) or {}
    if said_unknown(value) and path and path[-1] not in parent.get("required", [path[-1]]):
        # « verifie_le: non connu » in a field without placeholder: the fix is no date at all.
        return [
            _make(
                locate,
                path,
                "schema-date",
                f"{field_label(path)} : {describe_value(value)} n'est pas une date",
                f"ce champ est facultatif : tant que la date n'est pas connue, retirez la ligne "
                f"« {path[-1]}: »",
            )
        ]
    return [
        _make(
            locate,
            path,
            "schema-date",
            f"{field_label(path)} : {_badly_written('date', value)}",
            f"écrivez {meant} (format AAAA-MM-JJ : l'année, le mois, puis le jour)"
            if isinstance(value, str) and (meant := meant_date(value))
            else _month_only(value)
            or "format attendu AAAA-MM-JJ, par exemple 2026-02-15 pour le 15 février 2026",
        )
    ]


def _badly_written(what: str, value: object) -> str:
    """« date mal écrite « 05/10/2026 » », but « date absente (valeur vide) » for `date:`
    left empty (was « date mal écrite une valeur vide »)."""
    if value is None:
        return f"{what} absente (la valeur est vide)"
    return f"{what} mal écrite {describe_value(value)}"


def _month_only(value: object) -> str | None:
    """« octobre 2026 » where a full date is needed: the day is what is missing, and it
    must not be invented."""
    if not isinstance(value, str) or (meant := _meant_period(value)) is None:
        return None
    month = meant.split(" ", 1)[0]
    if not re.fullmatch(r"\d{4}-\d{2}", month):
        return None
    # (The placeholder's advice follows, added to every date's message.)
    return f"ce champ demande aussi le jour : {month}-JJ (AAAA-MM-JJ)"


def pattern_message(error: ValidationError, path: JsonPath, locate: Locator) -> list[Problem]:
    if error.validator_value == ID_PATTERN.pattern and isinstance(error.instance, str):
        proposed = slug(error.instance)[:80]
        example = f" : ici, par exemple « {proposed} »" if proposed else ""
        return [
            _make(
                locate,
                path,
                "schema-format",
                f"{field_label(path)} : {describe_value(error.instance)} n'est pas un "
                "identifiant valide",
                f"{ID_FORM}{example} (et les références à cette entrée avec)",
            )
        ]
    hint = (schema_at(path) or {}).get("description")
    if isinstance(error.instance, str) and (meant := _stripped(error.instance, error)):
        # « v2.1 », « V 2.1 », « version 2.1 »: the number was right, the word around it not.
        hint = f'écrivez seulement le numéro, entre guillemets : "{meant}"'
    return [
        _make(
            locate,
            path,
            "schema-format",
            f"{field_label(path)} : {describe_value(error.instance)} n'a pas la forme attendue",
            hint,
        )
    ]


def _stripped(value: str, error: ValidationError) -> str | None:
    match = re.fullmatch(r"\s*(?:version|vers\.?|v)\s*\.?\s*(\d[\d.]*)\s*", value, re.I)
    if match is None or not isinstance(error.validator_value, str):
        return None
    number = match.group(1)
    return number if re.search(error.validator_value, number) else None


def period_message(value: object, path: JsonPath, locate: Locator) -> list[Problem]:
    """A field that takes a date or a period (« 2023-05 », « 2025-S2 »): one message that
    lists every accepted form, instead of one per branch of the schema."""
    if isinstance(value, str) and DATE_PATTERN.match(value):
        return date_message(value, path, locate)
    meant = _meant_period(value) if isinstance(value, str) else None
    hint = f"écrivez {meant}" if meant else f"formes acceptées : {PERIOD_FORMS}"
    return [
        _make(
            locate,
            path,
            "schema-date",
            f"{field_label(path)} : {_badly_written('date ou période', value)}",
            f"{hint} ; si la valeur n'est pas encore connue, écrivez {MARKER}",
        )
    ]


_SEMESTER = re.compile(r"(1|2)\s*(?:er|e|ème|eme|nd)?\s+semestre\s+(?:de\s+)?(\d{4})", re.I)
_QUARTER = re.compile(r"([1-4])\s*(?:er|e|ème|eme)?\s+trimestre\s+(?:de\s+)?(\d{4})", re.I)
_MONTH = re.compile(r"(\w+)\s+(\d{4})")


def _meant_period(text: str) -> str | None:
    """« mai 2023 » -> « 2023-05 (mai 2023) »: the form the writer meant, when it is clear."""
    if meant := meant_date(text):
        return f"{meant} (pour « {' '.join(text.split())} »)"
    words = " ".join(text.split())
    for pattern, letter in ((_SEMESTER, "S"), (_QUARTER, "T")):
        match = pattern.fullmatch(words)
        if match:
            return f"{match.group(2)}-{letter}{match.group(1)} (pour « {words} »)"
    match = _MONTH.fullmatch(words)
    if match and match.group(1).lower() in MONTHS_FR:
        month = MONTHS_FR.index(match.group(1).lower()) + 1
        return f"{match.group(2)}-{month:02d} (pour « {words} »)"
    return None
