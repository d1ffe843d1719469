"""The render's optimised paths give what the plain ones gave, to the character (issue 20:
"output equality tests for every optimised path"): table widths, the no-break spaces of
dates and phone numbers, the pieces a table cell never splits, the removal of characters XML
forbids and the escaping of printed values.

Each `_reference_...` is the code as it was before (commit 05755a2), kept here only as the
yardstick."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from pathlib import Path

from cptsplan.privacy.safetext import xml_forbidden, xml_text
from cptsplan.render import docx, filters, glossary, nobreak, tables
from cptsplan.render.nobreak import NBSP, WORD_JOINER
from cptsplan.render.tables import CELL_PADDING_EM, PAGE_EM, STEP_EM, WRAPPING

GOLDEN = Path(__file__).parent / "golden" / "rendu"


def _reference_widths(
    header: Sequence[str], rows: Sequence[Sequence[str]], least: Sequence[float]
) -> list[float]:
    count = len(header)
    lengths = [
        [tables.text_width(tables.visible(cell), bold) * WRAPPING for cell in row[:count]]
        + [0.0] * (count - len(row))
        for row, bold in [(header, True)] + [(row, False) for row in rows]
    ]
    chosen = list(least)
    room = PAGE_EM - sum(least)
    if room < 0:
        kept = [
            any(tables._ADDRESS.search(row[column]) for row in rows if column < len(row))
            for column in range(count)
        ]
        fixed = sum(width for width, keep in zip(least, kept, strict=True) if keep)
        others = sum(least) - fixed
        if others > 0 and fixed < PAGE_EM:
            scale = (PAGE_EM - fixed) / others
            chosen = [w if keep else w * scale for w, keep in zip(least, kept, strict=True)]
    steps = int(room / STEP_EM)
    tall = [row for row in lengths if _reference_tallest(row, chosen) > 1.0]
    for step in range(max(0, steps)):
        gains = [0.0] * len(chosen)
        for row in tall:
            shares = [
                length / max(width - CELL_PADDING_EM, 0.5)
                for length, width in zip(row, chosen, strict=True)
            ]
            tallest = max(shares)
            if tallest <= 1.0:
                continue
            column = shares.index(tallest)
            others = max([1.0, *shares[:column], *shares[column + 1 :]])
            wider = row[column] / max(chosen[column] + STEP_EM - CELL_PADDING_EM, 0.5)
            gains[column] += tallest - max(others, wider)
        if max(gains) <= 1e-9:
            rest = (steps - step) * STEP_EM
            longest = [
                max((row[column] for row in lengths), default=0.0) for column in range(count)
            ]
            total = sum(longest) or 1.0
            chosen = [w + rest * t / total for w, t in zip(chosen, longest, strict=True)]
            break
        chosen[gains.index(max(gains))] += STEP_EM
    total_width = sum(chosen) or 1.0
    return [width / total_width for width in chosen]


def _reference_tallest(row: Sequence[float], chosen: Sequence[float]) -> float:
    return max(  # type: ignore[no-any-return]
        length / max(width - CELL_PADDING_EM, 0.5)
        for length, width in zip(row, chosen, strict=True)
    )


WORDS = (
    "cellule", "de", "crise", "médecin", "infirmière", "coordinatrice", "pharmacien", "06",
    "39", "98", "10", "03", "contact@cpts-exemple.fr", "https://www.ars.sante.fr", "30",
    "septembre", "2026", "masseurs-kinésithérapeutes", "T1", "T2", "**urgent**", "\\*", "plan",
    "blanc", "ORSAN", "astreinte", "24", "h/24", "sans", "objet", "à", "compléter",
)  # fmt: skip


def _random_table(generator: random.Random) -> tuple[list[str], list[list[str]]]:
    columns = generator.randint(1, 7)

    def cell(size: int) -> str:
        return " ".join(generator.choice(WORDS) for _ in range(generator.randint(0, size)))

    header = [cell(3) or "Titre" for _ in range(columns)]
    rows = [
        [cell(generator.choice((1, 4, 12, 40))) for _ in range(generator.randint(1, columns))]
        for _ in range(generator.randint(0, 30))
    ]
    return header, rows


def test_random_tables_get_the_same_widths_as_before() -> None:
    for seed in range(300):
        header, rows = _random_table(random.Random(seed))
        least = tables.narrowest(header, rows)
        expected = _reference_widths(header, rows, least)
        assert tables.widths(header, rows, least) == expected, f"table n° {seed}"


def test_every_table_of_the_golden_documents_gets_the_same_widths_as_before() -> None:
    """The bundled examples' tables (directory, actions, exercises...), as rendered."""
    compared = 0
    for path in sorted(GOLDEN.glob("*.md")):
        lines = path.read_text(encoding="utf-8").split("\n")
        for index, line in enumerate(lines[1:], start=1):
            if tables._SEPARATOR.fullmatch(line) and lines[index - 1].startswith("|"):
                end = index + 1
                while end < len(lines) and lines[end].startswith("|"):
                    end += 1
                header = tables.cells(lines[index - 1])
                rows = [tables.cells(row) for row in lines[index + 1 : end]]
                least = tables.narrowest(header, rows)
                assert tables.widths(header, rows, least) == _reference_widths(header, rows, least)
                compared += 1
    assert compared >= 40


def _reference_keep_together(markdown: str) -> str:
    markdown = nobreak._DATE.sub(lambda match: NBSP.join(match.groups()), markdown)
    markdown = nobreak._ROUND_THE_CLOCK.sub(
        lambda m: f"{m[1]}{NBSP}{m[2]}{m[3]}{WORD_JOINER}{m[4]}", markdown
    )
    kept: str = nobreak._PHONE.sub(lambda match: match.group(0).replace(" ", NBSP), markdown)
    return kept


def _reference_cells(line: str) -> list[str]:
    inner = line.strip().removeprefix("|")
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    parts = tables._UNESCAPED_PIPE.split(inner)
    return [
        (parts[position] + (parts[position + 1] if position + 1 < len(parts) else "")).strip()
        for position in range(0, len(parts), 2)
    ]


def _reference_visible(cell: str) -> str:
    if "\\" not in cell and "*" not in cell and "[" not in cell:
        return cell
    cell = tables._SPAN.sub(r"\1", cell)
    cell = tables._EMPHASIS.sub("", cell)
    seen: str = tables._ESCAPE.sub(r"\1", cell)
    return seen


_AFTER_HYPHEN = re.compile(r"(?<=[^\W\d_]-)(?=[^\W\d_])")


def _reference_unbreakable(text: str) -> list[str]:
    pieces = []
    for word in text.split(" "):
        if not word:
            continue
        if "@" in word or "://" in word or word.startswith("www.") or "-" not in word:
            pieces.append(word)
        else:
            pieces.extend(_AFTER_HYPHEN.split(word))
    return pieces


_REFERENCE_ACRONYMS = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(a) for a in sorted(glossary.ACRONYMS, key=len, reverse=True))
    + r")(?!\w)"
)


def _reference_escape_inline(value: object) -> str:
    text = filters._WHITESPACE.sub(" ", xml_forbidden().sub("", str(value)))
    text = text.replace("'", "\u2019")
    punctuation = re.compile(r"""[!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]""")
    return punctuation.sub(lambda match: "\\" + match.group(0), text)


# Digits, dates, phone numbers, hyphens, escapes, controls, astral characters and the
# non-characters XML forbids, line ends: what the fast paths treat apart.
PIECES = (
    "0", "1", "12", "2026", "1er", " ", " ", "\n", "\n\n", "janvier", "septembre", "h", "j",
    "/", "\\/", "24", "7", "06", "39", "98", "10", "03", "\\+33", "\\.", "\\-", "\\(0\\)",
    "-", "a", "é", "Marc-", "Élise", "x-2", "_", "@", "://", "www.", "«", "»", "'", "*", "|",
    "\x00", "\x0b", "\x1f", "\x7f", "\x85", "\x9f", "\ud800", "\ufdd0", "\ufffe", "\uffff",
    "\x0c", "\u2028", "\u2029", "  ",
    "\U0001fffe", "\U0010ffff", "\U0001f600", "\u2060", "\t", "\r", "\u00b2", "\u0663",
    "30 septembre 2026", "1er mai 2025", "3 juin 1999", "06 39 98 10 03", "0639981003",
    "03\\.20\\.00\\.00\\.00", "\\+33 6 39 98 10 03", "\\+33 \\(0\\) 6 39 98 10 03",
    "24 h/24", "7 j\\/7", "24h/24",
    "\\|", "\\\\|", "| ", " |", "[", "]", "]{.smallcaps}", "{", "}", "**", "\\[", "\\]",
    "\\\\", "\\*",
    "ARS", "ARS DD", "DGS-Urgent", "MSSanté", "SI-VIC", "SAMU", "CPTS", "x", "3", "É", "ORSAN",
)  # fmt: skip


def _random_text(seed: int, size: int = 60) -> str:
    generator = random.Random(seed)
    return "".join(generator.choice(PIECES) for _ in range(generator.randint(0, size)))


def test_random_texts_get_the_same_no_break_spaces_pieces_and_escapes() -> None:
    for seed in range(400):
        text = _random_text(seed)
        assert nobreak.keep_together(text) == _reference_keep_together(text), seed
        assert tables.unbreakable(text) == _reference_unbreakable(text), seed
        assert tables.visible(text) == _reference_visible(text), seed
        for line in text.split("\n"):
            assert tables.cells(line) == _reference_cells(line), seed
        assert xml_text(text) == xml_forbidden().sub("", text), seed
        assert filters.escape_inline(text) == _reference_escape_inline(text), seed
        assert list(glossary._acronyms(text)) == _REFERENCE_ACRONYMS.findall(text), seed


def test_the_golden_documents_get_the_same_no_break_spaces() -> None:
    for path in sorted(GOLDEN.glob("*.md")):
        text = path.read_text(encoding="utf-8").replace(NBSP, " ").replace(WORD_JOINER, "")
        assert nobreak.keep_together(text) == _reference_keep_together(text), path.name
        assert xml_text(text) == xml_forbidden().sub("", text)
        assert list(glossary._acronyms(text)) == _REFERENCE_ACRONYMS.findall(text)


_REFERENCE_TABLE = re.compile(r"<w:tbl>.*?</w:tbl>", re.DOTALL)


def _reference_layout_tables(xml: str, table_style: bool) -> str:
    def row(match: re.Match[str]) -> str:
        return "<w:tr><w:trPr><w:cantSplit/>" + ("" if match.group(1) else "</w:trPr>")

    def table(match: re.Match[str]) -> str:
        text = docx._ROW.sub(row, match.group(0))
        if table_style:
            text = text.replace(docx._COMPACT, f'<w:pStyle w:val="{docx.TABLE_STYLE}" />')
        return text + docx.AFTER_TABLE

    laid_out: str = _REFERENCE_TABLE.sub(table, xml)
    return laid_out


XML_PIECES = (
    "<w:tbl>", "</w:tbl>", "<w:tr>", "<w:trPr>", "</w:trPr>", "<w:tc>", "</w:tc>", "<w:p>",
    "texte", "\n", docx._COMPACT, "<w:tbl", "</w:tb", "<w:tblPr/>", "é",
)  # fmt: skip


def test_docx_tables_are_laid_out_as_before() -> None:
    """Random sequences of a DOCX body's tags (tables, unclosed ones, rows), both styles."""
    for seed in range(400):
        generator = random.Random(seed)
        xml = "".join(generator.choice(XML_PIECES) for _ in range(generator.randint(0, 40)))
        for style in (False, True):
            assert docx.layout_tables(xml, style) == _reference_layout_tables(xml, style), seed


# The typography of `convert` (render/nobreak.py), as it was before its patterns started on
# the character they replace (7 December 2026): each started with a lookbehind.
_REFERENCE_BEFORE_PUNCTUATION = re.compile(r"(?<=[^\s|]) (\\?[:;!?])(?=\s|$)", re.MULTILINE)
_REFERENCE_BEFORE_CLOSING = re.compile(r"(?<=\S) »")
_REFERENCE_FIRST_OF_MONTH = re.compile(
    rf"(?<![\w^])1er(?={NBSP}(?:{'|'.join(nobreak.MONTHS_FR)})\b)"
)
_REFERENCE_BOX_JOINER = re.compile(rf"(?<!/){WORD_JOINER}")


def _reference_typography(markdown: str) -> tuple[str, str, str]:
    """(french_spacing, raised_ordinals, without_box_joiners) of `markdown`, as before."""
    spaced = markdown
    if "«" in spaced:
        spaced = _REFERENCE_BEFORE_CLOSING.sub(NBSP + "»", spaced.replace("« ", "«" + NBSP))
    spaced = _REFERENCE_BEFORE_PUNCTUATION.sub(lambda match: NBSP + match[1], spaced)
    raised = _REFERENCE_FIRST_OF_MONTH.sub("1^er^", markdown)
    return spaced, raised, _REFERENCE_BOX_JOINER.sub("", markdown)


TYPOGRAPHY_PIECES = (
    " :", " ;", " !", " ?", " \\:", " \\!", ":", "?", "| :", "|", ":::", "« ", " »", "«", "»",
    "1er", "1er" + NBSP + "mai", "11er" + NBSP + "juin", "^1er" + NBSP + "mai", NBSP, "mai",
    "décembre", "_1er", WORD_JOINER, "/" + WORD_JOINER, "/", "\n", " ", "\t", "a", "é", "x1",
    "](figure-1.png)", "data:image/png;base64,QUJD1er+/=",
)  # fmt: skip


def test_random_texts_get_the_same_typography() -> None:
    """French spacing, raised « 1er » and the joiners left out: the same as the patterns
    that started with a lookbehind, on random texts and on the golden documents."""
    texts = [
        "".join(generator.choice(TYPOGRAPHY_PIECES) for _ in range(generator.randint(0, 40)))
        for generator in map(random.Random, range(600))
    ]
    texts += [_random_text(seed) for seed in range(200)]
    texts += [path.read_text(encoding="utf-8") for path in sorted(GOLDEN.glob("*.md"))]
    for number, text in enumerate(texts):
        spaced, raised, unjoined = _reference_typography(text)
        assert nobreak.french_spacing(text) == spaced, number
        assert nobreak.raised_ordinals(text) == raised, number
        assert nobreak.without_box_joiners(text) == unjoined, number


def test_lines_without_a_hint_are_left_as_the_whole_patterns_leave_them() -> None:
    """keep_together skips a line where the hint of a date, a phone number or « 24 h/24 » is
    missing: on lines built to hold (nearly) those, the same text as the whole patterns."""
    pieces = (
        "06", "39", " ", "\\.", "\\-", "\\+33", "0", "1er", "12", "septembre", "mai", "2026",
        "h", "j", "/", "\\/", "24", "7", "r", "a", "\n", NBSP, "1er mai 2026",
        "12 septembre 2026", "06\\.39\\.98\\.10\\.03", "06\\-39\\-98\\-10\\-03",
        "\\+33 6 39 98 10 03", "0639981003", "24 h/24", "7 j\\/7", "24h/24", "1er décembre",
    )  # fmt: skip
    for seed in range(1500):
        generator = random.Random(seed)
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 30)))
        assert nobreak.keep_together(text) == _reference_keep_together(text), seed
