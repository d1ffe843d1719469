"""The inline nodes of the templates' Markdown (what inlines.py reads and writer.py writes).

Plain classes with slots rather than dataclasses: they are created by the thousand at every
start of the command, and a dataclass costs a millisecond or more to build.
"""

from __future__ import annotations


class Text:
    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class LineBreak:
    __slots__ = ()


class Wrapped:
    """A node that is its children inside one mark: strong, emphasis, strikeout, superscript,
    subscript, footnote (writer.py writes each as one Typst function around them)."""

    __slots__ = ("children",)

    def __init__(self, children: list[Inline]) -> None:
        self.children = children


class Strong(Wrapped):
    __slots__ = ()


class Emphasis(Wrapped):
    __slots__ = ()


class Strikeout(Wrapped):
    __slots__ = ()


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


class Code:
    """`` `code` ``: printed as typed, in a monospaced font."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class Superscript(Wrapped):
    __slots__ = ()


class Subscript(Wrapped):
    __slots__ = ()


class Note(Wrapped):
    """A footnote: `^[text]` inline, or `[^name]` with its `[^name]: text` definition."""

    __slots__ = ()


class NoteReference:
    """`[^name]`, resolved against the document's definitions when it is written."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


Inline = (
    Text | LineBreak | Strong | Emphasis | Strikeout | Link | Image | Span | Code
    | Superscript | Subscript | Note | NoteReference
)  # fmt: skip


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
