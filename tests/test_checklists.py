"""A regional guide's check-lists answered point by point (issue 19 §3): the example of
docs/format.md, added to a real plan, passes the schema and prints each answer, « en partie »
and « à compléter » included, in the document."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from .conftest import MINIMAL_EXAMPLE, REPO, run_cli
from .test_render_support import REFERENCE_DATE


def documented_example() -> dict[str, object]:
    text = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    section = text.split("### Listes de contrôle d'un guide (`evaluer.listes_de_controle`)")[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert block is not None
    data = yaml.safe_load(block.group(1))
    return data["evaluer"]["listes_de_controle"][0]


def test_the_documented_check_list_validates_and_prints_every_answer(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    shutil.copytree(MINIMAL_EXAMPLE, folder)
    plan_file = folder / "plan.yaml"
    data = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    checklist = documented_example()
    data["evaluer"]["listes_de_controle"] = [checklist]
    plan_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    schema_only = run_cli("validate", folder, "--schema-seulement", "--date", REFERENCE_DATE)
    assert schema_only.exit_code == 0, schema_only.stdout
    result = run_cli("validate", folder, "--date", REFERENCE_DATE)
    assert "evaluer.listes_de_controle[0].points[2].reponse" in result.stdout  # to complete

    out = tmp_path / "sortie" / "plan"
    out.parent.mkdir()
    rendered = run_cli("render", folder, "-f", "md", "--brouillon", "-o", out,
                       "--date", REFERENCE_DATE)  # fmt: skip
    assert rendered.exit_code == 0, rendered.stderr
    text = out.with_suffix(".md").read_text(encoding="utf-8")
    assert "Listes de contrôle" in text and "Mise en place de la cellule de crise" in text
    assert "ARS PACA, 2023" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "cellule" in line]
    assert any("| oui |" in row for row in rows)
    assert any("| en partie |" in row for row in rows)
    assert any("compléter" in line for line in text.splitlines() if "exercice de mise" in line)
