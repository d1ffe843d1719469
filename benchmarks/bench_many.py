"""Validate 200 copies of the complete example in one `check()` call (what a regional body
does with one folder per CPTS) and print plans per second and peak memory, in 1 and in
2 processes (`--jobs 1`, `--jobs 2`); also the time for one plan.

Each batch runs in a fresh Python process, so that its peak memory (resident set size of the
main process, and of the largest worker) is its own.

    python benchmarks/bench_many.py [--copies 200] [--runs 5] [--jobs 1 2]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "cpts-du-val-de-lys"
sys.path.insert(0, str(REPO / "src"))

from cptsplan import api  # noqa: E402
from cptsplan.findings.problems import Severity  # noqa: E402

REFERENCE = date(2026, 11, 23)


def single_plan_seconds(runs: int) -> float:
    api.check([EXAMPLE], today=REFERENCE)  # warm-up: schema validator, rule registry
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        api.check([EXAMPLE], today=REFERENCE)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def batch(root: Path, jobs: int) -> dict[str, float]:
    """In this process (called with --batch): one `check()` of every plan under `root`."""
    before = _cpu_seconds()
    start = time.perf_counter()
    result = api.check([root], today=REFERENCE, jobs=jobs)
    elapsed = time.perf_counter() - start
    # ru_maxrss is in KiB on Linux.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "seconds": elapsed,
        "cpu_seconds": _cpu_seconds() - before,
        "plans": len(result.reports),
        "errors": result.count(Severity.ERROR),
        "peak_mib": own,
        "worker_peak_mib": workers,
    }


def _cpu_seconds() -> float:
    """Processor time of this process and of its finished workers: on a shared machine,
    plans per processor second vary less than plans per second."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def many_plans(root: Path, jobs: int) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--batch", str(root), "--jobs", str(jobs)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.batch is not None:
        print(json.dumps(batch(args.batch, args.jobs[0])))
        return
    single = single_plan_seconds(args.runs)
    print(
        f"un plan (exemple complet, 6 fichiers) : {single * 1000:.0f} ms (médiane de {args.runs})"
    )
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "plans"
        for index in range(args.copies):
            shutil.copytree(EXAMPLE, root / f"cpts-{index:03d}")
        for jobs in args.jobs:
            figures = many_plans(root, jobs)
            plans, seconds = int(figures["plans"]), figures["seconds"]
            workers = (
                f", plus grand processus de travail {figures['worker_peak_mib']:.0f} Mio"
                if jobs > 1
                else ""
            )
            print(
                f"{plans} plans en un appel, {jobs} processus : {seconds:.1f} s, soit "
                f"{plans / seconds:.1f} plans par seconde ({plans / figures['cpu_seconds']:.1f} "
                "par seconde de processeur) ; mémoire maximale "
                f"{figures['peak_mib']:.0f} Mio{workers} ({int(figures['errors'])} erreur)"
            )
            failed |= plans != args.copies or figures["errors"] > 0
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
