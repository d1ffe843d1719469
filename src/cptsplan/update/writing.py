"""Writing the plan files `update --ecrire` changes: all of them or none.

Each file goes first to a temporary file in its own folder (same permissions), then every
temporary is renamed over its file, so that an interruption leaves the old file or the new
one, never half of it. When one rename fails (Windows: a file open in an editor that locks
it), the files already replaced get their old bytes back: the plan is never left half in the
new version and half in the old one.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from cptsplan.errors import CptsplanError, ExitCode
from cptsplan.files.processes import remove_file
from cptsplan.files.reasons import reason


class WriteFailed(CptsplanError):
    exit_code = ExitCode.RENDERING


class ChangedMeanwhile(CptsplanError):
    """A plan file no longer holds the bytes the new text was made from: saved by someone
    (an editor, a sync tool) while the command ran. Writing would lose that save."""

    exit_code = ExitCode.USAGE


class _FolderRefused(OSError):
    """No temporary file could be created beside a plan file: the folder refuses writing
    (read-only folder, full disk), which no closing of an editor will change."""

    def __init__(self, cause: OSError) -> None:
        super().__init__(cause.errno, cause.strerror)
        self.cause = cause


def write_all_atomically(
    files: Sequence[tuple[Path, str]], expected: Sequence[bytes] | None = None
) -> None:
    """Replace every `(path, text)`, or none (see the module). `expected`: each file's bytes
    when its new text was made; a file that holds others now is not replaced, nor is any
    other (ChangedMeanwhile)."""
    prepared: list[tuple[Path, Path, str, bytes]] = []  # shown path, target, temporary, old
    replaced: list[tuple[Path, bytes]] = []
    current = files[0][0] if files else Path()
    try:
        for path, text in files:
            current = path
            target = path.resolve()
            original = target.read_bytes()
            if expected is not None and original != expected[len(prepared)]:
                raise _changed(path)
            prepared.append((path, target, _temporary(target, text.encode("utf-8")), original))
        for path, target, temporary, original in prepared:
            current = path
            if expected is not None and target.read_bytes() != original:  # saved meanwhile
                raise _changed(path)
            os.replace(temporary, target)
            replaced.append((target, original))
    except BaseException as error:
        for _, _, temporary, _ in prepared:
            with contextlib.suppress(OSError):
                remove_file(temporary)  # read-only like its file: Windows needs the flag off
        stuck = [
            target for target, original in reversed(replaced) if not _put_back(target, original)
        ]
        # Said even after Ctrl-C: « nothing was replaced » would be false for these files.
        if stuck:
            names = ", ".join(str(target) for target in reversed(stuck))
            raise WriteFailed(
                f"écriture de {current} impossible, et {names} n'a pas pu être remis dans "
                "son ancienne version : ce fichier est dans la nouvelle version, les autres "
                "dans l'ancienne",
                f"remettez-le avec « git checkout -- {names} » (ou relancez « cptsplan "
                "update --ecrire » une fois la cause corrigée)",
            ) from None
        if isinstance(error, _FolderRefused):
            raise WriteFailed(
                f"écriture de {current} impossible : le dossier {current.parent} n'accepte "
                f"pas de nouveau fichier : {reason(error.cause)} ; les fichiers du plan sont "
                "intacts",
                "vérifiez les droits d'écriture sur ce dossier et la place disponible, puis "
                "relancez",
            ) from None
        if isinstance(error, PermissionError) and _read_only(current):
            raise WriteFailed(
                f"écriture de {current} impossible : le fichier est en lecture seule ; "
                "retirez l'attribut « Lecture seule » (Propriétés du fichier), puis relancez "
                "(les fichiers du plan sont intacts)"
            ) from None
        if isinstance(error, PermissionError):  # Windows: open in an editor that locks it
            raise WriteFailed(
                f"écriture de {current} impossible : le fichier est ouvert dans un autre "
                f"programme ou protégé ; fermez le fichier {current.name} dans l'éditeur, puis "
                "relancez (les fichiers du plan sont intacts)"
            ) from None
        if isinstance(error, OSError):
            raise WriteFailed(
                f"écriture de {current} impossible : {reason(error)} (les fichiers du plan "
                "sont intacts)"
            ) from None
        raise


def _changed(path: Path) -> ChangedMeanwhile:
    return ChangedMeanwhile(
        f"{path} a été modifié pendant la mise à jour (enregistré depuis un éditeur ?) : "
        "rien n'est écrit, vos modifications sont intactes",
        "fermez le fichier dans l'éditeur (ou attendez la fin de l'enregistrement), puis "
        "relancez la commande",
    )


def _put_back(target: Path, original: bytes) -> bool:
    """`target` back to its old bytes; False when it could not be (a second failure: the
    disk filled meanwhile). Its temporary copy is never left beside it: a hidden file of
    the plan's old contacts that « git add -A » would commit."""
    try:
        temporary = _temporary(target, original)
    except OSError:
        return False
    try:
        os.replace(temporary, target)
    except OSError:
        with contextlib.suppress(OSError):
            remove_file(temporary)
        return False
    return True


def _temporary(target: Path, data: bytes) -> str:
    """`data` in a new temporary file beside `target`, with `target`'s permissions."""
    mode = stat.S_IMODE(target.stat().st_mode)
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as error:
        raise _FolderRefused(error) from error
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            remove_file(temporary)
        raise
    return temporary


def _read_only(path: Path) -> bool:
    """Whether the file is read-only (on Windows, its « Lecture seule » attribute), which
    Windows refuses to replace."""
    try:
        return not path.stat().st_mode & stat.S_IWRITE
    except OSError:
        return False
