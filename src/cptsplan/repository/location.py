"""Which plan a path names: the one rule every command that takes a plan follows.

A YAML file is a plan. A folder is read as `cptsplan init` lays a repository out: the folder
its own `.cptsplan.yaml` names (`plan:`), else its `plan/` folder when that holds YAML files,
else the folder itself when it holds YAML files. Anything else holds no plan, and the
commands say so in those words rather than failing later on a wrong reason (a schema
error on a repository root, « no transmission » on the wrong folder).

The repository folder (`home`) is where default documents go (`home/build/`): the folder
holding `.cptsplan.yaml` when it names this plan, else the folder given.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

from cptsplan.config.repository_config import find_config, load_config
from cptsplan.errors import ConfigurationError, UsageError
from cptsplan.findings.records import record
from cptsplan.load.source import plan_files

PLAN_FOLDER = "plan"
"""The folder `cptsplan init` writes the plan's files in."""


@record(frozen=True)
class PlanLocation:
    """- `plan`: what the commands read: a YAML file, or a folder of YAML files (shown as the
      user would write it from the path given);
    - `home`: the repository folder: its `build/` receives the documents written by default."""

    __slots__ = ("home", "plan")

    def __init__(self, plan: Path, home: Path) -> None:
        self.plan: Final = plan
        self.home: Final = home


def locate_plan(path: Path) -> PlanLocation:
    """The plan `path` names (see the module's docstring). UsageError (exit 2) when the path
    does not exist or a folder holds no plan; ConfigurationError (exit 3) when its
    `.cptsplan.yaml` is wrong or names a folder outside the repository."""
    if not path.exists():
        raise UsageError(f"chemin introuvable : {path}")
    if not path.is_dir():
        return PlanLocation(path, path.parent)
    inner = names_a_plan(path)
    if inner is not None:
        return PlanLocation(inner, path)
    if may_hold_a_plan(path):
        return PlanLocation(path, _home_of(path))
    raise UsageError(
        f"aucun plan dans le dossier {path} : ni .cptsplan.yaml qui nomme le dossier du plan "
        f"(« plan: »), ni dossier {PLAN_FOLDER}/ contenant des fichiers .yaml, ni fichier "
        ".yaml dans ce dossier",
        "donnez le dossier créé par « cptsplan init », le dossier des fichiers .yaml du plan, "
        "ou un fichier .yaml ; « cptsplan init DOSSIER » crée un plan à remplir",
    )


def names_a_plan(folder: Path) -> Path | None:
    """The plan folder a repository folder names: its `.cptsplan.yaml`'s `plan:`, else its
    `plan/` when that holds YAML files; None for any other folder."""
    configured = configured_plan(folder, upward=False)
    if configured is not None:
        return configured
    nested = folder / PLAN_FOLDER
    return nested if nested.is_dir() and may_hold_a_plan(nested) else None


def configured_plan(folder: Path, *, upward: bool) -> Path | None:
    """The `plan:` folder of the `.cptsplan.yaml` in `folder` (or, with `upward`, the nearest
    one above it, as `validate` run without a path looks), shown relative to `folder`. The
    folder must lie inside the configuration's own folder: a plan from someone else never
    makes cptsplan read elsewhere."""
    found = find_config(folder)
    if found is None or (not upward and found.parent != folder.resolve()):
        return None
    named = load_config(found).plan_folder
    if named is None:
        return None
    if not named.resolve().is_relative_to(found.parent.resolve()):
        raise ConfigurationError(
            f"{found} : le dossier du plan (« plan: ») {named} est hors du dépôt",
            "écrivez un dossier du dépôt, par exemple « plan: plan »",
        )
    _check_spelling(found, named)
    return _shown_from(named, folder)


def _check_spelling(config: Path, named: Path) -> None:
    """The `plan:` folder must exist, spelt as on the disk. Windows (and macOS) find `Plan`
    when the folder is `plan/`: the plan validates there, then the CI, on Linux, finds no
    such folder. Refused on every system (exit 3), with the disk's spelling."""
    current, differs = config.parent, False
    # `..` taken away as the check inside the repository did, without the disk's spelling
    # (resolve() on Windows would give it, and hide the mistake).
    for part in Path(os.path.normpath(named.relative_to(config.parent))).parts:
        if part in (".", "..") or (current / part).is_symlink():
            current = current / part
            continue
        try:
            names = os.listdir(current)
        except OSError:  # unreadable: the command reading the plan says why
            return
        if part not in names:
            same = [name for name in names if name.casefold() == part.casefold()]
            if len(same) != 1:
                raise ConfigurationError(
                    f"{config} : le dossier du plan (« plan: ») {named} n'existe pas",
                    "écrivez le dossier des fichiers .yaml du plan, relatif à ce fichier, "
                    "par exemple « plan: plan »",
                )
            part, differs = same[0], True
        current = current / part
    if differs:
        shown = current.relative_to(config.parent).as_posix()
        raise ConfigurationError(
            f"{config} : le dossier du plan (« plan: ») {named} s'écrit « {shown} » sur le "
            "disque : les majuscules et les minuscules comptent hors de Windows (intégration "
            "continue, Linux, macOS)",
            f"écrivez « plan: {shown} » dans {config.name}",
        )


def _home_of(plan_folder: Path) -> Path:
    """The repository whose `.cptsplan.yaml` names `plan_folder` (`render mon-plan/plan`
    writes into `mon-plan/build/` as `render mon-plan` does), else the plan folder."""
    try:
        found = find_config(plan_folder)
        named = load_config(found).plan_folder if found is not None else None
    except ConfigurationError:  # reported by the command that reads the configuration
        return plan_folder
    if found is None or named is None or named.resolve() != plan_folder.resolve():
        return plan_folder
    return _shown_from(found.parent, plan_folder)


def _shown_from(target: Path, folder: Path) -> Path:
    """`target` as the user would write it from `folder` (messages and reports name files
    by this path): `mon-plan/plan`, not an absolute path."""
    try:
        relative = folder / os.path.relpath(target.resolve(), folder.resolve())
    except ValueError:  # Windows: another drive has no relative path
        return target.resolve()
    shown = Path(os.path.normpath(relative))
    return shown if shown.resolve() == target.resolve() else target.resolve()


def may_hold_a_plan(folder: Path) -> bool:
    """Whether `folder` holds YAML files, or cannot be read: the command that reads the plan
    then says why."""
    try:
        return bool(plan_files(folder))
    except OSError:  # unreadable: the command reading the plan says so with the reason
        return True
