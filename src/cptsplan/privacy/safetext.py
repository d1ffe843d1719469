"""Text that comes from a plan, made safe to print (terminals, CI logs) and to write (XML).

Plan values, file and folder names reach every report. Printed raw, an ESC or BEL read from a
YAML escape (`"\\e]0;titre\\a"`) changes the terminal's title or clears the screen, a newline
in `cpts.nom` starts a line of its own, and in a GitHub Actions log a line that starts with
`::` (leading spaces ignored) or holds `##[` is a workflow command: a forged annotation, or
`::stop-commands::` that silences the real ones. Three tools, used by every printer:

- `visible` shows each control, invisible-direction or non-character as an escape (`\\x1b`,
  `\\n`, `\\u202e`): the text stays readable, nothing acts on the terminal;
- `log_line` is `visible` plus the defusing of workflow commands, for a line of a report;
- `xml_text` removes what XML 1.0 cannot hold (JUnit reports, DOCX parts, pandoc's input),
  where a forbidden character makes the whole file unreadable.
"""

from __future__ import annotations

import re
from functools import cache

# C0 and C1 controls, DEL, line and paragraph separators, bidirectional controls ("Trojan
# source"), the byte-order mark, lone surrogates and the non-characters U+FFFE / U+FFFF.
_UNSAFE = (
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ufeff\ud800-\udfff\ufffe\uffff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

# Characters XML 1.0 forbids (all C0 controls but tab, LF and CR; surrogates; U+FFFE and
# U+FFFF), plus C1 controls and the other non-characters: invisible and never meant.
_NONCHARACTERS = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
)
_XML_FORBIDDEN = (
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff{_NONCHARACTERS}]"
)
# Inserted before a workflow command: not whitespace (the runner trims whitespace), invisible.
_WORD_JOINER = "\u2060"


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` on one line, every control or invisible formatting character escaped."""
    # Every character of _UNSAFE is one `str.isprintable` refuses (a test checks all of
    # Unicode): a printable text has nothing to escape, and the pattern, whose surrogate
    # range costs 0.3 ms to compile, is compiled for the first text that may (issue 20).
    return str(text) if text.isprintable() else _unsafe().sub(_escape, text)  # str: as sub


@cache
def _unsafe() -> re.Pattern[str]:
    return re.compile(_UNSAFE)


def defuse_workflow_commands(line: str) -> str:
    """A line a GitHub runner reads as plain text: it neither starts with `::` (after spaces)
    nor holds the older `##[command]` form anywhere."""
    line = line.replace("##[", f"##{_WORD_JOINER}[")
    stripped = line.lstrip()
    if stripped.startswith("::"):
        indent = line[: len(line) - len(stripped)]
        line = f"{indent}{_WORD_JOINER}{stripped}"
    return line


def log_line(text: str) -> str:
    """One line of a report or of an error message, safe for a terminal and a CI log."""
    return defuse_workflow_commands(visible(text))


def defuse_lines(text: str) -> str:
    """A whole report whose fields already went through `visible` (so that its newlines are
    the printer's own): no line of it is a workflow command."""
    return "\n".join(defuse_workflow_commands(line) for line in text.split("\n"))


_JSON_ESCAPED = "[\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069\u061c\u200e\u200f]"


def json_safe(document: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) that can be encoded in UTF-8 and
    shown safely: a lone surrogate (an undecodable byte of a file name), a C1 control, a line
    separator or a bidirectional control is written as its `\\u` escape (the value read back
    is the same)."""
    escaped = re.sub(_JSON_ESCAPED, lambda match: f"\\u{ord(match.group(0)):04x}", document)
    # "##[" can only be inside a string: "#" escaped, so that no line is a runner command.
    return escaped.replace("##[", "#\\u0023[")


def xml_document_safe(document: str) -> str:
    """Serialized XML in which "##[" (only possible in text and attribute values) is written
    with a character reference: the same value, and no runner command in a CI log."""
    return document.replace("##[", "##&#91;")


# The same removal in two cheap passes: the regular expression engine tests a character
# against a class with astral ranges about ten times slower than against BMP ranges, and
# every printed value and whole documents go through here (issue 20).
@cache
def _xml_forbidden() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(ASCII part, BMP part) of `_XML_FORBIDDEN`, compiled once, when first needed (a
    `validate` writes no document)."""
    return (
        re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"),
        re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"),
    )


ASTRAL = re.compile("[\U00010000-\U0010ffff]")
"""A character outside the BMP (see normalise.visible too)."""


def xml_text(text: str) -> str:
    """`text` without the characters an XML 1.0 document cannot contain (`xml_forbidden`)."""
    in_ascii, in_bmp = _xml_forbidden()
    if text.isascii():  # known without reading the text
        return in_ascii.sub("", text)
    text = in_bmp.sub("", text)
    return xml_forbidden().sub("", text) if ASTRAL.search(text) else text


@cache
def xml_forbidden() -> re.Pattern[str]:
    """The characters XML 1.0 forbids (`_XML_FORBIDDEN`), compiled when first needed: its
    astral ranges cost 0.3 ms to compile, and a `validate` writes no document (issue 20)."""
    return re.compile(_XML_FORBIDDEN)
