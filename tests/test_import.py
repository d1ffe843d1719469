"""`cptsplan import`: the DOCX that `cptsplan render` makes of each example, imported back.

What a coordinator notices: the import writes a repository that `validate` reads without a
traceback nor a schema error (only honest rule findings), whose rendered draft contains
every paragraph and every table cell of the original (read back with python-docx), and the
items of each kind come back (recall per kind, measured below and reported in
docs/import.md).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document

from cptsplan.files.pandoc import read_document
from cptsplan.importer.placing import squeeze
from cptsplan.importer.read import flatten

from .conftest import run_cli
from .import_corpus.recall import missing_paragraphs
from .import_recall import field_titles

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ["cpts-du-val-de-lys", "cpts-minimale"]


def plan_data(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = {}
    files = [folder] if folder.is_file() else sorted(folder.glob("*.yaml"))
    for file in files:
        data.update(yaml.safe_load(file.read_text(encoding="utf-8")) or {})
    return data


@pytest.fixture(scope="module", params=EXAMPLES)
def imported(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    base = tmp_path_factory.mktemp(request.param)
    example = ROOT / "examples" / request.param
    original = base / "original"
    result = run_cli(
        "render", example, "-f", "docx", "-e", "interne", "--brouillon", "-o", original
    )
    assert result.exit_code == 0, result.stderr
    repository = base / "mon-plan"
    result = run_cli("import", original.with_suffix(".docx"), "-o", repository)
    assert result.exit_code == 0, result.stderr
    return {"example": example, "docx": original.with_suffix(".docx"), "repo": repository}


def test_the_import_validates_with_only_honest_findings(imported: dict[str, Path]) -> None:
    result = run_cli("validate", imported["repo"] / "plan", "--date", "2026-11-01")
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    rules = set(re.findall(r"\[([a-z0-9-]+)\]", result.stdout))
    assert not {r for r in rules if r.startswith(("schema", "yaml", "reference"))}, rules


def test_the_rendered_draft_contains_every_paragraph_of_the_original(
    imported: dict[str, Path],
) -> None:
    out = imported["repo"].parent / "brouillon"
    result = run_cli("render", imported["repo"] / "plan", "-f", "docx", "-e", "interne", "-o", out)
    assert result.exit_code in (0, 1), result.stderr
    document = Document(str(out.with_suffix(".docx")))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    rendered = "\n".join(texts)
    blocks = flatten(json.loads(read_document(imported["docx"].read_bytes(), "docx")))
    pieces = [
        piece
        for block in blocks
        if block.kind != "heading"
        for piece in (
            [c for row in block.rows for c in row] if block.kind == "table" else [block.text]
        )
        if piece
    ]
    assert len(pieces) > 20
    # Word for word, or else piece by piece: a cell or a paragraph whose values went into
    # fields is printed by the draft its own way (a date as a date, « Fréquence : » as the
    # field's title, typologies in order, a person with what the directory says of them),
    # not copied again.
    word_for_word = squeeze(rendered)
    others = [piece for piece in pieces if squeeze(piece) not in word_for_word]
    lost = [
        piece
        for piece in others
        if missing_paragraphs(
            re.split(r", | \(|\)", piece.replace("\n", " / ")), rendered, field_titles()
        )
    ]
    assert lost == []
    assert sum(squeeze(p) in word_for_word for p in pieces) / len(pieces) > 0.9


def test_the_report_is_written_and_says_what_was_placed(imported: dict[str, Path]) -> None:
    report = (imported["repo"] / "RAPPORT-IMPORT.md").read_text(encoding="utf-8")
    assert "Ce qui a été trouvé" in report and "À vérifier d'abord" in report
    plan = plan_data(imported["repo"] / "plan")
    assert plan["document"]["statut"] == "brouillon"
    text = (imported["repo"] / "plan" / "piloter.yaml").read_text(encoding="utf-8")
    assert "# repris de « " in text
    # A row or paragraph whose content went into fields is placed, even when not kept word
    # for word (a date, a number with its usage, a label): measured 77 % (complete example)
    # and 56 % (minimal; its conformity grid, computed by cptsplan, has no field).
    placed = re.search(r"rangés dans un champ du plan \((\d+)\s?%\)", report)
    assert placed is not None and int(placed.group(1)) >= 50, report[:400]


def _phones(data: dict[str, Any]) -> set[str]:
    return {
        re.sub(r"\D", "", str(phone["numero"]))
        for entry in data.get("annuaire", [])
        for phone in entry.get("telephones", [])
    }


def _emails(data: dict[str, Any]) -> set[str]:
    return {
        str(entry[key]).lower()
        for entry in data.get("annuaire", [])
        for key in ("email", "mssante")
        if entry.get(key)
    }


def recall(expected: set[str], found: set[str]) -> float:
    return 1.0 if not expected else len(expected & found) / len(expected)


def test_recall_per_kind_on_the_round_trip(imported: dict[str, Path]) -> None:
    """Floors measured on the examples (docs/import.md gives the figures)."""
    source = plan_data(imported["example"])
    back = plan_data(imported["repo"] / "plan")
    assert recall(_phones(source), _phones(back)) >= 0.95
    assert recall(_emails(source), _emails(back)) >= 0.95
    assert back["document"]["version"] == str(source["document"]["version"])
    assert str(back["document"]["date_mise_a_jour"]) == str(source["document"]["date_mise_a_jour"])
    assert back["cpts"]["nom"] == source["cpts"]["nom"]
    cell = source["piloter"]["cellule_de_crise"].get("fonctions", [])
    assert len(back["piloter"]["cellule_de_crise"].get("fonctions", [])) >= len(cell)
    referents = source["piloter"]["referents_sse"]
    assert len(back["piloter"]["referents_sse"]) >= len(referents)
    exercises = source.get("anticiper", {}).get("exercices", [])
    assert len(back.get("anticiper", {}).get("exercices", [])) >= len(exercises)
    typologies = {t for r in source["adapter"]["reponses"] for t in r["typologies"]}
    back_typologies = {t for r in back["adapter"]["reponses"] for t in r["typologies"]}
    assert len(typologies & back_typologies) >= len(typologies) - 1


def test_the_directory_comes_back_without_an_invented_entry(imported: dict[str, Path]) -> None:
    """Precision, not only recall: the contact tables of the fiches réflexes, the référents
    and the crisis cell name directory entries again (« CPTS – ligne d'astreinte SSE (point
    d'entrée des alertes) », « Julien Vermeersch : 06 … »); each is the directory's entry, and
    no entry is made of a role or a mission (« Organiser l'offre médicale … »)."""

    def names(plan: dict[str, Any]) -> list[str]:
        return [
            " ".join(str(e.get(k) or "") for k in ("prenom", "nom")).replace("’", "'").strip()
            for e in plan.get("annuaire", [])
        ]

    source, back = (
        names(plan_data(imported["example"])),
        names(plan_data(imported["repo"] / "plan")),
    )
    assert len(back) == len(source)
    assert sorted(set(back) - set(source)) == []


def test_each_response_comes_back_part_by_part(imported: dict[str, Path]) -> None:
    """A response's volets, typologies, risks, scenarios, objectives, partners, means and
    fiches come back in their own fields, not as actions; its « Partenaires, moyens et
    fiches réflexes » part makes no fiche réflexe of its own."""
    source, back = plan_data(imported["example"]), plan_data(imported["repo"] / "plan")
    parts = ("volets", "typologies", "risques", "scenarios", "objectifs", "actions",
             "partenaires", "ressources", "fiches_reflexes")  # fmt: skip
    for original, imported_response in zip(
        source["adapter"]["reponses"], back["adapter"]["reponses"], strict=True
    ):
        counts = {p: len(imported_response.get(p) or []) for p in parts}
        assert counts == {p: len(original.get(p) or []) for p in parts}, original["titre"]
    titles = [f["titre"] for f in back["adapter"].get("fiches_reflexes", [])]
    assert len(titles) == len(source["adapter"].get("fiches_reflexes", []))
    assert not [t for t in titles if "Partenaires" in t]


def test_leaf_values_of_the_example_come_back(imported: dict[str, Path]) -> None:
    """Every leaf of the example (ids and references aside: the import makes its own) is
    looked for in the imported plan. Measured: 98.9 % (complete example, 1,937 of 1,958)
    and 99.1 % (minimal, 229 of 231) in a field of the plan, 99.6 % and 100 % anywhere
    including the imported text (the rest is printed differently or not at all, like a
    directory entry's category, or written in prose the import keeps as text). The goal of
    the issue is 95 % in fields: see docs/import.md."""
    from .import_recall import leaf_recall

    in_fields, anywhere, total = leaf_recall(
        plan_data(imported["example"]), plan_data(imported["repo"] / "plan")
    )
    assert total > 200
    assert in_fields / total >= 0.98
    assert anywhere / total >= 0.99


def test_the_issue_sequence_on_the_repository_folder(
    imported: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cptsplan import plan.docx -o mon-plan`, then `validate mon-plan` and `render mon-plan`
    on the repository folder itself (its plan/ is found as `validate` finds it)."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(imported["docx"], tmp_path / "plan.docx")
    assert run_cli("import", "plan.docx", "-o", "mon-plan").exit_code == 0
    # A repository as `init` makes one: its history starts with everything the import wrote.
    log = subprocess.run(["git", "-C", "mon-plan", "log", "--format=%s"], capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    assert log.strip() == "Plan SSE : dépôt créé par cptsplan import de plan.docx"
    status = subprocess.run(["git", "-C", "mon-plan", "status", "--porcelain"],
                            capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert status == ""
    result = run_cli("validate", "mon-plan", "--date", "2026-11-01")
    assert result.exit_code in (0, 1) and "mon-plan/plan" in result.stdout, result.stderr
    result = run_cli("render", "mon-plan", "-f", "docx", "-e", "interne", "-o", "brouillon")
    assert result.exit_code in (0, 1), result.stderr
    word = Document("brouillon.docx")
    text = "\n".join(p.text for p in word.paragraphs).replace("’", "'")
    header = "\n".join(p.text for s in word.sections for p in s.header.paragraphs)
    assert "BROUILLON" in header + text and "Texte repris du document d'origine" in text
