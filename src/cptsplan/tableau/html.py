"""The reviewer's table as one HTML page: what a reviewer opens in a browser or attaches to
a mail when the recipient has no spreadsheet. A plain table (header kept in view while
scrolling), the sources of the grid below it; no script, no outside resource, every value
escaped (a plan's text is anyone's text)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from html import escape

from cptsplan.messages.dates import french_date
from cptsplan.tableau.cells import Cell, Column
from cptsplan.tableau.verdict import TO_FIX, UNREAD, VALID

RESULT_TITLE = "Résultat"
VERDICT_WORDS = ((VALID, "valides"), (TO_FIX, "à corriger"), (UNREAD, "non lus"))

STYLE = """
body { font-family: Carlito, Calibri, Arial, sans-serif; font-size: 13px; margin: 1em; }
table { border-collapse: collapse; }
th, td { border: 1px solid #b8c2d0; padding: 3px 6px; vertical-align: top; }
thead th { position: sticky; top: 0; background: #dde4ee; }
td.nombre { text-align: right; }
td.non { background: #f8d7d3; } td.oui { background: #dcefdc; }
td.completer { background: #fbf0c8; }
td.liste { white-space: pre-line; }
"""


def _cell(column: Column, value: Cell) -> str:
    if value is None:
        return "<td></td>"
    if isinstance(value, date):
        return f'<td data-valeur="{value.isoformat()}">{escape(french_date(value))}</td>'
    if column.kind == "percent" and isinstance(value, float):
        return f'<td class="nombre">{round(value * 100)} %</td>'
    if isinstance(value, int | float):
        return f'<td class="nombre">{value}</td>'
    text = str(value)
    answer = text.split(" (", 1)[0]
    kind = {"oui": "oui", "non": "non", "à compléter": "completer"}.get(answer)
    kind = kind or ("liste" if "\n" in text else None)
    attribute = f' class="{kind}"' if kind else ""
    return f"<td{attribute}>{escape(text)}</td>"


def _counts(columns: list[Column], rows: list[list[Cell]]) -> str:
    """« 62 plans : 27 valides, 30 à corriger, 5 non lus »: the region at a glance."""
    index = [column.title for column in columns].index(RESULT_TITLE)
    found = Counter(str(row[index]) for row in rows)
    parts = [f"{found[verdict]} {word}" for verdict, word in VERDICT_WORDS if found[verdict]]
    return f"Plans vérifiés : {len(rows)}" + (f" ({', '.join(parts)})" if parts else "") + "."


def html_bytes(columns: list[Column], rows: list[list[Cell]], today: date) -> bytes:
    title = f"Tableau de relecture des plans SSE ({escape(french_date(today))})"
    head = "".join(f"<th>{escape(column.title)}</th>" for column in columns)
    body = "\n".join(
        "<tr>" + "".join(_cell(c, v) for c, v in zip(columns, row, strict=True)) + "</tr>"
        for row in rows
    )
    sources = "\n".join(
        f"<tr><td>{escape(column.title)}</td><td>{escape(column.source)}</td></tr>"
        for column in columns
        if column.source
    )
    page = f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>{STYLE}</style>
</head>
<body>
<h1>{title}</h1>
<p>{escape(_counts(columns, rows))}</p>
<table id="plans">
<thead><tr>{head}</tr></thead>
<tbody>
{body}
</tbody>
</table>
<h2>Sources de la grille de conformité</h2>
<table id="sources">
<thead><tr><th>Point de la grille</th><th>Demandé par</th></tr></thead>
<tbody>
{sources}
</tbody>
</table>
</body>
</html>
"""
    return page.encode("utf-8")
