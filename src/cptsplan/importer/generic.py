"""Any other table, read by the plan format itself: each list of the schema whose items are
objects (risks, places, equipment, trainings, communes, plans, indicators, tasks...) is a
candidate, and a table whose header names enough of its fields (by their titles, their
names or usual synonyms) becomes a list of such items, one per row.

Each cell is converted to what its field expects: a date is read from « 5 octobre 2026 »
or « 05/10/2026 », a whole number from « 9 850 », a choice by its wording (« Élevé » ->
eleve), a typology list from « T5, T2 », a directory reference by name. A value that cannot
be converted is left out (or `A_COMPLETER` when the field is required): its cell is then not
found in any field and placing.py keeps the row as imported text. Nothing is invented.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from cptsplan.importer.choices import choice
from cptsplan.importer.dates import parse_date, parse_when, takes_a_date
from cptsplan.importer.draft import MISSING, Draft
from cptsplan.importer.lookup import lookup
from cptsplan.importer.read import Block
from cptsplan.importer.sections import THEME_OF, plain, typologies_in

SKIP = {
    ("annuaire",),
    ("document", "historique"),
    ("document", "transmissions"),
    ("piloter", "cellule_de_crise", "fonctions"),
    ("piloter", "referents_sse"),
    ("anticiper", "exercices"),
    ("adapter", "reponses"),
    ("adapter", "fiches_reflexes"),
    ("glossaire",),
    ("texte_importe",),
    ("figures",),
    ("silences",),
}
"""Lists read by their own readers (or not from a document at all)."""
SYNONYMS = {
    "intitule": ("risque", "intitule", "libelle", "titre", "exercice"),
    "nom": ("nom", "lieu", "commune", "zone"),
    "designation": ("designation", "materiel", "equipement"),
    "partenaire": ("partenaire", "signataire"),
    "destinataire": ("destinataire", "partenaire informe"),
    "objet": ("objet",),
    "plan": ("plan",),
    "detenteur": ("detenteur", "porteur du plan"),
    "tache": ("tache", "action"),
    "porteur": ("porteur", "responsable"),
    "echeance": ("echeance",),
    "profession": ("profession",),
    "effectif": ("effectif", "nombre", "volontaires", "professionnels sur le territoire"),
    "adherents": ("adherent",),
    "code_insee": ("insee",),
    "population": ("population", "habitants"),
    "pcs": ("plan communal", "pcs"),
    "ref": ("etablissement", "structure"),
    "structure": ("structure",),
    "lien": ("lien avec",),
    "date": ("date", "signee le", "le "),
    "date_peremption": ("peremption",),
    "type": ("type", "outil"),
    "valeur": ("valeur",),
    "cible": ("cible",),
    "public": ("public",),
    "participants": ("participants",),
}


@cache
def candidates() -> list[tuple[tuple[str, ...], dict[str, Any]]]:
    """(path, item schema) of every list of objects in the plan schema."""
    from cptsplan.schema.plan_schema import base_schema

    schema = base_schema()
    found: list[tuple[tuple[str, ...], dict[str, Any]]] = []

    def walk(node: dict[str, Any], path: tuple[str, ...]) -> None:
        node = resolve(node)
        if node.get("type") == "array" and isinstance(node.get("items"), dict):
            item = resolve(node["items"])
            if "properties" in item and path not in SKIP:
                found.append((path, item))
            return
        for key, child in node.get("properties", {}).items():
            walk(child, (*path, key))

    walk(schema, ())
    return found


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    from cptsplan.schema.plan_schema import base_schema

    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = {**base_schema()["$defs"][name], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _words(name: str, field: dict[str, Any]) -> tuple[str, ...]:
    title = plain(str(resolve(field).get("title", "")))
    return (*SYNONYMS.get(name, ()), name.replace("_", " "), title)


def _field_words(item: dict[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    """(field, the words that name it in a header) of each field of `item` but its id."""
    return [
        (name, _words(name, field)) for name, field in item["properties"].items() if name != "id"
    ]


@cache
def _candidate_words() -> dict[int, list[tuple[str, tuple[str, ...]]]]:
    """`_field_words` of each candidate list's item, by the item's identity: every table is
    compared with every candidate, and these words do not change (the schema is read once,
    `candidates` keeps its items alive, so their ids stay theirs)."""
    return {id(item): _field_words(item) for _path, item in candidates()}


def match_header(header: list[str], item: dict[str, Any]) -> dict[int, str]:
    """Column -> field, each field once; the first column may be the item's name field."""
    fields = item["properties"]
    named = _candidate_words().get(id(item)) or _field_words(item)
    taken: dict[int, str] = {}
    for index, cell_text in enumerate(header):
        text = plain(cell_text).strip()
        if not text:
            continue
        for name, words in named:
            if name in taken.values():
                continue
            if any(w and (text == w or (len(w) > 3 and w in text)) for w in words):
                taken[index] = name
                break
    if len(taken) < 2:
        return taken  # one word in common is chance, not this list
    if 0 not in taken and header and header[0].strip():
        main = next(
            (n for n in item.get("required", []) if n not in taken.values() and n != "id"), None
        )
        if main and resolve(fields[main]).get("type", "string") == "string":
            taken[0] = main
    return taken


def read_tables(draft: Draft) -> None:
    for block in draft.blocks:
        if block.kind != "table" or len(block.rows) < 2 or (block.index, 0) in draft.taken:
            continue
        if any((block.index, row) in draft.taken for row in range(len(block.rows))):
            continue
        theme = draft.contexts[block.index].theme
        headings = plain(" ".join(draft.contexts[block.index].path))
        best: tuple[int, tuple[str, ...], dict[str, Any], dict[int, str]] | None = None
        for path, item in candidates():
            mapping = match_header(block.rows[0], item)
            score = len(mapping) * 2 + (1 if THEME_OF.get(path[0], path[0]) == theme else 0)
            # Under a heading naming the list (« 1.2.5 Diffusion »): that list wins a tie.
            score += 2 if _named_by(path[-1], headings) else 0
            filled = sum(1 for c in block.rows[0] if c.strip())
            if (
                len(mapping) >= 2
                and len(mapping) * 2 >= filled
                and (best is None or score > best[0])
            ):
                best = (score, path, item, mapping)
        if best is None:
            best = _one_column(block, headings)
        if best is not None:
            items = _read(draft, block, best[1], best[2], best[3])
            _details(draft, block, items, best[2], best[1])


def _one_column(
    block: Block, headings: str
) -> tuple[int, tuple[str, ...], dict[str, Any], dict[int, str]] | None:
    """A table of one column (« Partenaire », then a name a row) under a heading that names
    its list (« Partenaires de la rédaction »): one word in common is enough there, the
    heading says which list; anywhere else it is chance."""
    if any(len([c for c in row if c.strip()]) > 1 for row in block.rows):
        return None
    found = [
        (0, path, item, mapping)
        for path, item in candidates()
        if _named_by(path[-1], headings)
        for mapping in [match_header(block.rows[0][:1], item)]
        if len(mapping) == 1
    ]
    return found[0] if len(found) == 1 else None


def _named_by(name: str, headings: str) -> bool:
    """The list's name is in the headings above the table: « diffusion » in « 1.2.6
    Diffusion », and « outils_information » in « Outils d'information et d'alerte »
    (its words, in a heading that has words between them)."""
    if name.replace("_", " ") in headings:
        return True
    words = [w for w in name.split("_") if len(w) > 3]
    return len(words) > 1 and set(words) <= set(re.findall(r"\w+", headings))


def _read(
    draft: Draft, block: Block, path: tuple[str, ...], item: dict[str, Any], mapping: dict[int, str]
) -> list[dict[str, Any]]:
    node: Any = draft.data
    for key in path[:-1]:
        node = node.setdefault(key, {})
    items: list[dict[str, Any]] = node.setdefault(path[-1], [])
    draft.take(block, 0)
    for index, row in enumerate(block.rows[1:], start=1):
        entry: dict[str, Any] = {}
        properties = item["properties"]
        for column, name in mapping.items():
            if column < len(row) and row[column].strip():
                text = row[column]
                value = convert(draft, text, properties[name])
                if value is None and name in item.get("required", []):
                    value = _named(draft, text, properties[name])
                if value is not None:
                    entry[name] = value
                dated = f"{name}_date"  # « oui, du 5 février 2024 » -> pcs and pcs_date
                if value is not None and dated in properties and parse_date(text):
                    entry[dated] = parse_date(text)
        if not entry:
            continue
        _bracketed_choice(entry, properties)
        missing = {
            name: missing_value(item["properties"][name])
            for name in item.get("required", [])
            if name not in entry and name != "id"
        }
        if any(value is None for value in missing.values()):
            continue  # a required part the table cannot give (an object): kept as text
        entry.update(missing)
        if "id" in item.get("required", []):
            label = next((str(v) for v in entry.values() if isinstance(v, str)), path[-1])
            entry = {"id": draft.new_id(label[:50]), **entry}
        items.append(entry)
        draft.take(block, index)
        draft.record("tableaux", (*path, len(items) - 1), block, index)
    return items


_BRACKETED = re.compile(r"^(?P<text>.*\S)\s*\((?P<choice>[^()]{2,80})\)$", re.DOTALL)


def _bracketed_choice(entry: dict[str, Any], properties: dict[str, Any]) -> None:
    """« Adhérents de la CPTS (membres de la CPTS) »: a cell ending with the label of a
    choice no column gives (the diffusion's target) -> that choice, and the cell's text."""
    for field_name, field in properties.items():
        choices = resolve(field).get("enum")
        if not choices or field_name in entry:
            continue
        for name, value in list(entry.items()):
            match = _BRACKETED.match(value) if isinstance(value, str) else None
            found = choice(match["choice"], choices) if match else None
            if match and found is not None and not isinstance(found, bool):
                entry[field_name], entry[name] = found, match["text"]
                break


_TAIL_LABEL = re.compile(r"\s(?=[A-ZÀ-Ý][\w' ]{2,30} : )")


def _details(
    draft: Draft,
    table: Block,
    items: list[dict[str, Any]],
    item: dict[str, Any],
    path: tuple[str, ...],
) -> None:
    """The paragraphs after a table that detail its rows: « Canicule et fortes chaleurs.
    Épisodes de vigilance… Localisation : tout le territoire. » -> that row's description
    and, for a labelled part whose label is a field's title, that field."""
    fields = item["properties"]
    if "description" not in fields:
        return
    for block in draft.blocks[table.index + 1 :]:
        if block.kind == "table" or block.index in draft.headings:
            break
        if block.kind != "para":
            continue  # a list under a detailed row (its measures): labelled.py reads it
        entry = next(
            (
                e
                for e in items
                if isinstance(e.get(_title_field(e)), str)
                and block.text.startswith(str(e[_title_field(e)]) + ".")
                and "description" not in e
            ),
            None,
        )
        if entry is None:
            continue
        rest = block.text[len(str(entry[_title_field(entry)])) + 1 :].strip()
        parts = _TAIL_LABEL.split(rest)
        description = [parts[0]]
        labelled: list[str] = []
        current: str | None = None
        for part in parts[1:]:
            label, _, value = part.partition(" : ")
            name = next(
                (n for n, f in fields.items() if plain(label) in _words(n, f) and n not in entry),
                None,
            )
            if name is not None and resolve(fields[name]).get("type", "string") == "string":
                entry[name] = value.strip()
                labelled.append(entry[name])
                current = name
            elif current is not None:  # « … PPI de 20 km : il ne serait … »: not a label
                entry[current] = f"{entry[current]} {part}"
                labelled[-1] = entry[current]
            else:
                description.append(part)
        entry["description"] = " ".join(description)
        draft.take(block, values=[str(entry[_title_field(entry)]), *description, *labelled])
        draft.record("tableaux", (*path, items.index(entry)), block)


def _title_field(entry: dict[str, Any]) -> str:
    return next((k for k in ("intitule", "titre", "nom", "designation") if k in entry), "")


def _named(draft: Draft, text: str, field: dict[str, Any]) -> str | None:
    """A required directory reference the directory does not hold: an entry named as the
    document names it (nothing invented beyond the name)."""
    if resolve(field).get("x-cptsplan-ref") != "annuaire" or len(text) > 200:
        return None
    from cptsplan.importer.contacts import is_organisation

    return lookup(draft, text, create="organisme" if is_organisation(text) else "personne")


def missing_value(field: dict[str, Any]) -> Any:
    field = resolve(field)
    if field.get("type") == "array":
        return [MISSING]
    if field.get("type") == "object":
        return None
    return MISSING


_YES_NO: dict[Any, bool] = {"oui": True, "non": False}
_INTEGER = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f.]?\d{3})*$|^\d+$")


def convert(draft: Draft, text: str, field: dict[str, Any]) -> Any:
    field = resolve(field)
    text = text.strip()
    ref = field.get("x-cptsplan-ref")
    if field.get("pattern") == r"^[0-9]+(\.[0-9]+)*$":
        return text if re.fullmatch(r"[0-9]+(\.[0-9]+)*", text) else None
    if takes_a_date(field):
        return parse_when(text, field)
    if ref == "annuaire":
        return lookup(draft, text)
    if ref:
        return None
    if "enum" in field:
        found = choice(text, field["enum"])
        # « oui » / « non » of a yes-or-no field is written true / false, what the renderer
        # and the rules test (a « non » string printed « oui » in the communes' table).
        return _YES_NO.get(found, found) if True in field["enum"] else found
    kind = field.get("type")
    if kind == "integer":
        return int(re.sub(r"\D", "", text)) if _INTEGER.match(text) else None
    if kind == "array":
        inner = resolve(field.get("items", {}))
        if inner.get("enum") and set(inner["enum"]) >= {"T1", "T2"}:
            return typologies_in(text) or None
        if inner.get("x-cptsplan-ref") or inner.get("type") == "object":
            return None
        parts = [p.strip() for p in re.split(r"\s*;\s*|\n", text) if p.strip()]
        return parts or None
    if kind == "object":
        return None
    limit = int(field.get("maxLength", 20000))
    return text if len(text) <= limit else None
