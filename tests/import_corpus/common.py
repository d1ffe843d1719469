"""Pieces every corpus document writes in its own way: the directory table with columns
named and ordered as the document likes, document control, glossary and references; and
the last step, saving the document with its `expected.json`."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from .model import Contact, CorpusDocument, Phone, Truth, long_date, short_date
from .wording import GLOSSARY, REFERENCES
from .writer import Writer


def _is_mobile(phone: Phone) -> bool:
    return phone.e164.startswith(("+336", "+337"))


def _join(values: Sequence[str], sep: str = " / ") -> str:
    return sep.join(values)


COLUMNS: dict[str, Callable[[Contact], str]] = {
    "Nom": lambda c: c.nom.upper() if c.prenom else c.nom,
    "Nom ": lambda c: c.nom,  # the name as written, not in capitals
    "Prénom": lambda c: c.prenom or "",
    "NOM Prénom": lambda c: f"{c.nom.upper()} {c.prenom}" if c.prenom else c.nom,
    "Nom et prénom": lambda c: c.full_name,
    "Fonction": lambda c: c.fonction,
    "Structure": lambda c: c.structure,
    "Fonction / structure": lambda c: f"{c.fonction}\n{c.structure}" if c.prenom else c.fonction,
    "Tél.": lambda c: _join([p.printed for p in c.phones]),
    "Téléphone": lambda c: _join([p.printed for p in c.phones], "\n"),
    "Portable": lambda c: _join([p.printed for p in c.phones if _is_mobile(p)]),
    "Fixe": lambda c: _join([p.printed for p in c.phones if not _is_mobile(p)]),
    "Mail": lambda c: _join(c.emails),
    "Courriel": lambda c: _join(c.emails),
    "MSSanté": lambda c: _join(c.mssante),
    "Mail / MSSanté": lambda c: _join([*c.emails, *c.mssante], "\n"),
}


def directory_rows(contacts: Sequence[Contact], columns: Sequence[str]) -> list[list[str]]:
    header = [column.strip() for column in columns]
    return [header] + [[COLUMNS[column](contact) for column in columns] for contact in contacts]


def version_rows(
    history: Sequence[tuple[str, datetime.date, str]], *, header: Sequence[str], long: bool = False
) -> list[list[str]]:
    """Version | Date | Objet rows; `header` names the columns (the first three are used)."""
    fmt = long_date if long else short_date
    return [list(header)] + [[version, fmt(day), summary] for version, day, summary in history]


def record_versions(truth: Truth, history: Sequence[tuple[str, datetime.date, str]]) -> None:
    truth.versions = [{"version": v, "date": day.isoformat()} for v, day, _ in history]


def record_transmissions(truth: Truth, sent: Sequence[tuple[str, datetime.date]]) -> None:
    truth.transmissions = [{"destinataire": who, "date": day.isoformat()} for who, day in sent]


def glossary_table(
    writer: Writer, truth: Truth, header: Sequence[str] = ("Sigle", "Signification")
) -> None:
    writer.table([list(header)] + [[sigle, meaning] for sigle, meaning in GLOSSARY])
    truth.glossaire = [{"sigle": s, "definition": d} for s, d in GLOSSARY]


def references_list(writer: Writer, truth: Truth, *, numbered: bool = False) -> None:
    writer.items(REFERENCES, numbered=numbered)
    truth.references = list(REFERENCES)


def finish(
    writer: Writer, truth: Truth, folder: Path, name: str, structure: str, suffix: str = ".docx"
) -> CorpusDocument:
    """Save the document in `folder/NAME/` with its ground truth, `expected.json`, beside it."""
    folder = folder / name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}{suffix}"
    if suffix == ".docx":
        writer.save(path)
    expected = truth.as_dict(writer.paragraphs, writer.furniture)
    expected["structure"] = structure
    (folder / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return CorpusDocument(name=name, path=path, structure=structure, expected=expected)
