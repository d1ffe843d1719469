"""Table column widths from their content.

A pipe table's separator line gives pandoc the relative widths of its columns when it is
longer than pandoc's 72 columns. Our templates write short separators (`|:--|:--|`): this
module then measures every cell and writes a long separator whose dashes give each column at
least the width of its longest unbreakable word (a header word, a date, a phone number, an
e-mail address), and shares the rest of the page width by how much text each column holds
(the automatic table layout of web browsers). A separator longer than 72 columns, as a
custom template may write, keeps the widths its author chose.

The words that must never be split (dates, phone numbers) get their no-break spaces from
nobreak.py, before the tables are measured.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Sequence
from typing import TypeVar

from cptsplan.render import font_metrics
from cptsplan.render.nobreak import NBSP, WORD_JOINER
from cptsplan.schema.periods import MONTHS_FR

PANDOC_COLUMNS = 72
"""Pandoc keeps the separator's relative widths only when a table line is longer."""

SEPARATOR_DASHES = 150
"""Dashes shared between the columns of a sized table (the precision of its widths)."""

PAGE_EM = 49.5
"""Text width of the page in em of the table font: 16.6 cm (A4, 2.2 cm margins) at 9.5 pt."""

CELL_PADDING_EM = 0.95
"""Left and right cell margins and the borders of one column, in em."""

CROWDED = 0.8
"""Share of the page width above which a table's dates may break before their year."""

SAFETY = 1.03
"""Measured widths are raised by this much (kerning, rounding of the column widths)."""

WRAPPING = 1.08
"""Lines wrap at spaces: a cell needs a little more room than its text's length."""

STEP_EM = 1.0
"""Width handed out at each step of the sizing."""
"""Header cells are bold: wider letters."""

_T = TypeVar("_T")

_SEPARATOR = re.compile(r"\|(?:\s*:?-+:?\s*\|)+\s*")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")
_ESCAPE = re.compile(r"\\(.)")
_EMPHASIS = re.compile(r"(?<!\\)\*+")
_SPAN = re.compile(r"(?<!\\)\[(.*?)(?<!\\)\]\{[^}]*\}")

_ADDRESS = re.compile(r"\\@|\\:\\/\\/")
# A letter and its hyphen, before a letter: a compound word may break after them. (Found by
# a search that starts on a letter, several times faster than splitting on the empty
# position between lookarounds, which tests every position.)
_COMPOUND_HYPHEN = re.compile(r"[^\W\d_]-(?=[^\W\d_])")
_MONTHS = "|".join(MONTHS_FR)
_YEAR_SPACE = re.compile(rf"\b({_MONTHS}){NBSP}([0-9]{{4}})\b")
SHARED = "::: {.annuaire-colonnes}"
"""Opens a block whose tables share one set of widths (the directory: one table per family
of actors, read as one directory)."""


def _share_widths(lines: list[str]) -> None:
    """The tables of each SHARED block get one set of widths: measured on all of them
    together, or the widths the template wrote (long separator) raised where a column's
    longest word, date or address would not fit."""
    index = 0
    while index < len(lines):
        if lines[index].strip() != SHARED:
            index += 1
            continue
        end = next((i for i in range(index + 1, len(lines)) if lines[i].strip() == ":::"), None)
        if end is None:
            return
        tables = []
        for row in range(index + 1, end):
            if _SEPARATOR.fullmatch(lines[row]) and lines[row - 1].startswith("|"):
                last = row + 1
                while last < end and lines[last].startswith("|"):
                    last += 1
                tables.append((row, last))
        headers = [cells(lines[row - 1]) for row, _ in tables]
        if tables and all(len(header) == len(headers[0]) for header in headers):
            rows = [cells(line) for row, last in tables for line in lines[row + 1 : last]]
            empty = _empty_columns(headers[0], rows)
            if empty:
                # A column empty in every table of the block (« Vérifié le » of an imported
                # directory, no entry checked yet) is dropped from all of them: one
                # directory, the same columns.
                keep = [column not in empty for column in range(len(headers[0]))]
                for row, last in tables:
                    for number in [row - 1, *range(row + 1, last)]:
                        lines[number] = _line(_kept(cells(lines[number]), keep))
                    lines[row] = "|" + "|".join(_kept(cells(lines[row]), keep)) + "|"
                headers = [_kept(header, keep) for header in headers]
                rows = [_kept(row, keep) for row in rows]
            aligns = [_alignment(part) for part in cells(lines[tables[0][0]])]
            if len(aligns) == len(headers[0]):
                least = narrowest(headers[0], rows)
                chosen = _dashes(lines[tables[0][0]])
                fractions = (
                    _at_least(chosen, [width / PAGE_EM for width in least])
                    if len(lines[tables[0][0]]) > PANDOC_COLUMNS and len(chosen) == len(least)
                    else widths(headers[0], rows, least)
                )
                shared = separator(fractions, aligns)
                for row, _ in tables:
                    lines[row] = shared
        index = end + 1


def _dashes(line: str) -> list[float]:
    counts = [part.count("-") for part in cells(line)]
    total = sum(counts) or 1
    return [count / total for count in counts]


def _at_least(chosen: Sequence[float], least: Sequence[float]) -> list[float]:
    """The template's widths, each raised to its column's narrowest (the others give way)."""
    raised = [max(c, m) for c, m in zip(chosen, least, strict=True)]
    extra = sum(raised) - 1
    if extra <= 0:
        return raised
    flexible = [r - m for r, m in zip(raised, least, strict=True)]
    room = sum(flexible)
    if room <= 0:
        return [r / sum(raised) for r in raised]
    return [r - extra * f / room for r, f in zip(raised, flexible, strict=True)]


def size_tables(markdown: str) -> str:
    """Give every table with a short separator line widths measured on its content."""
    lines = markdown.split("\n")
    _share_widths(lines)
    index = 1
    while index < len(lines):
        line = lines[index]
        if (
            len(line) <= PANDOC_COLUMNS
            and _SEPARATOR.fullmatch(line)
            and lines[index - 1].startswith("|")
        ):
            end = index + 1
            while end < len(lines) and lines[end].startswith("|"):
                end += 1
            header = cells(lines[index - 1])
            rows = [cells(row) for row in lines[index + 1 : end]]
            aligns = [_alignment(part) for part in cells(line)]
            empty = _empty_columns(header, rows)
            if empty and len(aligns) == len(header):
                # A column with nothing in it is not printed (its header alone says nothing).
                keep = [column not in empty for column in range(len(header))]
                header, aligns = _kept(header, keep), _kept(aligns, keep)
                rows = [_kept(row, keep) for row in rows]
                lines[index - 1] = _line(header)
                for number, kept_row in enumerate(rows, start=index + 1):
                    lines[number] = _line(kept_row)
            if len(aligns) == len(header):
                least = narrowest(header, rows)
                if sum(least) > CROWDED * PAGE_EM:
                    # Unbreakable pieces take (nearly) the whole page (the directory: names,
                    # phone numbers, addresses, dates), leaving the text columns too narrow:
                    # a date may go to the line before its year.
                    for row in range(index + 1, end):
                        lines[row] = _YEAR_SPACE.sub(r"\1 \2", lines[row])
                    rows = [cells(row) for row in lines[index + 1 : end]]
                    least = narrowest(header, rows)
                lines[index] = separator(widths(header, rows, least), aligns)
            index = end
        index += 1
    return "\n".join(lines)


def _empty_columns(header: Sequence[str], rows: Sequence[Sequence[str]]) -> set[int]:
    """Columns whose every body cell is empty (all of them never: the table would vanish)."""
    if not rows:
        return set()
    empty = {
        column for column in range(len(header))
        if all(column >= len(row) or not row[column].strip() for row in rows)
    }  # fmt: skip
    return empty if len(empty) < len(header) else set()


def _kept(items: Sequence[_T], keep: Sequence[bool]) -> list[_T]:
    return [item for item, kept in zip(items, keep, strict=False) if kept]


def _line(row: Sequence[str]) -> str:
    return "| " + " | ".join(row) + " |"


def cells(line: str) -> list[str]:
    """The cells of a table line, split on the pipes the templates wrote (not on `\\|`)."""
    inner = line.strip()
    inner = inner.removeprefix("|")
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    if "\\|" not in inner:  # no pipe written by a value (most lines): a plain split
        return [text.strip() for text in inner.split("|")]
    parts = _UNESCAPED_PIPE.split(inner)
    # split() returns the backslash groups captured before each pipe: glue them back.
    joined: list[str] = []
    for position in range(0, len(parts), 2):
        text = parts[position] + (parts[position + 1] if position + 1 < len(parts) else "")
        joined.append(text.strip())
    return joined


def _alignment(part: str) -> tuple[bool, bool]:
    part = part.strip()
    return part.startswith(":"), part.endswith(":")


@functools.lru_cache(maxsize=4096)
def visible(cell: str) -> str:
    """What a reader sees of a cell's Markdown: no emphasis marks, spans or escapes. Cached
    (both sizings read every cell)."""
    # Each pattern only where the sign it needs is (an escaped value holds backslashes
    # everywhere: most cells), and the kept group taken in C (`itemgetter`), not through a
    # "\\1" template expanded in Python for every escape.
    if "]{" in cell:
        cell = _SPAN.sub(_GROUP, cell)
    if "*" in cell:
        cell = _EMPHASIS.sub("", cell)
    return _ESCAPE.sub(_GROUP, cell) if "\\" in cell else cell


_GROUP = operator.itemgetter(1)


def unbreakable(text: str) -> list[str]:
    """The pieces of a cell a line never splits: words, cut after the hyphen of a compound
    word (« masseurs-| kinésithérapeutes ») but not inside an address or a link."""
    pieces = []
    for word in text.split(" "):
        if not word:
            continue
        if "@" in word or "://" in word or word.startswith("www.") or "-" not in word:
            pieces.append(word)
        else:
            start = 0
            for hyphen in _COMPOUND_HYPHEN.finditer(word):
                pieces.append(word[start : hyphen.end()])
                start = hyphen.end()
            pieces.append(word[start:])
    return pieces


@functools.lru_cache(maxsize=4096)
def _widest_piece(text: str, bold: bool) -> float:
    """`text_width` of the widest unbreakable piece, computed once for the widest only (the
    same float as the widest of every piece's `text_width`: raising by SAFETY keeps the
    order)."""
    pieces = unbreakable(text)
    if not pieces:
        return 0.0
    if WORD_JOINER in text:
        pieces = [piece.replace(WORD_JOINER, "") for piece in pieces]
    return max(map(font_metrics.width, pieces, itertools.repeat(bold))) * SAFETY


def narrowest(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[float]:
    """Each column's width (em) below which a line would have to split a piece of text."""
    least = [CELL_PADDING_EM] * len(header)
    for row, bold in [(header, True)] + [(row, False) for row in rows]:
        for column, cell in enumerate(row[: len(header)]):
            widest = _widest_piece(visible(cell), bold)
            least[column] = max(least[column], widest + CELL_PADDING_EM)
    return least


def widths(
    header: Sequence[str], rows: Sequence[Sequence[str]], least: Sequence[float] | None = None
) -> list[float]:
    """Relative widths (summing to 1): each column gets at least its longest word, then the
    rest of the page width goes, step by step, where it saves the most lines of table."""
    count = len(header)
    least = list(least) if least is not None else narrowest(header, rows)
    lengths = [
        [text_width(visible(cell), bold) * WRAPPING for cell in row[:count]]
        + [0.0] * (count - len(row))
        for row, bold in [(header, True)] + [(row, False) for row in rows]
    ]
    chosen = list(least)
    room = PAGE_EM - sum(least)
    if room < 0:
        # Still too wide: the columns that hold an address keep their width (a split address
        # reads as a wrong one), the others share what is left.
        kept = [
            any(_ADDRESS.search(row[column]) for row in rows if column < len(row))
            for column in range(count)
        ]
        fixed = sum(width for width, keep in zip(least, kept, strict=True) if keep)
        others = sum(least) - fixed
        if others > 0 and fixed < PAGE_EM:
            scale = (PAGE_EM - fixed) / others
            chosen = [w if keep else w * scale for w, keep in zip(least, kept, strict=True)]
    steps = int(room / STEP_EM)
    # Widths only grow: a row on one line at the narrowest widths stays so, and a row that
    # comes to fit on one line never grows taller again (each step drops those).
    tall: list[Sequence[float]] = [row for row in lengths if _tallest(row, chosen) > 1.0]
    for step in range(max(0, steps)):
        gains, tall = _gains(tall, chosen)
        if max(gains) <= 1e-9:
            # Every row is on one line already: the rest goes by how much text each column
            # holds, so that a short column does not take the page.
            rest = (steps - step) * STEP_EM
            longest = [
                max((row[column] for row in lengths), default=0.0) for column in range(count)
            ]
            total = sum(longest) or 1.0
            chosen = [
                width + rest * text / total for width, text in zip(chosen, longest, strict=True)
            ]
            break
        chosen[gains.index(max(gains))] += STEP_EM
    total_width = sum(chosen) or 1.0
    return [width / total_width for width in chosen]


def _tallest(row: Sequence[float], chosen: Sequence[float]) -> float:
    return max(
        length / max(width - CELL_PADDING_EM, 0.5)
        for length, width in zip(row, chosen, strict=True)
    )


def _gains(
    lengths: Sequence[Sequence[float]], chosen: Sequence[float]
) -> tuple[list[float], list[Sequence[float]]]:
    """Lines of table saved by widening each column one step, and the rows still taller than
    one line. A row is as tall as its tallest cell, counted in fractions of a line (so that a
    column that needs several steps to save a line still counts); only widening that
    tallest cell saves anything.

    Called at every step for every row: the room of each column is worked out once per step
    and the shares divided in C (`map`), with the very same arithmetic as one cell at a
    time, so the widths are the same to the last bit (tests/test_render_speed_paths.py)."""
    gains = [0.0] * len(chosen)
    rooms = [max(width - CELL_PADDING_EM, 0.5) for width in chosen]
    wider_rooms = [max(width + STEP_EM - CELL_PADDING_EM, 0.5) for width in chosen]
    still_tall: list[Sequence[float]] = []
    for row in lengths:
        shares = list(map(operator.truediv, row, rooms))
        tallest = max(shares)
        if tallest <= 1.0:
            continue
        still_tall.append(row)
        column = shares.index(tallest)
        shares[column] = 1.0  # the others, and at least one line
        others = max(shares)
        wider = row[column] / wider_rooms[column]
        gains[column] += tallest - max(others, wider)
    return gains, still_tall


def separator(fractions: Sequence[float], aligns: Sequence[tuple[bool, bool]]) -> str:
    """A separator line longer than pandoc's 72 columns, dashes in proportion to widths."""
    parts = []
    for fraction, (left, right) in zip(fractions, aligns, strict=True):
        dashes = "-" * max(3, round(SEPARATOR_DASHES * fraction))
        parts.append((":" if left else "") + dashes + (":" if right else ""))
    return "|" + "|".join(parts) + "|"


def text_width(text: str, bold: bool = False) -> float:
    """Width in em of the table font, a little more than Calibri's (Carlito's) metrics say:
    a word measured to fit does fit."""
    return font_metrics.width(text.replace(WORD_JOINER, ""), bold) * SAFETY
