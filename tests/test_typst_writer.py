"""The PDF's own Markdown-to-Typst conversion (render/pdf): what the templates write is read as
pandoc reads it, and plan text, however hostile to Typst, is printed as it was typed."""

from __future__ import annotations

import io
import json
import subprocess
from datetime import date

import pypdf
import pytest

from cptsplan import api
from cptsplan.errors import ConfigurationError
from cptsplan.files import pandoc
from cptsplan.render.document import plan_markdown
from cptsplan.render.figures import load_figures
from cptsplan.render.filters import escape_inline, paragraphs, table
from cptsplan.render.pdf import typst_source
from cptsplan.render.pdf.blocks import Document
from cptsplan.render.pdf.layout import fill
from cptsplan.render.pdf.writer import escape, string
from cptsplan.render.resources import bundled_dir, template_dirs

from .conftest import EXAMPLES
from .test_render_support import normalized, unbreak

LAYOUT = (bundled_dir() / "plan-sse.typ").read_text(encoding="utf-8")
VALUES = {"title": "Titre", "cptsplan-entete": "En-tête", "cptsplan-edition": "Édition",
          "cptsplan-pied": "Pied", "brouillon": False}  # fmt: skip

# Typst syntax a coordinator could paste by mistake (or someone could slip into a plan).
TYPST_ATTEMPTS = [
    '#read("/etc/passwd")',
    '#import "/etc/hostname": *',
    '#include "plan.typ"',
    "```typ #set page(fill: red)```",
    "`raw`",
    "<etiquette> @etiquette",
    "$x^2 + sqrt(y)$",
    "// commentaire /* bloc */",
    "= Titre de niveau 1",
    "- puce + liste / terme: définition",
    "\\u{41} \\ ~ *gras* _italique_",
    "#{ panic() } #box[ ] #[",
    'https://exemple.fr/a?b=c#d "guillemets"',
    "] ) } #set text(size: 40pt)",
]


def pdf_text(source: str) -> tuple[str, pypdf.PdfReader]:
    reader = pypdf.PdfReader(io.BytesIO(pandoc.typst_to_pdf(source)))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def compiled(markdown: str) -> tuple[str, pypdf.PdfReader]:
    return pdf_text(typst_source(markdown, LAYOUT, VALUES, "plan-sse.typ"))


def test_typst_syntax_in_plan_text_is_printed_as_typed() -> None:
    # Everywhere a value can be printed: paragraph, heading, list, table, cover part.
    blocks = []
    for attempt in TYPST_ATTEMPTS:
        value = escape_inline(attempt)
        blocks += [
            f"## {value}",
            str(paragraphs(attempt)),
            f"- {value}",
            str(table(["Colonne", "Valeur"], [[attempt, attempt]], [1, 3])),
            f"::: {{.couverture-info}}\n{value}\n:::",
        ]
    text, reader = compiled("\n\n".join(blocks))
    flat = normalized(unbreak(text)).replace(" ", "")
    for attempt in TYPST_ATTEMPTS:
        shown = normalized(attempt.replace("'", "\u2019")).replace(" ", "")
        assert flat.count(shown) >= 6, attempt
    assert "root:" not in text  # /etc/passwd was not read
    assert {round(float(page.mediabox.width)) for page in reader.pages} == {595}  # A4 kept


def test_escape_and_string_cover_every_special_character() -> None:
    specials = "#$*_`<>@[]\\/~=-+.'\":"
    assert escape(specials) == "".join("\\" + char for char in specials)
    assert string('a"b\\c\nd') == '"a\\"b\\\\c\\nd"'


def test_the_parser_reads_the_templates_markdown_as_pandoc_does() -> None:
    # The PDF and the DOCX must show the same document: same blocks, same text, same ids.
    example = EXAMPLES / "cpts-du-val-de-lys"
    report = api.load_checked_plan(example, today=date(2026, 11, 1))
    assert report.plan is not None
    markdown = plan_markdown(
        report.plan, "interne", True, template_dirs(example, None), report.grid,
        load_figures(report.plan),
    )  # fmt: skip
    completed = subprocess.run(
        [str(pandoc.pandoc_binary()), "--sandbox", f"--from={pandoc.READER}", "--to=json"],
        input=markdown.encode(), capture_output=True, check=True,
    )  # fmt: skip
    expected = [_pandoc_summary(block) for block in json.loads(completed.stdout)["blocks"]]
    assert [_summary(block) for block in Document(markdown).blocks] == expected


def _pandoc_text(inlines: list[dict]) -> str:
    parts = []
    for node in inlines:
        kind, content = node["t"], node.get("c")
        if kind == "Str":
            parts.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif kind in ("Strong", "Emph", "Strikeout", "Superscript", "Subscript"):
            parts.append(_pandoc_text(content))
        elif kind == "Code":
            parts.append(content[1])
        elif kind == "Note":
            continue  # stringify leaves notes out, as plain_text does
        elif kind in ("Span", "Link", "Image"):
            parts.append(_pandoc_text(content[1]))
        else:
            parts.append(f"<{kind}>")
    return "".join(parts)


def _pandoc_summary(block: dict) -> tuple:
    kind, content = block["t"], block.get("c")
    if kind in ("Para", "Plain"):
        return ("p", _pandoc_text(content))
    if kind == "Header":
        return ("h", content[0], content[1][0], _pandoc_text(content[2]))
    if kind in ("BulletList", "OrderedList"):
        items = content if kind == "BulletList" else content[1]
        return ("list", [[_pandoc_summary(b) for b in item] for item in items])
    if kind == "BlockQuote":
        return ("quote", [_pandoc_summary(b) for b in content])
    if kind == "CodeBlock":
        return ("code", content[1])
    if kind == "HorizontalRule":
        return ("rule",)
    if kind == "DefinitionList":
        return ("terms", [_pandoc_text(term) for term, _ in content])
    if kind == "Div":
        return ("div", content[0][1], [_pandoc_summary(b) for b in content[1]])
    if kind == "Table":
        widths = [round(w[1]["c"], 3) if w[1]["t"] == "ColWidth" else None for w in content[2]]
        rows = [row for body in content[4] for row in body[3]]
        cells = [[" ".join(_pandoc_text(b["c"]) for b in cell[4]) for cell in row[1]]
                 for row in rows]  # fmt: skip
        return ("table", widths, cells)
    return (kind,)


def _summary(block: object) -> tuple:
    from cptsplan.render.pdf import blocks
    from cptsplan.render.pdf.inlines import plain_text

    if isinstance(block, blocks.Paragraph):
        return ("p", plain_text(block.content))
    if isinstance(block, blocks.Heading):
        return ("h", block.level, block.identifier, plain_text(block.content))
    if isinstance(block, blocks.ListBlock):
        return ("list", [[_summary(b) for b in item] for item in block.items])
    if isinstance(block, blocks.Terms):
        return ("terms", [plain_text(term) for term, _ in block.items])
    if isinstance(block, blocks.Div):
        return ("div", block.attributes.classes, [_summary(b) for b in block.blocks])
    if isinstance(block, blocks.Quote):
        return ("quote", [_summary(b) for b in block.blocks])
    if isinstance(block, blocks.CodeBlock):
        return ("code", block.text)
    if isinstance(block, blocks.Rule):
        return ("rule",)
    assert isinstance(block, blocks.Table)
    widths = [round(w, 3) for w in block.widths] if block.widths else [None] * len(block.header)
    return ("table", widths, [[plain_text(cell) for cell in row] for row in block.rows])


def test_a_link_to_a_section_gives_its_title_and_its_page() -> None:
    # The conformity grid's « Où dans le plan » column: `[§ 2.3 Titre](#id){.renvoi}`.
    markdown = (
        "# Premier chapitre\n\n[§ 2.1 Partie visée](#partie-visee){.renvoi}\n\n"
        "# Deuxième chapitre\n\n## Partie visée {#partie-visee}\n\nTexte.\n\n"
        "[Lien vers rien](#absente) et [site](https://exemple.fr)\n"
    )
    text, reader = compiled(markdown)
    pages = [page.extract_text() for page in reader.pages]
    heading_page = next(i for i, page in enumerate(pages, 1) if "Texte." in page)
    assert heading_page == 2  # level-1 headings start a page
    assert "§ 2.1 Partie visée, p. 2" in normalized(pages[0])
    links = [annotation.get_object() for annotation in reader.pages[0].get("/Annots", [])]
    assert any("/Dest" in link or "/A" in link for link in links)
    assert "Lien vers rien" in text  # a link to a missing section: its text, no error


def test_headings_tables_and_lists_keep_their_structure() -> None:
    markdown = (
        "## Non numéroté {.unnumbered .unlisted}\n\nUn *mot* en **gras** et ***les deux***, "
        "une apostrophe d'usage, un tiret -- et des points...\\\nLigne suivante.\n\n"
        "3. troisième\n4. quatrième\n\nTerme\n:   Sa définition\n\n"
        "Mot ~~supprimé~~ **ajouté**, \\~\\~ tildes\\~\\~ écrits.\n"
    )
    source = typst_source(markdown, LAYOUT, VALUES, "plan-sse.typ")
    assert "#heading(level: 2, numbering: none, outlined: false)" in source
    assert "#emph[mot]" in source and "#strong[gras]" in source
    assert "#strong[#emph[les deux]]" in source or "#emph[#strong[les deux]]" in source
    assert "3. troisième" in source and "#linebreak()" in source
    assert "#strike[supprimé]" in source and "\\~\\~ tildes\\~\\~" in source
    text, _ = compiled(markdown)
    assert "apostrophe d\u2019usage" in text and "tiret \u2013 et des points\u2026" in text
    assert "Terme" in text and "Sa définition" in text


def test_layout_variables_are_escaped_and_the_syntax_is_checked() -> None:
    layout = "$if(brouillon)$B$else$N$endif$ [$title$] $for(liste)$<$liste$>$sep$,$endfor$ $$\n"
    filled = fill(layout, {"title": '#read("x")', "liste": ["a", "b"]}, "", "l.typ")
    assert filled == 'N [\\#read\\(\\"x\\"\\)] <a>,<b> $\n'
    assert fill("$body$", {}, "#corps", "l.typ") == "#corps"
    with pytest.raises(ConfigurationError, match=r"ligne 2"):
        fill("ok\n$titre/uppercase$\n", {}, "", "l.typ")
    with pytest.raises(ConfigurationError):
        fill("$if(x)$ jamais fermé", {}, "", "l.typ")


def test_e_mails_and_addresses_are_cut_only_after_at_sign_dot_or_slash() -> None:
    cell = "coordination@cpts-valdelys.example https://www.ars.example/guide"
    markdown = str(table(["Courriel", "Autre colonne très large"], [[cell, "autre"]], [1, 9]))
    text, _ = compiled(markdown)
    lines = [line.strip() for line in text.split("\n")]
    joined = "".join(lines)
    assert "coordination@cpts-valdelys.example" in joined
    assert "https://www.ars.example/guide" in joined
    pieces = [line for line in lines if line and line in "".join(cell.split())]
    assert len(pieces) >= 3  # the narrow column did break the addresses over lines...
    assert not [line for line in lines if line.endswith(("-", "\xad"))]  # ...never with "-"
    assert all(line.endswith(("@", ".", "/")) for line in pieces[:-1])
