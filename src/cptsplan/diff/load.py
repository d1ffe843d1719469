"""The two plans to compare: folders or files on disk, or the plan at a git revision.

A revision is read with `git show REV:path` into a temporary folder, never into the work
tree. The default base is the last version sent to the ARS: the latest transmission to a
directory entry of category `ars` gives a version, and the most recent commit in which
`document.version` had that value is the base.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cptsplan.diff.result import Side
from cptsplan.errors import UsageError
from cptsplan.findings.problems import Severity
from cptsplan.load.loader import load_file
from cptsplan.load.source import YAML_SUFFIXES, load_plan
from cptsplan.schema_check.format_check import format_problems

GIT_TIMEOUT = 30


def load_side(path: Path, display: str, revision: str | None = None) -> tuple[dict[str, Any], Side]:
    """The plan's merged data as written (typed by the schema, not converted: a draft that
    fails the schema is compared as it is) and what the report says about it."""
    if not path.exists():
        raise UsageError(f"chemin introuvable : {display}")
    try:
        source = load_plan(path, display)
    except OSError as error:
        raise UsageError(f"le plan {display} ne peut pas être lu ({error.strerror})") from error
    data = source.data
    errors = [p for p in source.problems if p.severity == Severity.ERROR]
    if not errors and data:
        errors = [p for p in format_problems(source).problems if p.severity == Severity.ERROR]
    document = data.get("document") if isinstance(data.get("document"), dict) else {}
    version = document.get("version") if isinstance(document, dict) else None
    side = Side(
        source=display,
        revision=revision,
        version=None if version is None else str(version),
        valid=not errors and bool(data),
        format_version=data.get("version_format"),
        unread=[loaded.display for loaded in source.files if loaded.data is None],
    )
    return data, side


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except FileNotFoundError as error:
        raise UsageError("git est introuvable sur cette machine", "installez git") from error
    except subprocess.TimeoutExpired as error:
        raise UsageError("git ne répond pas (plus de 30 secondes)") from error


def repository_path(plan: Path) -> tuple[Path, str]:
    """The repository's root and the plan's path inside it (with / separators)."""
    folder = plan if plan.is_dir() else plan.parent
    done = _git(folder, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise UsageError(
            f"{plan} n'est pas dans un dépôt git : impossible de lire une version précédente",
            "comparez deux dossiers : cptsplan diff ANCIEN NOUVEAU",
        )
    root = Path(done.stdout.decode().strip())
    try:
        inside = plan.resolve().relative_to(root.resolve())
    except ValueError as error:
        raise UsageError(f"{plan} est hors du dépôt git {root}") from error
    return root, inside.as_posix() if str(inside) != "." else ""


def _files_at(root: Path, inside: str, revision: str, is_dir: bool) -> list[str]:
    """The plan's YAML files at `revision` (paths inside the repository)."""
    check = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if check.returncode != 0:
        raise UsageError(
            f"révision git inconnue : {revision}",
            "exemples : HEAD~1, une étiquette (v2025) ou un identifiant de commit",
        )
    if not is_dir:
        return [inside]
    prefix = f"{inside}/" if inside else ""
    listed = _git(root, "ls-tree", "--name-only", revision, "--", prefix or ".")
    names = [line for line in listed.stdout.decode().splitlines() if line]
    return [
        name for name in names
        if name.endswith(YAML_SUFFIXES) and not name.rsplit("/", 1)[-1].startswith(".")
    ]  # fmt: skip


@contextmanager
def revision_folder(plan: Path, revision: str) -> Iterator[Path]:
    """A temporary copy of the plan's files at `revision` (a folder, or one file)."""
    root, inside = repository_path(plan)
    files = _files_at(root, inside, revision, plan.is_dir())
    with tempfile.TemporaryDirectory(prefix="cptsplan-diff-") as temporary:
        folder = Path(temporary) / "plan"
        folder.mkdir()
        written = 0
        for name in files:
            shown = _git(root, "show", f"{revision}:{name}")
            if shown.returncode == 0:
                (folder / name.rsplit("/", 1)[-1]).write_bytes(shown.stdout)
                written += 1
        if not written:
            raise UsageError(f"le plan {plan} n'existe pas à la révision {revision}")
        yield folder if plan.is_dir() else folder / files[0].rsplit("/", 1)[-1]


def sent_version(data: dict[str, Any]) -> str | None:
    """The version of the latest transmission to the ARS, or None."""
    directory = data.get("annuaire") if isinstance(data.get("annuaire"), list) else []
    ars = {
        entry.get("id")
        for entry in directory or []
        if isinstance(entry, dict) and entry.get("categorie") == "ars"
    }
    document = data.get("document")
    sent = document.get("transmissions") if isinstance(document, dict) else None
    best: tuple[str, str] | None = None
    for item in sent if isinstance(sent, list) else []:
        if not isinstance(item, dict) or item.get("version") is None:
            continue
        who = item.get("destinataire")
        if who in ars or (not ars and isinstance(who, str) and who.startswith("ars")):
            when = str(item.get("date", ""))
            if best is None or when > best[0]:
                best = (when, str(item["version"]))
    return best[1] if best else None


def default_base(plan: Path, data: dict[str, Any], document_file: str | None) -> tuple[str, str]:
    """(commit, version): the latest commit where the plan's version was the one sent."""
    version = sent_version(data)
    hint = "indiquez la version de base : cptsplan diff --depuis RÉVISION PLAN (ex. HEAD~1)"
    if version is None:
        raise UsageError("aucune transmission à l'ARS n'est inscrite dans le plan", hint)
    root, inside = repository_path(plan)
    if plan.is_dir() and document_file:
        target = f"{inside}/{document_file}" if inside else document_file
    else:
        target = inside
    log = _git(root, "log", "--format=%H", "--", target)
    for commit in log.stdout.decode().split():
        shown = _git(root, "show", f"{commit}:{target}")
        if shown.returncode == 0 and _version_in(shown.stdout) == version:
            return commit, version
    raise UsageError(
        f"la version {version}, transmise à l'ARS, n'est dans aucun commit de l'historique git",
        hint,
    )


def _version_in(content: bytes) -> str | None:
    # Through the plan loader (size, alias and depth limits), not yaml.safe_load: an old
    # revision is as untrusted as the working copy.
    with tempfile.TemporaryDirectory(prefix="cptsplan-diff-") as temporary:
        path = Path(temporary) / "document.yaml"
        path.write_bytes(content)
        loaded = load_file(path, "document.yaml").data
    document = loaded.get("document") if isinstance(loaded, dict) else None
    version = document.get("version") if isinstance(document, dict) else None
    return None if version is None else str(version)
