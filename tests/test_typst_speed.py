"""What keeps `render` fast: the plan is read and checked once whatever the formats asked,
and the PDF needs neither pandoc nor the Python packages of the other formats."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cptsplan import api
from cptsplan.files import pandoc
from cptsplan.render import document

from .conftest import MINIMAL_EXAMPLE, run_cli
from .test_render_support import REFERENCE_DATE


def _counting(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[int]:
    calls: list[int] = []
    original = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_docx_and_pdf_in_one_call_read_and_check_the_plan_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    loads = _counting(monkeypatch, api, "load_plan")
    checks = _counting(monkeypatch, api, "check_plan")
    documents = _counting(monkeypatch, document, "plan_markdown")
    result = run_cli(
        "render", MINIMAL_EXAMPLE, "-f", "docx,pdf", "-o", tmp_path / "plan",
        "--date", REFERENCE_DATE,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "plan.docx").stat().st_size and (tmp_path / "plan.pdf").stat().st_size
    assert (len(loads), len(checks), len(documents)) == (1, 1, 1)


def test_the_pdf_does_not_run_pandoc(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def no_pandoc(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("pandoc lancé pour un PDF")

    monkeypatch.setattr(pandoc, "run_pandoc", no_pandoc)
    result = run_cli(
        "render", MINIMAL_EXAMPLE, "-f", "pdf", "-o", tmp_path / "plan.pdf",
        "--date", REFERENCE_DATE,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")


def test_the_pdf_imports_only_what_it_needs(tmp_path: Path) -> None:
    # A fresh process, as a user runs it: no pypandoc, no git comparison without --depuis.
    code = (
        "import sys\n"
        "from cptsplan.cli import main\n"
        f"sys.argv = ['cptsplan', 'render', {str(MINIMAL_EXAMPLE)!r}, '-f', 'pdf', "
        f"'-o', {str(tmp_path / 'plan.pdf')!r}, '--date', {REFERENCE_DATE!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pypandoc', 'docx', 'cptsplan.render.changes', "
        "'cptsplan.diff.compare') if m in sys.modules))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert (tmp_path / "plan.pdf").exists()
    assert completed.stdout.strip().splitlines()[-1] == "[]"
