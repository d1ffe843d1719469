"""`cptsplan import` of a long plan against pandoc's own reading of the same document.

The document is the DOCX that `cptsplan render` makes of the complete example (internal
edition, about 60 pages). The floor is pandoc reading it into its JSON tree (what the import
starts with); the import adds the zip checks, the recognition and the YAML. Goal: ≤ 1.5x.

    .venv/bin/python benchmarks/bench_import.py
    .venv/bin/python benchmarks/bench_import.py --corpus   # placement over the test corpus

`--corpus` imports each document of the test corpus (tests/import_corpus, the seven plans and
the three made with other tools) and prints the share of each placed in fields (the import
report's figure), then what was left as text to place, counted by the section it is under
and by kind (paragraph, list item, table row): where to look for the next shape to read.
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


def corpus() -> None:
    from collections import Counter

    from cptsplan.importer.build import import_document
    from cptsplan.importer.placing import headers, leftovers

    sys.path.insert(0, str(ROOT))
    from tests.import_corpus import build_corpus, build_other_tools

    left: Counter[tuple[str, str]] = Counter()
    placed = units = 0
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder) / "odt"
        for document in build_corpus(Path(folder), odt_cache=cache) + build_other_tools(
            Path(folder)
        ):
            start = time.perf_counter()
            imported = import_document(document.path)
            took = time.perf_counter() - start
            summary = imported.summary
            placed += summary.blocks - summary.leftover
            units += summary.blocks
            print(
                f"{document.name:28} {summary.placed_share:6.1%} "
                f"({summary.blocks - summary.leftover}/{summary.blocks}) {took * 1000:5.0f} ms"
            )
            # compared as when the import placed them: without the text it then kept
            kept = imported.draft.data.pop("texte_importe", None)
            left_over = leftovers(imported.draft)
            if kept is not None:
                imported.draft.data["texte_importe"] = kept
            headed = headers(imported.draft)  # a table's header row is not counted
            for block, _text, row in left_over:
                if row == imported.draft.header_rows.get(block.index, 0) and block.index in headed:
                    continue
                section = imported.draft.contexts[block.index].section or "(hors section)"
                left[section, "ligne" if block.kind == "table" else block.kind] += 1
    print(f"{'corpus':28} {placed / units:6.1%} ({placed}/{units})")
    print("texte à ranger, par section et sorte :")
    for (section, kind), count in left.most_common():
        print(f"  {count:3} {section} ({kind})")


if __name__ == "__main__":
    corpus() if "--corpus" in sys.argv[1:] else main()
