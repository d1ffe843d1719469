"""The `cptsplan` command leaves without the interpreter's teardown (cli/ending.py): the
same exit codes and the same output as an ordinary exit, complete on a file or a pipe, and
nothing left behind."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from cptsplan.cli.ending import exit_status as _exit_status

from .conftest import COMPLETE_EXAMPLE, MINIMAL_EXAMPLE

ROOT = Path(__file__).resolve().parent.parent


def cptsplan(*args: str | Path, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """`python -m cptsplan ARGS` in a fresh process, as a user runs it."""
    command = [sys.executable, "-m", "cptsplan", *map(str, args)]
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE} | kwargs
    return subprocess.run(command, **streams)  # type: ignore[call-overload,no-any-return]


def test_the_console_script_and_python_m_take_the_fast_exit() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert scripts["project"]["scripts"]["cptsplan"] == "cptsplan.cli:run"
    assert "run()" in (ROOT / "src" / "cptsplan" / "__main__.py").read_text(encoding="utf-8")


def test_exit_codes_are_those_of_an_ordinary_exit(tmp_path: Path) -> None:
    assert cptsplan("validate", MINIMAL_EXAMPLE, "--date", "2026-11-23").returncode == 0
    missing = cptsplan("validate", tmp_path / "absent")
    assert missing.returncode == 2
    assert "chemin introuvable" in missing.stderr.decode()
    broken = tmp_path / "plan.yaml"
    broken.write_text("cpts: [\n", encoding="utf-8")
    assert cptsplan("validate", broken).returncode == 1
    assert cptsplan("commande-inconnue").returncode == 2


def test_a_long_report_on_a_file_is_complete(tmp_path: Path) -> None:
    """Everything printed reaches a redirected output (buffered: flushed before leaving)."""
    report = tmp_path / "rapport.json"
    with report.open("wb") as output:
        completed = cptsplan(
            "validate", COMPLETE_EXAMPLE, "--date", "2026-11-23", "-f", "json", stdout=output
        )
    assert completed.returncode == 0
    import json

    assert json.loads(report.read_text(encoding="utf-8"))["plans"]


def test_a_closed_pipe_ends_the_command_quietly() -> None:
    """`cptsplan rules | head -1`: no traceback, no « Exception ignored »."""
    process = subprocess.Popen(
        [sys.executable, "-m", "cptsplan", "rules"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()
    error = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Traceback" not in error and "Exception ignored" not in error


def test_a_render_leaves_no_temporary_folder(tmp_path: Path) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    environment = {**os.environ, "TMPDIR": str(temporary), "TEMP": str(temporary)}
    completed = cptsplan(
        "render", MINIMAL_EXAMPLE, "-f", "docx", "-f", "md", "-o", tmp_path / "plan",
        "--date", "2026-11-23", env=environment,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr.decode()
    assert (tmp_path / "plan.docx").stat().st_size > 1000
    # Only Jinja's cache of compiled templates stays, on purpose (render/environment.py).
    left = [path.name for path in temporary.iterdir() if not path.name.startswith("_jinja2-")]
    assert left == []


@pytest.mark.parametrize(
    ("code", "status", "printed"),
    [(None, 0, ""), (0, 0, ""), (3, 3, ""), (130, 130, ""), (256, 0, ""), ("adieu", 1, "adieu")],
)
def test_exit_status_as_python_gives_it(
    code: object, status: int, printed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _exit_status(code) == status
    assert capsys.readouterr().err.strip() == printed


COLLECTIONS = """
import gc, os, sys
seen = []
gc.callbacks.append(lambda phase, info: phase == "start" and seen.append(info["generation"]))
if sys.argv[1] == "default":
    from cptsplan.cli.application import run
else:
    import cptsplan.cli
    assert "typer" not in sys.modules, "cptsplan.cli must not import typer before run()"
    run = cptsplan.cli.run
leave = os._exit
def counted(code):
    print(len(seen), gc.isenabled(), gc.get_threshold()[0], file=sys.stderr, flush=True)
    leave(code)
os._exit = counted
sys.argv = ["cptsplan", "validate", sys.argv[2], "--date", "2026-11-23"]
run()
"""


def _collections(way: str) -> tuple[int, bool, int]:
    completed = subprocess.run(
        [sys.executable, "-c", COLLECTIONS, way, str(COMPLETE_EXAMPLE)],
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, completed.stderr
    count, enabled, threshold = completed.stderr.split()[-3:]
    return int(count), enabled == "True", int(threshold)


def test_the_command_runs_with_rarer_collections_not_without_them() -> None:
    """cli.run sets the collector before typer and the checker are imported: the objects
    they create for the life of the process are not walked again every 700 allocations
    (a count, not a time). The collector stays on, so a long batch still frees its cycles."""
    ordinary, _, _ = _collections("default")
    count, enabled, threshold = _collections("run")
    assert enabled and threshold == 50_000
    assert count * 5 <= ordinary, (count, ordinary)
