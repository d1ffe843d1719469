"""The reviewer's XLSX table of 200 plans: openpyxl against XlsxWriter, both in one run.

The table's columns and one plan's row are those `validate --tableau` builds for the
complete example; the row is repeated for 200 plans (writing cost depends on the cells, not
on the plans). Each writer runs in a fresh process (import included, as a reviewer's command
pays it), interleaved, processor time; median of the runs and of the pairs' ratios.

    python benchmarks/bench_xlsx.py [--runs 7] [--plans 200]
"""

from __future__ import annotations

import argparse
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "cpts-du-val-de-lys"
sys.path.insert(0, str(REPO / "src"))

WRITE = """
import pickle, sys
sys.path[:0] = [{src!r}, {benchmarks!r}]
columns, rows = pickle.load(open(sys.argv[1], "rb"))
from {module} import xlsx_bytes
data = xlsx_bytes(columns, rows)
open(sys.argv[2], "wb").write(data)
"""
MODULES = {"openpyxl": "xlsx_openpyxl", "XlsxWriter": "cptsplan.tableau.xlsx"}
"""openpyxl: cptsplan's writer until 0.2, kept in this folder for the comparison."""


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--plans", type=int, default=200)
    options = parser.parse_args()
    from cptsplan import api
    from cptsplan.tableau.table import table

    result = api.check([EXAMPLE], today=date(2026, 11, 23))
    columns, rows = table(result)
    rows = rows * options.plans
    cpu: dict[str, list[float]] = {name: [] for name in MODULES}
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as name:
        data = Path(name) / "table.pickle"
        data.write_bytes(pickle.dumps((columns, rows)))
        for _ in range(options.runs + 1):  # the first round warms the disk cache
            for label, module in MODULES.items():
                output = Path(name) / f"{label}.xlsx"
                script = WRITE.format(
                    src=str(REPO / "src"), benchmarks=str(Path(__file__).parent), module=module
                )
                before = children_cpu()
                subprocess.run([sys.executable, "-c", script, str(data), str(output)], check=True)
                cpu[label].append(children_cpu() - before)
                sizes[label] = output.stat().st_size
    ratios = [a / b for a, b in zip(cpu["openpyxl"][1:], cpu["XlsxWriter"][1:], strict=True)]
    print(f"{options.plans} plans x {len(columns)} colonnes ; médiane de {options.runs} essais")
    for label in MODULES:
        median = statistics.median(cpu[label][1:])
        print(f"  {label:<11} {median:6.3f} s processeur (import compris), {sizes[label]} octets")
    print(f"  openpyxl / XlsxWriter : {statistics.median(ratios):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
