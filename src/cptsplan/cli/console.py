"""Printing on any console: what cannot be encoded is written in a close plain form.

On Windows, output redirected to a file or a pipe is encoded in the ANSI code page (cp1252),
a console in the OEM one (cp850), and some CI runners use ASCII: « ✔ », « ⚠ », « — » or
« é » there raised UnicodeEncodeError, a traceback instead of the report. The standard
streams keep their encoding (what the reader expects) and replace each character they
cannot encode: the report's symbols by their plain equivalents (✔ -> OK, ⚠ -> !), a letter
by the letter without its accent, anything else by « ? ». And when the output itself cannot
be written (a full disk behind `> rapport.sarif`), the command says so instead of a traceback
(output_full, exit_output_full).
"""

from __future__ import annotations

import codecs
import os
import sys
from typing import NoReturn, TextIO

HANDLER = "cptsplan-console"

PLAIN = {
    "✔": "OK",
    "✓": "OK",
    "✘": "X",
    "✖": "X",
    "⚠": "!",
    "ℹ": "i",
    "→": "->",
    "←": "<-",
    "↕": "<->",
    "›": ">",
    "‹": "<",
    "≥": ">=",
    "≤": "<=",
    "−": "-",
    "×": "x",
    "·": "-",
    "°": "o",
    "§": "par.",
    "©": "(c)",
    "„": '"',
    "‟": '"',
    "…": "...",
    "—": "-",
    "–": "-",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "’": "'",
    "‘": "'",
    "•": "*",
    "│": "|",
    "─": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "œ": "oe",
    "Œ": "OE",
    "€": "EUR",
}


def plain(character: str, encoding: str) -> str:
    """`character` as this encoding can write it: its plain form, else its letter without
    the accent, else « ? »."""
    import unicodedata  # only for a character the stream cannot encode: not at start-up

    for candidate in (
        PLAIN.get(character),
        unicodedata.normalize("NFKD", character).encode("ascii", "ignore").decode("ascii"),
    ):
        if candidate:
            try:
                candidate.encode(encoding)
            except (UnicodeEncodeError, LookupError):
                continue
            return candidate
    return "?"


def _replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    encoding = error.encoding or "ascii"
    text = "".join(plain(char, encoding) for char in error.object[error.start : error.end])
    return text, error.end


def printable_streams() -> None:
    """Make stdout and stderr write what they cannot encode in plain form (module doc)."""
    try:
        codecs.lookup_error(HANDLER)
    except LookupError:
        codecs.register_error(HANDLER, _replace)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if reconfigure is None or encoding in ("utf-8", "utf8"):
            continue
        try:
            reconfigure(errors=HANDLER)
        except (ValueError, OSError):  # a stream that cannot change any more: left as is
            continue


MACHINE_FORMATS = frozenset({"json", "sarif", "junit"})
"""Reports read by programs, which declare or expect UTF-8 (JUnit's XML header says so)."""


def write_document(text: str) -> None:
    """A report for programs (JSON, SARIF, JUnit): always UTF-8, whatever the console's code
    page, so that `cptsplan validate -f sarif > rapport.sarif` on Windows gives the file
    its readers expect, with every accent; human text goes through `sys.stdout.write`."""
    stream = sys.stdout
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    buffer = getattr(stream, "buffer", None)
    if encoding in ("utf-8", "utf8") or buffer is None:
        stream.write(text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def write_report(text: str, output_format: str) -> None:
    """A command's report on stdout: UTF-8 for the formats programs read (MACHINE_FORMATS,
    write_document), in the console's encoding for the ones people read."""
    if output_format in MACHINE_FORMATS:
        write_document(text)
    else:
        sys.stdout.write(text)


def colours(stream: TextIO) -> bool:
    """Whether a report may colour its text with ANSI codes on `stream`: a terminal, no
    NO_COLOR in the environment (https://no-color.org), and on Windows a console that shows
    the codes. The classic console of Windows 10 (cmd.exe, PowerShell 5) prints them as
    « ←[32m » unless the program turns its virtual-terminal mode on: done here, else plain."""
    if not stream.isatty() or os.environ.get("NO_COLOR"):
        return False
    return _virtual_terminal(stream)


if sys.platform == "win32":

    def _virtual_terminal(stream: TextIO) -> bool:
        import ctypes
        import msvcrt
        from ctypes import wintypes

        virtual_terminal = 0x0004  # ENABLE_VIRTUAL_TERMINAL_PROCESSING
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        try:
            handle = msvcrt.get_osfhandle(stream.fileno())
        except (OSError, ValueError):
            return False
        mode = wintypes.DWORD()
        if not kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
            return False  # not a console (a mintty pipe, say): no codes
        if mode.value & virtual_terminal:
            return True  # Windows Terminal, or already on
        return bool(kernel32.SetConsoleMode(handle, mode.value | virtual_terminal))

else:

    def _virtual_terminal(stream: TextIO) -> bool:
        return True


def output_full(error: OSError) -> bool:
    """Whether `error` is the command's own output that could not be written: stdout
    redirected to a file on a full disk (`cptsplan validate -f sarif > rapport.sarif`).
    Files the commands write name themselves (`filename`) and are said by them."""
    import errno

    return error.filename is None and error.errno in (
        errno.ENOSPC,
        errno.EFBIG,
        errno.EIO,
        getattr(errno, "EDQUOT", errno.ENOSPC),
    )


def exit_output_full(error: OSError) -> NoReturn:
    """Exit 4 with a French message instead of a traceback and exit 1 (which CI reads as
    « problems in the plan »): the report written so far is incomplete."""
    import contextlib

    from cptsplan.errors import ExitCode
    from cptsplan.files.reasons import reason

    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(
            f"erreur : la sortie de la commande n'a pas pu être écrite : {reason(error)} ; "
            "si elle était redirigée vers un fichier, ce fichier est incomplet\n"
        )
        sys.stderr.flush()
    sys.exit(int(ExitCode.RENDERING))
