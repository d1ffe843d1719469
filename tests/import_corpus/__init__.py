"""A corpus of Word and LibreOffice plans, made by the project itself, with their ground
truth: what `cptsplan import` must find in each (see README.md in this folder)."""

from __future__ import annotations

from pathlib import Path

from . import doc_messy, doc_regional, doc_tables, doc_themes, doc_typologies
from .model import CATEGORIES, CorpusDocument

__all__ = ["CATEGORIES", "CorpusDocument", "build_corpus"]


def build_corpus(folder: Path) -> list[CorpusDocument]:
    """Write every corpus document under `folder` (one sub-folder each, with its
    `expected.json`) and return them; the same bytes at every call."""
    return [
        doc_themes.build(folder),
        doc_typologies.build(folder),
        doc_tables.build(folder),
        doc_regional.build(folder),
        doc_messy.build(folder),
    ]
