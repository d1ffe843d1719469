"""Time `cptsplan validate` on the complete example against `check-jsonschema` on the same
data and schema, in the same run, and print the ratio.

Both are timed as whole commands (what a user or a CI job waits for), median of several runs.
check-jsonschema reads one file, so the split example is merged into one YAML file first;
cptsplan validates that same merged file. Also times the refusal of hostile files.

    python benchmarks/bench_validate.py [--runs 7]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "cpts-du-val-de-lys"
SCHEMA = REPO / "schemas" / "plan.schema.json"
BIN = Path(sys.executable).parent


def merged_example(folder: Path) -> Path:
    """Concatenate the example's files: their top-level sections never overlap. Its images
    go along: a plan's figures are looked for next to its file."""
    target = folder / "plan-fusionne.yaml"
    parts = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLE.glob("*.yaml"))]
    target.write_text("\n".join(parts), encoding="utf-8")
    # The example's images are referenced relative to the plan: the merged copy needs them.
    if (EXAMPLE / "figures").is_dir():
        shutil.copytree(EXAMPLE / "figures", folder / "figures")
    return target


CPU: dict[str, float] = {}
"""Median processor time of each command (user + system, from its own resource usage):
on a machine shared with other work, it varies much less than the elapsed time."""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def median_seconds(command: list[str], runs: int, expect: set[int]) -> float:
    timings, processor = [], []
    for _ in range(runs):
        cpu = _children_cpu()
        start = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
        timings.append(time.perf_counter() - start)
        processor.append(_children_cpu() - cpu)
        if completed.returncode not in expect:
            raise SystemExit(
                f"{command} -> {completed.returncode}\n{completed.stdout}{completed.stderr}"
            )
    CPU[" ".join(command)] = statistics.median(processor)
    return statistics.median(timings)


def hostile_files(folder: Path) -> dict[str, Path]:
    bomb = folder / "bombe.yaml"
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    huge = folder / "enorme.yaml"
    huge.write_bytes(b"a: " + b"x" * (20 * 1024 * 1024) + b"\n")
    # Under the 5 MiB limit, but millions of values: refused by the count limits.
    flow = folder / "liste-en-ligne.yaml"
    flow.write_text("liste: [" + "1," * 2_600_000 + "1]\n", encoding="utf-8")
    keys = folder / "cent-mille-cles.yaml"
    keys.write_text("cles:\n" + "".join(f"  k{i}: {i}\n" for i in range(100_000)), "utf-8")
    return {
        f"bombe d'alias ({bomb.stat().st_size} octets)": bomb,
        "fichier de 20 Mo": huge,
        "liste en ligne de 5 Mo (2,6 M valeurs)": flow,
        "100 000 clés (1,6 Mo)": keys,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    cptsplan = [str(BIN / "cptsplan"), "validate", "--date", "2026-11-23"]
    check_jsonschema = shutil.which("check-jsonschema", path=str(BIN))
    if check_jsonschema is None:
        raise SystemExit("check-jsonschema absent : pip install -e '.[test]'")
    with tempfile.TemporaryDirectory() as tmp:
        merged = merged_example(Path(tmp))
        lines = len(merged.read_text(encoding="utf-8").splitlines())
        ours_split = median_seconds([*cptsplan, str(EXAMPLE)], args.runs, {0})
        ours = median_seconds([*cptsplan, str(merged)], args.runs, {0})
        their_command = [check_jsonschema, "--schemafile", str(SCHEMA), str(merged)]
        theirs = median_seconds(their_command, args.runs, {0})
        ours_cpu = CPU[" ".join([*cptsplan, str(merged)])]
        theirs_cpu = CPU[" ".join(their_command)]
        print(f"Exemple complet : {lines} lignes YAML ; médiane de {args.runs} exécutions")
        print(f"  check-jsonschema (schéma seul)             : {theirs * 1000:7.0f} ms")
        print(f"  cptsplan validate (fichier fusionné)       : {ours * 1000:7.0f} ms")
        print(f"  cptsplan validate (dossier de 6 fichiers)  : {ours_split * 1000:7.0f} ms")
        print(
            f"  rapport cptsplan / check-jsonschema         : {ours / theirs:7.2f} "
            "(objectif : 0,20 au plus)"
        )
        print(
            f"  temps processeur : check-jsonschema {theirs_cpu * 1000:.0f} ms, cptsplan "
            f"{ours_cpu * 1000:.0f} ms, rapport {ours_cpu / theirs_cpu:.2f}"
        )
        for label, path in hostile_files(Path(tmp)).items():
            seconds = median_seconds([*cptsplan, str(path)], 3, {1})
            print(f"  refus {label:<37}: {seconds * 1000:7.0f} ms (code de sortie 1)")


if __name__ == "__main__":
    main()
