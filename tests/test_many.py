"""Several plans in one call: one broken plan never stops the others; a summary table."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from cptsplan import api

from .conftest import MINIMAL_EXAMPLE, run_cli

DATE = "2026-11-23"


def three_plans(root: Path) -> Path:
    plans = root / "plans"
    for name in ("cpts-a", "cpts-b", "cpts-c"):
        shutil.copytree(MINIMAL_EXAMPLE, plans / name)
    broken = plans / "cpts-b" / "plan.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "\n\tcasse: oui\n", encoding="utf-8")
    return plans


def test_a_broken_plan_does_not_stop_the_others(tmp_path: Path) -> None:
    plans = three_plans(tmp_path)
    result = run_cli("validate", plans, "--format", "json", "--date", DATE)
    assert result.exit_code == 1
    reports = {Path(r["path"]).name: r for r in json.loads(result.stdout)["plans"]}
    assert set(reports) == {"cpts-a", "cpts-b", "cpts-c"}
    assert reports["cpts-a"]["valid"] and reports["cpts-c"]["valid"]
    assert reports["cpts-a"]["completeness"] == 1.0
    assert [p["rule"] for p in reports["cpts-b"]["problems"]] == ["yaml-tabulation"]
    assert reports["cpts-b"]["completeness"] is None


def test_text_output_ends_with_a_table_per_plan(tmp_path: Path) -> None:
    plans = three_plans(tmp_path)
    result = run_cli("validate", plans, "--date", DATE)
    lines = result.stdout.rstrip().splitlines()
    header, *rows, total = lines[-5:]
    assert header.split() == ["plan", "erreurs", "avertissements", "complétude"]
    assert [row.split()[0] for row in rows] == ["✔", "✘", "✔"]
    assert rows[1].split()[-3:] == ["1", "0", "—"]
    assert rows[0].endswith("100 %")
    assert total == "3 plans vérifiés, 2 valides, 1 erreur, 0 avertissement."


def test_progress_and_start_callbacks_see_every_plan(tmp_path: Path) -> None:
    plans = three_plans(tmp_path)
    seen: list[str] = []
    totals: list[int] = []
    api.check([plans], progress=lambda r: seen.append(r.target.path.name), start=totals.append)
    assert totals == [3]
    assert seen == ["cpts-a", "cpts-b", "cpts-c"]


def test_worker_processes_give_the_same_reports(tmp_path: Path) -> None:
    plans = three_plans(tmp_path)
    shutil.copytree(MINIMAL_EXAMPLE, plans / "cpts-d")
    sequential = api.check([plans], today=date(2026, 11, 23))
    parallel = api.check([plans], today=date(2026, 11, 23), jobs=2)

    def summary(result: api.CheckResult) -> list[tuple]:
        return [(r.target, r.name, r.problems, r.completeness) for r in result.reports]

    assert summary(parallel) == summary(sequential)
    assert parallel.exit_code() == sequential.exit_code() == 1


def test_reports_keep_what_the_table_shows_once_the_plan_is_dropped(tmp_path: Path) -> None:
    """200 plans kept in memory took 356 MiB: each plan is dropped once reported, in one
    process as in workers, and its report keeps its name, version, status and date."""
    plans = three_plans(tmp_path)
    for jobs in (1, 2):
        shutil.copytree(MINIMAL_EXAMPLE, plans / "cpts-d", dirs_exist_ok=True)
        result = api.check([plans], today=date(2026, 11, 23), jobs=jobs)
        valid = [r for r in result.reports if r.schema_valid]
        assert len(valid) == 3
        for report in valid:
            assert report.plan is None
            assert report.name == "CPTS du Plateau de Vèze"
            assert report.version == "1.0"
            assert report.last_update == date(2026, 9, 18)
            assert report.status is None  # not written in this plan
