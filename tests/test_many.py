"""Several plans in one call: one broken plan never stops the others; a summary table."""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cptsplan import api
from cptsplan.batch.collect import check_batch

from .conftest import MINIMAL_EXAMPLE, run_cli
from .import_corpus import doc_themes

_real_check_document: Any = None

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


# ----------------------------------------------- a reviewer's folder, filed as plans came


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What a regional reviewer files: repositories, a Word plan in a sub-folder per CPTS,
    an old .doc and a scanned PDF at the top, a CPTS that sent nothing yet, a folder named
    as the mail it came with (accents, spaces, capitals)."""
    root = tmp_path_factory.mktemp("region") / "plans-recus"
    shutil.copytree(MINIMAL_EXAMPLE, root / "cpts-a")
    shutil.copytree(MINIMAL_EXAMPLE, root / "Cpts-bb Cœur d'Ardenne (reçu le 3 mars)")
    word = doc_themes.build(tmp_path_factory.mktemp("word"))
    (root / "cpts-b").mkdir()
    shutil.copy(word.path, root / "cpts-b" / "plan-sse.docx")
    (root / "cpts-c-ancien.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    (root / "cpts-d-scanne.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (root / "cpts-e").mkdir()
    (root / "cpts-f.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    (root / "Thumbs.db").write_bytes(b"\0")  # what Windows leaves: no row
    return root


def test_every_plan_sent_is_one_row_none_dropped(region: Path, tmp_path: Path) -> None:
    """Were dropped without a word: the Word plan of a sub-folder, the .doc, the PDF and the
    empty folder (the reviewer believed five CPTS reviewed out of six). Each is a row now,
    in the order a reader expects (« Cpts-bb Cœur » between « cpts-b » and « cpts-c »)."""
    target = tmp_path / "relecture.csv"
    result = run_cli("validate", region, "--date", DATE, "--tableau", target, "-f", "json")
    assert result.exit_code == 1
    with target.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter=";"))
    names = [Path(row["Dossier"]).relative_to(region).as_posix() for row in rows]
    assert names == [
        "cpts-a",
        "cpts-b/plan-sse.docx",
        "Cpts-bb Cœur d'Ardenne (reçu le 3 mars)",
        "cpts-c-ancien.doc",
        "cpts-d-scanne.pdf",
        "cpts-e",
        "cpts-f.zip",
    ]
    plans = {Path(p["path"]).name: p for p in json.loads(result.stdout)["plans"]}
    assert [Path(p).name for p in plans] == [Path(n).name for n in names]
    old = plans["cpts-c-ancien.doc"]["problems"]
    assert [p["rule"] for p in old] == ["document-illisible"]
    assert "document Word ancien (.doc)" in old[0]["message"]  # not « encodé en UTF-16 »
    assert ".docx" in old[0]["hint"]
    assert "PDF" in plans["cpts-d-scanne.pdf"]["problems"][0]["message"]
    assert [p["rule"] for p in plans["cpts-e"]["problems"]] == ["dossier-sans-plan"]
    assert [p["rule"] for p in plans["cpts-f.zip"]["problems"]] == ["archive-non-lue"]
    assert plans["plan-sse.docx"]["name"] == "CPTS des Coteaux du Vernon"


def test_an_old_doc_given_alone_gets_the_import_refusal(region: Path) -> None:
    result = run_cli("validate", region / "cpts-c-ancien.doc", "--date", DATE)
    assert result.exit_code == 1
    assert "document Word ancien (.doc)" in result.stdout
    assert "UTF-16" not in result.stdout


def test_a_folder_of_sub_folders_holding_only_documents_is_checked(region: Path) -> None:
    """No repository at all: every CPTS sent a Word document, each in its own folder (was a
    usage error, « aucun plan dans le dossier », and nothing checked)."""
    only_word = region.parent / "seulement-word"
    (only_word / "cpts-b").mkdir(parents=True)
    shutil.copy(region / "cpts-b" / "plan-sse.docx", only_word / "cpts-b" / "plan.docx")
    result = run_cli("validate", only_word, "--date", DATE, "-f", "json")
    assert result.exit_code == 1, result.stdout
    assert [Path(p["path"]).name for p in json.loads(result.stdout)["plans"]] == ["plan.docx"]


def test_sarif_describes_the_refused_document_and_the_empty_folder(region: Path) -> None:
    result = run_cli("validate", region, "--date", DATE, "-f", "sarif")
    rules = {r["id"]: r for r in json.loads(result.stdout)["runs"][0]["tool"]["driver"]["rules"]}
    assert "Word" in rules["document-illisible"]["shortDescription"]["text"]
    assert "contient un plan" in rules["dossier-sans-plan"]["shortDescription"]["text"]


def test_findings_on_a_word_plan_point_at_the_document_that_exists(region: Path) -> None:
    """They pointed at « plan-sse.docx/adapter.yaml:65:3 », in a temporary folder deleted
    before the report was printed: no file a reviewer or GitHub could open."""
    document = region / "cpts-b" / "plan-sse.docx"
    result = run_cli("validate", document, "--date", DATE, "-f", "json")
    (plan,) = json.loads(result.stdout)["plans"]
    assert plan["files"] == [str(document)]
    assert plan["problems"] and {p["file"] for p in plan["problems"]} == {str(document)}
    severities = [p["severity"] for p in plan["problems"]]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    github = run_cli("validate", document, "--date", DATE, "-f", "github").stdout
    files = {
        line.split("file=", 1)[1].split(",", 1)[0]
        for line in github.splitlines()
        if "file=" in line
    }
    assert files == {str(document)} and document.is_file()


def plan_paths(*args: str | Path) -> list[str]:
    result = run_cli("validate", *args, "--date", DATE, "-f", "json")
    return [p["path"] for p in json.loads(result.stdout)["plans"]]


def test_a_plan_named_twice_is_one_row(tmp_path: Path) -> None:
    plans = three_plans(tmp_path)
    paths = plan_paths(plans / "cpts-a", plans, plans / "cpts-a")
    assert [Path(p).name for p in paths] == ["cpts-a", "cpts-b", "cpts-c"]


def test_a_departments_folders_inside_the_regions_are_followed(tmp_path: Path) -> None:
    """region/59-nord/cpts-x: the department's plans were dropped without a word."""
    region = tmp_path / "region"
    shutil.copytree(MINIMAL_EXAMPLE, region / "59-nord" / "cpts-lille")
    (region / "59-nord" / "cpts-douai").mkdir()
    shutil.copytree(MINIMAL_EXAMPLE, region / "cpts-arras")
    paths = [Path(p).relative_to(region).as_posix() for p in plan_paths(region)]
    assert paths == ["59-nord/cpts-douai", "59-nord/cpts-lille", "cpts-arras"]


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need a privilege there")
def test_links_leaving_the_folder_of_plans_are_not_followed(tmp_path: Path) -> None:
    """A link to /etc was listed and searched for plans; a loop was dropped without a word."""
    region = tmp_path / "region"
    shutil.copytree(MINIMAL_EXAMPLE, region / "cpts-a")
    elsewhere = tmp_path / "ailleurs"
    shutil.copytree(MINIMAL_EXAMPLE, elsewhere)
    (region / "lien").symlink_to(elsewhere, target_is_directory=True)
    (region / "boucle").symlink_to(region / "boucle")
    (region / "interne").symlink_to(region / "cpts-a", target_is_directory=True)
    result = run_cli("validate", region, "--date", DATE, "-f", "json")
    plans = {Path(p["path"]).name: p for p in json.loads(result.stdout)["plans"]}
    # « interne » leads to cpts-a, inside the folder: the same plan, one row.
    assert sorted(plans) == ["boucle", "cpts-a", "lien"]
    for name in ("boucle", "lien"):
        assert [p["rule"] for p in plans[name]["problems"]] == ["lien-non-suivi"]


def test_a_document_that_trips_cptsplan_is_its_own_error_not_the_end(
    region: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unexpected failure in reading one Word plan ended the whole batch in a traceback."""
    from cptsplan.importer import check as importer_check

    real = importer_check.check_document

    def flaky(document: Path, *args: object) -> api.PlanReport:
        if document.suffix == ".pdf":
            raise KeyError("w:tbl")
        return real(document, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importer_check, "check_document", flaky)
    result = run_cli("validate", region, "--date", DATE, "-f", "json", "--jobs", "1")
    plans = {Path(p["path"]).name: p for p in json.loads(result.stdout)["plans"]}
    assert len(plans) == 7 and result.exit_code == 1
    (problem,) = plans["cpts-d-scanne.pdf"]["problems"]
    assert problem["rule"] == "erreur-interne" and "KeyError" in problem["message"]
    assert plans["plan-sse.docx"]["name"] == "CPTS des Coteaux du Vernon"


def test_documents_checked_in_workers_give_the_same_reports(region: Path) -> None:
    def reports(jobs: int) -> list[tuple[str, list[tuple[str, str]], float | None]]:
        result = check_batch(
            [region],
            today=date(2026, 11, 23),
            config=None,
            run_rules=True,
            start=lambda _total: None,
            progress=lambda _report: None,
            jobs=jobs,
        )
        return [
            (r.target.display, [(p.rule, p.message) for p in r.problems], r.completeness)
            for r in result.reports
        ]

    assert reports(2) == reports(1)


def test_a_word_plan_in_a_sub_folder_without_date_is_judged_today(region: Path) -> None:
    """Without --date the documents of a folder were checked with no reference date."""
    result = run_cli("validate", region, "-f", "json")
    plans = {Path(p["path"]).name: p for p in json.loads(result.stdout)["plans"]}
    rules = {p["rule"] for p in plans["plan-sse.docx"]["problems"]}
    assert "erreur-interne" not in rules and plans["plan-sse.docx"]["completeness"]


def test_one_cpts_configuration_that_does_not_load_is_its_row_not_the_end(
    tmp_path: Path,
) -> None:
    """A CPTS's broken .cptsplan.yaml stopped the region's check (exit 3, no table)."""
    plans = three_plans(tmp_path)
    (plans / "cpts-c" / ".cptsplan.yaml").write_text(
        "regles:\n  mise-a-jour-ancienne: desactivee\n", encoding="utf-8"
    )
    target = tmp_path / "relecture.csv"
    result = run_cli("validate", plans, "--date", DATE, "-f", "json", "--tableau", target)
    assert result.exit_code == 1
    reports = {Path(r["path"]).name: r for r in json.loads(result.stdout)["plans"]}
    assert [p["rule"] for p in reports["cpts-c"]["problems"]] == ["configuration-invalide"]
    assert "desactivee" in reports["cpts-c"]["problems"][0]["message"]
    assert reports["cpts-a"]["valid"] and target.is_file()
    # Named on its own, as its coordinator does, it still stops the run (exit 3).
    assert run_cli("validate", plans / "cpts-c", "--date", DATE).exit_code == 3


def test_text_and_summary_give_no_line_for_a_word_plan(region: Path) -> None:
    """Each finding read « plan-sse.docx:1:1 », « ligne 1 »: a place to look at that is not."""
    document = region / "cpts-b" / "plan-sse.docx"
    text = run_cli("validate", document, "--date", DATE).stdout
    assert f"{document}: erreur [" in text and f"{document}:1:1" not in text
    summary = run_cli("validate", document, "--date", DATE, "--resume").stdout
    assert "· " in summary and "ligne 1" not in summary


def test_the_text_total_counts_the_valid_plans_as_the_table_does(tmp_path: Path) -> None:
    """With --strict the total said « 3 valides » for plans the table said « à corriger »."""
    plans = tmp_path / "plans"
    for name in ("cpts-a", "cpts-b"):
        shutil.copytree(MINIMAL_EXAMPLE, plans / name)
    text = (plans / "cpts-b" / "plan.yaml").read_text(encoding="utf-8")
    start, end = text.index("  formations:"), text.index("  exercices:")
    (plans / "cpts-b" / "plan.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    target = tmp_path / "relecture.csv"
    result = run_cli("validate", plans, "--date", DATE, "--strict", "--tableau", target)
    with target.open(encoding="utf-8-sig", newline="") as stream:
        verdicts = [row["Résultat"] for row in csv.DictReader(stream, delimiter=";")]
    assert verdicts == ["valide", "à corriger"]
    assert result.stdout.rstrip().endswith("2 plans vérifiés, 1 valide, 0 erreur, 1 avertissement.")


def _dies_on_boom(document: Path, *_args: object) -> object:
    """Stands for a document that kills the process reading it (a crash in a library)."""
    if document.name == "boom.docx":
        os._exit(3)
    return _real_check_document(document, *_args)


def test_a_document_that_kills_its_reader_is_its_own_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a worker died, the documents left were read in the main process: the one that
    killed the worker killed the reviewer's whole run (no table). Now each is read alone in
    a worker of its own, and the killer is its row."""
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the patched reader reaches the workers only when they are forked")
    import cptsplan.importer.check as check
    from cptsplan.batch.documents import check_documents

    global _real_check_document
    _real_check_document = check.check_document
    monkeypatch.setattr(check, "check_document", _dies_on_boom)
    source = next(iter(sorted((Path(__file__).parent / "fixtures").rglob("*.docx"))), None)
    documents = []
    for name in ("avant.docx", "boom.docx", "apres.docx"):
        path = tmp_path / name
        path.write_bytes(source.read_bytes() if source else b"PK pas un vrai document")
        documents.append(path)
    reports = check_documents(
        documents, today=date(2026, 11, 23), config=None, run_rules=True, jobs=2,
        progress=lambda _report: None,
    )  # fmt: skip
    assert [Path(report.target.path).name for report in reports] == [
        "avant.docx",
        "boom.docx",
        "apres.docx",
    ]
    rules = [{problem.rule for problem in report.problems} for report in reports]
    assert "erreur-interne" in rules[1]
    assert "erreur-interne" not in rules[0] | rules[2]


def test_a_windows_junction_leaving_the_folder_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A junction (`mklink /J`, common on shared drives) is no symlink for Python 3.11 on
    Windows: only links were checked, so a junction to another folder was read. Simulated:
    a link that says it is no link, on a platform that says it is Windows."""
    from cptsplan.batch.collect import _outside

    region, elsewhere = tmp_path / "region", tmp_path / "ailleurs"
    region.mkdir()
    elsewhere.mkdir()
    junction = region / "jonction"
    junction.symlink_to(elsewhere, target_is_directory=True)
    inside = region / "cpts-a"
    inside.mkdir()
    real_is_symlink = Path.is_symlink
    monkeypatch.setattr(
        Path, "is_symlink", lambda self: False if self == junction else real_is_symlink(self)
    )
    monkeypatch.setattr(sys, "platform", "win32")
    assert _outside(junction, region)
    assert not _outside(inside, region)


def test_a_folder_too_deep_to_be_read_says_so_not_no_plan(tmp_path: Path) -> None:
    """Past three levels of folders, a folder with sub-folders was « aucun plan » although
    its sub-folders may hold plans that were simply not read."""
    region = tmp_path / "region"
    deep = region / "a" / "b" / "c" / "d"
    shutil.copytree(MINIMAL_EXAMPLE, deep / "cpts-profonde")
    shutil.copytree(MINIMAL_EXAMPLE, region / "cpts-a")
    result = run_cli("validate", region, "--date", DATE, "-f", "json")
    plans = json.loads(result.stdout)["plans"]
    messages = [problem["message"] for plan in plans for problem in plan["problems"]]
    assert any("niveaux sous le dossier des plans" in m and str(deep) in m for m in messages)
    assert not any(m.startswith("aucun plan dans le dossier") and str(deep) in m for m in messages)


def test_hidden_files_are_skipped_at_every_depth(tmp_path: Path) -> None:
    """A Mac copies « ._plan.docx » (its resource fork, no Word file) beside each document:
    skipped at the top of the folder of plans, it was read as a plan in the deepest folders
    (r1 review #16), so a folder holding only it was a failing row, not « aucun plan »."""
    from cptsplan.batch.collect import MAX_DEPTH, expand

    region = tmp_path / "region"
    deep = region.joinpath(*"abcd"[:MAX_DEPTH])
    (deep / "cpts-x").mkdir(parents=True)
    (deep / "cpts-x" / "._plan.docx").write_bytes(b"\0\5\26\7")
    (deep / "cpts-y").mkdir()
    (deep / "cpts-y" / "._plan.docx").write_bytes(b"\0\5\26\7")
    (deep / "cpts-y" / "plan.docx").write_bytes(b"PK")
    (deep / "cpts-y" / "ancien.doc").write_bytes(b"")
    batch = expand([region])
    assert batch.documents == [deep / "cpts-y" / "plan.docx"]
    assert batch.refused == [deep / "cpts-y" / "ancien.doc"]
    assert batch.empty == [deep / "cpts-x"]


def test_the_progress_total_counts_the_unconfigured_plans_once(tmp_path: Path) -> None:
    plans = three_plans(tmp_path)
    (plans / "cpts-c" / ".cptsplan.yaml").write_text("regles: [\n", encoding="utf-8")
    totals: list[int] = []
    rows: list[object] = []
    result = check_batch(
        [plans],
        today=date(2026, 11, 23),
        config=None,
        run_rules=True,
        start=totals.append,
        progress=rows.append,
        jobs=1,
    )
    assert totals == [3] and len(rows) == 3 and len(result.reports) == 3


def test_a_link_leaving_the_folder_at_the_depth_limit_is_a_row_too(tmp_path: Path) -> None:
    """At the deepest level read, a link leaving the folder of plans was dropped without a
    row (every other level gives one « lien-non-suivi »)."""
    from cptsplan.batch.collect import MAX_DEPTH

    region, elsewhere = tmp_path / "region", tmp_path / "ailleurs"
    shutil.copytree(MINIMAL_EXAMPLE, elsewhere)
    deepest = region.joinpath(*[f"niveau-{n}" for n in range(1, MAX_DEPTH + 1)])
    deepest.mkdir(parents=True)
    (deepest / "lien").symlink_to(elsewhere, target_is_directory=True)
    shutil.copytree(MINIMAL_EXAMPLE, region / "cpts-a")
    result = run_cli("validate", region, "--date", DATE, "-f", "json")
    plans = {p["path"]: p for p in json.loads(result.stdout)["plans"]}
    assert [p["rule"] for p in plans[str(deepest / "lien")]["problems"]] == ["lien-non-suivi"]
