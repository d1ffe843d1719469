"""Syntax errors after the first one of a file: the reading is taken up again further on.

PyYAML stops at the first error: a file with a bad indentation at line 5 and an unclosed
quote at line 40 told of the first, and the coordinator met the second on the next run. Here
the lines after the first error are read again, block by block: from the next line that
starts a key or a list item (an « anchor »), the lines that belong under it (until a line
less indented) are parsed on their own, at their own place in the file (blank lines before
them, so lines and columns are the file's). A block that parses is left; an error in it is
reported, and the reading goes on after it, in the same way.

A block lifted out of its file is valid when it was valid in the file, with three
exceptions, which are never used as anchors or reported: a line inside a text (a block
`|` or `>` above, a quote or a bracket left open above it), a list item followed by keys at
its own column (`telephones:` / `- numero: …` / `email: …`: the block then ends before the
key), and a block cut in the middle of a text (an error « end of stream »: the text ran on
below the block). Further errors are marked as possibly caused by the first: a mistake
read in the wrong place can shift what follows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from cptsplan.load.yaml_messages import (
    INVISIBLE_SPACES,
    SyntaxFinding,
    invisible_indentation,
    syntax_finding,
)

MAX_FURTHER = 20
"""Further errors reported for one file (past that, the file needs another look anyway)."""
MAX_BLOCKS = 400
"""Blocks parsed again for one file: each one is a Python parse of its lines."""

_ANCHOR = r"^( *)(?:(?:- +)*[\w-]+:(?:[ \t]|$)|-(?:[ \t]|$))"
_TEXT_OPENER = r"(?:^|[:\-][ \t]+)[|>][1-9+-]{0,2}[ \t]*(?:#.*)?$"
_INDENT = r"^( *)((?:- +)*)"
_NOT_A_SPACE = f"\t{INVISIBLE_SPACES}"
"""What a line's indentation may hold besides spaces by mistake: its layout is unknown."""


def further_errors(
    text: str, first: SyntaxFinding, error: yaml.MarkedYAMLError
) -> Iterator[SyntaxFinding]:
    """The syntax errors found after `first` (the file's first error, as reported; `error`:
    PyYAML's), each marked as a possible consequence of it."""
    lines = text.splitlines()
    after = max(first[0], _line_of(error.problem_mark), _line_of(error.context_mark))
    # After an unclosed quote, PyYAML read on to the next quote of the file, lines or pages
    # further: what lies between is the file's layout again once the quote is closed on its
    # line, as the first error advises, when the next line is a key beside the quoted one.
    unclosed = first[2] == "yaml-syntaxe" and first[3].endswith("guillemet non fermé")
    if unclosed and _sibling_key_follows(lines, first[0], len(lines)):
        after = first[0]
    said = {first[2]} if first[2] != "yaml-syntaxe" else set()  # tabs: listed by the first
    # The lines of each error say nothing sure of the layout around them (a text line typed
    # at the left edge, a tab): not taken as the line a text above ends at.
    broken = set(range(min(first[0], after), after + 1))
    found = blocks = 0
    line = after + 1
    while line <= len(lines) and found < MAX_FURTHER and blocks < MAX_BLOCKS:
        anchor = _next_anchor(lines, line, broken)
        if anchor is None:
            return
        end = _block_end(lines, anchor)
        blocks += 1
        finding, stop = _block_error(lines, anchor, end)
        if finding is None:
            line = end + 1
            continue
        line = max(stop, anchor) + 1
        broken.update(range(min(finding[0], line - 1), line))
        if finding[2] in said:
            continue
        found += 1
        where, message = finding[0], finding[3]
        yield (
            where, finding[1], finding[2],
            f"{message} (lecture reprise après l'erreur de la ligne {first[0]} : "
            "peut-être une suite de celle-ci)",
            finding[4],
        )  # fmt: skip


def _line_of(mark: yaml.Mark | None) -> int:
    return 0 if mark is None else mark.line + 1


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _next_anchor(lines: list[str], start: int, broken: set[int]) -> int | None:
    """The first line from `start` (from 1) that starts a key or a list item outside any
    text."""
    for number in range(start, len(lines) + 1):
        line = lines[number - 1]
        if _blank(line) or re.match(_ANCHOR, line) is None:
            continue
        if not _inside_text(lines, number, broken):
            return number
    return None


def _inside_text(lines: list[str], number: int, broken: set[int]) -> bool:
    """Whether line `number` may belong to a text opened above it: a line above, less
    indented, that opens a block text (`|`, `>`) taking it in, or leaves a quote or a
    bracket open. Only the lines it could belong to are looked at (each less indented than
    the one seen before), up to the first one at the left edge; lines of an error, or
    indented with something else than spaces, are passed over."""
    least = _indent(lines[number - 1])
    for above in range(number - 1, 0, -1):
        line = lines[above - 1]
        if _blank(line) or above in broken or line[_indent(line)] in _NOT_A_SPACE:
            continue
        indent = _indent(line)
        if indent >= least:
            continue
        match = re.match(_INDENT, line)
        column = len(match.group(0)) if match else indent
        body = line.split(" #", 1)[0].rstrip()
        if re.search(_TEXT_OPENER, body) and least > column:
            return True
        if _open_quote(body) or _open_bracket(body):
            return True
        least = indent
        if indent == 0:
            return False
    return False


def _open_bracket(line: str) -> bool:
    """More « [ » and « { » than closed on the line: a list written on several lines."""
    return line.count("[") + line.count("{") > line.count("]") + line.count("}")


def _open_quote(line: str) -> bool:
    """A value that starts with a quote not closed on its line (a text on several lines)."""
    value = line.split(": ", 1)[1] if ": " in line else line.lstrip(" -")
    value = value.strip()
    if value[:1] not in ('"', "'"):
        return False
    quote = value[0]
    body = value[1:].replace("\\" + quote, "") if quote == '"' else value[1:]
    return quote not in body.replace(quote * 2, "")


def _block_end(lines: list[str], anchor: int) -> int:
    """The last line (from 1) of the block `anchor` starts: up to the next line less
    indented; a list item's block also ends before a key at its own column."""
    first = lines[anchor - 1]
    indent = _indent(first)
    item = first.lstrip(" ").startswith("-")
    end = anchor
    for number in range(anchor + 1, len(lines) + 1):
        line = lines[number - 1]
        if _blank(line):
            continue
        here = _indent(line)
        if here < indent or (item and here == indent and not line.lstrip(" ").startswith("-")):
            break
        end = number
    return end


def _block_error(lines: list[str], anchor: int, end: int) -> tuple[SyntaxFinding | None, int]:
    """The first error of lines `anchor`..`end` parsed on their own, and the line the parser
    stopped at; (None, 0) when they parse, or when the error may come from the cut."""
    block = _block(lines, anchor, end)
    try:
        _parse(block)
    except yaml.MarkedYAMLError as error:
        english = " ".join(filter(None, [error.context, error.problem]))
        if "end of stream" in english and not _at_the_end(lines, end):
            # A text or a bracket running on below the block: unknown, unless it is a quote
            # left open on a one-line value.
            if not _unclosed_value(lines, anchor, end, error):
                return None, 0
            return syntax_finding(error, block), end
        invisible = invisible_indentation(block)
        finding = invisible if invisible is not None else syntax_finding(error, block)
        stop = max(finding[0], _line_of(error.problem_mark), _line_of(error.context_mark))
        return finding, min(stop, end)
    except yaml.YAMLError:
        return None, 0
    return None, 0


def _sibling_key_follows(lines: list[str], number: int, end: int) -> bool:
    """Whether the next line after `number` (up to `end`) that holds something is a key at
    the column of the key on line `number`: the next field, not a text's next line."""
    following = next((n for n in range(number + 1, end + 1) if not _blank(lines[n - 1])), None)
    if following is None:
        return False
    match = re.match(r"^( *)(?:- +)*[\w-]+:(?:[ \t]|$)", lines[following - 1])
    key = re.match(r"^( *)((?:- +)*)[\w-]+: ", lines[number - 1])
    if match is None or key is None:
        return False
    return len(match.group(1)) == len(key.group(0)) - len(key.group(0).lstrip(" -"))


def _block(lines: list[str], first: int, last: int) -> str:
    """Lines `first`..`last` (from 1) at their place: blank lines before them."""
    return "\n" * (first - 1) + "\n".join(lines[first - 1 : last]) + "\n"


def _parse(text: str) -> None:
    for _event in yaml.parse(text, Loader=yaml.SafeLoader):
        pass


def _at_the_end(lines: list[str], end: int) -> bool:
    return all(_blank(line) for line in lines[end:])


def _unclosed_value(lines: list[str], anchor: int, end: int, error: yaml.MarkedYAMLError) -> bool:
    """`nom: "CPTS du Val` in a block that is not the file's last: the quote, left open,
    runs on to the next quote of the file. It is taken for a mistake, not for a text on
    several lines, when all three hold: the next line is a key at the same column (not a
    text's next line), the block parses with the quote closed at the end of its line, and
    the rest of the file does not parse as written."""
    if error.context_mark is None or "quoted scalar" not in (error.context or ""):
        return False
    number = error.context_mark.line + 1
    if not anchor <= number < end or not _open_quote(lines[number - 1]):
        return False
    if not _sibling_key_follows(lines, number, end):
        return False
    quote = lines[number - 1].split(": ", 1)[1].strip()[0]
    closed = [*lines[: number - 1], lines[number - 1].rstrip() + quote, *lines[number:]]
    try:
        _parse(_block(closed, anchor, end))
    except yaml.YAMLError:
        return False
    try:
        _parse(_block(lines, anchor, len(lines)))
    except yaml.YAMLError:
        return True
    return False
