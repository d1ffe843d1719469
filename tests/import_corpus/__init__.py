"""A corpus of Word and LibreOffice plans, made by the project itself, with their ground
truth: what `cptsplan import` must find in each (see README.md in this folder).

    corpus = build_corpus(folder)          # seven documents, in folder/NAME/ with expected.json
    hostile = build_hostile(folder)        # name -> path of each hostile document

Tests build the corpus once per session with `session_corpus(tmp_path_factory)`; the ODT
conversion (LibreOffice, seconds) is cached by content beside the session's temporary folder,
so parallel workers and later runs reuse it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from . import (
    doc_ars_template,
    doc_form,
    doc_google,
    doc_messy,
    doc_odt,
    doc_pdf_paste,
    doc_regional,
    doc_tables,
    doc_themes,
    doc_typologies,
)
from .hostile import build_hostile
from .model import CATEGORIES, CorpusDocument

__all__ = [
    "CATEGORIES",
    "CorpusDocument",
    "build_corpus",
    "build_hostile",
    "build_other_tools",
    "odt_cache",
    "session_corpus",
]


def build_corpus(folder: Path, *, odt_cache: Path | None = None) -> list[CorpusDocument]:
    """Write every corpus document under `folder` (one sub-folder each, with its
    `expected.json`) and return them; the same content at every call. The ODT needs
    LibreOffice, unless `odt_cache` already holds its conversion."""
    return [
        doc_themes.build(folder),
        doc_typologies.build(folder),
        doc_tables.build(folder),
        doc_regional.build(folder),
        doc_odt.build(folder, odt_cache),
        doc_messy.build(folder),
        doc_ars_template.build(folder),
    ]


def build_other_tools(folder: Path) -> list[CorpusDocument]:
    """Plans made with other tools and habits than the six above: an ARS form filled in
    Word (content controls, legacy form fields, localised title styles, a nested table, a
    table in a text box), a plan pasted from a PDF line by line, and a Google Docs export
    (titles made by font size). The PDF paste's recall is not complete (docs/import.md
    says what is not recognised): tests/test_import_other_tools.py measures them apart."""
    return [doc_form.build(folder), doc_pdf_paste.build(folder), doc_google.build(folder)]


_sessions: dict[Path, list[CorpusDocument]] = {}


def session_corpus(factory: pytest.TempPathFactory) -> list[CorpusDocument]:
    """The corpus of this test session (built at the first call of each worker). For a
    session-scoped fixture:

        @pytest.fixture(scope="session")
        def corpus(tmp_path_factory): return session_corpus(tmp_path_factory)
    """
    base = factory.getbasetemp()
    if base not in _sessions:
        folder = factory.mktemp("import-corpus")
        _sessions[base] = build_corpus(folder, odt_cache=odt_cache(factory))
    return _sessions[base]


def odt_cache(factory: pytest.TempPathFactory) -> Path:
    """Where converted ODTs are kept. Under xdist the base temporary folder is per worker and
    its parent is shared by the workers: the ODT converted by one is reused by the others (and
    by later runs, the cache being keyed by the document's content)."""
    return factory.getbasetemp().parent / "cptsplan-corpus-odt"
