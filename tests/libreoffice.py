"""The DOCX as LibreOffice lays it out: conversion to PDF, once per document and test run.

Many CPTS open the DOCX in LibreOffice: the tests read the PDF that LibreOffice makes of it
(headless, with a private profile so that parallel runs never share one, within a time
limit). `make test` installs LibreOffice and Carlito (the free font with Calibri's metrics)
when they are missing; without them these tests fail, saying so, unless
CPTSPLAN_SANS_LIBREOFFICE=1 asks to leave them out explicitly.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pytest

WITHOUT = "CPTSPLAN_SANS_LIBREOFFICE"
TIMEOUT_S = 150
"""Per document: a conversion takes about 4 s for the complete example on an idle machine,
over a minute on a busy one."""

_converted: dict[tuple[Path, float], Path] = {}
_profile: list[Path] = []


def soffice() -> str:
    """LibreOffice's command, or the test fails (skipped only when asked, see WITHOUT)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    problem = None
    if found is None:
        problem = "LibreOffice (soffice) est introuvable"
    elif not _has_carlito():
        problem = "la police Carlito (métrique de Calibri, police du DOCX) est absente"
    if problem is None:
        assert found is not None
        return found
    hint = (
        f"{problem} : `make test` l'installe (paquets Debian libreoffice-writer-nogui et "
        f"fonts-crosextra-carlito) ; {WITHOUT}=1 laisse de côté les tests dans LibreOffice."
    )
    if os.environ.get(WITHOUT) == "1":
        pytest.skip(hint)
    pytest.fail(hint, pytrace=False)


def _has_carlito() -> bool:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return False
    done = subprocess.run([fc_match, "Calibri"], capture_output=True, text=True, check=False)
    return any(name in done.stdout for name in ("Carlito", "Calibri"))


def to_pdf(*documents: Path) -> list[Path]:
    """The PDF LibreOffice makes of each document; documents not converted yet in this run
    are converted together (one start of LibreOffice)."""
    keys = [(path.resolve(), path.stat().st_mtime) for path in documents]
    missing = list(dict.fromkeys(key for key in keys if key not in _converted))
    while missing:
        # LibreOffice names each PDF after its document: one batch per distinct name.
        batch: dict[str, Path] = {}
        for path, _ in missing:
            batch.setdefault(path.stem, path)
        _convert(list(batch.values()))
        missing = [key for key in missing if key not in _converted]
    return [_converted[key] for key in keys]


def _convert(paths: Iterable[Path]) -> None:
    command = soffice()
    paths = list(paths)
    if not _profile:
        profile = Path(tempfile.mkdtemp(prefix="cptsplan-libreoffice-"))
        atexit.register(shutil.rmtree, profile, True)
        _profile.append(profile)
    outdir = Path(tempfile.mkdtemp(prefix="pdf-", dir=_profile[0]))
    try:
        subprocess.run(
            [
                command,
                f"-env:UserInstallation={(_profile[0] / 'profil').as_uri()}",
                "--headless", "--norestore", "--nologo",
                "--convert-to", "pdf", "--outdir", str(outdir),
                *map(str, paths),
            ],
            capture_output=True, timeout=TIMEOUT_S * len(paths), check=True,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail(
            f"LibreOffice n'a pas converti {len(paths)} document(s) en {TIMEOUT_S * len(paths)} s"
        )
    for path in paths:
        pdf = outdir / (path.stem + ".pdf")
        if not pdf.is_file():
            pytest.fail(f"LibreOffice n'a pas produit de PDF pour {path.name}")
        _converted[(path, path.stat().st_mtime)] = pdf
