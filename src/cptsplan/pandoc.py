"""The only module that runs pandoc and Typst. Every failure becomes a RenderingError (exit 4).

Pandoc is the binary bundled in the `pypandoc_binary` wheel, never a system pandoc (an old one
may lack the Typst writer, a newer one may format differently). It reads our Markdown with
every raw-output extension disabled and runs with `--sandbox`, inside a private temporary
folder that is also its data folder, so neither plan text nor the user's pandoc configuration
can make it read files. Typst compiles in a private temporary folder given as its root.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from .errors import RenderingError

# Extensions that would let text become raw output, metadata, math or citations are off;
# templates only need headings, lists, tables, emphasis, fenced divs and bracketed spans.
READER = "markdown" + "".join(
    f"-{extension}"
    for extension in (
        "raw_attribute",
        "raw_html",
        "raw_tex",
        "latex_macros",
        "tex_math_dollars",
        "native_divs",
        "native_spans",
        "markdown_in_html_blocks",
        "yaml_metadata_block",
        "pandoc_title_block",
        "citations",
        "implicit_figures",
    )
)
TIMEOUT_SECONDS = 300
_RESOURCE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\.(?:png|jpg)")


def pandoc_binary() -> Path:
    """Path of the pandoc bundled with pypandoc_binary (found without importing pypandoc)."""
    spec = importlib.util.find_spec("pypandoc")
    if spec is None or not spec.submodule_search_locations:
        raise RenderingError(
            "pandoc est introuvable : le paquet pypandoc_binary n'est pas installé",
            "réinstallez cptsplan (pip install cptsplan) : pandoc est fourni avec lui",
        )
    name = "pandoc.exe" if sys.platform == "win32" else "pandoc"
    return Path(next(iter(spec.submodule_search_locations))) / "files" / name


def run_pandoc(
    markdown: str,
    writer: str,
    options: Sequence[str] = (),
    metadata: Mapping[str, str | bool] | None = None,
    variables: Mapping[str, str] | None = None,
) -> bytes:
    """Convert `markdown` with `writer` and return the output bytes (stdout)."""
    binary = pandoc_binary()
    if not binary.is_file():
        raise RenderingError(
            f"pandoc est introuvable ({binary})",
            "réinstallez le paquet pypandoc_binary, qui fournit pandoc",
        )
    with tempfile.TemporaryDirectory(prefix="cptsplan-pandoc-") as folder:
        command = [
            str(binary),
            "--sandbox",
            f"--data-dir={folder}",
            f"--from={READER}",
            f"--to={writer}",
            "--output=-",
            *options,
        ]
        for key, value in (metadata or {}).items():
            # -M values are literal strings (not Markdown): pandoc escapes them for the writer.
            command.append(f"--metadata={key}" if value is True else f"--metadata={key}:{value}")
        for key, value in (variables or {}).items():
            command.append(f"--variable={key}:{value}")
        try:
            completed = subprocess.run(
                command,
                input=markdown.encode("utf-8"),
                capture_output=True,
                cwd=folder,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
        except FileNotFoundError as error:
            raise RenderingError(
                f"pandoc est introuvable ({binary})",
                "réinstallez le paquet pypandoc_binary, qui fournit pandoc",
            ) from error
        except (OSError, subprocess.SubprocessError) as error:
            raise RenderingError(f"pandoc n'a pas pu être lancé : {error}") from error
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip()[-800:]
        raise RenderingError(
            f"pandoc a échoué (conversion vers {writer}, code {completed.returncode}) : {message}"
        )
    return completed.stdout


def typst_to_pdf(
    source: str, timestamp: int | None = None, files: Mapping[str, bytes] | None = None
) -> bytes:
    """Compile Typst markup to PDF with the `typst` package, offline, in a private folder.

    `timestamp` (seconds since 1970, UTC) is the PDF's creation date; a fixed one makes the
    same plan give the same PDF, byte for byte. `files` (plain names such as `figure-1.png`
    -> checked bytes) are written into that folder, the only place Typst reads from: the
    figures' images, never a path of the user's disk."""
    try:
        import typst
    except ImportError as error:
        raise RenderingError(
            "le paquet typst n'est pas installé : impossible de produire le PDF",
            "réinstallez cptsplan (pip install cptsplan)",
        ) from error
    with tempfile.TemporaryDirectory(prefix="cptsplan-typst-") as folder:
        main = Path(folder) / "plan.typ"
        main.write_text(source, encoding="utf-8")
        for name, data in (files or {}).items():
            if not _RESOURCE_NAME.fullmatch(name):
                raise RenderingError(f"nom de fichier d'image refusé : {name}")
            (Path(folder) / name).write_bytes(data)
        try:
            pdf = typst.compile(
                os.fspath(main),
                root=folder,
                format="pdf",
                # Only the fonts embedded in typst: the same PDF on every machine.
                ignore_system_fonts=True,
                package_path=folder,
                package_cache_path=folder,
                timestamp=timestamp,
            )
        except Exception as error:  # typst.TypstError and panics of the compiler
            raise RenderingError(f"Typst n'a pas pu produire le PDF : {error}") from error
    if not isinstance(pdf, bytes):
        raise RenderingError("Typst n'a pas renvoyé de PDF")
    return pdf
