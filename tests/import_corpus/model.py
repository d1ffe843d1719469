"""What a corpus document is and what its ground truth holds.

The ground truth is plain JSON-able data (also written as `expected.json` beside each
document) so that the importer's tests, and a person reading the corpus, see the same thing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import phonenumbers

CATEGORIES = (
    "contacts", "referents", "cellule", "actions", "exercices", "version",
    "date_mise_a_jour", "versions", "transmissions", "paragraphs",
)  # fmt: skip
"""The categories every document's ground truth has (more may follow: see README.md)."""


@dataclass(frozen=True)
class CorpusDocument:
    name: str
    path: Path
    structure: str
    """What shape of real plan this document stands for (one sentence, in English)."""
    expected: dict[str, Any]


@dataclass(frozen=True)
class Phone:
    """A number as the document prints it, with the E.164 form it stands for."""

    e164: str
    style: str = "espaces"
    """espaces 06 39 98 12 34 · points 06.39.98.12.34 · collé 0639981234 · tirets
    06-39-98-12-34 · international +33 6 39 98 12 34 · international0 +33 (0)6 39 98 12 34"""

    @property
    def printed(self) -> str:
        national = "0" + self.e164.removeprefix("+33")
        pairs = [national[i : i + 2] for i in range(0, 10, 2)]
        match self.style:
            case "points":
                return ".".join(pairs)
            case "collé":
                return national
            case "tirets":
                return "-".join(pairs)
            case "international":
                return "+33 " + national[1] + " " + " ".join(pairs[1:])
            case "international0":
                return "+33 (0)" + national[1] + " " + " ".join(pairs[1:])
            case _:
                return " ".join(pairs)


@dataclass(frozen=True)
class Contact:
    """One directory entry; an organisation has no first name."""

    nom: str
    fonction: str
    structure: str
    phones: tuple[Phone, ...] = ()
    emails: tuple[str, ...] = ()
    mssante: tuple[str, ...] = ()
    prenom: str | None = None

    @property
    def full_name(self) -> str:
        return f"{self.prenom} {self.nom}" if self.prenom else self.nom

    def truth(self) -> dict[str, Any]:
        return {
            "nom": self.nom,
            "prenom": self.prenom,
            "fonction": self.fonction,
            "structure": self.structure,
            "telephones": [phone.e164 for phone in self.phones],
            "emails": list(self.emails),
            "mssante": list(self.mssante),
        }


def e164(printed: str) -> str:
    """What `phonenumbers` reads in a printed French number (the corpus checks itself)."""
    number = phonenumbers.parse(printed, "FR")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


FRENCH_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)  # fmt: skip


def long_date(day: datetime.date) -> str:
    """« 12 mars 2026 » (« 1er » for the first day, as French writes it)."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {FRENCH_MONTHS[day.month - 1]} {day.year}"


def short_date(day: datetime.date) -> str:
    """« 12/03/2026 »."""
    return day.strftime("%d/%m/%Y")


@dataclass
class Truth:
    """The ground truth of one document, filled as the document is written."""

    cpts: str
    version: str
    date_mise_a_jour: datetime.date
    contacts: list[Contact] = field(default_factory=list)
    referents: list[dict[str, Any]] = field(default_factory=list)
    cellule: list[dict[str, Any]] = field(default_factory=list)
    actions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    exercices: list[dict[str, Any]] = field(default_factory=list)
    retex: list[dict[str, Any]] = field(default_factory=list)
    versions: list[dict[str, Any]] = field(default_factory=list)
    transmissions: list[dict[str, Any]] = field(default_factory=list)
    glossaire: list[dict[str, str]] = field(default_factory=list)
    references: list[str] = field(default_factory=list)

    def add_action(self, typology: str, action: str, phase: str | None = None) -> None:
        self.actions.setdefault(typology, []).append({"phase": phase, "action": action})

    def as_dict(self, paragraphs: list[str], furniture: list[str]) -> dict[str, Any]:
        return {
            "cpts": self.cpts,
            "version": self.version,
            "date_mise_a_jour": self.date_mise_a_jour.isoformat(),
            "versions": self.versions,
            "transmissions": self.transmissions,
            "contacts": [contact.truth() for contact in self.contacts],
            "referents": self.referents,
            "cellule": self.cellule,
            "actions": {
                typology: [item["action"] for item in self.actions.get(typology, [])]
                for typology in ("T1", "T2", "T3", "T4", "T5")
            },
            "actions_par_phase": {
                typology: self.actions.get(typology, [])
                for typology in ("T1", "T2", "T3", "T4", "T5")
            },
            "exercices": self.exercices,
            "retex": self.retex,
            "glossaire": self.glossaire,
            "references": self.references,
            "paragraphs": paragraphs,
            "furniture": furniture,
        }
