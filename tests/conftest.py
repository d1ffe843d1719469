"""Shared test helpers: paths of the bundled examples and a CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cptsplan.cli import app

from . import conversion_cache
from .text_cache import FOLDER_VARIABLE

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
COMPLETE_EXAMPLE = EXAMPLES / "cpts-du-val-de-lys"
MINIMAL_EXAMPLE = EXAMPLES / "cpts-minimale"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_DATA = REPO.parent / "shared" / "data"


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(*args: str | Path) -> CliResult:
    """Run `cptsplan ARGS` in-process and capture both streams."""
    runner = CliRunner()
    result = runner.invoke(app, [str(arg) for arg in args], catch_exceptions=False)
    return CliResult(result.exit_code, result.stdout, result.stderr)


def copy_with_templates(tmp_path: Path, example: Path = MINIMAL_EXAMPLE) -> Path:
    """A copy of `example` in `tmp_path/plan`, with an empty `templates/` folder for the
    custom layout files a test writes."""
    folder = tmp_path / "plan"
    shutil.copytree(example, folder)
    (folder / "templates").mkdir()
    return folder


def git(repo: Path, *args: str) -> str:
    """Run git in `repo` with a fixed identity (tests build throwaway repositories)."""
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=repo, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


def example_repository(root: Path) -> Path:
    """The complete example as `root/plan` in a new git repository, committed once as
    « v2.1 » (its version); returns the plan folder, for tests that compare versions."""
    plan = root / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "v2.1")
    return plan


def pytest_configure(config: pytest.Config) -> None:
    """The controlling process makes the session's folder of texts read back (text_cache.py)
    and of conversions (conversion_cache.py); xdist workers, started after this, inherit its
    name."""
    config.addinivalue_line(
        "markers",
        "real_engines: pandoc and Typst convert again, never from the session's cache "
        "(conversion_cache.py)",
    )
    conversion_cache.install()
    if hasattr(config, "workerinput") or os.environ.get(FOLDER_VARIABLE):
        return
    folder = tempfile.mkdtemp(prefix="cptsplan-tests-textes-")
    os.environ[FOLDER_VARIABLE] = folder
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test that patches anything, or proves something of the engines themselves, has its
    documents converted again (conversion_cache.py)."""
    fixtures = getattr(item, "fixturenames", ())
    conversion_cache.enable(
        "monkeypatch" not in fixtures and item.get_closest_marker("real_engines") is None
    )


LONGEST_FIRST = (
    "test_gdpr_diffusable.py", "test_preview.py", "test_hostile_walk.py",
    "test_docx_libreoffice.py", "test_render_content.py", "test_yaml_further_errors.py",
    "test_diff.py", "test_import.py", "test_quick_command.py", "test_preview_folder.py",
    "test_render_documents.py", "test_import_corpus.py", "test_gdpr_units.py",
    "test_formes_organisation.py", "test_typst_layout_pages.py", "test_import_other_tools.py",
    "test_gdpr_layouts.py", "test_nothing_lost.py", "test_lazy_imports.py",
)  # fmt: skip
"""The files that take longest (seconds of one worker, 2026-12-08: 110 for the first, 17 for
the last), run first. Each file runs whole on one worker (`--dist loadfile`), and xdist by
default starts with the files that hold the most tests: files of a few long tests
(test_gdpr_diffusable: 7 tests, 110 s; the preview's) came last, one core working alone
while the other waited. `make test` keeps this order (`--no-loadscope-reorder`)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: index for index, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the rest as is
