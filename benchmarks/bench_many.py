"""Validate 200 copies of the complete example in one `check()` call (what a regional body
does with one folder per CPTS) and print plans per second, in one process and with one
process per CPU (what `cptsplan validate` does by default); also the time for one plan.

    python benchmarks/bench_many.py [--copies 200] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "cpts-du-val-de-lys"
sys.path.insert(0, str(REPO / "src"))

from cptsplan import api  # noqa: E402
from cptsplan.problems import Severity  # noqa: E402

REFERENCE = date(2026, 11, 23)


def single_plan_seconds(runs: int) -> float:
    api.check([EXAMPLE], today=REFERENCE)  # warm-up: schema validator, rule registry
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        api.check([EXAMPLE], today=REFERENCE)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def many_plans(copies: int, jobs: int) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "plans"
        for index in range(copies):
            shutil.copytree(EXAMPLE, root / f"cpts-{index:03d}")
        start = time.perf_counter()
        result = api.check([root], today=REFERENCE, jobs=jobs)
        elapsed = time.perf_counter() - start
    return elapsed, len(result.reports), result.count(Severity.ERROR)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    single = single_plan_seconds(args.runs)
    print(
        f"un plan (exemple complet, 6 fichiers) : {single * 1000:.0f} ms (médiane de {args.runs})"
    )
    failed = False
    for jobs in sorted({1, os.cpu_count() or 1}):
        elapsed, plans, errors = many_plans(args.copies, jobs)
        print(
            f"{plans} plans en un appel, {jobs} processus : {elapsed:.1f} s, soit "
            f"{plans / elapsed:.1f} plans par seconde ({errors} erreur)"
        )
        failed |= plans != args.copies or errors > 0
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
