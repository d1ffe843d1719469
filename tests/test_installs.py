"""cptsplan installed as a coordinator installs it, from a fresh environment: with
`uv tool install` (what docs/installation.md tells Windows coordinators, tested here on Linux),
and with the lowest dependency versions pyproject allows (`--resolution lowest-direct`), both
from a wheel built from this repository. The package registry is needed the first time (uv
caches what it downloads); the tests are skipped when it cannot be reached.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.version import Version

from cptsplan import __version__

from .conftest import MINIMAL_EXAMPLE, REPO

OFFLINE_SIGNS = ("dns error", "Failed to fetch", "Could not connect", "Network is unreachable")


def uv_binary() -> str:
    found = Path(sys.executable).parent / "uv"
    path = str(found) if found.exists() else shutil.which("uv")
    if path is None:
        pytest.skip("uv n'est pas installé (extra « test » de pyproject)")
    return path


def run(*command: str | Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(part) for part in command],
        capture_output=True, text=True, check=False, timeout=600,
        env={**os.environ, "UV_PYTHON_DOWNLOADS": "never", **(env or {})},
    )  # fmt: skip
    output = done.stdout + done.stderr
    if done.returncode != 0 and any(sign in output for sign in OFFLINE_SIGNS):
        pytest.skip("registre de paquets injoignable : installation impossible")
    assert done.returncode == 0, output
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    run(uv_binary(), "build", "--wheel", "--quiet", "--out-dir", out, REPO)
    (built,) = out.glob("cptsplan-*.whl")
    assert built.name.startswith(f"cptsplan-{__version__}-")
    return built


def smoke(cptsplan: Path, tmp_path: Path) -> None:
    """What a coordinator does first: the version, a check, the two documents."""
    assert run(cptsplan, "--version") == f"cptsplan {__version__}\n"
    run(cptsplan, "validate", MINIMAL_EXAMPLE, "--date", "2026-11-01")
    output = tmp_path / "documents" / "plan"
    run(cptsplan, "render", MINIMAL_EXAMPLE, "-f", "docx", "-f", "pdf", "-o", output)
    assert (output.with_suffix(".pdf")).read_bytes().startswith(b"%PDF")
    assert (output.with_suffix(".docx")).read_bytes().startswith(b"PK")


def test_uv_tool_install_from_the_wheel_gives_a_working_command(
    wheel: Path, tmp_path: Path
) -> None:
    tools, bin_dir = tmp_path / "outils", tmp_path / "bin"
    env = {"UV_TOOL_DIR": str(tools), "UV_TOOL_BIN_DIR": str(bin_dir)}
    run(uv_binary(), "tool", "install", "--quiet", "--python", sys.executable, wheel, env=env)
    smoke(bin_dir / "cptsplan", tmp_path)


def floors() -> dict[str, str]:
    """Each dependency's lowest allowed version, as pyproject declares it."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = {}
    for requirement in project["dependencies"]:
        match = re.match(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9][0-9.]*)", requirement)
        assert match, f"pas de version minimale : {requirement}"
        found[match.group(1).lower().replace("_", "-")] = match.group(2)
    return found


def test_the_lowest_allowed_versions_render_both_documents(wheel: Path, tmp_path: Path) -> None:
    uv, venv = uv_binary(), tmp_path / "venv"
    run(uv, "venv", "--quiet", "--python", sys.executable, venv)
    env = {"VIRTUAL_ENV": str(venv)}
    pyproject = REPO / "pyproject.toml"
    run(uv, "pip", "install", "--quiet", "--resolution", "lowest-direct", "-r", pyproject, env=env)
    run(uv, "pip", "install", "--quiet", "--no-deps", wheel, env=env)
    installed = {}
    for line in run(uv, "pip", "freeze", env=env).splitlines():
        name, _, version = line.partition("==")
        installed[name.lower().replace("_", "-")] = version
    for name, floor in floors().items():
        assert Version(installed[name]) == Version(floor), (name, installed)
    smoke(venv / "bin" / "cptsplan", tmp_path)
