"""The annex of imported text (`texte_importe`): what `cptsplan import` could not place.

Printed after the other annexes, so that a draft imported from a Word plan still shows
every paragraph of the original, each block under the title of the section it came from.
"""

from __future__ import annotations

from typing import Any

from cptsplan.render.filters import escape_inline, paragraphs

PARTS = {
    "document": "Maîtrise du document",
    "territoire": "Présentation de la CPTS et du territoire",
    "anticiper": "Anticiper",
    "adapter": "Adapter",
    "piloter": "Piloter",
    "evaluer": "Évaluer",
    "annuaire": "Annuaire",
    "annexes": "Annexes",
}


def imported_annex(data: dict[str, Any]) -> str:
    blocks = [b for b in data.get("texte_importe") or [] if isinstance(b, dict)]
    if not blocks:
        return ""
    lines = [
        "# Texte repris du document d'origine, à ranger {.unnumbered}",
        "",
        "Texte du plan importé qui n'a pas encore été rangé dans une rubrique du plan.",
        "",
    ]
    for block in blocks:
        part = PARTS.get(str(block.get("partie") or ""), "")
        title = " : ".join(x for x in (part, str(block.get("section") or "")) if x)
        if title:
            lines += [f"**{escape_inline(title)}**", ""]
        lines += [str(paragraphs(block.get("texte"), keep_lines=True)), ""]
    return "\n".join(lines) + "\n"
