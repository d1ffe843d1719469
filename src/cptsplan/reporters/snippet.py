"""The source line under a problem, with a caret under its column, as compilers show it:

       281 |       - numero: "06 39 98 20 0"
           |                 ^

so that a coordinator sees the place rather than counting to `:281:17`. Shown only for what
the tool itself read: never for a file it refused or set aside (NOT_READ), nor under a
patient's data found in the plan (PATIENT_DATA), nor through a symbolic link that leaves the
file's folder (a link to /etc/passwd in someone else's plan must not print the machine's
file), nor for anything but a regular file that holds that line. Tabs are expanded, controls
escaped like every report field, and a long line is cut around the column (…).
"""

from __future__ import annotations

import os
import stat

from cptsplan.load.yaml_limits import MAX_FILE_BYTES
from cptsplan.privacy.safetext import visible

WIDTH = 100
"""Characters of the line shown at most (a minified or generated line can be very long)."""
TAB = 8
NOT_READ = frozenset({"fichier-refuse", "fichier-ignore"})
"""Problems about a file that was not read: nothing of it is shown."""
PATIENT_DATA = frozenset({"donnees-patient-nir", "donnees-patient-identifiable"})
"""Problems whose message masks what was found (« NIR 1 84… »): the line would print a
patient's data in full into a CI log, which may be kept longer and read more widely than
the plan; the message's words around the match and file:line:col say where it is."""
NO_LINE = NOT_READ | PATIENT_DATA


class SourceLines:
    """The lines of the files a report points at, each file read once per report (a report
    is printed once: a file edited between two runs is read again by the next report)."""

    def __init__(self) -> None:
        self._files: dict[str, list[str] | None] = {}

    def line(self, file: str, number: int) -> str | None:
        if file not in self._files:
            self._files[file] = _read_lines(file)
        lines = self._files[file]
        if lines is None or not 1 <= number <= len(lines):
            return None
        return lines[number - 1]


def _read_lines(file: str) -> list[str] | None:
    try:
        # A FIFO or a device named in a report would hang the printer or be read forever.
        real = os.path.realpath(file)
        folder = os.path.realpath(os.path.dirname(os.path.abspath(file)))
        if os.path.commonpath([real, folder]) != folder:
            return None
        info = os.stat(real)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return None
        with open(real, encoding="utf-8-sig", errors="replace", newline="") as handle:
            text = handle.read()
        # A file that is not UTF-8 text (UTF-16 from Notepad, a binary) would show garbage.
        return None if "\x00" in text else text.splitlines()
    except (OSError, ValueError):
        return None


def snippet(sources: SourceLines, file: str, line: int, col: int) -> list[str]:
    """The gutter, the line and the caret; nothing when the line cannot be shown."""
    text = sources.line(file, line)
    if text is None or not text.strip():
        return []
    before = visible(text[: max(col - 1, 0)].expandtabs(TAB))
    shown = visible(text.expandtabs(TAB))
    caret = len(before)
    if len(shown) > WIDTH:
        start = max(0, min(caret - WIDTH // 2, len(shown) - WIDTH))
        end = start + WIDTH
        window = shown[start:end]
        caret -= start
        if start > 0:
            window, caret = "…" + window, caret + 1
        if end < len(shown):
            window += "…"
        shown = window
    gutter = str(line)
    blank = " " * len(gutter)
    return [f"    {gutter} | {shown}".rstrip(), f"    {blank} | {' ' * caret}^"]
