"""Targeted edits of a YAML file's text: a scalar replaced where the loader found it, lines
inserted after a given line. Everything else (comments, blank lines, quoting, key order,
folded texts) stays byte for byte: the file is never re-dumped.

Why not a round-trip library: even ruamel.yaml normalises sequence indentation and re-wraps
long texts unless configured per file; line edits at the positions the loader already gives
change exactly the lines that must change, which the tests check.
"""

from __future__ import annotations

import re

from cptsplan.errors import CptsplanError, ExitCode

_COMMENT = re.compile(r"[ \t]#")


class UpdateRefused(CptsplanError):
    """The plan cannot be updated as it is written (exit code 1: a problem in the plan)."""

    exit_code = ExitCode.PROBLEMS


class TextEdits:
    """Edits of one file's lines (1-based line numbers, as the loader gives them). The
    replacements keep the line count; insertions are applied last, bottom up, so that each
    one's line number still refers to the original text. A plain class (working state, never
    compared): no dataclass to build when `update` starts."""

    __slots__ = ("_insertions", "_lines", "display", "text")

    def __init__(self, text: str, display: str) -> None:
        self.text = text
        self.display = display
        self._lines: list[str] = text.splitlines(keepends=True)
        self._insertions: list[tuple[int, int, list[str]]] = []

    @property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"

    def line(self, number: int) -> str:
        return self._lines[number - 1]

    def replace_scalar(self, line: int, col: int, value: str, quote: str | None = None) -> None:
        """Replace the one-line scalar starting at (line, col), keeping its quoting style
        (double, single or none) unless `quote` is given."""
        text = self._lines[line - 1]
        start = col - 1
        end = scalar_end(text, start)
        if end is None:
            raise UpdateRefused(
                f"{self.display}, ligne {line} : la valeur n'est pas écrite sur une seule ligne",
                'écrivez-la sur une ligne (par exemple version: "2.1") puis relancez',
            )
        if quote is None:
            quote = text[start] if text[start] in "\"'" else ""
        self._lines[line - 1] = text[:start] + quoted(value, quote) + text[end:]

    def insert_after(self, line: int, new_lines: list[str]) -> None:
        """Insert `new_lines` (without line ends) after line `line` (0: at the top)."""
        order = len(self._insertions)
        self._insertions.append((line, order, new_lines))

    def result(self) -> str:
        lines = list(self._lines)
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += self.newline  # lines added after the last one need a line end
            trailing_added = True
        else:
            trailing_added = False
        # Bottom up, and for the same line in reverse order of request, so that requests
        # made in order appear in order.
        for line, _order, new_lines in sorted(self._insertions, reverse=True):
            lines[line:line] = [item + self.newline for item in new_lines]
        text = "".join(lines)
        if trailing_added and not any(line == len(self._lines) for line, _, _ in self._insertions):
            text = text[: -len(self.newline)]
        return text

    def block_end(self, key_line: int, key_col: int) -> int:
        """The last line of the block value of the key at (key_line, key_col): the lines
        after it that are more indented (or list items at the key's own indentation, which
        YAML allows), blank lines and comments inside excepted at the end."""
        indent = key_col - 1
        last = key_line
        for number in range(key_line + 1, len(self._lines) + 1):
            text = self._lines[number - 1]
            stripped = text.strip()
            if not stripped:
                continue
            current = len(text) - len(text.lstrip(" "))
            if stripped.startswith("#"):
                if current > indent:
                    continue
                break
            if current > indent or (current == indent and stripped.startswith("- ")):
                last = number
                continue
            break
        return last


def scalar_end(text: str, start: int) -> int | None:
    """Index just past the scalar that starts at `start`; None for a block scalar or a
    quoted text continued on the next line."""
    if start >= len(text):
        return None
    first = text[start]
    if first in "|>":
        return None
    if first == '"':
        index = start + 1
        while index < len(text):
            if text[index] == "\\":
                index += 2
                continue
            if text[index] == '"':
                return index + 1
            index += 1
        return None
    if first == "'":
        index = start + 1
        while index < len(text):
            if text[index] == "'":
                if text[index + 1 : index + 2] == "'":
                    index += 2
                    continue
                return index + 1
            index += 1
        return None
    body = text[start:].rstrip("\r\n")
    comment = _COMMENT.search(body)  # a comment starts after a space or a tab
    if comment is not None:
        body = body[: comment.start()]
    return start + len(body.rstrip(" \t"))


def quoted(value: str, quote: str) -> str:
    if quote == '"':
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if quote == "'":
        return "'" + value.replace("'", "''") + "'"
    return value


def double_quoted(value: str) -> str:
    return quoted(value, '"')
