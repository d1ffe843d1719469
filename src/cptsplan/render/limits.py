"""Bounds on the work of templates: time, memory and output size.

A custom template is code from the plan's repository. Two nested `range(100000)` loops or
`'x' * 10**8` must not hang `render`: the template is stopped and named with its line (exit
3). The bundled templates are linear in the plan, whose size is bounded by the loader; only
the output bound applies to them (a runaway would be a bug of cptsplan, reported as one).

- output: at most `MAX_OUTPUT_CHARS` characters of Markdown (the complete example makes
  140 000); checked on every chunk the template yields;
- time: `TEMPLATE_SECONDS` of work. A watchdog thread raises `TemplateTimeout` in the
  rendering thread (CPython's asynchronous exceptions), between two bytecodes of the
  template's code, so that Jinja's traceback gives the template line being run;
- memory: on Linux and macOS, the address space may grow by `MEMORY_HEADROOM_BYTES` at most
  while a custom template runs (`RLIMIT_AS`, restored afterwards): a huge value gives a
  MemoryError, reported like any template error, instead of swapping the machine to death.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from types import ModuleType

MAX_OUTPUT_CHARS = 50_000_000
TEMPLATE_SECONDS = 3.0
MEMORY_HEADROOM_BYTES = 1024 * 1024 * 1024
MAX_POWER_BITS = 1_000_000


class TemplateTimeout(Exception):
    """Raised asynchronously in a template that ran too long. An Exception, not a
    BaseException: Jinja rewrites the traceback of Exceptions only, and that gives the line."""


class TemplateLimitError(Exception):
    """A template went over a bound (French message; `where` and `line`: the template file
    and line, when the traceback cannot give them)."""

    def __init__(self, message: str, where: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.where = where
        self.line = line


class _Output(threading.local):
    total = 0


OUTPUT = _Output()
"""Characters rendered so far in this thread's current document."""


def too_long_message() -> str:
    return (
        f"le document produit dépasse {MAX_OUTPUT_CHARS // 1_000_000} millions de caractères "
        "(une boucle sans fin ?)"
    )


def timeout_message() -> str:
    return (
        f"le gabarit travaille depuis plus de {TEMPLATE_SECONDS:g} secondes "
        "(boucles imbriquées trop longues ?) : il a été arrêté"
    )


def memory_message() -> str:
    return (
        f"le gabarit demande plus de {MEMORY_HEADROOM_BYTES // 1024**3} Gio de mémoire "
        "(valeur démesurée ?) : il a été arrêté"
    )


@contextlib.contextmanager
def bounded(custom: bool) -> Iterator[None]:
    """Bound the time and memory of the template rendered inside (custom templates only)."""
    if not custom:
        yield
        return
    _ctypes()
    with _memory_bound(), _deadline(TEMPLATE_SECONDS):
        yield


def _ctypes() -> ModuleType:
    """ctypes, imported for custom templates only (≈ 1 ms of every other render spared), and
    before the memory bound: the time limit must never need to load a library under it."""
    import ctypes

    return ctypes


def _set_async_exc(ident: int, exception: type[BaseException] | None) -> None:
    """Raise `exception` in thread `ident` at its next bytecode (None withdraws it)."""
    ctypes = _ctypes()  # already imported by `bounded`
    value = ctypes.py_object(exception) if exception is not None else ctypes.c_void_p(None)
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), value)


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    ident = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _set_async_exc(ident, TemplateTimeout)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            timer.cancel()
            if state["fired"]:
                # Fired while finishing: withdraw an exception not delivered yet, so that
                # it cannot surface later in code that has nothing to do with templates.
                _set_async_exc(ident, None)


@contextlib.contextmanager
def _memory_bound() -> Iterator[None]:
    if sys.platform == "win32":
        yield  # no `resource` module on Windows: time and output bounds only
        return
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        page = os.sysconf("SC_PAGE_SIZE")
        with open("/proc/self/statm", encoding="ascii") as statm:
            used = int(statm.read().split()[0]) * page
    except (ImportError, OSError, ValueError, AttributeError):
        yield  # no RLIMIT_AS or no /proc (Windows, macOS): time and output bounds only
        return
    wanted = used + MEMORY_HEADROOM_BYTES
    if (soft != resource.RLIM_INFINITY and soft <= wanted) or (
        hard != resource.RLIM_INFINITY and hard < wanted
    ):
        yield  # already tighter than ours
        return
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
