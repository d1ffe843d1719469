"""YAML text -> plain data plus the position of every key and value.

Why not `yaml.safe_load`: it expands aliases (a 1 KB alias bomb blows up memory and time
downstream), silently keeps the last of duplicate keys, turns `2026-02-30` into a crash with no
position, and forgets positions. We compose the node tree once (fast, C-free but linear) and
build the data ourselves, refusing anchors and aliases outright.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Location, Problem, Severity

MAX_FILE_BYTES = 5 * 1024 * 1024
"""A real plan is well under 200 KB; anything above 5 MiB is a mistake or an attack."""

MAX_DEPTH = 40
"""The plan format nests about 8 levels; deep nesting only serves to exhaust the stack."""

JsonPath = tuple[str | int, ...]

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _RefusedConstruct(Exception):
    """Raised inside the composer; carries a ready-made problem."""

    def __init__(self, mark: yaml.Mark | None, rule: str, message: str, hint: str | None) -> None:
        super().__init__(message)
        self.mark, self.rule, self.message, self.hint = mark, rule, message, hint


class _PlanLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors/aliases and deep nesting, and keeps dates as text."""

    # Dates stay strings: the schema checks them (with a position) and the model converts them.
    yaml_implicit_resolvers: ClassVar[dict[Any, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, AliasEvent) or (
            isinstance(event, ScalarEvent | CollectionStartEvent) and event.anchor is not None
        ):
            raise _RefusedConstruct(
                event.start_mark,
                "yaml-alias",
                "les ancres et alias YAML (« & » et « * ») ne sont pas acceptés",
                "recopiez la valeur à chaque endroit, ou faites référence à un identifiant "
                "de l'annuaire",
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _RefusedConstruct(
                    event.start_mark,
                    "yaml-profondeur",
                    f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)",
                    "vérifiez l'indentation du fichier",
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


@dataclass
class LoadedFile:
    """One YAML file: its data and where each key and value starts."""

    path: Path
    display: str
    data: Any = None
    value_positions: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def load_file(
    path: Path, display: str | None = None, max_bytes: int = MAX_FILE_BYTES
) -> LoadedFile:
    """Read one file. Never raises for bad content: problems are collected on the result."""
    result = LoadedFile(path=path, display=display or str(path))
    try:
        size = path.stat().st_size
        if size > max_bytes:
            result.problems.append(
                _problem(
                    result,
                    1,
                    1,
                    "yaml-taille",
                    f"fichier trop volumineux ({_megabytes(size)} Mo ; maximum "
                    f"{_megabytes(max_bytes)} Mo)",
                    "un plan SSE tient en quelques centaines de Ko : ce fichier n'en est "
                    "probablement pas un",
                )
            )
            return result
        raw = path.read_bytes()
    except OSError as exc:
        result.problems.append(
            _problem(
                result,
                1,
                1,
                "fichier-illisible",
                f"impossible de lire le fichier ({exc.strerror or exc})",
                None,
            )
        )
        return result
    text = _decode(raw, result)
    if text is None:
        return result
    if not text.strip() or all(
        line.strip() == "" or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        result.problems.append(
            _problem(
                result,
                1,
                1,
                "yaml-vide",
                "le fichier est vide",
                "écrivez au moins une section du plan, ou supprimez le fichier",
            )
        )
        return result
    _parse(text, result)
    return result


def _megabytes(size: int) -> str:
    """French decimal comma: 20971520 -> '20,0'."""
    return f"{size / 1_048_576:.1f}".replace(".", ",")


def _decode(raw: bytes, result: LoadedFile) -> str | None:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        result.problems.append(
            _problem(
                result,
                line,
                col,
                "yaml-encodage",
                f"le fichier n'est pas encodé en UTF-8 (octet 0x{raw[exc.start]:02X} illisible)",
                "enregistrez le fichier en UTF-8 (dans votre éditeur : « Enregistrer sous » puis "
                "encodage UTF-8)",
            )
        )
        return None
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        result.problems.append(
            _problem(
                result,
                line,
                1,
                "yaml-encodage",
                "le fichier contient un caractère nul : ce n'est pas un fichier texte",
                None,
            )
        )
        return None
    return text


_LIBYAML_LOADER: type[Any] | None = getattr(yaml, "CSafeLoader", None)

if _LIBYAML_LOADER is not None:

    class _FastPlanLoader(_LIBYAML_LOADER):  # type: ignore[misc, valid-type]
        """libyaml composes 15x faster than PyYAML's Python composer (400 ms -> 27 ms on the
        complete example); same resolvers, so the same data."""

        yaml_implicit_resolvers = _PlanLoader.yaml_implicit_resolvers


def _compose_fast(text: str) -> tuple[Any, Node | None] | None:
    """Compose with libyaml when the text is ordinary. Returns None whenever anything is
    unusual (anchors, aliases, deep nesting, any error): the careful Python path then
    produces the exact, tested problem. The event pre-scan runs before composing, so an
    alias bomb is never composed here."""
    if _LIBYAML_LOADER is None:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_FastPlanLoader):
            if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
                return None
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth >= MAX_DEPTH:
                    return None
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
        loader = _FastPlanLoader(text)
        try:
            return loader, loader.get_single_node()
        except yaml.YAMLError:
            loader.dispose()
            return None
    except yaml.YAMLError:
        return None


def _parse(text: str, result: LoadedFile) -> None:
    fast = _compose_fast(text)
    if fast is not None:
        loader, node = fast
        try:
            _build_root(node, loader, result)
        finally:
            loader.dispose()
        return
    _parse_carefully(text, result)


def _parse_carefully(text: str, result: LoadedFile) -> None:
    loader = _PlanLoader(text)
    try:
        _compose_and_build(loader, text, result)
    finally:
        loader.dispose()


def _compose_and_build(loader: _PlanLoader, text: str, result: LoadedFile) -> None:
    try:
        node = loader.get_single_node()
    except _RefusedConstruct as exc:
        line, col = _mark_position(exc.mark)
        result.problems.append(_problem(result, line, col, exc.rule, exc.message, exc.hint))
        return
    except yaml.MarkedYAMLError as exc:
        result.problems.append(_syntax_problem(result, exc, text))
        return
    except yaml.YAMLError as exc:  # e.g. reader errors without a mark
        detail = _english_detail(str(exc))
        result.problems.append(
            _problem(result, 1, 1, "yaml-syntaxe", "le fichier n'est pas du YAML valide", detail)
        )
        return
    _build_root(node, loader, result)


def _build_root(node: Node | None, loader: Any, result: LoadedFile) -> None:
    if node is None:
        result.problems.append(_problem(result, 1, 1, "yaml-vide", "le fichier est vide", None))
        return
    if not isinstance(node, MappingNode):
        line, col = _mark_position(node.start_mark)
        result.problems.append(
            _problem(
                result,
                line,
                col,
                "yaml-structure",
                "le fichier doit contenir des sections (clé: valeur) au premier niveau",
                "commencez par exemple par « document: »",
            )
        )
        return
    result.data = _Builder(loader, result).build(node, ())


class _Builder:
    """Node tree -> Python data, recording positions and reporting duplicates."""

    def __init__(self, loader: Any, result: LoadedFile) -> None:
        self.loader = loader
        self.result = result

    def build(self, node: Node, path: JsonPath) -> Any:
        self.result.value_positions[path] = _mark_position(node.start_mark)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: MappingNode, path: JsonPath) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, col = _mark_position(key_node.start_mark)
            if not isinstance(key_node, ScalarNode):
                self.result.problems.append(
                    _problem(
                        self.result,
                        line,
                        col,
                        "yaml-structure",
                        "une clé doit être un simple mot, pas une liste ni une section",
                        None,
                    )
                )
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.result.problems.append(
                    _problem(
                        self.result,
                        line,
                        col,
                        "yaml-alias",
                        "la clé de fusion « << » n'est pas acceptée",
                        None,
                    )
                )
                continue
            key = str(key_node.value)  # raw text: `yes:` stays "yes", `2024:` stays "2024"
            if key in mapping:
                first_line, _ = self.result.key_positions[(*path, key)]
                self.result.problems.append(
                    _problem(
                        self.result,
                        line,
                        col,
                        "yaml-cle-dupliquee",
                        f"clé « {key} » écrite deux fois (première fois ligne {first_line}) ; "
                        "la seconde est ignorée",
                        "fusionnez les deux blocs en un seul",
                    )
                )
                continue
            self.result.key_positions[(*path, key)] = (line, col)
            mapping[key] = self.build(value_node, (*path, key))
        return mapping

    def _scalar(self, node: ScalarNode, path: JsonPath) -> Any:
        if node.tag == _TIMESTAMP_TAG:
            return node.value
        try:
            value = self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            return self._refuse(
                node,
                f"étiquette YAML non acceptée : {node.tag}",
                f"retirez l'étiquette (« !... ») ; le plan ne contient que du texte, des "
                f"nombres, des listes et des sections ({exc.problem or 'refusée'})",
            )
        if value is not None and not isinstance(value, str | int | float | bool):
            return self._refuse(node, f"type de valeur non accepté ({node.tag})", None)
        return value

    def _refuse(self, node: ScalarNode, message: str, hint: str | None) -> None:
        """Record an unsupported value; the plan gets None in its place."""
        line, col = _mark_position(node.start_mark)
        self.result.problems.append(
            _problem(self.result, line, col, "yaml-type-non-supporte", message, hint)
        )


_SYNTAX_MESSAGES: list[tuple[str, str, str | None]] = [
    (
        r"found character '\\t' that cannot start any token",
        "tabulation interdite : YAML s'indente avec des espaces",
        "remplacez les tabulations par des espaces (2 par niveau)",
    ),
    (
        r"mapping values are not allowed here",
        "« : » inattendu",
        "une valeur qui contient « : » doit être entre guillemets, ou l'indentation est incorrecte",
    ),
    (
        r"could not find expected ':'",
        "il manque « : » après une clé, ou une ligne est mal indentée",
        None,
    ),
    (
        r"expected <block end>, but found",
        "indentation incohérente",
        "les éléments d'une même liste ou section doivent commencer à la même colonne",
    ),
    (
        r"found unexpected end of stream",
        "fin de fichier inattendue : un guillemet ou un crochet n'est pas fermé",
        None,
    ),
    (
        r"found unknown escape character",
        "caractère d'échappement inconnu dans une chaîne entre guillemets doubles",
        "utilisez des guillemets simples, ou doublez la barre oblique inverse « \\\\ »",
    ),
    (
        r"expected a single document in the stream",
        "un fichier ne doit contenir qu'un seul document YAML",
        "retirez la ligne « --- » qui sépare un second document",
    ),
    (r"special characters are not allowed", "caractère de contrôle interdit dans le fichier", None),
    (
        r"found undefined alias",
        "les ancres et alias YAML (« & » et « * ») ne sont pas acceptés",
        None,
    ),
    (
        r"while parsing a flow",
        "liste ou section entre crochets/accolades mal fermée",
        "vérifiez les « [ ] » et « { } » et les virgules",
    ),
    (r"while scanning a quoted scalar", "guillemet non fermé", None),
    (
        r"while scanning a simple key",
        "il manque « : » après une clé, ou une ligne est mal indentée",
        None,
    ),
]


def _syntax_problem(result: LoadedFile, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    english = " ".join(filter(None, [exc.context, exc.problem]))
    # For an unclosed quote or bracket the useful place is where it was opened.
    opened_earlier = "end of stream" in english and exc.context_mark is not None
    line, col = _mark_position(exc.context_mark if opened_earlier else exc.problem_mark)
    rule = "yaml-syntaxe"
    unclosed = _unclosed_quote(text, exc.context_mark, exc.problem_mark)
    if unclosed is not None:
        return _problem(
            result,
            *unclosed,
            rule,
            "syntaxe YAML : guillemet non fermé",
            "fermez le guillemet à la fin de la valeur, sur la même ligne",
        )
    for pattern, message, hint in _SYNTAX_MESSAGES:
        if re.search(pattern, english):
            if "\\t" in pattern:
                rule = "yaml-tabulation"
            return _problem(result, line, col, rule, f"syntaxe YAML : {message}", hint)
    return _problem(result, line, col, rule, "syntaxe YAML invalide", _english_detail(english))


def _unclosed_quote(
    text: str, start: yaml.Mark | None, end: yaml.Mark | None
) -> tuple[int, int] | None:
    """Where a quote opened and never closed on its line, near a parse error: PyYAML reports
    such errors lines later, as an indentation problem, which misleads the reader."""
    if start is None or end is None:
        return None
    lines = text.splitlines()
    for number in range(start.line, min(end.line, len(lines) - 1) + 1):
        line = lines[number]
        value = line.split(": ", 1)[1] if ": " in line else line.lstrip(" -")
        stripped = value.lstrip()
        if stripped[:1] in ('"', "'"):
            quote = stripped[0]
            body = stripped[1:].replace("\\" + quote, "") if quote == '"' else stripped[1:]
            if quote not in body.replace(quote * 2, ""):
                return (number + 1, line.index(stripped) + 1)
    return None


def _english_detail(english: str) -> str:
    return f"détail technique : {english.strip()}"


def _mark_position(mark: yaml.Mark | None) -> tuple[int, int]:
    if mark is None:
        return (1, 1)
    return (mark.line + 1, mark.column + 1)


def _problem(
    result: LoadedFile, line: int, col: int, rule: str, message: str, hint: str | None
) -> Problem:
    return Problem(Location(result.display, line, col), Severity.ERROR, rule, message, "", hint)
