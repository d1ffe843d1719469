"""The git work tree a folder lies in, found without running git."""

from __future__ import annotations

from pathlib import Path


def work_tree_root(folder: Path) -> Path | None:
    """The nearest folder from `folder` upwards (resolved) that holds a `.git`, or None.

    No git process: the configuration's search, the containment of the paths it names, the
    dirty-tree check and update's advice all ask this before (or instead of) asking git."""
    start = folder.resolve()
    return next((c for c in (start, *start.parents) if (c / ".git").exists()), None)
