"""A plan's own `templates/plan-sse.typ` on the PDF path without pandoc: a layout written for
an earlier version (pandoc's template syntax, none of the new functions) still gives the
plan, and a template feature cptsplan does not fill is refused, naming the file and line."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from .conftest import copy_with_templates, run_cli
from .test_render_support import REFERENCE_DATE, normalized, unbreak

OWN_LAYOUT = """// Mise en page de la CPTS
#set page(paper: "a5", margin: 1.5cm, footer: [$cptsplan-pied$])
#set document(title: [$title$])
#set text(lang: "fr")
#let couverture(body) = page(align(center, body))
$if(brouillon)$#let marque = [BROUILLON]$else$#let marque = []$endif$
#marque
$for(header-includes)$
$header-includes$
$endfor$
$body$
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return copy_with_templates(tmp_path)


def test_a_plans_own_earlier_layout_still_gives_the_whole_plan(plan: Path, tmp_path: Path) -> None:
    (plan / "templates" / "plan-sse.typ").write_text(OWN_LAYOUT, encoding="utf-8")
    out = tmp_path / "plan.pdf"
    result = run_cli("render", plan, "-f", "pdf", "-o", out, "--date", REFERENCE_DATE)
    assert result.exit_code == 0, result.stderr
    reader = pypdf.PdfReader(str(out))
    assert {round(float(page.mediabox.width)) for page in reader.pages} == {420}  # A5
    text = normalized(unbreak("\n".join(page.extract_text() for page in reader.pages)))
    for expected in ("CPTS du Plateau de Vèze", "Sommaire", "Annexe A : annuaire de crise",
                     "Rubrique Information", "Version 1.0 du 18 septembre 2026"):  # fmt: skip
        assert normalized(expected) in text, expected
    assert "$" not in text


@pytest.mark.parametrize(
    ("layout", "line"),
    [('#set page(paper: "a4")\n$titre/uppercase$\n$body$\n', 2), ("a\nb\nc $ d\n$body$", 3)],
)
def test_a_template_feature_cptsplan_does_not_fill_is_refused(
    plan: Path, tmp_path: Path, layout: str, line: int
) -> None:
    (plan / "templates" / "plan-sse.typ").write_text(layout, encoding="utf-8")
    result = run_cli("render", plan, "-f", "pdf", "-o", tmp_path / "plan.pdf")
    assert result.exit_code == 3, result.stderr
    assert "templates/plan-sse.typ" in result.stderr and f"ligne {line}" in result.stderr
    assert not (tmp_path / "plan.pdf").exists()
