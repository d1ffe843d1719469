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
        lines += [_text_and_tables(block.get("texte")), ""]
    return "\n".join(lines) + "\n"


_CELL_SEPARATOR = " | "


def _width(line: str) -> int:
    """The number of cells of a line the import wrote from a Word table (« a | b | c »)."""
    return len(line.split(_CELL_SEPARATOR)) if _CELL_SEPARATOR in line else 0


def _text_and_tables(value: object) -> str:
    """The block's text; two lines or more in a row with the same number of cells (a Word
    table the import could not place) are printed as a table, the first line its header:
    « Conduite de crise | Assurer … | Professionnels volontaires » read as a run-on line."""
    if not isinstance(value, str) or _CELL_SEPARATOR not in value:
        return str(paragraphs(value, keep_lines=True))
    chunks: list[str] = []
    prose: list[str] = []
    lines = value.split("\n")
    index = 0
    while index < len(lines):
        width = _width(lines[index])
        end = index + 1
        while width and end < len(lines) and _width(lines[end]) == width:
            end += 1
        if end - index < 2:
            prose.append(lines[index])
            index += 1
            continue
        chunks.append(str(paragraphs("\n".join(prose), keep_lines=True)))
        prose = []
        rows = [[escape_inline(cell.strip()) for cell in line.split(_CELL_SEPARATOR)]
                for line in lines[index:end]]  # fmt: skip
        chunks.append("\n".join(
            ["| " + " | ".join(rows[0]) + " |", "|" + "|".join([":--"] * width) + "|"]
            + ["| " + " | ".join(row) + " |" for row in rows[1:]]
        ))  # fmt: skip
        index = end
    chunks.append(str(paragraphs("\n".join(prose), keep_lines=True)))
    return "\n\n".join(chunk for chunk in chunks if chunk)
