"""The plan repository `cptsplan init` creates: the skeleton's files, filled in, written safely.

The skeleton ships as package data (`cptsplan/skeleton/`). Existing files are never
overwritten: each one is kept and listed, the others are written. The plan skeleton is
written as a whole or not at all: if `plan/` already holds YAML files, none is added (a
half-added skeleton would duplicate sections).
"""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from cptsplan.repository.git import GitUnavailable, git_program, run_git

if TYPE_CHECKING:
    from cptsplan.repository.install_source import Source

PLAN_FOLDER = "plan"
MISSING = "A_COMPLETER"


def skeleton_files() -> dict[str, str]:
    """Relative path -> text of every skeleton file."""
    root = resources.files("cptsplan").joinpath("skeleton")
    files: dict[str, str] = {}

    def walk(node: Traversable, prefix: str) -> None:
        for child in node.iterdir():
            name = f"{prefix}{child.name}"
            if child.is_dir():
                walk(child, name + "/")
            elif not child.name.endswith((".pyc", ".pyo")):
                files[name] = child.read_text(encoding="utf-8")

    walk(root, "")
    return files


def repository_files(
    name: str, territory: str, today: date, source: Source | None = None
) -> dict[str, str]:
    """The skeleton with the CPTS name, territory, date and install source filled in, plus
    the schemas the editor mapping points to (copied so that editors work offline)."""
    from cptsplan.config.repository_config import config_schema
    from cptsplan.repository.install_source import skeleton_values
    from cptsplan.schema.publish import for_other_tools, published_fragment_schema

    title = f"Plan de préparation aux situations sanitaires exceptionnelles de la {name}"
    details = "géographie, population, particularités du territoire"
    # Not known yet (no answer at the question): one marker for the whole description.
    unknown = territory == MISSING or territory.startswith(f"{MISSING} ")
    description = (
        f"{MISSING} : territoire couvert, {details}"
        if unknown
        else f"{territory}. {MISSING} : {details}"
    )
    values = {
        "@@TITRE@@": json.dumps(title, ensure_ascii=False),
        "@@NOM@@": json.dumps(name, ensure_ascii=False),
        "@@TERRITOIRE@@": json.dumps(description, ensure_ascii=False),
        "@@DATE@@": today.isoformat(),
        "@@NOM_TEXTE@@": name,
        **skeleton_values(source),
    }
    files = {}
    for path, text in skeleton_files().items():
        for marker, value in values.items():
            text = text.replace(marker, value)
        files[path] = text
    for path, schema in (
        ("schemas/plan-fragment.schema.json", published_fragment_schema()),
        ("schemas/config.schema.json", for_other_tools(config_schema())),
    ):
        files[path] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return files


def blocking_file(folder: Path, relatives: list[str]) -> Path | None:
    """A regular file standing where a folder must be (the folder itself, one of its
    parents, or `plan/`), so that nothing is written rather than half the skeleton."""
    probes = {folder, *folder.parents}
    for relative in relatives:
        probes.update((folder / relative).parents)
    return next(
        (p for p in sorted(probes) if p.exists() and not p.is_dir() and p != Path(".")), None
    )


def write_files(folder: Path, files: dict[str, str]) -> tuple[list[str], list[str]]:
    """Write what does not exist yet; return (written, kept) relative paths."""
    from cptsplan.errors import RenderingError, UsageError
    from cptsplan.files.output import create_new

    blocking = blocking_file(folder, list(files))
    if blocking is not None:
        raise UsageError(
            f"{blocking} existe et n'est pas un dossier : le dépôt ne peut pas être créé ici",
            "choisissez un autre dossier, ou renommez ce fichier",
        )
    plan_folder = folder / PLAN_FOLDER
    plan_exists = plan_folder.is_dir() and any(
        child.suffix in (".yaml", ".yml") for child in plan_folder.iterdir()
    )
    written: list[str] = []
    kept: list[str] = []
    for relative, text in sorted(files.items()):
        target = folder / relative
        in_plan = relative.startswith(f"{PLAN_FOLDER}/")
        if target.exists() or (in_plan and plan_exists):
            kept.append(relative)
            continue
        try:
            # Whole or absent (files/output.py): a cut file would be kept by the next init.
            created = create_new(target, text.encode("utf-8"))
        except RenderingError as error:
            raise RenderingError(
                error.message,
                "vérifiez les droits d'écriture et la place disponible ; les fichiers déjà "
                "créés sont complets et gardés, relancez « cptsplan init » une fois corrigé",
            ) from None
        (written if created else kept).append(relative)
    return written, kept


# -- The first commit -----------------------------------------------------------------------

FIRST_COMMIT = "Plan SSE : dépôt créé par cptsplan init"
GIT_TIMEOUT = 60
"""Seconds for one git call: `git init`, `add` and `commit` of a few files take well under
one; a stuck credential helper or a network share must not hold `init` forever."""


class GitAnswer(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


def _git(folder: Path, *args: str, identity: bool = False) -> GitAnswer:
    """One git call in `folder` through repository.git (no hooks, no filesystem monitor, no
    pager, no prompt: nothing the folder holds runs), without a signing prompt that would
    hold `init`. `identity` lends a committer name to a user who has none configured (the
    commit says who made it)."""
    settings = ["-c", "commit.gpgSign=false"]
    if identity:
        settings += ["-c", "user.name=cptsplan", "-c", "user.email=cptsplan@localhost"]
    done = run_git(folder, *settings, *args, timeout=GIT_TIMEOUT)
    return GitAnswer(
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


def start_history(
    folder: Path, written: list[str], message: str = FIRST_COMMIT, kept: int = 0
) -> str:
    """`git init` and a first commit of the files `init` wrote (never of anything else the
    folder held), when git is installed and the folder is not already in a repository.
    `kept`: how many files were already there (not committed here: a second `init` once
    git is installed must say they still are to commit). Returns what to tell the user;
    never raises: the files are written either way."""
    if git_program() is None:
        return (
            "git n'est pas installé : le dépôt n'a pas d'historique. Installez Git "
            "(https://git-scm.com/download/win sous Windows), puis, dans le dossier "
            f'{folder} : « git init », « git add . », « git commit -m "{message}" ». '
            "« cptsplan update » et « cptsplan diff » en ont besoin."
        )
    lend = False
    try:
        inside = _git(folder, "rev-parse", "--is-inside-work-tree")
        if inside.returncode == 0 and inside.stdout.strip() == "true":
            return (
                "dossier déjà suivi par git : aucun commit n'est fait à votre place ; "
                "enregistrez les fichiers créés avec « git add » puis « git commit »."
            )
        done = _git(folder, "init", "-q")
        if done.returncode == 0 and written:
            done = _git(folder, "add", "--", *written)
        if done.returncode == 0 and written:
            lend = not _has_identity(folder)
            done = _git(folder, "commit", "-q", "-m", message, identity=lend)
    except GitUnavailable as error:
        return (
            f"git n'a pas pu créer l'historique ({error.message}) : lancez « git init » vous-même."
        )
    if done.returncode != 0:
        detail = (done.stderr.strip().splitlines() or ["erreur inconnue"])[-1]
        return (
            f"git n'a pas pu créer l'historique ({detail}) : lancez vous-même « git init », "
            f"« git add . » et « git commit » dans {folder}."
        )
    unrecorded = (
        f" ; les {kept} fichier(s) déjà présents ne sont pas enregistrés à votre place : "
        f'relisez-les, puis « git add -A » et « git commit -m "{message}" » dans {folder}'
        if kept
        else ""
    )
    if not written:
        return f"dépôt git créé, sans commit{unrecorded or ' (aucun fichier à enregistrer)'}."
    note = "dépôt git créé, premier commit fait"
    if lend:
        note += (
            " au nom de « cptsplan » (aucune identité git n'est réglée : « git config "
            '--global user.name "Prénom Nom" » et « git config --global user.email '
            "adresse@exemple.fr » pour les suivants)"
        )
    return note + unrecorded + "."


def _has_identity(folder: Path) -> bool:
    return all(
        _git(folder, "config", "--get", key).stdout.strip() for key in ("user.name", "user.email")
    )
