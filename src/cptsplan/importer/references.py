"""Reference documents (a list or a one-column table under « Documents de référence ») and
transmissions written as a sentence (« transmis à l'ARS Bretagne le 15/09/2026 et à la CPAM
d'Ille-et-Vilaine le 15/09/2026 »)."""

from __future__ import annotations

import re
from typing import Any

from cptsplan.importer.dates import parse_date, version_in
from cptsplan.importer.draft import Draft
from cptsplan.importer.lookup import lookup
from cptsplan.importer.read import Block
from cptsplan.importer.sections import plain

_NUMBER = re.compile(r"^(?:\d+[.)]|[a-z][.)]|[-–•])\s+")
KINDS = (
    ("trame nationale", "trame_nationale"),
    ("guide regional", "guide_regional"),
    ("orsan", "orsan"),
    ("modele", "modele_ars"),
)


def read_references(draft: Draft) -> None:
    references: list[dict[str, Any]] = draft.section("document").setdefault("references", [])
    for block in draft.blocks:
        if block.index in draft.headings:
            continue
        if block.kind == "table" and block.rows and len(block.rows[0]) == 1:
            if "reference" in plain(block.rows[0][0]):
                draft.take(block, 0)
                for index, row in enumerate(block.rows[1:], start=1):
                    _add(draft, references, row[0], block, index)
        elif block.kind in ("item", "para") and _under_references(draft.contexts[block.index]):
            own = draft.contexts[block.index].section == "references"
            if (own or block.kind == "item") and (block.index, -1) not in draft.taken:
                _add(draft, references, block.text, block, None)
    if not references:
        draft.section("document").pop("references")


def _under_references(context: Any) -> bool:
    """Under « Documents de référence », or the list under « Glossaire et documents de
    référence » (the glossary is its table or its « SIGLE : sens » lines, read before)."""
    return context.section == "references" or (
        context.section == "glossaire" and "reference" in plain(context.title)
    )


def _add(
    draft: Draft, references: list[dict[str, Any]], text: str, block: Block, row: int | None
) -> None:
    title = _NUMBER.sub("", text.replace("\n", " ").strip())
    if not title or len(title) > 500:
        return
    item: dict[str, Any] = {"titre": title}
    kind = next((k for words, k in KINDS if words in plain(title)), None)
    if kind:
        item["type"] = kind
    references.append(item)
    # « 1. Trame nationale… »: the number typed before the title is the list's, not content
    draft.take(block, -1 if row is None else row, values=[title])
    draft.record("references", ("document", "references", len(references) - 1), block, row)


_SENT = re.compile(
    r"\b(?:à|a)\s+(?:l['’]\s*|la\s+|le\s+)?(?P<who>(?:ARS|CPAM|Agence|Caisse|Préfecture|URPS)"
    r"[^;]*?)\s+(?:le|du)\s+(?P<when>\d{1,2}(?:er)?\s+\w+\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})"
)


def read_sent_prose(draft: Draft) -> None:
    """« Le plan a été transmis à l'ARS ... le 15/09/2026 et à la CPAM ... le 15/09/2026 »."""
    document = draft.section("document")
    for block in draft.blocks:
        lowered = plain(block.text)
        if block.kind not in ("para", "item") or not ("transmis" in lowered or "envoy" in lowered):
            continue
        found = list(_SENT.finditer(block.text))
        sent: list[dict[str, Any]] = document.setdefault("transmissions", [])
        for match in found:
            day = parse_date(match.group("when"))
            target = lookup(draft, match.group("who"), create="organisme")
            if day is None or target is None:
                continue
            version = document.get("version") or version_in(block.text)
            sent.append({"destinataire": target, "date": day, "version": version or "A_COMPLETER"})
            draft.record("transmissions", ("document", "transmissions", len(sent) - 1), block)
        if found:
            draft.take(block)
        if not sent:
            document.pop("transmissions")
