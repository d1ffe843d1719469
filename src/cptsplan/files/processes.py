"""What a render leaves running or lying around, and how SIGTERM / SIGINT clean it all up.

Rendering starts pandoc processes, creates private folders (`cptsplan-pandoc-*`,
`cptsplan-typst-*`) and temporary output files next to the documents. Each is registered here
while it exists. When the command is interrupted (Ctrl-C, `kill`, a CI job cancelled),
`abort` kills the processes and removes the folders and files, so that nothing outlives the
tool; `cli/render.py` then exits at once (130 for SIGINT, 143 for SIGTERM) instead of waiting for
a conversion nobody wants any more. Renaming the finished documents into place is a short
critical section: a signal arriving then is handled right after it, so that the documents of
one render are either all new or all old.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

_T = TypeVar("_T")

_lock = threading.Lock()
_processes: set[subprocess.Popen[bytes]] = set()
_folders: set[str] = set()
_files: set[str] = set()
_state: dict[str, Any] = {"critical": 0, "pending": None}


class Interrupted(BaseException):
    """The command received SIGINT or SIGTERM (BaseException, like KeyboardInterrupt: no
    `except Exception` on the way may swallow it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def track(process: subprocess.Popen[bytes]) -> None:
    with _lock:
        _processes.add(process)


def untrack(process: subprocess.Popen[bytes]) -> None:
    with _lock:
        _processes.discard(process)


def register_file(path: str) -> None:
    with _lock:
        _files.add(path)


def unregister_file(path: str) -> None:
    with _lock:
        _files.discard(path)


@contextlib.contextmanager
def private_folder(prefix: str) -> Iterator[str]:
    """A private temporary folder (0700), removed on exit and by `abort`. A file that cannot
    be written in it (a full temporary disk) is a RenderingError (exit 4) in French, not a
    traceback."""
    from cptsplan.files.reasons import work_folder_failure

    try:
        folder = tempfile.mkdtemp(prefix=prefix)
    except OSError as error:
        raise work_folder_failure(error) from error
    with _lock:
        _folders.add(folder)
    try:
        with work_folder_errors(folder):
            yield folder
    finally:
        with _lock:
            _folders.discard(folder)
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def work_folder_errors(folder: str) -> Iterator[None]:
    """An OSError about a file of the work folder `folder` becomes a RenderingError (exit 4)
    in French; any other goes on: whoever knows what it was says it (r1 review #9)."""
    from cptsplan.files.reasons import work_folder_failure

    try:
        yield
    except OSError as error:
        if not names_a_file_in(error, folder):
            raise
        raise work_folder_failure(error, folder) from error


def names_a_file_in(error: OSError, folder: str) -> bool:
    """Whether `error` is about a file inside `folder`. Not a prefix of strings (r1 review
    #8): Windows may give the name back in another case or as an 8.3 short name
    (`RUNNER~1`), the name may be bytes, and « cptsplan-typst-x2 » starts with
    « cptsplan-typst-x »; both are resolved and case-folded as the system compares them."""
    name = error.filename
    if not isinstance(name, (str, bytes, os.PathLike)):
        return False
    try:
        path = os.path.normcase(os.path.realpath(os.fsdecode(name)))
        base = os.path.normcase(os.path.realpath(folder))
        return os.path.commonpath([path, base]) == base
    except (OSError, ValueError):  # another drive, a name with a NUL
        return False


def remove_file(path: str) -> None:
    """Remove a file this run created (a temporary file, a document moved aside). Windows
    refuses to delete a read-only file, and a temporary takes the permissions of the
    document it replaces: on Windows its read-only flag is cleared first (never on POSIX,
    where a backup is a second name of the user's document and shares its permissions).
    OSError when it still cannot be removed."""
    try:
        os.unlink(path)
    except PermissionError:
        if sys.platform != "win32" or not os.path.lexists(path):
            raise
        os.chmod(path, stat.S_IREAD | stat.S_IWRITE)
        os.unlink(path)


def remove_tree(folder: Path) -> bool:
    """Remove a folder this run put aside (an earlier import replaced with --forcer). Git
    writes its objects read-only, and Windows refuses to delete a read-only file: the flag is
    cleared and the removal tried again. False when something still could not be removed."""

    def retry(function: Callable[..., Any], path: str, *_: object) -> None:
        if sys.platform != "win32":
            return  # POSIX deletes a read-only file; what is left is reported, not forced
        with contextlib.suppress(OSError):
            os.chmod(path, stat.S_IREAD | stat.S_IWRITE)
            function(path)

    if sys.version_info >= (3, 12):
        shutil.rmtree(folder, onexc=retry)
    else:  # pragma: no cover - onerror is deprecated from 3.12 on, onexc does not exist before
        shutil.rmtree(folder, onerror=retry)
    return not os.path.lexists(folder)


def abort() -> None:
    """Kill every process started for the render and remove every temporary file."""
    with _lock:
        processes, folders, files = list(_processes), list(_folders), list(_files)
    for process in processes:
        with contextlib.suppress(OSError):
            process.kill()
    for process in processes:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            process.wait(timeout=5)
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    for path in files:
        with contextlib.suppress(OSError):
            remove_file(path)


JOIN_SLICE_SECONDS = 0.2
"""How often the waiting thread wakes up to run a signal handler (Ctrl-C) on Windows."""


def side_by_side(jobs: Mapping[str, Callable[[], _T]]) -> dict[str, _T]:
    """Run the jobs (conversions that wait on pandoc or Typst) side by side, each in a thread
    of its own, and return their results by name. This thread only waits, so that Ctrl-C
    stops the command at once even while Typst, a call into compiled code, lays out a PDF
    (plain threads: no `concurrent.futures` nor `logging` to import at every render). If a
    job fails (in the order given) or the command is interrupted, the others are of no use
    any more: their processes and private folders go now (`abort`), not at their end."""
    results: dict[str, _T] = {}
    failures: dict[str, BaseException] = {}

    def work(name: str, job: Callable[[], _T]) -> None:
        try:
            results[name] = job()
        except BaseException as failure:  # raised again in the waiting thread, below
            failures[name] = failure

    threads = {
        name: threading.Thread(target=work, args=(name, job), daemon=True)
        for name, job in jobs.items()
    }
    try:
        for thread in threads.values():
            thread.start()
        for name, thread in threads.items():
            while thread.is_alive():
                # In slices: before Python 3.14 a wait on a lock (an untimed join) cannot be
                # interrupted on Windows, and Ctrl-C waited for the end of the conversion.
                thread.join(JOIN_SLICE_SECONDS)
            if name in failures:
                raise failures[name]
    except BaseException:
        abort()
        raise
    return {name: results[name] for name in jobs}


def _handler(signum: int, _frame: FrameType | None) -> None:
    if _state["critical"]:
        _state["pending"] = signum
        return
    raise Interrupted(signum)


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """SIGINT and SIGTERM raise `Interrupted` in the main thread while inside (elsewhere,
    or off the main thread, nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {
        signum: signal.signal(signum, _handler) for signum in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def critical() -> Iterator[None]:
    """A signal received inside is acted upon on leaving (documents renamed into place)."""
    _state["critical"] += 1
    try:
        yield
    finally:
        _state["critical"] -= 1
        pending, _state["pending"] = _state["pending"], None
        if pending is not None and not _state["critical"]:
            raise Interrupted(pending)
