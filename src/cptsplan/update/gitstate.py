"""Is the plan committed? `update` rewrites files in place: a coordinator with uncommitted
edits would see them mixed with ours, so they are refused unless forced. When git cannot
say (dubious ownership of a mounted folder, a broken `.git`), the answer is « unknown », and
`update --ecrire` refuses as well: a safety net that fails open loses work."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from cptsplan.files.folders import work_tree_root
from cptsplan.findings.records import record
from cptsplan.repository.git import GitUnavailable, in_repository, run_git


@record(frozen=True)
class GitState:
    """- `uncommitted`: plan files (as git shows them) with changes not committed, untracked
      ones included;
    - `unknown`: why git could not tell (the plan is in a repository): its first line of
      error."""

    __slots__ = ("in_repository", "uncommitted", "unknown")

    def __init__(
        self, in_repository: bool, uncommitted: list[str], unknown: str | None = None
    ) -> None:
        self.in_repository: Final = in_repository
        self.uncommitted: Final = uncommitted
        self.unknown: Final = unknown


def git_state(files: list[Path], plan_folder: Path | None = None) -> GitState:
    """The state of `files` in their git repository. No repository (no `.git` above the
    plan): not in a repository (the command then runs with a warning).

    `plan_folder`: the plan's folder, whose committed files count too when they are changed
    or deleted (a figure, a YAML file removed from the plan): that is uncommitted work as
    much as an edited file. A file git does not follow counts only when it is one of
    `files` (a scratch file beside the plan is not the plan's)."""
    if not files:
        return GitState(False, [])
    folder = files[0].resolve().parent
    if not in_repository(folder):
        return GitState(False, [])
    scope = [str(f.resolve()) for f in files]
    if plan_folder is not None and plan_folder.is_dir():
        scope.append(str(plan_folder.resolve()))
    try:  # outside a work tree (a bare repository, inside `.git`), status fails: unknown
        status = run_git(
            folder,
            "status",
            "--porcelain",
            "-z",  # names as they are: without it git writes « plan \303\251t\303\251/… »
            "--untracked-files=all",
            "--ignore-submodules=all",
            "--",
            *scope,
        )
    except GitUnavailable as error:
        return GitState(True, [], error.message)
    if status.returncode != 0:
        return GitState(True, [], _reason(status.stderr))
    root = work_tree_root(folder) or folder
    plan_files = {f.resolve() for f in files}
    # Documents rendered into the plan folder's build/ (committed in an old repository
    # without init's .gitignore) are outputs, not the plan: a draft rendered must not block.
    outputs = (plan_folder / "build").resolve() if plan_folder is not None else None
    pending = []
    for name, untracked in _names(status.stdout.decode("utf-8", "replace")):
        path = (root / name).resolve()
        if path in plan_files or not (
            untracked or (outputs is not None and path.is_relative_to(outputs))
        ):
            pending.append(name)
    return GitState(True, pending)


def _names(porcelain: str) -> list[tuple[str, bool]]:
    """The paths of `git status --porcelain -z` (relative to the work tree's root), each
    with whether git does not follow it: « XY path », a rename or copy followed by its old
    path as a field of its own (skipped: the new name is the plan's file)."""
    fields = porcelain.split("\0")
    names: list[tuple[str, bool]] = []
    index = 0
    while index < len(fields):
        entry = fields[index]
        index += 1
        if len(entry) < 4:
            continue
        names.append((entry[3:], entry[:2] == "??"))
        if entry[0] in "RC" or entry[1] in "RC":
            index += 1
    return names


def _reason(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    return next((line for line in lines if line), "git n'a pas répondu")
