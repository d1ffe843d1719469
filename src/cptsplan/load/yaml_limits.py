"""What a plan file may hold before we build anything from it: sizes, counts and depth.

Cost must stay bounded by the size limit: a 5 MB file of `[1,1,1,...]` is 2.6 million values,
and building them with their positions took 50 s and 1.5 GB. A plan SSE holds a few thousand
values (the complete example about 6,000, its longest list 53 items, its largest section 15
keys), so the limits below are far above any real plan and far below what hurts. They are
checked on libyaml's event stream, each event before anything is built from it (the same
events then build the data, yaml_stream.py: each file is parsed once), and in the Python
composer (used for the exact message of a syntax error).
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
)

MAX_FILE_BYTES = 5 * 1024 * 1024
"""A real plan is well under 200 KB; anything above 5 MiB is a mistake or an attack."""

MAX_DEPTH = 40
"""The plan format nests about 8 levels; deep nesting only serves to exhaust the stack."""

MAX_VALUES = 100_000
"""Keys, values and list items of one file (the complete example has about 6,000)."""

MAX_ITEMS = 5_000
"""Items of one list (a directory of a few hundred entries is already a big one)."""

MAX_KEYS = 1_000
"""Keys of one section (the plan's largest has about 30 fields)."""

CAREFUL_MAX_CHARS = 300_000
"""Up to this size a file with a syntax error is parsed again by PyYAML's Python parser,
whose messages the tests hold; above, libyaml's error (same wording) is used directly."""


class Refusal(Exception):
    """Something a plan may not contain, where it starts."""

    def __init__(self, mark: Any, rule: str, message: str, hint: str | None) -> None:
        # `mark`: a yaml.Mark from PyYAML or from libyaml (both have line and column).
        super().__init__(message)
        self.mark, self.rule, self.message, self.hint = mark, rule, message, hint

    def parts(self) -> tuple[yaml.Mark | None, str, str, str | None]:
        return self.mark, self.rule, self.message, self.hint


def _number(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


class Counter:
    """Open collections (kind, children so far, where they start) and values seen."""

    def __init__(self) -> None:
        self.values = 0
        self.stack: list[list[Any]] = []

    def check(self, event: Any) -> None:
        """Raise Refusal when `event`, the start of a node, goes over a limit."""
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            raise Refusal(
                event.start_mark,
                "yaml-alias",
                "les ancres et alias YAML (« & » et « * ») ne sont pas acceptés",
                "recopiez la valeur à chaque endroit, ou faites référence à un identifiant "
                "de l'annuaire",
            )
        self.values += 1
        if self.values > MAX_VALUES:
            raise Refusal(
                event.start_mark,
                "yaml-trop-de-valeurs",
                f"fichier trop chargé : plus de {_number(MAX_VALUES)} valeurs",
                "un plan SSE complet en compte quelques milliers : ce fichier n'en est "
                "probablement pas un (liste recopiée en boucle, export de données ?)",
            )
        if self.stack:
            frame = self.stack[-1]
            frame[1] += 1
            if frame[0] and frame[1] > 2 * MAX_KEYS:
                raise Refusal(
                    frame[2],
                    "yaml-trop-de-valeurs",
                    f"section trop longue : plus de {_number(MAX_KEYS)} clés",
                    "une section du plan a quelques dizaines de champs au plus : vérifiez "
                    "l'indentation, ou découpez les données",
                )
            if not frame[0] and frame[1] > MAX_ITEMS:
                raise Refusal(
                    frame[2],
                    "yaml-trop-de-valeurs",
                    f"liste trop longue : plus de {_number(MAX_ITEMS)} éléments",
                    "une liste du plan compte au plus quelques centaines d'éléments",
                )
        if isinstance(event, CollectionStartEvent) and len(self.stack) >= MAX_DEPTH:
            raise Refusal(
                event.start_mark,
                "yaml-profondeur",
                f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)",
                "vérifiez l'indentation du fichier",
            )

    def enter(self, event: Any) -> None:
        self.stack.append([isinstance(event, MappingStartEvent), 0, event.start_mark])

    def leave(self) -> None:
        self.stack.pop()


class Events:
    """libyaml's event stream, each node event checked against the limits as it comes: the
    one pass that both refuses what is over a limit (before anything is built from it, so an
    alias bomb or a 2-million-item list costs only its parsing, stopped early) and feeds the
    builder (yaml_stream.py). The common case (a scalar inside a collection, no anchor, under
    every limit) is counted inline: this is called for every value of the plan."""

    def __init__(self, loader: Any) -> None:
        self.counter = Counter()
        self._stack = self.counter.stack
        self._get = loader.get_event

    def next(self) -> Any:
        """The next event (None after the end of the stream); raises Refusal at the first
        thing over a limit, or the YAML error of the text."""
        event = self._get()
        kind = type(event)
        stack = self._stack
        if kind is ScalarEvent and event.anchor is None and stack:
            frame = stack[-1]
            frame[1] += 1
            counter = self.counter
            counter.values += 1
            if counter.values <= MAX_VALUES and frame[1] <= (
                2 * MAX_KEYS if frame[0] else MAX_ITEMS
            ):
                return event
            frame[1] -= 1
            counter.values -= 1
        if isinstance(event, NodeEvent):
            self.counter.check(event)
            if isinstance(event, CollectionStartEvent):
                self.counter.enter(event)
        elif isinstance(event, CollectionEndEvent):
            self.counter.leave()
        return event

    def drain(self) -> None:
        """Check what is left of the stream."""
        while self.next() is not None:
            pass
