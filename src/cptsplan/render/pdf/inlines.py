"""Inline Markdown of the templates, read into a small tree (no pandoc).

What the templates and the filters write inside a paragraph, a heading, a list item or a table
cell: backslash escapes (every plan value has all its ASCII punctuation escaped, see
filters.escape_inline), `**strong**`, `*emphasis*`, hard line breaks (a backslash at the end
of a line), links `[text](target){.class}`, images `![alt](name){width=80%}` and bracketed
spans `[text]{.class}`. Anything else (backticks, `$`, `<`, `@`, `~`, footnotes...) is
literal text: pandoc's reader has those extensions off for plan text anyway, and here they
never become markup. Typographic punctuation follows pandoc's `smart` extension, which the
DOCX gets: a typewriter apostrophe of template text becomes ’, `--` and `---` dashes, `...`
an ellipsis; escaped characters stay as they are.
"""

from __future__ import annotations

import re

ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


class Text:
    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class LineBreak:
    __slots__ = ()


class Strong:
    __slots__ = ("children",)

    def __init__(self, children: list[Inline]) -> None:
        self.children = children


class Emphasis:
    __slots__ = ("children",)

    def __init__(self, children: list[Inline]) -> None:
        self.children = children


class Strikeout:
    __slots__ = ("children",)

    def __init__(self, children: list[Inline]) -> None:
        self.children = children


class Link:
    __slots__ = ("children", "classes", "target")

    def __init__(
        self, children: list[Inline], target: str, classes: list[str] | None = None
    ) -> None:
        self.children = children
        self.target = target
        self.classes = classes if classes is not None else []


class Image:
    __slots__ = ("alt", "attributes", "source")

    def __init__(
        self, alt: list[Inline], source: str, attributes: dict[str, str] | None = None
    ) -> None:
        self.alt = alt
        self.source = source
        self.attributes = attributes if attributes is not None else {}


class Span:
    __slots__ = ("children", "classes")

    def __init__(self, children: list[Inline], classes: list[str] | None = None) -> None:
        self.children = children
        self.classes = classes if classes is not None else []


Inline = Text | LineBreak | Strong | Emphasis | Strikeout | Link | Image | Span

_SPECIAL = re.compile(r"[\\*~\[!]")
_ATTRIBUTE = re.compile(r"""\s*(?:#([^\s{}]+)|\.([^\s{}.#=]+)|([\w-]+)=("[^"]*"|[^\s{}"]*))""")


class Attributes:
    __slots__ = ("classes", "identifier", "values")

    def __init__(
        self,
        identifier: str = "",
        classes: list[str] | None = None,
        values: dict[str, str] | None = None,
    ) -> None:
        self.identifier = identifier
        self.classes = classes if classes is not None else []
        self.values = values if values is not None else {}


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


class _Delimiter:
    """A run of `*` (emphasis) or `~~` (struck-out words of the changes annex) that may open or
    close (CommonMark's delimiter stack, simplified: our text has every literal `*` and `~`
    escaped, so only template markup reaches here)."""

    __slots__ = ("can_close", "can_open", "char", "count")

    def __init__(self, char: str, count: int, can_open: bool, can_close: bool) -> None:
        self.char, self.count, self.can_open, self.can_close = char, count, can_open, can_close


def parse_inlines(text: str) -> list[Inline]:
    """The inline tree of `text` (soft line breaks become spaces)."""
    nodes: list[Inline] = []
    delimiters: list[tuple[int, _Delimiter]] = []
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
        if char in "*~":
            end = index
            while end < length and text[end] == char:
                end += 1
            before = text[index - 1] if index else " "
            after = text[end] if end < length else " "
            flush()
            nodes.append(Text(char * (end - index)))
            delimiter = _Delimiter(char, end - index, not after.isspace(), not before.isspace())
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
    return _emphasis(nodes, delimiters)


def _bracketed(text: str, start: int) -> tuple[Inline, int] | None:
    """A link, an image or a span starting at `start`, and the index after it."""
    image = text[start] == "!"
    opening = start + 1 if image else start
    close = _closing_bracket(text, opening)
    if close < 0:
        return None
    inner = text[opening + 1 : close]
    after = close + 1
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


def _emphasis(nodes: list[Inline], delimiters: list[tuple[int, _Delimiter]]) -> list[Inline]:
    """Pair `*` runs into emphasis and strong emphasis (each closer with the nearest open
    run before it); unpaired runs stay literal asterisks."""
    if not delimiters:
        return nodes
    items: list[Inline | _Delimiter] = list(nodes)
    for position, delimiter in delimiters:
        items[position] = delimiter
    out: list[Inline | _Delimiter] = []
    stack: list[tuple[int, _Delimiter]] = []
    for item in items:
        if not isinstance(item, _Delimiter):
            out.append(item)
            continue
        if item.can_close:
            while item.count and stack:
                found = _opener(stack, item)
                if found < 0:
                    break
                position, opener = stack[found]
                del stack[found + 1 :]  # runs between the two stay literal
                used = 2 if opener.count >= 2 and item.count >= 2 else 1
                children = [_literal(child) for child in out[position + 1 :]]
                del out[position + 1 :]
                node: Inline
                if item.char == "~":
                    node = Strikeout(children)
                else:
                    node = Strong(children) if used == 2 else Emphasis(children)
                out.append(node)
                opener.count -= used
                item.count -= used
                if opener.count == 0:
                    stack.pop()
        if item.count and item.can_open:
            out.append(item)
            stack.append((len(out) - 1, item))
        elif item.count:
            out.append(Text(item.char * item.count))
    return _merge([_literal(item) for item in out])


def _opener(stack: list[tuple[int, _Delimiter]], closer: _Delimiter) -> int:
    """The nearest open run that `closer` closes: same character, and `~~` pairs only."""
    for index in range(len(stack) - 1, -1, -1):
        opener = stack[index][1]
        if opener.char == closer.char and (closer.char == "*" or opener.count == closer.count == 2):
            return index
    return -1


def _literal(item: Inline | _Delimiter) -> Inline:
    if isinstance(item, _Delimiter):
        return Text(item.char * item.count)
    return item


def _merge(nodes: list[Inline]) -> list[Inline]:
    merged: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text):
            if not node.text:
                continue
            if merged and isinstance(merged[-1], Text):
                merged[-1] = Text(merged[-1].text + node.text)
                continue
        merged.append(node)
    return merged


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
