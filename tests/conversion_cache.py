"""A session's cache of the documents pandoc and Typst made, by everything they were given.

Conversions are two thirds of the suite's time (665 of about 1 190 worker-seconds,
2026-12-08), and 95 of 423 were the same conversion made again by another test: the same
plan rendered with the same options and date gives the same Markdown or Typst source, hence
the same document. The cache sits at `pandoc.run_pandoc` and `pandoc.typst_to_pdf`, so a
test still runs everything cptsplan does, and only an identical call to an engine is
answered by the bytes that engine gave earlier in the same session. The entries are kept in
the session's folder made by the controlling pytest process (text_cache.FOLDER_VARIABLE),
shared by its xdist workers.

The key holds every argument, the content of any file an option names (the Lua filter),
the environment (but pytest's own variables) and the temporary folder. It is not used:
- by a test that uses `monkeypatch` (it may have replaced what the engines run with: a
  missing binary, a broken `Popen`, a locked folder, a platform), nor by one marked
  `real_engines` (it proves something of the engines themselves, such as the same plan
  giving the same bytes);
- for a failed conversion (it is never stored) or a preview's kept Typst compiler.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .text_cache import FOLDER_VARIABLE

_state = {"enabled": False}


def enable(enabled: bool) -> None:
    """Called before each test's set-up (conftest.pytest_runtest_setup)."""
    _state["enabled"] = enabled


def install() -> None:
    """Answer repeated conversions from the session's folder (called once per process)."""
    from cptsplan.files import pandoc

    run_pandoc, typst_to_pdf = pandoc.run_pandoc, pandoc.typst_to_pdf

    def cached_run_pandoc(*args: Any, **kwargs: Any) -> bytes:
        given = _arguments(run_pandoc, args, kwargs)
        named = [_named_file(option) for option in given["options"]]
        parts = ("pandoc", given, named)
        return _cached(parts, lambda: run_pandoc(*args, **kwargs))

    def cached_typst_to_pdf(*args: Any, **kwargs: Any) -> bytes:
        given = _arguments(typst_to_pdf, args, kwargs)
        if given["session"] is not None:  # the preview's kept compiler: what its tests see
            return typst_to_pdf(*args, **kwargs)
        parts = ("typst", given)
        return _cached(parts, lambda: typst_to_pdf(*args, **kwargs))

    pandoc.run_pandoc = functools.wraps(run_pandoc)(cached_run_pandoc)
    pandoc.typst_to_pdf = functools.wraps(typst_to_pdf)(cached_typst_to_pdf)


def _arguments(function: Callable[..., Any], args: Any, kwargs: Any) -> dict[str, Any]:
    """Every argument of a call by its parameter's name, defaults included."""
    bound = inspect.signature(function).bind(*args, **kwargs)
    bound.apply_defaults()
    return {
        name: sorted(value.items()) if isinstance(value, Mapping) else value
        for name, value in bound.arguments.items()
    }


def _named_file(option: str) -> str:
    """The content's digest of a file an option such as `--lua-filter=PATH` names."""
    _, _, value = option.partition("=")
    path = Path(value)
    if value and path.is_absolute() and path.is_file():
        return hashlib.sha256(path.read_bytes()).hexdigest()
    return ""


def _cached(parts: tuple[Any, ...], convert: Callable[[], bytes]) -> bytes:
    folder = os.environ.get(FOLDER_VARIABLE)
    if not _state["enabled"] or not folder or not Path(folder).is_dir():
        return convert()
    entry = Path(folder) / f"conversion-{_digest(parts)}.bin"
    try:
        return entry.read_bytes()
    except OSError:
        pass
    document = convert()
    # Written aside then renamed: a worker never reads another's half-written entry. Best
    # effort: an entry that cannot be written only means converting again.
    handle, partial = tempfile.mkstemp(dir=folder, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(document)
        os.replace(partial, entry)
    except OSError:
        Path(partial).unlink(missing_ok=True)
    return document


def _digest(parts: tuple[Any, ...]) -> str:
    digest = hashlib.sha256()
    environment = {name: value for name, value in os.environ.items() if "PYTEST" not in name}
    for part in (*parts, sorted(environment.items()), tempfile.gettempdir()):
        digest.update(repr(part).encode("utf-8", "replace"))
        digest.update(b"\0")
    return digest.hexdigest()
