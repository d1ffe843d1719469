"""`cptsplan render`: refusals, drafts, custom templates, failures and atomic output."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cptsplan.errors import RenderingError
from cptsplan.files import pandoc

from .conftest import FIXTURES, MINIMAL_EXAMPLE, run_cli
from .test_render_support import REFERENCE_DATE, docx_document, docx_texts, pdf_pages

DRAFT_PLAN = FIXTURES / "render" / "plan-brouillon.yaml"
SCHEMA_INVALID_PLAN = FIXTURES / "render" / "plan-schema-invalide.yaml"


def render(*args: str | Path) -> object:
    return run_cli("render", *args, "--date", REFERENCE_DATE)


@pytest.fixture
def minimal_plan(tmp_path: Path) -> Path:
    """A copy of the minimal example, so that default outputs and templates/ stay in tmp."""
    folder = tmp_path / "plan"
    shutil.copytree(MINIMAL_EXAMPLE, folder)
    return folder


def test_plan_with_rule_errors_is_not_rendered(tmp_path: Path) -> None:
    output = tmp_path / "plan.md"
    result = render(DRAFT_PLAN, "-f", "md", "-o", output)
    assert result.exit_code == 1
    assert not output.exists() and list(tmp_path.iterdir()) == []
    assert "aucun document produit" in result.stderr
    validate = run_cli("validate", DRAFT_PLAN, "--date", REFERENCE_DATE)
    problems = [line for line in validate.stdout.splitlines() if line.startswith(str(DRAFT_PLAN))]
    assert problems and all(line in result.stderr for line in problems)


def test_schema_invalid_plan_is_never_rendered(tmp_path: Path) -> None:
    output = tmp_path / "plan.md"
    result = render(SCHEMA_INVALID_PLAN, "-f", "md", "-o", output, "--brouillon")
    assert result.exit_code == 1
    assert not output.exists()
    assert "[schema-manquant]" in result.stderr


def test_draft_says_brouillon_on_every_page(tmp_path: Path) -> None:
    result = render(DRAFT_PLAN, "--brouillon", "-f", "pdf,docx,html,md", "-o", tmp_path / "b")
    assert result.exit_code == 0, result.stderr
    pages = pdf_pages(tmp_path / "b.pdf")
    assert len(pages) > 3 and all("BROUILLON" in page for page in pages)
    section = docx_document(tmp_path / "b.docx").sections[0]
    for header in (section.header, section.first_page_header):
        assert "BROUILLON" in " ".join(p.text for p in header.paragraphs)
    assert 'class="filigrane-brouillon"' in (tmp_path / "b.html").read_text(encoding="utf-8")
    assert "BROUILLON" in (tmp_path / "b.md").read_text(encoding="utf-8")


def test_default_output_goes_to_build_next_to_the_plan(minimal_plan: Path) -> None:
    result = render(minimal_plan, "-f", "md", "-e", "diffusable")
    assert result.exit_code == 0, result.stderr
    expected = minimal_plan / "build" / "plan-sse-v1.0-diffusable.md"
    assert expected.is_file()
    assert str(expected) in result.stdout
    assert [p.name for p in expected.parent.iterdir()] == [expected.name]  # no temporary file


def test_missing_pandoc_gives_exit_4_and_keeps_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "plan.docx"
    output.write_bytes(b"version precedente")
    monkeypatch.setattr(pandoc, "pandoc_binary", lambda: tmp_path / "absent" / "pandoc")
    result = render(MINIMAL_EXAMPLE, "-f", "docx", "-o", output)
    assert result.exit_code == 4
    assert "pandoc est introuvable" in result.stderr
    assert output.read_bytes() == b"version precedente"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.docx"]


def test_one_failed_format_writes_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("plan.docx", "plan.pdf"):
        (tmp_path / name).write_bytes(b"ancien " + name.encode())

    def broken_typst(source: str, timestamp: int | None = None, files: object = None) -> bytes:
        raise RenderingError("Typst n'a pas pu produire le PDF : panne simulée")

    monkeypatch.setattr(pandoc, "typst_to_pdf", broken_typst)
    result = render(MINIMAL_EXAMPLE, "-f", "docx,pdf", "-o", tmp_path / "plan")
    assert result.exit_code == 4
    assert "panne simulée" in result.stderr
    assert (tmp_path / "plan.docx").read_bytes() == b"ancien plan.docx"
    assert (tmp_path / "plan.pdf").read_bytes() == b"ancien plan.pdf"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx", "plan.pdf"]


def test_templates_option_overrides_a_bundled_template(tmp_path: Path) -> None:
    templates = tmp_path / "gabarits"
    templates.mkdir()
    (templates / "evaluer.md.j2").write_text(
        "# Évaluer\n\nSection personnalisée pour {{ plan.cpts.nom }}.\n", encoding="utf-8"
    )
    result = render(MINIMAL_EXAMPLE, "-f", "md", "-o", tmp_path / "p.md", "--templates", templates)
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "p.md").read_text(encoding="utf-8")
    assert "Section personnalisée pour CPTS du Plateau de Vèze." in text
    headings = [line for line in text.splitlines() if line.startswith("#")]
    # The bundled evaluer template was replaced; the other bundled templates are still used.
    assert not [h for h in headings if "Retours d’expérience" in h]
    assert "# 4 Piloter" in headings


def test_templates_folder_next_to_the_plan_is_used(minimal_plan: Path) -> None:
    (minimal_plan / "templates").mkdir()
    (minimal_plan / "templates" / "couverture.md.j2").write_text(
        "Couverture régionale de {{ plan.cpts.nom }}\n", encoding="utf-8"
    )
    result = render(minimal_plan, "-f", "docx", "-o", minimal_plan / "p.docx")
    assert result.exit_code == 0, result.stderr
    assert "Couverture régionale de CPTS du Plateau de Vèze" in docx_texts(minimal_plan / "p.docx")


@pytest.mark.parametrize(
    ("content", "line", "detail"),
    [
        ("# Évaluer\n\n{% if plan.evaluer %}\nsans fin\n", 4, "syntaxe"),
        ("# Évaluer\n\n{{ plan.cpts.nom.inexistant() }}\n", 3, "rendu"),
        ("# Évaluer\n{{ 1 // 0 }}\n", 2, "ZeroDivisionError"),
    ],
)
def test_broken_custom_template_names_file_and_line(
    tmp_path: Path, content: str, line: int, detail: str
) -> None:
    templates = tmp_path / "gabarits"
    templates.mkdir()
    (templates / "evaluer.md.j2").write_text(content, encoding="utf-8")
    output = tmp_path / "p.md"
    result = render(MINIMAL_EXAMPLE, "-f", "md", "-o", output, "--templates", templates)
    assert result.exit_code == 3
    assert "evaluer.md.j2" in result.stderr
    assert f"ligne {line}" in result.stderr
    assert detail in result.stderr
    assert not output.exists()


def test_custom_template_cannot_reach_python_internals(tmp_path: Path) -> None:
    templates = tmp_path / "gabarits"
    templates.mkdir()
    (templates / "evaluer.md.j2").write_text(
        "{{ plan.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8"
    )
    result = render(MINIMAL_EXAMPLE, "-f", "md", "-o", tmp_path / "p.md", "--templates", templates)
    assert result.exit_code == 3
    assert "evaluer.md.j2" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("-f", "odt"),
        ("-e", "publique"),
        ("--date", "2026-13-01"),
        ("--templates", "/dossier/absent"),
        ("-f", "docx", "-o", "plan.pdf"),
    ],
)
def test_usage_errors(args: tuple[str, ...]) -> None:
    result = run_cli("render", MINIMAL_EXAMPLE, *args)
    assert result.exit_code == 2
    assert "erreur :" in result.stderr


def test_missing_plan_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("render", tmp_path / "absent")
    assert result.exit_code == 2


def test_rendering_libraries_are_not_imported_at_start_up() -> None:
    code = (
        "import sys, cptsplan.cli; "
        "print(sorted(m for m in ('jinja2', 'pypandoc', 'typst', 'cptsplan.render') "
        "if m in sys.modules))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == "[]"


@pytest.mark.real_engines  # what it proves is the engines' own determinism
def test_same_plan_gives_the_same_documents(tmp_path: Path) -> None:
    for name in ("a", "b"):
        result = render(MINIMAL_EXAMPLE, "-f", "pdf,docx,md", "-o", tmp_path / name)
        assert result.exit_code == 0, result.stderr
    for ext in ("pdf", "docx", "md"):
        assert (tmp_path / f"a.{ext}").read_bytes() == (tmp_path / f"b.{ext}").read_bytes()


def test_a_draft_is_rendered_with_a_count_not_pages_of_warnings(tmp_path: Path) -> None:
    """Right after `init`, a plan has 70 things to complete: the render of a draft said each
    of them (350 lines above the written files). It gives the count and where to read them."""
    assert (
        run_cli("init", tmp_path / "mon-plan", "--nom", "CPTS X", "--territoire", "Y").exit_code
        == 0
    )
    result = render(tmp_path / "mon-plan", "-f", "md")
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert "avertissements" in lines[0]
    assert f"cptsplan validate {tmp_path / 'mon-plan'} --resume" in lines[1]
    assert "écrit :" in result.stdout


def test_a_plan_about_to_be_sent_shows_each_warning_in_full(minimal_plan: Path) -> None:
    """Not a draft: each remaining warning is worth reading before sending, with its line."""
    text = (minimal_plan / "plan.yaml").read_text(encoding="utf-8")
    (minimal_plan / "plan.yaml").write_text(
        text.replace("verifie_le: 2026-09-14", "verifie_le: 2024-01-15", 1), encoding="utf-8"
    )
    result = render(minimal_plan, "-f", "md", "--date", REFERENCE_DATE)
    assert result.exit_code == 0, result.stderr
    assert "avertissement [contact-verification-ancienne]" in result.stderr
    assert "verifie_le: 2024-01-15" in result.stderr  # the line, under its position
    assert "le détail" not in result.stderr


def test_a_suggested_command_quotes_a_path_with_spaces(tmp_path: Path) -> None:
    """« cptsplan validate Mes Documents/plan SSÉ --resume » pasted into a terminal fails:
    the command a message suggests quotes such a path (the same in cmd, PowerShell, bash)."""
    from cptsplan.cli.common import as_argument

    assert as_argument(Path("mon-plan")) == "mon-plan"
    assert as_argument("Mes Documents/plan SSÉ") == '"Mes Documents/plan SSÉ"'
    assert as_argument("R&D") == '"R&D"'
    folder = tmp_path / "Mes Documents" / "plan SSÉ"
    assert run_cli("init", folder, "--nom", "CPTS X", "--territoire", "Y").exit_code == 0
    result = render(folder, "-f", "md")
    assert f'cptsplan validate "{folder}" --resume' in result.stderr
