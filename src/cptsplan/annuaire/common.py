"""What the exports share: the directory as the internal edition shows it, numbers in one
format, placeholders kept out, and the refusal of any other edition."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from cptsplan.errors import UsageError
from cptsplan.messages import vocabulary
from cptsplan.model import Plan
from cptsplan.privacy.phones import NO_BREAK_SPACE, full, parse_number, printed_number
from cptsplan.schema.placeholders import ToComplete

EDITION = "interne"
PRIVACY_NOTICE = "Document interne — données personnelles : ne pas diffuser"


def check_edition(edition: str | None) -> None:
    """Only the internal edition holds the directory's coordinates: an export of the
    diffusable edition would be an empty list of names, or a leak. Usage error (exit 2)."""
    if edition is None or edition == EDITION:
        return
    if edition == "diffusable":
        raise UsageError(
            "l'annuaire de crise n'existe qu'en édition interne : il contient des coordonnées "
            "personnelles (téléphones, courriels, adresses MSSanté) que l'édition diffusable "
            "ne montre jamais",
            "retirez --edition diffusable (ou écrivez --edition interne), et gardez le fichier "
            "produit dans le cercle des destinataires du plan",
        )
    raise UsageError(f"édition inconnue : {edition}", "édition possible : interne")


def known(value: Any) -> bool:
    """A value to export: present, and not « A_COMPLETER » (never printed as a real value)."""
    return value is not None and value != "" and not isinstance(value, ToComplete)


def text(value: Any, keep_lines: bool = False) -> str:
    """A known value as one line of text ('' for a placeholder or nothing); with
    `keep_lines`, its line breaks are kept (remarks in a vCard note)."""
    if not known(value):
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if keep_lines:
        lines = (" ".join(line.split()) for line in str(value).splitlines())
        return "\n".join(line for line in lines if line)
    return " ".join(str(value).split())


def national(number: str) -> str:
    """The number as the plan's documents print it (phones.printed_number), with plain
    spaces: '0353010010' -> '03 53 01 00 10', a foreign number in international form, what
    is not only a number ('… poste 12', '15') as written."""
    return " ".join(printed_number(number).replace(NO_BREAK_SPACE, " ").split())


def international(number: str) -> str:
    """'03 53 01 00 10' -> '+33 3 53 01 00 10': what a phone dials from anywhere."""
    parsed = parse_number(number)
    if parsed is None:
        return " ".join(number.split())
    import phonenumbers  # only for the exports (vCard): `render` imports this module too

    return phonenumbers.format_number(full(parsed), phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@dataclass(frozen=True)
class Phone:
    number: str
    """As written in the plan."""
    usage: str
    """A key of vocabulary.PHONE_USAGES, or ''."""
    h24: bool

    @property
    def label(self) -> str:
        """'astreinte, 24 h/24'."""
        parts = [vocabulary.PHONE_USAGES.get(self.usage, "")] + (["24 h/24"] if self.h24 else [])
        return ", ".join(part for part in parts if part)


def phones(entry: dict[str, Any]) -> list[Phone]:
    found = []
    for phone in entry.get("telephones") or []:
        if isinstance(phone, dict) and known(phone.get("numero")):
            usage = phone.get("usage")
            found.append(
                Phone(
                    str(phone["numero"]),
                    usage if isinstance(usage, str) else "",
                    phone.get("h24") in (True, "oui"),
                )
            )
    return found


def display_name(entry: dict[str, Any]) -> str:
    """'Claire Vandamme', an organisation's name; « nom à compléter » for a pending name."""
    parts = [text(entry.get("prenom")), text(entry.get("nom"))]
    name = " ".join(part for part in parts if part)
    return name or "(nom à compléter)"


def category_label(entry: dict[str, Any]) -> str:
    category = entry.get("categorie")
    return vocabulary.DIRECTORY_CATEGORIES.get(category, "") if isinstance(category, str) else ""


def entries(plan: Plan) -> Iterator[dict[str, Any]]:
    """The directory's entries, in the plan's order."""
    for entry in plan.data.get("annuaire") or []:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            yield entry


def deputy(plan: Plan, entry: dict[str, Any]) -> str:
    """'Bruno Caron (06 39 98 11 02)': the deputy's name and first number."""
    found = plan.directory.get(entry.get("suppleant") or "")
    if not found:
        return ""
    numbers = phones(found)
    name = display_name(found)
    return f"{name} ({national(numbers[0].number)})" if numbers else name
