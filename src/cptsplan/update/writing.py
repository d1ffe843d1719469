"""Writing a plan file atomically: a temporary file in the same folder, then a rename, so
that an interruption leaves the old file or the new one, never half of it."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from cptsplan.errors import CptsplanError, ExitCode


class WriteFailed(CptsplanError):
    exit_code = ExitCode.RENDERING


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` by `text` (UTF-8), keeping the file's permissions. A symbolic link is
    replaced through its target, so the link itself stays."""
    target = path.resolve()
    mode = stat.S_IMODE(target.stat().st_mode)
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, PermissionError):  # Windows: open in an editor that locks it
            raise WriteFailed(
                f"écriture de {path} impossible : le fichier est ouvert dans un autre programme "
                f"ou protégé ; fermez le fichier {path.name} dans l'éditeur, puis relancez "
                "(le fichier est intact)"
            ) from None
        if isinstance(error, OSError):
            raise WriteFailed(f"écriture de {path} impossible : {error.strerror}") from None
        raise
