"""`cptsplan diff` on a temporary git repository holding three versions of the complete
example: v1 (2.1, sent to the ARS), v2 (2.2: responses reordered, an action added, a phone
number changed), v3 (a fiche réflexe removed, a risk's id renamed).

Regenerate the golden JSON after an intended change of its shape with:
    CPTSPLAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_diff.py
"""

from __future__ import annotations

import copy
import json
import os
import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from cptsplan.diff import Side, diff_data
from cptsplan.diff.load import load_side
from cptsplan.diff.reporters import REPORTERS, text

from .conftest import COMPLETE_EXAMPLE, example_repository, git, run_cli

GOLDEN = Path(__file__).resolve().parent / "golden" / "diff-val-de-lys.json"
NEW_ACTION = "Tenir prête la liste des cabinets ouverts le dimanche pour les blessés légers."
OLD_PHONE, NEW_PHONE = "03 53 01 00 21", "03 53 01 00 29"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def two_copies(tmp_path: Path, new_name: str) -> tuple[Path, Path]:
    """The complete example copied twice: « ancien », and the one a test edits."""
    old, new = tmp_path / "ancien", tmp_path / new_name
    shutil.copytree(COMPLETE_EXAMPLE, old)
    shutil.copytree(COMPLETE_EXAMPLE, new)
    return old, new


def make_v2(plan: Path) -> None:
    """Version 2.2: the first two responses swapped, an action added, a phone changed."""
    edit(plan / "plan.yaml", 'version: "2.1"\n  # Envoyé', 'version: "2.2"\n  # Envoyé')
    adapter = plan / "adapter.yaml"
    lines = adapter.read_text(encoding="utf-8").splitlines(keepends=True)
    first = lines.index("    - id: rep-amavi\n")
    second = lines.index("    - id: rep-medico-psy\n")
    third = lines.index("    - id: rep-epi-clim\n")
    lines[first:third] = lines[second:third] + lines[first:second]
    adapter.write_text("".join(lines), encoding="utf-8")
    edit(
        adapter,
        "          responsable: thomas-delattre\n        - phase: alerte",
        "          responsable: thomas-delattre\n"
        f"        - phase: veille\n          action: {NEW_ACTION}\n"
        "        - phase: alerte",
    )
    edit(plan / "annuaire.yaml", f'"{OLD_PHONE}"', f'"{NEW_PHONE}"')


def make_v3(plan: Path) -> None:
    """The fiche « crue » removed (and its mention in a response), a risk's id renamed."""
    adapter = plan / "adapter.yaml"
    text = adapter.read_text(encoding="utf-8")
    start = text.index("    - id: fr-crue\n")
    end = text.find("\n    - id:", start + 1)
    adapter.write_text(text[:start] + (text[end + 1 :] if end != -1 else ""), encoding="utf-8")
    edit(adapter, ", fr-penurie-medicaments, fr-crue]", ", fr-penurie-medicaments]")
    edit(adapter, "neige-verglas", "neige-et-verglas")  # the references to the risk
    edit(plan / "anticiper.yaml", "- id: neige-verglas\n", "- id: neige-et-verglas\n")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("depot")
    plan = example_repository(root)
    make_v2(plan)
    git(root, "commit", "-qam", "v2.2")
    make_v3(plan)
    git(root, "commit", "-qam", "v2.2 suite")
    return root


def changes(output: str) -> set[tuple[str, str]]:
    document = json.loads(output)
    return {
        (change["nature"], change["chemin"])
        for section in document["sections"]
        for change in section["changements"]
    }


ALL_CHANGES = {
    ("modification", "document.version"),
    ("ordre", "adapter.reponses"),
    ("ajout", "adapter.reponses[rep-amavi].actions[1]"),
    ("modification", "annuaire[ars-dd59].telephones[1].numero"),
    ("suppression", "adapter.fiches_reflexes[fr-crue]"),
    ("suppression", "adapter.reponses[rep-offre-de-soins].fiches_reflexes[4]"),
    ("renommage", "anticiper.diagnostic_risques[neige-et-verglas]"),
}


def test_default_base_is_the_version_sent_to_the_ars(repo: Path) -> None:
    result = run_cli("diff", repo / "plan", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert changes(result.stdout) == ALL_CHANGES
    document = json.loads(result.stdout)
    assert document["ancien"]["version"] == "2.1"
    assert document["nouveau"]["version"] == "2.2"
    assert any("2.1" in note and "ARS" in note for note in document["remarques"])


def test_since_a_revision(repo: Path) -> None:
    result = run_cli("diff", "--depuis", "HEAD~1", repo / "plan", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert changes(result.stdout) == {
        ("suppression", "adapter.fiches_reflexes[fr-crue]"),
        ("suppression", "adapter.reponses[rep-offre-de-soins].fiches_reflexes[4]"),
        ("renommage", "anticiper.diagnostic_risques[neige-et-verglas]"),
    }
    # References to the renamed risk follow it: they are not reported as changed.
    assert "adapter.reponses[rep-epi-clim].risques" not in result.stdout


def test_two_folders_in_text_and_markdown(repo: Path, tmp_path: Path) -> None:
    old = tmp_path / "ancien"
    shutil.copytree(COMPLETE_EXAMPLE, old)
    text = run_cli("diff", old, repo / "plan")
    assert text.exit_code == 0, text.stderr
    out = text.stdout
    assert "Adapter › Réponses par typologie de crise" in out
    assert "Réponses par typologie de crise : ordre modifié" in out
    amavi = "réponse « Afflux de blessés (AMAVI) » (rep-amavi)"
    assert f"{amavi} — Actions à mener n° 2 : ajouté" in out
    assert NEW_ACTION[:40] in out
    assert f"[-{OLD_PHONE[-2:]}-] {{+{NEW_PHONE[-2:]}+}}" in out
    assert "fiche réflexe" in out and "(fr-crue) : supprimé" in out
    assert "fr-crue" in out and "neige-verglas → neige-et-verglas" in out
    assert "7 modification" not in out and "1 identifiant renommé" in out
    markdown = run_cli("diff", old, repo / "plan", "--format", "markdown").stdout
    assert "### Annuaire de crise" in markdown
    assert f"~~{OLD_PHONE[-2:]}~~ **{NEW_PHONE[-2:]}**" in markdown
    assert "(fr-crue) : supprimé" in markdown and "neige-verglas → neige-et-verglas" in markdown


def test_json_shape_is_stable(repo: Path, tmp_path: Path) -> None:
    old = tmp_path / "ancien"
    shutil.copytree(COMPLETE_EXAMPLE, old)
    document = json.loads(run_cli("diff", old, repo / "plan", "--format", "json").stdout)
    document["ancien"]["source"], document["nouveau"]["source"] = "ancien", "nouveau"
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("CPTSPLAN_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_diffusable_edition_hides_contact_values(repo: Path, fmt: str) -> None:
    result = run_cli("diff", repo / "plan", "--edition", "diffusable", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert OLD_PHONE not in result.stdout and NEW_PHONE not in result.stdout
    if fmt == "json":
        assert ("coordonnees", "annuaire[ars-dd59].telephones") in changes(result.stdout)
    else:
        assert "coordonnées modifiées" in result.stdout


def test_internal_edition_can_mask_contacts_too(repo: Path) -> None:
    result = run_cli("diff", repo / "plan", "--sans-coordonnees")
    assert NEW_PHONE not in result.stdout and "coordonnées modifiées" in result.stdout


def test_a_draft_failing_the_schema_is_compared(tmp_path: Path) -> None:
    old, new = two_copies(tmp_path, "brouillon")
    edit(new / "plan.yaml", "date_mise_a_jour: 2026-10-05", "date_mise_a_jour: 2026-13-45")
    edit(new / "plan.yaml", "version_format: 1", "version_format: 2\ninconnu: [1, 2]")
    edit(new / "annuaire.yaml", "annuaire:\n", "annuaire:\n  - pas une entrée\n")
    result = run_cli("diff", old, new, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["nouveau"]["valide"] is False
    found = changes(result.stdout)
    assert ("modification", "document.date_mise_a_jour") in found
    assert ("modification", "version_format") in found
    assert ("ajout", "inconnu") in found
    assert ("ajout", "annuaire[0]") in found
    assert any("format" in note for note in document["remarques"])
    for fmt in ("text", "markdown"):
        assert run_cli("diff", old, new, "--format", fmt).exit_code == 0


def test_usage_errors_are_french_and_exit_2(repo: Path, tmp_path: Path) -> None:
    shutil.copytree(COMPLETE_EXAMPLE, tmp_path / "horsgit")
    outside = run_cli("diff", tmp_path / "horsgit")
    assert outside.exit_code == 2 and "dépôt git" in outside.stderr
    unknown = run_cli("diff", "--depuis", "nulle-part", repo / "plan")
    assert unknown.exit_code == 2 and "révision git inconnue" in unknown.stderr
    assert run_cli("diff", tmp_path / "absent", repo / "plan").exit_code == 2
    assert run_cli("diff", repo / "plan", "--format", "xml").exit_code == 2
    assert "Traceback" not in outside.stderr + unknown.stderr


def test_no_base_without_a_transmission_says_to_pass_depuis(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    start, end = text.index("  transmissions:\n"), text.index("  partenaires_redaction:\n")
    (plan / "plan.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "v1")
    result = run_cli("diff", plan)
    assert result.exit_code == 2 and "--depuis" in result.stderr


def test_the_work_tree_is_left_untouched(repo: Path) -> None:
    before = git(repo, "status", "--porcelain")
    run_cli("diff", "--depuis", "HEAD~2", repo / "plan")
    assert git(repo, "status", "--porcelain") == before == ""


def test_an_unreadable_file_is_said_not_silently_empty(tmp_path: Path) -> None:
    old, new = two_copies(tmp_path, "casse")
    (new / "annuaire.yaml").write_text("annuaire: [pas fermé\n", encoding="utf-8")
    result = run_cli("diff", old, new, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["nouveau"]["fichiers_illisibles"] == [str(new / "annuaire.yaml")]
    assert any("n'a pas pu être lu" in note for note in document["remarques"])


def test_terminal_colours_and_placeholders() -> None:
    old, side = load_side(COMPLETE_EXAMPLE, "exemple")
    new = copy.deepcopy(old)
    new["cpts"]["nom"] = "CPTS du Val de la Lys"
    new["cpts"]["sigle"] = "A_COMPLETER"
    result = diff_data(old, new, side, side)
    coloured = text(result, color=True)
    assert "\x1b[" in coloured and "Lys" in coloured
    plain = text(result, color=False)
    assert "\x1b[" not in plain and "Val de {+la+} Lys" in plain
    assert "« CPTS VdL » → à compléter" in plain


WEIRD = [
    None,
    "A_COMPLETER",
    3,
    [],
    {},
    [1, "a", None],
    {"id": 5},
    True,
    [{"id": "x"}, {"id": "x"}],
]


def _leaves(data: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _leaves(value, (*path, index))
    return found


def test_any_broken_draft_is_compared_without_crash() -> None:
    """Property-style: values of the wrong kind anywhere (what a draft holds), both ways,
    both editions, every format: a report, never a traceback."""
    base, side = load_side(COMPLETE_EXAMPLE, "exemple")
    paths = _leaves(base)
    chance = random.Random(9)
    draft_side = Side("brouillon", valid=False)
    for _ in range(12):  # 48 comparisons, 30 values of the wrong kind (13 s)
        draft = copy.deepcopy(base)
        for _ in range(3):
            *parents, last = chance.choice(paths)
            container: Any = draft
            for part in parents:
                container = container[part] if isinstance(container, dict | list) else None
            if isinstance(container, dict | list):
                container[last] = chance.choice(WEIRD)  # type: ignore[index]
        for old, new in ((base, draft), (draft, base)):
            for edition in ("interne", "diffusable"):
                result = diff_data(old, new, side, draft_side, edition)
                assert result.changes
                for report in REPORTERS.values():
                    assert report(result)


def test_a_renamed_id_with_a_small_change_is_a_renaming_then_a_change() -> None:
    old, side = load_side(COMPLETE_EXAMPLE, "exemple")
    new = copy.deepcopy(old)
    fiche = new["adapter"]["fiches_reflexes"][2]
    fiche["id"], fiche["titre"] = "fr-chaleur", fiche["titre"] + " (été)"
    other = new["adapter"]["fiches_reflexes"][3]
    other["id"], other["titre"], other["etapes"] = "fr-tout-autre", "Autre", ["Une étape."]
    found = {(c.kind, c.path) for c in diff_data(old, new, side, side).changes}
    assert ("renommage", "adapter.fiches_reflexes[fr-chaleur]") in found
    assert ("modification", "adapter.fiches_reflexes[fr-chaleur].titre") in found
    # An item whose content changed as well as its id is not taken for a renaming.
    assert ("ajout", "adapter.fiches_reflexes[fr-tout-autre]") in found
    assert ("suppression", "adapter.fiches_reflexes[fr-afflux-blesses]") in found


ADDED_ADDRESS = "12 rue des Glycines, 59000 Lille"


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_a_contact_field_added_or_removed_is_not_shown_in_the_diffusable_edition(
    tmp_path: Path, fmt: str
) -> None:
    # README: « --edition diffusable n'affiche aucune coordonnée ». A coordinate added to or
    # removed from an existing entry is a change too, not only one that is modified.
    old, new = two_copies(tmp_path, "nouveau")
    edit(
        new / "annuaire.yaml",
        "    email: claire.vandamme@cpts-valdelys.example\n"
        "    mssante: claire.vandamme@medecin.mssante.fr\n",
        f"    adresse: {ADDED_ADDRESS}\n",
    )
    result = run_cli("diff", old, new, "--edition", "diffusable", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    for value in (ADDED_ADDRESS, "12 rue des Glycines", "claire.vandamme@"):
        assert value not in result.stdout, value
    if fmt == "json":
        assert {
            ("coordonnees", "annuaire[claire-vandamme].adresse"),
            ("coordonnees", "annuaire[claire-vandamme].email"),
            ("coordonnees", "annuaire[claire-vandamme].mssante"),
        } <= changes(result.stdout)
    else:
        assert "coordonnées modifiées" in result.stdout
    internal = run_cli("diff", old, new, "--format", fmt)
    assert ADDED_ADDRESS in internal.stdout and "claire.vandamme@" in internal.stdout


def test_a_directory_new_in_the_plan_is_not_shown_in_the_diffusable_edition(
    tmp_path: Path,
) -> None:
    # The first version had no directory yet: the whole directory is the change.
    old, new = two_copies(tmp_path, "nouveau")
    (old / "annuaire.yaml").unlink()
    result = run_cli("diff", old, new, "--edition", "diffusable", "--format", "json")
    assert result.exit_code == 0, result.stderr
    for value in ("claire.vandamme@", "06 39 98 02 11", "15 rue des Peupliers", "@"):
        assert value not in result.stdout, value


def test_a_former_directory_e_mail_still_written_in_a_text_is_masked(tmp_path: Path) -> None:
    # docs/diff-json.md: « les numéros et courriels de l'annuaire (des deux versions) sont
    # masqués dans tous les textes ». The e-mail changed in the directory, but the old one is
    # still written in an action of the new version: it is no longer in the new directory.
    old, new = two_copies(tmp_path, "nouveau")
    edit(new / "annuaire.yaml", "claire.vandamme@cpts-", "c.v@cpts-")
    edit(
        new / "adapter.yaml",
        "            deux ans.\n",
        "            deux ans. Écrire à claire.vandamme@cpts-valdelys.example.\n",
    )
    result = run_cli("diff", old, new, "--edition", "diffusable")
    assert result.exit_code == 0, result.stderr
    assert "claire.vandamme@" not in result.stdout and "c.v@" not in result.stdout
    assert "Écrire à [coordonnée réservée à l'édition interne]" in result.stdout


@pytest.mark.parametrize("edition", ["interne", "diffusable"])
def test_reordered_phones_and_members_are_an_order_change_in_both_editions(
    tmp_path: Path, edition: str
) -> None:
    # The same phones in another order are not new coordinates: the diffusable edition said
    # « coordonnées modifiées » where the internal one said « ordre modifié ».
    old, new = two_copies(tmp_path, "nouveau")
    first = '      - numero: "03 53 01 00 20"\n        usage: standard\n        h24: false\n'
    second = '      - numero: "03 53 01 00 21"\n        usage: direct\n        h24: false\n'
    edit(new / "annuaire.yaml", first + second, second + first)
    edit(
        new / "plan.yaml",
        "membres: [claire-vandamme, julien-vermeersch,",
        "membres: [julien-vermeersch, claire-vandamme,",
    )
    result = run_cli("diff", old, new, "--edition", edition, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert changes(result.stdout) == {
        ("ordre", "annuaire[ars-dd59].telephones"),
        ("ordre", "document.gouvernance.comite_pilotage.membres"),
    }
    text_result = run_cli("diff", old, new, "--edition", edition)
    assert "coordonnées modifiées" not in text_result.stdout
    assert "ordre modifié" in text_result.stdout
    if edition == "diffusable":
        for value in ("03 53 01 00 2", "standard", "direct"):
            assert value not in result.stdout + text_result.stdout, value
