"""Where templates and style files come from: the user's folders first, then the bundled ones.

A file in a user folder (`--templates DIR`, or a `templates/` folder next to the plan) with
the name of a bundled file replaces it. The Lua filter is not looked up here: it is part of
the safety of rendering (it alone turns template markers into raw output) and stays bundled.

A template folder next to a plan comes from the plan's repository, often someone else's: a
file found there is read only when its real path (symlinks resolved) lies inside the folder it
was found in, and when it is a regular file (a FIFO would hang the render, a device would
stream forever), of a sane size. Refusals are configuration errors (exit 3) naming the file.
Every file is read once, as checked bytes; pandoc and Typst then receive copies of those bytes
in their private folders, never a path of the user's disk (so a relative plan path works too).
"""

from __future__ import annotations

import errno
import functools
import importlib.util
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from cptsplan.errors import ConfigurationError
from cptsplan.files.output import file_kind

LUA_FILTER = "cptsplan.lua"
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024
"""A template, a style sheet, a Typst or HTML layout: the bundled ones are under 15 Kio."""
MAX_REFERENCE_DOCX_BYTES = 20 * 1024 * 1024
"""A Word style document, with its logos (the bundled one is 13 Kio)."""
RETRY_HINT = "corrigez le fichier ou retirez-le pour revenir au fichier fourni avec cptsplan"


@functools.cache
def bundled_dir() -> Path:
    """The folder of the templates shipped with cptsplan: the `cptsplan.templates` package's
    own folder (any ordinary or editable install), as importlib.resources gives it, without
    importing importlib.resources (≈ 1 ms of every render, as for the schema's files)."""
    spec = importlib.util.find_spec("cptsplan.templates")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    from importlib.resources import files

    return Path(str(files("cptsplan.templates")))


@dataclass(frozen=True)
class TemplateFile:
    """The checked bytes of one template file, and where they were read."""

    name: str
    path: Path
    """The path as found (folder / name), for messages."""
    data: bytes
    custom: bool
    mtime_ns: int

    def text(self) -> str:
        try:
            return self.data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ConfigurationError(
                f"le fichier de gabarit {self.path} n'est pas encodé en UTF-8 "
                f"(octet {error.start + 1})",
                "enregistrez-le en UTF-8 (« Enregistrer sous », encodage UTF-8) ; " + RETRY_HINT,
            ) from error


def _refuse(path: Path, why: str) -> ConfigurationError:
    return ConfigurationError(f"fichier de gabarit refusé : {path} {why}", RETRY_HINT)


def read_checked(folder: Path, name: str, custom: bool = True) -> TemplateFile | None:
    """The file `name` of `folder`, or None when the folder has no such entry.

    Raises ConfigurationError when the entry exists but may not be used: it leads outside
    `folder`, it is not a regular file, it is too large or it cannot be read."""
    candidate = folder / name
    if not os.path.lexists(candidate):
        return None
    try:
        base = folder.resolve(strict=True)
        real = candidate.resolve(strict=True)
    except FileNotFoundError:
        raise _refuse(candidate, "est un lien symbolique vers un fichier absent") from None
    except (OSError, RuntimeError) as error:  # symlink loops, unreadable folders
        raise _refuse(candidate, f"ne peut pas être lu ({error})") from error
    if not real.is_relative_to(base):
        raise _refuse(
            candidate,
            f"est un lien vers {real}, hors du dossier de gabarits {folder} : un gabarit ne "
            "peut lire que les fichiers de son dossier",
        )
    limit = MAX_REFERENCE_DOCX_BYTES if name.endswith(".docx") else MAX_TEMPLATE_BYTES
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then tells what it is.
        # O_BINARY (Windows): a text-mode descriptor turns CRLF into LF and stops at Ctrl-Z,
        # which broke every reference.docx (a zip), the bundled one included.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        flags |= getattr(os, "O_BINARY", 0)
        descriptor = os.open(real, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _refuse(candidate, "est devenu un lien symbolique pendant la lecture") from None
        raise _refuse(candidate, f"ne peut pas être lu ({error.strerror})") from error
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(candidate, f"n'est pas un fichier ordinaire ({file_kind(info.st_mode)})")
        if info.st_size > limit:
            raise _refuse(
                candidate, f"est trop volumineux ({info.st_size} octets ; {limit} au plus)"
            )
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise _refuse(candidate, f"est trop volumineux (plus de {limit} octets)")
    return TemplateFile(name, candidate, data, custom, info.st_mtime_ns)


@dataclass(frozen=True)
class TemplateDirs:
    """Folders searched for templates, most specific first; the bundled folder is last."""

    custom: tuple[Path, ...] = ()
    _cache: dict[str, TemplateFile] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    @property
    def search_path(self) -> list[Path]:
        return [*self.custom, bundled_dir()]

    def get(self, name: str) -> TemplateFile:
        """The checked file `name` from the first folder that has it, read once."""
        found = self._cache.get(name)
        if found is None:
            found = self.lookup(name)
            if found is None:
                raise ConfigurationError(f"gabarit introuvable : {name}")
            self._cache[name] = found
        return found

    def lookup(self, name: str) -> TemplateFile | None:
        for folder in self.custom:
            found = read_checked(folder, name)
            if found is not None:
                return found
        return read_checked(bundled_dir(), name, custom=False)

    def find(self, name: str) -> Path:
        """Where `name` is read from (checked); prefer `get`, which gives the bytes."""
        return self.get(name).path

    @staticmethod
    def lua_filter() -> Path:
        return (bundled_dir() / LUA_FILTER).resolve()


def template_dirs(plan_path: Path, option: Path | None) -> TemplateDirs:
    """`--templates DIR` first, then `templates/` beside the plan's YAML files."""
    folders: list[Path] = []
    if option is not None:
        folders.append(option)
    plan_folder = plan_path if plan_path.is_dir() else plan_path.parent
    beside = plan_folder / "templates"
    if beside.is_dir() and (option is None or beside.resolve() != option.resolve()):
        # Found without being asked for: it must really be a folder of the plan's own.
        if not beside.resolve().is_relative_to(plan_folder.resolve()):
            raise ConfigurationError(
                f"dossier de gabarits refusé : {beside} est un lien vers {beside.resolve()}, "
                f"hors du dossier du plan",
                "placez les gabarits dans le dossier templates/ du plan, ou donnez leur "
                "dossier avec --templates",
            )
        folders.append(beside)
    return TemplateDirs(tuple(folders))


def custom_files(dirs: TemplateDirs) -> list[Path]:
    """Every regular file directly in the custom folders: inputs of a render, which its
    output must never replace."""
    found: list[Path] = []
    for folder in dirs.custom:
        try:
            found.extend(child for child in folder.iterdir() if child.is_file())
        except OSError:
            continue
    return found
