"""Time `cptsplan diff` in-process on two versions of the complete example (median), then on
the same plan with the directory and the responses' actions made ten times larger, and print
the ratio (the issue asks: well under a second; 10x the plan, at most 10x the time).

Two timings each: the whole comparison of two folders (reading, format check, comparison:
what `cptsplan diff OLD NEW` waits for) and the comparison alone on loaded data.

    python benchmarks/bench_diff.py [--runs 7]
"""

from __future__ import annotations

import argparse
import copy
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from cptsplan.diff import diff_data, diff_paths
from cptsplan.diff.load import load_side

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "cpts-du-val-de-lys"


def median(action: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def changed(data: dict[str, Any]) -> dict[str, Any]:
    """A next version: responses reordered, an action added, phones changed, a fiche gone."""
    data = copy.deepcopy(data)
    responses = data["adapter"]["reponses"]
    responses[0], responses[1] = responses[1], responses[0]
    responses[0]["actions"].insert(1, {"phase": "veille", "action": "Nouvelle action."})
    for entry in data["annuaire"][::10]:
        for phone in entry.get("telephones", [])[:1]:
            phone["numero"] = phone["numero"][:-1] + "9"
    data["adapter"]["fiches_reflexes"].pop()
    return data


def tenfold(data: dict[str, Any]) -> dict[str, Any]:
    """The directory and every response's actions ten times over (new ids for the copies)."""
    data = copy.deepcopy(data)
    entries = data["annuaire"]
    data["annuaire"] = [
        {**copy.deepcopy(entry), "id": f"{entry['id']}-{n}" if n else entry["id"]}
        for n in range(10)
        for entry in entries
    ]
    for response in data["adapter"]["reponses"]:
        response["actions"] = [
            {**copy.deepcopy(action), "action": f"{action['action']} ({n})"}
            for n in range(10)
            for action in response["actions"]
        ]
    return data


def write(folder: Path, data: dict[str, Any]) -> Path:
    folder.mkdir()
    (folder / "plan.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    base, side = load_side(EXAMPLE, "exemple")
    results = {}
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        for label, old in (("exemple complet", base), ("annuaire et actions x10", tenfold(base))):
            new = changed(old)
            slug = "x10" if "x10" in label else "x1"
            old_folder, new_folder = write(root / f"a-{slug}", old), write(root / f"b-{slug}", new)
            if slug == "x1":  # the example itself, as split in its files
                shutil.rmtree(old_folder)
                shutil.copytree(EXAMPLE, old_folder)
            found = len(diff_data(old, new, side, side).changes)
            whole = median(lambda a=old_folder, b=new_folder: diff_paths(a, b), runs)
            alone = median(lambda a=old, b=new: diff_data(a, b, side, side), runs)
            results[slug] = (whole, alone)
            print(f"{label} : {found} changements ; diff complet {whole * 1000:.0f} ms, "
                  f"comparaison seule {alone * 1000:.1f} ms (médiane de {runs})")  # fmt: skip
    ratio_whole = results["x10"][0] / results["x1"][0]
    ratio_alone = results["x10"][1] / results["x1"][1]
    print(f"rapport x10 / x1 : diff complet {ratio_whole:.1f}, comparaison seule {ratio_alone:.1f}")


if __name__ == "__main__":
    main()
