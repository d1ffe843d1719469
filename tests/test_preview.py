"""`cptsplan preview` (`apercu`): the PDF rewritten at each save, the last good one kept while
the plan is broken, one refresh for a burst of saves, Ctrl-C -> 130 with nothing left.

The command is driven as a coordinator would: a process started on a copy of the complete
example, files edited, the PDF read back. Every wait polls with a generous bound (no timing
is asserted: the machine may be loaded)."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cptsplan.preview.watch import Debouncer, snapshot
from tests.conftest import COMPLETE_EXAMPLE
from tests.test_render_support import extracted_pages

WAIT_SECONDS = 240.0
REFERENCE_DATE = "2026-11-23"


class Running:
    """The preview process, its output lines read by a thread as they come."""

    def __init__(self, plan: Path, temporary: Path, *options: str) -> None:
        environment = {**os.environ, "TMPDIR": str(temporary), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cptsplan", "apercu", str(plan), "--date", REFERENCE_DATE,
             *options],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=environment,
            text=True,
            encoding="utf-8",
        )  # fmt: skip
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def next_refresh(self) -> str:
        """The next refresh line (a document written or kept), skipping the banner."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.process.poll() is None, "\n".join(self.seen)
                continue
            self.seen.append(line)
            if "mis à jour" in line or "conservé" in line:
                return line
        raise AssertionError("pas de mise à jour de l'aperçu :\n" + "\n".join(self.seen))

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=WAIT_SECONDS)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    folder = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, folder)
    return folder


@pytest.fixture
def temporary(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "tmp"
    folder.mkdir()
    yield folder


def left_behind(temporary: Path) -> list[str]:
    """What the run left in the temporary folder; Jinja's compiled-templates cache is kept
    on purpose between runs, as by `render` (render/environment.py)."""
    return [path.name for path in temporary.iterdir() if not path.name.startswith("_jinja2")]


def pdf_text(path: Path) -> str:
    return " ".join(extracted_pages(path.read_bytes()))


def first_pages_text(path: Path, count: int = 8) -> str:
    """The text of the first pages, where the territory's communes are printed (page 5 of
    the example)."""
    return " ".join(extracted_pages(path.read_bytes())[:count])


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT envoyé par os.kill : POSIX")
def test_preview_follows_the_saves_keeps_the_last_good_pdf_and_stops_cleanly(
    plan: Path, temporary: Path
) -> None:
    pdf = plan / "build" / "apercu.pdf"
    running = Running(plan, temporary)
    try:
        first = running.next_refresh()
        assert "mis à jour" in first and "0 erreur" in first, first
        original = pdf.read_bytes()

        edit(plan / "plan.yaml", "- nom: Merlinghem-sur-Lys", "- nom: Zorglubville-sur-Lys")
        line = running.next_refresh()
        assert "mis à jour" in line, line
        edited = pdf.read_bytes()
        assert edited != original
        assert "Zorglubville" in first_pages_text(pdf)

        good = (plan / "piloter.yaml").read_text(encoding="utf-8")
        (plan / "piloter.yaml").write_text(good + "\ncassé: [\n", encoding="utf-8")
        line = running.next_refresh()
        assert "conservé" in line and "piloter.yaml:" in line and "syntaxe YAML" in line, line
        assert pdf.read_bytes() == edited  # the last good document stays

        (plan / "piloter.yaml").write_text(good, encoding="utf-8")
        edit(plan / "plan.yaml", "- nom: Zorglubville-sur-Lys", "- nom: Bidulemont-sur-Lys")
        line = running.next_refresh()
        assert "mis à jour" in line, line
        assert pdf.read_bytes() != edited
        text = first_pages_text(pdf)
        assert "Bidulemont" in text and "Zorglubville" not in text
    finally:
        code = running.stop()
    assert code == 130, running.seen
    assert left_behind(temporary) == []  # Typst's folder removed
    assert sorted(path.name for path in (plan / "build").iterdir()) == ["apercu.pdf"]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT envoyé par os.kill : POSIX")
def test_a_plan_failing_the_schema_writes_nothing(plan: Path, temporary: Path) -> None:
    """No document yet and a plan that fails the schema: nothing is written, not even an
    empty file; the first error is named at file:line:col."""
    edit(plan / "piloter.yaml", "piloter:\n", "piloter:\n  cellule_de_crize: oui\n")
    running = Running(plan, temporary)
    try:
        line = running.next_refresh()
    finally:
        code = running.stop()
    assert "conservé" in line and "piloter.yaml:" in line, line
    assert "cellule_de_crize" in line
    assert not (plan / "build").exists() or list((plan / "build").iterdir()) == []
    assert code == 130
    assert left_behind(temporary) == []


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM envoyé par os.kill : POSIX")
def test_a_preview_stopped_by_sigterm_exits_143_and_leaves_nothing(
    plan: Path, temporary: Path
) -> None:
    # README « Codes de sortie » : 130 / 143, commande interrompue ; docs/rendu.md : « code
    # 130 (143 pour SIGTERM) ». A service manager or `kill` stops the preview this way.
    running = Running(plan, temporary)
    try:
        line = running.next_refresh()
        assert "mis à jour" in line, line
        written = (plan / "build" / "apercu.pdf").read_bytes()
    finally:
        running.process.send_signal(signal.SIGTERM)
        code = running.process.wait(timeout=WAIT_SECONDS)
    assert code == 143, running.seen
    assert left_behind(temporary) == []
    assert sorted(path.name for path in (plan / "build").iterdir()) == ["apercu.pdf"]
    assert (plan / "build" / "apercu.pdf").read_bytes() == written


def test_preview_refuses_a_format_it_does_not_produce(plan: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "cptsplan", "preview", str(plan), "-f", "docx"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=WAIT_SECONDS,
    )
    assert completed.returncode == 2
    assert "l'aperçu ne produit pas le format docx" in completed.stderr


def test_a_burst_of_saves_gives_one_refresh(tmp_path: Path) -> None:
    """A `git checkout` rewriting every file: one refresh once the files stop changing."""
    files = [tmp_path / f"{name}.yaml" for name in ("a", "b", "c")]
    for path in files:
        path.write_text("x: 1\n", encoding="utf-8")
    debouncer = Debouncer(snapshot([tmp_path]), quiet=0.3)
    refreshes = 0
    now = 0.0
    for step, path in enumerate(files):  # one file every 0.1 s
        path.write_text(f"x: {step + 2}0\n", encoding="utf-8")
        now += 0.1
        refreshes += debouncer.observe(snapshot([tmp_path]), now)
    for _ in range(20):  # then two seconds of polls with nothing new
        now += 0.1
        refreshes += debouncer.observe(snapshot([tmp_path]), now)
    assert refreshes == 1


def test_watch_skips_the_output_folder_and_editor_files(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / ".cptsplan.yaml").write_text("strict: false\n", encoding="utf-8")
    for name in (".plan.yaml.swp", "plan.yaml~", ".#plan.yaml", "#plan.yaml#"):
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "apercu.pdf").write_bytes(b"%PDF")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "index").write_bytes(b"")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "plan-sse.typ").write_text("", encoding="utf-8")
    watched = {Path(path).relative_to(tmp_path).as_posix() for path in snapshot([tmp_path])}
    assert watched == {"plan.yaml", ".cptsplan.yaml", "templates/plan-sse.typ"}


def test_a_document_locked_by_a_viewer_is_kept_said_and_tried_again(
    plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows: a viewer that locks the open PDF makes the replace fail (PermissionError);
    the refresh keeps the document, says what to do, and asks to be tried again."""
    from datetime import date

    from cptsplan.preview import refresh

    preview = refresh.Preview(refresh.Settings(plan, str(plan), today=date(2026, 11, 23)))
    try:
        assert preview.refresh().written
        pdf = plan / "build" / "apercu.pdf"
        before = pdf.read_bytes()

        def locked(source: object, target: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(os, "replace", locked)
        monkeypatch.setattr(sys, "platform", "win32")
        edit(plan / "plan.yaml", "- nom: Merlinghem-sur-Lys", "- nom: Zorglubville-sur-Lys")
        done = preview.refresh()
    finally:
        preview.close()
    assert not done.written and done.retry
    assert "conservé" in done.line and "SumatraPDF" in done.line and "réessaie" in done.line
    assert pdf.read_bytes() == before
    assert sorted(path.name for path in (plan / "build").iterdir()) == ["apercu.pdf"]


def test_the_kept_compiler_gives_the_pdf_of_a_cold_render(plan: Path, tmp_path: Path) -> None:
    """After an edit, the PDF that Typst's kept compiler lays out again is, byte for byte,
    the PDF a fresh `render -f pdf` makes of the edited plan."""
    from datetime import date

    from cptsplan.preview import refresh
    from tests.conftest import run_cli

    preview = refresh.Preview(refresh.Settings(plan, str(plan), today=date(2026, 11, 23)))
    try:
        assert preview.refresh().written
        edit(plan / "plan.yaml", "- nom: Merlinghem-sur-Lys", "- nom: Zorglubville-sur-Lys")
        assert preview.refresh().written
    finally:
        preview.close()
    cold = tmp_path / "froid.pdf"
    result = run_cli("render", plan, "-f", "pdf", "-o", cold, "--date", REFERENCE_DATE)
    assert result.exit_code == 0, result.stderr
    assert (plan / "build" / "apercu.pdf").read_bytes() == cold.read_bytes()


def test_a_plan_with_rule_errors_only_is_shown_as_a_draft(plan: Path) -> None:
    """The preview shows the document being written: errors of the conformity rules alone
    (the schema holds) give a document marked BROUILLON, and the line names the error."""
    from datetime import date

    from cptsplan.preview import refresh

    text = (plan / "annuaire.yaml").read_text(encoding="utf-8")
    (plan / "annuaire.yaml").write_text(text.replace('numero: "0', 'numero: "09', 1), "utf-8")
    preview = refresh.Preview(refresh.Settings(plan, str(plan), today=date(2026, 11, 23)))
    try:
        done = preview.refresh()
    finally:
        preview.close()
    assert done.written, done.line
    assert "(brouillon)" in done.line and "1 erreur" in done.line
    assert "annuaire.yaml:" in done.line and "mal formé" in done.line
    assert "BROUILLON" in pdf_text(plan / "build" / "apercu.pdf")
