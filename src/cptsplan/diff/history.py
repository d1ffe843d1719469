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


def commit_with_version(root: Path, target: str, folder: str | None, version: str) -> str | None:
    """The latest commit where `target` (the file holding `document`, or a one-file plan)
    had `document.version` = `version`; when none, the latest where any YAML file of the
    plan's `folder` had it (the `document` section moved to another file, say
    `plan.yaml` split into `document.yaml` and the rest, in the commit that started the new
    version). None when neither has it."""
    # Followed through renames: a plan folder renamed (plan/ → plan-sse/) in the same
    # commit as the new version has its version sent only under the old name.
    if target and not target.endswith("/"):
        named = followed(root, target, MAX_COMMITS)
    else:
        log = run_git(root, "log", f"--max-count={MAX_COMMITS}", "--format=%H", "--", target)
        named = [(commit, target) for commit in log.stdout.decode().split()]
    found = _first_with_version(root, [f"{commit}:{path}" for commit, path in named], version)
    if found is not None or folder is None:
        return found
    return _first_with_version(root, _document_files(root, folder), version)


def tag_of_version(root: Path, target: str, version: str) -> str | None:
    """The tag `v<version>` (or `<version>`) when it names a commit where `target` has that
    `document.version`; None without such a tag, or when it is on another version's commit
    (the search by version then decides)."""
    listed = run_git(
        root, "for-each-ref", "--format=%(refname:short)%00%(objectname)%00%(*objectname)",
        f"refs/tags/v{version}", f"refs/tags/{version}",
    )  # fmt: skip
    for line in listed.stdout.decode("utf-8", "replace").splitlines():
        name, _, rest = line.partition("\0")
        commit, _, peeled = rest.partition("\0")
        content = read_objects(root, [f"{peeled or commit}:{target}"])[0]
        if content is not None and version_in(content) == version:
            return name
    return None


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
    `version` (files larger than the loader reads are skipped)."""
    if not objects:
        return None
    sizes = run_git(root, "cat-file", "--batch-check",
                 input="".join(f"{name}\n" for name in objects).encode())  # fmt: skip
    small = [
        name for name, line in zip(objects, sizes.stdout.decode().splitlines(), strict=False)
        if (parts := line.split()) and parts[-1].isdigit() and int(parts[-1]) <= MAX_FILE_BYTES
    ]  # fmt: skip
    for name, content in zip(small, read_objects(root, small), strict=True):
        if content is not None and version_in(content) == version:
            return name.split(":", 1)[0]
    return None


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
    # Through the plan loader (size, alias and depth limits), not yaml.safe_load: an old
    # revision is as untrusted as the working copy.
    if len(content) > MAX_FILE_BYTES:  # as the loader refuses such a file
        return None
    loaded = load_bytes(content, Path("document.yaml"), "document.yaml").data
    document = loaded.get("document") if isinstance(loaded, dict) else None
    version = document.get("version") if isinstance(document, dict) else None
    return None if version is None else str(version)
