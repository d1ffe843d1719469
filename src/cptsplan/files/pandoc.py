"""The only module that runs pandoc and Typst. Every failure becomes a RenderingError (exit 4).

Pandoc is the binary bundled in the `pypandoc_binary` wheel, never a system pandoc (an old one
may lack the Typst writer, a newer one may format differently). It reads our Markdown with
every raw-output extension disabled and runs with `--sandbox`, inside a private temporary
folder that is also its data folder, so neither plan text nor the user's pandoc configuration
can make it read files. Typst compiles in a private temporary folder given as its root, with
an empty package folder and no way to the network. Both folders are registered in
`processes`, with pandoc's process: an interrupted render leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from cptsplan.errors import RenderingError
from cptsplan.files import processes
from cptsplan.privacy.safetext import xml_text

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
_RESOURCE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\.(?:png|jpg|docx|typ|html|css)")


def pandoc_binary() -> Path:
    """Path of the pandoc bundled with pypandoc_binary (found without importing pypandoc)."""
    spec = importlib.util.find_spec("pypandoc")
    if spec is None or not spec.submodule_search_locations:
        raise RenderingError(
            "pandoc est introuvable : le paquet pypandoc_binary n'est pas installé",
            "réinstallez cptsplan depuis sa source (pipx ou uv, voir docs/installation.md) : "
            "pandoc est fourni avec lui",
        )
    name = "pandoc.exe" if sys.platform == "win32" else "pandoc"
    return Path(next(iter(spec.submodule_search_locations))) / "files" / name


def _installed_pandoc() -> Path:
    """The pandoc binary, refused with a French message when the package lacks it."""
    binary = pandoc_binary()
    if not binary.is_file():
        raise RenderingError(
            f"pandoc est introuvable ({binary})",
            "réinstallez le paquet pypandoc_binary, qui fournit pandoc",
        )
    return binary


def run_pandoc(
    markdown: str,
    writer: str,
    options: Sequence[str] = (),
    metadata: Mapping[str, str | bool] | None = None,
    variables: Mapping[str, str] | None = None,
    files: Mapping[str, bytes] | None = None,
) -> bytes:
    """Convert `markdown` with `writer` and return the output bytes (stdout).

    `files` (plain names -> checked bytes: a custom reference document or template) are
    written into pandoc's private folder, its working folder: `options` name them by these
    plain names, so that pandoc never opens a path of the user's disk."""
    binary = _installed_pandoc()
    with processes.private_folder("cptsplan-pandoc-") as folder:
        for name, data in (files or {}).items():
            if not _RESOURCE_NAME.fullmatch(name):
                raise RenderingError(f"nom de fichier refusé : {name}")
            (Path(folder) / name).write_bytes(data)
        command = [
            str(binary),
            "--sandbox",
            f"--data-dir={folder}",
            f"--from={READER}",
            f"--to={writer}",
            "--output=-",
            *options,
        ]
        if metadata or variables:
            command.append(f"--defaults={_values_file(folder, metadata or {}, variables or {})}")
        completed = _run(command, xml_text(markdown).encode("utf-8", "replace"), folder, binary)
    if completed[0] != 0:
        raise RenderingError(
            f"pandoc a échoué (conversion vers {writer}, code {completed[0]}) : "
            + tool_message(completed[2])
        )
    return completed[1]


VALUES_FILE = "valeurs-cptsplan.yaml"


def _values_file(
    folder: str, metadata: Mapping[str, str | bool], variables: Mapping[str, str]
) -> str:
    """The metadata and the template variables, in a pandoc defaults file of the private
    folder rather than on the command line: a custom stylesheet (`plan-sse.css`, a variable)
    of more than 32 KB made the command too long for Windows (WinError 206), of more than
    128 KB for Linux (E2BIG). Defaults-file values are literal strings, as with -M and -V
    (not Markdown), and JSON is YAML. No control characters: the values reach XML."""
    values = {
        "metadata": {
            key: True if value is True else xml_text(str(value)) for key, value in metadata.items()
        },
        "variables": {key: xml_text(value) for key, value in variables.items()},
    }
    text = json.dumps(values, ensure_ascii=False)
    (Path(folder) / VALUES_FILE).write_text(text, encoding="utf-8")
    return VALUES_FILE


def _run(command: list[str], data: bytes, folder: str, binary: Path) -> tuple[int, bytes, bytes]:
    """Run pandoc; registered while it runs, so that an interrupted render kills it."""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=folder,
            env=_environment(),
        )
    except FileNotFoundError as error:
        raise RenderingError(
            f"pandoc est introuvable ({binary})",
            "réinstallez le paquet pypandoc_binary, qui fournit pandoc",
        ) from error
    except (OSError, ValueError, subprocess.SubprocessError) as error:
        raise RenderingError(f"pandoc n'a pas pu être lancé : {error}") from error
    processes.track(process)
    try:
        stdout, stderr = process.communicate(data, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired as error:
        process.kill()
        process.communicate()
        raise RenderingError(
            f"pandoc n'a pas fini en {TIMEOUT_SECONDS} secondes : conversion abandonnée"
        ) from error
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        processes.untrack(process)
    return process.returncode, stdout, stderr


_BACKTRACE = re.compile(r"^\s*(?:HasCallStack backtrace:|CallStack \(from HasCallStack\):)")


def tool_message(stderr: bytes | str, limit: int = 600) -> str:
    """What pandoc or Typst said, for a French error message: one line, the Haskell call
    stack (meant for pandoc's developers) left out, and at most `limit` characters."""
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    kept: list[str] = []
    for line in text.splitlines():
        if _BACKTRACE.match(line):
            break
        if line.strip():
            kept.append(line.strip())
    message = " — ".join(kept) or "(pas de message)"
    return message if len(message) <= limit else message[: limit - 1] + "…"


# Typst would download a package named by `#import "@preview/..."`: any proxy variable it
# reads points to a closed local port for the time of a compile, so a download fails at once
# without a byte on the network (templates are also refused before, see render/custom.py).
_NO_NETWORK = {
    name: "http://127.0.0.1:9"
    for name in ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY")
} | {"no_proxy": "", "NO_PROXY": ""}
_environment_lock = threading.Lock()
_offline_state: dict[str, Any] = {"active": 0, "saved": {}}


@contextlib.contextmanager
def _offline() -> Iterator[None]:
    """The proxy variables above, for the time of a compile. The environment is changed and
    restored under `_environment_lock`, never held during the compile itself: pandoc started
    by another thread meanwhile (DOCX and PDF are converted side by side) copies the
    environment under the same lock (`_environment`), so it never reads it half-changed;
    without that, a fork in the middle of a change gave pandoc a broken environment
    (« [Errno 14] Bad address » at its start, seen in the test suite)."""
    with _environment_lock:
        if _offline_state["active"] == 0:
            _offline_state["saved"] = {name: os.environ.get(name) for name in _NO_NETWORK}
            os.environ.update(_NO_NETWORK)
        _offline_state["active"] += 1
    try:
        yield
    finally:
        with _environment_lock:
            _offline_state["active"] -= 1
            if _offline_state["active"] == 0:
                for name, value in _offline_state["saved"].items():
                    if value is None:
                        os.environ.pop(name, None)
                    else:
                        os.environ[name] = value


def _environment() -> dict[str, str]:
    """A private copy of the environment for a child process, taken under the lock."""
    with _environment_lock:
        return dict(os.environ)


class TypstFailure(RenderingError):
    """Typst refused the source (the message is Typst's, cleaned)."""

    def __init__(self, message: str, detail: str, network: bool) -> None:
        super().__init__(message)
        self.detail = detail
        self.network = network


def typst_to_pdf(
    source: str,
    timestamp: int | None = None,
    files: Mapping[str, bytes] | None = None,
    session: TypstSession | None = None,
) -> bytes:
    """Compile Typst markup to PDF with the `typst` package, offline, in a private folder.

    `timestamp` (seconds since 1970, UTC) is the PDF's creation date; a fixed one makes the
    same plan give the same PDF, byte for byte. `files` (plain names such as `figure-1.png`
    -> checked bytes) are written into that folder, the only place Typst reads from: the
    figures' images, never a path of the user's disk. With a `session` (cptsplan preview),
    its folder and its compiler are used, and kept for the next compile."""
    if session is not None:
        return session.compile(source, timestamp, files)
    typst = _typst_module()
    with processes.private_folder("cptsplan-typst-") as folder:
        return _compile_in(folder, source, timestamp, files, typst, None)


def _typst_module() -> Any:
    try:
        import typst
    except ImportError as error:
        raise RenderingError(
            "le paquet typst n'est pas installé : impossible de produire le PDF",
            "réinstallez cptsplan depuis sa source (pipx ou uv, voir docs/installation.md)",
        ) from error
    return typst


def _options(folder: str) -> dict[str, Any]:
    packages = os.fspath(Path(folder) / "paquets")  # empty: no package is found, or fetched
    return {
        "root": folder,
        # Only the fonts embedded in typst: the same PDF on every machine.
        "ignore_system_fonts": True,
        "package_path": packages,
        "package_cache_path": packages,
    }


def _compile_in(
    folder: str,
    source: str,
    timestamp: int | None,
    files: Mapping[str, bytes] | None,
    typst: Any,
    compiler: Any,
) -> bytes:
    main = Path(folder) / "plan.typ"
    main.write_text(xml_text(source), encoding="utf-8")
    (Path(folder) / "paquets").mkdir(exist_ok=True)
    for name, data in (files or {}).items():
        if not _RESOURCE_NAME.fullmatch(name):
            raise RenderingError(f"nom de fichier d'image refusé : {name}")
        (Path(folder) / name).write_bytes(data)
    try:
        with _offline():
            if compiler is not None:
                pdf = compiler.compile(format="pdf", timestamp=timestamp)
            else:
                pdf = typst.compile(
                    os.fspath(main), format="pdf", timestamp=timestamp, **_options(folder)
                )
    except Exception as error:  # typst.TypstError and panics of the compiler
        detail = tool_message(str(error))
        raise TypstFailure(
            f"Typst n'a pas pu produire le PDF : {detail}",
            detail,
            "download" in str(error),
        ) from error
    if not isinstance(pdf, bytes):
        raise RenderingError("Typst n'a pas renvoyé de PDF")
    return pdf


READ_MEMORY = "-M1g"
"""pandoc's own heap limit while it reads a document for `cptsplan import`: a document that
passed importer/safety.py cannot need more, and a hostile one stops there."""


def read_document(data: bytes, reader: str) -> bytes:
    """pandoc's JSON tree of a DOCX or ODT document given as bytes (read from stdin, in the
    sandbox, with a heap limit and the conversions' timeout, TIMEOUT_SECONDS). The caller
    checks the zip first."""
    if reader not in ("docx", "odt"):
        raise RenderingError(f"lecteur de document inconnu : {reader}")
    binary = _installed_pandoc()
    command = [
        str(binary),
        "+RTS",
        READ_MEMORY,
        "-RTS",
        "--sandbox",
        f"--from={reader}",
        "--to=json",
        "--output=-",
    ]
    with processes.private_folder("cptsplan-lecture-") as folder:
        code, stdout, stderr = _run(command, data, folder, binary)
    if code != 0:
        raise RenderingError(
            f"pandoc n'a pas pu lire le document (code {code}) : " + tool_message(stderr)
        )
    return stdout


class TypstSession:
    """One private folder and one Typst compiler kept from a compile to the next (the
    preview recompiles the same plan at every save). The compiler keeps what it laid out:
    after a one-field edit of the complete example, Typst took 0.15 s instead of 0.9 s
    (typst 0.15.2, CPU time). `close` removes the folder; `processes.abort` does too."""

    def __init__(self) -> None:
        self._folder: str | None = None
        self._context: contextlib.ExitStack | None = None
        self._compiler: Any = None

    def compile(
        self, source: str, timestamp: int | None, files: Mapping[str, bytes] | None
    ) -> bytes:
        typst = _typst_module()
        if self._folder is None:
            self._context = contextlib.ExitStack()
            self._folder = self._context.enter_context(processes.private_folder("cptsplan-typst-"))
        with processes.work_folder_errors(self._folder):  # open between compiles: said here
            return self._compile(self._folder, typst, source, timestamp, files)

    def _compile(
        self,
        folder: str,
        typst: Any,
        source: str,
        timestamp: int | None,
        files: Mapping[str, bytes] | None,
    ) -> bytes:
        for stale in Path(folder).iterdir():  # an image the plan no longer uses
            if stale.is_file() and stale.name != "plan.typ" and stale.name not in (files or {}):
                stale.unlink()
        if self._compiler is None and hasattr(typst, "Compiler"):
            main = Path(folder) / "plan.typ"
            main.write_text("", encoding="utf-8")  # the compiler wants its file to exist
            (Path(folder) / "paquets").mkdir(exist_ok=True)
            try:
                self._compiler = typst.Compiler(os.fspath(main), **_options(folder))
            except Exception:  # an older typst: a compile from scratch each time
                self._compiler = None
        return _compile_in(folder, source, timestamp, files, typst, self._compiler)

    def close(self) -> None:
        self._compiler = None
        if self._context is not None:
            self._context.close()
        self._context, self._folder = None, None
