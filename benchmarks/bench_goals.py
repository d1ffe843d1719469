"""Every row of issue 20's table, both sides in one run: cptsplan against the tool it drives.

Whole processes started afresh, as a user runs them, interleaved (ours, theirs, next row,
then again), so that the load of a shared machine weighs on both sides alike. The figure is
processor time (user + system of the child, all its threads), which varies much less than
the elapsed time on a loaded machine; each ratio is the median of the ratios of each pair.
The batch row is measured inside this process (a warm `check()` of one plan against a bare
parse of the same files), and the preview row comes from bench_preview.py (in-process
refresh against a cold render).

    python benchmarks/bench_goals.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import platform
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
SCHEMA = REPO / "schemas" / "plan.schema.json"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cptsplan import api  # noqa: E402
from cptsplan.files import pandoc  # noqa: E402
from cptsplan.privacy.safetext import xml_text  # noqa: E402
from cptsplan.render.document import (  # noqa: E402
    RenderOptions,
    plan_markdown,
    render,
    running_texts,
)
from cptsplan.render.figures import load_figures, with_sources  # noqa: E402
from cptsplan.render.resources import template_dirs  # noqa: E402

REFERENCE = date(2026, 11, 23)
ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}

BARE_PARSE = """
import sys, yaml
for name in sys.argv[1:]:
    with open(name, "rb") as stream:
        yaml.load(stream, Loader=yaml.CSafeLoader)
"""
BARE_TYPST = """
import sys, typst
folder = sys.argv[1]
typst.compile(folder + "/plan.typ", root=folder, format="pdf", ignore_system_fonts=True,
              package_path=folder + "/paquets", package_cache_path=folder + "/paquets",
              timestamp=0)
"""


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """(processor seconds, elapsed seconds) of one run of `command`."""
    cpu, wall = children_cpu(), time.perf_counter()
    completed = subprocess.run(command, capture_output=True, env=ENVIRONMENT, cwd=cwd)
    if completed.returncode != 0:
        raise SystemExit(f"{command} -> {completed.returncode}\n{completed.stderr.decode()}")
    return children_cpu() - cpu, time.perf_counter() - wall


def merged_example(folder: Path) -> Path:
    target = folder / "plan-fusionne.yaml"
    parts = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLE.glob("*.yaml"))]
    target.write_text("\n".join(parts), encoding="utf-8")
    shutil.copytree(EXAMPLE / "figures", folder / "figures")
    return target


def prepare_render(folder: Path) -> list[str]:
    """The Markdown and Typst source of the example written into `folder`, and pandoc's
    command for the DOCX exactly as cptsplan runs it (reader, filter, reference document,
    metadata), reading that Markdown."""
    report = api.load_checked_plan(EXAMPLE, today=REFERENCE)
    plan = report.plan
    assert plan is not None
    edition = "interne"
    dirs = template_dirs(EXAMPLE, None)
    figures = load_figures(plan)
    markdown = plan_markdown(plan, edition, False, dirs, report.grid, figures)
    (folder / "plan.md").write_text(with_sources(markdown, figures, "docx"), encoding="utf-8")
    texts = running_texts(plan, edition, False)
    source, files = typst_input(report)
    (folder / "plan.typ").write_text(source, encoding="utf-8")
    (folder / "paquets").mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "reference.docx").write_bytes(dirs.get("reference.docx").data)
    return [
        str(pandoc.pandoc_binary()), "--sandbox", f"--data-dir={folder}",
        f"--from={pandoc.READER}", "--to=docx", f"--output={folder / 'nu.docx'}",
        "--reference-doc=reference.docx", f"--lua-filter={dirs.lua_filter()}",
        "--metadata=lang:fr-FR", f"--metadata=cptsplan-entete:{texts['ENTETE']}",
        f"--metadata=cptsplan-edition:{texts['EDITION']}",
        f"--metadata=cptsplan-pied:{texts['PIED']}", str(folder / "plan.md"),
    ]  # fmt: skip


def typst_input(report: api.PlanReport) -> tuple[str, dict[str, bytes]]:
    """The Typst source and files `render -f pdf` hands to Typst, taken from a render of
    the example in this process (the compile itself replaced): the same source, names rule
    included (render/names.py: a show rule that costs Typst about 0.35 s on the example, so
    a source rebuilt without it made the reference 30 % cheaper than what cptsplan compiles)."""
    captured: dict[str, object] = {}

    def capture(source: str, timestamp: object = None, files: object = None, *_: object) -> bytes:
        captured.update(source=source, files=dict(files or {}))  # type: ignore[call-overload]
        return b"%PDF-"

    assert report.plan is not None
    original = pandoc.typst_to_pdf
    pandoc.typst_to_pdf = capture  # type: ignore[assignment]
    try:
        options = RenderOptions(formats=("pdf",), conformity_grid=report.grid)
        render(report.plan, EXAMPLE, options)
    finally:
        pandoc.typst_to_pdf = original  # type: ignore[assignment]
    return xml_text(str(captured["source"])), captured["files"]  # type: ignore[return-value]


def repository(folder: Path) -> Path:
    """The example committed as its version in a git repository, then edited: the update's
    summary has changes to count, as in a real year."""
    plan = folder / "depot" / "plan"
    shutil.copytree(EXAMPLE, plan)
    names = {"GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@b.fr"}
    names |= {"GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@b.fr"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "v2.1"]):
        subprocess.run(["git", *args], cwd=plan.parent, check=True, capture_output=True,
                       env={**ENVIRONMENT, **names})  # fmt: skip
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    edited = text.replace("- nom: Merlinghem-sur-Lys", "- nom: Merlinghem-sur-la-Lys", 1)
    (plan / "plan.yaml").write_text(edited, encoding="utf-8")
    return plan


def in_process_batch(runs: int) -> tuple[float, float]:
    """(check of one plan, bare parse of its files): processor seconds, warm process."""
    import yaml

    files = sorted(EXAMPLE.glob("*.yaml"))

    def parse() -> None:
        for name in files:
            with open(name, "rb") as stream:
                yaml.load(stream, Loader=yaml.CSafeLoader)

    def check() -> None:
        api.check([EXAMPLE], today=REFERENCE)

    check(), parse()  # warm-up: schema validator, rule registry
    ours, theirs = [], []
    for _ in range(runs):
        for action, found in ((check, ours), (parse, theirs)):
            start = time.process_time()
            action()
            found.append(time.process_time() - start)
    return statistics.median(ours), statistics.median(theirs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    cptsplan = [sys.executable, "-m", "cptsplan"]
    check_jsonschema = shutil.which("check-jsonschema", path=str(BIN))
    if check_jsonschema is None:
        raise SystemExit("check-jsonschema absent : pip install -e '.[test]'")
    date_option = ["--date", REFERENCE.isoformat()]
    with tempfile.TemporaryDirectory(prefix="cptsplan-bench-objectifs-") as name:
        folder = Path(name)
        merged = merged_example(folder)
        bare_pandoc = prepare_render(folder)
        plan = repository(folder)
        yaml_files = [str(path) for path in sorted(EXAMPLE.glob("*.yaml"))]
        validate = [*cptsplan, "validate", str(EXAMPLE), *date_option]
        rows: list[tuple[str, list[str], list[str], float, float | None]] = [
            ("validate (fichier fusionné) / check-jsonschema",
             [*cptsplan, "validate", str(merged), *date_option],
             [check_jsonschema, "--schemafile", str(SCHEMA), str(merged)], 0.2, 0.30),
            ("validate / lecture libyaml nue (CSafeLoader)", validate,
             [sys.executable, "-c", BARE_PARSE, *yaml_files], 2.0, 3.3),
            ("render -f docx / pandoc nu (mêmes options)",
             [*cptsplan, "render", str(EXAMPLE), "-f", "docx", "-o", str(folder / "c.docx"),
              *date_option], bare_pandoc, 1.3, 1.57),
            ("render -f pdf / Typst nu (même source)",
             [*cptsplan, "render", str(EXAMPLE), "-f", "pdf", "-o", str(folder / "c.pdf"),
              *date_option], [sys.executable, "-c", BARE_TYPST, str(folder)], 1.3, 1.54),
            ("update (essai) / validate",
             [*cptsplan, "update", str(plan), *date_option],
             [*cptsplan, "validate", str(plan), *date_option], 1.3, 2.0),
        ]  # fmt: skip
        os.chdir(folder)  # pandoc names its reference document as cptsplan does: no path
        for _, ours, theirs, _, _ in rows:  # warm-up: bytecode, disk cache, Jinja's cache
            timed(ours), timed(theirs)
        cpu: dict[int, tuple[list[float], list[float], list[float]]] = {
            index: ([], [], []) for index in range(len(rows))
        }
        for _ in range(runs):
            for index, (_, ours, theirs, _, _) in enumerate(rows):
                mine, _wall = timed(ours)
                other, _wall = timed(theirs)
                cpu[index][0].append(mine)
                cpu[index][1].append(other)
                cpu[index][2].append(mine / other)
        batch_ours, batch_theirs = in_process_batch(runs)
        os.chdir(REPO)

    from bench_preview import measure

    preview = measure(runs)
    print(f"{date.today().isoformat()}, {platform.node()} ({os.cpu_count()} cœurs, "
          f"{platform.machine()}, Python {platform.python_version()}) ; "
          f"{runs} paires alternées, temps processeur")  # fmt: skip
    print(f"{'mesure':<50} {'cptsplan':>9} {'référence':>10} {'rapport':>8} {'avant':>6} "
          f"{'objectif':>9}")  # fmt: skip
    report: list[tuple[str, float, float, float, float | None, float]] = [
        (label, statistics.median(cpu[i][0]), statistics.median(cpu[i][1]),
         statistics.median(cpu[i][2]), before, goal)
        for i, (label, _, _, goal, before) in enumerate(rows)
    ]  # fmt: skip
    report.insert(2, ("un plan, processus chaud / lecture nue", batch_ours, batch_theirs,
                      batch_ours / batch_theirs, 2.7, 2.0))  # fmt: skip
    report.append(("apercu : mise à jour / render -f pdf à froid", *preview, None, 0.25))
    for label, ours_cpu, theirs_cpu, ratio, before, goal in report:
        mark = "ok" if ratio <= goal else "NON"
        shown = f"{before:.2f}" if before is not None else "—"
        print(f"{label:<50} {ours_cpu:>8.3f}s {theirs_cpu:>9.3f}s {ratio:>8.2f} {shown:>6} "
              f"{'<= ' + format(goal, '.2f'):>9} {mark}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
