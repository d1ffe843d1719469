"""A custom HTML page (`templates/plan-sse.html` of someone else's plan) that names a file of
the machine as a pandoc partial: pandoc read it, sandbox or not, and printed it in the page
(a file with an extension: `~/.git-credentials`, a `.yaml` of tokens). Refused (exit 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import copy_with_templates, run_cli
from .test_render_support import REFERENCE_DATE

SECRET = "CONTENU-SECRET-DE-LA-MACHINE"
BUNDLED_PAGE = Path(__file__).resolve().parent.parent / "templates" / "plan-sse.html"


def _page_with(plan: Path, directive: str) -> None:
    page = BUNDLED_PAGE.read_text(encoding="utf-8").replace("<main>", directive + "\n<main>", 1)
    (plan / "templates" / "plan-sse.html").write_text(page, encoding="utf-8")


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return copy_with_templates(tmp_path)


@pytest.mark.parametrize(
    "form",
    [
        "${ SECRET_PATH() }",
        "$SECRET_PATH()$",
        "$ SECRET_PATH() $",
        "$pagetitle:SECRET_PATH()$",
        "${ pagetitle:SECRET_PATH()[, ] }",
        "$../../../../../../../../RELATIVE_PATH()$",
    ],
)
def test_a_page_naming_a_file_of_the_machine_is_refused(
    plan: Path, tmp_path: Path, form: str
) -> None:
    secret = tmp_path / "machine" / "jetons.yaml"
    secret.parent.mkdir()
    secret.write_text(f"{SECRET}\n", encoding="utf-8")
    directive = form.replace("SECRET_PATH", str(secret))
    _page_with(plan, directive.replace("RELATIVE_PATH", str(secret).lstrip("/")))
    result = run_cli(
        "render", plan, "-f", "html", "-o", tmp_path / "out.html", "--date", REFERENCE_DATE
    )
    assert result.exit_code == 3, result.stderr
    assert "templates/plan-sse.html, ligne" in result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert not (tmp_path / "out.html").exists()


def test_a_partial_of_pandoc_itself_still_works(plan: Path, tmp_path: Path) -> None:
    _page_with(plan, "<!-- $styles.html()$ -->")
    result = run_cli(
        "render", plan, "-f", "html", "-o", tmp_path / "out.html", "--date", REFERENCE_DATE
    )
    assert result.exit_code == 0, result.stderr
    assert "CPTS du Plateau de Vèze" in (tmp_path / "out.html").read_text(encoding="utf-8")
