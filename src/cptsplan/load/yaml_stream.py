"""One pass over libyaml's events: every event checked against the limits (yaml_limits.py)
as it comes, and the plan data built from the same events.

The file used to be parsed twice: once for the limits (nothing may be built from an alias bomb
or a 40,000-level nesting: libyaml's composer recurses in C and would crash), then again by
libyaml's composer for the node tree the builder walked. Here no node tree is composed: the
builder (yaml_builder.Builder, whose checks and messages are reused as they are) reads the
events in document order, which is the order it walked the nodes in, so the data, positions
and problems are the same. What the node walk never looked at (the value of a refused or
duplicate key, the rest of an item whose « - » is missing, the inside of a tagged list) is
still read, to check its limits, but not built.

A limit or a syntax error anywhere in the file discards what was built (the caller builds
into a scratch result): as before, the file is then reported by that error alone.
"""

from __future__ import annotations

from typing import Any

from yaml.composer import ComposerError
from yaml.events import (
    CollectionEndEvent,
    CollectionStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)

from cptsplan.load.loaded import JsonPath, LoadedFile
from cptsplan.load.yaml_builder import (
    UNTAGGED_MAPPING,
    UNTAGGED_SEQUENCE,
    Builder,
)
from cptsplan.load.yaml_limits import Events

_NOT_A_SCALAR = object()
"""The first key of a mapping when it is a list or a section: equal to no key."""


class Empty(Exception):
    """The stream holds no document (the node tree's root would be None)."""


class NotASection(Exception):
    """The document is not a mapping; `mark` is where it starts."""

    def __init__(self, mark: Any) -> None:
        super().__init__()
        self.mark = mark


def read(loader: Any, text: str, result: LoadedFile) -> bool:
    """Build the one document of `loader`'s stream into `result` (data, positions, problems).
    Returns whether the builder refused something (the file then counts as unread). Raises
    yaml_limits.Refusal, yaml.YAMLError (a ComposerError for a second document, as the
    composer does), Empty or NotASection."""
    events = Events(loader)
    events.next()  # stream start
    first = events.next()
    if type(first) is StreamEndEvent:
        raise Empty
    root = events.next()  # the document's start is `first`; this is its root node
    builder = _EventBuilder(text, result, events)
    if type(root) is MappingStartEvent:
        result.data = builder.build_event(root, ())
    else:
        builder.skip(root)
    events.next()  # document end
    after = events.next()
    if type(after) is not StreamEndEvent:
        events.drain()  # limits and syntax of the rest first, as the composer's order was
        raise ComposerError(
            "expected a single document in the stream",
            root.start_mark,
            "but found another document",
            after.start_mark,
        )
    if type(root) is not MappingStartEvent:
        raise NotASection(root.start_mark)
    return builder.refused


class _EventBuilder(Builder):
    """Builder.build, _mapping and _duplicate walking events instead of nodes."""

    def __init__(self, text: str, result: LoadedFile, events: Events) -> None:
        super().__init__(text, result)
        self.next = events.next

    def build_event(self, event: Any, path: JsonPath) -> Any:
        mark = event.start_mark
        self.result.value_positions[path] = (mark.line + 1, mark.column + 1)
        kind = type(event)
        if kind is ScalarEvent:
            return self._scalar(event, path)
        if kind is MappingStartEvent:
            if self._untagged(event, UNTAGGED_MAPPING):
                return self._mapping_events(path)
            self.skip(event)
            return None
        if not self._untagged(event, UNTAGGED_SEQUENCE):
            self.skip(event)
            return None
        items: list[Any] = []
        next_event = self.next
        while type(item := next_event()) is not SequenceEndEvent:
            items.append(self.build_event(item, (*path, len(items))))
        return items

    def _mapping_events(self, path: JsonPath) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        first_key: Any = None
        next_event = self.next
        while type(key_event := next_event()) is not MappingEndEvent:
            scalar = type(key_event) is ScalarEvent
            if first_key is None:
                first_key = key_event.value if scalar else _NOT_A_SCALAR
            if self.refused_key(key_event, scalar):
                if not scalar:
                    self.skip(key_event)
                self.skip(next_event())
                continue
            key: str = key_event.value  # raw text: `yes:` stays "yes", `2024:` stays "2024"
            value_event = next_event()
            if key in mapping:
                is_scalar = type(value_event) is ScalarEvent
                text = value_event.value if is_scalar else ""
                stop = self.duplicate(path, first_key, key_event, is_scalar, text, mapping)
                self.skip(value_event)
                if stop:  # the rest belongs to the item whose « - » is missing
                    self._skip_open(1)
                    return mapping
                continue
            mark = key_event.start_mark
            self.result.key_positions[(*path, key)] = (mark.line + 1, mark.column + 1)
            mapping[key] = self.build_event(value_event, (*path, key))
        return mapping

    def skip(self, event: Any) -> None:
        """Read the node `event` starts, building nothing (its limits are still checked)."""
        if isinstance(event, CollectionStartEvent):
            self._skip_open(1)

    def _skip_open(self, depth: int) -> None:
        """Read until `depth` open collections are closed."""
        next_event = self.next
        while depth:
            event = next_event()
            if isinstance(event, CollectionStartEvent):
                depth += 1
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
