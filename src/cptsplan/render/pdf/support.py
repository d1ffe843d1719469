"""What a custom template may write that the PDF would not show as the DOCX does.

The DOCX goes through pandoc's Markdown reader, the PDF through our own reader (blocks.py,
inlines.py), which reads what the documentation says templates may use: headings, lists
(nested), definition lists, pipe tables, block quotes, fenced code, rules, emphasis, code
spans, super- and subscripts, links and autolinks, images, spans, divs and footnotes. A
custom template that writes another of pandoc's constructs would get it laid out in the DOCX
and printed as typed in the PDF; these are found in the template's own lines (plan values
never form markup: their punctuation arrives escaped) and named with file and line, so that
the two documents never differ in silence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

TEMPLATE_SUFFIX = ".md.j2"

# Each pattern is matched against a template line whose Jinja tags and expressions are taken
# out: what is left is the Markdown the template itself writes.
_CONSTRUCTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\+(?:[-=:]+\+)+\s*"), "un tableau en grille (+---+)"),
    (re.compile(r"-{3,}(?:[ \t]+-{3,})+\s*"), "un tableau simple (colonnes de tirets)"),
    (re.compile(r"\|[ \t](?!.*\|\s*$).*"), "un bloc de lignes (« | » en début de ligne)"),
    (re.compile(r"[ \t]*(?:[-*+][ \t]+)?\[[ xX]\][ \t].*"), "une case à cocher ([ ] ou [x])"),
    (
        re.compile(r"[ \t]{0,3}(?:\(?[a-z]\)|[a-z]\.|\(@\w*\)|#\.)[ \t].*"),
        "une liste à lettres (a. ou a)) ou d'exemples (@)",
    ),
    (
        re.compile(r"[ \t]{0,3}\[[^\]^][^\]]*\]:[ \t]+\S.*"),
        "un lien par référence ([nom]: adresse)",
    ),
)
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*")
_JINJA = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}")


class Unsupported(NamedTuple):
    path: Path
    line: int
    construct: str

    def message(self) -> str:
        return (
            f"gabarit {self.path}, ligne {self.line} : {self.construct} n'est pas mis en forme "
            "dans le PDF (il y est imprimé tel quel, alors que le DOCX le met en forme)"
        )


def unsupported_in(path: Path, text: str) -> list[Unsupported]:
    """The constructs of `text` (a template's source) the PDF does not lay out."""
    found: list[Unsupported] = []
    previous = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _JINJA.sub("", raw)
        if not line.strip() and raw.strip():
            continue  # a line of Jinja only writes nothing of its own
        for pattern, construct in _CONSTRUCTS:
            if pattern.fullmatch(line):
                found.append(Unsupported(path, number, construct))
                break
        else:
            # `Titre` underlined by `===` or `---` is a heading for pandoc; `---` after a
            # blank line is a rule, which the PDF draws too.
            if (
                _SETEXT.fullmatch(line)
                and previous.strip()
                and not previous.startswith(("|", "-", "*", "#", ":"))
            ):
                found.append(Unsupported(path, number, "un titre souligné (=== ou ---)"))
        previous = line
    return found


def custom_template_notices(files: Iterable[Path]) -> list[Unsupported]:
    """Every unsupported construct in the custom Markdown templates among `files`."""
    found: list[Unsupported] = []
    for path in sorted(files):
        if not path.name.endswith(TEMPLATE_SUFFIX):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # reading it for real reports the problem (resources.py)
        found.extend(unsupported_in(path, text))
    return found
