"""`cptsplan validate` on Word and LibreOffice plans as they are (issue 18 §2): each document
is read in memory and checked as a plan, every finding says it comes from an automatic
reading, and the reviewer's table has one row per document with its source."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from .conftest import run_cli
from .import_corpus import CorpusDocument, session_corpus

ROOT = Path(__file__).resolve().parent.parent
NOTE = "(lecture automatique du document Word, à vérifier)"


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[CorpusDocument]:
    return session_corpus(tmp_path_factory)


def test_a_word_plan_is_checked_and_each_finding_says_it_was_read(
    corpus: list[CorpusDocument],
) -> None:
    document = corpus[0].path
    result = run_cli("validate", document, "--date", "2026-11-01")
    assert result.exit_code in (0, 1), result.stderr
    finding = re.compile(r"^\S.*: (?:erreur|avertissement|information) \[[a-z0-9-]+\] ")
    findings = [line for line in result.stdout.splitlines() if finding.match(line)]
    assert findings and all(NOTE in line for line in findings)
    assert "source : lecture du document Word, à vérifier (" in result.stdout
    assert "% du texte rangé" in result.stdout
    assert not (document.parent / "plan").exists()  # read in memory, nothing written beside


def test_a_folder_of_word_plans_and_repositories_gives_one_row_per_plan(
    corpus: list[CorpusDocument], tmp_path: Path
) -> None:
    folder = tmp_path / "plans-recus"
    folder.mkdir()
    for document in corpus:
        shutil.copy(document.path, folder / document.path.name)
    shutil.copytree(ROOT / "examples" / "cpts-minimale", folder / "cpts-minimale")
    (folder / "pdf-renomme.docx").write_bytes(b"%PDF-1.7 ...")
    table = tmp_path / "relecture.csv"
    result = run_cli("validate", folder, "--tableau", table, "--date", "2026-11-01")
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    with table.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter=";"))
    names = sorted(Path(row["Dossier"]).name for row in rows)
    expected = sorted([d.path.name for d in corpus] + ["cpts-minimale", "pdf-renomme.docx"])
    assert names == expected
    sources = {Path(row["Dossier"]).name: row["Source"] for row in rows}
    assert sources["cpts-minimale"] == "fichiers YAML du plan"
    assert all(
        sources[d.path.name].startswith("lecture du document Word, à vérifier (") for d in corpus
    )
    refused = next(row for row in rows if row["Dossier"].endswith("pdf-renomme.docx"))
    assert refused["Résultat"] == "non lu" and refused["Erreurs"] == "1"
    cpts = {Path(row["Dossier"]).name: row["CPTS"] for row in rows}
    assert all(cpts[d.path.name] == d.expected["cpts"] for d in corpus)


def test_the_original_document_kept_in_a_repository_is_not_a_second_plan(tmp_path: Path) -> None:
    plan = tmp_path / "mon-plan"
    shutil.copytree(ROOT / "examples" / "cpts-minimale", plan)
    (plan / "plan-d-origine.docx").write_bytes(b"PK")
    result = run_cli("validate", plan, "--date", "2026-11-01")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "plan-d-origine" not in result.stdout
