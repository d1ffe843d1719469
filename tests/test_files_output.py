"""What render reads and writes: plan files that are not regular files, outputs that are not
regular files or are inputs, all-or-none writing, permissions, and interruptions."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import MINIMAL_EXAMPLE, run_cli
from .cost import HANG_GUARD, fifo_guard
from .test_render_support import REFERENCE_DATE

SECRET = "CONTENU-SECRET-DE-LA-MACHINE"


def render(*args: str | Path) -> object:
    return run_cli("render", *args, "--date", REFERENCE_DATE)


def validate(*args: str | Path) -> object:
    return run_cli("validate", *args, "--date", REFERENCE_DATE)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    folder = tmp_path / "plan"
    shutil.copytree(MINIMAL_EXAMPLE, folder)
    return folder


# Plan files -------------------------------------------------------------------------------


def test_a_fifo_given_as_the_plan_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    with fifo_guard(fifo) as hung:
        checked = validate(fifo)
        rendered = render(fifo, "-f", "md", "-o", tmp_path / "out.md")
    assert hung == []
    assert checked.exit_code == 1
    assert "[fichier-refuse]" in checked.stdout and "tube nommé" in checked.stdout
    assert rendered.exit_code == 2 and "ni un fichier ordinaire ni un dossier" in rendered.stderr
    assert not (tmp_path / "out.md").exists()


def test_a_device_given_as_the_plan_is_refused() -> None:
    result = validate("/dev/zero")
    assert result.exit_code == 1
    assert "/dev/zero est un périphérique" in result.stdout


def test_plan_files_leading_out_of_the_plan_folder_are_not_read(plan: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(f"annuaire:\n  - id: x\n    nom: {SECRET}\n", encoding="utf-8")
    (plan / "annuaire.yaml").symlink_to(secret)
    os.mkfifo(plan / "tube.yaml")
    with fifo_guard(plan / "tube.yaml") as hung:
        result = validate(plan, "--format", "json")
    assert hung == []
    assert result.exit_code == 1
    assert SECRET not in result.stdout
    assert "hors du dossier du plan" in result.stdout and "tube nommé" in result.stdout


# Output paths -----------------------------------------------------------------------------


def test_output_onto_a_symlink_is_refused_and_the_link_kept(plan: Path, tmp_path: Path) -> None:
    target = tmp_path / "cible.md"
    target.write_text("ne pas toucher", encoding="utf-8")
    link = tmp_path / "lien.md"
    link.symlink_to(target)
    result = render(plan, "-f", "md", "-o", link)
    assert result.exit_code == 2
    assert "lien symbolique" in result.stderr
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "ne pas toucher"


def test_output_onto_a_fifo_or_a_device_is_refused(plan: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "sortie.md"
    os.mkfifo(fifo)
    result = render(plan, "-f", "md", "-o", fifo)
    assert result.exit_code == 2 and "tube nommé" in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    result = render(plan, "-f", "md", "-o", "/dev/null")
    assert result.exit_code == 2 and "périphérique" in result.stderr
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)
    assert not Path("/dev/null.md").exists()


def test_output_onto_an_input_of_the_run_is_refused(plan: Path, tmp_path: Path) -> None:
    single = tmp_path / "plan.md"
    shutil.copy(plan / "plan.yaml", single)
    before = single.read_bytes()
    result = render(single, "-f", "md", "-o", single)
    assert result.exit_code == 2 and "fichier lu par cette commande" in result.stderr
    assert single.read_bytes() == before
    (plan / "templates").mkdir()
    template = plan / "templates" / "plan-sse.html"
    shutil.copy(Path(__file__).resolve().parent.parent / "templates" / "plan-sse.html", template)
    before = template.read_bytes()
    result = render(plan, "-f", "html", "-o", template)
    assert result.exit_code == 2 and template.read_bytes() == before


def test_a_build_symlink_out_of_the_plan_folder_is_refused(plan: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    (plan / "build").symlink_to(elsewhere)
    result = render(plan, "-f", "md")
    assert result.exit_code == 2 and "hors du dossier du plan" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_file_named_build_is_said_to_be_one_with_a_way_out(plan: Path) -> None:
    """Before: « un élément du chemin n'est pas un dossier » (the system's reason), with no
    file named and no advice (r6's probe)."""
    (plan / "build").write_text("notes", encoding="utf-8")
    result = render(plan, "-f", "md")
    assert result.exit_code == 2
    assert "build est un fichier" in result.stderr and "--output" in result.stderr
    assert (plan / "build").read_text(encoding="utf-8") == "notes"


# All or none, permissions -----------------------------------------------------------------


def test_a_failed_rename_puts_every_previous_document_back(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "sortie"
    out.mkdir()
    for name in ("plan.md", "plan.html"):
        (out / name).write_text(f"ancien {name}", encoding="utf-8")
    real_replace = os.replace

    def replace(source: str | Path, destination: str | Path) -> None:
        if Path(destination).name == "plan.html" and str(source).endswith(".tmp"):
            raise OSError(28, "No space left on device")
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", replace)
    result = render(plan, "-f", "md,html", "-o", out / "plan")
    assert result.exit_code == 4 and "intacts" in result.stderr
    assert (out / "plan.md").read_text(encoding="utf-8") == "ancien plan.md"
    assert (out / "plan.html").read_text(encoding="utf-8") == "ancien plan.html"
    assert sorted(p.name for p in out.iterdir()) == ["plan.html", "plan.md"]


def test_permissions_are_kept_and_the_internal_edition_is_private(
    plan: Path, tmp_path: Path
) -> None:
    previous = os.umask(0o022)
    try:
        assert render(plan, "-f", "md,html", "-e", "interne", "-o", tmp_path / "i").exit_code == 0
        assert render(plan, "-f", "md", "-e", "diffusable", "-o", tmp_path / "d").exit_code == 0
        assert stat.S_IMODE(os.stat(tmp_path / "i.md").st_mode) == 0o600
        assert stat.S_IMODE(os.stat(tmp_path / "i.html").st_mode) == 0o600
        assert stat.S_IMODE(os.stat(tmp_path / "d.md").st_mode) == 0o644
        os.chmod(tmp_path / "d.md", 0o640)
        os.chmod(tmp_path / "i.md", 0o400)
        assert render(plan, "-f", "md", "-e", "diffusable", "-o", tmp_path / "d").exit_code == 0
        assert render(plan, "-f", "md", "-e", "interne", "-o", tmp_path / "i").exit_code == 0
        assert stat.S_IMODE(os.stat(tmp_path / "d.md").st_mode) == 0o640
        assert stat.S_IMODE(os.stat(tmp_path / "i.md").st_mode) == 0o400
    finally:
        os.umask(previous)


# Interruptions ----------------------------------------------------------------------------

# Runs `cptsplan render` with a pandoc (or a Typst) that never ends and says when it started.
DRIVER = r"""
import os, sys, time
from pathlib import Path
from cptsplan.files import pandoc, processes

mode, started, fake = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
if mode == "pandoc":
    pandoc.pandoc_binary = lambda: fake
else:
    pandoc.run_pandoc = lambda *args, **kwargs: b"= Plan"

    def slow_typst(source, timestamp=None, files=None):
        with processes.private_folder("cptsplan-typst-"):
            started.write_text("typst")
            time.sleep(60)

    pandoc.typst_to_pdf = slow_typst
from cptsplan.cli import main

sys.argv = ["cptsplan", "render", *sys.argv[4:]]
main()
"""


@pytest.mark.parametrize(
    ("mode", "signum"),
    [("pandoc", signal.SIGTERM), ("pandoc", signal.SIGINT), ("typst", signal.SIGTERM)],
)
def test_an_interrupted_render_leaves_no_process_nor_temporary_file(
    plan: Path, tmp_path: Path, mode: str, signum: int
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    started = tmp_path / "started"
    fake = tmp_path / "pandoc"
    fake.write_text(f'#!/bin/sh\necho $$ > "{started}"\nexec sleep 60\n', encoding="utf-8")
    fake.chmod(0o755)
    out = tmp_path / "sortie"
    out.mkdir()
    (out / "plan.pdf").write_bytes(b"ancien")
    command = [sys.executable, "-c", DRIVER, mode, str(started), str(fake)]
    formats = "docx,pdf" if mode == "pandoc" else "pdf"
    command += [str(plan), "-f", formats, "-o", str(out / "plan"), "--date", REFERENCE_DATE]
    process = subprocess.Popen(
        command, env={**os.environ, "TMPDIR": str(temporary)}, stderr=subprocess.PIPE
    )
    try:
        # Waits, not measures: HANG_GUARD only stops a test that would never end.
        deadline = time.monotonic() + HANG_GUARD
        while not (started.exists() and started.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert started.exists(), process.stderr.read() if process.poll() is not None else ""
        time.sleep(0.2)
        process.send_signal(signum)
        code = process.wait(timeout=HANG_GUARD)
    finally:
        if process.poll() is None:
            process.kill()
    assert code == 128 + signum, process.stderr.read()
    assert "interrompu" in process.stderr.read().decode("utf-8")
    if mode == "pandoc":
        child = int(started.read_text())
        with pytest.raises(ProcessLookupError):
            os.kill(child, 0)
    assert [p.name for p in temporary.iterdir() if p.name.startswith("cptsplan-")] == []
    assert [p.name for p in out.iterdir()] == ["plan.pdf"]
    assert (out / "plan.pdf").read_bytes() == b"ancien"


def _failure_in(folder_error: Callable[[str], object]) -> BaseException:
    """What leaves a private folder when its body raises an ENOSPC on `folder_error`
    (a callable given the folder, giving the failing file's name)."""
    import errno

    from cptsplan.files import processes

    try:
        with processes.private_folder("cptsplan-test-") as folder:
            name = folder_error(folder)
            raise OSError(errno.ENOSPC, "No space left on device", name)
    except BaseException as error:  # what came out is the point
        return error
    raise AssertionError("no error came out")


@pytest.mark.parametrize(
    "name",
    [
        lambda folder: os.path.join(folder, "plan.typ"),
        lambda folder: os.fsencode(os.path.join(folder, "plan.typ")),  # bytes
        lambda folder: os.path.join(folder, "paquets", "..", "plan.typ"),
        lambda folder: Path(folder) / "figure-1.png",
    ],
)
def test_a_full_work_folder_is_said_in_french_however_the_name_comes_back(
    name: Callable[[str], object],
) -> None:
    """A full temporary disk is exit 4 in French; a name given back as bytes (or not in the
    form the folder was made with) fell out as a raw OSError, a traceback (r1 review #8)."""
    from cptsplan.errors import RenderingError

    error = _failure_in(name)
    assert isinstance(error, RenderingError)
    assert "impossible d'écrire les fichiers de travail" in error.message


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need a privilege there")
def test_the_work_folder_is_recognised_through_a_link(tmp_path: Path) -> None:
    """As Windows gives back `RUNNER~1` for `runneradmin`, macOS gives `/private/var` for
    `/var`: the same folder by another path is still the work folder."""
    from cptsplan.errors import RenderingError

    link = tmp_path / "lien"

    def through_link(folder: str) -> str:
        link.symlink_to(Path(folder).parent)
        return str(link / Path(folder).name / "plan.typ")

    assert isinstance(_failure_in(through_link), RenderingError)


def test_an_error_elsewhere_is_not_blamed_on_the_work_folder(tmp_path: Path) -> None:
    """« cptsplan-test-x2 » starts with « cptsplan-test-x » but is another folder; a file of
    the user's disk is not the work folder either: those errors go on as they are."""
    import errno

    for name in (lambda folder: folder + "2/plan.typ", lambda _: str(tmp_path / "police.ttf")):
        error = _failure_in(name)
        assert type(error) is OSError and error.errno == errno.ENOSPC, error


def test_a_typst_session_blames_only_its_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview's Typst session said « impossible d'écrire les fichiers de travail … »
    for any OSError of a compile (r1 review #9)."""
    import errno

    from cptsplan.errors import RenderingError
    from cptsplan.files import pandoc

    session = pandoc.TypstSession()
    failing: list[str] = []

    def compile_in(folder: str, *_args: object) -> bytes:
        raise OSError(errno.EACCES, "Permission denied", failing[0].format(folder=folder))

    monkeypatch.setattr(pandoc, "_compile_in", compile_in)
    try:
        failing.append("{folder}/plan.typ")
        with pytest.raises(RenderingError, match="fichiers de travail"):
            session.compile("= Plan", None, None)
        failing[0] = "/usr/share/fonts/police.ttf"
        with pytest.raises(OSError) as raised:
            session.compile("= Plan", None, None)
        assert not isinstance(raised.value, RenderingError)
    finally:
        session.close()
