"""`cptsplan import` of a long plan against pandoc's own reading of the same document.

The document is the DOCX that `cptsplan render` makes of the complete example (internal
edition, about 60 pages). The floor is pandoc reading it into its JSON tree (what the import
starts with); the import adds the zip checks, the recognition and the YAML. Goal: ≤ 1.5x.

    .venv/bin/python benchmarks/bench_import.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def best_of(runs: int, action: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    from cptsplan.files.pandoc import read_document
    from cptsplan.importer.build import import_document

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "plan"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "cptsplan",
                "render",
                str(ROOT / "examples" / "cpts-du-val-de-lys"),
                "-f",
                "docx",
                "-e",
                "interne",
                "--brouillon",
                "-o",
                str(out),
            ],
            check=True,
            capture_output=True,
        )
        document = out.with_suffix(".docx")
        data = document.read_bytes()
        # Alternated, best of seven each: the machine's noise hits both alike.
        floors, fulls = [], []
        for _ in range(7):
            floors.append(best_of(1, lambda: read_document(data, "docx")))
            fulls.append(best_of(1, lambda: import_document(document)))
        floor, full = min(floors), min(fulls)
    median = statistics.median(fulls) / statistics.median(floors)
    print(
        f"pandoc seul : {floor * 1000:.0f} ms ; import complet : {full * 1000:.0f} ms "
        f"(dont {max(full - floor, 0) * 1000:.0f} ms hors pandoc) ; "
        f"rapport : {full / floor:.2f}x (objectif ≤ 1,5x) ; médianes : "
        f"{statistics.median(floors) * 1000:.0f} et {statistics.median(fulls) * 1000:.0f} ms, "
        f"{median:.2f}x{_load()}"
    )


def _load() -> str:
    """The machine's load average over the last minute, where the system gives it."""
    try:
        return f" ; charge : {os.getloadavg()[0]:.2f}"
    except (AttributeError, OSError):  # Windows has no load average
        return ""


if __name__ == "__main__":
    main()
