"""Inline Markdown of the templates, read into a small tree (no pandoc).

What the templates and the filters write inside a paragraph, a heading, a list item or a table
cell: backslash escapes (every plan value has all its ASCII punctuation escaped, see
filters.escape_inline), `**strong**`, `*emphasis*`, hard line breaks (a backslash at the end
of a line), links `[text](target){.class}`, images `![alt](name){width=80%}`, bracketed
spans `[text]{.class}`, and what pandoc's reader also gives the DOCX of a custom template:
code spans, `^superscript^`, `~subscript~`, autolinks `<https://...>`, footnotes `^[text]`
and `[^name]`. Anything else (`$`, `@`...) is literal text. Plan values never reach these as
markup: every ASCII punctuation mark of theirs arrives escaped. Typographic punctuation
follows pandoc's `smart` extension, which the DOCX gets: a typewriter apostrophe of template
text becomes ’, `--` and `---` dashes, `...` an ellipsis; escaped characters stay as they are.
"""

from __future__ import annotations

import re

from cptsplan.render.pdf.emphasis import Delimiter, pair_delimiters
from cptsplan.render.pdf.nodes import (
    Attributes,
    Code,
    Image,
    Inline,
    LineBreak,
    Link,
    Note,
    NoteReference,
    Span,
    Subscript,
    Superscript,
    Text,
)

ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


_SPECIAL = re.compile(r"[\\*~\[!`^<]")
# Pandoc's autolinks: an absolute URI or an e-mail address between angle brackets.
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^\s<>]+|[^\s<>@\\]+@[^\s<>@\\]+\.[^\s<>@\\]+)>")
_NOTE_NAME = re.compile(r"\^([^\s\]^]+)")
_ATTRIBUTE = re.compile(r"""\s*(?:#([^\s{}]+)|\.([^\s{}.#=]+)|([\w-]+)=("[^"]*"|[^\s{}"]*))""")


def parse_attributes(text: str) -> Attributes | None:
    """`#id .class key=value key="a value"` (inside braces); None when it is not that."""
    found = Attributes()
    position = 0
    text = text.strip()
    while position < len(text):
        match = _ATTRIBUTE.match(text, position)
        if match is None or match.end() == position:
            return None
        identifier, name, key, value = match.groups()
        if identifier:
            found.identifier = identifier
        elif name:
            found.classes.append(name)
        else:
            found.values[key] = value[1:-1] if value.startswith('"') else value
        position = match.end()
        while position < len(text) and text[position] in " \t":
            position += 1
    return found


def _closing_bracket(text: str, start: int) -> int:
    """Index of the `]` that closes the `[` at `start`, or -1 (escapes and nesting count)."""
    depth = 0
    index = start
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1


def _closing(text: str, start: int, opening: str, closing: str) -> int:
    """Index of `closing` that ends the group opened at `start` (no escapes in targets)."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == opening:
            depth += 1
        elif text[index] == closing:
            depth -= 1
            if depth == 0:
                return index
    return -1


def parse_inlines(text: str) -> list[Inline]:
    """The inline tree of `text` (soft line breaks become spaces)."""
    nodes: list[Inline] = []
    delimiters: list[tuple[int, Delimiter]] = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            nodes.append(Text(_smart("".join(buffer))))
            buffer.clear()

    index, length = 0, len(text)
    while index < length:
        special = _SPECIAL.search(text, index)
        if special is None:
            buffer.append(text[index:].replace("\n", " "))
            break
        if special.start() > index:
            buffer.append(text[index : special.start()].replace("\n", " "))
            index = special.start()
        char = text[index]
        if char == "\\" and index + 1 < length:
            following = text[index + 1]
            if following == "\n":
                flush()
                nodes.append(LineBreak())
                index += 2
                continue
            if following in ASCII_PUNCTUATION:
                # Marked so that smart punctuation leaves it as typed.
                buffer.append("\x00" + following)
                index += 2
                continue
            if following == " ":
                buffer.append("\u00a0")
                index += 2
                continue
        if char == "`":
            code = _code(text, index)
            if code is None:  # a run with no closing run of the same length: literal
                end = index
                while end < length and text[end] == "`":
                    end += 1
                buffer.append(text[index:end])
                index = end
                continue
            flush()
            nodes.append(code[0])
            index = code[1]
            continue
        if char == "^" and text.startswith("[", index + 1):
            close = _closing_bracket(text, index + 1)
            if close > 0:
                flush()
                nodes.append(Note(parse_inlines(text[index + 2 : close])))
                index = close + 1
                continue
        if char == "^" or (char == "~" and not text.startswith("~~", index)):
            script = _script(text, index)
            if script is not None:
                flush()
                inner = parse_inlines(script[0])
                nodes.append(Superscript(inner) if char == "^" else Subscript(inner))
                index = script[1]
                continue
        if char == "<":
            autolink = _AUTOLINK.match(text, index)
            if autolink is not None:
                flush()
                target = autolink.group(1)
                address = target if ":" in target.split("@")[0] else "mailto:" + target
                nodes.append(Link([Text(target)], address, ["uri"]))
                index = autolink.end()
                continue
        if char in "*~":
            end = index
            while end < length and text[end] == char:
                end += 1
            before = text[index - 1] if index else " "
            after = text[end] if end < length else " "
            flush()
            nodes.append(Text(char * (end - index)))
            delimiter = Delimiter(char, end - index, not after.isspace(), not before.isspace())
            delimiters.append((len(nodes) - 1, delimiter))
            index = end
            continue
        if char == "[" or (char == "!" and text.startswith("[", index + 1)):
            parsed = _bracketed(text, index)
            if parsed is not None:
                flush()
                nodes.append(parsed[0])
                index = parsed[1]
                continue
        buffer.append(char)
        index += 1
    flush()
    return pair_delimiters(nodes, delimiters)


def _code(text: str, start: int) -> tuple[Code, int] | None:
    """A code span opened by the backtick run at `start`: up to a run of the same length."""
    end = start
    while end < len(text) and text[end] == "`":
        end += 1
    size = end - start
    search = end
    while (found := text.find("`" * size, search)) >= 0:
        stop = found + size
        if stop < len(text) and text[stop] == "`":  # a longer run does not close
            while stop < len(text) and text[stop] == "`":
                stop += 1
            search = stop
            continue
        return Code(" ".join(text[end:found].split())), stop
    return None


def _script(text: str, start: int) -> tuple[str, int] | None:
    """`^sup^` or `~sub~` at `start`: up to the same mark, no unescaped space inside."""
    mark = text[start]
    index = start + 1
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char.isspace():
            return None
        if char == mark:
            return (text[start + 1 : index], index + 1) if index > start + 1 else None
        index += 1
    return None


def _bracketed(text: str, start: int) -> tuple[Inline, int] | None:
    """A link, an image, a span or a footnote reference starting at `start`, and the index
    after it."""
    image = text[start] == "!"
    opening = start + 1 if image else start
    close = _closing_bracket(text, opening)
    if close < 0:
        return None
    inner = text[opening + 1 : close]
    after = close + 1
    if not image and (name := _NOTE_NAME.fullmatch(inner)) is not None:
        return NoteReference(name.group(1)), after
    if after < len(text) and text[after] == "(":
        end = _closing(text, after, "(", ")")
        if end < 0:
            return None
        target = text[after + 1 : end].strip()
        attributes, after = _trailing_attributes(text, end + 1)
        if image:
            values = attributes.values if attributes else {}
            return Image(parse_inlines(inner), target, values), after
        classes = attributes.classes if attributes else []
        return Link(parse_inlines(inner), target, classes), after
    if not image and after < len(text) and text[after] == "{":
        attributes, end = _trailing_attributes(text, after)
        if attributes is not None:
            return Span(parse_inlines(inner), attributes.classes), end
    return None


def _trailing_attributes(text: str, start: int) -> tuple[Attributes | None, int]:
    if start < len(text) and text[start] == "{":
        end = text.find("}", start)
        if end > 0:
            attributes = parse_attributes(text[start + 1 : end])
            if attributes is not None:
                return attributes, end + 1
    return None, start


_SMART = re.compile(r"---|--|\.\.\.|'|\"|\x00(.)", re.DOTALL)


def _smart(text: str) -> str:
    """Pandoc's `smart` typography on unescaped characters; escaped ones (marked by NUL)
    are kept as typed."""
    if "\x00" not in text and not any(mark in text for mark in ("--", "...", "'", '"')):
        return text

    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        if match.group(1) is not None:
            return match.group(1)
        if found == "'":
            return "\u2019"
        if found == '"':
            start = match.start()
            opening = start == 0 or text[start - 1].isspace() or text[start - 1] in "([«"
            return "\u201c" if opening else "\u201d"
        return {"---": "\u2014", "--": "\u2013", "...": "\u2026"}[found]

    return _SMART.sub(replace, text)


def plain_text(nodes: list[Inline]) -> str:
    """The text of an inline tree, as pandoc's `stringify` gives it."""
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append(" ")
        elif isinstance(node, Image):
            parts.append(plain_text(node.alt))
        elif isinstance(node, Code):
            parts.append(node.text)
        elif isinstance(node, Note | NoteReference):
            continue  # pandoc's stringify leaves notes out too
        else:
            parts.append(plain_text(node.children))
    return "".join(parts)


def identifier(text: str) -> str:
    """Pandoc's automatic identifier of a heading (extension auto_identifiers): lowercase,
    only letters, digits, `_`, `-` and `.` kept, spaces as hyphens, leading non-letters
    dropped; the DOCX and HTML get the same ones from pandoc."""
    kept = "".join(c for c in text.lower() if c.isalnum() or c.isspace() or c in "_-.")
    words = "-".join(kept.split())
    index = 0
    while index < len(words) and not words[index].isalpha():
        index += 1
    return words[index:]
