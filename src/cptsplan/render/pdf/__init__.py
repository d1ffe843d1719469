"""The PDF path without pandoc: the templates' Markdown read here, written as Typst markup
into the layout plan-sse.typ, compiled by Typst (cptsplan.files.pandoc.typst_to_pdf).

Pandoc took 0.77 s to turn the complete example's Markdown into Typst markup, more than
Typst's own compile; this package does it in a few hundredths of a second. It reads only
what cptsplan's templates write (blocks.py, inlines.py), and writes every text escaped
(writer.py): plan values stay text here exactly as they do through pandoc for the DOCX.

A hand-written reader rather than markdown-it-py (with mdit-py-plugins for divs, attributes
and spans): markdown-it-py took 0.09 s to import and 0.12 s to parse the complete example
(CommonMark and tables only), this reader 0.03 s; and it reads exactly the few constructs the
templates write, as pandoc reads them (a test compares both block by block), leaving anything
else literal, where a general CommonMark reader would turn more syntax into markup.
"""

from __future__ import annotations

from collections.abc import Mapping

from cptsplan.render.pdf.blocks import Document
from cptsplan.render.pdf.layout import Value, fill
from cptsplan.render.pdf.writer import Writer, layout_functions

__all__ = ["typst_source"]


def typst_source(
    markdown: str, layout: str, values: Mapping[str, Value], where: str, prelude: str = ""
) -> str:
    """The complete Typst source: `layout` (plan-sse.typ's text, read from `where`) filled
    with `values` and with the document converted from `markdown` as its body, after
    `prelude` (Typst code written by cptsplan: the rule that keeps names whole)."""
    body = Writer(Document(markdown), layout_functions(layout)).write()
    return fill(layout, values, prelude + body, where)
