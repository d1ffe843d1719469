"""Composed YAML nodes -> plan data, with the position of every key and value.

Explicit tags, control characters from escapes, invisible spaces before keys, duplicate keys
and merge keys are reported here; unquoted values are read as YAML 1.2 reads them and their
source text is kept for the schema step (scalars.py).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Protocol

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cptsplan.findings.problems import Location, Problem, Severity
from cptsplan.load.scalars import YES_NO_WORDS, read_plain
from cptsplan.load.yaml_messages import (
    CURLY_QUOTES,
    INVISIBLE_SPACES,
    character_name,
    quotes_name,
)

if TYPE_CHECKING:
    from cptsplan.load.loaded import JsonPath, LoadedFile

# The tags our resolver gives untagged nodes: no tag written in a file can be one of these,
# so any explicit tag (even `!!str`) is seen, and refused.
_STR = UNTAGGED_SCALAR = "tag:cptsplan,2026:untagged-scalar"
_SEQ = UNTAGGED_SEQUENCE = "tag:cptsplan,2026:untagged-sequence"
_MAP = UNTAGGED_MAPPING = "tag:cptsplan,2026:untagged-mapping"
_INVISIBLE = frozenset(INVISIBLE_SPACES)
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|[\ufffe\uffff\ud800-\udfff]")
"""Control characters (C0 but tab and line breaks, DEL, C1), non-characters and lone
surrogates: they corrupt DOCX and XML outputs and drive terminals; no plan needs them. Two
classes: one holding both the Latin-1 and the U+FFFF ranges compiled to a 64 K map (0.7 ms
of every validate), these two to 0.35 ms, matching the same characters."""
_CUT_BY_COMMENT = r"[ \t]+#(\w.*)"  # compiled by `re` for a « #word » after a value


class Scalar(Protocol):
    """A scalar as composed (a node of PyYAML's tree) or as parsed (an event of the one pass,
    yaml_stream.py): both carry its tag, style, text and marks."""

    @property
    def tag(self) -> str | None: ...
    @property
    def style(self) -> str | None: ...
    @property
    def value(self) -> Any: ...
    @property
    def start_mark(self) -> Any: ...
    @property
    def end_mark(self) -> Any: ...


def forbidden_problem(display: str, line: int, col: int, char: str) -> Problem:
    return Problem(
        Location(display, line, col), Severity.ERROR, "yaml-caractere-interdit",
        f"caractère interdit dans un plan : {character_name(char)}",
        "",
        "retirez-le (il vient souvent d'un copier-coller ou d'un code « \\x.. » / « \\u.. » "
        "entre guillemets) : il corromprait les documents produits",
    )  # fmt: skip


class Builder:
    """Node tree -> Python data, recording positions and reporting duplicates."""

    def __init__(self, text: str, result: LoadedFile) -> None:
        self.result = result
        self.refused = False
        self.lines: list[str] | None = None
        self.text = text
        # Lines where « #word » follows a blank: only there can a comment cut a value short.
        self.comment_lines: set[int] = set()
        line = last = 0
        for match in re.finditer(r"[ \t]#\w", text):
            line += text.count("\n", last, match.start())
            last = match.start()
            self.comment_lines.add(line)

    def build(self, node: Node, path: JsonPath) -> Any:
        self.result.value_positions[path] = _mark_position(node.start_mark)
        if isinstance(node, MappingNode):
            return self._mapping(node, path) if self._untagged(node, _MAP) else None
        if isinstance(node, SequenceNode):
            if not self._untagged(node, _SEQ):
                return None
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)  # the three kinds of YAML node
        return self._scalar(node, path)

    def _untagged(self, node: Node | Scalar, tag: str) -> bool:
        """Explicit tags (`!!int`, `!!binary`, `!truc`) are refused: a plan holds text,
        numbers, yes/no, lists and sections, and the schema says which is which."""
        # A composed node's tag is resolved; an event's (yaml_stream.py) is None, or « ! »
        # (non-specific), when none is written: the composer would resolve it to `tag`.
        if node.tag == tag or node.tag is None or node.tag == "!":
            return True
        self.refused = True
        self._add(node.start_mark, "yaml-type-non-supporte",
                  f"étiquette YAML non acceptée : {_short_tag(node.tag)}",
                  "retirez l'étiquette (« !... ») ; le plan ne contient que du texte, des "
                  "nombres, des oui/non, des listes et des sections ; pour garder un texte tel "
                  "quel, mettez-le entre guillemets")  # fmt: skip
        return False

    def _mapping(self, node: MappingNode, path: JsonPath) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, col = _mark_position(key_node.start_mark)
            if self.refused_key(key_node, isinstance(key_node, ScalarNode)):
                continue
            key = key_node.value  # raw text: `yes:` stays "yes", `2024:` stays "2024"
            if key in mapping:
                if self._duplicate(node, path, key_node, value_node, mapping):
                    return mapping  # the rest belongs to the item whose « - » is missing
                continue
            self.result.key_positions[(*path, key)] = (line, col)
            mapping[key] = self.build(value_node, (*path, key))
        return mapping

    def refused_key(self, key: Any, scalar: bool) -> bool:
        """Whether a mapping's key (a node, or an event: yaml_stream.py) is refused, the
        problem said: a list or a section, the merge key « << », a tag or a forbidden
        character, an invisible space at either end. The caller then skips its value."""
        if not scalar:
            message = "une clé doit être un simple mot, pas une liste ni une section"
            self._add(key.start_mark, "yaml-structure", message, None)
            return True
        if not key.style and key.value == "<<":
            message = "la clé de fusion « << » n'est pas acceptée"
            self._add(key.start_mark, "yaml-alias", message, None)
            return True
        if not self._untagged(key, _STR) or not self._allowed(key):
            return True
        if key.value[:1] in _INVISIBLE or key.value[-1:] in _INVISIBLE:
            self._invisible_in_key(key)
            return True
        return False

    def _duplicate(
        self, node: MappingNode, path: JsonPath, key_node: ScalarNode, value_node: Node,
        mapping: dict[str, Any],
    ) -> bool:  # fmt: skip
        """A key written twice. In a list item, the item's first key written again is the
        start of the next item whose « - » was forgotten: say that (and only once, the keys
        that follow repeat too), and leave the file unread rather than half an item. Returns
        True in that case."""
        scalar = isinstance(value_node, ScalarNode)
        text = value_node.value if scalar else ""
        return self.duplicate(path, node.value[0][0].value, key_node, scalar, text, mapping)

    def duplicate(
        self, path: JsonPath, first_key: Any, key_node: Any, scalar: bool, text: str,
        mapping: dict[str, Any],
    ) -> bool:  # fmt: skip
        """_duplicate from what it needs: the value of the mapping's first key, the key
        written again (node or event), whether its value is a scalar and its text."""
        key: str = key_node.value
        first_line, _ = self.result.key_positions[(*path, key)]
        if path and isinstance(path[-1], int) and first_key == key:
            self.refused = True
            value = text
            written = f"{key}: {value}".strip() if len(value) <= 40 else f"{key}: …"
            self._add(
                key_node.start_mark,
                "yaml-syntaxe",
                f"il manque « - » devant « {key}: » : cette ligne commence un nouvel élément "
                "de la liste",
                f"écrivez « - {written} », le « - » à la même colonne que celui de l'élément "
                f"précédent (ligne {first_line}) ; sans lui, YAML lit les deux éléments comme "
                "un seul, où chaque clé est écrite deux fois",
            )
            return True
        one_line = scalar and not isinstance(mapping[key], dict | list)
        self._add(
            key_node.start_mark,
            "yaml-cle-dupliquee",
            f"clé « {key} » écrite deux fois (première fois ligne {first_line}) ; "
            "la seconde est ignorée",
            f"gardez une seule ligne « {key}: … » (celle qui est juste) et supprimez l'autre"
            if one_line else "fusionnez les deux blocs en un seul",
        )  # fmt: skip
        return False

    def _invisible_in_key(self, node: Scalar) -> None:
        """`nom : x` typed in Word becomes « nom », a no-break space, « : »: the key is then
        not « nom », though it looks the same; an invisible space before it is as bad."""
        self.refused = True  # the section it belongs to would be reported as incomplete
        key: str = node.value
        before = key[:1] in _INVISIBLE
        char = key[0] if before else key[-1]
        name = key.strip(INVISIBLE_SPACES)
        self._add(
            node.start_mark,
            "yaml-espace-invisible",
            f"caractère invisible {character_name(char)} {'avant' if before else 'après'} "
            f"la clé « {name} »",
            f"écrivez « {name}: » sans espace avant « : »" if not before else
            "remplacez-le par une espace ordinaire (il vient souvent d'un copier-coller "
            "depuis Word ou une page web)",
        )  # fmt: skip

    def _allowed(self, node: Scalar) -> bool:
        """Raw control characters are refused on reading; these come from escapes."""
        if node.style != '"':
            return True
        forbidden = FORBIDDEN.search(node.value)
        if forbidden is None:
            return True
        line, col = _mark_position(node.start_mark)
        problem = forbidden_problem(self.result.display, line, col, forbidden.group())
        self.result.problems.append(problem)
        self.refused = True
        return False

    def _scalar(self, node: Scalar, path: JsonPath) -> Any:
        if not self._untagged(node, _STR) or not self._allowed(node):
            return None
        text: str = node.value
        if node.style:  # quoted or block: text, as written
            if text in YES_NO_WORDS:  # except « "non" » in a yes/no field (scalars.type_plain)
                self.result.plain[path] = text
            return text
        value, keep = read_plain(text)
        if keep:
            self.result.plain[path] = text
        if not keep and node.end_mark.line in self.comment_lines:  # text, cut short?
            self._cut_by_comment(node)
        if node.end_mark.line > node.start_mark.line and " - " in text:
            self._item_as_continuation(node)
        if text and text[0] in CURLY_QUOTES and text[-1] in CURLY_QUOTES:
            self._add(
                node.start_mark,
                "yaml-guillemets-courbes",
                f"la valeur est entourée {quotes_name(text[0])}, que YAML garde dans le texte",
                'remplacez-les par des guillemets droits ("...") : '
                "Word les courbe tout seul (correction automatique)",
                Severity.WARNING,
            )
            self.result.curly[path] = self.result.problems[-1]
            if text[0] in "«»":  # French text quotes a title: wrong only in a precise form
                self.result.problems.pop()
        return value  # fmt: skip

    def _cut_by_comment(self, node: Scalar) -> None:
        """`nom: Salle #2 de la maison` is « Salle » followed by a comment: say so."""
        if self.lines is None:
            self.lines = self.text.splitlines()
        end = node.end_mark
        rest = self.lines[end.line][end.column :] if end.line < len(self.lines) else ""
        cut = re.match(_CUT_BY_COMMENT, rest)
        if cut is None:
            return
        value = node.value if len(node.value) <= 40 else "…" + node.value[-39:]
        dropped = "#" + cut.group(1).rstrip()
        line, col = end.line + 1, end.column + rest.index("#") + 1
        self.result.problems.append(
            Problem(Location(self.result.display, line, col), Severity.WARNING,
                    "yaml-commentaire-coupe",
                    f"« {dropped[:60]} » est lu comme un commentaire : la valeur s'arrête "
                    f"à « {value} »",
                    "", "si « # » fait partie du texte, mettez toute la valeur entre "
                    f'guillemets : "{value} {dropped[:60]}"')
        )  # fmt: skip

    def _item_as_continuation(self, node: Scalar) -> None:
        """A list item indented further than the one above (`- Tenir le plan à jour` two
        spaces right of its neighbours) is no syntax error: YAML reads it as the rest of
        the text above, and the item silently disappears from the list. Said here."""
        if self.lines is None:
            self.lines = self.text.splitlines()
        start = node.start_mark
        for number in range(start.line + 1, min(node.end_mark.line + 1, len(self.lines))):
            line = self.lines[number]
            item = line.lstrip(" ")
            if not item.startswith("- "):
                continue
            above = self.lines[start.line]
            dash = above.rfind("- ", 0, start.column)
            if dash < 0 or above[dash + 2 : start.column].strip():
                return  # the text of a field, not of a list item: a dash in prose
            where = f"colonne {dash + 1}"
            shown = item if len(item) <= 50 else item[:49] + "…"
            self.result.problems.append(
                Problem(Location(self.result.display, number + 1, len(line) - len(item) + 1),
                        Severity.WARNING, "yaml-element-colle",
                        f"« {shown} » est lu comme la suite du texte de la ligne "
                        f"{start.line + 1}, pas comme un nouvel élément de la liste",
                        "", "si c'est un nouvel élément, alignez son « - » sur celui de la "
                        f"ligne {start.line + 1} ({where})")
            )  # fmt: skip
            return

    def _add(
        self, mark: yaml.Mark | None, rule: str, message: str, hint: str | None,
        severity: Severity = Severity.ERROR,
    ) -> None:  # fmt: skip
        line, col = _mark_position(mark)
        self.result.problems.append(
            Problem(Location(self.result.display, line, col), severity, rule, message, "", hint)
        )


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


def _mark_position(mark: yaml.Mark | None) -> tuple[int, int]:
    if mark is None:
        return (1, 1)
    return (mark.line + 1, mark.column + 1)
