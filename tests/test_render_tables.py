"""Table widths from content and unsplittable dates and numbers (render/tables.py)."""

from __future__ import annotations

from cptsplan.render.filters import table
from cptsplan.render.nobreak import keep_together
from cptsplan.render.tables import (
    CELL_PADDING_EM,
    PAGE_EM,
    size_tables,
    text_width,
    widths,
)

NBSP = "\u00a0"


def separator_widths(markdown: str) -> list[int]:
    line = next(line for line in markdown.split("\n") if line.startswith("|:-"))
    return [len(part.strip(":")) for part in line.strip("|").split("|")]


def test_a_column_is_at_least_as_wide_as_its_longest_word() -> None:
    header = ["Version", "Étape", "Participants", "Description"]
    rows = [["2.1", "Alerte", "12", "Un texte assez long " * 20]]
    fractions = widths(header, rows)
    for word, fraction in zip(header, fractions, strict=True):
        assert fraction * PAGE_EM >= text_width(word, bold=True) + CELL_PADDING_EM
    # The long text gets the rest of the page.
    assert fractions[3] == max(fractions)


def test_a_short_column_does_not_take_the_page_when_everything_fits() -> None:
    fractions = widths(["Rubrique", "Information"], [["Nom", "CPTS du Plateau de Vèze"]])
    assert 0.2 < fractions[0] < 0.6


def test_short_separator_is_sized_and_a_long_one_kept() -> None:
    markdown = table(["Nom", "Texte"], [["Vermeersch", "un texte " * 30]])
    sized = size_tables(markdown)
    assert len(sized.split("\n")[1]) > 72  # pandoc keeps relative widths
    first, second = separator_widths(sized)
    assert second > first
    chosen = table(["Nom", "Texte"], [["a", "b"]], [70, 30])
    assert size_tables(chosen) == chosen


def test_escaped_pipe_in_a_cell_is_not_a_column() -> None:
    markdown = table(["A", "B"], [["a | b | c", "d"]])
    assert len(separator_widths(size_tables(markdown))) == 2


def test_dates_and_phone_numbers_are_kept_on_one_line() -> None:
    text = keep_together("le 30 septembre 2026, au 06 39 98 10 03 ou au \\+33 6 39 98 10 03")
    assert f"30{NBSP}septembre{NBSP}2026" in text
    assert f"06{NBSP}39{NBSP}98{NBSP}10{NBSP}03" in text
    assert f"\\+33{NBSP}6{NBSP}39" in text
    # A postal code or a year is no phone number.
    assert keep_together("59455 Saint-Aubert, 2026 2027") == "59455 Saint-Aubert, 2026 2027"
