"""`render --depuis REV`: the consolidated document of a yearly update, on a temporary git
repository holding two commits of the complete example (the second: an action added to a
response, a fiche réflexe's text changed, a directory phone number changed, the current
version's history summary left to complete)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import example_repository, git, run_cli
from .test_render_support import docx_texts, docx_xml, html_text_and_tags, pdf_pages, unbreak

REFERENCE_DATE = "2026-11-01"
NEW_ACTION = "Tenir prête la liste des cabinets ouverts le dimanche pour les blessés légers."
OLD_STEP = "Noter dans la main courante l'heure"
# Plan text is user data: markup in it is shown as text, in the annex as in the body.
NEW_STEP = "Consigner <b>dans</b> **la** main courante l'heure"
OLD_PHONE, NEW_PHONE = "03 53 01 00 10", "03 53 01 00 19"
ANNEX_TITLE = "modifications depuis la version 2.1 du 5 octobre 2026"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("depot")
    plan = example_repository(root)
    adapter = plan / "adapter.yaml"
    edit(
        adapter,
        "          responsable: thomas-delattre\n        - phase: alerte",
        "          responsable: thomas-delattre\n"
        f"        - phase: veille\n          action: {NEW_ACTION}\n"
        "        - phase: alerte",
    )
    edit(adapter, OLD_STEP, NEW_STEP)
    edit(plan / "annuaire.yaml", f'"{OLD_PHONE}"', f'"{NEW_PHONE}"')
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    start = text.index('    - version: "2.1"')
    head, tail = text[:start], text[start:]
    resume = tail.index("      resume: >-\n")
    end = tail.index("      auteurs:", resume)
    tail = tail[:resume] + "      resume: A_COMPLETER\n" + tail[end:]
    (plan / "plan.yaml").write_text(head + tail, encoding="utf-8")
    git(root, "commit", "-qam", "mise à jour")
    return root


@pytest.fixture(scope="module")
def internal(repo: Path) -> dict[str, Path]:
    out = repo / "sortie"
    out.mkdir()
    result = run_cli(
        "render", repo / "plan", "--depuis", "HEAD~1", "-e", "interne", "--brouillon",
        "-f", "docx", "-f", "pdf", "-f", "html", "-o", out / "interne", "--date", REFERENCE_DATE,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return {fmt: out / f"interne.{fmt}" for fmt in ("docx", "pdf", "html")}


@pytest.fixture(scope="module")
def diffusable(repo: Path) -> str:
    out = repo / "sortie-diffusable"
    out.mkdir()
    result = run_cli(
        "render", repo / "plan", "--depuis", "HEAD~1", "-e", "diffusable", "--brouillon",
        "-f", "html", "-o", out / "plan.html", "--date", REFERENCE_DATE,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return " ".join(html_text_and_tags(out / "plan.html")[0].split())


def _annex(text: str) -> str:
    """The change annex: from its title to the next annex."""
    start = text.lower().rindex(ANNEX_TITLE)  # after the table of contents
    end = text.find("Annexe", start + len(ANNEX_TITLE))
    return text[start:end]


def _texts(paths: dict[str, Path]) -> dict[str, str]:
    return {
        "docx": " ".join(docx_texts(paths["docx"])),
        "pdf": unbreak(" ".join(pdf_pages(paths["pdf"]))),
        "html": " ".join(html_text_and_tags(paths["html"])[0].split()),
    }


def test_the_annex_lists_the_changes_in_every_format(internal: dict[str, Path]) -> None:
    for fmt, text in _texts(internal).items():
        annex = " ".join(_annex(text).replace("\u2019", "'").split())
        assert "Afflux de blessés (AMAVI)" in annex, fmt
        assert NEW_ACTION in annex, fmt
        assert "Réception d'une alerte" in annex and "Consigner" in annex, fmt
        # The internal edition shows the values: « 03 53 01 00 ~~10~~ **19** ».
        assert "03 53 01 00" in annex and "19" in annex, fmt


def test_plan_text_in_the_annex_is_shown_not_interpreted(internal: dict[str, Path]) -> None:
    text, tags = html_text_and_tags(internal["html"])
    annex = " ".join(_annex(" ".join(text.split())).split())
    assert "<b>dans</b>" in annex and "**la**" in annex
    assert "b" not in {tag for tag, _ in tags}


def test_the_changed_response_and_fiche_are_marked(internal: dict[str, Path]) -> None:
    paragraphs = docx_texts(internal["docx"])
    # Headings are numbered (« 3.2 Afflux de blessés... »).
    assert any(p.endswith(" Afflux de blessés (AMAVI) (modifié)") for p in paragraphs)
    assert "Fiche réflexe 1 : Réception d\u2019une alerte (modifié)" in paragraphs
    assert any(p.endswith(" Adapter (modifié)") for p in paragraphs)
    assert "Annexe B : annuaire de crise (modifié)" in paragraphs
    # In Word, the mark is highlighted in yellow, the way Word users mark a change.
    assert docx_xml(internal["docx"]).count('<w:highlight w:val="yellow"/>') >= 5
    # An unchanged response has no mark.
    assert not any("Crise sanitaire liée à un risque épidémique" in p and "(modifié)" in p
                   for p in paragraphs)  # fmt: skip
    for fmt, text in _texts(internal).items():
        assert "Afflux de blessés (AMAVI) (modifié)" in text, fmt


def test_the_history_shows_the_summary_of_the_comparison(internal: dict[str, Path]) -> None:
    html = _texts(internal)["html"]
    start = html.rindex("historique des versions")  # after the table of contents
    assert "modifications : " in html[start : start + 3000]


def test_the_diffusable_annex_has_no_contact_value(diffusable: str) -> None:
    annex = _annex(diffusable)
    assert "coordonnées modifiées" in annex
    assert NEW_ACTION in annex
    assert OLD_PHONE not in diffusable and NEW_PHONE not in diffusable


def test_a_bad_revision_is_a_usage_error_and_writes_nothing(repo: Path, tmp_path: Path) -> None:
    result = run_cli(
        "render", repo / "plan", "--depuis", "nimporte-quoi", "--brouillon", "-f", "html",
        "-o", tmp_path / "plan.html", "--date", REFERENCE_DATE,
    )  # fmt: skip
    assert result.exit_code == 2
    assert "révision git inconnue" in result.stderr
    assert not list(tmp_path.iterdir())


def test_a_new_response_is_marked_new_and_a_changed_one_modified() -> None:
    from cptsplan.diff import Side, diff_data
    from cptsplan.render.changes import modifications

    old = {"adapter": {"reponses": [{"id": "rep-a", "titre": "A", "objectifs": ["un"]}]}}
    new = {
        "adapter": {
            "reponses": [
                {"id": "rep-a", "titre": "A", "objectifs": ["deux"]},
                {"id": "rep-b", "titre": "B"},
            ]
        }
    }
    found = modifications(diff_data(old, new, Side("ancien"), Side("nouveau")), None)
    assert "*(nouveau)*" in found.reponse("rep-b")
    assert "*(modifié)*" in found.reponse("rep-a")
    assert "*(modifié)*" in found.theme("adapter") and found.theme("piloter") == ""


def test_the_annex_prints_labels_dates_and_names_not_codes() -> None:
    """Issue 17: « Prêt à transmettre », « réalisé », « 15 octobre 2027 », names rather than
    ids, and an exercise's name once above its changes."""
    from cptsplan.diff import Side, diff_data
    from cptsplan.render.changes import modifications

    directory = [{"id": "samu-59", "type": "organisme", "nom": "SAMU 59 – Centre 15"}]
    exercise = {"id": "premier-exercice", "intitule": "Premier exercice", "type": "table",
                "statut": "prevu", "partenaires": []}  # fmt: skip
    old = {
        "document": {"statut": "transmis", "date_prochaine_revue": "2027-10-01"},
        "anticiper": {"exercices": [exercise]},
        "annuaire": directory,
    }
    new = {
        "document": {"statut": "pret_a_transmettre", "date_prochaine_revue": "2027-10-15"},
        "anticiper": {"exercices": [{**exercise, "statut": "realise", "partenaires": ["samu-59"]}]},
        "annuaire": directory,
    }
    found = modifications(diff_data(old, new, Side("ancien"), Side("nouveau")), None, old, new)
    lines = [line for group in found.groupes for line in group.lignes]
    words = [mot for line in lines for item in [line, *line.sous] for _, mot in item.mots]
    details = [item.detail for line in lines for item in [line, *line.sous]]
    assert "Prêt à transmettre" in words and "réalisé" in words and "prévu" in words
    assert "15 octobre 2027" in words and "1er octobre 2027" in words
    assert "« SAMU 59 – Centre 15 »" in details
    text = " ".join([*(line.tete for line in lines), *words, *details])
    assert "premier-exercice" not in text and "samu-59" not in text
    assert "pret_a_transmettre" not in text and "2027-10-15" not in text
    [exercise_line] = [line for line in lines if line.sous]
    assert exercise_line.tete.count("Premier exercice") == 1 and len(exercise_line.sous) == 2
    assert "(s)" not in found.total and found.total.endswith(".")


def test_diff_text_explains_its_marks_and_names_a_git_revision() -> None:
    from cptsplan.diff import Side, diff_data
    from cptsplan.diff.reporters import text

    old = {"cpts": {"nom": "CPTS du Val"}}
    new = {"cpts": {"nom": "CPTS du Val de Lys"}}
    result = diff_data(old, new, Side("plan@4f3a2b1", "4f3a2b1", "2.1"), Side("plan"))
    out = text(result)
    assert "Légende : [-texte supprimé-] {+texte ajouté+}" in out
    assert "enregistrée dans git au commit 4f3a2b1" in out and "plan@4f3a2b1" not in out
    assert "texte supprimé barré en rouge" in text(result, color=True)


def test_an_address_added_to_an_entry_stays_out_of_the_diffusable_annex(tmp_path: Path) -> None:
    # README: the annex of the diffusable edition lists the changes « sans coordonnée »,
    # an address or e-mail added to or removed from an entry included.
    plan = example_repository(tmp_path)
    edit(
        plan / "annuaire.yaml",
        "    email: claire.vandamme@cpts-valdelys.example\n",
        "    adresse: 12 rue des Glycines, 59000 Lille\n",
    )
    git(tmp_path, "commit", "-qam", "adresse")
    result = run_cli(
        "render", plan, "--depuis", "HEAD~1", "-e", "diffusable", "--brouillon",
        "-f", "md", "-o", tmp_path / "d", "--date", REFERENCE_DATE,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "d.md").read_text(encoding="utf-8")
    assert "coordonnées modifiées" in text
    assert "Glycines" not in text and "claire.vandamme@" not in text
