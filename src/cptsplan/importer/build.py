"""The import, from a document to the files of a plan repository (nothing written here)."""

from __future__ import annotations

import gc
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cptsplan.importer.draft import Draft
from cptsplan.importer.report import REPORT_FILE, Summary, report_text, summarise

if TYPE_CHECKING:
    from cptsplan.importer.rescue import Reading


@dataclass
class Imported:
    draft: Draft
    plan: dict[str, str]
    """plan/NAME.yaml -> text."""
    report: str
    summary: Summary


def import_document(path: Path) -> Imported:
    # The import makes a few hundred thousand objects (pandoc's tree, the blocks, the plan)
    # and frees almost none before it ends: the cycle collector, run every 700 allocations,
    # walked them again and again for nothing (about 15 ms of a 60-page plan's import).
    # Turned off for its duration; what it leaves is collected as usual afterwards.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _import(path)
    finally:
        if enabled:
            gc.enable()


def _import(path: Path) -> Imported:
    from cptsplan.files.processes import Interrupted
    from cptsplan.importer.activations import read_activation_columns
    from cptsplan.importer.alert_chain import read_alert_chain
    from cptsplan.importer.cell import read_cell
    from cptsplan.importer.commune_links import link_communes
    from cptsplan.importer.contact_lines import read_directory_lines
    from cptsplan.importer.contacts import read_directory
    from cptsplan.importer.exercises import read_exercises, read_retex_sections
    from cptsplan.importer.generic import read_tables
    from cptsplan.importer.identity import read_glossary_lines, read_identity
    from cptsplan.importer.labelled import read_labelled
    from cptsplan.importer.margins import keep_margins
    from cptsplan.importer.placing import headers, place_leftovers, place_prose
    from cptsplan.importer.plan_links import split_plan_links
    from cptsplan.importer.read import checked_document, pandoc_blocks
    from cptsplan.importer.references import read_references, read_sent_prose
    from cptsplan.importer.reflow import reflow
    from cptsplan.importer.rescue import restore_missed
    from cptsplan.importer.responses import read_fiches, read_responses
    from cptsplan.importer.retex_links import link_exercises_to_retex
    from cptsplan.importer.review import read_review_period
    from cptsplan.importer.revisions import revision_notices
    from cptsplan.importer.sections import contexts
    from cptsplan.importer.triggering import read_triggering
    from cptsplan.importer.writer import complete, plan_files

    kind, data = checked_document(path)
    own = _OwnXml(path, kind)
    threaded = own.begin()
    try:
        read = pandoc_blocks(path, kind, data)
    except BaseException as error:
        # Ctrl+C or SIGTERM ends the import at once (the thread is a daemon); after any other
        # failure, no reading is left running.
        if threaded and not isinstance(error, KeyboardInterrupt | Interrupted):
            own.join()
        raise
    if threaded:
        own.join()
    reading, margins, counts = own.result()
    blocks = reflow(restore_missed(read, path, kind, reading))
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
    link_exercises_to_retex(draft)
    read_alert_chain(draft)
    read_tables(draft)
    split_plan_links(draft)
    read_activation_columns(draft)
    read_labelled(draft)
    read_triggering(draft)
    link_communes(draft)
    response_parts.link(draft)
    place_prose(draft)
    read_review_period(draft)
    complete(draft)
    headed = headers(draft)  # nothing is taken from here on
    leftover = place_leftovers(draft, headed)
    keep_margins(draft, margins)
    summary = summarise(draft, leftover, headed, revision_notices(counts), counts.get("objects", 0))
    return Imported(
        draft, plan_files(draft, path.name), report_text(draft, summary, path.name), summary
    )


OwnReading = tuple["Reading", list[str], dict[str, int]]
_AFTER_FEEDING = 0.02
"""Seconds the thread reading the document's own XML waits before it starts (see run)."""


class _OwnXml(threading.Thread):
    """The document's own XML (the paragraphs pandoc misses, the headers and footers, the
    revision marks), read in a thread while pandoc reads the document: pandoc runs in a
    process of its own for about two thirds of the import's time, during which this one
    only waits for it. The document was checked first (importer/safety.py), as before
    these readings; each of them gives an empty result rather than fail."""

    def __init__(self, path: Path, kind: str) -> None:
        # A daemon: an interrupted import does not wait for it before exiting (_import).
        super().__init__(name="cptsplan-import-xml", daemon=True)
        self.path, self.kind = path, kind
        self._result: OwnReading | None = None
        self._error: BaseException | None = None

    def begin(self) -> bool:
        """Start the reading in this thread, and say so; without a thread to be had (a
        process at its limit of threads), read now, in line, as before this thread."""
        try:
            self.start()
        except RuntimeError:
            self.run()
            return False
        return True

    def run(self) -> None:
        from cptsplan.importer.margins import margin_lines
        from cptsplan.importer.rescue import document_paragraphs
        from cptsplan.importer.revisions import revision_counts

        # pandoc is given the document through a pipe, 4 KB at a time, and the importing
        # thread needs the interpreter's lock for each piece: a busy thread holds it up to
        # 5 ms each time (sys.getswitchinterval), which delayed pandoc by more than what
        # this thread saves. pandoc has the whole document long before this pause ends.
        if threading.current_thread() is self:  # not when read in line (begin)
            time.sleep(_AFTER_FEEDING)
        try:
            self._result = (
                document_paragraphs(self.path, self.kind),
                margin_lines(self.path, self.kind),
                revision_counts(self.path, self.kind),
            )
        except BaseException as error:  # raised again in the importing thread
            self._error = error

    def result(self) -> OwnReading:
        if self._error is not None:
            raise self._error
        assert self._result is not None  # run() sets one or the other
        return self._result


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
