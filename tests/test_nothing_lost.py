"""Nothing written is lost: a plan that fills every leaf of the schema (generated from the
schema, see plan_generator.py) shows each value in the internal edition's Markdown, DOCX and
PDF, and each value but the directory's contact details in the diffusable edition, which
never shows those."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from cptsplan import api
from cptsplan.load.source import PlanSource
from cptsplan.model import build_plan
from cptsplan.render.document import plan_markdown
from cptsplan.render.figures import load_figures
from cptsplan.render.resources import template_dirs

from .conftest import run_cli
from .plan_generator import Leaf, full_plan, with_value
from .test_figures import png
from .test_render_support import REFERENCE_DATE, docx_texts, pdf_pages, unbreak

EDITIONS = ("interne", "diffusable")
FORMATS = ("md", "docx", "pdf")

NOT_PRINTED: dict[str, str] = {
    # Each leaf of the schema that no document shows, and why (schema paths, "[]" = any item).
    "version_format": "version of the YAML format, read by cptsplan, not by the plan's readers",
    "silences[].regle": "silences configure validate (which rule is quieted where), they are "
    "not part of the plan's content",
    "silences[].chemin": "see silences[].regle",
    "silences[].raison": "see silences[].regle",
    "figures[].fichier": "the image itself is printed, not its file name (the Markdown output "
    "links the file)",
    "figures[].texte_alternatif": "read aloud by screen readers, not visible: the image's "
    "description in DOCX and PDF (/Alt), its alt text in HTML and Markdown (test_figures.py)",
    "annuaire[].type": "personne or organisme: how an entry is named (a person has a first "
    "name and a profession), which the printed name and profession already say",
}
"""Besides these, identifiers (`id`) are never printed: items are shown by their name."""

CONTACT = re.compile(r"^annuaire\[\]\.(telephones|email|mssante|adresse)\b")
"""Directory contact details: internal edition only (see redact.py)."""


def _is_checked(leaf: Leaf) -> bool:
    return leaf.path[-1] != "id" and leaf.dotted not in NOT_PRINTED


def _flat(text: str) -> str:
    """Text without any whitespace (PDF lines break anywhere), French apostrophes plain,
    without the word joiners that keep « 02/09/2026 » or « 24 h/24 » on one line."""
    return re.sub(r"\s+", "", unbreak(text).replace("\u2019", "'").replace("\u2060", ""))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any], list[Leaf]]:
    data, leaves = full_plan()
    folder = tmp_path_factory.mktemp("plein") / "plan"
    folder.mkdir()
    (folder / "plan.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )
    for figure in data["figures"]:
        (folder / figure["fichier"]).write_bytes(png())
    return folder, data, leaves


@pytest.fixture(scope="module")
def texts(generated: tuple[Path, dict[str, Any], list[Leaf]]) -> dict[tuple[str, str], str]:
    folder = generated[0]
    found = {}
    for edition in EDITIONS:
        out = folder.parent / edition / "plan"
        args = [arg for fmt in FORMATS for arg in ("-f", fmt)]
        options = ["--brouillon", "--edition", edition, "--date", REFERENCE_DATE, "-o", out]
        result = run_cli("render", folder, *args, *options)
        assert result.exit_code == 0, result.stderr
        found[edition, "md"] = out.with_suffix(".md").read_text(encoding="utf-8")
        found[edition, "docx"] = "\n".join(docx_texts(out.with_suffix(".docx")))
        found[edition, "pdf"] = "\n".join(pdf_pages(out.with_suffix(".pdf")))
    return {key: _flat(text) for key, text in found.items()}


def test_the_generated_plan_passes_the_schema(
    generated: tuple[Path, dict[str, Any], list[Leaf]],
) -> None:
    report = api.load_checked_plan(generated[0], today=None)
    assert report.plan is not None, [str(problem) for problem in report.problems]
    assert len(generated[2]) > 200  # every leaf, not a sample


def test_every_value_is_printed_and_contacts_only_internally(
    generated: tuple[Path, dict[str, Any], list[Leaf]], texts: dict[tuple[str, str], str]
) -> None:
    missing = []
    for leaf in generated[2]:
        if leaf.expected is None or not _is_checked(leaf):
            continue
        wanted = _flat(leaf.expected.replace("\u2019", "'"))
        for edition in EDITIONS:
            for fmt in FORMATS:
                shown = wanted in texts[edition, fmt]
                if edition == "diffusable" and CONTACT.match(leaf.dotted):
                    if shown and isinstance(leaf.value, str):
                        missing.append(
                            f"{leaf.dotted} = {leaf.expected!r}: shown in {fmt} (diffusable)"
                        )
                elif not shown:
                    missing.append(
                        f"{leaf.dotted} = {leaf.expected!r}: missing in {fmt} ({edition})"
                    )
    assert not missing, "\n".join(missing)


def _markdown(folder: Path, data: dict[str, Any], edition: str) -> str:
    source = PlanSource(root=folder, display=str(folder), data=data)
    plan = build_plan(source)
    return plan_markdown(plan, edition, True, template_dirs(folder, None), None, load_figures(plan))


def test_every_flag_reference_and_choice_changes_the_document(
    generated: tuple[Path, dict[str, Any], list[Leaf]],
) -> None:
    """Leaves whose printed form is not unique (yes/no, a reference, a choice without a
    label, a bounded number): another value must give another document."""
    folder, data, leaves = generated
    base = {edition: _markdown(folder, data, edition) for edition in EDITIONS}
    unchanged = []
    for leaf in leaves:
        if leaf.alternative is None or not _is_checked(leaf):
            continue
        for edition in EDITIONS:
            if edition == "diffusable" and CONTACT.match(leaf.dotted):
                continue
            if (
                _markdown(folder, with_value(data, leaf, leaf.alternative), edition)
                == base[edition]
            ):
                unchanged.append(
                    f"{leaf.dotted}: {leaf.value!r} -> {leaf.alternative!r} ({edition})"
                )
    assert not unchanged, "\n".join(unchanged)


def test_an_empty_volet_list_prints_no_bare_label(
    generated: tuple[Path, dict[str, Any], list[Leaf]],
) -> None:
    folder, data, _ = generated
    changed = copy.deepcopy(data)
    for response in changed["adapter"]["reponses"]:
        response["volets"] = []
    label = re.compile(r"Volets? ORSAN\*\* :")  # singular for one volet
    assert label.search(_markdown(folder, data, "interne"))
    assert not label.search(_markdown(folder, changed, "interne"))
