"""`.cptsplan.yaml`: rule severities and on/off, strict mode, regional requirements, and the
regional profile they build on (`profil:`, see profiles.py).

Found by walking up from each plan (stopping at the repository root or the home folder), read
with the plan loader (positions), checked against `schemas/config.schema.json`. Any mistake is
a `ConfigurationError` (exit 3) that names the file, line and column.
"""

from __future__ import annotations

import itertools
import json
import os
import stat
import sys
from functools import cache
from pathlib import Path, PureWindowsPath
from typing import TYPE_CHECKING, Any

from cptsplan.config.profiles import with_profile
from cptsplan.errors import ConfigurationError
from cptsplan.files.folders import work_tree_root
from cptsplan.findings.blocking import Blocking, effective
from cptsplan.findings.problems import Location, Severity, format_path
from cptsplan.load.loader import MAX_FILE_BYTES, JsonPath, LoadedFile, load_file
from cptsplan.load.scalars import apply_schema_types
from cptsplan.load.source import notice_problem

# The types live in settings.py, which the rules import (repository_config.py imports the rules).
from cptsplan.rules.settings import (
    DEFAULT,
    REMINDER_DAYS,
    Config,
    EntryRequirement,
    Requirements,
    RuleSetting,
    SectionRequirement,
)

if TYPE_CHECKING:  # jsonschema costs ~150 ms to import: only a configuration file needs it
    from jsonschema import Draft202012Validator, ValidationError

CONFIG_NAMES = (".cptsplan.yaml", ".cptsplan.yml")
MAX_MESSAGES = 20
"""Mistakes listed for one configuration file (each may cost a comparison with every rule)."""


def find_config(plan_path: Path) -> Path | None:
    """The nearest `.cptsplan.yaml` from the plan upwards, never above the plan's git
    repository, nor above the user's home folder. A plan in neither (a shared `/tmp`, say)
    only takes a configuration from folders that are not writable by everyone and files
    that the user owns: another user's file must not turn rules off unnoticed."""
    folder = plan_path.resolve()
    if not folder.is_dir():
        folder = folder.parent
    ancestors = (folder, *folder.parents)
    root = work_tree_root(folder)
    if root is None:
        root = next((c for c in ancestors if c == _home()), None)
    for candidate in ancestors:
        if root is None and _shared(candidate):
            return None
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and (root is not None or _owned(path)):
                return path
        if candidate == root:
            return None
    return None


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (KeyError, RuntimeError):  # no home for this user (some CI containers)
        return None


def _shared(folder: Path) -> bool:
    """Writable by everyone (like /tmp): anybody may have put a configuration there."""
    try:
        return bool(folder.stat().st_mode & stat.S_IWOTH)
    except OSError:
        return True


def _owned(path: Path) -> bool:
    if sys.platform == "win32":
        # No owner id on Windows (st_uid is always 0; ownership lives in ACLs): a file the
        # user can read in a folder `_shared` accepted is taken as theirs.
        return path.is_file()
    try:
        return path.stat().st_uid == os.getuid()
    except OSError:
        return False


_CHECKED: dict[tuple[str, str, str, bytes], Config | ConfigurationError] = {}
"""Configurations already read and checked, by path (as given and resolved), repository and
content."""


def load_config(path: Path, *, named: bool = False) -> Config:
    """Read and check one configuration file; raise ConfigurationError on any mistake.
    `named`: the file the user named (`--config`), read wherever it leads.

    One command asks for the same file up to three times (which plan a folder names, which
    repository receives the documents, the rules' settings); reading it means parsing it,
    checking it against the schema (importing jsonschema) and the rule registry. It is done
    once: the answer, or the error, is kept for the same file, repository and content (the
    content is the key, not the modification time, which a quick rewrite keeps: a preview
    that runs for hours sees every change)."""
    if not path.is_file():
        raise ConfigurationError(f"fichier de configuration introuvable : {path}")
    if not named:
        _check_not_a_link_out(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:  # refused unread by the loader
            return _read_config(path)
        key = (str(path), str(path.resolve()), str(repository_root(path)), path.read_bytes())
    except OSError:  # unreadable: _read_config says why
        return _read_config(path)
    known = _CHECKED.get(key)
    if known is None:
        try:
            known = _read_config(path)
        except ConfigurationError as error:
            known = error
        _CHECKED[key] = known
    if isinstance(known, ConfigurationError):
        raise ConfigurationError(known.message, known.hint)
    return known


def _check_not_a_link_out(path: Path) -> None:
    """A `.cptsplan.yaml` found in a repository that is a link to a file outside it (a YAML
    file of the machine: tokens, another project's settings) is not read: its values would be
    quoted by the messages (« profil : « SECRET » n'a pas la forme attendue ») into a CI log.
    A link that stays in the repository (`.cptsplan.yaml -> config/cptsplan.yaml`) is read."""
    folder = path.parent.resolve()
    root = work_tree_root(folder) or folder
    try:
        inside = path.resolve().is_relative_to(root)
    except (OSError, RuntimeError, ValueError):  # a loop of links
        inside = False
    if not inside:
        raise ConfigurationError(
            f"{path} est un lien vers un fichier hors du dépôt {root} : il n'est pas lu",
            "remplacez le lien par le fichier lui-même, ou passez-le avec --config",
        )


def _read_config(path: Path) -> Config:
    loaded = load_file(path, str(path))
    # Unquoted values typed by the schema, as in a plan (`strict: oui`, `regles: {nir: off}`);
    # the loader's and typing's warnings have no channel here and change nothing.
    notices = apply_schema_types(loaded.data, loaded.plain, config_schema())
    errors_found = [p for p in loaded.problems if p.severity == Severity.ERROR] + [
        notice_problem(loaded, where, notice) for where, notice in notices if notice.error
    ]
    if errors_found:
        first = errors_found[0]
        raise ConfigurationError(
            f"configuration illisible : {first.location} : {first.message}", first.hint
        )
    data = loaded.data if isinstance(loaded.data, dict) else {}
    # A few messages are enough to fix a file; describing thousands would take minutes.
    found = itertools.islice(_validator().iter_errors(data), MAX_MESSAGES)
    errors = sorted(found, key=lambda e: list(map(str, e.path)))
    messages = [message for error in errors for message in _describe(error, loaded)]
    if not messages:
        data = with_profile(data)  # the profile's own rules are checked like the file's
    messages += _unknown_rules(data, loaded)
    if not messages:
        messages += _outside_paths(path, data, loaded)
    if messages:
        hint = (
            "corrigez .cptsplan.yaml ; son format est décrit dans docs/regles.md et dans "
            "schemas/config.schema.json"
        )
        # One line: the error printer shows a newline inside a message as « \n » (so that a
        # value cannot forge a log line), and several problems read well joined.
        raise ConfigurationError("configuration non valide : " + " ; ".join(messages), hint)
    return _build(path, data)


PATH_KEYS: tuple[str, ...] = ("plan",)
"""The keys whose value is a path (the others name shipped data, like `profil`). A new one
is added here so that it is checked to stay inside the repository."""


def written_path(value: str) -> Path | None:
    """A path as `.cptsplan.yaml` writes it, relative to the file's folder, read the same on
    every system: a backslash is a separator (`plan\\sous-dossier`, typed on Windows, names
    the same folder on the Linux CI, where it was a file name with a backslash in it). A
    drive (`C:\\plans`, `D:plan`), a network share (`\\\\serveur\\plans`) or a path from the
    root names no folder of the repository on any system: None."""
    written = PureWindowsPath(value)
    if written.drive or written.root:
        return None
    return Path(written.as_posix())


def repository_root(config_path: Path) -> Path:
    """The folder a configuration file may name paths in: its git repository (the nearest
    folder above it holding `.git`), else its own folder."""
    folder = config_path.resolve().parent
    return work_tree_root(folder) or folder


def _outside_paths(path: Path, data: dict[str, Any], loaded: LoadedFile) -> list[str]:
    """A path named by a repository's configuration (`plan: ../ailleurs`, an absolute path,
    a symbolic link out) would make `validate` read, and print into a CI log, files outside
    the repository: refused, whatever the plan folder holds."""
    root = repository_root(path)
    messages = []
    for key in PATH_KEYS:
        value = data.get(key)
        if not isinstance(value, str) or not value:
            continue
        relative = written_path(value)
        try:
            inside = relative is not None and (path.parent / relative).resolve().is_relative_to(
                root
            )
        except (OSError, RuntimeError, ValueError):  # a loop of links, a NUL byte
            inside = False
        if not inside:
            messages.append(
                f"{_where(loaded, (key,))} : la clé « {key} » désigne « {value} », hors du "
                f"dépôt {root} : un dossier nommé par la configuration doit être dans le dépôt"
            )
    return messages


def _build(path: Path, data: dict[str, Any]) -> Config:
    settings: dict[str, RuleSetting] = {}
    for rule_id, value in (data.get("regles") or {}).items():
        if isinstance(value, bool):
            settings[rule_id] = RuleSetting(enabled=value)
        elif isinstance(value, str):
            settings[rule_id] = RuleSetting(severity=Severity.parse(value))
        else:
            severity = value.get("severite")
            settings[rule_id] = RuleSetting(
                enabled=value.get("active", True),
                severity=Severity.parse(severity) if severity else None,
            )
    wanted = data.get("exigences") or {}
    directory = wanted.get("annuaire") or {}
    requirements = Requirements(
        categories=tuple(directory.get("categories", [])),
        entries=tuple(
            EntryRequirement(e["libelle"], e.get("categorie"), e.get("texte"), e.get("h24", False))
            for e in directory.get("entrees", [])
        ),
        sections=tuple(
            SectionRequirement(s["chemin"], s.get("libelle")) for s in wanted.get("sections", [])
        ),
    )
    reminders = data.get("rappels") or {}
    days = reminders.get("jours_avant", REMINDER_DAYS)
    strict = bool(data.get("strict", False))
    named = Blocking.parse(data["bloquant"]) if data.get("bloquant") else None
    blocking = effective(Blocking.ALL if strict else None, named) if strict or named else None
    folder = data.get("plan")
    relative = written_path(folder) if isinstance(folder, str) and folder else None
    plan_folder = path.parent / relative if relative is not None else None
    return Config(path, strict, settings, requirements, int(days), blocking, plan_folder)


@cache
def config_schema() -> dict[str, Any]:
    # importlib.resources (with tempfile, zipfile, random) only for a configuration file.
    from importlib import resources

    text = resources.files("cptsplan.schemas").joinpath("config.schema.json").read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


@cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(config_schema())


def _where(loaded: LoadedFile, path: JsonPath, key: bool = False) -> Location:
    """The key itself when asked and it has one, else the value, else the nearest parent."""
    position = (loaded.key_positions.get(path) if key else None) or loaded.value_positions.get(path)
    probe = path
    while position is None and probe:
        probe = probe[:-1]
        position = loaded.key_positions.get(probe)
    line, col = position or (1, 1)
    return Location(loaded.display, line, col)


def _describe(error: ValidationError, loaded: LoadedFile) -> list[str]:
    """A jsonschema error in plain French, prefixed with file:line:col."""
    path: JsonPath = tuple(error.absolute_path)
    name = format_path(path) or "le fichier"
    kind = error.validator
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = [key for key in error.instance if key not in allowed]
        return [
            f"{_where(loaded, (*path, extra), key=True)} : clé inconnue « {extra} » dans "
            f"{name}{_suggest(extra, allowed)}"
            for extra in extras
        ]
    if kind == "required":
        missing = error.message.split("'")[1]
        return [f"{_where(loaded, path, key=True)} : « {missing} » manque dans {name}"]
    if kind == "propertyNames":
        return [f"{_where(loaded, path, key=True)} : identifiant de règle mal formé dans {name}"]
    where = _where(loaded, path)
    if kind == "enum":
        allowed = [str(value) for value in error.validator_value]
        return [
            f"{where} : {name} : « {error.instance} » n'est pas permis ; valeurs possibles : "
            f"{', '.join(allowed)}{_suggest(str(error.instance), allowed)}"
        ]
    if kind == "type":
        expected = error.validator_value
        kinds = expected if isinstance(expected, list) else [expected]
        wanted = " ou ".join(_TYPES.get(t) or str(t) for t in kinds)
        return [f"{where} : {name} : on attend {wanted}"]
    if kind == "pattern":
        return [f"{where} : {name} : « {error.instance} » n'a pas la forme attendue"]
    if kind == "uniqueItems":
        return [f"{where} : {name} : la liste contient deux fois la même valeur"]
    if kind == "minLength":
        return [f"{where} : {name} : le texte est vide"]
    return [f"{where} : {name} : valeur non valide"]


_TYPES = {
    "boolean": "true ou false",
    "string": "du texte",
    "object": "une section (clé: valeur)",
    "array": "une liste",
}


def _suggest(value: str, allowed: list[str]) -> str:
    import difflib  # only for a mistake in the file: not on every run (0.7 ms)

    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    return f" (vouliez-vous dire « {close[0]} » ?)" if close else ""


def _unknown_rules(data: dict[str, Any], loaded: LoadedFile) -> list[str]:
    from cptsplan.rules.registry import rule_ids  # late import: the registry imports every rule

    rules = data.get("regles")
    if not isinstance(rules, dict):
        return []
    known = sorted(rule_ids())
    unknown = [rule_id for rule_id in rules if rule_id not in known]
    messages = [
        f"{_where(loaded, ('regles', rule_id), key=True)} : règle inconnue « {rule_id} »"
        + (_suggest(rule_id, known) or " (la liste : cptsplan rules)")
        for rule_id in unknown[:MAX_MESSAGES]
    ]
    if len(unknown) > MAX_MESSAGES:
        messages.append(f"… et {len(unknown) - MAX_MESSAGES} autres règles inconnues")
    return messages


class ConfigFinder:
    """One configuration per plan, each file read once per run; `--config` overrides."""

    def __init__(self, explicit: Path | None = None) -> None:
        self._explicit = load_config(explicit, named=True) if explicit else None
        self._cache: dict[Path, Config] = {}

    def for_plan(self, plan_path: Path) -> Config:
        if self._explicit is not None:
            return self._explicit
        found = find_config(plan_path)
        if found is None:
            return DEFAULT
        if found not in self._cache:
            self._cache[found] = load_config(found)
        return self._cache[found]
