"""Reading tables by their header row: which column holds what, in any order."""

from __future__ import annotations

from cptsplan.importer.sections import plain


def columns(header: list[str], wanted: dict[str, tuple[str, ...]]) -> dict[str, list[int]]:
    """Field -> indexes of the columns whose header contains one of its wordings (the first
    field that matches a header wins)."""
    found: dict[str, list[int]] = {}
    for index, cell in enumerate(header):
        text = plain(cell)
        for name, wordings in wanted.items():
            if any(w in text for w in wordings):
                found.setdefault(name, []).append(index)
                break
    return found


def cell(row: list[str], indexes: list[int] | None) -> str:
    if not indexes:
        return ""
    seen: list[str] = []
    for index in indexes:
        if index < len(row) and row[index] and row[index] not in seen:
            seen.append(row[index])
    return "\n".join(seen)
