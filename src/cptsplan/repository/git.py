"""Every git command cptsplan runs, built here and nowhere else.

A plan repository may come from someone else (an archive with its `.git`, a colleague's
clone): its `.git/config` and `.gitattributes` are untrusted. Git would run commands they
name (`core.fsmonitor`, hooks, `diff.external`, textconv and clean/smudge filters, a pager, a
credential helper, a lazy fetch of missing objects), so each command is started with all of
these switched off, without the `GIT_*` variables that point git at another repository
(inherited from a hook, say), without a terminal prompt, and without writing the index.

A command that shows contents through git's diff machinery (`diff`, `log -p`, `show`) must
also pass `--no-ext-diff --no-textconv`; cptsplan reads contents with `cat-file`, which
runs neither.

What stays on: the user's own and the machine's git configuration (`~/.gitconfig`, the system
file). They are not the plan's; they hold `safe.directory`, and on Windows `core.autocrlf`,
without which every checked-out file would look modified.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from cptsplan.errors import UsageError
from cptsplan.files.folders import work_tree_root

GIT_TIMEOUT = 30
"""Seconds before a git command counts as hung (a hang guard; the commands are local)."""

HARDENED: tuple[str, ...] = (
    "--no-pager",
    "-c", "core.fsmonitor=",  # empty: off in every git (a path before 2.36, a boolean since)
    "-c", f"core.hooksPath={os.devnull}",
    "-c", "diff.external=",
    "-c", "core.pager=cat",
    "-c", "pager.status=false",
    "-c", "credential.helper=",
    "-c", "core.askPass=",
    "-c", "core.sshCommand=",
    "-c", "log.showSignature=false",
    "-c", "protocol.allow=never",
    "-c", "submodule.recurse=false",
    "-c", "diff.ignoreSubmodules=all",
)  # fmt: skip
"""Options that make git run no program named by the repository (drivers are added per
repository by `_drivers`)."""

KEPT_GIT_VARIABLES = frozenset(
    {
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_AUTHOR_DATE",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "GIT_COMMITTER_DATE",
    }
)
"""The only `GIT_*` variables inherited: who signs a commit (`cptsplan init`). The others
(GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE, GIT_CONFIG*, GIT_EXTERNAL_DIFF, GIT_PAGER,
GIT_SSH_COMMAND, GIT_EXEC_PATH...) would point git at another repository or program."""

_DRIVER = re.compile(r"^(filter|diff|merge)\.(.+)\.(clean|smudge|process|textconv|command|driver)$")


GitResult = subprocess.CompletedProcess[bytes]
"""What `run_git` returns (callers need not import subprocess)."""


class GitUnavailable(UsageError):
    """git is not installed, or did not answer in time (exit 2)."""


def git_environment() -> dict[str, str]:
    """The environment of every git command (see KEPT_GIT_VARIABLES)."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.upper().startswith("GIT_") or name.upper() in KEPT_GIT_VARIABLES
    }
    environment["GIT_TERMINAL_PROMPT"] = "0"
    environment["GIT_OPTIONAL_LOCKS"] = "0"  # `status` must not rewrite the plan's index
    environment["GIT_NO_LAZY_FETCH"] = "1"  # a partial clone never fetches (git >= 2.44)
    environment["GIT_NO_REPLACE_OBJECTS"] = "1"  # refs/replace would show other contents
    return environment


def git_program() -> str | None:
    """The git executable found on PATH, never in the current folder (Windows would look
    there first: a `git.exe` left in a plan folder must not run) nor through a relative
    PATH entry. On Windows, `git.exe` only (what Git for Windows installs): a `git.bat` or
    `git.cmd` runs through cmd.exe, which reads `&`, `|` or `%VAR%` in its arguments (a
    plan folder named `R&D`) as commands of its own, and Python cannot quote them for it."""
    names = ["git.exe"] if sys.platform == "win32" else ["git"]
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if not folder or not os.path.isabs(folder):
            continue
        for name in names:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                return candidate
    return None


def git_command(repo: Path, *args: str, program: str | None = None) -> list[str]:
    """The full command line of `git ARGS` run in `repo`, hardened (no repository drivers:
    `run_git` adds those, as it may ask git for their names)."""
    return [program or git_program() or "git", "-C", str(repo), *HARDENED, *args]


def run_git(
    repo: Path,
    *args: str,
    input: bytes | None = None,
    check: bool = False,
    timeout: float = GIT_TIMEOUT,
) -> subprocess.CompletedProcess[bytes]:
    """Run `git ARGS` in `repo`, hardened. Raises GitUnavailable when git is missing or
    hangs, and CalledProcessError on failure when `check`."""
    program = git_program()
    if program is None:
        raise GitUnavailable("git est introuvable sur cette machine", "installez git")
    found = _git_folder(repo)  # walked once for both: the check and the drivers' key
    _stays_home(found)
    drivers = _drivers(repo, program, timeout, found)
    command = git_command(repo, *drivers, *args, program=program)
    done = _run(command, input, timeout)
    if check:
        done.check_returncode()
    return done


def _run(
    command: list[str], input: bytes | None, timeout: float
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            command,
            input=input,
            capture_output=True,
            timeout=timeout,
            check=False,
            env=git_environment(),
            stdin=None if input is not None else subprocess.DEVNULL,
        )
    except OSError as error:
        raise GitUnavailable(f"git ne peut pas être lancé ({error.strerror})") from error
    except subprocess.TimeoutExpired as error:
        raise GitUnavailable(f"git ne répond pas (plus de {timeout:g} secondes)") from error


_DRIVERS_SEEN: dict[tuple[str, ...], list[str]] = {}
"""Drivers already listed, by what they depend on (`_configuration_key`): an `update` runs
about ten git commands in one repository, and listing the drivers before each doubled them."""


def _drivers(
    repo: Path, program: str, timeout: float, found: tuple[Path, Path] | None
) -> list[str]:
    """`-c` options emptying every filter, diff and merge driver the configuration names:
    their names are free (`filter.x.clean`), so they are asked of git itself (reading the
    configuration runs nothing). An empty command is no command to git."""
    key = _configuration_key(found, program)
    if key is not None and key in _DRIVERS_SEEN:
        return list(_DRIVERS_SEEN[key])
    options = _listed_drivers(repo, program, timeout)
    if key is not None:
        _DRIVERS_SEEN[key] = options
    return list(options)


def _configuration_key(found: tuple[Path, Path] | None, program: str) -> tuple[str, ...] | None:
    """Everything the list of drivers depends on: the git program, the user's
    and the repository's configuration files word for word (their content, not their dates:
    a rewrite within the same second is seen; the machine's own file is the administrator's
    and does not change under a command). None, so that git is asked every time, when that
    cannot be told: no `.git` found, or a configuration that includes other files."""
    if found is None:
        return None
    _, git_folder = found
    folders = [
        git_folder,
        *((git_folder / line).resolve() for line in _lines(git_folder / "commondir")),
    ]
    home = Path(os.environ.get("HOME") or Path.home())
    user_files = [
        home / ".gitconfig",
        Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "git" / "config",
    ]
    files = [folder / name for folder in folders for name in ("config", "config.worktree")]
    key = [program]
    for path in (*user_files, *files):
        try:
            text = path.read_bytes().decode("utf-8", "replace")
        except OSError:
            text = ""
        if "include" in text.lower():
            return None
        key += [str(path), text]
    return tuple(key)


def _listed_drivers(repo: Path, program: str, timeout: float) -> list[str]:
    listed = _run(
        git_command(repo, "config", "--name-only", "--get-regexp", r"^(filter|diff|merge)\.",
                    program=program),
        None,
        timeout,
    )  # fmt: skip
    options: list[str] = []
    for key in listed.stdout.decode("utf-8", "replace").splitlines():
        found = _DRIVER.match(key.strip())
        if found is None:
            continue
        kind, name, _ = found.groups()
        options += ["-c", f"{key.strip()}="]
        if kind == "filter":
            options += ["-c", f"filter.{name}.required=false"]
    return options


class GitElsewhere(GitUnavailable):
    """The repository's `.git` leads to a git folder outside it, which it does not belong to
    (exit 2)."""


def _stays_home(found: tuple[Path, Path] | None) -> None:
    """Refuse a repository whose `.git` leads git to read another repository of the machine.

    A plan received as an archive is untrusted, and its `.git` may be a file (`gitdir:
    /home/…/other/.git`) or a link naming another repository, or a folder whose `commondir`
    or `objects/info/alternates` do: `diff` and `update` would then show another plan's
    contents. A git folder outside the work tree is accepted only when it names this work
    tree back (`git worktree` writes the path of our `.git` file in its `gitdir` file; a
    submodule's `config` names it as `core.worktree`): an archive cannot make a repository
    of the machine name it."""
    if found is None:
        return  # no repository, or a broken link: git says so, and the caller fails closed
    dotgit, git_folder = found
    home = dotgit.parent.resolve()
    if not git_folder.is_relative_to(home):
        if not _names_back(git_folder, dotgit, home):
            raise _elsewhere(dotgit, git_folder)
        return  # a worktree or submodule folder of the machine's own repository
    for link in (git_folder / "commondir", git_folder / "objects" / "info" / "alternates"):
        for line in _lines(link):
            target = (link.parent / line).resolve()
            if not target.is_relative_to(home):
                raise _elsewhere(dotgit, target)


def _git_folder(folder: Path) -> tuple[Path, Path] | None:
    """(the `.git` git finds for `folder`, the git folder it leads to), found as git finds
    them; None without a repository or when the link leads nowhere."""
    dotgit = nearest_dotgit(folder)
    if dotgit is None:
        return None
    git_folder = dotgit.resolve()
    if dotgit.is_file():
        named = _gitdir_of(dotgit)
        if named is None:
            return None
        git_folder = (dotgit.parent / named).resolve()
    return (dotgit, git_folder) if git_folder.is_dir() else None


def nearest_dotgit(folder: Path) -> Path | None:
    """The `.git` git finds for `folder` (the nearest above it), without running git."""
    start = folder.resolve()
    for candidate in (start, *start.parents):
        if os.path.lexists(candidate / ".git"):
            return candidate / ".git"
    return None


def _gitdir_of(dotgit: Path) -> str | None:
    lines = _lines(dotgit)
    if lines and lines[0].startswith("gitdir:"):
        return lines[0].removeprefix("gitdir:").strip()
    return None


def _lines(path: Path) -> list[str]:
    """The non-empty, non-comment lines of a small git link file; none when unreadable."""
    try:
        with path.open("rb") as file:
            text = file.read(65536).decode("utf-8", "replace")
    except OSError:
        return []
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def _names_back(git_folder: Path, dotgit: Path, home: Path) -> bool:
    for line in _lines(git_folder / "gitdir"):  # a linked worktree's folder
        if (git_folder / line).resolve() == dotgit.resolve():
            return True
    for line in _lines(git_folder / "config"):  # a submodule's folder
        key, _, value = line.partition("=")
        if key.strip().lower() == "worktree" and (git_folder / value.strip()).resolve() == home:
            return True
    return False


def _elsewhere(dotgit: Path, target: Path) -> GitElsewhere:
    return GitElsewhere(
        f"{dotgit} renvoie git vers un autre dépôt de la machine ({target}) : "
        "cptsplan ne lit rien hors du dossier du plan",
        "si ce dossier vient d'une archive, supprimez son « .git » et recréez l'historique "
        "(« git init ») ; sinon clonez le dépôt normalement",
    )


def in_repository(folder: Path) -> bool:
    """Whether `folder` lies in a git work tree, found without git (a `.git` above it): when
    git then cannot answer (dubious ownership, a broken `.git`), the caller knows that it
    failed rather than that there is no repository."""
    return work_tree_root(folder) is not None
