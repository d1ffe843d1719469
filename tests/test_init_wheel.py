"""A built wheel ships the init skeleton, dotfiles included (setuptools globs skip them
unless they are listed), and the rules and reporters packages."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO

SKELETON = REPO / "src" / "cptsplan" / "skeleton"


def test_wheel_ships_the_skeleton_rules_and_reporters(tmp_path: Path) -> None:
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(REPO),
            "--no-deps",
            "--quiet",
            "-w",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    if completed.returncode != 0:
        pytest.skip(f"construction du wheel impossible ici : {completed.stderr[-300:]}")
    (wheel,) = tmp_path.glob("cptsplan-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    skeleton = {
        "cptsplan/skeleton/" + path.relative_to(SKELETON).as_posix()
        for path in SKELETON.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert skeleton - names == set()
    assert "cptsplan/skeleton/.github/workflows/plan-sse.yml" in names
    assert {"cptsplan/rules/engine.py", "cptsplan/reporters/sarif.py"} <= names
    assert "cptsplan/schemas/config.schema.json" in names
