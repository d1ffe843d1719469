"""Why a file could not be written or read, in French, and what the path limits are.

`OSError.strerror` is the system's own text: English on most Linux machines and in CI
(« No space left on device »), in the user's language on Windows. Every message of cptsplan
is French, so the common causes are said in French here, once for every command that writes
(render, preview, update, annuaire, init, the review table); anything else keeps the system's
text. A path that the system does not accept (a name of more than 255 characters on Windows,
255 bytes elsewhere; a path of more than 4,096) is refused before any work, with the same
words everywhere.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from cptsplan.errors import RenderingError, UsageError

_REASONS = {
    errno.ENOSPC: "plus de place sur le disque",
    errno.EFBIG: "fichier trop gros pour ce disque (disque plein ou limite de taille)",
    errno.EACCES: "accès refusé (droits insuffisants sur le dossier ou le fichier)",
    errno.EPERM: "opération non permise (droits insuffisants sur le dossier ou le fichier)",
    errno.EROFS: "le disque est en lecture seule",
    errno.ENAMETOOLONG: "nom de fichier ou chemin trop long",
    errno.ENOENT: "dossier ou fichier introuvable",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier",
    errno.EIO: "erreur de lecture ou d'écriture du disque",
    errno.EBUSY: "fichier ou dossier occupé par un autre programme",
    errno.EEXIST: "le fichier existe déjà",
    errno.EINVAL: "nom de fichier refusé par le système",
    errno.EMFILE: "trop de fichiers ouverts",
}
_QUOTA = getattr(errno, "EDQUOT", None)  # no such error on Windows
if _QUOTA is not None:
    _REASONS[_QUOTA] = "quota de disque dépassé"


_WINDOWS_REASONS = {
    32: "fichier ouvert dans un autre programme",  # ERROR_SHARING_VIOLATION
    33: "fichier verrouillé par un autre programme",  # ERROR_LOCK_VIOLATION
    206: "nom ou chemin trop long pour Windows (260 caractères au plus, sauf si les chemins "
    "longs y sont activés)",  # ERROR_FILENAME_EXCED_RANGE, reported as ENOENT
    1920: "fichier inaccessible (synchronisation OneDrive en cours ?)",  # ERROR_CANT_ACCESS_FILE
}
"""Windows' own codes (`OSError.winerror`), checked first: Python reports some of them under
an errno that would say the wrong thing (a path too long is « file not found »)."""


def reason(error: OSError) -> str:
    """The cause of `error` in French (« plus de place sur le disque »), or the system's own
    text for a rarer one."""
    windows = _WINDOWS_REASONS.get(getattr(error, "winerror", None) or 0)
    if windows is not None:
        return windows
    known = _REASONS.get(error.errno) if error.errno is not None else None
    if known is not None:
        return known
    return error.strerror or str(error)


NAME_LIMIT = 255
"""One file or folder name: NTFS (Windows) and APFS or HFS+ (macOS) count characters, ext4
and most Linux file systems count UTF-8 bytes (an accented letter is two)."""
COUNTS_CHARACTERS = sys.platform in ("win32", "darwin")
PATH_LIMIT = 4096
"""Characters in a whole path (Linux's PATH_MAX; Windows without long paths stops at 260
and says so itself, with an error this module puts in French)."""


def name_length(name: str, characters: bool) -> int:
    """`name`'s length as this system counts it against NAME_LIMIT: a name of 130 accented
    letters is fine on Windows and macOS and too long on Linux (reviews r1 #10, r2 #11)."""
    if characters:
        return len(name.encode("utf-16-le", "surrogatepass")) // 2
    return len(os.fsencode(name))  # the bytes written to the disk, undecodable ones too


def check_path_length(
    path: Path, option: str = "--output", *, characters: bool = COUNTS_CHARACTERS
) -> None:
    """Refuse (UsageError, exit 2) an output path that this system cannot create, before any
    work: otherwise the first look at it (`is_dir`) fails with a system error."""
    longest = max(path.parts, key=lambda part: name_length(part, characters), default="")
    if name_length(longest, characters) > NAME_LIMIT:
        unit = (
            "caractères"
            if characters
            else "octets (255 caractères sans accent, moins avec des accents)"
        )
        raise UsageError(
            f"le chemin de sortie contient un nom de plus de {NAME_LIMIT} {unit} "
            f"(« {longest[:40]}… ») : le système ne l'accepte pas, rien n'est écrit",
            f"choisissez un nom plus court avec {option}",
        )
    if len(str(path.absolute())) > PATH_LIMIT:
        raise UsageError(
            f"le chemin de sortie fait plus de {PATH_LIMIT} caractères : rien n'est écrit",
            f"choisissez un dossier moins profond avec {option}",
        )


def work_folder_failure(error: OSError, folder: str | None = None) -> RenderingError:
    """The error for a file cptsplan could not write in its own temporary folder (pandoc's
    and Typst's working files, under TMPDIR / TEMP): a full or read-only temporary disk is
    not a problem of the plan nor of a template, and the documents were not touched."""
    where = folder if folder is not None else "le dossier temporaire"
    return RenderingError(
        f"impossible d'écrire les fichiers de travail dans {where} : {reason(error)} ; "
        "aucun document n'a été remplacé",
        "libérez de la place sur ce disque, ou indiquez un autre dossier temporaire "
        "(variable TMPDIR, ou TEMP sous Windows)",
    )
