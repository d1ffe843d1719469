"""A defect of cptsplan itself ends in French with exit 5, never in a Python traceback.

`adapter.reponses: A_COMPLETER` once made `render` print a traceback (test_lists_to_complete):
whatever the next such defect is, the coordinator reads what happened and what to do, CI
tells it apart from the plan's problems (1), and no document is left half written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cptsplan.cli.ending import TRACE_VARIABLE, command_edge
from cptsplan.errors import ExitCode

from .conftest import MINIMAL_EXAMPLE

CRASHING_RUN = """
import sys
import cptsplan.api


def defect(*args, **kwargs):
    raise KeyError("exemple de défaut")


cptsplan.api.load_checked_plan = defect
sys.argv = ["cptsplan", *sys.argv[1:]]
from cptsplan.cli import run

run()
"""


def _run_with_a_defect(
    tmp_path: Path, *args: str, trace: bool = False
) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "defaut.py"
    script.write_text(CRASHING_RUN, encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if k != TRACE_VARIABLE}
    if trace:
        environment[TRACE_VARIABLE] = "1"
    return subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True, text=True, encoding="utf-8", env=environment, timeout=120,
    )  # fmt: skip


def test_a_defect_during_render_is_said_in_french_with_exit_5_and_no_document(
    tmp_path: Path,
) -> None:
    out = tmp_path / "sortie" / "plan"
    done = _run_with_a_defect(tmp_path, "render", str(MINIMAL_EXAMPLE), "-f", "md", "-o", str(out))
    assert done.returncode == ExitCode.INTERNAL == 5
    assert "Traceback" not in done.stderr
    assert "erreur interne de cptsplan : KeyError: 'exemple de défaut'" in done.stderr
    # Where in cptsplan, for the report; and that it is not the plan's fault.
    assert "cptsplan/cli/rendering.py:" in done.stderr
    assert "pas de votre plan" in done.stderr and f"{TRACE_VARIABLE}=1" in done.stderr
    assert not out.with_suffix(".md").exists()


def test_the_whole_traceback_is_given_to_whoever_fixes_it(tmp_path: Path) -> None:
    done = _run_with_a_defect(tmp_path, "render", str(MINIMAL_EXAMPLE), "-f", "md", trace=True)
    assert done.returncode == 1  # Python's own exit on an uncaught error
    assert "Traceback" in done.stderr and "exemple de défaut" in done.stderr


@pytest.mark.parametrize(
    "error",
    [ValueError("valeur"), PermissionError(13, "Permission denied", "x.pdf"), RecursionError()],
    ids=["ValueError", "PermissionError", "RecursionError"],
)
def test_every_command_line_path_ends_a_defect_alike(
    error: Exception, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """typer's path and the quick one (cli/quick.py) both run inside `command_edge`. An
    OSError that is not a full output (a file locked by another program that a command did
    not expect) was raised again, as a traceback."""
    monkeypatch.delenv(TRACE_VARIABLE, raising=False)
    with pytest.raises(SystemExit) as leaving, command_edge():
        raise error
    assert leaving.value.code == 5
    said = capsys.readouterr().err
    assert said.startswith(f"erreur interne de cptsplan : {type(error).__name__}")
    assert "Traceback" not in said
