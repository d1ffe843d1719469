"""Issue 20's rows for two versions of cptsplan in one run: a source tree given (`--avant`,
e.g. a commit extracted with `git archive`) against this checkout, each against the same
reference, interleaved (reference, before, after, next row, then again) so that the load of a
shared machine weighs on all three alike. Processor time of whole processes, median of each
version's ratios. The warm row runs bench_goals' batch measure inside each version.

    git archive COMMIT | tar -x -C /tmp/avant
    python benchmarks/bench_before_after.py --avant /tmp/avant/src [--runs 5]

Both versions use this checkout's venv, templates and schemas (the older tree is put first
on PYTHONPATH, ahead of the editable install): only the Python code differs.
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_goals as goals

WARM = """
import statistics, sys, time
from datetime import date
from pathlib import Path
import yaml
from cptsplan import api
example, runs = Path(sys.argv[1]), int(sys.argv[2])
files = sorted(example.glob("*.yaml"))
def parse():
    for name in files:
        with open(name, "rb") as stream:
            yaml.load(stream, Loader=yaml.CSafeLoader)
def check():
    api.check([example], today=date(2026, 11, 23))
check(), parse()
ratios = []
for _ in range(runs):
    start = time.process_time(); check(); ours = time.process_time() - start
    start = time.process_time(); parse(); theirs = time.process_time() - start
    ratios.append(ours / theirs)
print(statistics.median(ratios))
"""


def cpu(command: list[str], environment: dict[str, str]) -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before = usage.ru_utime + usage.ru_stime
    done = subprocess.run(command, capture_output=True, env=environment)
    if done.returncode != 0:
        raise SystemExit(f"{command} -> {done.returncode}\n{done.stderr.decode()}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime - before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--avant", type=Path, required=True, help="dossier src/ de l'avant")
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    runs = arguments.runs
    after = dict(goals.ENVIRONMENT)
    before = {**after, "PYTHONPATH": str(arguments.avant.resolve())}
    cptsplan = [sys.executable, "-m", "cptsplan"]
    check_jsonschema = shutil.which("check-jsonschema", path=str(goals.BIN))
    if check_jsonschema is None:
        raise SystemExit("check-jsonschema absent : pip install -e '.[test]'")
    dated = ["--date", goals.REFERENCE.isoformat()]
    with tempfile.TemporaryDirectory(prefix="cptsplan-bench-avant-apres-") as name:
        folder = Path(name)
        merged = goals.merged_example(folder)
        bare_pandoc = goals.prepare_render(folder)
        plan = goals.repository(folder)
        example = str(goals.EXAMPLE)
        yaml_files = [str(path) for path in sorted(goals.EXAMPLE.glob("*.yaml"))]
        rows: list[tuple[str, list[str], list[str], float]] = [
            ("validate (fusionné) / check-jsonschema", [*cptsplan, "validate", str(merged), *dated],
             [check_jsonschema, "--schemafile", str(goals.SCHEMA), str(merged)], 0.2),
            ("validate / lecture libyaml nue", [*cptsplan, "validate", example, *dated],
             [sys.executable, "-c", goals.BARE_PARSE, *yaml_files], 2.0),
            ("render -f docx / pandoc nu",
             [*cptsplan, "render", example, "-f", "docx", "-o", str(folder / "c.docx"), *dated],
             bare_pandoc, 1.3),
            ("render -f pdf / Typst nu (même source)",
             [*cptsplan, "render", example, "-f", "pdf", "-o", str(folder / "c.pdf"), *dated],
             [sys.executable, "-c", goals.BARE_TYPST, str(folder)], 1.3),
            ("update (essai) / validate", [*cptsplan, "update", str(plan), *dated],
             [*cptsplan, "validate", str(plan), *dated], 1.3),
        ]  # fmt: skip
        os.chdir(folder)  # pandoc names its reference document as cptsplan does
        for _, ours, theirs, _ in rows:  # warm-up: bytecode of both trees, disk cache
            cpu(theirs, after), cpu(ours, before), cpu(ours, after)
        ratios: dict[int, tuple[list[float], list[float]]] = {i: ([], []) for i in range(len(rows))}
        warm: tuple[list[float], list[float]] = ([], [])
        for _ in range(runs):
            for index, (_, ours, theirs, _) in enumerate(rows):
                # The update row's reference is validate: each version against its own.
                own = "update" in ours
                reference = cpu(theirs, after)
                ratios[index][0].append(
                    cpu(ours, before) / (cpu(theirs, before) if own else reference)
                )
                ratios[index][1].append(cpu(ours, after) / reference)
            for found, environment in zip(warm, (before, after), strict=True):
                command = [sys.executable, "-c", WARM, example, "3"]
                done = subprocess.run(command, capture_output=True, env=environment, check=True)
                found.append(float(done.stdout))
        os.chdir(goals.REPO)
    print(f"avant : {arguments.avant} ; après : {goals.REPO} ; {runs} tours alternés, "
          "temps processeur, médiane des rapports")  # fmt: skip
    print(f"{'mesure':<42} {'avant':>7} {'après':>7} {'objectif':>9}")
    table = [
        (label, ratios[i][0], ratios[i][1], goal) for i, (label, _, _, goal) in enumerate(rows)
    ]
    table.insert(2, ("un plan, processus chaud / lecture nue", *warm, 2.0))
    for label, old, new, goal in table:
        old_ratio, new_ratio = statistics.median(old), statistics.median(new)
        mark = "ok" if new_ratio <= goal else "NON"
        print(
            f"{label:<42} {old_ratio:>7.2f} {new_ratio:>7.2f} {'<= ' + format(goal, '.2f'):>9}",
            mark,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
