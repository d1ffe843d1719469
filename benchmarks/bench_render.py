"""Time `cptsplan render` on the complete example against bare pandoc, in one run.

DOCX: cptsplan in-process (checked plan -> templates -> Markdown -> pandoc -> header and
footer filled), median of N runs, against the same pandoc binary converting the same
generated Markdown to DOCX with no option (a subprocess, median of N). Also the full path
(loading and checking the plan included) and the command line as a user runs it.
PDF: the command line (`python -m cptsplan render -f pdf`, a fresh process each time, so
that Typst's in-process memoisation does not flatter the figure), next to bare pandoc
converting the same Markdown to Typst markup (the first half of the PDF path).

    python benchmarks/bench_render.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "cpts-du-val-de-lys"
sys.path.insert(0, str(REPO / "src"))

from cptsplan import api, pandoc  # noqa: E402
from cptsplan.render import RenderOptions, render  # noqa: E402
from cptsplan.render.document import plan_markdown  # noqa: E402
from cptsplan.render.resources import template_dirs  # noqa: E402

REFERENCE = date(2026, 11, 1)
DOCX_TARGET = 1.5
PDF_TARGET = 1.0


def median_seconds(action: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    report = api.load_checked_plan(EXAMPLE, today=REFERENCE)
    plan = report.plan
    assert plan is not None, "l'exemple complet doit être valide"
    markdown = plan_markdown(plan, "interne", False, template_dirs(EXAMPLE, None), report.grid)
    docx_options = RenderOptions(formats=("docx",), edition="interne", conformity_grid=report.grid)
    render(plan, EXAMPLE, docx_options)  # warm-up: Jinja environment, imports

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "plan.md"
        source.write_text(markdown, encoding="utf-8")
        bare_command = [str(pandoc.pandoc_binary()), str(source), "-o", f"{folder}/bare.docx"]
        bare = median_seconds(lambda: subprocess.run(bare_command, check=True), runs)
        typst_command = [str(pandoc.pandoc_binary()), str(source), "-t", "typst", "-o",
                         f"{folder}/bare.typ"]  # fmt: skip
        bare_typst = median_seconds(lambda: subprocess.run(typst_command, check=True), runs)
        docx_render = median_seconds(lambda: render(plan, EXAMPLE, docx_options), runs)
        docx_full = median_seconds(
            lambda: render(
                api.load_checked_plan(EXAMPLE, today=REFERENCE).plan, EXAMPLE, docx_options
            ),
            runs,
        )

        def cli(fmt: str) -> None:
            subprocess.run(
                [sys.executable, "-m", "cptsplan", "render", str(EXAMPLE), "-f", fmt,
                 "-o", f"{folder}/cli.{fmt}", "--date", REFERENCE.isoformat()],
                check=True, capture_output=True,
            )  # fmt: skip

        docx_cli = median_seconds(lambda: cli("docx"), runs)
        pdf_cli = median_seconds(lambda: cli("pdf"), runs)
        pages = pdf_page_count(Path(f"{folder}/cli.pdf"))

    ratio = docx_render / bare
    rows = [
        ("pandoc seul, Markdown -> DOCX (sous-processus)", bare, ""),
        ("cptsplan, plan vérifié -> DOCX (en processus)", docx_render, f"x{ratio:.2f}"),
        ("cptsplan, chargement + vérification + DOCX", docx_full, f"x{docx_full / bare:.2f}"),
        ("cptsplan render -f docx (ligne de commande)", docx_cli, f"x{docx_cli / bare:.2f}"),
        ("pandoc seul, Markdown -> Typst (sous-processus)", bare_typst, ""),
        ("cptsplan render -f pdf (ligne de commande)", pdf_cli, ""),
    ]
    print(f"Exemple complet : {len(markdown) // 1024} Kio de Markdown, PDF de {pages} pages, "
          f"médiane de {runs} essais")  # fmt: skip
    print(f"{'mesure':<52} {'secondes':>9} {'rapport':>8}")
    for label, seconds, note in rows:
        print(f"{label:<52} {seconds:>9.3f} {note:>8}")
    print(
        f"DOCX : {ratio:.2f} fois pandoc seul (objectif <= {DOCX_TARGET}) ; "
        f"PDF : {pdf_cli:.2f} s en ligne de commande (objectif environ {PDF_TARGET} s)"
    )
    return 0


def pdf_page_count(path: Path) -> int:
    try:
        import pypdf  # a test dependency
    except ImportError:
        return -1
    return len(pypdf.PdfReader(str(path)).pages)


if __name__ == "__main__":
    sys.exit(main())
