"""The import, from a document to the files of a plan repository (nothing written here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cptsplan.importer.draft import Draft
from cptsplan.importer.report import REPORT_FILE, Summary, report_text, summarise


@dataclass
class Imported:
    draft: Draft
    plan: dict[str, str]
    """plan/NAME.yaml -> text."""
    report: str
    summary: Summary


def import_document(path: Path) -> Imported:
    from cptsplan.importer.cell import read_cell
    from cptsplan.importer.contact_lines import read_directory_lines
    from cptsplan.importer.contacts import read_directory
    from cptsplan.importer.exercises import read_exercises, read_retex_sections
    from cptsplan.importer.generic import read_tables
    from cptsplan.importer.identity import read_glossary_lines, read_identity
    from cptsplan.importer.labelled import read_labelled
    from cptsplan.importer.margins import keep_margins, margin_lines
    from cptsplan.importer.placing import headers, place_leftovers, place_prose
    from cptsplan.importer.read import read_blocks
    from cptsplan.importer.references import read_references, read_sent_prose
    from cptsplan.importer.reflow import reflow
    from cptsplan.importer.rescue import restore_missed
    from cptsplan.importer.responses import read_fiches, read_responses
    from cptsplan.importer.revisions import revision_counts, revision_notices
    from cptsplan.importer.safety import document_kind
    from cptsplan.importer.sections import contexts
    from cptsplan.importer.triggering import read_triggering
    from cptsplan.importer.writer import complete, plan_files

    kind = document_kind(path)
    blocks = reflow(restore_missed(read_blocks(path), path, kind))
    margins = margin_lines(path, kind)
    found, headings = contexts(blocks)
    draft = Draft(blocks, found, headings)
    read_directory(draft)
    read_directory_lines(draft)
    read_identity(draft, margins)
    read_glossary_lines(draft)
    read_sent_prose(draft)
    read_references(draft)
    read_cell(draft)
    response_parts = read_responses(draft)
    read_fiches(draft)
    read_retex_sections(draft)
    read_exercises(draft)
    read_tables(draft)
    read_labelled(draft)
    read_triggering(draft)
    response_parts.link(draft)
    place_prose(draft)
    complete(draft)
    headed = headers(draft)  # nothing is taken from here on
    leftover = place_leftovers(draft, headed)
    keep_margins(draft, margins)
    counts = revision_counts(path, kind)
    summary = summarise(draft, leftover, headed, revision_notices(counts), counts.get("objects", 0))
    return Imported(
        draft, plan_files(draft, path.name), report_text(draft, summary, path.name), summary
    )


def repository_files(imported: Imported, today: date) -> dict[str, str]:
    """What `init` writes, with the imported plan files instead of the skeleton's."""
    from cptsplan.repository.skeleton import MISSING
    from cptsplan.repository.skeleton import repository_files as skeleton

    name = str(imported.draft.data["cpts"]["nom"])
    files = {
        path: text
        for path, text in skeleton(name, f"{MISSING} : territoire", today).items()
        if not path.startswith("plan/")
    }
    files.update(imported.plan)
    files[REPORT_FILE] = imported.report
    return files
