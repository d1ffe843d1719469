"""Build templates/reference.docx, the style sheet of every DOCX that `cptsplan render` writes.

Run it again after changing a style here (python-docx is a test dependency, not a runtime one):

    .venv/bin/python tools/build_reference_docx.py

It starts from pandoc's own reference.docx (so every style pandoc uses exists), then sets an A4
page, French language, sober fonts, left-aligned text, numbered-looking headings, bordered tables
with a shaded repeated header row, cover-page styles, and a header and footer holding
placeholders (CPTSPLAN_...) that cptsplan fills after pandoc (version, CPTS name, draft mark).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import docx
import pypandoc
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph

TARGET = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"

FONT = "Calibri"
BLUE = RGBColor(0x1F, 0x3A, 0x5F)
GREY = RGBColor(0x59, 0x59, 0x59)
RED = RGBColor(0xC0, 0x00, 0x00)
HEADER_FILL = "DCE3EC"


def pandoc_reference(folder: Path) -> Path:
    """Pandoc's default reference.docx, from the pandoc bundled with pypandoc_binary."""
    path = folder / "pandoc-reference.docx"
    subprocess.run(
        [
            pypandoc.get_pandoc_path(),
            "-o",
            str(path),
            "--print-default-data-file",
            "reference.docx",
        ],
        check=True,
    )
    return path


def set_font(
    style: BaseStyle,
    size: float | None = None,
    bold: bool | None = None,
    color: RGBColor | None = None,
    italic: bool | None = None,
) -> None:
    font = style.font
    font.name = FONT
    # python-docx only sets ascii/hAnsi; east-Asian and complex-script slots keep theme fonts.
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attribute), FONT)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        rfonts.attrib.pop(qn(attribute), None)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if color is not None:
        font.color.rgb = color


def set_spacing(style: BaseStyle, before: float = 0, after: float = 6, line: float = 1.1) -> None:
    paragraph = style.paragraph_format
    paragraph.space_before = Pt(before)
    paragraph.space_after = Pt(after)
    paragraph.line_spacing = line


def page_setup(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.0)
    section.start_type = WD_SECTION.NEW_PAGE


def french_defaults(document: docx.document.Document) -> None:
    """French spelling and hyphenation language for every run, Calibri 10.5 pt."""
    styles = document.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rpr_default.find(qn("w:lang")).set(qn("w:val"), "fr-FR")
    rfonts = rpr_default.find(qn("w:rFonts"))
    for attribute in list(rfonts.attrib):
        del rfonts.attrib[attribute]
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attribute), FONT)
    for size_tag in ("w:sz", "w:szCs"):
        rpr_default.find(qn(size_tag)).set(qn("w:val"), "21")
    # Pandoc's default spacing (10 pt after every paragraph) makes lists and tables airy.
    ppr_default = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    ppr_default.find(qn("w:spacing")).set(qn("w:after"), "80")


def body_styles(document: docx.document.Document) -> None:
    styles = document.styles
    set_font(styles["Normal"], 10.5)
    for name in ("Body Text", "First Paragraph", "Block Text"):
        set_spacing(styles[name], before=0, after=6)
        styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    set_spacing(styles["Compact"], before=1, after=1, line=1.0)
    styles["Block Text"].paragraph_format.left_indent = Cm(0.8)
    set_font(styles["Block Text"], italic=False, color=GREY)
    set_font(styles["Definition Term"], 10.5, bold=True, color=BLUE)
    styles["Definition"].paragraph_format.left_indent = Cm(0.8)
    set_spacing(styles["Definition"], before=0, after=4)


def heading_styles(document: docx.document.Document) -> None:
    sizes = {1: 17, 2: 13.5, 3: 11.5, 4: 10.5}
    for level, size in sizes.items():
        style = document.styles[f"Heading {level}"]
        set_font(style, size, bold=True, color=BLUE, italic=False)
        before = {1: 0, 2: 16, 3: 12, 4: 10}[level]
        set_spacing(style, before=before, after=6 if level > 1 else 14, line=1.0)
        fmt = style.paragraph_format
        fmt.keep_with_next = True
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
        # Each chapter (Anticiper, Adapter...) and each annex starts on a new page.
        fmt.page_break_before = level == 1
    rule = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "4"), ("w:color", "1F3A5F")):
        bottom.set(qn(key), value)
    rule.append(bottom)
    document.styles["Heading 1"].element.get_or_add_pPr().append(rule)
    toc_heading = document.styles["TOC Heading"]
    set_font(toc_heading, 17, bold=True, color=BLUE)
    toc_heading.paragraph_format.page_break_before = False


BOX_LINE = (("w:val", "single"), ("w:sz", "8"), ("w:space", "6"), ("w:color", "1F3A5F"))


def cover_styles(document: docx.document.Document) -> None:
    styles = document.styles

    def paragraph_style(
        name: str,
        size: float,
        bold: bool,
        color: RGBColor,
        before: float,
        after: float,
        align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    ) -> None:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        set_font(style, size, bold=bold, color=color)
        set_spacing(style, before=before, after=after, line=1.05)
        style.paragraph_format.alignment = align
        style.paragraph_format.keep_with_next = True

    paragraph_style("Couverture CPTS", 15, True, GREY, 96, 24)
    paragraph_style("Couverture Titre", 26, True, BLUE, 24, 30)
    paragraph_style("Couverture Info", 12, False, GREY, 0, 5)
    paragraph_style("Couverture Edition", 12, True, BLUE, 30, 4)
    # The edition's notice in a box, as in the PDF (plan-sse.typ: couverture-edition).
    edition = styles["Couverture Edition"]
    edition.paragraph_format.left_indent = edition.paragraph_format.right_indent = Cm(0.8)
    frame = OxmlElement("w:pBdr")
    for side in ("w:top", "w:left", "w:bottom", "w:right"):
        line = OxmlElement(side)
        for key, value in BOX_LINE:
            line.set(qn(key), value)
        frame.append(line)
    edition.element.get_or_add_pPr().insert_element_before(frame, "w:spacing", "w:ind", "w:jc")
    paragraph_style("Couverture Brouillon", 30, True, RED, 30, 10)
    # The cover's closing line, low on the page and small, as in the PDF (couverture-pied).
    paragraph_style("Couverture Pied", 9, False, GREY, 120, 0)
    paragraph_style("Bandeau Brouillon", 11, True, RED, 0, 8)
    # A label introducing a list or a table (render/keep.py): kept with what it introduces.
    label = styles.add_style("Intertitre", WD_STYLE_TYPE.PARAGRAPH)
    label.base_style = styles["Body Text"]
    set_spacing(label, before=0, after=6)
    label.paragraph_format.keep_with_next = True
    for level in (1, 2):
        style = styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        # Compact: the table of contents of a complete plan (about 50 entries) fits one page.
        set_font(style, 10 if level == 1 else 9.5, bold=level == 1)
        set_spacing(style, before=3 if level == 1 else 0, after=0, line=1.0)
        style.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        # Page numbers at the right margin, after a dotted leader (render: PAGEREF fields).
        section = document.sections[0]
        width = section.page_width - section.left_margin - section.right_margin
        tabs = style.paragraph_format.tab_stops
        tabs.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    for title in ("Title", "Subtitle", "Author", "Date", "Abstract"):
        set_font(styles[title], color=BLUE)


def table_style(document: docx.document.Document) -> None:
    """Thin grey borders, shaded bold header row; pandoc marks that row as repeated."""
    style = document.styles["Table"].element
    tbl_pr = style.find(qn("w:tblPr"))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        for key, value in (
            ("w:val", "single"),
            ("w:sz", "4"),
            ("w:space", "0"),
            ("w:color", "A6A6A6"),
        ):
            element.set(qn(key), value)
        borders.append(element)
    tbl_pr.append(borders)
    margins = tbl_pr.find(qn("w:tblCellMar"))
    # Narrow side margins (4 pt): cptsplan sizes columns on their content with this room
    # (render/tables.py, CELL_PADDING_EM).
    for edge, width in (("top", "40"), ("bottom", "40"), ("left", "80"), ("right", "80")):
        margins.find(qn(f"w:{edge}")).set(qn("w:w"), width)
    first_row = style.find(qn("w:tblStylePr"))
    tc_pr = first_row.find(qn("w:tcPr"))
    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", HEADER_FILL)):
        shading.set(qn(key), value)
    tc_pr.append(shading)
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:b"))
    first_row.insert(0, rpr)
    # Cell paragraphs: pandoc writes them « Compact », render/docx.py turns them into this
    # smaller style (9 pt: render/tables.py measures columns at 9.5 pt, which leaves a margin;
    # at 9.5 pt a one-row table spilled onto a page of its own in the minimal example).
    styles = document.styles
    cell = styles.add_style("Tableau", WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = styles["Compact"]
    set_font(cell, 9)
    set_spacing(cell, before=1, after=1, line=1.0)


def add_field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES) with a cached value that Word recomputes."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    paragraph.add_run(placeholder)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def right_tab(paragraph: Paragraph, document: docx.document.Document) -> None:
    section = document.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    paragraph.paragraph_format.tab_stops.add_tab_stop(width, alignment=2)  # right


def header_footer(document: docx.document.Document) -> None:
    """Placeholders filled per document by cptsplan.files.pandoc (CPTS name, version, draft)."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    styles = document.styles
    for name in ("Header", "Footer"):
        style = (
            styles[name]
            if name in [s.name for s in styles]
            else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        )
        style.base_style = styles["Normal"]
        set_font(style, 8.5, color=GREY)
        set_spacing(style, 0, 0, 1.0)

    header = section.header.paragraphs[0]
    header.style = styles["Header"]
    right_tab(header, document)
    draft = header.add_run("CPTSPLAN_BROUILLON")
    draft.bold, draft.font.color.rgb, draft.font.size = True, RED, Pt(11)
    header.add_run("CPTSPLAN_ENTETE")
    header.add_run("\t")
    header.add_run("CPTSPLAN_EDITION")

    footer = section.footer.paragraphs[0]
    footer.style = styles["Footer"]
    right_tab(footer, document)
    footer.add_run("CPTSPLAN_PIED")
    footer.add_run("\tPage ")
    add_field(footer, "PAGE", "1")
    footer.add_run(" sur ")
    add_field(footer, "NUMPAGES", "1")

    # The cover has no running header or footer, except the draft mark.
    first = section.first_page_header.paragraphs[0]
    first.style = styles["Header"]
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    mark = first.add_run("CPTSPLAN_BROUILLON")
    mark.bold, mark.font.color.rgb, mark.font.size = True, RED, Pt(11)
    section.first_page_footer.paragraphs[0].style = styles["Footer"]


def clear_body(document: docx.document.Document) -> None:
    """Pandoc ignores the sample content; a one-line body keeps the file small and clear."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    paragraph = document.add_paragraph(
        "Document de référence des styles de cptsplan (voir tools/build_reference_docx.py)."
    )
    paragraph.runs[0].add_break(WD_BREAK.LINE)


def build(target: Path = TARGET) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        document = docx.Document(str(pandoc_reference(Path(folder))))
    page_setup(document)
    french_defaults(document)
    body_styles(document)
    heading_styles(document)
    cover_styles(document)
    table_style(document)
    header_footer(document)
    clear_body(document)
    properties = document.core_properties
    properties.title, properties.author, properties.language = "Plan SSE", "cptsplan", "fr-FR"
    properties.comments = "Styles du plan SSE (cptsplan)"
    document.save(str(target))
    return target


if __name__ == "__main__":
    print(f"écrit : {build()}")
