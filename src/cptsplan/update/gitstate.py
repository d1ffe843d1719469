"""Is the plan committed? `update` rewrites files in place: a coordinator with uncommitted
edits would see them mixed with ours, so they are refused unless forced."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GitState:
    in_repository: bool
    uncommitted: list[str]
    """Plan files (as git shows them) with changes not committed, untracked ones included."""


def git_state(files: list[Path]) -> GitState:
    """The state of `files` in their git repository. No git, or no repository: not in a
    repository (the command then runs with a warning)."""
    if not files:
        return GitState(False, [])
    git = shutil.which("git")
    folder = files[0].resolve().parent
    if git is None:
        return GitState(False, [])
    probe = _run([git, "rev-parse", "--is-inside-work-tree"], folder)
    if probe is None or probe.returncode != 0 or probe.stdout.strip() != "true":
        return GitState(False, [])
    status = _run(
        [
            git,
            "status",
            "--porcelain",
            "--untracked-files=all",
            "--",
            *(str(f.resolve()) for f in files),
        ],
        folder,
    )
    if status is None or status.returncode != 0:
        return GitState(False, [])
    changed = [line[3:] for line in status.stdout.splitlines() if line.strip()]
    return GitState(True, changed)


def _run(command: list[str], folder: Path) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(
            command, cwd=folder, capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
