"""Time a refresh of `cptsplan preview` after a one-field edit against a cold `render -f pdf`.

Both on a copy of the complete example, in one run, interleaved: an edit of one field
(a commune's name, alternately two values) then the preview's refresh, timed in this
process (check, Markdown, Typst with its compiler kept, atomic replace); then a cold
`python -m cptsplan render COPY -f pdf` as a new process. Processor time (user + system, all
threads) is the figure: on a machine shared with other work it varies much less than the
elapsed time, which is printed too. Each figure is a median; the ratio is the median of the
ratios of each pair. Goal: refresh <= 0.25 x cold render.

    python benchmarks/bench_preview.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
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

from cptsplan.preview.refresh import Preview, Settings  # noqa: E402

REFERENCE = date(2026, 11, 23)
GOAL = 0.25
ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
FIELD = "- nom: Merlinghem-sur-Lys"


def own_cpu() -> float:
    return time.process_time()


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(runs: int) -> tuple[float, float, float]:
    """(refresh, cold render, median ratio of the pairs), processor seconds."""
    refresh_cpu, _, cold_cpu, _, ratios = _pairs(runs)
    return statistics.median(refresh_cpu), statistics.median(cold_cpu), statistics.median(ratios)


def _pairs(runs: int) -> tuple[list[float], list[float], list[float], list[float], list[float]]:
    with tempfile.TemporaryDirectory(prefix="cptsplan-bench-apercu-") as name:
        plan = Path(name) / "plan"
        shutil.copytree(EXAMPLE, plan)
        source = (plan / "plan.yaml").read_text(encoding="utf-8")
        preview = Preview(Settings(plan, str(plan), ("pdf",), today=REFERENCE))
        first = preview.refresh()  # the first compile: the compiler has nothing kept yet
        assert first.written, first.line
        cold = [sys.executable, "-m", "cptsplan", "render", str(plan), "-f", "pdf", "-o",
                str(Path(name) / "froid.pdf"), "--date", REFERENCE.isoformat()]  # fmt: skip
        subprocess.run(cold, check=True, capture_output=True, env=ENVIRONMENT)  # warm-up
        refresh_cpu: list[float] = []
        refresh_wall: list[float] = []
        cold_cpu: list[float] = []
        cold_wall: list[float] = []
        ratios: list[float] = []
        for run in range(runs):
            value = f"- nom: Merlinghem-sur-Lys-{run % 2}"
            (plan / "plan.yaml").write_text(source.replace(FIELD, value, 1), encoding="utf-8")
            cpu, wall = own_cpu(), time.perf_counter()
            done = preview.refresh()
            refresh_cpu.append(own_cpu() - cpu)
            refresh_wall.append(time.perf_counter() - wall)
            assert done.written, done.line
            cpu, wall = children_cpu(), time.perf_counter()
            subprocess.run(cold, check=True, capture_output=True, env=ENVIRONMENT)
            cold_cpu.append(children_cpu() - cpu)
            cold_wall.append(time.perf_counter() - wall)
            ratios.append(refresh_cpu[-1] / cold_cpu[-1])
        preview.close()
    return refresh_cpu, refresh_wall, cold_cpu, cold_wall, ratios


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    refresh_cpu, refresh_wall, cold_cpu, cold_wall, ratios = _pairs(runs)
    ratio = statistics.median(ratios)
    print(f"Exemple complet, {runs} paires alternées (processeur ; temps écoulé entre parenthèses)")
    rows = [
        ("aperçu : mise à jour après une modification", refresh_cpu, refresh_wall),
        ("render -f pdf à froid (nouveau processus)", cold_cpu, cold_wall),
    ]
    for label, cpu_times, wall_times in rows:
        cpu_median, wall_median = statistics.median(cpu_times), statistics.median(wall_times)
        print(f"  {label:<46} {cpu_median:6.3f} s ({wall_median:.3f} s)")
    print(f"  rapport médian des paires : {ratio:.2f} (objectif <= {GOAL})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
