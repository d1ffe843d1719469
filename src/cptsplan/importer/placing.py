"""Nothing lost: every paragraph and every table row of the document lands somewhere.

The readers (contacts, identity, cell, responses) mark what they placed. Whatever is left,
and whatever a placed row holds that no field took (a column no reader knows), is kept as
imported text (`texte_importe`), grouped by the section it came from, with the part of the
plan nearest to it. The check is on letters and digits only, so that a phone number printed
« 06 39 98 10 01 » counts as the « 06.39.98.10.01 » of the document.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from cptsplan.importer.coverage import Fields, covered
from cptsplan.importer.draft import Draft
from cptsplan.importer.read import Block

MAX_TEXT = 19_000
_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=65_536)  # every value of the plan, for the outline and the margins
def squeeze(text: str) -> str:
    return _NOT_WORD.sub("", text.casefold())


def strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        found = [s for item in value.values() for s in strings(item)]
        if value.get("prenom") and value.get("nom"):  # « ROUSSEAU Agnès » in one cell
            found += [f"{value['nom']} {value['prenom']}", f"{value['prenom']} {value['nom']}"]
        return found
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    if isinstance(value, str | int | date):
        return [str(value)]
    return []


def row_text(row: list[str]) -> str:
    cells: list[str] = []
    for text in row:
        if text and (not cells or cells[-1] != text):  # a merged cell, once
            cells.append(text)
    return " | ".join(c.replace("\n", " / ") for c in cells)


def leftovers(draft: Draft, values: list[str] | None = None) -> list[tuple[Block, str, int]]:
    """(block, text, row or -1) of everything not found in a field, in document order: what
    no reader placed, and what a reader placed only in part. A row or paragraph whose items
    are known is compared with them (and the directory entries they name), else with the
    whole plan; coverage.py compares dates as dates, phone numbers in E.164. `values` are
    `strings(draft.data)` when already made."""
    everything = Fields(strings(draft.data) if values is None else values, draft.data)
    entries = {e.get("id"): e for e in draft.data.get("annuaire", []) if isinstance(e, dict)}
    left: list[tuple[Block, str, int]] = []
    known: dict[tuple[Any, ...], Fields] = {}  # an item read from several rows, made once
    for block in draft.blocks:
        if block.index in draft.headings:
            continue
        rows = list(enumerate(block.rows)) if block.kind == "table" else [(-1, [block.text])]
        for index, row in rows:
            key = (block.index, index)
            taken = key in draft.taken or (block.index, -1) in draft.taken
            content = draft.values.get(key, row)
            paths = draft.placed.get(key)
            fields = everything
            if paths:
                key_paths = tuple(tuple(path) for path in paths)
                if key_paths not in known:
                    known[key_paths] = _local(draft, paths, entries)
                fields = known[key_paths]
            if not taken or not all(covered(c, fields, strict=not paths) for c in content if c):
                text = row_text(row) if block.kind == "table" else block.text
                if text:
                    left.append((block, text, index))
    return left


def _local(draft: Draft, paths: list[Any], entries: dict[Any, Any]) -> Fields:
    """What the items read from one row hold, with the directory entries they name."""
    from cptsplan.importer.scopes import node_at

    nodes = [node_at(draft, tuple(path)) for path in paths]
    values = strings(nodes)
    named = [entries[v] for v in values if v in entries]
    return Fields(values + strings(named), {"annuaire": named})


def headers(draft: Draft) -> set[int]:
    """Tables whose header row (the first, or the one `draft.header_rows` gives) is the
    header of rows read into fields: that row names the columns, it is no item of the plan
    (kept as text with the rest, not counted)."""
    found = set()
    for block in draft.blocks:
        if block.kind != "table":
            continue
        header = draft.header_rows.get(block.index, 0)
        others = (row for row in range(len(block.rows)) if row != header)
        if (block.index, header) in draft.taken and any(
            (block.index, row) in draft.taken for row in others
        ):
            found.add(block.index)
    return found


PROSE = {
    "cpts": ("territoire", "description"),
    "territoire": ("territoire", "description"),
    "continuite": ("adapter", "continuite_des_soins", "principes"),
    "revue": ("evaluer", "revue_annuelle", "modalites"),
}
"""Sections whose paragraphs have one obvious free-text field in the plan."""


def place_prose(draft: Draft) -> None:
    """The paragraphs under a heading named as a free-text field (« Communication interne »,
    « Activation », « Limites des moyens »), then those of a section with one free-text field,
    go there (joined by blank lines, as the documents print them), when it is not written."""
    texts: dict[tuple[str, ...], list[tuple[Block, str]]] = {}
    headings = sorted(draft.headings)
    for number, heading in enumerate(headings):
        path = titled_field(draft, heading)
        end = headings[number + 1] if number + 1 < len(headings) else len(draft.blocks)
        body = [
            (b, b.text)
            for b in draft.blocks[heading + 1 : end]
            if b.kind == "para" and (b.index, -1) not in draft.taken
        ]
        if path is not None and body:
            texts.setdefault(path, []).extend(body)
    _write_prose(draft, texts)
    texts = {}
    for block in draft.blocks:
        context = draft.contexts[block.index]
        section = context.section
        if (
            block.kind == "para"
            and section in PROSE
            and context.own
            and block.index not in draft.headings
            and (block.index, -1) not in draft.taken
        ):
            texts.setdefault(PROSE[section], []).append((block, block.text))
    _write_prose(draft, texts)


def titled_field(draft: Draft, heading: int) -> tuple[str, ...] | None:
    """The free-text field a heading names: its words are the field's title, and a one-word
    title (« Activation ») counts only under a heading naming the field's object."""
    from cptsplan.importer.schema_walk import text_fields
    from cptsplan.importer.sections import plain

    wanted = plain(re.sub(r"^[\dIVX.)]+\s+", "", draft.blocks[heading].text)).strip()
    above = plain(" ".join(draft.contexts[heading].path[:-1]))
    for path, title, parent in text_fields():
        if wanted == title and (len(title.split()) >= 2 or (parent and parent in above)):
            return path
    return None


def _write_prose(draft: Draft, texts: dict[tuple[str, ...], list[tuple[Block, str]]]) -> None:
    for path, found in texts.items():
        node = draft.data
        for key in path[:-1]:
            node = node.setdefault(key, {})
        if path[-1] in node:
            continue
        joined = ""
        for block, text in found:
            if len(joined) + len(text) + 2 > MAX_TEXT:
                break
            joined = f"{joined}\n\n{text}" if joined else text
            draft.take(block)
        node[path[-1]] = joined
        draft.record("texte_libre", path, found[0][0])


def place_leftovers(draft: Draft, headed: set[int]) -> int:
    """Put what is left in `texte_importe`; returns how many paragraphs or rows that is
    (the headers of tables read into fields aside: `headed`, see `headers`)."""
    values = strings(draft.data)  # for both: nothing is placed in between
    left = leftovers(draft, values)
    groups: list[dict[str, Any]] = []
    last_heading: int | None = None
    for block, text, _row in left:
        context = draft.contexts[block.index]
        if (
            groups
            and last_heading == context.heading_index
            and (len(groups[-1]["texte"]) + len(text) < MAX_TEXT)
        ):
            separator = "\n" if block.kind == "table" else "\n\n"
            groups[-1]["texte"] += separator + text
            continue
        while len(text) > MAX_TEXT:  # a single paragraph longer than a text field holds
            groups.append(_group(draft, block, text[:MAX_TEXT]))
            text = text[MAX_TEXT:]
        groups.append(_group(draft, block, text))
        last_heading = context.heading_index
    outline = _outline(draft, values)
    if outline:
        groups.append(outline)
    if groups:
        draft.data["texte_importe"] = groups
    return sum(
        1
        for block, _text, row in left
        if not (row == draft.header_rows.get(block.index, 0) and block.index in headed)
    )


def _outline(draft: Draft, values: list[str]) -> dict[str, Any] | None:
    """The document's own titles that no field repeats, in order: the plan's structure is
    not the document's, and the coordinator compares them with this list."""
    haystack = "|".join(squeeze(s) for s in values)
    titles = [
        draft.blocks[index].text.replace("\n", " ")
        for index in sorted(draft.headings)
        if squeeze(draft.blocks[index].text) not in haystack
    ]
    if not titles:
        return None
    index = len(draft.found.get("texte_importe", []))
    draft.origins[("texte_importe", index)] = "les titres du document d'origine, dans l'ordre"
    text = "\n".join(titles)
    title = "Titres du document d'origine"
    return {"partie": "annexes", "section": title, "texte": text[:MAX_TEXT]}


def _group(draft: Draft, block: Block, text: str) -> dict[str, Any]:
    context = draft.contexts[block.index]
    group: dict[str, Any] = {"partie": context.theme}
    if context.path:
        group["section"] = " > ".join(context.path)[-500:]
    group["texte"] = text
    index = len(draft.found.get("texte_importe", []))
    draft.origins[("texte_importe", index)] = f"repris de {draft.where(block)} et suivants"
    draft.found.setdefault("texte_importe", []).append(draft.where(block))
    return group
