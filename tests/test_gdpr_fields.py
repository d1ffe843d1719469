"""A directory contact field that holds more than one contact (« 03 53 01 30 01 poste 12 »,
« x@y.fr (perso) ») still hides the contact copied elsewhere, in the outputs that read a
plan as written: `diff --edition diffusable` compares a plan the schema refuses."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import COMPLETE_EXAMPLE, run_cli
from .test_gdpr_diffusable import plan_with_template_words

NEW_ADDRESS = "cv.nouvelle@cpts-valdelys.example"


def test_the_diffusable_diff_hides_an_address_of_a_malformed_directory_field(
    tmp_path: Path,
) -> None:
    """Found by hand: the address written « cv.nouvelle@… (perso) » in the directory and
    copied into a guide's title was printed by the Markdown diff (a merge request's
    comment) of the diffusable edition."""
    old, new = tmp_path / "ancien", tmp_path / "nouveau"
    shutil.copytree(COMPLETE_EXAMPLE, old)
    shutil.copytree(COMPLETE_EXAMPLE, new)
    for name, before, after in (
        ("annuaire.yaml", "email: claire.vandamme@cpts-valdelys.example",
         f'email: "{NEW_ADDRESS} (perso)"'),
        ("plan.yaml", "titre: Guide régional d'élaboration du plan SSE des CPTS",
         f"titre: Guide régional d'élaboration du plan SSE des CPTS ({NEW_ADDRESS})"),
    ):  # fmt: skip
        text = (new / name).read_text(encoding="utf-8")
        assert before in text
        (new / name).write_text(text.replace(before, after, 1), encoding="utf-8")
    for edition in ("diffusable", "interne"):
        result = run_cli("diff", old, new, "--edition", edition, "-f", "markdown")
        assert result.exit_code == 0, result.stderr
        assert "Guide régional d'élaboration" in result.stdout
        assert (NEW_ADDRESS in result.stdout) == (edition == "interne"), edition


def test_a_mobile_split_across_two_cells_of_a_table_is_hidden(tmp_path: Path) -> None:
    """Found by writing « … rappeler le 06 12 34 » in an exchange's subject and « 56 78
    (portable) » in its means: each field alone is no number, the data's redaction let both
    through, and the document's last check read the table row « 06 12 34 | 56 78 » as two
    texts (a cell's border was no separator for it). Printed in every format."""
    import re

    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    for before, after in (
        ("avec l'ORSAN régional et avec le plan blanc du centre hospitalier de la Lys.",
         "avec l'ORSAN régional, rappeler le 06 12 34"),
        ("moyen: Réunion à la délégation départementale", "moyen: 56 78 (portable)"),
    ):  # fmt: skip
        assert before in text
        text = text.replace(before, after, 1)
    (plan / "plan.yaml").write_text(text, encoding="utf-8")
    cells = []
    for edition in ("diffusable", "interne"):
        out = tmp_path / f"{edition}.md"
        result = run_cli("render", plan, "-f", "md", "-e", edition, "-o", out)
        assert result.exit_code == 0, result.stderr
        row = next(line for line in out.read_text(encoding="utf-8").splitlines()
                   if "rappeler le" in line and "(portable)" in line)  # fmt: skip
        shown = "0612345678" in re.sub(r"\D", "", row)
        assert shown == (edition == "interne"), row
        cells.append(row.count(" | "))
    assert cells[0] == cells[1]  # each cell masked apart: the table keeps its columns


def test_a_directory_contact_written_by_a_custom_template_is_hidden(tmp_path: Path) -> None:
    """A custom template is the CPTS's own text: a cover page that says « Référent SSE : Dr
    Vandamme, 03 53 01 30 01, claire.vandamme@… » printed her line and her address in the
    diffusable edition (the last check of the document looked for mobiles only). Public
    numbers written there (15, 112) stay."""
    plan = plan_with_template_words(
        tmp_path,
        "Référent SSE : Dr Vandamme, 03 53 01 30 01, "
        "claire.vandamme@cpts-valdelys.example ; urgences : 15 ou 112.",
    )
    for edition in ("diffusable", "interne"):
        for annex in ([], ["--annexe", "fiches"]):
            out = tmp_path / f"{edition}{len(annex)}" / "plan.md"
            result = run_cli("render", plan, "-f", "md", "-e", edition, *annex, "-o", out)
            assert result.exit_code == 0, result.stderr
            line = next(line for line in out.read_text(encoding="utf-8").splitlines()
                        if line.startswith("Référent SSE : Dr Vandamme"))  # fmt: skip
            shown = "30 01" in line or "vandamme@" in line
            assert shown == (edition == "interne"), (edition, annex, line)
            assert "urgences : 15 ou 112." in line


def test_the_documents_last_check_keeps_codes_in_adjacent_cells() -> None:
    """The last check reads a table row across its cells (a mobile split in two cells):
    an Ardèche commune's INSEE code beside its population is not a mobile."""
    from cptsplan.privacy.finished import hide_mobiles

    row = "| Annonay | 07010 | 16 500 | Zone nord |"
    assert hide_mobiles(row, "[X]") == row
    assert hide_mobiles("| 06 12 34 | 56 78 (portable) |", "[X]") == "| [X] | [X] (portable) |"


def test_a_home_address_in_a_persons_remarks_is_not_in_the_diffusable_list(
    tmp_path: Path,
) -> None:
    """The diffusable edition lists the directory's entries with their remarks: « Domicile :
    12 rue des Lilas, 59000 Lille » written in Dr Vandamme's was printed there."""
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    directory = (plan / "annuaire.yaml").read_text(encoding="utf-8")
    old = "    email: claire.vandamme@cpts-valdelys.example\n"
    assert old in directory
    remark = '    remarques: "Domicile : 12 rue des Lilas, 59000 Lille (clé chez la voisine)."\n'
    (plan / "annuaire.yaml").write_text(directory.replace(old, old + remark), encoding="utf-8")
    for edition in ("diffusable", "interne"):
        out = tmp_path / f"{edition}.md"
        result = run_cli("render", plan, "-f", "md", "-e", edition, "-o", out)
        assert result.exit_code == 0, result.stderr
        text = out.read_text(encoding="utf-8")
        assert "(clé chez la voisine)" in text
        assert ("Lilas" in text) == (edition == "interne"), edition
