"""A plan on disk: one file, or a folder whose YAML files are merged by top-level section.

Splitting lets a CPTS keep the directory (`annuaire.yaml`, personal data) in a file of its own.
Every value keeps the file, line and column it came from, so problems point at the right file.
"""

from __future__ import annotations

import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cptsplan.findings.problems import Location, Problem, Severity, format_path
from cptsplan.findings.records import record, replace
from cptsplan.load.ignored import ignored_file_problems
from cptsplan.load.loader import MAX_FILE_BYTES, JsonPath, LoadedFile, load_file, load_text
from cptsplan.load.scalars import Notice, apply_schema_types, takes_a_form, type_plain, types_at
from cptsplan.load.yaml_messages import quotes_name

YAML_SUFFIXES = (".yaml", ".yml")


def _candidates(folder: Path) -> list[Path]:
    # `~$plan.yaml` is the lock file Word and Office leave beside a file they have open
    # (LibreOffice's `.~lock.plan.yaml#` is hidden): binary, never part of the plan, and
    # gone when the file is closed.
    return sorted(
        child
        for child in folder.iterdir()
        if child.suffix in YAML_SUFFIXES and not child.name.startswith((".", "~$"))
    )


def refusal(path: Path, folder: Path | None = None) -> str | None:
    """Why the plan file `path` must not be read, or None. A plan file is a regular file (a
    FIFO would hang the tool, a device would be read without end, both bypass the size
    limit); found in the plan's `folder`, its real path lies inside that folder (a symlink
    in someone else's repository must not pull a file of the machine into the reports)."""
    try:
        mode = path.stat().st_mode
        if folder is not None and not path.resolve().is_relative_to(folder.resolve()):
            return f"est un lien vers {path.resolve()}, hors du dossier du plan : il n'est pas lu"
    except FileNotFoundError:
        if not path.is_symlink():  # gone since the folder was listed (an editor's save)
            return "a disparu pendant la lecture (fichier renommé ou supprimé) : relancez"
        return "est un lien symbolique vers un fichier absent"
    except (OSError, RuntimeError) as error:
        return f"ne peut pas être examiné ({error})"
    if stat.S_ISDIR(mode):
        return None if folder is not None else "est un dossier"
    if not stat.S_ISREG(mode):
        kind = "un tube nommé" if stat.S_ISFIFO(mode) else "un périphérique ou un fichier spécial"
        return f"est {kind}, pas un fichier ordinaire : il n'est pas lu"
    return None


def _examined(folder: Path) -> list[tuple[Path, str | None, bool]]:
    """Each candidate of `folder` once: (path, refusal, whether it is a directory).

    A regular file that is not a link (`lstat`, which neither follows a link nor a Windows
    junction) lies inside `folder` by construction: it is taken without `resolve()`, which
    walked the whole path twice per file, and a plan folder is listed up to four times per
    command. Anything else (a link, a folder, a tube) is examined by `refusal`."""
    examined: list[tuple[Path, str | None, bool]] = []
    for child in _candidates(folder):
        try:
            regular = stat.S_ISREG(child.lstat().st_mode)
        except OSError:
            regular = False
        if regular:
            examined.append((child, None, False))
        else:
            examined.append((child, refusal(child, folder), child.is_dir()))
    return examined


def _readable(examined: list[tuple[Path, str | None, bool]]) -> list[Path]:
    return [child for child, why, folder in examined if why is None and not folder]


def _refused(examined: list[tuple[Path, str | None, bool]]) -> list[tuple[Path, str]]:
    return [(child, why) for child, why, folder in examined if why is not None and not folder]


def plan_files(folder: Path) -> list[Path]:
    """The YAML files that make up the plan in `folder` (hidden files such as
    `.cptsplan.yaml` or `.pre-commit-config.yaml` are not part of the plan; refused entries,
    see `refused_files`, neither)."""
    return _readable(_examined(folder))


def refused_files(folder: Path) -> list[tuple[Path, str]]:
    """The `.yaml` entries of `folder` that are not read, and why (directories excepted)."""
    return _refused(_examined(folder))


@record()
class PlanSource:
    """The merged data of one plan and where each piece came from."""

    __slots__ = ("_owner", "data", "display", "files", "problems", "root")

    def __init__(
        self,
        root: Path,
        display: str,
        files: list[LoadedFile] | None = None,
        data: dict[str, Any] | None = None,
        problems: list[Problem] | None = None,
        _owner: dict[str, LoadedFile] | None = None,
    ) -> None:
        self.root = root
        self.display = display
        self.files: list[LoadedFile] = [] if files is None else files
        self.data: dict[str, Any] = {} if data is None else data
        self.problems: list[Problem] = [] if problems is None else problems
        self._owner: dict[str, LoadedFile] = {} if _owner is None else _owner

    def locate(self, path: JsonPath, *, key: bool = False) -> Location:
        """Where `path` is written. With `key=True`, the key itself rather than its value.
        A path that does not exist (a missing field) falls back to its nearest parent."""
        if not path:
            return Location(self.files[0].display if self.files else self.display)
        owner = self._owner.get(str(path[0]))
        if owner is None:
            return Location(self.files[0].display if self.files else self.display)
        exact = (owner.key_positions if key else owner.value_positions).get(path)
        if exact is None:
            exact = owner.value_positions.get(path) or owner.key_positions.get(path)
        if exact is not None:
            return Location(owner.display, *exact)
        # A missing field is best shown at its parent's key (where it should be added);
        # list items have no key, so their value position serves.
        probe = path[:-1]
        while probe:
            position = owner.key_positions.get(probe) or owner.value_positions.get(probe)
            if position is not None:
                return Location(owner.display, *position)
            probe = probe[:-1]
        return Location(owner.display)

    def file_of(self, section: str) -> str | None:
        owner = self._owner.get(section)
        return owner.display if owner else None


def load_plan(
    root: Path,
    display: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    reuse: Mapping[bytes, LoadedFile] | None = None,
) -> PlanSource:
    """Load a plan file or folder; problems are collected, never raised. `reuse`: files
    already read, by their bytes (`reusable`), taken again instead of parsed again."""
    source = PlanSource(root=root, display=display or str(root))
    base = display or str(root)
    refused = refused_files(root) if root.is_dir() else []
    if not root.is_dir() and (why := refusal(root)) is not None:
        refused.append((root, why))
    for path, why in refused:
        shown = str(Path(base) / path.name) if root.is_dir() else base
        # Listed as a file that could not be read: its sections are unknown, not missing.
        source.files.append(LoadedFile(path=path, display=shown))
        source.problems.append(
            Problem(Location(shown), Severity.ERROR, "fichier-refuse", f"le fichier {shown} {why}")
        )
    if refused and not root.is_dir():
        return source
    paths = plan_files(root) if root.is_dir() else [root]
    for path in paths:
        shown = str(Path(base) / path.name) if root.is_dir() else base
        loaded = load_file(path, shown, max_bytes, reuse)
        source.files.append(loaded)
        source.problems.extend(loaded.problems)
        if isinstance(loaded.data, dict):
            _merge(source, loaded)
            _type_values(source, loaded)
    _two_plans(source)
    if root.is_dir():  # files that look like the plan's but are not read: say so
        source.problems.extend(ignored_file_problems(root, base))
    if not paths and not refused:
        source.problems.append(
            Problem(
                Location(source.display),
                Severity.ERROR,
                "plan-vide",
                "aucun fichier YAML (.yaml ou .yml) dans ce dossier",
            )
        )
    return source


def reusable(source: PlanSource) -> dict[bytes, LoadedFile]:
    """The files of `source` that another reading in the same command may take again, by
    their bytes: read without any problem. Their values are then shared by both readings:
    for code that only reads them (the comparison of two versions). None from a plan with an
    error: typing a value the schema refuses removes it (scalars.apply_schema_types), and a
    second typing of the shared values would no longer see it."""
    if any(problem.severity == Severity.ERROR for problem in source.problems):
        return {}
    return {
        loaded.raw: loaded
        for loaded in source.files
        if loaded.raw and loaded.data is not None and not loaded.problems
    }


def with_file(source: PlanSource, path: Path, text: str) -> PlanSource:
    """The plan `source`, as `load_plan` reads it, had the file `path` held `text`: that
    file is read from `text` (and its values typed); each other file is taken as it was read,
    its sections with their typed values, in the same order of files. Its problems are those
    of the file read again and of the merge: the other files' own were reported when they
    were read. `update` checks the plan it is about to write this way, without reading
    every file of the plan again."""
    edited = PlanSource(root=source.root, display=source.display)
    for loaded in source.files:
        fresh = loaded.path == path
        if fresh:
            loaded = load_text(text, path, loaded.display)
            edited.problems.extend(loaded.problems)
        edited.files.append(loaded)
        if isinstance(loaded.data, dict):
            _merge(edited, loaded, None if fresh else source)
            if fresh:
                _type_values(edited, loaded)
    return edited


def _merge(source: PlanSource, loaded: LoadedFile, read: PlanSource | None = None) -> None:
    """Add the sections of `loaded` to `source` (a section already there is a duplicate);
    with `read`, the plan where `loaded` was first read, the values are taken from there,
    typed already."""
    for section, value in loaded.data.items():
        if read is not None and read._owner.get(section) is loaded:
            value = read.data[section]
        previous = source._owner.get(section)
        if previous is not None:
            line, col = loaded.key_positions[(section,)]
            first_line = previous.key_positions[(section,)][0]
            source.problems.append(
                Problem(
                    Location(loaded.display, line, col),
                    Severity.ERROR,
                    "plan-section-dupliquee",
                    f"la section « {section} » est déjà écrite dans {previous.display} "
                    f"(ligne {first_line})",
                    section,
                    "une section ne doit être écrite que dans un seul fichier du plan",
                )
            )
            continue
        source._owner[section] = loaded
        source.data[section] = value


def _two_plans(source: PlanSource) -> None:
    """A second `document` section is a second plan in the folder (last year's copied as
    plan-2025.yaml, a colleague's version beside the coordinator's): one error saying so,
    with the files to move away, instead of one « section déjà écrite » per section (nine
    for a whole plan). A duplicate that is not part of a second plan keeps its own error."""
    duplicates = [p for p in source.problems if p.rule == "plan-section-dupliquee"]
    second = next((p for p in duplicates if p.path == "document"), None)
    if second is None:
        return
    first = source._owner["document"]
    if first.display == second.location.file:
        return  # one file writing `document:` twice: a mistake in that file, not two plans
    others = [p.path for p in duplicates if p is not second]
    message = (
        f"deux plans dans le même dossier ? La section « document » est déjà écrite dans "
        f"{first.display} (ligne {first.key_positions[('document',)][0]})"
    )
    if others:
        plural = "s" if len(others) > 1 else ""
        message += f", comme {len(others)} autre{plural} section{plural} : " + ", ".join(others)

    def names(files: list[str]) -> str:
        return ", ".join(sorted(dict.fromkeys(Path(name).name for name in files)))

    # The plan read first owns each section written twice; the other wrote it again.
    one = names([source._owner[p.path].display for p in duplicates if p.path in source._owner])
    other = names([p.location.file for p in duplicates])
    source.problems[:] = [p for p in source.problems if p not in duplicates]
    source.problems.append(
        Problem(
            second.location,
            Severity.ERROR,
            "plan-section-dupliquee",
            message,
            "document",
            f"un dossier ne contient qu'un plan : gardez l'un ({one}) ou l'autre ({other}), "
            "et rangez le second hors de ce dossier, par exemple dans un sous-dossier "
            "archives/ (git garde de toute façon chaque version transmise)",
        )
    )


def _type_values(source: PlanSource, loaded: LoadedFile) -> None:
    """Unquoted values get the type their field takes in the schema (scalars.py), before the
    schema checks them: `010` stays « 010 » in a text-or-number field, `oui` is yes."""
    from cptsplan.schema.plan_schema import (
        base_schema,  # the schema module imports the loader's types
    )

    def owned(path: JsonPath) -> bool:
        return source._owner.get(str(path[0])) is loaded

    plain = {path: text for path, text in loaded.plain.items() if owned(path)}
    if plain:
        for path, notice in apply_schema_types(source.data, plain, base_schema()):
            source.problems.append(notice_problem(loaded, path, notice))
    for path, warning in loaded.curly.items():
        if owned(path) and takes_a_form(base_schema(), path):
            _unquote(source, path, warning)


def _unquote(source: PlanSource, path: JsonPath, warning: Problem) -> None:
    from cptsplan.schema.plan_schema import base_schema

    """`version: “1.0”`: Word's quotes are kept in the value, which the schema would refuse
    (« n'a pas la forme attendue ») and the rules misread (a version missing from the
    history). The quotes are the one mistake: they become the error, and the value is read
    as the coordinator meant it, so that nothing else is reported about it."""
    parent: Any = source.data
    for part in path[:-1]:
        parent = parent[part]
    written = str(parent[path[-1]])
    # « 2.1 » is written with spaces inside the French quotes (Word adds no-break ones).
    text = written[1:-1].strip(" \u00a0\u202f")
    value, _ = type_plain(text, types_at(base_schema(), path))
    parent[path[-1]] = value
    error = replace(
        warning,
        severity=Severity.ERROR,
        message=f"« {text} » est entouré {quotes_name(written[0])}, que YAML garde dans "
        "la valeur : elle n'a alors plus la forme attendue",
        hint=f'remplacez-les par des guillemets droits : "{text}" (Word met ces guillemets '
        "tout seul : correction automatique)",
        path=format_path(path),
    )
    # French quotes around a text are no mistake: their warning was kept aside till now.
    index = next((i for i, problem in enumerate(source.problems) if problem is warning), None)
    if index is None:
        source.problems.append(error)
    else:
        source.problems[index] = error


def notice_problem(loaded: LoadedFile, path: JsonPath, notice: Notice) -> Problem:
    line, col = loaded.value_positions.get(path, (1, 1))
    return Problem(
        Location(loaded.display, line, col),
        Severity.ERROR if notice.error else Severity.WARNING,
        notice.rule,
        notice.message,
        format_path(path),
        notice.hint,
    )
