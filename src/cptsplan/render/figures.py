"""Figures in the documents: the checked image bytes, their Markdown, and how each format
gets them.

Templates only ever name an image by a resource name that this module makes up
(`figure-1.png`), never by the plan's path. The bytes are those read and checked by
`cptsplan.load.figures` (inside the plan's folder, really PNG or JPEG, size capped), read once per
render. Pandoc runs with `--sandbox` and cannot read any file, so DOCX and HTML get each image
as a `data:` URI written into the Markdown it reads (pandoc decodes it without any file
access; the HTML page stays one self-contained file). Typst reads files relative to its
private root folder: the PDF's Typst source keeps the resource names, and the bytes are
written into that folder just before compiling. The internal edition's Markdown keeps the
plan's own relative path, so that the file reads well next to the plan; an edition meant to
be shared embeds the image, stripped of its metadata, like DOCX and HTML.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote

from cptsplan.load.figures import FigureImage, FigureRefused, plan_folder, read_figure
from cptsplan.messages.vocabulary import FIGURE_SECTIONS
from cptsplan.model import Plan
from cptsplan.privacy.image_metadata import without_metadata
from cptsplan.render.filters import Markdown, md

WIDTH = "80%"
"""Of the text width: a map stays legible, a portrait poster still fits an A4 page."""


@dataclass(frozen=True)
class PlacedFigure:
    index: int
    """Position in the plan's `figures` list."""
    number: int
    """'Figure 3' in the document: numbered in the order of the document's parts."""
    image: FigureImage | None
    refusal: str | None

    @property
    def resource(self) -> str:
        extension = self.image.extension if self.image else "png"
        return f"figure-{self.number}.{extension}"


@dataclass(frozen=True)
class Figures:
    placed: list[PlacedFigure]
    paths: dict[str, str]
    """Resource name -> the plan's own relative path (for the Markdown output)."""

    @property
    def images(self) -> dict[str, FigureImage]:
        return {item.resource: item.image for item in self.placed if item.image is not None}


def load_figures(plan: Plan) -> Figures:
    """Read every figure of the plan once. A refused file is not an exception here: the rule
    `figure-invalide` blocks the render, and a draft shows the caption and the reason."""
    entries = plan.data.get("figures") or []
    order = list(FIGURE_SECTIONS)
    ranked = sorted(
        range(len(entries)),
        key=lambda i: (order.index(s) if (s := entries[i].get("section")) in order else 99, i),
    )
    folder = plan_folder(plan.source.root)
    placed, paths = [], {}
    for number, index in enumerate(ranked, start=1):
        name = entries[index].get("fichier")
        image, refusal = None, None
        if name is None and entries[index].get("consultable"):
            pass  # declared without its image: the document says where to find it
        elif isinstance(name, str):
            try:
                image = read_figure(folder, name)
            except FigureRefused as error:
                refusal = error.message
        else:
            refusal = "image à fournir"
        item = PlacedFigure(index, number, image, refusal)
        placed.append(item)
        if image is not None:
            paths[item.resource] = _link_name(name)
    return Figures(sorted(placed, key=lambda item: item.index), paths)


def figure_blocks(figures: Figures, data: Mapping[str, Any], section: str) -> Markdown:
    """The Markdown of the figures shown in `section` (edition data: captions redacted)."""
    entries = data.get("figures") or []
    blocks = []
    for item in sorted(figures.placed, key=lambda placed: placed.number):
        entry = entries[item.index]
        if entry.get("section") != section:
            continue
        caption = md(f"Figure {item.number} : {entry['legende']}")
        if entry.get("source"):
            caption = Markdown(f"{caption} {md('(source : ' + str(entry['source']) + ')')}")
        where = entry.get("consultable")
        if item.image is None and item.refusal is None:
            blocks.append(
                f"{caption} {md('[image non jointe ; à consulter : ' + str(where) + ']')}"
            )
            continue
        if item.image is None:
            blocks.append(f"{caption} {md('[image non affichée : ' + str(item.refusal) + ']')}")
            continue
        if where:
            caption = Markdown(f"{caption} {md('(aussi consultable : ' + str(where) + ')')}")
        alternative = md(entry.get("texte_alternatif") or entry["legende"])
        blocks.append(
            f"::: {{#figure-{entry['id']} .figure}}\n"
            f"![{alternative}]({item.resource}){{width={WIDTH}}}\n\n{caption}\n:::"
        )
    return Markdown("\n\n".join(blocks))


def _link_name(name: object) -> str:
    """The file name a Markdown link uses: `images\\carte.png` (typed on Windows) is read,
    and linked, as images/carte.png on every system."""
    return str(name).replace("\\", "/")


def named_as_printed(figures: Figures, data: Mapping[str, Any]) -> Figures:
    """`figures` linked by a file name only where the edition's data still writes that name:
    a name that holds a contact (« dr-roux-0639980015.png ») was redacted out of the
    diffusable edition's data, and its image is embedded in the Markdown instead."""
    printed = {_link_name(entry.get("fichier")) for entry in data.get("figures") or []}
    paths = {resource: path for resource, path in figures.paths.items() if path in printed}
    return Figures(figures.placed, paths)


def without_image_metadata(figures: Figures) -> Figures:
    """`figures` whose images carry no author, comment, EXIF or XMP (the diffusable
    edition's: privacy/image_metadata.py); DOCX and HTML embed an image's bytes as they are.
    The Markdown embeds them too, instead of linking the plan's own file: that file keeps
    its metadata, and a Markdown shared without the plan's folder would show no image."""
    placed = [
        replace(item, image=_stripped(item.image)) if item.image is not None else item
        for item in figures.placed
    ]
    return Figures(placed, {})


def refusals_scrubbed(figures: Figures, scrub: Callable[[str], str]) -> Figures:
    """`figures` whose reasons for not being shown (a draft prints « image introuvable :
    « figures/appeler-jean.roux@cpts-lys.fr.png » ») are passed through `scrub`, the diffusable
    edition's (redact.ContactFinder): the reason names the plan's own file, which the
    redaction of the data never saw."""
    placed = [
        replace(item, refusal=scrub(item.refusal)) if item.refusal is not None else item
        for item in figures.placed
    ]
    return Figures(placed, figures.paths)


def _stripped(image: FigureImage) -> FigureImage:
    return FigureImage(without_metadata(image.data, image.kind), image.kind)


def with_sources(markdown: str, figures: Figures, fmt: str) -> str:
    """The Markdown that pandoc reads for `fmt`: resource names replaced by data URIs
    (DOCX, HTML) or by the plan's relative paths (Markdown); Typst keeps the names."""
    if fmt == "pdf":
        return markdown
    for resource, image in figures.images.items():
        if fmt == "md" and resource in figures.paths:
            target = quote(figures.paths[resource], safe="/")
        else:
            target = f"data:{image.mime};base64,{base64.b64encode(image.data).decode('ascii')}"
        # Only template markup has an unescaped "](": plan text has every bracket escaped.
        markdown = markdown.replace(f"]({resource})", f"]({target})")
    return markdown


def typst_files(figures: Figures) -> dict[str, bytes]:
    return {resource: image.data for resource, image in figures.images.items()}
