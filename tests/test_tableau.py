"""The reviewer's table (`validate DOSSIER --tableau`), read back as a spreadsheet reads it:
CSV with the csv module (UTF-8 with BOM, `;`), XLSX with XlsxWriter, read back here
with openpyxl, an independent reader."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from cptsplan.rules.base import Source
from cptsplan.rules.grille import TEMPLATE
from cptsplan.tableau.table import grid_columns

from .conftest import COMPLETE_EXAMPLE, FIXTURES, MINIMAL_EXAMPLE, run_cli

DATE = "2026-11-01"
FIXED = 13
"""Columns before the grid: folder, name, result, status, version, two dates, completeness,
errors, warnings, source (YAML files or the automatic reading of a Word document), the errors
as sentences, the other rows of the same CPTS."""
AWAITED = "Avis favorable de l'ARS sur la version en vigueur"
HOSTILE_NAME = '=HYPERLINK("https://exemple.invalid";"cliquez")'


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tableau")
    plans = root / "plans"
    shutil.copytree(COMPLETE_EXAMPLE, plans / "complet")
    (plans / "invalide").mkdir(parents=True)
    shutil.copy(FIXTURES / "invalid" / "mauvais-type.yaml", plans / "invalide" / "plan.yaml")
    run_cli("init", root / "squelette", "--nom", "CPTS des Trois Rivières", "--territoire", "Vèze")
    shutil.copytree(root / "squelette" / "plan", plans / "squelette")
    hostile = plans / "hostile" / "plan.yaml"
    hostile.parent.mkdir()
    text = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    hostile.write_text(
        text.replace("nom: CPTS du Plateau de Vèze", f"nom: '{HOSTILE_NAME}'", 1), "utf-8"
    )
    return plans


@pytest.fixture(scope="module")
def csv_rows(plans: Path) -> dict[str, list[str]]:
    target = plans.parent / "tableau.csv"
    result = run_cli("validate", plans, "--date", DATE, "--tableau", target)
    assert result.exit_code == 1, result.stdout  # the invalid plan
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads UTF-8
    with target.open(encoding="utf-8-sig", newline="") as stream:
        header, *rows = list(csv.reader(stream, delimiter=";"))
    return {"": header} | {Path(row[0]).name: row for row in rows}


@pytest.fixture(scope="module")
def xlsx_sheet(plans: Path) -> openpyxl.worksheet.worksheet.Worksheet:
    target = plans.parent / "tableau.xlsx"
    result = run_cli("validate", plans, "--date", DATE, "--tableau", target, "--jobs", "2")
    assert result.exit_code == 1, result.stdout
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    return sheet


def test_csv_has_one_row_per_plan_and_one_column_per_grid_item(
    csv_rows: dict[str, list[str]],
) -> None:
    header = csv_rows[""]
    assert header[:FIXED] == [
        "Dossier", "CPTS", "Résultat", "Statut du document", "Version",
        "Dernière mise à jour", "Mise à jour à faire avant le", "Complétude (%)",
        "Erreurs", "Avertissements", "Source", "Erreurs à corriger", "Même CPTS que",
    ]  # fmt: skip
    assert len(header) == FIXED + len(TEMPLATE)
    assert header[FIXED] == "Maîtrise du document : Mise à jour de moins de 12 mois"
    assert sorted(csv_rows) == ["", "complet", "hostile", "invalide", "squelette"]


def test_csv_complete_plan(csv_rows: dict[str, list[str]]) -> None:
    row = csv_rows["complet"]
    assert row[1:FIXED] == [
        "CPTS du Val de Lys", "valide", "transmis", "2.1", "2026-10-05", "2027-10-05",
        "100", "0", "0", "fichiers YAML du plan", "", "",
    ]  # fmt: skip
    # Every item is covered, with what the reviewer reads beside it; the ARS's answer to
    # this version is awaited (it is no content of the plan: the completeness stays 100).
    answers = dict(zip([column.title for column in grid_columns()], row[FIXED:], strict=True))
    awaited = answers.pop(f"Maîtrise du document : {AWAITED}")
    assert awaited == "non (pas encore d'avis, version transmise le 6 octobre 2026)"
    assert {answer.split(" (", 1)[0] for answer in answers.values()} == {"oui"}


def test_csv_placeholder_plan_says_to_complete_never_a_value(
    csv_rows: dict[str, list[str]],
) -> None:
    row = csv_rows["squelette"]
    # A draft: warnings only, its version and date still « A_COMPLETER ».
    assert row[1:5] == ["CPTS des Trois Rivières", "valide", "brouillon", "à compléter"]
    assert row[5] == "à compléter" and row[6] == ""
    assert row[8] == "0" and int(row[9]) > 0
    assert "à compléter (avertissement)" in row[FIXED:]
    assert "A_COMPLETER" not in ";".join(row)


def test_csv_invalid_plan_shows_errors_and_severity(csv_rows: dict[str, list[str]]) -> None:
    row = csv_rows["invalide"]
    assert row[2] == "à corriger"
    assert int(row[8]) > 0
    assert "non (erreur)" in row[FIXED:] and "non (avertissement)" in row[FIXED:]
    assert int(row[7]) < 100


def test_csv_text_never_runs_as_a_formula(csv_rows: dict[str, list[str]]) -> None:
    assert csv_rows["hostile"][1] == "'" + HOSTILE_NAME


def test_xlsx_is_sortable_and_filterable(
    xlsx_sheet: openpyxl.worksheet.worksheet.Worksheet,
) -> None:
    assert xlsx_sheet.freeze_panes == "C2"
    last = get_column_letter(FIXED + len(TEMPLATE))
    assert xlsx_sheet.auto_filter.ref == f"A1:{last}{xlsx_sheet.max_row}"
    assert xlsx_sheet.max_column == FIXED + len(TEMPLATE)
    # As wide as the longest name (the hostile one), as Excel shows it: the stored width
    # adds the cell's padding (0.71).
    width = len(HOSTILE_NAME) + 1 + 0.71
    assert xlsx_sheet.column_dimensions["B"].width == pytest.approx(width, abs=0.01)
    rows = {
        Path(str(row[0])).name: row for row in xlsx_sheet.iter_rows(min_row=2, values_only=True)
    }
    complete = rows["complet"]
    assert complete[1:5] == ("CPTS du Val de Lys", "valide", "transmis", "2.1")
    # Real dates and numbers: sorting by date or completeness works.
    assert complete[5] == datetime(2026, 10, 5) and complete[6] == datetime(2027, 10, 5)
    assert complete[7] == 1 and complete[8] == 0
    answers = dict(zip([column.title for column in grid_columns()], complete[FIXED:], strict=True))
    assert str(answers.pop(f"Maîtrise du document : {AWAITED}")).startswith("non (pas encore")
    assert {str(answer).split(" (", 1)[0] for answer in answers.values()} == {"oui"}
    assert xlsx_sheet.cell(row=2, column=8).number_format == "0 %"
    draft = rows["squelette"]
    assert draft[4] == draft[5] == "à compléter" and draft[6] is None
    assert "à compléter (avertissement)" in draft[FIXED:]
    invalid = rows["invalide"]
    assert invalid[2] == "à corriger" and isinstance(invalid[8], int) and invalid[8] > 0
    assert "non (erreur)" in invalid[FIXED:]


def test_xlsx_text_never_runs_as_a_formula(
    xlsx_sheet: openpyxl.worksheet.worksheet.Worksheet,
) -> None:
    cells = [row[1] for row in xlsx_sheet.iter_rows(min_row=2)]
    hostile = next(cell for cell in cells if cell.value == HOSTILE_NAME)
    assert hostile.data_type == "s"


def test_unknown_table_format_is_refused_before_checking(tmp_path: Path) -> None:
    result = run_cli("validate", MINIMAL_EXAMPLE, "--tableau", tmp_path / "tableau.ods")
    assert result.exit_code == 2
    assert "format de tableau inconnu" in result.stderr
    assert not (tmp_path / "tableau.ods").exists()


def test_table_onto_a_link_is_refused_and_left_untouched(tmp_path: Path) -> None:
    kept = tmp_path / "autre.csv"
    kept.write_text("ne pas écraser", encoding="utf-8")
    link = tmp_path / "tableau.csv"
    link.symlink_to(kept)
    result = run_cli("validate", MINIMAL_EXAMPLE, "--tableau", link)
    assert result.exit_code == 2
    assert kept.read_text(encoding="utf-8") == "ne pas écraser"


def read_csv(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return {Path(row["Dossier"]).name: row for row in csv.DictReader(stream, delimiter=";")}


@pytest.mark.parametrize("options", [(), ("--strict",), ("--bloquant", "tout")])
def test_the_table_json_and_exit_code_give_each_plan_one_verdict(
    plans: Path, tmp_path: Path, options: tuple[str, ...]
) -> None:
    """With --strict the draft (warnings only) fails the run: the table said « valide » and
    the JSON had no word for it."""
    target = tmp_path / "tableau.csv"
    result = run_cli("validate", plans, "--date", DATE, "-f", "json", "--tableau", target, *options)
    document = json.loads(result.stdout)
    fails = {Path(plan["path"]).name: plan["fails"] for plan in document["plans"]}
    rows = read_csv(target)
    assert {name: row["Résultat"] == "à corriger" for name, row in rows.items()} == fails
    assert fails["squelette"] is bool(options) and fails["invalide"] and not fails["complet"]
    assert result.exit_code == int(any(fails.values()))
    assert document["summary"]["failing_plans"] == sum(fails.values())


def test_the_reviewer_reads_the_errors_and_the_twins_without_the_yaml(
    plans: Path, tmp_path: Path
) -> None:
    """« 1 erreur » and empty grid cells said nothing of a broken plan; two rows of the same
    CPTS (a copy received twice) went unnoticed."""
    region = tmp_path / "region"
    shutil.copytree(plans, region)
    shutil.copytree(COMPLETE_EXAMPLE, region / "complet-recu-par-mail")
    broken = region / "casse" / "plan.yaml"
    broken.parent.mkdir()
    broken.write_text("cpts:\n  nom: [CPTS\n", encoding="utf-8")
    target = tmp_path / "tableau.csv"
    run_cli("validate", region, "--date", DATE, "--tableau", target)
    rows = read_csv(target)
    assert rows["casse"]["Résultat"] == "non lu"
    assert rows["casse"]["Erreurs à corriger"].startswith("syntaxe YAML")
    listed = rows["invalide"]["Erreurs à corriger"].split("\n")
    assert "« Taille ACI » : on attend un nombre entier, pas « grande »" in listed
    assert len(listed) == int(rows["invalide"]["Erreurs"])  # fewer than the cap: all of them
    assert rows["complet"]["Erreurs à corriger"] == ""
    assert Path(rows["complet"]["Même CPTS que"]).name == "complet-recu-par-mail"
    assert Path(rows["complet-recu-par-mail"]["Même CPTS que"]).name == "complet"
    assert rows["squelette"]["Même CPTS que"] == ""


def test_the_note_stripped_from_word_messages_is_the_one_the_import_adds() -> None:
    from cptsplan.importer.check import NOTE
    from cptsplan.tableau.table import DOCUMENT_NOTE

    assert DOCUMENT_NOTE == NOTE


class _Tables(HTMLParser):
    """Every table of the page as rows of cell texts, by the table's id."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.current: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.current = self.tables.setdefault(dict(attrs).get("id") or "", [])
        elif tag == "tr":
            self.current.append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.current[-1].append("".join(self.cell))
            self.cell = None


def test_html_table_has_the_csv_rows_and_the_grid_sources(plans: Path, tmp_path: Path) -> None:
    """`--tableau relecture.html`, for a reviewer who mails the table (was refused)."""
    page = tmp_path / "relecture.html"
    result = run_cli("validate", plans, "--date", DATE, "--tableau", page)
    assert result.exit_code == 1, result.stdout
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text.lower() and "http" not in text.replace("https://exemple", "")
    parser = _Tables()
    parser.feed(text)
    header, *rows = parser.tables["plans"]
    csv_target = tmp_path / "relecture.csv"
    run_cli("validate", plans, "--date", DATE, "--tableau", csv_target)
    with csv_target.open(encoding="utf-8-sig", newline="") as stream:
        csv_header, *csv_lines = list(csv.reader(stream, delimiter=";"))
    assert header == csv_header
    assert [row[0] for row in rows] == [row[0] for row in csv_lines]
    by_name = {Path(row[0]).name: row for row in rows}
    assert "Plans vérifiés : 4 (3 valides, 1 à corriger)." in text
    assert by_name["hostile"][1] == HOSTILE_NAME  # shown as written, escaped, never a link
    assert by_name["complet"][5] == "5 octobre 2026" and by_name["complet"][7] == "100 %"
    sources = parser.tables["sources"][1:]
    assert [row[0] for row in sources] == [column.title for column in grid_columns()]
    assert {row[1] for row in sources} <= {s.value for s in Source}
    assert "ACI" in {row[1] for row in sources}


def test_xlsx_is_readable_without_resizing_and_says_the_sources(
    xlsx_sheet: openpyxl.worksheet.worksheet.Worksheet,
) -> None:
    """The folder column was cut at 28 characters; the grid's sources were nowhere."""
    folders = [str(row[0]) for row in xlsx_sheet.iter_rows(min_row=2, values_only=True)]
    assert xlsx_sheet.column_dimensions["A"].width >= min(max(map(len, folders)), 60)
    ranges = {str(rule.sqref): rule for rule in xlsx_sheet.conditional_formatting}
    first = get_column_letter(FIXED + 1)
    last = get_column_letter(FIXED + len(TEMPLATE))
    grid = ranges[f"{first}2:{last}{xlsx_sheet.max_row}"]
    assert {tuple(rule.formula) for rule in grid.rules} >= {(f'LEFT({first}2,3)="non"',)}
    sources = xlsx_sheet.parent["Sources de la grille"]
    listed = list(sources.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in listed] == [column.title for column in grid_columns()]
    assert [row[1] for row in listed] == [item.source.value for item in TEMPLATE]


def test_many_errors_are_listed_twelve_then_counted() -> None:
    from cptsplan.api import PlanReport, PlanTarget
    from cptsplan.findings.problems import Location, Problem, Severity
    from cptsplan.tableau.table import MAX_LISTED, _errors

    problems = [
        Problem(Location("p.yaml", n), Severity.ERROR, "schema-type", f"erreur {n}")
        for n in range(1, 21)
    ]
    problems.append(Problem(Location("p.yaml"), Severity.WARNING, "x", "avertissement"))
    listed = str(_errors(PlanReport(PlanTarget(Path("p"), "p"), problems))).split("\n")
    assert MAX_LISTED == 12
    assert listed == [f"erreur {n}" for n in range(1, 13)] + ["… et 8 autres"]


def test_a_year_later_the_plans_not_updated_say_so(plans: Path, tmp_path: Path) -> None:
    """docs/relecture.md « Un an après »: the same folder, checked a year later."""
    target = tmp_path / "tableau.csv"
    run_cli("validate", plans, "--date", "2027-11-01", "--tableau", target)
    row = read_csv(target)["complet"]
    assert row["Résultat"] == "à corriger" and row["Mise à jour à faire avant le"] == "2027-10-05"
    assert row["Maîtrise du document : Mise à jour de moins de 12 mois"] == "non (erreur)"
    assert "plus de 12 mois" in row["Erreurs à corriger"]


def test_errors_of_list_items_say_which_item(tmp_path: Path) -> None:
    """Three risks with their category to complete were one line, « « Catégorie » : à
    compléter », for three errors: the reviewer could not tell them apart, nor count them."""
    from .test_real_plans_fairness import CATEGORIES_TO_COMPLETE, shaped

    plans = tmp_path / "plans"
    plans.mkdir()
    shaped(plans, CATEGORIES_TO_COMPLETE, name="cpts-risques")
    target = tmp_path / "tableau.csv"
    run_cli("validate", plans, "--date", DATE, "--tableau", target)
    row = read_csv(target)["cpts-risques"]
    listed = row["Erreurs à corriger"].split("\n")
    assert len(listed) == int(row["Erreurs"]) == 3
    assert all(line.startswith("Diagnostic des risques n° ") for line in listed)
    assert len(set(listed)) == 3


def test_a_table_open_in_the_spreadsheet_names_validates_own_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hint said « écrivez ailleurs avec --output », an option validate does not have."""
    from cptsplan.files import output

    def held(files: dict[Path, bytes], private: bool = False, kept: str = output.KEPT) -> None:
        raise output.locked(next(iter(files)), kept)

    monkeypatch.setattr(output, "write_all", held)
    result = run_cli("validate", MINIMAL_EXAMPLE, "--tableau", tmp_path / "relecture.xlsx")
    assert result.exit_code == 4
    assert "--tableau AUTRE-NOM.xlsx" in result.stderr and "--output" not in result.stderr
    assert "le tableau précédent est intact" in result.stderr
    assert "4 = le tableau de relecture n'a pas pu être écrit" in " ".join(
        run_cli("validate", "--help").stdout.split()
    )


def test_a_rule_lowered_by_the_plan_shows_the_plans_severity(tmp_path: Path) -> None:
    """« non (erreur) » beside « 0 erreur » and « valide »: the plan's configuration had
    lowered the rule to info, the cell showed the catalogue's severity."""
    plans = tmp_path / "plans"
    plan = plans / "cpts-ancienne"
    shutil.copytree(MINIMAL_EXAMPLE, plan)
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    (plan / "plan.yaml").write_text(
        text.replace("date_mise_a_jour: 2026-", "date_mise_a_jour: 2024-", 1), "utf-8"
    )
    (plan / ".cptsplan.yaml").write_text("regles:\n  mise-a-jour-ancienne: info\n", "utf-8")
    target = tmp_path / "tableau.csv"
    run_cli("validate", plans, "--date", DATE, "--tableau", target)
    row = read_csv(target)["cpts-ancienne"]
    assert row["Résultat"] == "valide" and row["Erreurs"] == "0"
    assert row["Maîtrise du document : Mise à jour de moins de 12 mois"] == "non (info)"


def test_a_date_written_wrong_is_not_said_to_complete(tmp_path: Path) -> None:
    """« 2026-09 » as the last update: the table said « à compléter » and the JSON
    "A_COMPLETER", the value the rules read in its place, as if the plan had not written it."""
    plans = tmp_path / "plans"
    shutil.copytree(MINIMAL_EXAMPLE, plans / "cpts-mois")
    plan = plans / "cpts-mois" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace("date_mise_a_jour: 2026-09-18", "date_mise_a_jour: 2026-09"), "utf-8"
    )
    target = tmp_path / "tableau.csv"
    result = run_cli("validate", plans, "--date", DATE, "--tableau", target, "-f", "json")
    row = read_csv(target)["cpts-mois"]
    assert row["Dernière mise à jour"] == "mal écrite"
    assert "date mal écrite « 2026-09 »" in row["Erreurs à corriger"]
    (report,) = json.loads(result.stdout)["plans"]
    assert report["last_update"] is None and report["version"] == "1.0"


def test_a_locked_html_table_names_the_browser_not_a_pdf_viewer(tmp_path: Path) -> None:
    """The HTML table (and the JSON, JUnit, SARIF reports) held by a program were blamed on
    « le lecteur PDF ou Word »."""
    from cptsplan.files import output

    html = str(output.locked(tmp_path / "relecture.html"))
    assert "le navigateur, Word ou l'éditeur de texte" in html and "PDF" not in html
    for name in ("rapport.json", "junit.xml", "resultats.sarif"):
        assert "l'éditeur de texte" in str(output.locked(tmp_path / name)), name


def test_an_old_update_date_is_shown_not_called_written_wrong(tmp_path: Path) -> None:
    """The conformity error « mise à jour de plus de 12 mois » is on the same field: the table
    said « mal écrite » and the JSON null for a date that is only old (reviewer's follow-up a
    year later: exactly the date they need to see)."""
    plans = tmp_path / "plans"
    shutil.copytree(MINIMAL_EXAMPLE, plans / "cpts-ancienne")
    target = tmp_path / "tableau.csv"
    result = run_cli("validate", plans, "--date", "2031-01-01", "--tableau", target, "-f", "json")
    row = read_csv(target)["cpts-ancienne"]
    assert row["Dernière mise à jour"] not in ("mal écrite", "à compléter", "")
    assert "2026" in row["Dernière mise à jour"]
    (report,) = json.loads(result.stdout)["plans"]
    assert str(report["last_update"]).startswith("2026-09-18")
    assert "mise-a-jour-ancienne" in {problem["rule"] for problem in report["problems"]}
