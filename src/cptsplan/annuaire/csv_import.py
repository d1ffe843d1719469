"""A coordinator's own CSV list of contacts -> directory entries of the plan format.

Read as spreadsheets write it: UTF-8 with or without a byte order mark, UTF-16 (Excel's
« Texte Unicode »), or cp1252 (Excel on Windows); separator `;`, `,` or tab, found on the
header line. Headers are matched without regard to case, accents or punctuation (« Nom »,
« NOM », « Téléphone portable », « E-mail », « Adresse MSSanté »...). Nothing is lost in
silence: a row that cannot be read is reported with its line number (and, unless asked
for a partial import, nothing is written); a column that matches no field of the format is
reported, and its values are kept in the entry's « remarques ».
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cptsplan.annuaire.common import national
from cptsplan.annuaire.headers import CATEGORIES, FIELDS, PHONES, USAGES, key
from cptsplan.errors import UsageError
from cptsplan.messages.categories import unwritten_category
from cptsplan.privacy.phones import parse_number
from cptsplan.privacy.safetext import xml_forbidden

MAX_BYTES = 5 * 1024 * 1024
MAX_COLUMNS = 200
"""Columns read (a contact list has about fifteen); the others are counted in one notice."""
MAX_NOTICES = 50
"""Notices kept one by one; the others are counted in one summary line."""
MAX_NAMES = 30
"""Ignored column names listed in their notice."""
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_PHONE_COLUMN = re.compile(r"^(?:telephone|tel)(\d+)$")
_USAGE_COLUMN = re.compile(r"^usagetelephone(\d+)$")
_H24_COLUMN = re.compile(r"^24h24telephone(\d+)$")


@dataclass
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"ligne {self.line} : {self.message}"


@dataclass
class Imported:
    entries: list[dict[str, Any]]
    errors: list[RowError] = field(default_factory=list)
    """Rows not imported."""
    notices: list[str] = field(default_factory=list)
    """What was read differently from the file (ignored columns, numbers kept as written)."""
    encoding: str = "utf-8"
    separator: str = ";"
    more_notices: int = 0
    """Notices beyond MAX_NOTICES, counted only."""

    def notice(self, text: str) -> None:
        if len(self.notices) < MAX_NOTICES:
            self.notices.append(text)
        else:
            self.more_notices += 1


def decode(data: bytes) -> tuple[str, str]:
    """The text of the file and the encoding it was read in."""
    if not data.strip():
        raise UsageError("le fichier CSV est vide", "exportez la liste depuis le tableur en CSV")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UsageError(
            "ce fichier est un classeur (Excel, LibreOffice), pas un fichier CSV",
            "dans le tableur : « Enregistrer sous », type « CSV (séparateur : point-virgule) »",
        )
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise _encoding_error(error) from error
    if b"\x00" in data:
        raise UsageError(
            "le fichier contient des octets nuls : ce n'est pas un fichier CSV texte (ou il "
            "est en UTF-16 sans marque d'ordre des octets)",
            "enregistrez-le en « CSV UTF-8 » depuis le tableur",
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:
        raise _encoding_error(error) from error


def _encoding_error(error: UnicodeDecodeError) -> UsageError:
    return UsageError(
        f"encodage du fichier non reconnu (octet {error.start + 1} illisible en UTF-8 comme "
        "en Windows-1252)",
        "enregistrez-le en « CSV UTF-8 » depuis le tableur",
    )


def separator(text: str) -> str:
    """The separator of the header line: the most frequent of ; , and tab outside quotes."""
    header = text.splitlines()[0] if text.splitlines() else ""
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {sep: unquoted.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ";"


def read(data: bytes) -> Imported:
    """Every row of the file as a directory entry (without id yet), or the reason why not."""
    if len(data) > MAX_BYTES:
        raise UsageError(f"fichier trop volumineux ({len(data)} octets ; {MAX_BYTES} au plus)")
    text, encoding = decode(data)
    sep = separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        headers = next(reader)
    except (StopIteration, csv.Error) as error:
        raise UsageError("la première ligne du fichier (les en-têtes) est illisible") from error
    result = Imported([], encoding=encoding, separator=sep)
    if len(headers) > MAX_COLUMNS:
        result.notice(
            f"{len(headers) - MAX_COLUMNS} colonne(s) au-delà de la {MAX_COLUMNS}e ne sont pas "
            "lues (une liste de contacts en a une quinzaine)"
        )
        headers = headers[:MAX_COLUMNS]
    columns = [key(header) for header in headers]
    if "nom" not in [_field(column) for column in columns]:
        raise UsageError(
            "aucune colonne « Nom » dans la première ligne du fichier (en-têtes lus : "
            + ", ".join(f"« {h.strip()} »" for h in headers if h.strip())
            + ")",
            "la première ligne doit nommer les colonnes ; une colonne « Nom » est "
            "nécessaire (les autres : Prénom, Fonction, Structure, Téléphone, Portable, "
            "Courriel, MSSanté, Commune...)",
        )
    ignored = [
        headers[index].strip()
        for index, column in enumerate(columns)
        if column and _field(column) is None and _phone(column) is None
    ]
    if ignored:
        more = len(ignored) - MAX_NAMES
        result.notice(
            "colonnes sans équivalent dans le format, recopiées dans « remarques » : "
            + ", ".join(f"« {name} »" for name in ignored[:MAX_NAMES])
            + (f" et {more} autre(s)" if more > 0 else "")
        )
    last = reader.line_num
    try:
        for cells in reader:
            first, line = last + 1, reader.line_num
            last = line
            if not any(cell.strip() for cell in cells):
                continue
            if (spanning := _spanning(cells, sep, first, line)) is not None:
                result.errors.append(spanning)
                continue
            entry = _entry(headers, columns, cells[:MAX_COLUMNS], line, result)
            if entry is not None:
                result.entries.append(entry)
    except csv.Error as error:
        raise UsageError(
            f"ligne {reader.line_num} : le fichier CSV est mal formé ({error})",
            "un guillemet ouvrant sans guillemet fermant, souvent",
        ) from error
    if result.more_notices:
        result.notices.append(f"… et {result.more_notices} autre(s) remarque(s) du même genre")
    return result


def _spanning(cells: list[str], sep: str, first: int, line: int) -> RowError | None:
    """A cell over several lines that holds the separator: a quote left open (`"Paul;…`)
    that swallowed the rows after it, not an address written on two lines. The rows it
    covers are unreadable, said with their lines (one entry for two rows would lose one)."""
    if first == line or not any("\n" in cell and sep in cell for cell in cells):
        return None
    return RowError(
        first,
        f"un guillemet ouvert fait des lignes {first} à {line} une seule cellule : elles ne "
        "sont pas importées ; fermez le guillemet (ou retirez-le) dans le tableur",
    )


def _field(column: str) -> str | None:
    for name, names in FIELDS.items():
        if column in names:
            return name
    return None


def _phone(column: str) -> tuple[int, str] | None:
    """(group, role) of a phone column: numbered ones ('Téléphone 2', 'Usage téléphone 2',
    '24 h/24 téléphone 2', as the export writes them) or named ones ('Portable')."""
    for pattern, role in (
        (_PHONE_COLUMN, "numero"),
        (_USAGE_COLUMN, "usage"),
        (_H24_COLUMN, "h24"),
    ):
        match = pattern.match(column)
        if match:
            return int(match.group(1)), role
    if column in PHONES:
        return 1000 + list(PHONES).index(column), "numero"
    return None


def _unguard(value: str) -> str:
    """Undo the export's formula guard ("'+32 2 ..." -> "+32 2 ...")."""
    value = value.strip()
    return value[1:] if value[:2] in {"'=", "'+", "'-", "'@"} else value


def _entry(
    headers: list[str], columns: list[str], cells: list[str], line: int, result: Imported
) -> dict[str, Any] | None:
    if len(cells) > len(headers) and any(cell.strip() for cell in cells[len(headers) :]):
        result.errors.append(
            RowError(
                line,
                f"{len(cells)} cellules pour {len(headers)} colonnes : séparateur "
                "ou guillemets mal placés ? la ligne n'est pas importée",
            )
        )
        return None
    entry: dict[str, Any] = {}
    groups: dict[int, dict[str, str]] = {}
    extra: list[str] = []
    for index, cell in enumerate(cells):
        value = (
            " ".join(_unguard(xml_forbidden().sub("", cell)).split())
            if index < len(columns)
            else ""
        )
        if not value:
            continue
        column = columns[index]
        name = _field(column)
        phone = _phone(column)
        if name is not None:
            entry[name] = value
        elif phone is not None:
            groups.setdefault(phone[0], {"colonne": column})[phone[1]] = value
        else:
            extra.append(f"{headers[index].strip()} : {value}")
    if not entry.get("nom"):
        filled = ", ".join(sorted({headers[i].strip() for i, c in enumerate(cells) if c.strip()}))
        result.errors.append(
            RowError(
                line,
                f"pas de nom (colonnes remplies : {filled}) : la ligne n'est pas "
                "importée ; écrivez le nom de la personne ou de l'organisme",
            )
        )
        return None
    problems = _complete(entry, groups, extra, line, result)
    if problems:
        result.errors.extend(RowError(line, problem) for problem in problems)
        return None
    return entry


def _complete(
    entry: dict[str, Any],
    groups: dict[int, dict[str, str]],
    extra: list[str],
    line: int,
    result: Imported,
) -> list[str]:
    """Types, phones, dates and e-mails of one entry, in place; the row's errors."""
    problems = []
    kind = key(entry.get("type", ""))
    if kind in ("personne", "organisme"):
        entry["type"] = kind
    else:
        if kind:
            extra.append(f"Type : {entry['type']}")
        entry["type"] = "personne" if entry.get("prenom") else "organisme"
    if "categorie" in entry:
        found = CATEGORIES.get(key(entry["categorie"]))
        if found is None:
            extra.append(f"Catégorie : {entry['categorie']}")
            del entry["categorie"]
        else:
            entry["categorie"] = found
    elif named := unwritten_category(entry):
        entry["categorie"] = named  # « CPAM des Flandres » says what it is: nothing invented
    for name in ("email", "mssante"):
        if name in entry and not _EMAIL.match(entry[name]):
            problems.append(
                f"adresse {'MSSanté' if name == 'mssante' else 'de courriel'} "
                f"illisible : « {entry[name]} »"
            )
    if "verifie_le" in entry:
        day = _date(entry["verifie_le"])
        if day is None:
            problems.append(
                f"date de vérification illisible : « {entry['verifie_le']} » "
                "(écrire JJ/MM/AAAA ou AAAA-MM-JJ)"
            )
        else:
            entry["verifie_le"] = day.isoformat()
    phones = []
    for _, group in sorted(groups.items()):
        if "numero" not in group:
            continue
        phones.append(_telephone(group, line, result))
    if phones:
        entry["telephones"] = phones
    if "id" in entry and not _ID.match(entry["id"]):
        extra.append(f"Identifiant d'origine : {entry.pop('id')}")
    if extra:
        entry["remarques"] = " ; ".join(
            ([entry["remarques"]] if entry.get("remarques") else []) + extra
        )
    return problems


def _telephone(group: dict[str, str], line: int, result: Imported) -> dict[str, Any]:
    written = group["numero"]
    usage, h24 = PHONES.get(group["colonne"], (None, False))
    if "usage" in group:
        usage = USAGES.get(key(group["usage"]), usage)
    if "h24" in group:
        h24 = key(group["h24"]) in ("oui", "o", "vrai", "true", "1", "x", "yes")
    if parse_number(written) is None:
        result.notice(f"ligne {line} : numéro « {written} » non reconnu, recopié tel quel")
    phone: dict[str, Any] = {"numero": national(written)[:40]}
    if usage is None and parse_number(written) is not None:
        significant = re.sub(r"\D", "", national(written))
        usage = "mobile" if significant[:2] in ("06", "07") else None
    if usage:
        phone["usage"] = usage
    if h24:
        phone["h24"] = True
    return phone


def _date(value: str) -> date | None:
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value)
    try:
        if match:
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return date.fromisoformat(value)
    except ValueError:
        return None
