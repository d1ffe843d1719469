"""A session's cache of texts read back from documents, by the documents' content.

Reading a PDF's text back with pypdf was the suite's largest single cost after the renders
themselves (185 s of 1 190 over 1 725 pages, 2026-12-07), and several tests render the
same plan with the same options and date, which gives the same bytes. The texts are kept in
a folder made by the controlling pytest process for this session only and shared by its
xdist workers (CPTSPLAN_TEST_TEXTS, set in conftest.pytest_configure); the key is the SHA-256
of the bytes read and the reader's name (`reader`: poppler or pypdf, which do not give the
same text), so a cached text is always that of the very document a test reads."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

FOLDER_VARIABLE = "CPTSPLAN_TEST_TEXTS"


def cached_pages(document: bytes, extract: Callable[[], list[str]], reader: str) -> list[str]:
    folder = os.environ.get(FOLDER_VARIABLE)
    if not folder or not Path(folder).is_dir():
        return extract()
    entry = Path(folder) / f"{hashlib.sha256(document).hexdigest()}-{reader}.json"
    try:
        cached = json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cached = None
    if isinstance(cached, list) and all(isinstance(page, str) for page in cached):
        return cached
    pages = extract()
    # Written aside then renamed: a worker never reads another's half-written entry. Best
    # effort: a cache that cannot be written (a full disk, two workers renaming one entry
    # on Windows) only means reading the document again.
    handle, partial = tempfile.mkstemp(dir=folder, suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(pages, stream)
        os.replace(partial, entry)
    except OSError:
        Path(partial).unlink(missing_ok=True)
    return pages
