"""Start-up of the command line: `python -m cptsplan --help`, against the Python floor and
the import of typer alone (the part cptsplan cannot shorten).

    .venv/bin/python benchmarks/bench_startup.py [--runs N] [--src OTHER/src]

`--src` adds a second checkout's `src/` (e.g. an older version) measured in turn with this one,
so that both see the same load on a shared machine. Wall time and CPU time (user + system)
are printed: on a loaded machine the CPU time is the steadier of the two.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        command,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--src", type=Path, action="append", default=[])
    args = parser.parse_args()
    python = sys.executable
    variants: dict[str, tuple[list[str], dict[str, str]]] = {
        "Python seul": ([python, "-c", "pass"], {}),
        "import typer": ([python, "-c", "import typer"], {}),
    }
    for src in [SRC, *args.src]:
        variants[f"cptsplan --help ({src.parent.name})"] = (
            [python, "-m", "cptsplan", "--help"],
            {"PYTHONPATH": str(src.resolve())},
        )
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    for _ in range(args.runs):
        for name, (command, env) in variants.items():
            results[name].append(measure(command, env))
    for name, values in results.items():
        wall = statistics.median(v[0] for v in values) * 1000
        cpu = statistics.median(v[1] for v in values) * 1000
        fastest = min(v[0] for v in values) * 1000
        print(
            f"{name:40} médiane {wall:5.0f} ms (min {fastest:4.0f} ms), CPU médiane {cpu:4.0f} ms"
        )


if __name__ == "__main__":
    main()
