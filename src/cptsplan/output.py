"""Writing output files atomically: a reader sees the old file or the new one, never half.

The data goes to a temporary file in the destination folder (same file system), is flushed to
disk, then replaces the destination with `os.replace`. On any failure the temporary file is
removed and a previous output is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .errors import RenderingError


def atomic_write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
    except OSError as error:
        raise RenderingError(
            f"impossible d'écrire dans {path.parent} : {error.strerror}"
        ) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp creates 0600 files; a document is as readable as any file the user creates.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise RenderingError(f"impossible d'écrire {path} : {error.strerror}") from error


def write_all(outputs: Mapping[Path, bytes]) -> None:
    """Write every document; called only once all of them have been produced in memory."""
    for path, data in outputs.items():
        atomic_write(path, data)
