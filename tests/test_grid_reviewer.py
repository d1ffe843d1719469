"""Issue 19 §2: what the ARS's reviewer checks is in the conformity grid, the summary and the
reviewer's table, each line with its source: the plan communicated to the CPTS's members and
to the territory's health actors (ACI), discussed with the ARS (ACI), the ARS's opinion on
the current version, the template or guide followed, and the CNAM's crisis indicators of each
activation. Read back from the complete example's PDF, DOCX and XLSX."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from .conftest import COMPLETE_EXAMPLE, run_cli
from .test_render_support import docx_texts, pdf_pages, unbreak

DATE = "2026-11-23"
LINES = {
    # item: (source, answer with what the reviewer reads beside it)
    "Plan communiqué aux membres de la CPTS": ("ACI", "oui (le 8 octobre 2026)"),
    "Plan communiqué aux acteurs de santé du territoire": ("ACI", "oui (le 15 octobre 2026)"),
    "Plan discuté avec l'ARS": ("ACI", "oui (le 15 septembre 2026)"),
    "Avis favorable de l'ARS sur la version en vigueur": (
        "ACI",
        "non (pas encore d'avis, version transmise le 6 octobre 2026)",
    ),
    "Trame nationale ou guide régional suivi": (
        "indicateur CNAM",
        "oui (Trame nationale du plan de préparation des CPTS aux situations sanitaires "
        "exceptionnelles ; Guide régional d'élaboration du plan SSE des CPTS)",
    ),
    "Indicateurs de crise de la CNAM par activation (professionnels mobilisés, actions, durée)": (
        "indicateur CNAM",
        "oui (Canicule de fin juin et début juillet 2025 : 46 professionnels mobilisés, "
        "412 actions, 5 jours, dont 2 avec deux points de situation par jour)",
    ),
}


def flat(text: str) -> str:
    """One space between words, French apostrophes plain (PDF and DOCX typography)."""
    return " ".join(unbreak(text).replace("\u2019", "'").split())


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("relecteur")
    out = root / "plan"
    result = run_cli("render", COMPLETE_EXAMPLE, "-f", "pdf,docx", "-o", out, "--date", DATE)
    assert result.exit_code == 0, result.stderr
    return {
        "pdf": flat(" ".join(pdf_pages(out.with_suffix(".pdf")))),
        "docx": flat(" ".join(docx_texts(out.with_suffix(".docx")))),
    }


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_the_grid_annex_answers_what_the_reviewer_checks(
    documents: dict[str, str], kind: str
) -> None:
    grid = documents[kind].split("grille de conformité", 2)[-1]
    for item, (source, answer) in LINES.items():
        line = f"{item} {source} {answer}"
        assert line in grid, (kind, line)


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_the_summary_says_the_guide_followed_and_the_ars_opinion(
    documents: dict[str, str], kind: str
) -> None:
    text = documents[kind]
    summary = text.split("Rubrique Information Version en vigueur 2.1", 1)[1]
    summary = summary.split("Le territoire", 1)[0]
    assert "Trame ou guide suivi Trame nationale du plan de préparation" in summary
    assert (
        "Avis de l'ARS sur la version en vigueur pas encore d'avis, version transmise le "
        "6 octobre 2026" in summary
    )
    assert "Échanges avec l'ARS" in summary
    assert "Présentation du projet de version 2.1 à la délégation départementale" in summary
    assert "Adhérents de la CPTS (membres de la CPTS)" in summary


def test_the_reviewers_table_has_the_new_lines_with_their_details(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    shutil.copytree(COMPLETE_EXAMPLE, plans / "complet")
    target = tmp_path / "relecture.xlsx"
    result = run_cli("validate", plans, "--date", DATE, "--tableau", target)
    assert result.exit_code == 0, result.stdout
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    header, row = ([cell.value for cell in line] for line in sheet.iter_rows(max_row=2))
    cells = dict(zip(header, row, strict=True))
    for item, (_, answer) in LINES.items():
        column = f"Maîtrise du document : {item}"
        if column not in cells:
            column = f"Évaluer : {item}"
        assert cells[column] == answer, column
    assert cells["Complétude (%)"] == 1


def test_a_plan_never_activated_says_sans_objet_and_keeps_its_completeness(
    tmp_path: Path,
) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    evaluer = plan / "evaluer.yaml"
    text = evaluer.read_text(encoding="utf-8")
    start = text.index("  activations:\n")
    end = text.index("  indicateurs:\n")
    evaluer.write_text(text[:start] + text[end:], encoding="utf-8")
    out = tmp_path / "doc.md"
    result = run_cli("render", plan, "-f", "md", "-o", out, "--date", DATE)
    assert result.exit_code == 0, result.stderr
    line = next(
        line for line in out.read_text(encoding="utf-8").splitlines()
        if "Indicateurs de crise de la CNAM par activation" in line
    )  # fmt: skip
    assert "| sans objet |" in line
    summary = run_cli("validate", plan, "--date", DATE).stdout
    assert "complétude 100 %" in summary
