"""Image files of a plan's figures: read once, checked on the bytes read, never trusted by name.

A figure names a file relative to the plan's folder. That name comes from someone else's
repository as often as not, so the file is only accepted when its real path (symlinks
resolved) stays inside the plan's folder, when it is a regular file (not a device or a FIFO),
when its first bytes really are PNG or JPEG (the extension proves nothing), when it is at
most `MAX_FIGURE_BYTES` long and its pixel size is sane (a tiny file may declare a huge image
that the PDF compiler would then try to decode). The rule `figure-invalide` reports a refusal
at the `fichier` value; rendering uses the same check and prints only the bytes it checked.
"""

from __future__ import annotations

import errno
import os
import stat
import struct
from pathlib import Path, PureWindowsPath
from typing import Final

from cptsplan.findings.records import record
from cptsplan.load.loader import MAX_FILE_BYTES

MAX_FIGURE_BYTES = MAX_FILE_BYTES
"""The same ceiling as a YAML file of the plan (5 Mio): a map or a poster fits well below."""
MAX_SIDE_PIXELS = 12_000
MAX_PIXELS = 50_000_000

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
# JPEG "start of frame" markers carry the image size (C4, C8 and CC are other markers).
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


@record(frozen=True)
class FigureImage:
    """The checked bytes of one figure; `kind` is 'png' or 'jpeg'."""

    __slots__ = ("data", "kind")

    def __init__(self, data: bytes, kind: str) -> None:
        self.data: Final = data
        self.kind: Final = kind

    @property
    def mime(self) -> str:
        return f"image/{self.kind}"

    @property
    def extension(self) -> str:
        return "png" if self.kind == "png" else "jpg"


class FigureRefused(Exception):
    """Why a figure's file cannot be used (French, for the user), with a hint."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def plan_folder(root: Path) -> Path:
    """The folder figures are relative to: the plan's folder, or a one-file plan's folder."""
    return root if root.is_dir() else root.parent


def read_figure(folder: Path, name: str) -> FigureImage:
    """Read and check the image `name` (relative to `folder`); raises FigureRefused."""
    # Read the same on every system: « figures\carte.png », typed on Windows, names
    # figures/carte.png on the Linux CI too; « C:\… » or « \\serveur\… » is absolute there.
    written = PureWindowsPath(name)
    if written.drive or written.root:  # POSIX « /… » too: a root for Windows paths
        # The path of the coordinator's own disk: the CI, the ARS, a colleague do not have
        # it. The fix is to copy the image, not to rewrite the path.
        raise FigureRefused(
            f"le chemin de l'image « {name} » est absolu (celui d'un disque, pas du plan)",
            "copiez l'image dans le dossier du plan (par exemple dans figures/) et écrivez son "
            f"chemin depuis ce dossier : « figures/{written.name or 'carte.png'} »",
        )
    relative = Path(os.path.normpath(written.as_posix()))
    base = folder.resolve()
    try:
        real = (base / relative).resolve(strict=True)
    except FileNotFoundError:
        disk = _disk_spelling(base, relative)
        raise FigureRefused(
            f"image introuvable : « {name} »", _case_hint(disk) if disk else _missing(folder)
        ) from None
    except (OSError, RuntimeError) as error:  # symlink loops, unreadable folders
        raise FigureRefused(f"image illisible : « {name} » ({_reason(error)})", _HINT) from None
    if not real.is_relative_to(base):
        raise FigureRefused(
            f"l'image « {name} » est en dehors du dossier du plan",
            "seuls les fichiers placés dans le dossier du plan (liens symboliques compris) "
            "sont acceptés : copiez l'image dans ce dossier",
        )
    disk = _disk_spelling(base, relative)
    if disk and disk != relative.as_posix():
        # Found here (Windows, macOS) under another case: the CI, on Linux, will not find it.
        raise FigureRefused(
            f"l'image « {name} » est écrite avec d'autres majuscules ou minuscules que sur le "
            "disque",
            _case_hint(disk),
        )
    data = _read_regular(real, name)
    kind = image_kind(data)
    if kind is None:
        raise FigureRefused(
            f"« {name} » n'est pas une image PNG ou JPEG (son contenu ne commence pas comme "
            "une image, quelle que soit son extension)",
            "exportez l'image en PNG ou en JPEG",
        )
    size = image_size(data, kind)
    if size is None:
        raise FigureRefused(f"l'image « {name} » est abîmée (dimensions illisibles)", _HINT)
    width, height = size
    if not (0 < width <= MAX_SIDE_PIXELS and 0 < height <= MAX_SIDE_PIXELS) or (
        width * height > MAX_PIXELS
    ):
        raise FigureRefused(
            f"l'image « {name} » est trop grande ({width} × {height} pixels)",
            f"réduisez-la à {MAX_SIDE_PIXELS} pixels de côté au plus",
        )
    return FigureImage(data, kind)


_HINT = "vérifiez le fichier, ou exportez de nouveau l'image en PNG ou en JPEG"


def _missing(folder: Path) -> str:
    return f"placez le fichier dans le dossier du plan ({folder}) ou corrigez son chemin"


def _disk_spelling(base: Path, relative: Path) -> str | None:
    """`relative` as the disk spells it, when each part is there in one case only, or None:
    « Carte.PNG » for carte.png is found on Windows and macOS, not on Linux."""
    current, parts = base, []
    for part in relative.parts:
        try:
            names = os.listdir(current)
        except OSError:
            return None
        if part not in names:
            same = [n for n in names if n.casefold() == part.casefold()]
            if len(same) != 1:
                return None
            part = same[0]
        parts.append(part)
        current = current / part
    return "/".join(parts)


def _case_hint(shown: str) -> str:
    return (
        f"le fichier s'écrit « {shown} » sur le disque : écrivez « fichier: {shown} » (les "
        "majuscules et les minuscules comptent hors de Windows et de macOS)"
    )


def _read_regular(path: Path, name: str) -> bytes:
    # O_NONBLOCK: opening a FIFO must not wait for a writer; O_NOFOLLOW: the resolved path
    # must not have been replaced by a link since; the type is checked on the open file.
    # O_BINARY (Windows): without it os.open gives a text-mode descriptor, whose reads turn
    # CRLF into LF and stop at the first Ctrl-Z byte: every PNG (its signature holds both)
    # was cut after 5 bytes and refused.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise FigureRefused(f"image illisible : « {name} » ({_reason(error)})", _HINT) from None
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        os.close(descriptor)
        raise FigureRefused(
            f"« {name} » n'est pas un fichier ordinaire (dossier, périphérique ou tube)",
            "indiquez un fichier image PNG ou JPEG",
        )
    with os.fdopen(descriptor, "rb") as handle:
        too_big = FigureRefused(
            f"l'image « {name} » dépasse {MAX_FIGURE_BYTES // (1024 * 1024)} Mo",
            "réduisez sa taille (une carte ou une affiche tient en quelques centaines de Ko)",
        )
        if info.st_size > MAX_FIGURE_BYTES:
            raise too_big
        data = handle.read(MAX_FIGURE_BYTES + 1)
    if len(data) > MAX_FIGURE_BYTES:
        raise too_big
    return data


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.errno == errno.ELOOP:
        return "boucle de liens symboliques"
    if isinstance(error, PermissionError):
        return "accès refusé"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return type(error).__name__


def image_kind(data: bytes) -> str | None:
    """'png' or 'jpeg' from the first bytes, or None."""
    if data.startswith(PNG_SIGNATURE):
        return "png"
    if data.startswith(JPEG_SIGNATURE):
        return "jpeg"
    return None


def image_size(data: bytes, kind: str) -> tuple[int, int] | None:
    """(width, height) in pixels read from the PNG header or the JPEG frame header."""
    if kind == "png":
        if len(data) < 24 or data[12:16] != b"IHDR":
            return None
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if marker in _SOF_MARKERS:
            if position + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return int(width), int(height)
        if length < 2:
            return None
        position += 2 + length
    return None
