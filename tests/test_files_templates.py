"""Template folders are someone else's files: what they may read, how long they may run,
and how their failures are reported (exit 3, file named), never a leak, a hang or a crash."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cptsplan.render import environment, filters

from .conftest import MINIMAL_EXAMPLE, copy_with_templates, run_cli
from .cost import fifo_guard
from .test_render_support import REFERENCE_DATE, docx_texts

BUNDLED = Path(__file__).resolve().parent.parent / "templates"
SECRET = "CONTENU-SECRET-DE-LA-MACHINE"
FORMAT_OF = {
    "couverture.md.j2": "md",
    "plan-sse.css": "html",
    "plan-sse.html": "html",
    "plan-sse.typ": "pdf",
    "reference.docx": "docx",
}


def render(*args: str | Path) -> object:
    return run_cli("render", *args, "--date", REFERENCE_DATE)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return copy_with_templates(tmp_path)


def outputs(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file() and "out" in path.name]


@pytest.mark.parametrize("name", sorted(FORMAT_OF))
def test_a_symlink_out_of_the_template_folder_is_refused(
    plan: Path, tmp_path: Path, name: str
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{SECRET}\n", encoding="utf-8")
    (plan / "templates" / name).symlink_to(secret)
    result = render(plan, "-f", FORMAT_OF[name], "-o", tmp_path / "out")
    assert result.exit_code == 3, result.stderr
    assert f"templates/{name}" in result.stderr and "hors du dossier de gabarits" in result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert not list(tmp_path.glob("out*"))


def test_the_templates_folder_itself_may_not_lead_elsewhere(plan: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    (elsewhere / "couverture.md.j2").write_text(SECRET, encoding="utf-8")
    (plan / "templates").rmdir()
    (plan / "templates").symlink_to(elsewhere)
    result = render(plan, "-f", "md", "-o", tmp_path / "out.md")
    assert result.exit_code == 3
    assert "hors du dossier du plan" in result.stderr
    assert not (tmp_path / "out.md").exists()


def test_a_symlink_inside_the_template_folder_is_followed(plan: Path, tmp_path: Path) -> None:
    own = plan / "templates" / "ma-couverture.md.j2"
    own.write_text("Couverture maison de {{ plan.cpts.nom }}\n", encoding="utf-8")
    (plan / "templates" / "couverture.md.j2").symlink_to(own.name)
    result = render(plan, "-f", "md", "-o", tmp_path / "out.md")
    assert result.exit_code == 0, result.stderr
    assert "Couverture maison de CPTS du Plateau de Vèze" in (tmp_path / "out.md").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("name", ["couverture.md.j2", "plan-sse.css", "reference.docx"])
def test_a_fifo_in_the_template_folder_is_refused_at_once(
    plan: Path, tmp_path: Path, name: str
) -> None:
    os.mkfifo(plan / "templates" / name)
    fmt = {"couverture.md.j2": "md", "plan-sse.css": "html", "reference.docx": "docx"}[name]
    with fifo_guard(plan / "templates" / name) as hung:
        result = render(plan, "-f", fmt, "-o", tmp_path / "out")
    assert hung == []
    assert result.exit_code == 3
    assert f"templates/{name} n'est pas un fichier ordinaire (un tube nommé)" in result.stderr


def test_custom_layout_files_work_with_a_relative_plan_path(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("plan-sse.html", "plan-sse.typ", "reference.docx"):
        shutil.copy(BUNDLED / name, plan / "templates" / name)
    html = (plan / "templates" / "plan-sse.html").read_text(encoding="utf-8")
    (plan / "templates" / "plan-sse.html").write_text(
        html.replace("<main>", "<main><p>Page régionale</p>"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = render("plan", "-f", "docx,pdf,html", "-o", "out")
    assert result.exit_code == 0, result.stderr
    assert "Page régionale" in (tmp_path / "out.html").read_text(encoding="utf-8")
    assert any("CPTS du Plateau de Vèze" in text for text in docx_texts(tmp_path / "out.docx"))
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("reference.docx", b"ceci n'est pas un document Word", "n'est pas un document Word"),
        ("plan-sse.typ", b"#let x = \n$body$\n", "plan-sse.typ a échoué"),
        ("plan-sse.css", "body { color: \xe9 }".encode("latin-1"), "pas encodé en UTF-8"),
        ("plan-sse.html", b"$if(body)$ sans fin", "plan-sse.html a échoué"),
    ],
)
def test_a_broken_layout_file_is_exit_3_naming_it(
    plan: Path, tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    (plan / "templates" / name).write_bytes(content)
    result = render(plan, "-f", FORMAT_OF[name], "-o", tmp_path / "out")
    assert result.exit_code == 3, result.stderr
    assert f"templates/{name}" in result.stderr and expected in result.stderr
    assert "HasCallStack" not in result.stderr and "Traceback" not in result.stderr
    assert not list(tmp_path.glob("out*"))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('#import "@preview/cetz:0.2.2": canvas', "ligne 2 : le paquet Typst"),
        ('#import ("@pre" + "view/cetz:0.2.2"): canvas', "jamais le réseau"),
    ],
)
def test_a_typst_package_is_never_downloaded(
    plan: Path, tmp_path: Path, line: str, expected: str
) -> None:
    (plan / "templates" / "plan-sse.typ").write_text(f"// en-tête\n{line}\n$body$\n")
    # Refused before Typst runs: the message is ours, not a download's failure.
    result = render(plan, "-f", "pdf", "-o", tmp_path / "out.pdf")
    assert result.exit_code == 3
    assert expected in result.stderr and "jamais le réseau" in result.stderr
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize(
    ("template", "line", "expected"),
    [
        (
            "x\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            2,
            "plus de 3 secondes",
        ),
        ("x\n\n{{ 'x' * 10**8 }}", 3, "100000000 éléments"),
        ("x\n{% for i in range(100000) %}" + "y" * 1000 + "{% endfor %}", 2, "millions"),
        ("x\n{{ 'x' | center(10**10) }}", 2, "mémoire"),
    ],
)
def test_a_runaway_template_is_stopped_and_named_with_its_line(
    plan: Path, tmp_path: Path, template: str, line: int, expected: str
) -> None:
    (plan / "templates" / "couverture.md.j2").write_text(template, encoding="utf-8")
    # Stopped by render's own limits (time, size, memory), whose message names them.
    result = render(plan, "-f", "md", "-o", tmp_path / "out.md")
    assert result.exit_code == 3, result.stderr
    assert f"templates/couverture.md.j2, ligne {line}" in result.stderr
    assert expected in result.stderr
    assert not (tmp_path / "out.md").exists()


def test_a_huge_population_is_refused_clearly_and_a_long_one_renders(
    plan: Path, tmp_path: Path
) -> None:
    source = plan / "plan.yaml"
    text = source.read_text(encoding="utf-8")
    assert "  population: 19400\n" in text
    source.write_text(text.replace("  population: 19400\n", f"  population: 0x{'f' * 4000}\n"))
    result = render(plan, "-f", "md", "-o", tmp_path / "out.md")
    assert result.exit_code == 1, result.stderr
    assert "yaml-nombre-trop-grand" in result.stderr and "Traceback" not in result.stderr
    # The longest number the loader takes still prints, from the bundled templates.
    source.write_text(text.replace("  population: 19400\n", f"  population: {'9' * 20}\n"))
    result = render(plan, "-f", "md", "-o", tmp_path / "out.md")
    assert result.exit_code == 0, result.stderr
    assert "habitants" in (tmp_path / "out.md").read_text(encoding="utf-8")


def test_a_number_too_long_to_print_is_shown_by_its_size() -> None:
    from cptsplan.render.filters import escape_inline

    assert "nombre d’environ 4817 chiffres" in escape_inline(int("f" * 4000, 16))


def test_a_failure_in_a_bundled_template_is_not_blamed_on_the_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(value: object) -> str:
        raise ValueError("panne simulée")

    monkeypatch.setattr(environment, "_ENVIRONMENTS", {})
    monkeypatch.setitem(environment.FILTERS, "nombre", broken)
    monkeypatch.setattr(filters, "number_fr", broken)
    result = render(MINIMAL_EXAMPLE, "-f", "md", "-o", tmp_path / "out.md")
    assert result.exit_code == 4
    assert "(fourni avec cptsplan)" in result.stderr and "panne simulée" in result.stderr
    assert "corrigez le gabarit" not in result.stderr


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plan-sse.html", "<html>$../../../../../../SECRET_PATH()$ $body$</html>"),
        ("plan-sse.typ", '#read("SECRET_PATH")\n$body$\n'),
        ("plan-sse.typ", '#read("../../../../../../../SECRET_PATH")\n$body$\n'),
    ],
)
def test_a_layout_file_cannot_read_the_machine(
    plan: Path, tmp_path: Path, name: str, content: str
) -> None:
    secret = tmp_path / "secret"
    secret.write_text(SECRET, encoding="utf-8")
    relative = str(secret).lstrip("/") if "../" in content else str(secret)
    (plan / "templates" / name).write_text(content.replace("SECRET_PATH", relative))
    result = render(plan, "-f", FORMAT_OF[name], "-o", tmp_path / "out")
    assert result.exit_code == 3, result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert not list(tmp_path.glob("out*"))
