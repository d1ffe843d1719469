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

from cptsplan.repository.git import run_git

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


def former_path(root: Path, commit: str, inside: str, is_dir: bool) -> str | None:
    """Where the plan now at `inside` was at `commit`, when it was moved or renamed since:
    the folder most of its files came from (a folder renamed, some files merged or split),
    or the file it was renamed from. None when git sees no such move."""
    listed = run_git(
        root, "diff", "--no-ext-diff", "--no-textconv", "-M", "--name-status", "-z", commit, "--"
    )
    if listed.returncode != 0:
        return None
    fields = listed.stdout.decode("utf-8", "replace").split("\0")
    origins: Counter[str] = Counter()
    index = 0
    while index < len(fields):
        status = fields[index]
        if status.startswith(("R", "C")) and index + 2 < len(fields):
            old, new = fields[index + 1], fields[index + 2]
            index += 3
            if status.startswith("C"):
                continue  # a copy leaves the original where it was
            if not is_dir and new == inside:
                return old
            if is_dir and _under(new, inside):
                origins[old.rsplit("/", 1)[0] if "/" in old else ""] += 1
        else:
            index += 2
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
