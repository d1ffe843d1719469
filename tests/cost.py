"""Bounded cost without a stopwatch: the suite runs on busy machines (two cores shared by
several runs), where a wall-clock limit fails at random. A cost is asserted by a count
(operations, calls, processes, sizes) or, when only time tells, by the ratio of two sizes
of the same work measured in the same process, in CPU time, with a generous margin
(linear work ten times bigger: a ratio near 10; quadratic: near 100). Absolute times
belong in benchmarks/."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


def cpu_seconds(work: Callable[[], object], repeat: int = 3) -> float:
    """The least CPU time of `repeat` runs of `work` (the least: a pause of the machine
    only ever adds)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


LINEAR = 35.0
"""The ratio under which ten times the work is linear (about 10; quadratic: about 100)."""


def growth(small: Callable[[], object], large: Callable[[], object], repeat: int = 3) -> float:
    """How many times more `large` costs than `small` (at least a millisecond for `small`,
    so that a very quick small run does not inflate the ratio). `large`, the costly one,
    runs again (up to `repeat` times) only while the ratio is not under LINEAR: a pause of
    the machine only ever adds, so a first ratio under it is already the answer, and a
    linear `large` costs one run instead of three."""
    base = max(cpu_seconds(small, repeat), 1e-3)
    best = float("inf")
    for _ in range(repeat):
        best = min(best, cpu_seconds(large, 1))
        if best / base < LINEAR:
            break
    return best / base


HANG_GUARD = 120.0
"""Seconds after which a test step counts as hung: a guard against a test that never ends,
not a measure (a busy machine takes seconds, a hang takes forever)."""


@contextmanager
def fifo_guard(*fifos: Path) -> Iterator[list[Path]]:
    """Around a step given named pipes (FIFOs) that must never be opened: were one opened
    for reading, the step would wait forever for a writer. After HANG_GUARD seconds a
    writer opens and closes each (the reader gets an end of file) and the pipe is listed
    in the yielded list, which the test asserts empty afterwards."""
    done = threading.Event()
    hung: list[Path] = []

    def watch() -> None:
        if done.wait(HANG_GUARD):
            return
        hung.extend(fifos)
        while not done.is_set():
            for fifo in fifos:
                with contextlib.suppress(OSError):  # no reader (yet)
                    os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            done.wait(0.1)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield hung
    finally:
        done.set()
        watcher.join()
