"""The two plans to compare: folders or files on disk, or the plan at a git revision.

A revision is read with one `git cat-file --batch` into a temporary folder, never into the work
tree. The default base is the last version sent to the ARS: the latest transmission to a
directory entry of category `ars` gives a version, and the most recent commit in which
`document.version` had that value is the base.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

from cptsplan.diff.history import (
    NEVER_COMMITTED,
    SHALLOW_HINT,
    VERSION_NAME,
    VersionFound,
    exists_at,
    find_version,
    former_path,
    is_shallow,
    read_objects,
)
from cptsplan.diff.result import Side
from cptsplan.errors import UsageError
from cptsplan.files.processes import private_folder
from cptsplan.findings.problems import Severity
from cptsplan.findings.records import record
from cptsplan.load.loader import MAX_FILE_BYTES, LoadedFile
from cptsplan.load.source import YAML_SUFFIXES, PlanSource, load_plan
from cptsplan.messages.categories import category_of
from cptsplan.repository.git import nearest_dotgit, run_git
from cptsplan.schema_check.format_check import format_problems

MAX_REVISION_FILES = 5_000
"""Plan files read at a revision (a plan has about ten; the working-tree loader reads every
file of the folder, so this only stops a revision made to cost minutes)."""
MAX_REVISION_BYTES = 10 * MAX_FILE_BYTES
"""Bytes read at a revision, all files together."""


def load_side(
    path: Path,
    display: str,
    revision: str | None = None,
    reuse: Mapping[bytes, LoadedFile] | None = None,
    *,
    check: bool = True,
) -> tuple[dict[str, Any], Side]:
    """The plan's merged data as written (typed by the schema, not converted: a draft that
    fails the schema is compared as it is) and what the report says about it. `reuse`: the
    other side's files, taken again where this side has the same bytes (load_plan);
    `check`: False to leave its format unchecked (Side.valid None)."""
    source = read_plan(path, display, reuse)
    return source.data, side_of(source, display, revision, check=check)


def read_plan(
    path: Path, display: str, reuse: Mapping[bytes, LoadedFile] | None = None
) -> PlanSource:
    """The plan at `path`, a usage error (2) if it is missing or cannot be listed."""
    if not path.exists():
        raise UsageError(f"chemin introuvable : {display}")
    try:
        return load_plan(path, display, reuse=reuse)
    except OSError as error:
        raise UsageError(f"le plan {display} ne peut pas être lu ({error.strerror})") from error


def side_of(
    source: PlanSource,
    display: str,
    revision: str | None = None,
    valid: bool | None = None,
    *,
    check: bool = True,
) -> Side:
    """What the report says about one side; `valid`: whether it passed the format check,
    when the caller knows (else checked here, unless `check` is False)."""
    data = source.data
    if valid is None and check:
        errors = [p for p in source.problems if p.severity == Severity.ERROR]
        if not errors and data:
            errors = [p for p in format_problems(source).problems if p.severity == Severity.ERROR]
        valid = not errors
    document = data.get("document") if isinstance(data.get("document"), dict) else {}
    version = document.get("version") if isinstance(document, dict) else None
    return Side(
        source=display,
        revision=revision,
        version=None if version is None else str(version),
        valid=None if valid is None else valid and bool(data),
        format_version=data.get("version_format"),
        unread=[loaded.display for loaded in source.files if loaded.data is None],
    )


_ROOTS: dict[tuple[str, str], Path] = {}
"""Repository roots git gave, by folder and the `.git` found above it: `update` asks twice
(the version sent, then its files), and the answer cannot change between the two."""


def repository_path(plan: Path) -> tuple[Path, str]:
    """The repository's root and the plan's path inside it (with / separators)."""
    folder = plan if plan.is_dir() else plan.parent
    key = (str(folder.resolve()), str(nearest_dotgit(folder)))
    root = _ROOTS.get(key)
    if root is None:
        done = run_git(folder, "rev-parse", "--show-toplevel")
        if done.returncode != 0:
            raise UsageError(
                f"{plan} n'est pas dans un dépôt git : impossible de lire une version précédente",
                "comparez deux dossiers : cptsplan diff ANCIEN NOUVEAU",
            )
        root = _ROOTS[key] = Path(done.stdout.decode().strip())
    try:
        inside = plan.resolve().relative_to(root.resolve())
    except ValueError as error:
        raise UsageError(f"{plan} est hors du dépôt git {root}") from error
    return root, inside.as_posix() if str(inside) != "." else ""


@record(frozen=True)
class TreeEntry:
    """`name`: the path inside the repository."""

    __slots__ = ("name", "object_id", "size")

    def __init__(self, name: str, object_id: str, size: int) -> None:
        self.name: Final = name
        self.object_id: Final = object_id
        self.size: Final = size


_OBJECT_NAME = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def _commit(root: Path, revision: str, plan: Path | None = None, known: bool = False) -> str:
    """The commit `revision` names. `known`: a full commit name git itself just gave (the
    commit of the version sent, found in its log), not asked again (one git process less
    for every `update` and `diff`)."""
    if known and _OBJECT_NAME.fullmatch(revision):
        return revision
    if revision.startswith("-"):  # an option to git, not a revision
        raise UsageError(f"révision git non valide : {revision}")
    check = run_git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if check.returncode != 0:
        raise UsageError(f"révision git inconnue : {revision}", _unknown_hint(root, revision, plan))
    return check.stdout.decode().strip()


def _unknown_hint(root: Path, revision: str, plan: Path | None) -> str:
    """What to do about a revision git does not know: fetch the history (a shallow clone),
    or name the commit where the plan had that version (a tag never made)."""
    if is_shallow(root):
        return SHALLOW_HINT
    if run_git(root, "rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
        return NEVER_COMMITTED
    named = VERSION_NAME.match(revision)
    if named and plan is not None:
        found = version_commit(plan, named.group(1), document_file_of(plan))
        if found is not None:
            short = found[:12]
            return (
                f"aucune étiquette {revision} dans ce dépôt ; la version {named.group(1)} du "
                f"plan est au commit {short} (le dernier où document.version valait "
                f"{named.group(1)}) : --depuis {short}, ou créez l'étiquette une fois pour "
                f"toutes : git tag {revision} {short}"
            )
    ancestor = re.fullmatch(r"HEAD(?:~(\d*)|\^+)", revision)
    if ancestor is not None:  # HEAD~1 on a repository with one commit (the day of `init`)
        counted = run_git(root, "rev-list", "--count", "HEAD").stdout.decode().strip()
        if counted.isdigit():
            how_many = "qu'un commit" if counted == "1" else f"que {counted} commits"
            return (
                f"le dépôt n'a {how_many} : {revision} remonte plus "
                "loin ; « git log --oneline » liste les commits, « git tag » les étiquettes"
            )
    return (
        "exemples : HEAD~1, une étiquette (v2025) ou un identifiant de commit ; « git log "
        "--oneline » liste les commits, « git tag » les étiquettes"
    )


def document_file_of(plan: Path) -> str | None:
    """The name of the plan file that holds `document` (a cheap look at the top-level keys:
    only to suggest a commit in a message)."""
    if not plan.is_dir():
        return None
    for path in sorted(plan.iterdir()):
        if path.suffix in YAML_SUFFIXES and path.is_file():
            try:
                with path.open("rb") as file:
                    head = file.read(MAX_FILE_BYTES)
            except OSError:
                continue
            if re.search(rb"^document[ \t]*:", head, re.MULTILINE):
                return path.name
    return None


def _files_at(root: Path, inside: str, commit: str, is_dir: bool) -> tuple[list[TreeEntry], int]:
    """The plan's YAML files at `commit` that are read, and how many others are not: the
    loader's limits (MAX_FILE_BYTES a file), MAX_REVISION_FILES files, MAX_REVISION_BYTES in
    all, regular files only (a link's target is not the plan's)."""
    target = inside if not is_dir else (f"{inside}/" if inside else ".")
    listed = run_git(root, "ls-tree", "-l", "-z", commit, "--", target)
    entries: list[TreeEntry] = []
    skipped = total = 0
    for listed_entry in listed.stdout.split(b"\0"):
        meta, _, raw_name = listed_entry.partition(b"\t")
        fields = meta.split()
        name = raw_name.decode("utf-8", "replace")
        base = name.rsplit("/", 1)[-1]
        if len(fields) != 4 or not base.endswith(YAML_SUFFIXES) or base.startswith("."):
            continue
        mode, kind, object_id, size = fields
        readable = kind == b"blob" and mode in (b"100644", b"100755") and size.isdigit()
        bytes_ = int(size) if size.isdigit() else 0
        if (
            not readable
            or bytes_ > MAX_FILE_BYTES
            or len(entries) >= MAX_REVISION_FILES
            or total + bytes_ > MAX_REVISION_BYTES
        ):
            skipped += 1
            continue
        total += bytes_
        entries.append(TreeEntry(name, object_id.decode(), bytes_))
    return entries, skipped


@record(frozen=True)
class Revision:
    """A plan's files at a revision, copied into a temporary folder: `path`, the folder (or
    the one file) to load; `skipped`, files of the plan at that revision that were not read
    (limits, links); `moved_from`, where the plan was at that revision when it has been
    moved or renamed since."""

    __slots__ = ("moved_from", "path", "skipped")

    def __init__(self, path: Path, skipped: int = 0, moved_from: str | None = None) -> None:
        self.path: Final = path
        self.skipped: Final = skipped
        self.moved_from: Final = moved_from

    def note(self, revision: str) -> str | None:
        if not self.skipped:
            return None
        return (
            f"{self.skipped} fichier(s) du plan à la révision {revision} n'ont pas été lus "
            f"(liens, fichiers de plus de {MAX_FILE_BYTES // (1024 * 1024)} Mo, ou au-delà de "
            f"{MAX_REVISION_FILES} fichiers) : leurs sections manquent à la comparaison"
        )


@contextmanager
def revision_folder(
    plan: Path, revision: str, known: bool = False, commit: str | None = None
) -> Iterator[Revision]:
    """A temporary copy of the plan's files at `revision` (a folder, or one file). `known`:
    `revision` comes from git's own answer (`default_base`), not from the user; `commit`:
    the commit it names, when git has already said it (a tag's, found with its files)."""
    root, inside = repository_path(plan)
    commit = commit or _commit(root, revision, plan, known)
    moved = None
    files, skipped = _files_at(root, inside, commit, plan.is_dir())
    if not files and not skipped and not exists_at(root, commit, inside):
        # Moved or renamed since (plan/ → plan-sse/): git's rename detection says from where.
        moved = former_path(root, commit, inside, plan.is_dir())
        if moved is not None:
            files, skipped = _files_at(root, moved, commit, plan.is_dir())
    contents = read_objects(root, [entry.object_id for entry in files])
    # A private folder (0700: the old plan holds personal contacts), removed on SIGTERM too,
    # and a full temporary disk said in French (exit 4), not a traceback.
    with private_folder("cptsplan-diff-") as temporary:
        folder = Path(temporary) / "plan"
        folder.mkdir()
        written = 0
        for entry, content in zip(files, contents, strict=True):
            if content is not None:
                (folder / entry.name.rsplit("/", 1)[-1]).write_bytes(content)
                written += 1
        if not written:
            raise UsageError(
                f"le plan {plan} n'existe pas à la révision {revision}",
                "s'il était dans un autre dossier à cette révision, comparez les deux "
                f"dossiers : git worktree add ../ancien {revision}, puis cptsplan diff "
                f"../ancien/DOSSIER {plan}",
            )
        shown = folder if plan.is_dir() else folder / files[0].name.rsplit("/", 1)[-1]
        yield Revision(shown, skipped, moved)


def sent_version(data: dict[str, Any]) -> str | None:
    """The version of the latest transmission to the ARS, or None."""
    directory = data.get("annuaire") if isinstance(data.get("annuaire"), list) else []
    ars = {
        entry.get("id")
        for entry in directory or []
        if isinstance(entry, dict) and category_of(entry) == "ars"
    }
    document = data.get("document")
    sent = document.get("transmissions") if isinstance(document, dict) else None
    best: tuple[tuple[int, ...], str, str] | None = None
    for item in sent if isinstance(sent, list) else []:
        if not isinstance(item, dict) or item.get("version") is None:
            continue
        who = item.get("destinataire")
        if who in ars or (not ars and isinstance(who, str) and who.startswith("ars")):
            # The highest version sent, not the latest line or date: two versions sent the
            # same day, or a date still « A_COMPLETER » (which sorts after every digit),
            # must not bring back the older one. The date only orders what the numbers
            # cannot (versions that are not numbers).
            version = str(item["version"])
            when = str(item.get("date", ""))
            key = (_number(version), when if _ISO_DAY.match(when) else "", version)
            if best is None or key > best:
                best = key
    return best[2] if best else None


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _number(version: str) -> tuple[int, ...]:
    """« 2.10 » → (2, 10); () for a version that is not made of numbers."""
    parts = version.strip().split(".")
    return tuple(int(part) for part in parts) if all(p.isdigit() for p in parts) else ()


def default_base(
    plan: Path, data: dict[str, Any], document_file: str | None
) -> tuple[VersionFound, str]:
    """(where, version): where the plan's version was the one last sent to the ARS (its tag
    when the coordinator made one on a commit with that version, else the latest commit with
    it), and that version."""
    version = sent_version(data)
    hint = "indiquez la version de base : cptsplan diff --depuis RÉVISION PLAN (ex. HEAD~1)"
    if version is None:
        raise UsageError("aucune transmission à l'ARS n'est inscrite dans le plan", hint)
    root, inside = repository_path(plan)
    target = _document_target(plan, inside, document_file)
    folder = inside if plan.is_dir() else None
    found = find_version(root, target, folder, version, tags=True)
    if found is not None:
        return found, version
    if is_shallow(root):
        hint = SHALLOW_HINT
    elif (
        not run_git(root, "log", "-1", "--format=%H", "--", inside or ".").stdout.strip()
        and former_path(root, "HEAD", inside, plan.is_dir()) is None  # not merely renamed
    ):
        hint = NEVER_COMMITTED
    raise UsageError(
        f"la version {version}, transmise à l'ARS, n'est dans aucun commit de l'historique git",
        hint,
    )


def version_commit(plan: Path, version: str, document_file: str | None) -> str | None:
    """The latest commit where the plan's `document.version` was `version`, or None."""
    root, inside = repository_path(plan)
    target = _document_target(plan, inside, document_file)
    folder = inside if plan.is_dir() else None
    found = find_version(root, target, folder, version, tags=False)
    return None if found is None else found.commit


def _document_target(plan: Path, inside: str, document_file: str | None) -> str:
    """The path, in the repository, whose history says the plan's version: its file with
    `document:` in a plan folder, else the plan itself."""
    if plan.is_dir() and document_file:
        return f"{inside}/{document_file}" if inside else document_file
    return inside
