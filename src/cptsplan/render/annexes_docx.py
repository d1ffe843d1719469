"""The DOCX side of the printable annexes (annexes.py): the reference document adapted for
print, and the fiches réflexes fitted to one page each.

- The plan's reference document keeps its first page free of running header and footer (the
  cover); an annex has no cover, so its first page gets them too (the CPTS, the version and
  date of the plan, the privacy notice of the directory).
- The fiches are printed in large type: every type size of the styles is multiplied by the
  largest factor (up to 1.35, 10.5 pt -> 14 pt) with which the longest fiche still fits on
  one page, as estimated from its text; a fiche too long even at the plan's size says
  « suite au verso » under its title (hidden in the PDF, where Typst fits each fiche itself).
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from dataclasses import dataclass

from cptsplan.render.resources import TemplateDirs, TemplateFile

SCALES = (1.35, 1.25, 1.15, 1.0)
CHARS_PER_LINE = 102
"""Characters of a 10.5 pt Calibri line across the A4 text width of the fiches (margins of
1.5 cm: a sheet to pin up needs no binding margin)."""
LINES_PER_PAGE = 55
"""10.5 pt lines on an A4 page of the fiches, spacing between paragraphs counted (measured
in LibreOffice on the complete example)."""
FICHE_MARGINS = '<w:pgMar w:left="850" w:right="850" w:top="1134" w:bottom="1021" '
"""Twips: 1.5 cm left and right, 2 cm top, 1.8 cm bottom (header and footer included)."""
FICHE = "::: {.annexe-fiche}\n"
SUITE = (
    '::: {.annexe-suite custom-style="Bandeau Brouillon"}\n'
    "Fiche recto verso : suite au verso.\n:::\n\n"
)
_SIZE = re.compile(r'(<w:sz(?:Cs)? w:val=")(\d+)(")')
_STYLE = re.compile(r"<w:style\b.*?</w:style>|<w:docDefaults>.*?</w:docDefaults>", re.DOTALL)
_KEPT_STYLES = ('w:styleId="header"', 'w:styleId="footer"', 'w:styleId="Compact"')
"""Not scaled: the running texts, and table cells (pandoc's « Compact » paragraphs), so
that the contacts' coordinates keep their columns; the steps are a loose list, in body
text, and are scaled."""
_TABLE_ROW = re.compile(r"^\|(.*)\|$")


def lines(block: str, scale: float) -> float:
    """Printed lines of one Markdown fiche, in lines of the plan's size, when its text is
    printed `scale` times larger (table cells are not scaled; headings count double)."""
    per_line = CHARS_PER_LINE / scale
    total = 0.0
    for line in block.splitlines():
        text = line.strip()
        if not text or text.startswith((":::", "|:")):
            continue
        row = _TABLE_ROW.match(text)
        if row:
            # Contacts: a 55 / 45 table, at the plan's size.
            cells = [cell.strip() for cell in row.group(1).split(" | ")]
            widths = (0.52, 0.42) if len(cells) == 2 else (0.9 / max(len(cells), 1),) * 9
            wrapped = (
                math.ceil(len(cell) / (CHARS_PER_LINE * width))
                for cell, width in zip(cells, widths, strict=False)
            )
            total += max(wrapped) + 0.3
        elif text.startswith("#"):
            total += 2.2 * scale
        else:
            total += (math.ceil(len(text) / per_line) + 0.35) * scale
    return total


def fit_fiches(markdown: str) -> tuple[str, float]:
    """(the Markdown with « suite au verso » where needed, the type scale of the DOCX)."""
    head, *fiches = markdown.split(FICHE)
    if not fiches:
        return markdown, SCALES[0]

    # Large type for all but a few: one fiche in eight may turn recto verso for the others
    # to be printed larger; a fiche too long even at the plan's size does not count.
    def overflowing(scale: float) -> int:
        return sum(lines(fiche, scale) > LINES_PER_PAGE for fiche in fiches)

    allowed = overflowing(SCALES[-1]) + len(fiches) // 8
    scale = next((s for s in SCALES if overflowing(s) <= allowed), SCALES[-1])
    fitted = []
    for fiche in fiches:
        if lines(fiche, scale) > LINES_PER_PAGE:
            title, _, rest = fiche.partition("\n\n")
            fiche = f"{title}\n\n{SUITE}{rest}"
        fitted.append(fiche)
    return FICHE.join([head, *fitted]), scale


def scaled_styles(styles: str, factor: float) -> str:
    """Every type size of the style part times `factor`, running header and footer kept."""

    def scale_sizes(match: re.Match[str]) -> str:
        block = match.group(0)
        if factor == 1.0 or any(name in block for name in _KEPT_STYLES):
            return block
        return _SIZE.sub(
            lambda size: f"{size.group(1)}{round(int(size.group(2)) * factor)}{size.group(3)}",
            block,
        )

    return _STYLE.sub(scale_sizes, styles)


def print_reference(document: bytes, factor: float, fiches: bool) -> bytes:
    """The reference DOCX for an annex: sizes scaled, running texts on the first page too,
    narrower margins for the fiches. A part that is not UTF-8 (a custom reference
    document) is left as it is."""
    source = zipfile.ZipFile(io.BytesIO(document))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info)
            try:
                if info.filename == "word/styles.xml":
                    data = scaled_styles(data.decode("utf-8"), factor).encode("utf-8")
                elif info.filename == "word/document.xml":
                    body = re.sub(r"<w:titlePg(?: w:val=\"[^\"]*\")?/>", "", data.decode("utf-8"))
                    if fiches:
                        body = re.sub(
                            r'<w:pgMar (?:w:(?:left|right|top|bottom)="\d+" )+', FICHE_MARGINS, body
                        )
                    data = body.encode("utf-8")
            except UnicodeDecodeError:
                pass
            archive.writestr(info, data)
    return target.getvalue()


@dataclass(frozen=True)
class PrintDirs(TemplateDirs):
    """The plan's template folders, with the reference DOCX adapted for print."""

    factor: float = 1.0
    fiches: bool = False

    def get(self, name: str) -> TemplateFile:
        found = super().get(name)
        if name != "reference.docx":
            return found
        data = print_reference(found.data, self.factor, self.fiches)
        return TemplateFile(found.name, found.path, data, found.custom, found.mtime_ns)


def print_dirs(dirs: TemplateDirs, factor: float, fiches: bool) -> TemplateDirs:
    return PrintDirs(dirs.custom, factor=factor, fiches=fiches)
