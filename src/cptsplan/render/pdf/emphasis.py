"""Emphasis, strong emphasis and struck-out text: runs of `*` and `~~` paired into nodes
(CommonMark's delimiter stack, simplified: plan text has every literal `*` and `~` escaped,
so only template markup reaches here)."""

from __future__ import annotations

from cptsplan.render.pdf.nodes import Emphasis, Inline, Strikeout, Strong, Text


class Delimiter:
    """A run of `*` (emphasis) or `~~` (struck-out words of the changes annex) that may open or
    close (CommonMark's delimiter stack, simplified: our text has every literal `*` and `~`
    escaped, so only template markup reaches here)."""

    __slots__ = ("can_close", "can_open", "char", "count")

    def __init__(self, char: str, count: int, can_open: bool, can_close: bool) -> None:
        self.char, self.count, self.can_open, self.can_close = char, count, can_open, can_close


def pair_delimiters(nodes: list[Inline], delimiters: list[tuple[int, Delimiter]]) -> list[Inline]:
    """Pair `*` runs into emphasis and strong emphasis (each closer with the nearest open
    run before it); unpaired runs stay literal asterisks."""
    if not delimiters:
        return nodes
    items: list[Inline | Delimiter] = list(nodes)
    for position, delimiter in delimiters:
        items[position] = delimiter
    out: list[Inline | Delimiter] = []
    stack: list[tuple[int, Delimiter]] = []
    for item in items:
        if not isinstance(item, Delimiter):
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


def _opener(stack: list[tuple[int, Delimiter]], closer: Delimiter) -> int:
    """The nearest open run that `closer` closes: same character, and `~~` pairs only."""
    for index in range(len(stack) - 1, -1, -1):
        opener = stack[index][1]
        if opener.char == closer.char and (closer.char == "*" or opener.count == closer.count == 2):
            return index
    return -1


def _literal(item: Inline | Delimiter) -> Inline:
    if isinstance(item, Delimiter):
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
