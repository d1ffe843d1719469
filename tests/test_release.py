"""The release a plan repository pins: one version, shown by `cptsplan --version`, recorded in
the changelog, with the dependency floors the install tests use."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version

from cptsplan import __version__

from .conftest import REPO, run_cli


def test_version_option_prints_the_installed_version_in_french_style() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"cptsplan {__version__}\n"
    assert "--version" in run_cli("--help").stdout


def test_the_version_has_one_source() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "cptsplan.__version__"}
    # The installed metadata agrees (make install reinstalls when pyproject changes).
    assert version("cptsplan") == __version__


def test_the_changelog_has_this_release_first() -> None:
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", text, re.M)
    assert releases[0][0] == __version__ and ("0.1.0", "2026-11-23") in releases


def test_dependency_floors_are_the_tested_ones() -> None:
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "dependencies"
    ]
    # typst 0.14 fails the PDF, pypandoc_binary 1.13 has no Typst output (test_installs.py).
    assert "typst>=0.15" in dependencies and "pypandoc_binary>=1.14" in dependencies
