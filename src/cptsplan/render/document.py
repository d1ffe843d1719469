"""From a checked plan to documents: templates -> Markdown -> pandoc (DOCX, HTML, Markdown)
or render/pdf -> Typst (PDF) -> files.

Every requested document is produced in memory first; files are written (output.py: all or
none, never onto an input or a non-regular file) only when all of them succeeded, so a failure
leaves every previous output untouched.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cptsplan.errors import RenderingError, UsageError
from cptsplan.files import pandoc, processes
from cptsplan.files.output import check_folder_inside, check_targets, write_all
from cptsplan.load.figures import plan_folder
from cptsplan.model import Plan
from cptsplan.render import annexes, custom
from cptsplan.render.context import EDITIONS, build_context, for_edition
from cptsplan.render.environment import build_environment, render_template
from cptsplan.render.figures import (
    Figures,
    load_figures,
    named_as_printed,
    refusals_scrubbed,
    typst_files,
    with_sources,
    without_image_metadata,
)
from cptsplan.render.filters import md, version_line
from cptsplan.render.glossary import glossary
from cptsplan.render.imported import imported_annex
from cptsplan.render.keep import keep_labels_with_next
from cptsplan.render.naming import EXTENSIONS, default_stem, output_paths
from cptsplan.render.nobreak import (
    french_spacing,
    keep_together,
    raised_ordinals,
    without_box_joiners,
)
from cptsplan.render.resources import TemplateDirs, TemplateFile, custom_files, template_dirs
from cptsplan.render.sections import references
from cptsplan.render.tables import size_tables
from cptsplan.render.wording import with_french_apostrophes
from cptsplan.schema.periods import Period

if TYPE_CHECKING:
    from cptsplan.render.changes import Modifications

MAIN_TEMPLATE = "plan-sse.md.j2"
FORMATS = tuple(EXTENSIONS)


@dataclass(frozen=True)
class RenderOptions:
    formats: Sequence[str] = ("docx", "pdf")
    edition: str | None = None
    """'interne' or 'diffusable'; None: the plan's own classification."""
    draft: bool = False
    templates: Path | None = None
    output: Path | None = None
    conformity_grid: Sequence[Any] | None = None
    """Items of the conformity annex, from the same check as validate (same date, same
    configuration); None leaves the annex out."""
    since: str | None = None
    """`--depuis REV`: the git revision whose changes the document shows (annex, marks)."""
    annexe: str | None = None
    """`--annexe fiches|annuaire`: that annex alone, laid out for print (annexes.py)."""
    home: Path | None = None
    """The repository folder whose `build/` receives the documents when `output` is None
    (repository/location.py); None: the plan's own folder."""
    typst: pandoc.TypstSession | None = None
    """Typst's compiler kept between renders of the same plan (`cptsplan preview`)."""


@dataclass(frozen=True)
class Rendered:
    markdown: str
    documents: dict[str, bytes]


def resolve_edition(plan: Plan, edition: str | None) -> str:
    """The edition asked for, else the plan's classification; a classification not known
    yet gives the diffusable edition: without a decision, no personal contact goes out."""
    classification = plan.section("document", "classification")
    chosen = edition or (classification if isinstance(classification, str) else "diffusable")
    if chosen not in EDITIONS:
        raise UsageError(
            f"édition inconnue : {chosen}", "éditions possibles : " + ", ".join(EDITIONS)
        )
    return chosen


def plan_markdown(
    plan: Plan,
    edition: str,
    draft: bool,
    dirs: TemplateDirs,
    grid: Sequence[Any] | None = None,
    figures: Figures | None = None,
    modifications: Modifications | None = None,
) -> str:
    """The whole document in Pandoc Markdown (deterministic: same plan, same text)."""
    plan = for_edition(plan, edition)
    environment = build_environment(dirs)
    context = build_context(plan, edition, draft, list(grid) if grid is not None else None, figures)
    rendered: list[str] = []

    def used_glossary() -> list[tuple[str, str]]:
        # Called by the glossary annex, near the end: it sees the text rendered before it.
        return glossary("".join(rendered), plan.data.get("glossaire", []))

    context["glossaire"] = used_glossary
    context["renvoi"] = references(rendered)  # « § 3.2 Cellule de crise », for the grid
    context["modifications"] = modifications
    text = render_template(environment, MAIN_TEMPLATE, context, rendered, bool(dirs.custom))
    text += imported_annex(plan.data)  # text a Word import could not place (importer/)
    if edition != "interne":
        from cptsplan.privacy.finished import REPLACEMENT, hide_mobiles

        # A custom template's own words too: they may name a directory contact (the plan's
        # finder, redact.RedactedPlan; cptsplan's templates print only the redacted data).
        finder = getattr(plan, "finder", None) if dirs.custom else None
        text = hide_mobiles(text, md(REPLACEMENT), finder)
    # Widths from content and unsplittable dates and numbers, for every format (tables.py).
    return keep_labels_with_next(size_tables(keep_together(text)))


def running_texts(plan: Plan, edition: str, draft: bool) -> dict[str, str]:
    """Texts of the running header and footer, for every format (from the edition's data:
    a contact copied into `sigle` or `titre` stays out of the diffusable edition)."""
    plan = for_edition(plan, edition)
    cpts = plan.data["cpts"]
    document = plan.data["document"]
    return with_french_apostrophes({
        "ENTETE": f"{cpts.get('sigle') or cpts['nom']} · Plan SSE",
        "EDITION": EDITIONS[edition],
        "PIED": version_line(document["version"], document["date_mise_a_jour"]),
        "BROUILLON": "BROUILLON " if draft else "",
        "TITRE": f"{document['titre']} (version {document['version']}, "
        f"{EDITIONS[edition].lower()})",
    })  # fmt: skip


def convert(
    markdown: str,
    fmt: str,
    dirs: TemplateDirs,
    texts: dict[str, str],
    title: str,
    draft: bool,
    timestamp: int | None = None,
    figures: Figures | None = None,
    names: str = "",
    session: pandoc.TypstSession | None = None,
) -> bytes:
    """One document. Layout files are read once, checked (custom.py), and handed to pandoc
    or Typst as bytes; a failure of a conversion that used a custom file is that file's
    (exit 3). The PDF does not go through pandoc: render/pdf writes its Typst markup;
    `names` is the Typst rule that keeps the directory's names unhyphenated (names.py)."""
    if figures is not None:
        markdown = with_sources(markdown, figures, fmt)
    if fmt != "md":
        markdown = raised_ordinals(markdown)
    if fmt != "pdf":
        markdown = without_box_joiners(markdown)
    lua = f"--lua-filter={dirs.lua_filter()}"
    metadata: dict[str, str | bool] = {
        "lang": "fr-FR",
        "cptsplan-entete": texts["ENTETE"],
        "cptsplan-edition": texts["EDITION"],
        "cptsplan-pied": texts["PIED"],
    }
    if draft:
        metadata["brouillon"] = True
    used: list[TemplateFile] = []
    try:
        if fmt == "docx":
            reference = dirs.get("reference.docx")
            used.append(reference)
            custom.check_reference_docx(reference)
            document = pandoc.run_pandoc(
                french_spacing(markdown),
                "docx",
                ["--reference-doc=reference.docx", lua],
                metadata,
                files={"reference.docx": reference.data},
            )
            from cptsplan.render.docx import fill_running_texts  # the DOCX's own code

            return fill_running_texts(document, texts, timestamp)
        if fmt == "html":
            style, page = dirs.get("plan-sse.css"), dirs.get("plan-sse.html")
            used += [style, page]
            custom.check_html_template(page)
            return pandoc.run_pandoc(
                markdown,
                "html5",
                ["--standalone", "--template=plan-sse.html", lua],
                {**metadata, "pagetitle": title},
                {"style": custom.style_text(style)},
                files={"plan-sse.html": page.data},
            )
        if fmt == "md":
            return pandoc.run_pandoc(markdown, "gfm-raw_html", [lua, "--wrap=none"])
        if fmt == "pdf":
            layout = dirs.get("plan-sse.typ")
            used.append(layout)
            custom.check_typst_template(layout)
            values = layout_values(texts, draft)
            from cptsplan.render.pdf import typst_source  # the PDF's writer: only for a PDF

            source = typst_source(markdown, layout.text(), values, str(layout.path), names)
            files = typst_files(figures) if figures is not None else {}
            if session is not None:  # the preview: Typst's compiler kept between renders
                return pandoc.typst_to_pdf(source, timestamp, files, session)
            return pandoc.typst_to_pdf(source, timestamp, files)
    except RenderingError as error:
        raise custom.conversion_error(error, used) from error
    raise UsageError(f"format inconnu : {fmt}", "formats possibles : " + ", ".join(FORMATS))


def layout_values(texts: dict[str, str], draft: bool) -> dict[str, str | bool]:
    """The variables plan-sse.typ receives (running texts from `running_texts`)."""
    return {
        "title": texts["TITRE"],
        "lang": "fr-FR",
        "cptsplan-entete": texts["ENTETE"],
        "cptsplan-edition": texts["EDITION"],
        "cptsplan-pied": texts["PIED"],
        "brouillon": draft,
    }


def update_timestamp(plan: Plan) -> int:
    """The plan's last update (midnight UTC) as the PDF date: the same plan, the same PDF.
    A draft whose update date is still to complete takes the date it was first written."""
    for updated in (plan.last_update, plan.section("document", "date_premiere_redaction")):
        if isinstance(updated, Period):  # a plan first written « en 2021 »
            updated = updated.first
        if isinstance(updated, date):
            return int(datetime(updated.year, updated.month, updated.day, tzinfo=UTC).timestamp())
    return 0


def render(
    plan: Plan, plan_path: Path, options: RenderOptions, shown: Plan | None = None
) -> Rendered:
    """Produce the documents in memory (nothing is written); `shown` is `plan` as the
    edition shows it, when the caller has it already (render_plan)."""
    unknown = [fmt for fmt in options.formats if fmt not in EXTENSIONS]
    if unknown:
        raise UsageError(
            f"format inconnu : {', '.join(unknown)}", "formats possibles : " + ", ".join(FORMATS)
        )
    edition = resolve_edition(plan, options.edition)
    dirs = template_dirs(plan_path, options.templates)
    # Redacted once, for the checks and the documents.
    shown = for_edition(plan, edition) if shown is None else shown
    if edition != "interne" and dirs.custom:  # a custom layout's own words: no contact
        from cptsplan.render.layout_contacts import check_layouts

        check_layouts(dirs, options.formats, shown)
    if options.annexe is not None:
        markdown, documents = annexes.render_annex(
            shown,
            options.annexe,
            edition,
            dirs,
            options.formats,
            options.draft,
            options.since,
            convert,
            update_timestamp(plan),
        )
        return Rendered(markdown, documents)
    # Images are read from the plan's own file names; everything printed, document
    # properties included, comes from the edition's data.
    figures = load_figures(plan)
    # Compared before the edition's redaction: diff_data redacts both sides itself.
    changed = None
    if options.since:
        from cptsplan.render.changes import since  # git and the comparison: only for `--depuis`

        changed = since(plan_path, options.since, edition, plan.source)
    plan = shown
    figures = named_as_printed(figures, plan.data)
    if edition != "interne":
        figures = without_image_metadata(figures)  # its author, EXIF: not the pixels
        finder = getattr(plan, "finder", None)  # redact.RedactedPlan's
        if finder is not None:
            figures = refusals_scrubbed(figures, finder.scrub)
    markdown = plan_markdown(
        plan, edition, options.draft, dirs, options.conformity_grid, figures, changed
    )
    texts = running_texts(plan, edition, options.draft)
    title = f"{plan.data['document']['titre']} (version {plan.version})"
    formats = list(dict.fromkeys(options.formats))
    names = ""  # the Typst rule that keeps names whole: the PDF's alone (names.py)
    if "pdf" in formats:
        from cptsplan.render.names import protected_names, typst_rule

        names = typst_rule(*protected_names(plan.data))
    # pandoc and Typst run as separate processes: documents are converted side by side.
    timestamp = update_timestamp(plan)
    documents = processes.side_by_side(
        {
            fmt: functools.partial(
                convert,
                markdown,
                fmt,
                dirs,
                texts,
                title,
                options.draft,
                timestamp,
                figures,
                names,
                options.typst,
            )
            for fmt in formats
        }
    )
    return Rendered(markdown, documents)


def render_plan(plan: Plan, plan_path: Path, options: RenderOptions) -> dict[str, Path]:
    """Render and write the documents; returns the written path of each format."""
    edition = resolve_edition(plan, options.edition)
    formats = list(dict.fromkeys(options.formats))
    annexes.check_annexe(options.annexe, edition)  # refused before any work
    # The files' names hold the edition's promise too: a version « 06.39.98.10.17 » (the
    # schema's digits and dots) was written into the diffusable document's name. A version
    # the edition masks gives the name no version, as one still to complete.
    shown = for_edition(plan, edition)
    version = plan.section("document", "version")
    if shown.section("document", "version") != version:
        version = None
    stem = annexes.stem(options.annexe, version, edition, options.draft) or default_stem(
        version, edition, options.draft
    )
    home = options.home or plan_folder(plan_path)
    paths = output_paths(home, formats, stem, options.output)
    # Refused before any work: a destination that is not a regular file, or that is one of
    # the files this render reads (output.py).
    if options.output is None:
        check_folder_inside(home / "build", home)
    elif os.path.lexists(options.output) and not options.output.is_dir():
        check_targets([options.output])  # `-o /dev/null`: a device, not a name to extend
    check_targets(paths.values(), render_inputs(plan, plan_path, options))
    rendered = render(plan, plan_path, options, shown)
    write_all(
        {paths[fmt]: rendered.documents[fmt] for fmt in formats}, private=edition == "interne"
    )
    return paths


def template_notices(plan_path: Path, options: RenderOptions) -> list[str]:
    """Warnings for what the plan's custom templates write that the PDF would print as typed
    while the DOCX lays it out (render/pdf/support.py); none without a custom template."""
    if "pdf" not in options.formats:
        return []
    from cptsplan.render.pdf.support import custom_template_notices

    files = custom_files(template_dirs(plan_path, options.templates))
    return [notice.message() for notice in custom_template_notices(files)]


def render_inputs(plan: Plan, plan_path: Path, options: RenderOptions) -> list[Path]:
    """Every file a render reads: the plan's files, the custom templates, the figures."""
    inputs = [loaded.path for loaded in plan.source.files]
    inputs += custom_files(template_dirs(plan_path, options.templates))
    folder = plan_folder(plan_path)
    for entry in plan.data.get("figures") or []:
        if isinstance(entry, dict) and isinstance(entry.get("fichier"), str):
            inputs.append(folder / entry["fichier"])
    return inputs
