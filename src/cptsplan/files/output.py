"""Writing the documents of one render: all of them or none, never onto anything but a file.

- Every document is first written to a temporary file in its destination folder (same file
  system), flushed to disk; only when all of them are written are they renamed into place
  (`os.replace`, atomic for each file). If a rename fails, the documents already replaced
  are put back: a failed render leaves every previous document exactly as it was. A
  document open in a PDF viewer or in Word is locked on Windows (PermissionError): the
  message says to close it (exit 4).
- A destination may only be a regular file or absent: a symlink, a device (`/dev/null`), a
  FIFO or a folder is refused (usage error, exit 2) and left untouched, as is any input of
  the run (a plan file, a template, a figure): `render plan.md -f md -o plan.md` is refused.
- An existing document keeps its permissions (a `chmod 600` stays 600). A new document of
  the internal edition, which holds personal contact details, is created readable by its
  owner only (0600); the diffusable edition is created like any file (0666 minus umask).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from cptsplan.errors import RenderingError, UsageError
from cptsplan.files import processes
from cptsplan.files.reasons import check_path_length, reason

PRIVATE_MODE = 0o600
PUBLIC_MODE = 0o666


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def file_kind(mode: int) -> str:
    """What a file that is not a regular one is, in French, for a refusal (« un tube
    nommé »): the output files here, the template files (render/resources.py)."""
    if stat.S_ISLNK(mode):
        return "un lien symbolique"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "un périphérique"
    if stat.S_ISFIFO(mode):
        return "un tube nommé"
    if stat.S_ISSOCK(mode):
        return "un socket"
    if stat.S_ISDIR(mode):
        return "un dossier"
    return "un fichier spécial"


WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{prefix}{digit}" for prefix in ("COM", "LPT") for digit in "123456789¹²³"}
)
"""Names Windows gives to devices, whatever the extension (`NUL.pdf` is the null device)."""


def reserved_name(path: Path) -> bool:
    """Whether Windows would take this file name for a device. Refused on every system: a
    document written under such a name on Linux breaks the repository's Windows clones."""
    base = path.name.split(".", 1)[0].rstrip(" ").upper()
    return base in WINDOWS_RESERVED


WINDOWS_FORBIDDEN = '<>:"|?*\\'
"""Characters Windows refuses in a file name (with `/` and the control characters)."""


def _forbidden_in_name(name: str) -> str | None:
    """What Windows refuses in this file name, in French, or None. A « : » is worse than
    refused: `Plan SSE : v2.pdf` writes the document into a hidden stream of a file named
    `Plan SSE ` (NTFS alternate data streams)."""
    found = [c for c in dict.fromkeys(name) if c in WINDOWS_FORBIDDEN or ord(c) < 32]
    if found:
        return "le caractère " + ", ".join(f"« {c} »" if ord(c) >= 32 else repr(c) for c in found)
    if name.endswith((".", " ")):
        return "un point ou une espace à la fin"
    return None


def check_name(path: Path, what: str = "fichier", option: str = "--output") -> None:
    """Refuse (UsageError) a path no system can create (too long) or whose name Windows
    refuses or reserves for a device, on every system: such a file or folder breaks the
    repository's Windows clones. `what`: « fichier » or « dossier », said in the message."""
    check_path_length(path, option)
    _check_one_name(path, what, option)
    for parent in path.parents:  # the folders the write will create (mkdir), named too
        if os.path.lexists(parent):
            break
        _check_one_name(parent, "dossier", option)


def _check_one_name(path: Path, what: str, option: str) -> None:
    if path.name in ("", ".", ".."):  # the current or parent folder: named elsewhere
        return
    refused = _forbidden_in_name(path.name)
    if refused is not None:
        raise UsageError(
            f"le nom du {what} de sortie {path.name} contient {refused}, que Windows "
            f"n'accepte pas dans un nom de {what} : rien n'est écrit",
            f'choisissez un autre nom avec {option} (sans < > : " / \\ | ? *, ni point ou '
            "espace à la fin)",
        )
    if reserved_name(path):
        raise UsageError(
            f"le {what} de sortie {path} porte un nom que Windows réserve à un "
            f"périphérique ({path.name.split('.', 1)[0]}) : rien n'est écrit",
            f"choisissez un autre nom de {what} avec {option} (CON, PRN, AUX, NUL, "
            "COM1 à COM9 et LPT1 à LPT9 sont réservés, même suivis d'une extension)",
        )


def check_targets(paths: Iterable[Path], inputs: Iterable[Path] = ()) -> None:
    """Refuse (UsageError) a destination that is not a regular file, or that is an input,
    or whose name is too long, refused or reserved by Windows (check_name)."""
    identities = {identity for path in inputs if (identity := _identity(path)) is not None}
    for path in paths:
        check_name(path)
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            continue
        except OSError as error:
            raise UsageError(
                f"impossible d'examiner le fichier de sortie {path} : {reason(error)}"
            ) from error
        if not stat.S_ISREG(info.st_mode):
            raise UsageError(
                f"le fichier de sortie {path} est {file_kind(info.st_mode)} : cptsplan ne remplace "
                "qu'un fichier ordinaire",
                "choisissez un autre --output (un fichier ou un dossier ordinaire)",
            )
        if (info.st_dev, info.st_ino) in identities:
            raise UsageError(
                f"le fichier de sortie {path} est un fichier lu par cette commande (plan, "
                "gabarit ou image) : il serait écrasé",
                "choisissez un autre --output",
            )


def check_folder_inside(folder: Path, parent: Path) -> None:
    """The default output folder (`build/` of the plan) must really be inside the plan's
    folder: a `build` symlink in someone else's repository must not send files elsewhere.
    A file named `build` is said to be one (the system's « not a directory » named no
    file and gave no way out)."""
    if os.path.lexists(folder) and not folder.resolve().is_relative_to(parent.resolve()):
        raise UsageError(
            f"le dossier de sortie {folder} est un lien vers {folder.resolve()}, hors du "
            "dossier du plan : rien n'est écrit",
            "supprimez ce lien, ou choisissez où écrire avec --output",
        )
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            f"{folder} est un fichier : les documents s'écrivent dans le dossier "
            f"{folder.name}/ du plan ; rien n'est écrit",
            f"renommez ou déplacez le fichier {folder.name}, ou choisissez où écrire avec --output",
        )


def _new_mode(private: bool) -> int:
    umask = os.umask(0)
    os.umask(umask)
    return (PRIVATE_MODE if private else PUBLIC_MODE) & ~umask


def _write_temporary(path: Path, data: bytes, private: bool) -> str:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
    except OSError as error:
        raise RenderingError(
            f"impossible d'écrire dans {path.parent} : {reason(error)} ; rien n'est remplacé",
            "vérifiez les droits et la place disponible sur ce dossier, ou choisissez un autre "
            "dossier de sortie",
        ) from error
    processes.register_file(temporary)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            previous = os.lstat(path)
        except FileNotFoundError:
            previous = None
        if previous is not None and stat.S_ISREG(previous.st_mode):
            os.chmod(temporary, stat.S_IMODE(previous.st_mode))
            # Windows has no owner ids (files carry ACLs, kept by the replace): POSIX only.
            if sys.platform != "win32":
                if (previous.st_uid, previous.st_gid) != (os.getuid(), os.getgid()):
                    with contextlib.suppress(OSError):  # only root may give a file away
                        os.chown(temporary, previous.st_uid, previous.st_gid)
        else:
            os.chmod(temporary, _new_mode(private))
    except OSError as error:
        _discard(temporary)
        raise RenderingError(f"impossible d'écrire {path} : {reason(error)}") from error
    return temporary


def _discard(temporary: str) -> None:
    with contextlib.suppress(OSError):
        processes.remove_file(temporary)
    processes.unregister_file(temporary)


KEPT = "les documents précédents sont intacts"
"""What a failed write says of the files it would have replaced (a caller names its own)."""


def write_all(outputs: Mapping[Path, bytes], private: bool = False, kept: str = KEPT) -> None:
    """Write every document (all produced in memory before), all or none. `kept`: how the
    failure's message says that the previous files are untouched."""
    check_targets(outputs)
    temporaries: dict[Path, str] = {}
    try:
        for path, data in outputs.items():
            temporaries[path] = _write_temporary(path, data, private)
        with processes.critical():
            _commit(temporaries, kept)
    finally:
        for temporary in temporaries.values():
            if os.path.lexists(temporary):
                _discard(temporary)
            else:
                processes.unregister_file(temporary)


def _commit(temporaries: Mapping[Path, str], kept: str = KEPT) -> None:
    """Rename every temporary file into place; on a failure, put the old documents back."""
    backups: dict[Path, str | None] = {}
    current: Path | None = None
    try:
        for path, temporary in temporaries.items():
            current = path
            check_targets([path])  # still a regular file or absent, right before replacing
            backups[path] = _backup(path)
            os.replace(temporary, path)
    except (OSError, UsageError) as error:
        for path, backup in backups.items():
            with contextlib.suppress(OSError):
                if backup is not None:
                    # Not replaced yet: the backup is a second name of the same file.
                    if not (os.path.lexists(path) and os.path.samefile(backup, path)):
                        os.replace(backup, path)
                    _discard(backup)
                elif not os.path.lexists(temporaries[path]):  # a new document: removed
                    os.unlink(path)
        if isinstance(error, UsageError):
            raise
        if isinstance(error, PermissionError) and current is not None:
            raise locked(current, kept) from error
        where = current if current is not None else "les documents"
        raise RenderingError(f"impossible d'écrire {where} : {reason(error)} ; {kept}") from error
    else:
        for backup in backups.values():
            if backup is not None:
                _discard(backup)


READERS = {
    ".csv": "le tableur (Excel, LibreOffice Calc)",
    ".xlsx": "le tableur (Excel, LibreOffice Calc)",
    ".yaml": "l'éditeur de texte (VS Code, Bloc-notes)",
    ".yml": "l'éditeur de texte (VS Code, Bloc-notes)",
    ".md": "l'éditeur de texte (VS Code, Bloc-notes)",
    ".vcf": "le carnet d'adresses ou l'éditeur de texte",
    ".html": "le navigateur, Word ou l'éditeur de texte",
    ".json": "l'éditeur de texte (VS Code, Bloc-notes)",
    ".xml": "l'éditeur de texte (VS Code, Bloc-notes)",
    ".sarif": "l'éditeur de texte (VS Code, Bloc-notes)",
    ".txt": "l'éditeur de texte (VS Code, Bloc-notes)",
}
"""Which program likely holds a file, by extension; documents: a PDF viewer or Word."""


def locked(path: Path, kept: str = KEPT) -> RenderingError:
    """The error for a document that cannot be replaced because a program holds it: on
    Windows, a PDF open in a viewer or a DOCX open in Word is locked (PermissionError)."""
    reader = READERS.get(path.suffix.lower(), "le lecteur PDF ou Word")
    return RenderingError(
        f"impossible de remplacer {path} : le fichier est ouvert dans un autre programme "
        f"ou protégé ; fermez le fichier {path.name} dans {reader}, puis relancez ({kept})",
        "sinon, écrivez ailleurs avec --output, ou vérifiez les droits sur ce fichier",
    )


def _backup(path: Path) -> str | None:
    """The current document under a second name, to restore it if a later rename fails: a
    hard link on POSIX (the document stays in place until replaced). On Windows it is moved
    aside instead: a second name of a document that Word or a PDF viewer holds open could
    not be deleted afterwards (the lock covers every name of a file), and it was left in the
    folder; moving a held document fails at once (PermissionError: « fermez le fichier »)
    before anything is replaced."""
    if not os.path.lexists(path):
        return None
    backup = tempfile.mktemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent)
    if sys.platform == "win32":
        # Not registered for removal on an interruption: it is the user's document.
        os.replace(path, backup)
        return backup
    try:
        os.link(path, backup)
    except OSError:
        return None  # no hard links here: that document cannot be put back
    processes.register_file(backup)
    return backup


def create_new(path: Path, data: bytes) -> bool:
    """Create `path` with `data`, whole or not at all, unless it exists (False then): a
    file of `init`, which never replaces anything. It is written beside, then given its
    name only when complete (a hard link, which fails if the name was taken meanwhile), so
    that a full disk or an interruption never leaves an empty or cut file that a second
    `init` would keep as « déjà présent »."""
    if os.path.lexists(path):
        return False
    temporary = _write_temporary(path, data, private=False)
    try:
        with processes.critical():
            try:
                os.link(temporary, path)
            except FileExistsError:
                return False
            except OSError as error:
                if not _no_hard_links(error):
                    raise  # a full disk, a refused folder: said as such below
                # No hard links on this file system (FAT, some shares): a rename instead.
                if os.path.lexists(path):
                    return False
                os.replace(temporary, path)
    except OSError as error:
        raise RenderingError(f"impossible d'écrire {path} : {reason(error)}") from error
    finally:
        if os.path.lexists(temporary):
            _discard(temporary)
        else:
            processes.unregister_file(temporary)
    return True


_NO_LINK_ERRNOS = frozenset(
    {errno.EPERM, errno.EXDEV, errno.EMLINK, getattr(errno, "ENOTSUP", -1), errno.EOPNOTSUPP}
)
_NO_LINK_WINERRORS = frozenset({1, 50})  # ERROR_INVALID_FUNCTION, ERROR_NOT_SUPPORTED


def _no_hard_links(error: OSError) -> bool:
    """Whether `os.link` failed because the file system makes no hard links, the one case
    where `create_new` falls back to a rename (any other failure is the caller's error)."""
    return getattr(error, "winerror", None) in _NO_LINK_WINERRORS or error.errno in _NO_LINK_ERRNOS


def atomic_write(path: Path, data: bytes) -> None:
    """One file, atomically (kept for callers that write a single file)."""
    write_all({path: data})
