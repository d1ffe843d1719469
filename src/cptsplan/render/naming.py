"""Where documents are written.

Without `--output`: `<repository>/build/plan-sse-v<version>-<edition>[-brouillon].<ext>`,
where the repository is the folder holding the `.cptsplan.yaml` that names the plan (what
`cptsplan init` makes, repository/location.py), else the folder of a one-file plan or the
folder of a split plan. The version in the name keeps the documents sent for each version
apart; a version still to complete adds nothing to the name (files/names.py).
With `--output`: an existing folder receives the default names; a path ending in an extension
of a requested format is that file (one format) or the stem of every file (several formats);
any other path is a stem to which each format's extension is added.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cptsplan.errors import UsageError
from cptsplan.files.names import version_part

EXTENSIONS = {"docx": ".docx", "pdf": ".pdf", "md": ".md", "html": ".html"}


def default_stem(version: object, edition: str, draft: bool) -> str:
    """'plan-sse-v2.1-interne'; 'plan-sse-diffusable-brouillon' while the version is still
    to complete (files/names.py)."""
    return f"plan-sse{version_part(version)}-{edition}" + ("-brouillon" if draft else "")


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
