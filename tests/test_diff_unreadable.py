"""`cptsplan diff` on a draft with a file saved half-typed (broken YAML): the README says
diff works on a plan that does not pass `validate`; what it cannot read it does not call
removed. On a real git repository."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import example_repository, git, run_cli


def test_a_section_in_an_unreadable_file_is_not_reported_removed(tmp_path: Path) -> None:
    plan = example_repository(tmp_path)
    git(tmp_path, "tag", "v2.1")
    main = plan / "plan.yaml"
    main.write_text(main.read_text("utf-8").replace("  titre: Plan de", "  titre: Le plan de"))
    broken = plan / "piloter.yaml"
    broken.write_text(broken.read_text("utf-8") + "cellule: [\n", encoding="utf-8")
    result = run_cli("diff", plan)
    assert result.exit_code == 0, result.stderr
    assert "Titre du document : modifié" in result.stdout  # the rest is still compared
    assert "piloter.yaml n'a pas pu être lu" in result.stdout
    assert "« Piloter » : non comparé" in result.stdout
    # Before: « Piloter : supprimé — une section », and a deletion in the JSON for the CI.
    assert "Piloter : supprimé" not in result.stdout and "1 suppression" not in result.stdout
    report = json.loads(run_cli("diff", plan, "--format", "json").stdout)
    assert [s for s in report["sections"] if "Piloter" in json.dumps(s, ensure_ascii=False)] == []
