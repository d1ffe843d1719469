"""What the preview watches, and when a burst of saves is over.

Files are polled (modification time and size), not watched through the system's
notifications: a plan is a few dozen files, a walk of them costs well under a millisecond
every quarter of a second, and polling behaves the same on Linux, macOS, Windows and network
drives, where notifications are missing or unreliable; it adds no dependency (watchfiles
would bring a compiled Rust extension for no gain a coordinator would notice).

A `git checkout`, an editor's « save all » or a sync tool writes many files in a burst: the
preview waits until nothing has changed for a short quiet time, then refreshes once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

Snapshot = dict[str, tuple[int, int]]
"""File path -> (modification time in nanoseconds, size)."""

MAX_FILES = 5_000
"""A plan folder holds dozens of files; past this many, the rest is not watched (a plan
pointed at a home folder by mistake must not make every poll walk the whole disk)."""

SKIPPED_FOLDERS = frozenset({"build", "node_modules", "__pycache__"})
"""Where documents are written (the preview's own output) and folders that are no plan's."""
KEPT_DOTFILES = frozenset({".cptsplan.yaml", ".cptsplan.yml"})


def _watched_name(name: str) -> bool:
    """Editors' swap, backup and lock files are not saves of the plan."""
    if name.startswith("."):
        return name in KEPT_DOTFILES
    return not (name.endswith(("~", ".swp", ".swx", ".tmp")) or name.startswith("#"))


def snapshot(roots: Iterable[Path], limit: int = MAX_FILES) -> Snapshot:
    """The state of every watched file under `roots` (folders walked, symlinks not
    followed; a file root is watched alone). A file that vanishes meanwhile is left out."""
    found: Snapshot = {}
    pending = [os.fspath(root) for root in roots]
    while pending and len(found) < limit:
        path = pending.pop()
        try:
            if not os.path.isdir(path):
                info = os.stat(path)
                found[path] = (info.st_mtime_ns, info.st_size)
                continue
            with os.scandir(path) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        if not entry.name.startswith(".") and entry.name not in SKIPPED_FOLDERS:
                            pending.append(entry.path)
                    elif _watched_name(entry.name) and entry.is_file():
                        info = entry.stat()
                        found[entry.path] = (info.st_mtime_ns, info.st_size)
        except OSError:
            continue  # removed or unreadable meanwhile: the next poll sees what is left
    return found


class Debouncer:
    """Says when to refresh: once changes have stopped for `quiet` seconds.

    `observe` is called at every poll with the current snapshot and the time; it answers
    True once per burst of changes, at the first poll that finds nothing new for `quiet`
    seconds after the last change."""

    def __init__(self, first: Snapshot, quiet: float) -> None:
        self.seen = first
        self.quiet = quiet
        self.changed_at: float | None = None

    def observe(self, current: Snapshot, now: float) -> bool:
        if current != self.seen:
            self.seen = current
            self.changed_at = now
            return False
        if self.changed_at is not None and now - self.changed_at >= self.quiet:
            self.changed_at = None
            return True
        return False
