"""The crisis directory from any contact table: columns such as Nom, Prénom, Fonction,
Structure, Tél., Portable, Fixe, Mail, Courriel, MSSanté, in any order, several numbers or
line breaks in a cell, a table split in two (each part is read with its own header, or the
header of the contact table before it when it has none). Phone numbers are read by
`phonenumbers` (privacy/phones.py) and printed in national form; names mentioned elsewhere
are resolved to directory ids by `lookup`."""

from __future__ import annotations

import re
from typing import Any

from cptsplan.importer.contact_words import (
    EMAIL,
    MIXED_FIELDS,
    ORGANISATION,
    PHONE_FIELDS,
    SERVICES,
    WANTED,
)
from cptsplan.importer.draft import Draft
from cptsplan.importer.lookup import names_of, short_text
from cptsplan.importer.phone_labels import column_usage, label_usage, labels
from cptsplan.importer.read import Block
from cptsplan.importer.sections import plain
from cptsplan.importer.tables import cell, columns
from cptsplan.messages.categories import unwritten_category
from cptsplan.privacy.phones import phone_numbers, printed_number


def _header_columns(row: list[str]) -> dict[str, list[int]]:
    found = columns(row, WANTED)
    for index, cell_text in enumerate(row):
        lowered = plain(cell_text)
        if "prenom" in lowered and re.search(r"\bnoms?\b", lowered) and "prenom" in found:
            found["prenom"].remove(index)
            found.setdefault("nom", []).append(index)
            if not found["prenom"]:
                del found["prenom"]
    return found


def is_contact_table(block: Block) -> int | None:
    """The header row index when `block` is a directory table: a name-like column and a
    phone, e-mail or MSSanté column."""
    headers = [index for index, row in enumerate(block.rows[:4]) if _a_header(row)]
    if not headers or headers[0] > 2:
        return None
    # Two header rows: « Identité | Coordonnées », each merged over its columns, above
    # « Nom | Prénom | Téléphone | Courriel »: the columns are those of the second.
    first, rows = headers[0], block.rows
    second = first + 1 in headers and len(_header_columns(rows[first + 1])) > len(
        _header_columns(rows[first])
    )
    return first + 1 if second else first


def _a_header(row: list[str]) -> bool:
    if any(_a_value(c) for c in row):
        # A row of values: « 1 | Julien V. | Présidente (fonction décision) | Appel
        # téléphonique », « Adhérents de la CPTS | 28 septembre 2026 | MSSanté », a crisis
        # cell's « Pilotage | Julien V. : 06 … (mobile, 24 h/24) | … fonctions … ».
        return False
    found = _header_columns(row)
    named = {"nom", "prenom", "structure", "fonction"} & set(found)
    reach = {"email", "mssante", "mobile", "fixe", "telephone", "astreinte"} & set(found)
    return bool(named and reach)


MAX_HEADER_CELL = 60
"""Characters: a column title is short; a longer cell is a value."""


def _a_value(text: str) -> bool:
    """A cell no header row has: a number alone, a date, a phone number, an e-mail address,
    a sentence."""
    text = text.strip()
    return bool(
        re.fullmatch(r"\d+", text)
        or len(text) > MAX_HEADER_CELL
        or EMAIL.search(text)
        or phone_numbers(text)
        or parse_date(text)
    )


def read_directory(draft: Draft) -> None:
    """The directory's own tables first, then contact tables elsewhere (référents, a fiche's
    « Contact | Coordonnées »): a row there that names no one new (its numbers and addresses
    are all one directory entry's) is that entry, not a second one."""
    in_directory = {
        block.index for block in draft.blocks if draft.contexts[block.index].section == "annuaire"
    }
    _read_tables(draft, [b for b in draft.blocks if b.index in in_directory], first=True)
    _read_tables(draft, [b for b in draft.blocks if b.index not in in_directory], first=False)


def _read_tables(draft: Draft, blocks: list[Block], first: bool) -> None:
    entries: list[dict[str, Any]] = draft.data.setdefault("annuaire", [])
    previous: dict[str, list[int]] | None = None
    for block in blocks:
        if block.kind != "table":
            previous = None if block.kind == "heading" else previous
            continue
        header = is_contact_table(block)
        cards = None if header is not None else cards_of(block)
        if cards is not None:
            for card in cards:
                _read_card(draft, entries, block, card, first)
            previous = None
            continue
        if header is None and previous is not None and _looks_like_contacts(block):
            found, start = previous, 0  # the second half of a table split in two
        elif header is not None:
            found, start = _header_columns(block.rows[header]), header + 1
            draft.take(block, header)
        else:
            continue
        previous = found
        family = category_of(draft.contexts[block.index].title)
        for row_index in range(start, len(block.rows)):
            row = block.rows[row_index]
            if (
                len({c for c in row if c}) == 1
                and len(row) > 1
                and not _looks_like_contacts(Block("table", rows=[row]))
            ):  # a row merged across the table: « Professionnels de santé »
                family = category_of(next(c for c in row if c))
                continue
            entry = row_entry(draft, row, found)
            if entry is None:
                continue
            named = unwritten_category(entry)  # « CPAM des Ardennes » says what it is, and
            # a crisis service's name wins over its heading's (the SAMU under « Établissements »)
            if family is not None or named:
                entry["categorie"] = named if named in SERVICES or family is None else family
            draft.take(block, row_index)
            same = _same(entries, entry) or (None if first else _reached_alike(entries, entry))
            if same is not None:  # a person in the référents table and in the directory
                _merge(same, entry)
                draft.ids.discard(entry["id"])
                draft.found.setdefault("annuaire", []).append(draft.where(block, row_index))
                continue
            entries.append(entry)
            draft.record("annuaire", ("annuaire", len(entries) - 1), block, row_index)


_CARD_NAME = re.compile(
    r"^(?:nom(?: et prenom| prenom)?|identite|(?:\w+ )?(?:referente?|titulaire|suppleante?|"
    r"contact|interlocut\w*|correspondante?|coordinat\w*|president\w*)\b.*)$"
)
"""The first label of a card: a name, or the role of the person it is about."""
_CARD_ROLE = re.compile(r"^(?:nom\b|identite)|referent|titulaire|suppl")
"""A first label that the plan holds once the card is read: a name's, a référent's role."""
_CARD_FUNCTION = re.compile(r"^(?:\w+ )?(?:coordinat|president|correspondant|interlocut)\w*$")
"""A first label that is the person's function, « Coordinatrice », « Président »."""


Card = tuple[int, list[str], list[str]]
"""A card: its first row in the table, its labels as a header (« Nom » first), its values."""


def cards_of(block: Block) -> list[Card] | None:
    """Contacts written as cards: a two-column table of labels and values (« Référent
    titulaire | Dr Claire MARTIN », « Téléphone | 06 … », « Courriel | … »), as plans often
    present their référents and key contacts, one card or several stacked (each starts at a
    name or role label); None for another table. Their labels were read as a référents
    table's header and people: « Fonction », « Téléphone », « Courriel » became directory
    entries and référents."""
    rows = block.rows
    if len(rows) > 48 or any(len(row) != 2 or _a_value(row[0]) for row in rows):
        return None
    starts = [i for i, row in enumerate(rows) if _CARD_NAME.match(plain(row[0]).strip(" :"))]
    if not starts or starts[0] != 0:
        return None
    cards = [_card(rows[a:b], a) for a, b in zip(starts, [*starts[1:], len(rows)], strict=True)]
    return None if None in cards else [card for card in cards if card is not None]


def _card(rows: list[list[str]], start: int) -> Card | None:
    labels, values = [row[0].strip() for row in rows], [row[1].strip() for row in rows]
    if not 2 <= len(rows) <= 12 or not values[0] or _a_value(values[0]):
        return None
    if "cpts" in plain(labels[0]):
        return None
    # « Contact | Coordinatrice : Julie BERNARD »: the name after the role (the row is kept).
    name = re.sub(r"^[^:]{2,40}:\s*(?=\S)", "", values[0])
    if re.search(r"[^\W\d_]{2}", name) and not _a_value(name):  # not « SAMU : 15 »
        values[0] = name
    header = ["Nom", *labels[1:]]
    found = _header_columns(header)
    reach = [i for k in ("email", "mssante", "mobile", "fixe", "telephone", "astreinte")
             for i in found.get(k, [])]  # fmt: skip
    if not any(_looks_like_contacts(Block("table", rows=[[values[i]]])) for i in reach):
        return None
    return start, header, values


def _read_card(
    draft: Draft, entries: list[dict[str, Any]], block: Block, card: Card, first: bool
) -> None:
    start, header, values = card
    entry = row_entry(draft, values, _header_columns(header))
    if entry is None:
        return
    role = plain(block.rows[start][0]).strip(" :")
    labelled = bool(_CARD_FUNCTION.match(role)) and "fonction" not in entry
    if labelled:  # « Coordinatrice | Julie BERNARD »: her function, after her name
        named_first = [k for k in ("id", "type", "nom", "prenom") if k in entry]
        function = block.rows[start][0].strip(" :")
        entry = {**{k: entry.pop(k) for k in named_first}, "fonction": function, **entry}
    same = _same(entries, entry) or (None if first else _reached_alike(entries, entry))
    if same is not None:
        _merge(same, entry)
        draft.ids.discard(entry["id"])
        path: tuple[str | int, ...] = ("annuaire", entries.index(same))
        draft.found.setdefault("annuaire", []).append(draft.where(block, start))
    else:
        entries.append(entry)
        path = ("annuaire", len(entries) - 1)
        draft.record("annuaire", path, block, start)
    # Each row whose label names a field is placed: its value is compared with the entry
    # (placing.py), its label is the field's. A row of another label stays text to place.
    read = {i for indexes in _header_columns(header).values() for i in indexes}
    named = labelled or _CARD_ROLE.search(role)
    for row in sorted(read):
        if row or named:
            draft.take(block, start + row, [values[row]])
            draft.placed.setdefault((block.index, start + row), []).append(path)


def _same(entries: list[dict[str, Any]], entry: dict[str, Any]) -> dict[str, Any] | None:
    names = sorted(names_of(entry))
    if len(names) < 2:
        return None
    return next((e for e in entries if sorted(names_of(e)) == names), None)


def _reached_alike(entries: list[dict[str, Any]], entry: dict[str, Any]) -> dict[str, Any] | None:
    """The one entry that holds every number and address of `entry` (a line of a fiche's
    contact table names a directory entry its own way: « CPTS – ligne d'astreinte (point
    d'entrée des alertes) »). None when they are nobody's or several entries' (a shared
    on-call number alone says not who)."""
    wanted = _reach(entry)
    if not wanted:
        return None
    holders = [e for e in entries if wanted <= _reach(e)]
    return holders[0] if len(holders) == 1 else None


def _reach(entry: dict[str, Any]) -> set[str]:
    numbers = {re.sub(r"\D", "", str(p.get("numero", ""))) for p in entry.get("telephones", [])}
    addresses = {str(entry[k]).lower() for k in ("email", "mssante") if entry.get(k)}
    return numbers | addresses


def _merge(entry: dict[str, Any], other: dict[str, Any]) -> None:
    """Numbers and addresses of the same person found twice; the first values stay, but a
    name split in Nom and Prénom columns replaces a whole name."""
    if other.get("prenom") and not entry.get("prenom"):
        entry["nom"], entry["prenom"] = other["nom"], other["prenom"]
    numbers = {p["numero"] for p in entry.get("telephones", [])}
    for phone in other.get("telephones", []):
        if phone["numero"] not in numbers:
            entry.setdefault("telephones", []).append(phone)
    for key, value in other.items():
        if key in ("id", "telephones"):
            continue
        if key not in entry:
            entry[key] = value
        elif key in ("email", "mssante") and entry[key] != value:
            kept = f"autre adresse : {value}"
            entry["remarques"] = (
                f"{entry['remarques']} ; {kept}" if entry.get("remarques") else kept
            )


def is_organisation(text: str) -> bool:
    return bool(ORGANISATION.search(plain(text)))


def category_of(title: str) -> str | None:
    """The directory family a heading or a merged row names (« Établissements de santé »,
    « Collectivités », « Pharmacies »), as the plan format's categories are worded."""
    from cptsplan.messages.vocabulary import DIRECTORY_CATEGORIES

    words = [w.rstrip("sx") for w in re.findall(r"[a-z0-9]+", plain(title))]
    for key, label in DIRECTORY_CATEGORIES.items():
        wanted = [w.rstrip("sx") for w in re.findall(r"[a-z0-9]+", plain(label))]
        if key != "autre" and wanted and words[: len(wanted)] == wanted:
            return key
    return None


def _looks_like_contacts(block: Block) -> bool:
    text = " ".join(" ".join(row) for row in block.rows)
    return bool(EMAIL.search(text) or phone_numbers(text))


def _short_number(text: str) -> bool:
    """A whole cell that is a short emergency or service number (15, 112, 3237, 116 117)."""
    from cptsplan.privacy.phones import phone_ok

    compact = text.strip()
    return bool(re.fullmatch(r"\d[\d ]{1,6}", compact)) and phone_ok(compact)


def row_entry(draft: Draft, row: list[str], found: dict[str, list[int]]) -> dict[str, Any] | None:
    """One directory entry from a row of cells and the columns found for each field."""
    values = {name: cell(row, indexes) for name, indexes in found.items()}
    phones: list[dict[str, Any]] = []
    seen: set[str] = set()
    for name in (*PHONE_FIELDS, *MIXED_FIELDS):
        text = values.get(name, "")
        spans = [span for span, _number in phone_numbers(text)]
        if not spans and name in PHONE_FIELDS and _short_number(text):
            # « 15 » in the SAMU's Tél. column: an emergency or service number, as it is.
            spans = [(len(text) - len(text.lstrip()), len(text.rstrip()))]
        for span, (before, after) in zip(spans, labels(text, spans), strict=True):
            shown = printed_number(text[span[0] : span[1]]).replace("\u00a0", " ")
            if shown in seen:
                continue
            seen.add(shown)
            phone: dict[str, Any] = {"numero": shown}
            usage, all_day = label_usage(before, after)  # « Astreinte 24 h/24 : 03… »
            usage = column_usage(PHONE_FIELDS.get(name), shown) or usage
            if usage:
                phone["usage"] = usage
            if all_day:
                phone["h24"] = True
            phones.append(phone)
    all_text = " ".join(values.values())
    emails = list(dict.fromkeys(EMAIL.findall(all_text)))
    name_text = (values.get("nom") or "").split("\n")[0].strip()
    first = (values.get("prenom") or "").strip()
    if not first and name_text:
        name_text, first = split_name(name_text)
    structure = (values.get("structure") or "").strip()
    function = (values.get("fonction") or "").strip()
    if not (name_text or first or structure or function) or not (phones or emails or name_text):
        return None
    if plain(name_text) in ("nom", "contact") or plain(first) == "prenom":
        return None
    person = bool(first) or (bool(name_text) and not ORGANISATION.search(plain(name_text)))
    entry: dict[str, Any] = {}
    label = " ".join(x for x in (first, name_text) if x) or structure or function
    entry["id"] = draft.new_id(label)
    entry["type"] = "personne" if person and (name_text or first) else "organisme"
    entry["nom"] = short_text(name_text or structure or function)
    if first:
        entry["prenom"] = short_text(first)
    for key in ("profession", "fonction", "commune"):
        if values.get(key):
            entry[key] = short_text(values[key].replace("\n", " ; "))
    if structure and entry["nom"] != short_text(structure):
        entry["structure"] = short_text(structure.replace("\n", " ; "))
    if values.get("adresse"):
        entry["adresse"] = values["adresse"]
    checked = parse_date(values.get("verifie", ""))
    if checked is not None:
        entry["verifie_le"] = checked
    if phones:
        entry["telephones"] = phones
    for address in emails:
        key = "mssante" if "mssante" in address.lower() else "email"
        entry.setdefault(key, address)
    rest = [values[key] for key in ("nom",) if values.get(key) and "\n" in values[key]]
    if rest:
        entry["remarques"] = " ; ".join(r.split("\n", 1)[1].replace("\n", " ; ") for r in rest)
    return entry


def parse_date(text: str) -> Any:
    from cptsplan.importer.dates import parse_date as parse

    return parse(text) if text else None


def split_name(text: str) -> tuple[str, str]:
    """« ROUSSEAU Agnès » or « Agnès ROUSSEAU » -> (« ROUSSEAU », « Agnès »): the words in
    capitals are the name, as French lists write them. Anything else is kept whole."""
    words = text.split()
    capitals = [w for w in words if len(w) > 1 and w.replace("-", "").isalpha() and w.isupper()]
    others = [w for w in words if w not in capitals]
    if not capitals or not others or len(words) > 5 or ORGANISATION.search(plain(text)):
        return text, ""
    return " ".join(capitals), " ".join(others)
