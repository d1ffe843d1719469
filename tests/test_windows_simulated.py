"""What Windows does differently, forced on Linux (issue 17 §2): no owner ids, locked
documents, no fork, reserved device names, backslash paths with drive letters, folders with
spaces and accents, CRLF files. Each test forces the Windows behaviour (platform, error
raised, start method, path flavour); what only Windows itself can confirm is listed in
docs/installation.md."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import shutil
import sys
from datetime import date
from pathlib import Path, PureWindowsPath

import pytest

from cptsplan import api
from cptsplan.files import output
from cptsplan.reporters.github import repository_path
from cptsplan.reporters.sarif import uri_of

from .conftest import COMPLETE_EXAMPLE, FIXTURES, MINIMAL_EXAMPLE, git, run_cli

DATE = "2026-11-23"
LOCKED = "dans le lecteur PDF ou Word, puis relancez"


def as_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """sys.platform says win32 and the POSIX-only calls are gone, as on Windows."""
    monkeypatch.setattr(sys, "platform", "win32")
    for name in ("getuid", "getgid", "chown"):
        monkeypatch.delattr(os, name, raising=False)


# -- No owner ids ---------------------------------------------------------------------------


def test_a_second_write_works_without_owner_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every second render crashed on Windows: os.getuid() on the existing document."""
    target = tmp_path / "plan.pdf"
    output.write_all({target: b"premier"})
    as_windows(monkeypatch)
    output.write_all({target: b"second"})
    assert target.read_bytes() == b"second"
    assert sorted(tmp_path.iterdir()) == [target]


def test_a_configuration_is_read_without_owner_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cptsplan.config import repository_config

    config = tmp_path / ".cptsplan.yaml"
    config.write_text("strict: true\n", encoding="utf-8")
    as_windows(monkeypatch)
    assert repository_config._owned(config)


def test_the_memory_bound_is_skipped_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    from cptsplan.render import limits

    as_windows(monkeypatch)
    monkeypatch.setitem(sys.modules, "resource", None)  # no such module on Windows
    with limits._memory_bound():
        pass


# -- Locked documents -----------------------------------------------------------------------


def lock(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Replacing `name` fails as it does on Windows while a viewer or Word holds it."""
    real_replace = os.replace

    def replace(source: str | Path, destination: str | Path) -> None:
        if Path(destination).name == name:
            raise PermissionError(13, "Accès refusé", str(destination))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", replace)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    folder = tmp_path / "plan"
    shutil.copytree(MINIMAL_EXAMPLE, folder)
    return folder


def test_a_document_open_in_a_viewer_stops_render_cleanly(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "sortie"
    out.mkdir()
    for name in ("plan.md", "plan.html"):
        (out / name).write_text(f"ancien {name}", encoding="utf-8")
    lock(monkeypatch, "plan.html")
    result = run_cli("render", plan, "-f", "md,html", "-o", out / "plan", "--date", DATE)
    assert result.exit_code == 4
    assert (
        "fermez le fichier plan.html dans le navigateur, Word ou l'éditeur de texte, puis relancez"
        in (result.stderr)
    )
    assert "Traceback" not in result.stderr
    assert (out / "plan.md").read_text(encoding="utf-8") == "ancien plan.md"
    assert (out / "plan.html").read_text(encoding="utf-8") == "ancien plan.html"
    assert sorted(p.name for p in out.iterdir()) == ["plan.html", "plan.md"]  # no temporary


def test_a_directory_export_open_elsewhere_stops_cleanly(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "annuaire.csv"
    target.write_text("ancien", encoding="utf-8")
    lock(monkeypatch, "annuaire.csv")
    result = run_cli("annuaire", "exporter", plan, "-f", "csv", "-o", target, "--date", DATE)
    assert result.exit_code == 4
    assert (
        "fermez le fichier annuaire.csv dans le tableur (Excel, LibreOffice Calc)" in result.stderr
    )
    assert target.read_text(encoding="utf-8") == "ancien"
    assert [p.name for p in tmp_path.iterdir() if p.name != "plan"] == ["annuaire.csv"]


def test_a_review_table_open_in_excel_stops_cleanly(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = tmp_path / "relecture.xlsx"
    table.write_bytes(b"ancien")
    lock(monkeypatch, "relecture.xlsx")
    result = run_cli("validate", plan, "--tableau", table, "--date", DATE)
    assert result.exit_code == 4
    assert "fermez le fichier relecture.xlsx dans le tableur" in result.stderr
    assert table.read_bytes() == b"ancien"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan", "relecture.xlsx"]


def test_a_plan_file_open_in_an_editor_stops_update_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "v2.1")
    before = (plan / "plan.yaml").read_bytes()
    lock(monkeypatch, "plan.yaml")
    result = run_cli("update", plan, "--ecrire", "--date", DATE)
    assert result.exit_code == 4
    assert "fermez le fichier plan.yaml dans l'éditeur, puis relancez" in result.stderr
    assert (plan / "plan.yaml").read_bytes() == before
    assert not [p for p in plan.iterdir() if p.name.endswith(".tmp")]


# -- Batch validation without fork ----------------------------------------------------------


def test_batch_validation_works_with_the_spawn_start_method(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no fork: worker processes start fresh and import cptsplan themselves."""
    plans = tmp_path / "plans"
    for name in ("cpts-a", "cpts-b", "cpts-c", "cpts-d"):
        shutil.copytree(MINIMAL_EXAMPLE, plans / name)
    (plans / "cpts-b" / "plan.yaml").write_text("version_format: [\n", encoding="utf-8")
    contexts: list[str] = []
    real_pool = concurrent.futures.ProcessPoolExecutor

    def spawned_pool(*args: object, **kwargs: object) -> concurrent.futures.ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")
        contexts.append(context.get_start_method())
        return real_pool(*args, mp_context=context, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", spawned_pool)
    sequential = api.check([plans], today=date(2026, 11, 23))
    spawned = api.check([plans], today=date(2026, 11, 23), jobs=2)
    assert contexts == ["spawn"]

    def summary(result: api.CheckResult) -> list[tuple[object, ...]]:
        return [(r.target, r.name, r.problems, r.completeness) for r in result.reports]

    assert summary(spawned) == summary(sequential)
    assert [r.schema_valid for r in spawned.reports] == [True, False, True, True]


# -- Reserved names, Windows paths, spaces and accents, CRLF --------------------------------


@pytest.mark.parametrize("name", ["NUL.md", "CON", "aux.md", "com1.md", "LPT9.md", "nul.tar.md"])
def test_a_reserved_windows_name_is_refused_as_an_output(
    plan: Path, tmp_path: Path, name: str
) -> None:
    result = run_cli("render", plan, "-f", "md", "-o", tmp_path / name, "--date", DATE)
    assert result.exit_code == 2
    assert "porte un nom que Windows réserve à un périphérique" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan"]


def test_a_reserved_name_is_refused_for_a_directory_export(plan: Path, tmp_path: Path) -> None:
    result = run_cli("annuaire", "exporter", plan, "-o", tmp_path / "NUL.vcf", "--date", DATE)
    assert result.exit_code == 2
    assert "Windows réserve" in result.stderr


def test_ordinary_names_close_to_reserved_ones_are_accepted() -> None:
    for name in ("console.pdf", "nullite.docx", "auxiliaire.md", "com10.pdf", "plan-nul.pdf"):
        assert not output.reserved_name(Path(name)), name


def test_windows_paths_are_written_with_forward_slashes_for_ci() -> None:
    assert uri_of(PureWindowsPath(r"plan\plan.yaml")) == {
        "uri": "plan/plan.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert uri_of(PureWindowsPath(r"C:\Users\Anne\Plan été\plan.yaml")) == {
        "uri": "file:///C:/Users/Anne/Plan%20%C3%A9t%C3%A9/plan.yaml"
    }
    assert repository_path(r"plan\annuaire.yaml", windows=True) == "plan/annuaire.yaml"
    assert repository_path(r"D:\CPTS\plan\a.yaml", windows=True) == "D:/CPTS/plan/a.yaml"
    assert repository_path("plan/a.yaml", windows=False) == "plan/a.yaml"


def test_a_plan_under_a_folder_with_spaces_and_accents(tmp_path: Path) -> None:
    folder = tmp_path / "Mes Documents" / "Plan été 2026 – CPTS Lœ"
    run_cli("init", folder, "--nom", "CPTS de l'Étang", "--territoire", "Lac")
    validated = run_cli("validate", folder)
    assert validated.exit_code == 0
    assert f"{folder / 'plan'} : plan « CPTS de l'Étang »" in validated.stdout
    rendered = run_cli("render", folder, "-f", "md")
    assert rendered.exit_code == 0, rendered.stderr
    assert (folder / "build" / "plan-sse-diffusable-brouillon.md").is_file()
    compared = run_cli("diff", folder, "--depuis", "HEAD")
    assert compared.exit_code == 0, compared.stderr


def crlf_copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    for path in target.glob("*.yaml"):
        text = path.read_bytes().replace(b"\r\n", b"\n")
        path.write_bytes(text.replace(b"\n", b"\r\n"))
    return target


def test_crlf_files_give_the_same_report_at_the_same_lines(tmp_path: Path) -> None:
    broken = tmp_path / "lf"
    broken.mkdir()
    shutil.copy(FIXTURES / "invalid" / "cle-mal-ecrite.yaml", broken / "plan.yaml")
    windows = crlf_copy(broken, tmp_path / "crlf")
    lf = run_cli("validate", broken / "plan.yaml", "--date", DATE)
    crlf = run_cli("validate", windows / "plan.yaml", "--date", DATE)
    assert crlf.exit_code == lf.exit_code == 1
    assert crlf.stdout.replace(str(windows), "X") == lf.stdout.replace(str(broken), "X")


def test_update_keeps_crlf_line_ends(tmp_path: Path) -> None:
    plan = crlf_copy(COMPLETE_EXAMPLE, tmp_path / "plan")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "v2.1")
    assert run_cli("validate", plan, "--date", DATE).exit_code == 0
    result = run_cli("update", plan, "--ecrire", "--date", DATE)
    assert result.exit_code == 0, result.stderr
    written = (plan / "plan.yaml").read_bytes()
    assert b'version: "2.2"' in written
    assert written.count(b"\n") == written.count(b"\r\n")
    assert run_cli("diff", plan, "--depuis", "HEAD").exit_code == 0


def test_a_plan_on_another_drive_is_shown_by_its_full_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no relative path from C: to D: (os.path.relpath raises ValueError): the
    repository's plan is then named by its full path rather than crashing."""
    from cptsplan.repository import location

    run_cli("init", tmp_path / "depot", "--nom", "CPTS X", "--territoire", "Y")

    def no_relative_path(*_args: object) -> str:
        raise ValueError("path is on mount 'D:', start on mount 'C:'")

    monkeypatch.setattr(location.os.path, "relpath", no_relative_path)
    found = location.locate_plan(tmp_path / "depot")
    assert found.plan == tmp_path / "depot" / "plan"
    assert (
        location.configured_plan(tmp_path / "depot", upward=False)
        == (tmp_path / "depot" / "plan").resolve()
    )
