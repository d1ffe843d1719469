"""Validate 200 copies of the complete example in one `check()` call (what a regional body
does with one folder per CPTS) and print plans per second; also the time for one plan.

    python benchmarks/bench_many.py [--copies 200] [--runs 5]
"""

from __future__ import annotations

import argparse
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


def many_plans(copies: int) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "plans"
        for index in range(copies):
            shutil.copytree(EXAMPLE, root / f"cpts-{index:03d}")
        start = time.perf_counter()
        result = api.check([root], today=REFERENCE)
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
    elapsed, plans, errors = many_plans(args.copies)
    print(
        f"{plans} plans en un appel : {elapsed:.1f} s, soit {plans / elapsed:.1f} plans par "
        f"seconde ({errors} erreur)"
    )
    if plans != args.copies or errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
