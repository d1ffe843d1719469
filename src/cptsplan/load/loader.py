"""YAML text -> plain data plus the position of every key and value.

Why not `yaml.safe_load`: it expands aliases (a 1 KB alias bomb blows up memory and time
downstream), silently keeps the last of duplicate keys, turns `2026-02-30` into a crash with no
position, forgets positions, and reads YAML 1.1 (`010` is 8, `1:30` is 90, `yes` is true).
A first pass over libyaml's events refuses what has no place in a plan (anchors, aliases, deep
nesting, too many values) before anything is built; libyaml then composes the node tree and we
build the data ourselves. Unquoted values are read as YAML 1.2 reads them, and their source
text is kept for the schema step (scalars.py), which types them by what the field takes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

import yaml
from yaml.events import CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cptsplan.findings.problems import Location, Problem, Severity
from cptsplan.load import yaml_limits as limits
from cptsplan.load import yaml_stream
from cptsplan.load.loaded import (
    JsonPath as JsonPath,  # re-exported: most modules import it from here
)
from cptsplan.load.loaded import LoadedFile as LoadedFile
from cptsplan.load.yaml_builder import (
    FORBIDDEN,
    UNTAGGED_MAPPING,
    UNTAGGED_SCALAR,
    UNTAGGED_SEQUENCE,
    Builder,
    forbidden_problem,
)
from cptsplan.load.yaml_messages import (
    SyntaxFinding,
    english_detail,
    invisible_indentation,
    syntax_finding,
)

MAX_FILE_BYTES = limits.MAX_FILE_BYTES
MAX_DEPTH = limits.MAX_DEPTH

_CONTENT_LINE = re.compile(r"^[ \t]*[^\s#]", re.MULTILINE)


def _untagged_resolve(kind: type[Node]) -> str:
    """The tag of an untagged node: text, list or section (PyYAML's resolver would try its
    YAML 1.1 patterns first, for nothing, on every value)."""
    if kind is ScalarNode:
        return UNTAGGED_SCALAR
    return UNTAGGED_SEQUENCE if kind is SequenceNode else UNTAGGED_MAPPING


class _PlanLoader(yaml.SafeLoader):
    """Every untagged scalar is text (`str`): YAML 1.1 guesses are never applied; the
    builder reads unquoted values itself. Used when libyaml is missing or reports an error
    (its messages and marks are the tested ones)."""

    # PyYAML's stubs declare it per instance; it is a class attribute in PyYAML itself.
    yaml_implicit_resolvers: ClassVar[dict[Any, list[tuple[str, re.Pattern[str]]]]] = {}  # type: ignore[misc]

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        return _untagged_resolve(kind)

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        counter = self.__dict__.setdefault("_limits", limits.Counter())
        # peek_event is untyped in the PyYAML stubs.
        event = self.peek_event()  # type: ignore[no-untyped-call]
        counter.check(event)
        if not isinstance(event, CollectionStartEvent):
            return super().compose_node(parent, index)
        counter.enter(event)
        try:
            return super().compose_node(parent, index)
        finally:
            counter.leave()


_LIBYAML_LOADER: type[Any] | None = getattr(yaml, "CSafeLoader", None)
_FastPlanLoader: type[Any] = _PlanLoader
if _LIBYAML_LOADER is not None:

    class _CPlanLoader(_LIBYAML_LOADER):  # type: ignore[misc, valid-type]
        """libyaml composes 15x faster than PyYAML's Python composer; same (empty)
        resolvers, so the same data."""

        yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {}

        def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
            return _untagged_resolve(kind)

    _FastPlanLoader = _CPlanLoader


def load_file(
    path: Path,
    display: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    reuse: Mapping[bytes, LoadedFile] | None = None,
) -> LoadedFile:
    """Read one file. Never raises for bad content: problems are collected on the result.

    `reuse`: files read before in this command, by their bytes (`source.reusable`); a file
    with the same bytes is that one again under this path and name (its values and positions
    shared, not parsed again), as `diff` reads the unchanged files of an older version."""
    result = LoadedFile(path=path, display=display or str(path))
    try:
        size = path.stat().st_size
        if size > max_bytes:
            result.problems.append(
                _problem(
                    result, 1, 1, "yaml-taille",
                    f"fichier trop volumineux ({_megabytes(size)} Mo ; maximum "
                    f"{_megabytes(max_bytes)} Mo)",
                    "un plan SSE tient en quelques centaines de Ko : ce fichier n'en est "
                    "probablement pas un",
                )
            )  # fmt: skip
            return result
        raw = path.read_bytes()
        known = reuse.get(raw) if reuse is not None else None
        if known is not None and known.data is not None and not known.problems:
            return LoadedFile(
                path, result.display, known.data, known.value_positions, known.key_positions,
                [], known.plain, known.curly, known.raw,
            )  # fmt: skip
    except OSError as exc:
        result.problems.append(
            _problem(
                result, 1, 1, "fichier-illisible",
                f"impossible de lire le fichier ({exc.strerror or exc})", None,
            )
        )  # fmt: skip
        return result
    return _read(raw, result)


def load_text(text: str, path: Path, display: str) -> LoadedFile:
    """`load_file` of a file that would hold `text` (UTF-8), without reading the disk."""
    return load_bytes(text.encode("utf-8"), path, display)


def load_bytes(raw: bytes, path: Path, display: str) -> LoadedFile:
    """`load_file` of a file that would hold `raw` (within the size limit: the caller's
    check), without writing or reading the disk."""
    return _read(raw, LoadedFile(path=path, display=display))


def _read(raw: bytes, result: LoadedFile) -> LoadedFile:
    result.raw = raw
    text = _decode(raw, result)
    if text is None:
        return result
    if _CONTENT_LINE.search(text) is None:  # only blank lines and comments
        result.problems.append(
            _problem(
                result, 1, 1, "yaml-vide",
                "le fichier est vide" if not text.strip() else
                "le fichier est vide : il ne contient que des commentaires (lignes « # »)",
                "écrivez au moins une section du plan, ou rangez le fichier hors du dossier du "
                "plan (chaque fichier .yaml du dossier est lu comme une partie du plan)",
            )
        )  # fmt: skip
        return result
    _parse(text, result)
    return result


def _megabytes(size: int) -> str:
    """French decimal comma: 20971520 -> '20,0'."""
    return f"{size / 1_048_576:.1f}".replace(".", ",")


def _decode(raw: bytes, result: LoadedFile) -> str | None:
    if _utf16(raw):
        result.problems.append(
            _problem(
                result, 1, 1, "yaml-encodage",
                "le fichier est encodé en UTF-16 (« Unicode » du Bloc-notes, Notepad, de Windows), "
                "pas en UTF-8",
                "dans le Bloc-notes : Fichier > Enregistrer sous, puis « Encodage : UTF-8 » en "
                "bas de la fenêtre ; dans un autre éditeur, enregistrez-le en UTF-8",
            )
        )  # fmt: skip
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
        # « é » saved by Notepad's « ANSI » or an editor set to Windows-1252 is one byte, 0xE9:
        # naming the letter tells the coordinator which file setting to change.
        ansi = bytes([byte]).decode("cp1252", errors="ignore")
        letter = f", « {ansi} » en Windows-1252, l'« ANSI » du Bloc-notes" if ansi.isalpha() else ""
        result.problems.append(
            _problem(
                result, line, col, "yaml-encodage",
                f"le fichier n'est pas encodé en UTF-8 (octet 0x{byte:02X} illisible{letter})",
                "enregistrez le fichier en UTF-8 (dans le Bloc-notes : Fichier > Enregistrer "
                "sous, « Encodage : UTF-8 » ; dans VS Code : cliquez sur l'encodage en bas à "
                "droite, « Rouvrir avec l'encodage » Windows 1252, puis « Enregistrer avec "
                "l'encodage » UTF-8)" if letter else "enregistrez le fichier en UTF-8 (dans "
                "votre éditeur : « Enregistrer sous » puis encodage UTF-8)",
            )
        )  # fmt: skip
        return None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        result.problems.append(
            _problem(
                result, line, 1, "yaml-encodage",
                "le fichier contient un caractère nul : ce n'est pas un fichier texte", None,
            )
        )  # fmt: skip
        return None
    forbidden = FORBIDDEN.search(text)
    if forbidden is not None:
        offset = forbidden.start()
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        result.problems.append(forbidden_problem(result.display, line, col, forbidden.group()))
        return None
    return text


def _utf16(raw: bytes) -> bool:
    """Notepad's « Unicode » (UTF-16, with its byte order mark), or UTF-16 without the mark:
    every other byte of its ASCII text is zero."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    head = raw[:200]
    zeros = max(head[0::2].count(0), head[1::2].count(0))
    return len(head) >= 4 and zeros * 4 >= len(head) * 3 // 2


def _parse(text: str, result: LoadedFile) -> None:
    """One pass over the events (yaml_stream.py), built into a scratch result: a limit or a
    syntax error found further on leaves `result` with that error alone."""
    built = LoadedFile(path=result.path, display=result.display)
    loader = _FastPlanLoader(text)
    try:
        refused = yaml_stream.read(loader, text, built)
    except limits.Refusal as exc:
        line, col = _mark_position(exc.mark)
        result.problems.append(_problem(result, line, col, exc.rule, exc.message, exc.hint))
        return
    except yaml.YAMLError as exc:
        _report_error(text, result, exc)
        return
    except yaml_stream.Empty:
        _build_root(None, text, result)
        return
    except yaml_stream.NotASection as exc:
        result.problems.append(_not_a_section(result, exc.mark))
        return
    finally:
        loader.dispose()
    result.value_positions, result.key_positions = built.value_positions, built.key_positions
    result.problems.extend(built.problems)
    result.plain, result.curly = built.plain, built.curly
    # A refused value (a tag, a control character) leaves the file unread, like a syntax
    # error: what it would have said is unknown, and nothing else is reported about it.
    result.data = None if refused else built.data


def _report_error(text: str, result: LoadedFile, fast_error: yaml.YAMLError) -> None:
    """Name the invisible character when there is one (it is the cause); else PyYAML's own
    error, whose messages and positions the tests hold (for a file small enough to be parsed
    again in Python at once), else libyaml's."""
    invisible = invisible_indentation(text)
    if invisible is not None:
        result.problems.append(_problem(result, *invisible))
        _report_further(text, result, invisible, fast_error)
        return
    error = fast_error
    if _FastPlanLoader is not _PlanLoader and len(text) <= limits.CAREFUL_MAX_CHARS:
        loader = _PlanLoader(text)
        try:
            # libyaml refuses some texts PyYAML reads (a "\ud800" escape): build them, the
            # builder then says precisely what is wrong.
            _build_root(loader.get_single_node(), text, result)
            return
        except limits.Refusal as exc:
            line, col = _mark_position(exc.mark)
            result.problems.append(_problem(result, line, col, exc.rule, exc.message, exc.hint))
            return
        except yaml.YAMLError as exc:
            error = exc
        finally:
            loader.dispose()
    if isinstance(error, yaml.MarkedYAMLError):
        first = syntax_finding(error, text)
        result.problems.append(_problem(result, *first))
        _report_further(text, result, first, error)
    else:  # e.g. reader errors without a mark
        detail = english_detail(str(error))
        result.problems.append(
            _problem(result, 1, 1, "yaml-syntaxe", "le fichier n'est pas du YAML valide", detail)
        )


def _report_further(
    text: str, result: LoadedFile, first: SyntaxFinding, error: yaml.YAMLError
) -> None:
    """The syntax errors after the first (yaml_resume.py): a file small enough to be parsed
    again in Python, block by block."""
    if isinstance(error, yaml.MarkedYAMLError) and len(text) <= limits.CAREFUL_MAX_CHARS:
        # Imported here: only a file with a syntax error needs it, not every validate.
        from cptsplan.load.yaml_resume import further_errors

        for finding in further_errors(text, first, error):
            result.problems.append(_problem(result, *finding))


def _build_root(node: Node | None, text: str, result: LoadedFile) -> None:
    if node is None:
        result.problems.append(_problem(result, 1, 1, "yaml-vide", "le fichier est vide", None))
        return
    if not isinstance(node, MappingNode):
        result.problems.append(_not_a_section(result, node.start_mark))
        return
    builder = Builder(text, result)
    data = builder.build(node, ())
    # A refused value (a tag, a control character) leaves the file unread, like a syntax
    # error: what it would have said is unknown, and nothing else is reported about it.
    result.data = None if builder.refused else data


def _not_a_section(result: LoadedFile, mark: yaml.Mark) -> Problem:
    line, col = _mark_position(mark)
    return _problem(
        result, line, col, "yaml-structure",
        "le fichier doit contenir des sections (clé: valeur) au premier niveau",
        "un fichier du plan commence par une section, par exemple « document: » ; si ce "
        "fichier n'en fait pas partie (des notes, un brouillon), rangez-le hors du dossier du "
        "plan : chaque fichier .yaml du dossier est lu comme une partie du plan",
    )  # fmt: skip


def _mark_position(mark: yaml.Mark | None) -> tuple[int, int]:
    if mark is None:
        return (1, 1)
    return (mark.line + 1, mark.column + 1)


def _problem(
    result: LoadedFile, line: int, col: int, rule: str, message: str, hint: str | None
) -> Problem:
    return Problem(Location(result.display, line, col), Severity.ERROR, rule, message, "", hint)
