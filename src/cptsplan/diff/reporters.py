"""The diff as text for a terminal (rich, coloured, grouped), Markdown, or JSON."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator

from cptsplan.diff.labels import summary
from cptsplan.diff.result import Change, DiffResult, Side
from cptsplan.diff.words import shorten_equal

VERBS = {
    "ajout": "ajouté",
    "suppression": "supprimé",
    "modification": "modifié",
    "renommage": "identifiant renommé",
    "ordre": "ordre modifié",
    "coordonnees": "coordonnées modifiées",
}
SIGNS = {"ajout": "+", "suppression": "-", "modification": "~", "renommage": "~",
         "ordre": "↕", "coordonnees": "~"}  # fmt: skip


def _side(side: Side) -> str:
    """« plan (version 2.1, enregistrée dans git au commit 4f3a2b1) »: a git revision is
    said to be one, never printed bare."""
    source, revision = side.source, side.revision
    version = f"version {side.version or '?'}"
    if not revision:
        return f"{source} ({version})"
    base = source
    for suffix in (f"@{revision}", f" ({revision})"):
        base = base.removesuffix(suffix)
    kind = "au commit" if re.fullmatch(r"[0-9a-f]{7,40}", revision) else "à la révision"
    return f"{base} ({version}, enregistrée dans git {kind} {revision})"


def _header(result: DiffResult) -> str:
    return f"Modifications de {_side(result.old)} à {_side(result.new)}, édition {result.edition}"


LEGEND_PLAIN = "Légende : [-texte supprimé-] {+texte ajouté+}"
LEGEND_COLOR = "Légende : texte supprimé barré en rouge, texte ajouté en vert et en gras"


def total_line(result: DiffResult) -> str:
    """« 2 ajouts, 1 suppression et 4 modifications. »"""
    counts = result.counts()
    if not result.changes:
        return "Aucune modification."
    words = [
        (counts["ajout"], "ajout", "ajouts"),
        (counts["suppression"], "suppression", "suppressions"),
        (counts["modification"] + counts["coordonnees"], "modification", "modifications"),
        (counts["renommage"], "identifiant renommé", "identifiants renommés"),
        (counts["ordre"], "changement d'ordre", "changements d'ordre"),
    ]
    parts = [f"{count} {one if count == 1 else many}" for count, one, many in words if count]
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]
    return text + "."


def change_subject(change: Change) -> str:
    """The line's subject: the item, then the field inside it."""
    subject = change.element.label if change.element else ""
    if change.field:
        subject = f"{subject} — {change.field}" if subject else change.field
    return subject or change.path


def change_detail(change: Change) -> str:
    if change.masked:
        return ""
    if change.kind == "renommage":
        return f"{change.old} → {change.new}"
    if change.kind == "ordre":
        return ""
    whole_item = change.element is not None and not change.field
    if change.kind == "ajout" and not whole_item:
        return summary(change.new)
    if change.kind == "suppression" and not whole_item:
        return summary(change.old)
    if change.kind == "modification" and change.words is None:
        return f"{summary(change.old)} → {summary(change.new)}"
    return ""


def _lines(result: DiffResult, words: Callable[[Change], str]) -> Iterator[tuple[str, str, Change]]:
    """(what changed and how, the detail) for each change."""
    for change in (c for group in result.groups for c in group.changes):
        detail = change_detail(change)
        if change.kind == "modification" and change.words is not None:
            detail = words(change)
        yield f"{change_subject(change)} : {VERBS[change.kind]}", detail, change


def markdown(result: DiffResult) -> str:
    def words(change: Change) -> str:
        parts = []
        for op, text in shorten_equal(change.words or []):
            escaped = text.replace("~", "\\~").replace("*", "\\*")
            parts.append({"egal": escaped, "supprime": f"~~{escaped}~~"}.get(op, f"**{escaped}**"))
        return " ".join(parts)

    out = [f"## {_header(result)}", "", total_line(result), ""]
    out += [f"> {note}" for note in result.notes]
    if result.notes:
        out.append("")
    rendered = {
        id(change): f"{head} — {detail}" if detail else head
        for head, detail, change in _lines(result, words)
    }
    for group in result.groups:
        heading = group.theme_title + (f" › {group.section_title}" if group.section_title else "")
        out += [f"### {heading}", ""]
        out += [f"- {SIGNS[c.kind]} {rendered[id(c)]}" for c in group.changes]
        out.append("")
    return "\n".join(out)


def as_json(result: DiffResult) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, indent=2, default=str) + "\n"


STYLES = {"ajout": "green", "suppression": "red", "modification": "yellow",
          "renommage": "cyan", "ordre": "blue", "coordonnees": "yellow"}  # fmt: skip


def text(result: DiffResult, color: bool | None = None, width: int | None = None) -> str:
    """Grouped by theme and section; rich styles (shown only on a terminal, or when
    `color` is true). Plan data is printed as plain text, never as rich markup."""
    from rich.console import Console
    from rich.text import Text

    # Recorded, not printed; without colour, lines are not wrapped (a CI log, a file).
    console = Console(
        record=True, force_terminal=color, no_color=not color, file=io.StringIO(),
        width=width or (100 if color else 10_000),
    )  # fmt: skip

    def words(change: Change) -> str:
        return "\0".join(f"{op}\1{t}" for op, t in shorten_equal(change.words or []))

    console.print(Text(_header(result), style="bold"))
    console.print(Text(total_line(result)))
    if any(change.kind == "modification" and change.words for change in result.changes):
        console.print(Text(LEGEND_COLOR if color else LEGEND_PLAIN, style="dim"))
    for note in result.notes:
        console.print(Text(f"remarque : {note}", style="dim"))
    rendered = {id(change): (head, detail) for head, detail, change in _lines(result, words)}
    for group in result.groups:
        heading = group.theme_title + (f" › {group.section_title}" if group.section_title else "")
        console.print()
        console.print(Text(heading, style="bold underline"))
        for change in group.changes:
            line = Text(f"  {SIGNS[change.kind]} ", style=STYLES[change.kind])
            head, tail = rendered[id(change)]
            line.append(head)
            if change.kind == "modification" and change.words is not None:
                line.append(" — ")
                for piece in tail.split("\0"):
                    op, _, chunk = piece.partition("\1")
                    if not color:  # no colour: the marks of `git diff --word-diff`
                        chunk = {"supprime": f"[-{chunk}-]", "ajoute": f"{{+{chunk}+}}"}.get(
                            op, chunk
                        )
                    style = {"supprime": "red strike", "ajoute": "green bold"}.get(op, "")
                    line.append(chunk + " ", style=style)
            elif tail:
                line.append(" — " + tail)
            console.print(line)
    return console.export_text(styles=bool(color))


REPORTERS: dict[str, Callable[[DiffResult], str]] = {
    "text": text,
    "markdown": markdown,
    "json": as_json,
}
