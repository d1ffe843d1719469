"""The wheel carries its runtime resources: schemas, templates (and the init skeleton)."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from .conftest import REPO


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    completed = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "--quiet", "-w", str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=build,
    )
    if completed.returncode != 0:
        pytest.skip(f"construction du wheel impossible ici : {completed.stderr[-300:]}")
    (wheel,) = out.glob("cptsplan-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_wheel_ships_the_schema(wheel_names: set[str]) -> None:
    assert "cptsplan/schemas/plan.schema.json" in wheel_names


def test_wheel_ships_every_template(wheel_names: set[str]) -> None:
    bundled = {
        "cptsplan/templates/" + path.relative_to(REPO / "templates").as_posix()
        for path in (REPO / "templates").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }
    assert bundled - wheel_names == set()


def test_wheel_ships_every_python_module(wheel_names: set[str]) -> None:
    source = REPO / "src"
    modules = {path.relative_to(source).as_posix() for path in source.rglob("*.py")}
    assert modules - wheel_names == set()


def test_wheel_has_the_console_script(wheel_names: set[str]) -> None:
    entry_points = next(name for name in wheel_names if name.endswith("entry_points.txt"))
    assert entry_points


def test_wheel_ships_the_init_skeleton_dotfiles_included(wheel_names: set[str]) -> None:
    # setuptools' globs skip names that start with a dot unless they are listed.
    skeleton_root = REPO / "src" / "cptsplan" / "skeleton"
    skeleton = {
        "cptsplan/skeleton/" + path.relative_to(skeleton_root).as_posix()
        for path in skeleton_root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert skeleton - wheel_names == set()
    assert "cptsplan/skeleton/.github/workflows/plan-sse.yml" in wheel_names
    assert "cptsplan/schemas/config.schema.json" in wheel_names
