"""Checks a document before anything reads it: a DOCX or an ODT is a zip of XML parts.

Everything here reads the zip's directory and streams the parts in small chunks, so that a
hostile document is refused in bounded time and memory before pandoc ever sees it: a zip
bomb (total size or compression ratio), too many members, a macro-enabled document, a DTD
or an entity declaration in an XML part (billion laughs, external entities), XML nested too
deeply or holding thousands of tables. Files that are not DOCX/ODT at all (`.doc`, `.pdf`,
a PDF renamed `.docx`) are recognised by their first bytes and refused with a French
explanation of how to save the plan as `.docx`. Every refusal is a UsageError (exit 2).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from cptsplan.errors import UsageError
from cptsplan.importer.xmlparts import main_part

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 2_000
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_MEMBER_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 100
"""A Word document compresses ten-fold or so; a bomb, a thousand-fold or more."""
MAX_TABLES = 2_000
MAX_DEPTH = 200
CHUNK = 64 * 1024

SAVE_AS = (
    "ouvrez le document dans Word ou LibreOffice, puis « Fichier > Enregistrer sous » et "
    "choisissez le type « Document Word (*.docx) » ; relancez l'import sur ce fichier"
)
KINDS = {".docx": "docx", ".odt": "odt"}
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_TABLE = {"docx": re.compile(rb"<w:tbl[ >]"), "odt": re.compile(rb"<table:table[ >]")}
_OPEN = re.compile(rb"<[A-Za-z]")
_CLOSE = re.compile(rb"</|/>")


def refuse(message: str, hint: str = SAVE_AS) -> UsageError:
    return UsageError(message, hint)


def document_kind(path: Path) -> str:
    """`docx` or `odt`, after checking the file's name and first bytes; refuses the rest."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise UsageError(f"{path} n'est pas un fichier")
    with path.open("rb") as stream:
        head = stream.read(8)
    if head.startswith(b"%PDF"):
        raise refuse(
            f"{path.name} est un PDF (quel que soit son nom) : cptsplan ne lit pas les PDF",
            "un PDF numérisé ne peut pas être lu ; reprenez le document Word ou LibreOffice "
            "d'origine, ou ouvrez le PDF dans Word (« Fichier > Ouvrir ») puis "
            "« Enregistrer sous » au format « Document Word (*.docx) »",
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        if _encrypted(path):
            raise _protected(path.name)
        raise refuse(f"{path.name} est un document Word ancien (.doc) : cptsplan lit le .docx")
    if suffix in (".docm", ".dotm"):
        raise refuse(
            f"{path.name} est un document Word avec macros : refusé (les macros peuvent "
            "contenir du code)",
            "ouvrez-le dans Word, puis « Enregistrer sous » au format « Document Word (*.docx) »"
            " (sans macros) ; relancez l'import sur ce fichier",
        )
    if suffix not in KINDS:
        raise refuse(
            f"{path.name} : type de fichier non pris en charge ({suffix or 'sans extension'}) ;"
            " cptsplan importe les documents .docx et .odt"
        )
    if not head.startswith(b"PK"):
        raise refuse(f"{path.name} n'est pas un vrai fichier {suffix} (contenu illisible)")
    return KINDS[suffix]


_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
"""The stream of a Word document saved with a password to open it (an encrypted OOXML
package inside the compound container of the old .doc format)."""


def _encrypted(path: Path) -> bool:
    """Whether the compound file holds an encrypted Word package (read in chunks, bounded
    by MAX_FILE_BYTES)."""
    tail = b""
    with path.open("rb") as stream:
        for _ in range(MAX_FILE_BYTES // CHUNK):
            chunk = stream.read(CHUNK)
            if not chunk:
                break
            if _ENCRYPTED in tail + chunk:
                return True
            tail = chunk[-len(_ENCRYPTED) :]
    return False


def _protected(name: str) -> UsageError:
    return refuse(
        f"{name} est protégé par un mot de passe : cptsplan ne peut pas le lire",
        "ouvrez-le avec son mot de passe dans Word (« Fichier > Informations > Protéger le "
        "document > Chiffrer avec mot de passe », effacez le mot de passe) ou LibreOffice "
        "(« Fichier > Propriétés > Sécurité »), enregistrez-en une copie sans mot de passe "
        "et importez cette copie ; gardez-la en lieu sûr (elle contient l'annuaire)",
    )


def check_document(path: Path) -> str:
    """Refuse what must not be read (see the module docstring); returns the kind."""
    kind = document_kind(path)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise refuse(
            f"{path.name} dépasse {MAX_FILE_BYTES // (1024 * 1024)} Mo : refusé",
            "les photos et les cartes collées en pleine résolution en sont presque toujours la "
            "cause ; dans Word, « Fichier > Enregistrer sous > Outils > Compresser les images » "
            "(résolution « Web (150 ppp) »), dans LibreOffice « Format > Image > Compresser », "
            "enregistrez une copie et importez-la (l'import ne lit que le texte)",
        )
    try:
        with zipfile.ZipFile(path) as archive:
            kind = _check_archive(archive, path.name, kind)
    except zipfile.BadZipFile:
        raise refuse(f"{path.name} est endommagé (archive illisible)") from None
    except (OSError, RuntimeError, NotImplementedError, EOFError) as error:
        raise refuse(f"{path.name} ne peut pas être lu ({error})") from None
    return kind


def _check_archive(archive: zipfile.ZipFile, name: str, kind: str) -> str:
    """Refuse what must not be read; returns the document's kind, told by its content."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise refuse(f"{name} contient {len(members)} éléments : refusé (document piégé ?)")
    names = {member.filename for member in members}
    # In the archive's order, not the set's (which changes with the hash seed): the same
    # trapped name is quoted at every run.
    for member in members:
        member_name = member.filename
        parts = member_name.replace("\\", "/").split("/")
        if member_name.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
            raise refuse(
                f"{name} contient un élément au nom piégé ({member_name[:80]}) : refusé",
                "ce document n'a pas été enregistré par Word ou LibreOffice ; enregistrez-le "
                "à nouveau depuis Word au format .docx",
            )
    kind = _content_kind(archive, names, name) or kind
    main = main_part(archive, kind)
    if main not in names:
        raise refuse(f"{name} n'est pas un document {kind.upper()} (partie principale absente)")
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise refuse(
            f"{name} contient des macros (vbaProject.bin) : refusé",
            "ouvrez-le dans Word, puis « Enregistrer sous » au format « Document Word (*.docx) »"
            " (sans macros) ; relancez l'import sur ce fichier",
        )
    if kind == "odt" and _odt_encrypted(archive, names):
        raise _protected(name)
    total = 0
    for member in members:
        if member.file_size > MAX_MEMBER_UNCOMPRESSED:
            raise _bomb(name)
        total += member.file_size
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise _bomb(name)
        ratio = member.file_size / member.compress_size if member.compress_size else 0
        if ratio > MAX_RATIO and member.file_size > 1024 * 1024:
            raise _bomb(name)
    for member in members:
        if member.filename.lower().endswith((".xml", ".rels")):
            _check_xml(archive, member, name, kind, member.filename == main)
    return kind


_OTHER_KINDS = {
    "xl/": "un classeur Excel", "ppt/": "une présentation PowerPoint",
    "application/vnd.oasis.opendocument.spreadsheet": "un classeur LibreOffice Calc",
    "application/vnd.oasis.opendocument.presentation": "une présentation LibreOffice Impress",
}  # fmt: skip


def _content_kind(archive: zipfile.ZipFile, names: set[str], name: str) -> str | None:
    """`odt` or `docx` as the archive says, whatever the file's name: a LibreOffice document
    renamed « .docx » (renaming does not convert a document, though many believe it does)
    is read as what it is, not refused as « not a DOCX ». A spreadsheet or a presentation is
    refused saying so; None when the archive says nothing (the caller's checks follow)."""
    mimetype = ""
    if "mimetype" in names and archive.getinfo("mimetype").file_size <= 200:
        mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
    if mimetype.startswith("application/vnd.oasis.opendocument.text"):
        return "odt"
    main = main_part(archive, "docx")
    if main.startswith("word/") and main in names:
        return "docx"
    what = next(
        (k for prefix, k in _OTHER_KINDS.items() if (mimetype or main).startswith(prefix)), None
    )
    if what is not None:
        raise refuse(
            f"{name} est {what}, pas un document texte : cptsplan importe un plan écrit sous "
            "Word (.docx) ou LibreOffice Writer (.odt)",
            "choisissez le document du plan lui-même ; un annuaire tenu dans un tableur se "
            "reporte dans plan/annuaire.yaml (« cptsplan annuaire importer » lit un CSV)",
        )
    return None


def _odt_encrypted(archive: zipfile.ZipFile, names: set[str]) -> bool:
    """An ODT saved with a password: its manifest describes how each part is encrypted."""
    manifest = "META-INF/manifest.xml"
    if manifest not in names or archive.getinfo(manifest).file_size > 1024 * 1024:
        return False
    return b"encryption-data" in archive.read(manifest)


def _bomb(name: str) -> UsageError:
    return refuse(
        f"{name} se décompresse en un volume démesuré : refusé (archive piégée ?)",
        "si c'est bien votre plan, enregistrez-le à nouveau depuis Word au format .docx, sans "
        "images volumineuses",
    )


def _check_xml(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str, kind: str, main: bool
) -> None:
    """Stream one part: no declaration, bounded nesting and tables (in the body, `main`),
    real size bounded too (the sizes in the directory are only what the archive claims)."""
    tables = depth = read = 0
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(CHUNK):
            read += len(chunk)
            if read > MAX_MEMBER_UNCOMPRESSED:
                raise _bomb(name)
            window = tail + chunk
            if _DECLARATION.search(window):
                raise refuse(
                    f"{name} : la partie {member.filename} déclare une DTD ou des entités XML "
                    "(interdit dans un document Word ou LibreOffice) : refusé",
                    "ce document a été fabriqué ou modifié par un autre outil ; enregistrez-le "
                    "à nouveau depuis Word au format .docx",
                )
            if main:
                tables += len(_TABLE[kind].findall(chunk))
                if tables > MAX_TABLES:
                    raise refuse(f"{name} contient plus de {MAX_TABLES} tableaux : refusé")
                depth += len(_OPEN.findall(chunk)) - len(_CLOSE.findall(chunk))
                if depth > MAX_DEPTH * 4:
                    raise refuse(f"{name} : XML imbriqué trop profondément : refusé")
            tail = chunk[-16:]
