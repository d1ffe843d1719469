"""Recall of `cptsplan import` per kind of item against a corpus document's ground truth
(tests/import_corpus): shared by tests/test_import_corpus_recall.py and docs/import.md."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import phonenumbers


def norm(text: object) -> str:
    text = unicodedata.normalize("NFKD", str(text).replace("’", "'").replace("œ", "oe"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\W_]+", "", text)


def unordered(text: object) -> str:
    """Words in alphabetical order: « ROUSSEAU Agnès » is « Agnès Rousseau »."""
    words = re.findall(r"[a-z0-9]+", norm_words(text))
    return "".join(sorted(words))


def norm_words(text: object) -> str:
    text = unicodedata.normalize("NFKD", str(text).replace("’", "'").replace("œ", "oe"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def e164(number: str) -> str | None:
    try:
        parsed = phonenumbers.parse(number, "FR")
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def share(expected: list[str], found: list[str]) -> tuple[int, int]:
    """How many expected items (normalised) are among the found ones."""
    pool = [norm(f) for f in found]
    hit = 0
    for item in expected:
        key = norm(item)
        if key and any(key == p or (len(key) > 12 and key in p) for p in pool):
            hit += 1
    return hit, len(expected)


def person_names(plan: dict[str, Any], ident: object) -> str:
    for entry in plan.get("annuaire", []):
        if entry.get("id") == ident:
            return f"{entry.get('prenom') or ''} {entry.get('nom') or ''}"
    return str(ident)


def measure(plan: dict[str, Any], expected: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Per category: (found, expected)."""
    directory = plan.get("annuaire", [])
    result: dict[str, tuple[int, int]] = {}
    phones = [p for c in expected.get("contacts", []) for p in c.get("telephones") or []]
    found_phones = [
        e164(str(p["numero"])) or "" for e in directory for p in e.get("telephones", [])
    ]
    result["telephones"] = share(phones, found_phones)
    mails = [m for c in expected.get("contacts", []) for m in (c.get("emails") or [])]
    mails += [
        m
        for c in expected.get("contacts", [])
        for m in ([c["mssante"]] if c.get("mssante") else [])
    ]
    found_mails = [str(e.get(k)) for e in directory for k in ("email", "mssante") if e.get(k)]
    found_mails += [str(m) for e in directory for m in e.get("autres_courriels", [])]
    result["courriels"] = share(mails, found_mails)
    piloter = plan.get("piloter", {})
    holders = [person_names(plan, r.get("personne")) for r in piloter.get("referents_sse", [])]
    wanted = [r["titulaire"] for r in expected.get("referents", []) if r.get("titulaire")]
    wanted += [r["suppleant"] for r in expected.get("referents", []) if r.get("suppleant")]
    result["referents"] = share([unordered(w) for w in wanted], [unordered(h) for h in holders])
    functions = piloter.get("cellule_de_crise", {}).get("fonctions", [])
    cell_found = [
        person_names(plan, f.get("titulaire")) + " " + str(f.get("fonction")) for f in functions
    ]
    pairs = [
        f"{c['titulaire']} {c['code']}" for c in expected.get("cellule", []) if c.get("titulaire")
    ]
    result["cellule"] = share([unordered(p) for p in pairs], [unordered(c) for c in cell_found])
    actions = [
        str(a.get("action"))
        for r in plan.get("adapter", {}).get("reponses", [])
        for a in r.get("actions", [])
    ]
    for code in ("T1", "T2", "T3", "T4", "T5"):
        typed = [
            str(a.get("action"))
            for r in plan.get("adapter", {}).get("reponses", [])
            if code in r.get("typologies", [])
            for a in r.get("actions", [])
        ]
        result[f"actions {code}"] = share(expected.get("actions", {}).get(code, []), typed)
    result["actions"] = share([a for v in expected.get("actions", {}).values() for a in v], actions)
    exercises = plan.get("anticiper", {}).get("exercices", [])
    found_ex = [f"{e.get('date')}" for e in exercises if e.get("date")]
    result["exercices"] = share(
        [str(e["date"]) for e in expected.get("exercices", []) if e.get("date")], found_ex
    )
    document = plan.get("document", {})
    version_ok = norm(str(expected.get("version", "")).lstrip("Vv")) == norm(
        document.get("version")
    )
    date_ok = str(expected.get("date_mise_a_jour")) == str(document.get("date_mise_a_jour"))
    result["version et dates"] = (int(version_ok) + int(date_ok), 2)
    return result


def leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in leaves(item, (*path, key))]
    if isinstance(value, list):
        return [leaf for index, item in enumerate(value) for leaf in leaves(item, (*path, index))]
    return [(path, value)]


def leaf_recall(source: dict[str, Any], imported: dict[str, Any]) -> tuple[int, int, int]:
    """(leaves of `source` given back in a field of `imported`, given back anywhere including
    the imported text, all leaves). Ids, booleans and empty values are not counted: ids are
    made by the import, and so are the references to them; a yes/no is printed as words."""
    from cptsplan.importer.placing import squeeze, strings

    plan = dict(imported)
    kept = plan.pop("texte_importe", [])
    fields = "|".join(squeeze(s) for s in strings(plan))
    anywhere = fields + "|" + "|".join(squeeze(s) for s in strings(kept))
    counted = in_fields = found = 0
    ids = {value for path, value in leaves(source) if path and path[-1] == "id"}
    for path, value in leaves(source):
        if value is None or isinstance(value, bool) or path[-1] == "id" or value in ids:
            continue  # a reference is an id: the import makes its own (people: see measure)
        key = squeeze(str(value))
        if not key:
            continue
        counted += 1
        in_fields += key in fields
        found += key in anywhere
    return in_fields, found, counted


def field_titles() -> list[str]:
    """The title of every field of the plan format (what a document writes as a label)."""
    from cptsplan.schema.plan_schema import base_schema

    titles: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("title"), str):
                titles.append(node["title"])
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(base_schema())
    return titles
