"""The command line's structure: one module per command, all listed, and a start-up that
imports only what `cptsplan --help` needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cptsplan.cli
from cptsplan.cli.application import COMMANDS

from .conftest import run_cli

CLI = Path(cptsplan.cli.__file__).parent
NOT_COMMANDS = {
    "__init__", "application", "common", "console", "ending", "french", "lazy", "names",
    "options", "quick", "rendering", "updating", "validation",
}  # fmt: skip
"""The framework around the commands, and the work of the commands quick.py runs without typer."""


def test_every_command_module_is_listed_and_every_listed_command_has_its_module() -> None:
    modules = {path.stem for path in CLI.glob("*.py")} - NOT_COMMANDS
    from cptsplan.cli.lazy import MODULES

    assert modules == {MODULES.get(name, (name, name))[0] for name in COMMANDS}


def test_every_listed_command_runs_its_help() -> None:
    for name in COMMANDS:
        result = run_cli(name, "--help")
        assert result.exit_code == 0, (name, result.stderr)
        assert f"Utilisation : cptsplan {name} " in result.stdout


HELP_RUN = """
import sys
sys.argv = ["cptsplan", "--help"]
from cptsplan.cli import main
try:
    main()
except SystemExit:
    pass
heavy = ("jsonschema", "yaml", "jinja2", "rich", "pypandoc", "typst", "phonenumbers")
loaded = [m for m in sys.modules if m.split(".")[0] in heavy]
commands = [m for m in sys.modules if m.startswith("cptsplan.") and m.count(".") >= 2]
print(sorted(loaded), sorted(set(commands) - {%s}), file=sys.stderr)
"""


def test_help_imports_no_command_module_and_no_heavy_library() -> None:
    # console.py sets the streams up before any command (standard library only).
    # The package's first step (load/pyyaml_start.py: one small pattern, standard library
    # only) runs at every import of cptsplan, before anything may import PyYAML.
    names = ("application", "console", "ending", "french", "lazy", "names")
    allowed = ", ".join(
        [*(f"'cptsplan.cli.{name}'" for name in names), "'cptsplan.load.pyyaml_start'"]
    )
    done = subprocess.run(
        [sys.executable, "-c", HELP_RUN % allowed], capture_output=True, text=True, check=True
    )
    assert "Commandes :" in done.stdout
    assert done.stderr.strip() == "[] []"
