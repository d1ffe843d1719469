"""Checks on custom layout files (reference.docx, plan-sse.typ, plan-sse.html, plan-sse.css)
before pandoc or Typst see them, and their failures reported as what they are.

A broken `reference.docx` made pandoc die with a Haskell backtrace (exit 4); a Typst layout
that imports `@preview/...` made Typst try the network. A custom file is checked first (a
Word document is a ZIP archive with a document part; a Typst layout imports no package), and
when pandoc or Typst fails on a conversion that used a custom file, the error is that file's
(exit 3, file named, the tool's message without its backtrace): the bundled files are known
to work.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Sequence

from cptsplan.errors import ConfigurationError, CptsplanError, RenderingError
from cptsplan.files.pandoc import TypstFailure
from cptsplan.render.resources import RETRY_HINT, TemplateFile

MAX_DOCX_MEMBERS = 2_000
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024
REQUIRED_DOCX_PARTS = ("[Content_Types].xml", "word/document.xml")
# A package import names "@namespace/name:version"; nothing else in Typst starts a string so.
_PACKAGE = re.compile(r"""["']@[A-Za-z0-9_-]+/[^"']*["']""")


def check_reference_docx(file: TemplateFile) -> None:
    """A custom reference.docx must be a readable Word document (raises ConfigurationError)."""
    if not file.custom:
        return
    problem = _docx_problem(file.data)
    if problem:
        raise ConfigurationError(
            f"le document de styles {file.path} n'est pas un document Word utilisable : {problem}",
            "enregistrez-le depuis Word ou LibreOffice au format .docx ; " + RETRY_HINT,
        )


def _docx_problem(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_DOCX_MEMBERS:
                return f"{len(members)} parties ({MAX_DOCX_MEMBERS} au plus)"
            if sum(member.file_size for member in members) > MAX_DOCX_UNCOMPRESSED:
                return "trop volumineux une fois décompressé"
            names = {member.filename for member in members}
            missing = [part for part in REQUIRED_DOCX_PARTS if part not in names]
            if missing:
                return "il lui manque " + ", ".join(missing)
            broken = archive.testzip()
            if broken is not None:
                return f"la partie {broken} est abîmée"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return "ce n'est pas une archive .docx (ZIP)"
    except (NotImplementedError, RuntimeError) as error:  # encrypted, unknown compression
        return f"archive illisible ({error})"
    return None


def check_typst_template(file: TemplateFile) -> None:
    """A custom Typst layout may not import packages: that would need the network."""
    _refuse_first(
        file,
        _PACKAGE,
        lambda found: (
            f"le paquet Typst {found.group(0)} devrait être téléchargé ; cptsplan "
            "n'utilise jamais le réseau"
        ),
        "copiez dans le gabarit le code dont vous avez besoin, ou retirez l'import",
    )


_PARTIAL_PATH = re.compile(r"(?:\$\{?\s*|:)([\w.~-]*[/\\][\w./\\~-]*)\s*\(\s*\)")
"""A pandoc partial named by a path (« $/home/moi/.ssh/config.yaml()$ »,
« ${ x:../../a.txt() } »): pandoc reads any file it names, sandbox or not, and prints it in
the page."""


def check_html_template(file: TemplateFile) -> None:
    """A custom HTML page may not pull in a file by its path: a partial named by a bare
    name (« $styles.html()$ ») is looked up among pandoc's own files only."""
    _refuse_first(
        file,
        _PARTIAL_PATH,
        lambda found: (
            f"« {found.group(1)}() » ferait lire à pandoc un fichier hors des "
            "gabarits ; cptsplan ne lit rien hors du plan"
        ),
        "écrivez dans la page le texte dont vous avez besoin",
    )


def _refuse_first(
    file: TemplateFile,
    pattern: re.Pattern[str],
    saying: Callable[[re.Match[str]], str],
    hint: str,
) -> None:
    """A custom layout file in which `pattern` is found is refused (exit 3), at the line of
    its first occurrence; the bundled ones are not searched."""
    if not file.custom:
        return
    text = file.text()
    match = pattern.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        raise ConfigurationError(
            f"gabarit {file.path}, ligne {line} : {saying(match)}", f"{hint} ; {RETRY_HINT}"
        )


def style_text(file: TemplateFile) -> str:
    """The CSS, decoded (a custom file not in UTF-8 is a configuration error, exit 3)."""
    return file.text()


def conversion_error(error: RenderingError, used: Sequence[TemplateFile]) -> CptsplanError:
    """The error of a failed conversion: the custom file's when one was used."""
    custom = [file for file in used if file.custom]
    if isinstance(error, TypstFailure) and error.network:
        return ConfigurationError(
            "un gabarit Typst demande un paquet à télécharger : cptsplan n'utilise jamais le "
            f"réseau ({error.detail})",
            "retirez l'import du paquet de votre plan-sse.typ ; " + RETRY_HINT,
        )
    if not custom:
        return error
    names = ", ".join(str(file.path) for file in custom)
    return ConfigurationError(
        f"la conversion avec votre fichier {names} a échoué : {error.message}", RETRY_HINT
    )
