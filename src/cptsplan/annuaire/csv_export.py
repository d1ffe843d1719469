"""The crisis directory as a spreadsheet: CSV that LibreOffice Calc and a French Excel open
as they are, one row per entry.

- UTF-8 with a byte order mark: without it Excel reads the file as cp1252 and prints
  « PrÃ©nom ». Separator `;`, the one French Excel and LibreOffice expect (`,` is the
  decimal comma). Line ends CRLF, every field quoted when needed (the csv module).
- Headers in French; phone numbers in one national form (« 03 53 01 00 10 », a foreign
  number in international form), one group of columns per number (number, usage, 24 h/24).
- Formula injection: a cell that starts with = + - @ (or a tab or carriage return) would be
  run by the spreadsheet as a formula (`=HYPERLINK(...)` in a name, say); it is prefixed
  with an apostrophe, which the importer removes again.
- Dates as JJ/MM/AAAA, which both spreadsheets read as dates.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from cptsplan.annuaire.common import category_label, deputy, entries, known, national, phones, text
from cptsplan.messages import vocabulary
from cptsplan.model import Plan

BOM = "\ufeff"
SEPARATOR = ";"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADERS_BEFORE = [
    "Identifiant",
    "Type",
    "Catégorie",
    "Nom",
    "Prénom",
    "Profession",
    "Fonction",
    "Structure",
    "Commune",
    "Adresse",
]
HEADERS_AFTER = ["Courriel", "MSSanté", "Suppléant", "Vérifié le", "Remarques"]
TYPES = {"personne": "Personne", "organisme": "Organisme"}


def phone_headers(count: int) -> list[str]:
    headers = []
    for index in range(1, count + 1):
        headers += [f"Téléphone {index}", f"Usage téléphone {index}", f"24 h/24 téléphone {index}"]
    return headers


def guard(value: str) -> str:
    """A cell a spreadsheet would take for a formula gets a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def french_day(value: Any) -> str:
    return f"{value:%d/%m/%Y}" if isinstance(value, date) else text(value)


def row(plan: Plan, entry: dict[str, Any], phone_columns: int) -> list[str]:
    values = [
        entry["id"],
        TYPES.get(str(entry.get("type")), text(entry.get("type"))),
        category_label(entry),
        text(entry.get("nom")) or "à compléter",
        text(entry.get("prenom")),
        text(entry.get("profession")),
        text(entry.get("fonction")),
        text(entry.get("structure")),
        text(entry.get("commune")),
        text(entry.get("adresse")),
    ]
    numbers = phones(entry)
    for index in range(phone_columns):
        if index < len(numbers):
            phone = numbers[index]
            values += [
                national(phone.number),
                vocabulary.PHONE_USAGES.get(phone.usage, ""),
                "oui" if phone.h24 else "non",
            ]
        else:
            values += ["", "", ""]
    values += [
        text(entry.get("email")),
        text(entry.get("mssante")),
        deputy(plan, entry),
        french_day(entry.get("verifie_le")) if known(entry.get("verifie_le")) else "",
        text(entry.get("remarques")),
    ]
    return [guard(value) for value in values]


def export(plan: Plan) -> bytes:
    listed = list(entries(plan))
    phone_columns = max([len(phones(entry)) for entry in listed] + [1])
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=SEPARATOR, lineterminator="\r\n")
    writer.writerow(HEADERS_BEFORE + phone_headers(phone_columns) + HEADERS_AFTER)
    for entry in listed:
        writer.writerow(row(plan, entry, phone_columns))
    return (BOM + stream.getvalue()).encode("utf-8")
