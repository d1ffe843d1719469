"""Where documents are written.

Without `--output`: `<plan folder>/build/plan-sse-v<version>-<edition>[-brouillon].<ext>`,
where the plan folder is the folder of a one-file plan or the folder of a split plan. The
version in the name keeps the documents sent for each version apart.
With `--output`: an existing folder receives the default names; a path ending in an extension
of a requested format is that file (one format) or the stem of every file (several formats);
any other path is a stem to which each format's extension is added.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from cptsplan.errors import UsageError

EXTENSIONS = {"docx": ".docx", "pdf": ".pdf", "md": ".md", "html": ".html"}


def default_stem(version: str, edition: str, draft: bool) -> str:
    safe_version = re.sub(r"[^0-9A-Za-z.]+", "-", version)
    return f"plan-sse-v{safe_version}-{edition}" + ("-brouillon" if draft else "")


def output_paths(
    plan_path: Path,
    formats: Sequence[str],
    stem: str,
    output: Path | None = None,
) -> dict[str, Path]:
    if output is None:
        folder = (plan_path if plan_path.is_dir() else plan_path.parent) / "build"
        return {fmt: folder / (stem + EXTENSIONS[fmt]) for fmt in formats}
    if output.is_dir():
        return {fmt: output / (stem + EXTENSIONS[fmt]) for fmt in formats}
    suffix = output.suffix.lower()
    known = {extension: fmt for fmt, extension in EXTENSIONS.items()}
    if suffix in known:
        if len(formats) == 1 and known[suffix] != formats[0]:
            raise UsageError(
                f"le fichier de sortie {output} a l'extension {suffix}, "
                f"mais le format demandé est {formats[0]}",
                f"écrivez --output {output.with_suffix(EXTENSIONS[formats[0]])} "
                "ou changez --format",
            )
        base = output.with_suffix("")
        return {fmt: base.with_name(base.name + EXTENSIONS[fmt]) for fmt in formats}
    return {fmt: output.with_name(output.name + EXTENSIONS[fmt]) for fmt in formats}
