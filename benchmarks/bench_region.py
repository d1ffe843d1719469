"""A regional reviewer's folder, checked as `validate DOSSIER --tableau relecture.xlsx` does:
the time per YAML plan, per Word plan and for the whole folder with its table.

The folder: 30 copies of the minimal example (plan repositories), 30 Word and LibreOffice
plans (the six documents of tests/import_corpus, five copies each), and what reviewers
receive besides (a .doc, a PDF, an empty folder, a broken YAML). Word plans are imported in
memory first: they cost most of the run. Each figure is the best of `--runs`.

    .venv/bin/python benchmarks/bench_region.py [--copies 30] [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from cptsplan.batch.collect import check_batch  # noqa: E402
from cptsplan.tableau.table import write_table  # noqa: E402
from tests.import_corpus import build_corpus  # noqa: E402

MINIMAL = ROOT / "examples" / "cpts-minimale"
TODAY = date(2026, 12, 7)


def best_of(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def build(root: Path, copies: int) -> tuple[Path, Path]:
    yaml_only, words = root / "yaml", root / "word"
    for number in range(copies):
        shutil.copytree(MINIMAL, yaml_only / f"cpts-{number:02d}")
    corpus = build_corpus(root / "corpus")
    words.mkdir()
    for number in range(copies):
        document = corpus[number % len(corpus)].path
        shutil.copy(document, words / f"plan-{number:02d}{document.suffix}")
    region = root / "region"
    shutil.copytree(yaml_only, region)
    for document in words.iterdir():
        shutil.copy(document, region / document.name)
    (region / "ancien.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    (region / "scanne.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (region / "vide").mkdir()
    (region / "casse").mkdir()
    (region / "casse" / "plan.yaml").write_text("cpts:\n  nom: [\n", encoding="utf-8")
    return yaml_only, words


def check(folder: Path, jobs: int, table: Path | None = None) -> None:
    result = check_batch(
        [folder],
        today=TODAY,
        config=None,
        run_rules=True,
        start=lambda _total: None,
        progress=lambda _report: None,
        jobs=jobs,
    )
    if table is not None:
        write_table(result, table)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        yaml_only, words = build(root, args.copies)
        region = root / "region"
        check(yaml_only, 1)  # warm-up: schema validator, rule registry, pandoc
        per_yaml = best_of(args.runs, lambda: check(yaml_only, 1)) / args.copies
        per_word = best_of(args.runs, lambda: check(words, 1)) / args.copies
        entries = len(list(region.iterdir()))
        table = root / "relecture.xlsx"
        for jobs in (1, 2):
            whole = best_of(args.runs, lambda jobs=jobs: check(region, jobs, table))  # type: ignore[misc]
            print(
                f"dossier de {entries} plans, tableau XLSX compris, --jobs {jobs} : {whole:.1f} s"
            )
        print(f"par plan YAML : {per_yaml * 1000:.0f} ms")
        print(f"par plan Word : {per_word * 1000:.0f} ms")


if __name__ == "__main__":
    main()
