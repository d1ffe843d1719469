"""Time `cptsplan render` on the complete example against the tools it is compared with.

Every figure is a whole process started afresh, as a user runs it, and the runs of the
different commands are interleaved (one of each, then again), so that the load of a shared
machine weighs on all of them alike; each figure is the median of N runs.

- PDF: `python -m cptsplan render EXAMPLE -f pdf` (reading and checking the plan included),
  against LibreOffice converting the DOCX that cptsplan writes for the same plan to PDF
  (`soffice --headless --convert-to pdf`, a private profile made for this run and warmed up
  once), and against a bare Typst compile of the very Typst source cptsplan compiles (the
  `typst` package in a fresh Python process, same options).
- DOCX: `python -m cptsplan render EXAMPLE -f docx` against the bundled pandoc converting the
  same Markdown to DOCX with no option.

Python's compiled bytecode is kept (as `pip install` writes it): a development shell that sets
PYTHONDONTWRITEBYTECODE would otherwise time the compilation of cptsplan's sources.

    python benchmarks/bench_render.py [--runs 5]
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
from collections.abc import Callable
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "cpts-du-val-de-lys"
sys.path.insert(0, str(REPO / "src"))

from cptsplan import api  # noqa: E402
from cptsplan.files import pandoc  # noqa: E402
from cptsplan.render.document import layout_values, plan_markdown, running_texts  # noqa: E402
from cptsplan.render.figures import load_figures, typst_files  # noqa: E402
from cptsplan.render.pdf import typst_source  # noqa: E402
from cptsplan.render.resources import template_dirs  # noqa: E402

REFERENCE = date(2026, 11, 1)
PDF_TARGET_SECONDS = 1.0
PDF_TARGET_RATIO = 4.0
DOCX_TARGET_RATIO = 1.2
ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}

BARE_TYPST = """
import sys, typst
folder = sys.argv[1]
typst.compile(folder + "/plan.typ", output=folder + "/bare.pdf", root=folder, format="pdf",
              ignore_system_fonts=True, package_path=folder + "/paquets",
              package_cache_path=folder + "/paquets", timestamp=0)
"""


def run(command: list[str]) -> Callable[[], None]:
    def action() -> None:
        subprocess.run(command, check=True, capture_output=True, env=ENVIRONMENT)

    return action


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def interleaved(
    actions: dict[str, Callable[[], None]], runs: int
) -> tuple[dict[str, float], dict[str, float]]:
    """Median wall-clock seconds and median processor seconds (all threads of the process) of
    each action; the processor time varies less than the wall clock on a loaded machine."""
    timings: dict[str, list[float]] = {name: [] for name in actions}
    processor: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            start, cpu = time.perf_counter(), children_cpu()
            action()
            timings[name].append(time.perf_counter() - start)
            processor[name].append(children_cpu() - cpu)
    return (
        {name: statistics.median(values) for name, values in timings.items()},
        {name: statistics.median(values) for name, values in processor.items()},
    )


def prepare(folder: Path) -> tuple[str, int]:
    """The generated Markdown and Typst source of the example, written into `folder`."""
    report = api.load_checked_plan(EXAMPLE, today=REFERENCE)
    plan = report.plan
    assert plan is not None, "l'exemple complet doit être valide"
    dirs = template_dirs(EXAMPLE, None)
    figures = load_figures(plan)
    markdown = plan_markdown(plan, "interne", False, dirs, report.grid, figures)
    (folder / "plan.md").write_text(markdown, encoding="utf-8")
    texts = running_texts(plan, "interne", False)
    values = layout_values(texts, False)
    source = typst_source(markdown, dirs.get("plan-sse.typ").text(), values, "plan-sse.typ")
    (folder / "plan.typ").write_text(source, encoding="utf-8")
    (folder / "paquets").mkdir()
    for name, data in typst_files(figures).items():
        (folder / name).write_bytes(data)
    return markdown, len(source)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    soffice = shutil.which("soffice") or shutil.which("libreoffice")

    with tempfile.TemporaryDirectory(prefix="cptsplan-bench-") as name:
        folder = Path(name)
        markdown, typst_size = prepare(folder)

        def cli(fmt: str) -> list[str]:
            return [sys.executable, "-m", "cptsplan", "render", str(EXAMPLE), "-f", fmt,
                    "-o", str(folder / f"cli.{fmt}"), "--date", REFERENCE.isoformat()]  # fmt: skip

        actions = {
            "pdf": run(cli("pdf")),
            "docx": run(cli("docx")),
            "typst": run([sys.executable, "-c", BARE_TYPST, str(folder)]),
            "pandoc": run(
                [
                    str(pandoc.pandoc_binary()),
                    str(folder / "plan.md"),
                    "-o",
                    str(folder / "bare.docx"),
                ]
            ),
        }
        for action in actions.values():  # warm-up: bytecode, Jinja's cache, disk cache
            action()
        if soffice:
            profile = folder / "profil-libreoffice"
            convert = run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(folder / "lo"),
                           str(folder / "cli.docx")])  # fmt: skip
            convert()  # the first start creates the private profile: not timed
            actions["libreoffice"] = convert
        found, cpu = interleaved(actions, runs)
        pages = pdf_page_count(folder / "cli.pdf")

    pdf, docx = found["pdf"], found["docx"]
    print(
        f"Exemple complet : {len(markdown) // 1024} Kio de Markdown, {typst_size // 1024} Kio "
        f"de Typst, PDF de {pages} pages ; médiane de {runs} essais alternés, processus neufs"
    )
    rows = [
        ("cptsplan render -f pdf (tout compris)", pdf, ""),
        ("Typst seul, même source Typst", found["typst"], f"x{pdf / found['typst']:.2f}"),
    ]
    if "libreoffice" in found:
        lo = found["libreoffice"]
        rows.append(("LibreOffice, le DOCX de cptsplan -> PDF", lo, f"/{lo / pdf:.2f}"))
    rows += [
        ("cptsplan render -f docx (tout compris)", docx, ""),
        ("pandoc seul, même Markdown -> DOCX", found["pandoc"], f"x{docx / found['pandoc']:.2f}"),
    ]
    keys = ["pdf", "typst", "libreoffice", "docx", "pandoc"]
    keys = [key for key in keys if key in found]
    print(f"{'mesure':<46} {'secondes':>9} {'rapport':>8} {'processeur':>11}")
    for key, (label, seconds, note) in zip(keys, rows, strict=True):
        print(f"{label:<46} {seconds:>9.3f} {note:>8} {cpu[key]:>10.2f}s")
    summary = (
        f"PDF : {pdf:.2f} s (objectif <= {PDF_TARGET_SECONDS} s), "
        f"{pdf / found['typst']:.2f} fois Typst seul"
    )
    if "libreoffice" in found:
        summary += (f", {found['libreoffice'] / pdf:.1f} fois plus rapide que LibreOffice "
                    f"(objectif >= {PDF_TARGET_RATIO})")  # fmt: skip
    else:
        summary += " (LibreOffice absent : pas de comparaison)"
    print(summary)
    print(f"DOCX : {docx / found['pandoc']:.2f} fois pandoc seul (objectif <= {DOCX_TARGET_RATIO})")
    return 0


def pdf_page_count(path: Path) -> int:
    try:
        import pypdf  # a test dependency
    except ImportError:
        return -1
    return len(pypdf.PdfReader(str(path)).pages)


if __name__ == "__main__":
    sys.exit(main())
