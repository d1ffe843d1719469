"""Where a plan was in its repository's history, as coordinators' repositories really are.

A plan folder gets renamed (`plan/` → `plan-sse/`), its document file too; a CI job clones
one commit (`git clone --depth 1`); a coordinator never tags the version sent. These
helpers find the plan at an older commit through git's rename detection, and say why an
older version cannot be found when the history is cut, instead of « nothing found ».
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Final

from cptsplan.findings.records import record
from cptsplan.load.loaded import LoadedFile
from cptsplan.load.loader import MAX_FILE_BYTES, load_bytes
from cptsplan.load.source import YAML_SUFFIXES
from cptsplan.repository.git import run_git

MAX_COMMITS = 2_000
"""Commits searched for the version last sent to the ARS (ten years of weekly changes)."""
GREP_CHUNK = 100
"""Commits given to one `git grep` (about 4,100 characters of command line)."""

VERSION_NAME = re.compile(r"^[vV]?(\d+(?:\.\d+)*)$")
"""A revision written like a plan version (`v2.1`, `2.1`): a tag the coordinator meant to
make, whose commit can be found from `document.version`."""


def is_shallow(root: Path) -> bool:
    """Whether the repository holds only part of its history (`git clone --depth N`)."""
    done = run_git(root, "rev-parse", "--is-shallow-repository")
    return done.returncode == 0 and done.stdout.strip() == b"true"


SHALLOW_HINT = (
    "ce dépôt est une copie partielle de l'historique (clone superficiel « git clone "
    "--depth 1 », ce que fait l'intégration continue par défaut) : les versions plus "
    "anciennes n'y sont pas ; récupérez l'historique (git fetch --unshallow --tags ; en CI, "
    "un clone complet : fetch-depth: 0 ou GIT_DEPTH: 0), puis relancez"
)

NEVER_COMMITTED = (
    "le plan n'a encore jamais été enregistré dans git : il n'y a pas de version précédente "
    'à comparer ; enregistrez-le (git add -A, puis git commit -m "Version 1.0"), ou '
    "comparez deux dossiers : cptsplan diff ANCIEN NOUVEAU"
)


def exists_at(root: Path, commit: str, path: str) -> bool:
    """Whether `path` (a file or a folder, inside the repository) exists at `commit`."""
    if not path:
        return True
    done = run_git(root, "cat-file", "-e", f"{commit}:{path}")
    return done.returncode == 0


def renames(root: Path, commit: str) -> list[tuple[str, str]]:
    """(old path, new path) of each file git sees renamed since `commit` (rename detection
    over the whole tree: computed once for the callers of `former_path`)."""
    listed = run_git(
        root, "diff", "--no-ext-diff", "--no-textconv", "-M", "--name-status", "-z", commit, "--"
    )
    if listed.returncode != 0:
        return []
    fields = listed.stdout.decode("utf-8", "replace").split("\0")
    moved: list[tuple[str, str]] = []
    index = 0
    while index < len(fields):
        status = fields[index]
        if status.startswith(("R", "C")) and index + 2 < len(fields):
            if status.startswith("R"):  # a copy leaves the original where it was
                moved.append((fields[index + 1], fields[index + 2]))
            index += 3
        else:
            index += 2
    return moved


def former_path(
    root: Path,
    commit: str,
    inside: str,
    is_dir: bool,
    moved: list[tuple[str, str]] | None = None,
) -> str | None:
    """Where the plan now at `inside` was at `commit`, when it was moved or renamed since:
    the folder most of its files came from (a folder renamed, some files merged or split),
    or the file it was renamed from. None when git sees no such move. `moved`: `renames`
    of `commit`, when the caller has it already."""
    origins: Counter[str] = Counter()
    for old, new in renames(root, commit) if moved is None else moved:
        if not is_dir and new == inside:
            return old
        if is_dir and _under(new, inside):
            origins[old.rsplit("/", 1)[0] if "/" in old else ""] += 1
    for folder, _ in origins.most_common():
        if folder != inside and exists_at(root, commit, folder):
            return folder
    return None


def _under(path: str, folder: str) -> bool:
    return not folder or path.startswith(f"{folder}/")


def followed(root: Path, target: str, max_count: int) -> list[tuple[str, str]]:
    """(commit, path of `target` at that commit), newest first, following the file through
    its renames (`git log --follow`): the document file of a plan whose folder was renamed
    is found in the commits before the rename."""
    log = run_git(
        root, "log", "--no-ext-diff", "--no-textconv", "--follow", "--name-only", "-z",
        f"--max-count={max_count}", "--format=%x01%H", "--", target,
    )  # fmt: skip
    found: list[tuple[str, str]] = []
    path = target
    for chunk in log.stdout.decode("utf-8", "replace").split("\x01")[1:]:
        commit, _, rest = chunk.partition("\0")
        named = rest.strip("\n").split("\0")[0].strip("\n")
        path = named or path  # a merge lists no name: the file kept its newer one
        found.append((commit.strip(), path))
    return found


TAG_NAME = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,99}")
"""A version that can be a tag's name as written (no space, colon, glob or line break): only
then are the tags `v<version>` and `<version>` looked for (the version is the plan's text)."""


@record(frozen=True)
class VersionFound:
    """Where the plan had a version: `revision`, what the report calls it (the tag the
    coordinator made, else the commit); `commit`, its commit; `document`, the file holding
    `document` there as read while searching (the reading of that revision takes it again
    instead of parsing it twice), None when it was not read."""

    __slots__ = ("also_tagged", "commit", "document", "revision")

    def __init__(
        self,
        revision: str,
        commit: str,
        document: LoadedFile | None = None,
        also_tagged: str | None = None,
    ) -> None:
        self.revision: Final = revision
        self.commit: Final = commit
        self.document: Final = document
        self.also_tagged: Final = also_tagged
        """Another tag naming the same version on another commit (`2.1` beside `v2.1`):
        which of the two was sent, only the coordinator knows."""


def find_version(
    root: Path, target: str, folder: str | None, version: str, *, tags: bool, moved: bool = True
) -> VersionFound | None:
    """The latest place where the plan's `document.version` was `version`, or None:
    - with `tags`, the tag `<version>` or `v<version>` (the README's `git tag v2.1`) when
      `target` has that version there: edits committed after the sending while the number
      was still 2.1 (the ARS's answer, a correction) are then shown, not taken for the
      version sent;
    - else the latest commit where `target` (the file holding `document`, or a one-file
      plan), followed through its renames, had it: a plan folder renamed (plan/ → plan-sse/)
      in the commit that started the new version has its version sent only under the old
      name;
    - else, in a plan folder (`folder`), the latest where any of its YAML files had it (the
      `document` section moved to another file in the commit that started the new version).
    A plan renamed and not committed yet (`git mv plan plan-sse`, then `update`) is looked
    for under its last committed name (`moved`: not looked for again).

    Three git processes in the usual case, whatever the length of the history: the log, one
    `cat-file --batch-check` (the tags, whether `target` is at HEAD, every size) and one
    `cat-file --batch` (the contents within the loader's size limit)."""
    if "\n" in target:  # cat-file reads one name a line: such a path cannot be asked
        return None
    # `v2.1` first: the README's and the docs' `git tag v2.1`.
    names = [f"v{version}", version] if tags and TAG_NAME.fullmatch(version) else []
    history = _history(root, target)
    # The file at the tag under each name it had: a plan folder renamed since the sending
    # (plan/ → plan-sse/) has its tagged version under the old name only.
    paths = list(dict.fromkeys([target, *(path for _, path in history)])) if names else []
    asked = [f"refs/tags/{name}^{{commit}}" for name in names]
    asked += [f"refs/tags/{name}:{path}" for name in names for path in paths]
    tags_end = len(asked)
    asked += [f"HEAD:{target}", *(f"{commit}:{path}" for commit, path in history)]
    sizes = _sizes(root, asked)
    tag_commits = dict(zip(names, sizes[: len(names)], strict=True))
    # Only a tag that names a commit (one on a tree or a blob names no version sent).
    tag_files = [
        (name, next((s for s in sizes[start : start + len(paths)] if s is not None), None))
        for name, start in zip(names, range(len(names), tags_end, len(paths) or 1), strict=True)
        if tag_commits[name] is not None
    ]
    tagged = [
        (name, document, tag_commit[0])
        for name, document in _all_with(root, tag_files, version)
        if (tag_commit := tag_commits[name]) is not None
    ]
    if tagged:
        first, document, first_commit = tagged[0]
        other = next((n for n, _, c in tagged[1:] if c != first_commit), None)
        return VersionFound(first, first_commit, document, other)
    at_head = sizes[tags_end]
    if target and at_head is None and moved:
        renamed = renames(root, "HEAD")
        former = former_path(root, "HEAD", target, False, renamed) or target
        former_folder = folder
        if folder is not None:
            former_folder = former_path(root, "HEAD", folder, True, renamed) or folder
        if (former, former_folder) != (target, folder):
            return find_version(root, former, former_folder, version, tags=False, moved=False)
    commits = [commit for commit, _ in history]
    found = _first_with(
        root, list(zip(commits, sizes[len(asked) - len(history) :], strict=True)), version
    )
    if found is not None:
        return VersionFound(found[0], found[0], found[1])
    if folder is None:
        return None
    commit = _first_with_version(root, _document_files(root, folder), version)
    return None if commit is None else VersionFound(commit, commit)


def _history(root: Path, target: str) -> list[tuple[str, str]]:
    """(commit, path of `target` there) of the commits that touched it, newest first: a file
    followed through its renames, a folder (or the whole repository) by its path."""
    if target and not target.endswith("/"):
        return [(commit, path) for commit, path in followed(root, target, MAX_COMMITS)
                if "\n" not in path]  # fmt: skip  # one name a line for cat-file
    log = run_git(root, "log", f"--max-count={MAX_COMMITS}", "--format=%H", "--", target)
    return [(commit, target) for commit in log.stdout.decode().split()]


def _sizes(root: Path, names: list[str]) -> list[tuple[str, int] | None]:
    """(object id, size) of each of `names` (« REV:path », « REV^{commit} »), None for one
    that does not exist, in one `git cat-file --batch-check`."""
    if not names:
        return []
    done = run_git(root, "cat-file", "--batch-check",
                   input="".join(f"{name}\n" for name in names).encode())  # fmt: skip
    # « \n » only: `splitlines` also cuts at U+2028, U+0085 or a form feed, which git
    # echoes back in the name of a missing object (a file so named) and shifts every answer.
    lines = done.stdout.decode("utf-8", "replace").split("\n")
    found: list[tuple[str, int] | None] = []
    for index in range(len(names)):
        parts = lines[index].split() if index < len(lines) else []
        # « <id> <type> <size> », or « <name> missing » (or « ambiguous »)
        valid = len(parts) == 3 and parts[2].isdigit() and parts[1] != "missing"
        found.append((parts[0], int(parts[2])) if valid else None)
    return found


def _document_files(root: Path, folder: str) -> list[str]:
    """« commit:path » of every YAML file of `folder` with a top-level `document:`, in the
    commits that touched the folder, newest first. `git grep` reads many commits in one
    process; they are given by chunks so that a command line stays short (Windows: 32,767
    characters)."""
    log = run_git(root, "log", f"--max-count={MAX_COMMITS}", "--format=%H", "--", folder or ".")
    commits = log.stdout.decode().split()
    names: list[str] = []
    for start in range(0, len(commits), GREP_CHUNK):
        done = run_git(
            root, "grep", "-l", "-z", "-I", "-E", "^document[[:space:]]*:",
            *commits[start : start + GREP_CHUNK], "--", folder or ".",
        )  # fmt: skip
        names += [
            name for name in done.stdout.decode("utf-8", "replace").split("\0")
            if name.endswith(YAML_SUFFIXES)
        ]  # fmt: skip
    return names


def _first_with_version(root: Path, objects: list[str], version: str) -> str | None:
    """The commit of the first of `objects` (« commit:path ») whose `document.version` is
    `version`."""
    commits = [name.split(":", 1)[0] for name in objects]
    found = _first_with(root, list(zip(commits, _sizes(root, objects), strict=True)), version)
    return None if found is None else found[0]


def _first_with(
    root: Path, objects: list[tuple[str, tuple[str, int] | None]], version: str
) -> tuple[str, LoadedFile] | None:
    """The first of `objects` (a label, and the object's id and size as `_sizes` gives them)
    whose `document.version` is `version`, with the file as read; those missing or larger
    than the loader reads are skipped, the others read in one `git cat-file --batch`."""
    found = _all_with(root, objects, version)
    return found[0] if found else None


def _all_with(
    root: Path, objects: list[tuple[str, tuple[str, int] | None]], version: str
) -> list[tuple[str, LoadedFile]]:
    """Every one of `objects` (as `_first_with` takes them) whose `document.version` is
    `version`, in their order, read in one `git cat-file --batch`."""
    small = [(label, found[0]) for label, found in objects
             if found is not None and found[1] <= MAX_FILE_BYTES]  # fmt: skip
    contents = read_objects(root, [object_id for _, object_id in small])
    return [
        (label, document)
        for (label, _), content in zip(small, contents, strict=True)
        if (document := _document(content)) is not None and _version(document) == version
    ]


def read_objects(root: Path, names: list[str]) -> list[bytes | None]:
    """The contents of the objects `names` (ids or REV:path), in one `git cat-file --batch`
    process; None for a missing one."""
    if not names:
        return []
    request = "".join(f"{name}\n" for name in names).encode()
    done = run_git(root, "cat-file", "--batch", input=request)
    output, position = done.stdout, 0
    found: list[bytes | None] = []
    for _ in names:
        end = output.find(b"\n", position)
        if end < 0:
            found.append(None)
            continue
        header = output[position:end].split()
        position = end + 1
        if len(header) != 3 or not header[2].isdigit():
            found.append(None)  # « <name> missing » or « ambiguous »
            continue
        size = int(header[2])
        found.append(output[position : position + size])
        position += size + 1
    return found


def version_in(content: bytes) -> str | None:
    """The `document.version` of a plan file's `content` (None when it has none)."""
    document = _document(content)
    return None if document is None else _version(document)


def _document(content: bytes | None) -> LoadedFile | None:
    # Through the plan loader (size, alias and depth limits), not yaml.safe_load: an old
    # revision is as untrusted as the working copy.
    if content is None or len(content) > MAX_FILE_BYTES:  # as the loader refuses such a file
        return None
    return load_bytes(content, Path("document.yaml"), "document.yaml")


def _version(loaded: LoadedFile) -> str | None:
    document = loaded.data.get("document") if isinstance(loaded.data, dict) else None
    version = document.get("version") if isinstance(document, dict) else None
    return None if version is None else str(version)
