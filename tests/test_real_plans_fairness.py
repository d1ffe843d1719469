"""Issue 19 §1: no finding a real plan does not deserve, none missed.

Each shape below is the one a real CPTS plan had when it was transcribed from its public
page (docs of /work/shared/REAL-PLANS.md), written into the minimal example by a few exact
edits: the crisis cell of the CPTS des Bords de l'Oise (missions of the whole cell, two CPTS
presidents among its members), the real activation of the CPTS Ouest Gironde during the
2026 wildfires (RETEX not written yet), a plan « validé par l'ARS » (CPTS Sud Toulousain)
transcribed with the dates the page does not give, a risk diagnostic whose categories are
still to complete, a draft whose CPTS name, address and dates are still to complete.
Each test asserts the verdict a careful reviewer would give.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from cptsplan.api import PlanReport, load_checked_plan
from cptsplan.model import UNNAMED
from cptsplan.render.filters import period
from cptsplan.rules import run_rules
from cptsplan.rules.settings import Config, RuleSetting
from cptsplan.schema.placeholders import ToComplete

from .conftest import MINIMAL_EXAMPLE, run_cli
from .test_render_support import docx_texts, pdf_pages, unbreak

TODAY = date(2026, 11, 23)
Edits = list[tuple[str, str]]


def shaped(tmp_path: Path, edits: Edits, name: str = "plan") -> Path:
    """The minimal example with `edits` (each `old` must occur exactly once)."""
    text = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, f"{old!r}: {text.count(old)} times"
        text = text.replace(old, new)
    folder = tmp_path / name
    folder.mkdir()
    (folder / "plan.yaml").write_text(text, encoding="utf-8")
    return folder


def checked(plan: Path) -> PlanReport:
    report = load_checked_plan(plan, today=TODAY)
    assert report.schema_valid, [p.message for p in report.problems]
    return report


def rules_of(report: PlanReport) -> list[str]:
    return [problem.rule for problem in report.problems]


def grid(report: PlanReport) -> dict[str, str]:
    assert report.grid is not None
    return {item.item: item.answer for item in report.grid}


# --------------------------------------------- the crisis cell of the CPTS des Bords de l'Oise

CELL_AS_A_BODY: Edits = [
    # Its functions are those of the whole cell: no person holds Communication...
    (
        "      - fonction: communication\n        titulaire: coord-martin\n"
        "        suppleant: idel-bruneau\n",
        "    missions:\n"
        "      - Être l'interlocuteur des autorités nationales et de la Protection civile.\n"
        "      - Relayer les messages sur le terrain.\n"
        "      - Constituer un réseau de bénévoles.\n"
        "      - Communiquer auprès des professionnels et de la population.\n"
        "    membres_organisations: [dr-faure, pres-haute-veze, sdis-15, mairie-veze]\n",
    ),
    # ... and the plan has no communication section of its own.
    (
        "  communication:\n"
        "    interne: Les adhérents sont alertés par SMS groupé, puis informés par la liste de "
        "diffusion MSSanté.\n"
        "    externe: La CPTS relaie aux mairies et à la population les messages officiels de "
        "l'ARS et de la préfecture, sans recommandation propre.\n",
        "",
    ),
    # The presidents of both CPTS sit in the cell, with the SDIS and the town hall.
    (
        "annuaire: # exigé : au moins une entrée ; chaque identifiant cité plus haut doit y "
        "figurer\n",
        "annuaire: # exigé : au moins une entrée ; chaque identifiant cité plus haut doit y "
        "figurer\n"
        "  - id: pres-haute-veze\n    type: personne\n    nom: Roux\n    prenom: Martin\n"
        "    categorie: professionnel_sante\n    fonction: Président de la CPTS de la Haute Vèze\n"
        "    verifie_le: 2026-09-14\n"
        "  - id: sdis-15\n    type: organisme\n    nom: SDIS du Cantal\n    categorie: sdis\n"
        "    verifie_le: 2026-09-14\n",
    ),
]


def test_communication_given_to_the_whole_cell_is_an_answer(tmp_path: Path) -> None:
    report = checked(shaped(tmp_path, CELL_AS_A_BODY))
    rules = rules_of(report)
    for unfair in ("communication-interne", "communication-externe", "cellule-fonctions"):
        assert unfair not in rules, report.problems
    answers = grid(report)
    assert answers["Communication interne"] == "oui"
    assert answers["Communication externe"] == "oui"
    where = {item.item: item.path for item in report.grid or []}
    assert where["Communication interne"] == ("piloter", "cellule_de_crise", "missions", 3)


def test_a_cell_mission_that_only_relays_does_not_stand_for_communication(
    tmp_path: Path,
) -> None:
    """The missions must say that the cell communicates, and with whom."""
    edits = [
        (old, new.replace("Communiquer auprès des professionnels et de la population", "Agir"))
        for old, new in CELL_AS_A_BODY
    ]
    report = checked(shaped(tmp_path, edits))
    rules = rules_of(report)
    assert "communication-interne" in rules and "communication-externe" in rules
    assert "cellule-fonctions" in rules
    assert grid(report)["Communication interne"] == "non"


def test_two_cpts_presidents_are_not_printed_as_organisations(tmp_path: Path) -> None:
    plan = shaped(tmp_path, CELL_AS_A_BODY)
    out = tmp_path / "doc"
    result = run_cli("render", plan, "-f", "md", "-o", out, "--date", TODAY.isoformat())
    assert result.exit_code == 0, result.stderr
    text = out.with_suffix(".md").read_text(encoding="utf-8")
    organisations = text.split("Organisations membres de la cellule", 1)[1]
    organisations = organisations.split("Personnes membres de la cellule", 1)[0]
    assert "SDIS du Cantal" in organisations and "Mairie de Vèze-la-Rivière" in organisations
    assert "Roux" not in organisations and "Faure" not in organisations
    people = text.split("Personnes membres de la cellule", 1)[1].split("#", 1)[0]
    assert "Martin Roux (Président de la CPTS de la Haute Vèze)" in people
    assert "Élise Faure (Présidente de la CPTS et référente SSE" in people


# --------------------------------------------- the 2026 wildfires of the CPTS Ouest Gironde

WILDFIRES: Edits = [
    # No exercise yet: the plan was run for real before the first one.
    (
        "  exercices: # conseillé : au moins un exercice par an, suivi d'un RETEX\n"
        "    - id: exo-2026-chaine-alerte\n"
        "      intitule: Premier test de la chaîne d'alerte, avant l'adoption du plan\n"
        "      date: 2026-09-08\n      type: communication\n      typologies: [T5]\n"
        "      retex: retex-2026-chaine-alerte\n",
        "",
    ),
    (
        "evaluer: # exigé (peut rester vide : « evaluer: {} ») ; ici le RETEX du premier test "
        "d'alerte\n",
        "evaluer:\n"
        "  activations:\n"
        "    - id: activation-2026-feux\n"
        "      titre: Feux de forêt de l'été 2026\n"
        "      typologies: [T1, T5]\n"
        "      declencheur: Demande de l'ARS aux CPTS des communes évacuées.\n"
        "      demande_par: [ars-dd15]\n"
        "      debut: 2026-08-04\n"
        "      fin: 2026-08-21\n"
        "      professionnels_mobilises: 42\n"
        "      nombre_actions: 310\n",
    ),
]


def test_a_real_activation_counts_as_exercised_before_its_retex_is_written(
    tmp_path: Path,
) -> None:
    report = checked(shaped(tmp_path, WILDFIRES))
    rules = rules_of(report)
    assert "exercices" not in rules and "exercice-annuel" not in rules
    # The RETEX due is said, once, by its own rule.
    assert rules.count("activation-sans-retex") == 1
    answers = grid(report)
    assert answers["Exercices"] == "oui"
    assert answers["Exercice dans les 12 derniers mois"] == "oui"


# --------------------------------------------- one finding per cause

NO_T1_NOR_T3: Edits = [
    (
        "      typologies: [T1]\n      risques: [accident-rn]\n",
        "      typologies: [T2]\n      risques: [accident-rn]\n",
    ),
    (
        "      typologies: [T3]\n      risques: [maladie-emergente]\n",
        "      typologies: [T2]\n      risques: [maladie-emergente]\n",
    ),
    ("      volets: [AMAVI, MEDICO-PSY]\n", ""),
    ("      volets: [REB]\n", ""),
]


def test_missing_typologies_are_not_repeated_as_missing_volets(tmp_path: Path) -> None:
    report = checked(shaped(tmp_path, NO_T1_NOR_T3))
    rules = rules_of(report)
    assert rules.count("typologie-sans-reponse") == 2
    assert "volet-sans-reponse" not in rules
    answers = grid(report)
    # The grid still says what is missing.
    for volet in ("AMAVI", "MEDICO-PSY", "REB"):
        line = next(item for item in answers if item.startswith(f"Volet ORSAN {volet} "))
        assert answers[line] == "non", line
    # A region that turns the typology rule off still hears about the volets.
    assert report.grid is not None
    plan_report = load_checked_plan(shaped(tmp_path, NO_T1_NOR_T3, "bis"), today=TODAY)
    assert plan_report.plan is not None
    config = Config(rules={"typologie-sans-reponse": RuleSetting(enabled=False)})
    outcome = run_rules(plan_report.plan, TODAY, config)
    assert [p.rule for p in outcome.problems].count("volet-sans-reponse") == 3


# --------------------------------------------- a plan « validé par l'ARS » (Sud Toulousain)

VALIDATED_NO_CPAM: Edits = [
    (
        "  classification: interne # exigé",
        "  statut: valide_ars\n  classification: interne # exigé",
    ),
    (
        '    - destinataire: ars-dd15\n      date: 2026-09-25\n      version: "1.0"\n'
        '    - destinataire: cpam-cantal\n      date: 2026-09-25\n      version: "1.0"\n',
        '    - destinataire: ars-dd15\n      date: A_COMPLETER\n      version: "1.0"\n'
        "      reponse:\n        avis: conforme\n        date: A_COMPLETER\n",
    ),
]


def test_a_validated_plan_without_cpam_transmission_gets_the_error(tmp_path: Path) -> None:
    report = checked(shaped(tmp_path, VALIDATED_NO_CPAM))
    cpam = [p for p in report.problems if p.rule == "transmission-cpam"]
    assert len(cpam) == 1 and cpam[0].severity.name == "ERROR", report.problems
    assert "valide_ars" in cpam[0].message
    # The ARS's answer is recorded: the dates still to complete change nothing to that.
    assert "statut-valide-sans-avis" not in rules_of(report)
    assert rules_of(report).count("champ-a-completer") == 2
    answers = grid(report)
    assert answers["Transmission à la CPAM"] == "non"
    assert answers["Transmission à l'ARS"] == "oui"


def test_a_recipient_to_complete_still_defers_the_transmission_rules(tmp_path: Path) -> None:
    """The placeholder that does matter: whom the plan was sent to."""
    edits = [
        VALIDATED_NO_CPAM[0],
        (VALIDATED_NO_CPAM[1][0], VALIDATED_NO_CPAM[1][1].replace("ars-dd15", "A_COMPLETER")),
    ]
    report = checked(shaped(tmp_path, edits))
    assert "transmission-cpam" not in rules_of(report)
    assert grid(report)["Transmission à la CPAM"] == "non renseigné"


def test_a_plan_not_sent_yet_says_non_without_a_problem(tmp_path: Path) -> None:
    edits = [
        (
            "  classification: interne # exigé",
            "  statut: pret_a_transmettre\n  classification: interne # exigé",
        ),
        (
            "  transmissions: # attendu par l'ACI : envoi à l'ARS et à la CPAM\n"
            + VALIDATED_NO_CPAM[1][0],
            "",
        ),
    ]
    report = checked(shaped(tmp_path, edits))
    assert not {"transmission-ars", "transmission-cpam"} & set(rules_of(report))
    answers = grid(report)
    assert answers["Transmission à l'ARS"] == "non"
    assert answers["Transmission à la CPAM"] == "non"
    cpam = next(item for item in report.grid or [] if item.item == "Transmission à la CPAM")
    assert not cpam.reported


# --------------------------------------------- a diagnostic whose categories are to complete

CATEGORIES_TO_COMPLETE: Edits = [
    ("      categorie: naturel\n      typologies: [T5, T2]\n",
     "      categorie: A_COMPLETER\n      typologies: [T5, T2]\n"),
    ("      categorie: naturel\n      typologies: [T2]\n",
     "      categorie: A_COMPLETER\n      typologies: [T2]\n"),
    ("      categorie: sanitaire\n", "      categorie: A_COMPLETER\n"),
]  # fmt: skip


def test_a_diagnostic_covering_t1_to_t5_is_oui_with_categories_to_complete(
    tmp_path: Path,
) -> None:
    report = checked(shaped(tmp_path, CATEGORIES_TO_COMPLETE))
    assert rules_of(report).count("champ-a-completer") == 3
    assert grid(report)["Diagnostic des risques couvrant les cinq typologies"] == "oui"


def test_a_typology_without_risk_is_said_even_with_categories_to_complete(
    tmp_path: Path,
) -> None:
    edits = [
        *CATEGORIES_TO_COMPLETE,
        ("      categorie: technologique\n      typologies: [T4]\n",
         "      categorie: technologique\n      typologies: [T1]\n"),
    ]  # fmt: skip
    report = checked(shaped(tmp_path, edits))
    missing = [p for p in report.problems if p.rule == "typologie-sans-scenario"]
    assert len(missing) == 1 and "T4" in missing[0].message
    assert grid(report)["Diagnostic des risques couvrant les cinq typologies"] == "non"


# --------------------------------------------- a draft with its name and dates to complete


def test_a_plan_whose_name_is_to_complete_is_not_called_question_mark(tmp_path: Path) -> None:
    plan = shaped(
        tmp_path, [("  nom: CPTS du Plateau de Vèze # exigé", "  nom: A_COMPLETER # exigé")]
    )
    assert checked(plan).name == UNNAMED
    result = run_cli("validate", plan, "--date", TODAY.isoformat())
    assert "« ? »" not in result.stdout and " ? " not in result.stdout
    assert "plan sans nom (A_COMPLETER)" in result.stdout
    document = json.loads(run_cli("validate", plan, "--format", "json").stdout)
    assert document["plans"][0]["name"] == UNNAMED


def test_a_period_with_unknown_dates_never_reads_le_a_completer() -> None:
    unknown = ToComplete()
    assert period(unknown, unknown) == "dates à compléter"
    assert period(date(2026, 8, 4), unknown) == "à partir du 4 août 2026 (fin à compléter)"
    assert period(unknown, date(2026, 8, 21)) == "jusqu’au 21 août 2026 (début à compléter)"
    assert period(date(2026, 8, 4), date(2026, 8, 4)) == "le 4 août 2026 (1 jour)"
    assert period(date(2026, 8, 4), None) == "depuis le 4 août 2026"


DRAFT: Edits = [
    ("  classification: interne # exigé", "  statut: brouillon\n  classification: interne # exigé"),
    ("  population: 19400\n",
     "  population: 19400\n  adresse_siege: \"A_COMPLETER : adresse du siège\"\n"),
    ("      titre: Blessés et choc psychologique (AMAVI, MEDICO-PSY)\n",
     "      titre: \"A_COMPLETER : titre de la réponse\"\n"),
    *WILDFIRES[1:],
    ("      debut: 2026-08-04\n      fin: 2026-08-21\n",
     "      debut: A_COMPLETER\n      fin: A_COMPLETER\n"),
]  # fmt: skip


@pytest.fixture(scope="module")
def draft_documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """The draft rendered to PDF, DOCX and Markdown, and the same plan without status (a
    document that could be sent), read back."""
    root = tmp_path_factory.mktemp("brouillon")
    # A CPTS that lets a placeholder through as a warning produces a document to send.
    texts: dict[str, dict[str, str]] = {}
    for name, edits in (("brouillon", DRAFT), ("sans-statut", DRAFT[1:])):
        plan = shaped(root, edits, name)
        out = root / f"{name}-doc"
        if name == "sans-statut":
            (plan / ".cptsplan.yaml").write_text(
                "regles:\n  champ-a-completer: avertissement\n", encoding="utf-8"
            )
        result = run_cli("render", plan, "-f", "pdf,docx,md", "-o", out, "--date", "2026-11-23")
        assert result.exit_code == 0, result.stderr
        texts[name] = {
            "pdf": unbreak(" ".join(pdf_pages(out.with_suffix(".pdf")))),
            "docx": " ".join(docx_texts(out.with_suffix(".docx"))),
            "md": out.with_suffix(".md").read_text(encoding="utf-8"),
        }
    return texts


def test_a_draft_prints_what_is_to_complete_and_a_sendable_document_does_not(
    draft_documents: dict[str, dict[str, str]],
) -> None:
    for kind, text in draft_documents["brouillon"].items():
        flat = " ".join(text.replace("*", "").split())
        assert "à compléter : adresse du siège" in flat, kind
    for kind, text in draft_documents["sans-statut"].items():
        assert "adresse du siège" not in text, kind
        assert "à compléter" in text, kind


def test_no_heading_is_a_bare_a_completer_and_no_period_reads_le_a_completer(
    draft_documents: dict[str, dict[str, str]],
) -> None:
    for edition in draft_documents.values():
        for kind, text in edition.items():
            flat = " ".join(text.replace("*", "").split())
            assert "Réponse T1 (titre à compléter)" in flat, kind
            assert "3.2 à compléter" not in flat, kind
            assert "le à compléter" not in flat, kind
            assert "dates à compléter" in flat, kind
    markdown = draft_documents["sans-statut"]["md"]
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert not [h for h in headings if h.rstrip(" *").endswith("à compléter")], headings


# --------------------------------------------- a figure whose image is not at hand (§3)

RELAYED_POSTER: Edits = [
    *WILDFIRES,
    (
        "annuaire: # exigé : au moins une entrée ; chaque identifiant cité plus haut doit y "
        "figurer\n",
        "figures:\n"
        "  - id: affiche-prefecture\n"
        "    legende: Affiche de conseils de la préfecture pendant les feux de forêt\n"
        "    consultable: Site internet de la préfecture, rubrique feux de forêt\n"
        "    section: evaluer\n\n"
        "annuaire: # exigé : au moins une entrée ; chaque identifiant cité plus haut doit y "
        "figurer\n",
    ),
]


def test_a_figure_without_its_image_says_where_to_find_it(tmp_path: Path) -> None:
    """The CPTS Ouest Gironde relayed the préfecture's posters during the wildfires: the plan
    knows they exist, not their files."""
    plan = shaped(tmp_path, RELAYED_POSTER)
    assert "figure-invalide" not in rules_of(checked(plan))
    out = tmp_path / "doc"
    result = run_cli("render", plan, "-f", "pdf,docx,md", "-o", out, "--date", "2026-11-23")
    assert result.exit_code == 0, result.stderr
    texts = {
        "pdf": unbreak(" ".join(pdf_pages(out.with_suffix(".pdf")))),
        "docx": " ".join(docx_texts(out.with_suffix(".docx"))),
        "md": out.with_suffix(".md").read_text(encoding="utf-8").replace("\\", ""),
    }
    for kind, text in texts.items():
        flat = " ".join(text.replace("’", "'").split())
        assert "Affiche de conseils de la préfecture pendant les feux de forêt" in flat, kind
        assert (
            "[image non jointe ; à consulter : Site internet de la préfecture, rubrique feux "
            "de forêt]" in flat
        ), kind


def test_a_figure_with_neither_image_nor_place_is_refused(tmp_path: Path) -> None:
    edits = [
        (
            old,
            new.replace(
                "    consultable: Site internet de la préfecture, rubrique feux de forêt\n", ""
            ),
        )
        for old, new in RELAYED_POSTER
    ]
    report = load_checked_plan(shaped(tmp_path, edits), today=TODAY)
    refused = [p for p in report.problems if p.rule == "figure-invalide"]
    assert len(refused) == 1 and "ni image ni endroit" in refused[0].message


def test_a_date_still_to_complete_reads_date_a_completer_not_du_or_le(tmp_path: Path) -> None:
    """« RETEX du à compléter », « oui, du à compléter » (a PCS) read as a slip: the same
    mistake as issue 19's « Période : le à compléter ». A date not known yet is said so."""
    import shutil

    from .conftest import COMPLETE_EXAMPLE

    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    evaluer = plan / "evaluer.yaml"
    evaluer.write_text(
        evaluer.read_text(encoding="utf-8").replace(
            "      date: 2024-11-26\n", "      date: A_COMPLETER\n", 1
        ),
        encoding="utf-8",
    )
    territory = plan / "plan.yaml"
    territory.write_text(
        territory.read_text(encoding="utf-8").replace(
            "pcs_date: 2024-02-05", "pcs_date: A_COMPLETER", 1
        ),
        encoding="utf-8",
    )
    out = tmp_path / "plan.md"
    result = run_cli("render", plan, "-f", "md", "-o", out, "--brouillon", "--date", "2026-11-23")
    assert result.exit_code == 0, result.stderr
    flat = " ".join(out.read_text(encoding="utf-8").replace("*", "").split())
    assert "du à compléter" not in flat
    assert "le à compléter" not in flat
    assert "date du RETEX à compléter" in flat  # (v1: « RETEX date à compléter » read oddly)
    assert "oui, date à compléter" in flat


KINDS_TO_COMPLETE = [
    ("      date: 2027-01-21\n", "      date: A_COMPLETER\n"),
    ("      type: communication\n      typologies: [T5]\n",
     "      type: A_COMPLETER\n      typologies: [T5]\n"),
    ("        - 17 des 21 adhérents ont répondu au SMS en moins d'une heure ; deux numéros "
     "étaient faux.\n", "        - A_COMPLETER\n"),
]  # fmt: skip


def test_exercises_trainings_and_retex_recorded_are_oui_with_a_detail_to_complete(
    tmp_path: Path,
) -> None:
    """An imported plan: its exercises' type, a training's date and a RETEX's lessons still
    to complete. The grid said « Exercices : non renseigné » although two exercises are
    written; those lines say that the plan records some, which is known."""
    report = checked(shaped(tmp_path, KINDS_TO_COMPLETE))
    assert rules_of(report).count("champ-a-completer") == 3
    answers = grid(report)
    assert answers["Formations"] == "oui"
    assert answers["Exercices"] == "oui"
    assert answers["Retours d'expérience (RETEX)"] == "oui"
    assert answers["Exercice dans les 12 derniers mois"] == "oui"
