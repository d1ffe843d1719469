"""Personal data rules as a coordinator meets them: a NIR or a birth date however typed
(pasted from a word processor: no-break spaces, dots, invisible characters), findings that
show the words around what was found and where it is written, and a personal mobile number
written outside the directory (warned about, and hidden from the diffusable edition)."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from cptsplan import api
from cptsplan.findings.problems import Problem
from cptsplan.privacy.patient import find_nir, identity_spans
from cptsplan.privacy.redact import REPLACEMENT
from cptsplan.render.document import plan_markdown
from cptsplan.render.resources import template_dirs

from .conftest import run_cli

MINIMAL = Path(__file__).resolve().parent.parent / "examples" / "cpts-minimale" / "plan.yaml"
NIR = "1 84 12 76 451 089 46"  # key 46 is right
RESUME = "      resume: Première version du plan"
"""A plain one-line scalar of the minimal example, 6 columns of indentation + 'resume: '."""


def plan_with(tmp_path: Path, old: str, new: str) -> Path:
    """The minimal example with its first line that starts with `old` replaced by `new`."""
    folder = tmp_path / "plan"
    folder.mkdir()
    lines = MINIMAL.read_text(encoding="utf-8").splitlines()
    (index,) = [i for i, line in enumerate(lines) if line.startswith(old)][:1]
    lines[index] = new
    (folder / "plan.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def problems(folder: Path, rule: str) -> list[Problem]:
    report = api.load_checked_plan(folder, today=date(2026, 11, 1))
    return [problem for problem in report.problems if problem.rule == rule]


@pytest.mark.parametrize(
    "written",
    [
        NIR,
        NIR.replace(" ", "\u00a0"),  # no-break spaces (Word)
        NIR.replace(" ", "\u202f"),  # narrow no-break spaces
        NIR.replace(" ", "."),
        NIR.replace(" ", "-"),
        NIR.replace(" ", "\u2013"),  # en dashes
        NIR.replace(" ", "/"),
        NIR.replace(" ", ""),
        NIR.replace(" ", " . "),
        NIR.replace(" ", "\u200b"),  # zero-width spaces
        NIR.replace(" ", "\u00ad"),  # soft hyphens
        NIR.replace(" ", "\u2009"),  # thin spaces
        "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in NIR),  # fullwidth
        "2 85 03 2A 123 456 48".replace(" 2A ", ".2A."),
    ],
)
def test_a_nir_is_found_however_it_is_typed(written: str) -> None:
    assert list(find_nir(f"Patient à rappeler : {written}."))


@pytest.mark.parametrize(
    "text",
    [
        "1 84 12 76 451 089 00",
        "03.20.12.34.56",
        "SIRET 123.456.789.01234",
        "v1.84.12.76.451.089.46",
    ],
)
def test_what_is_not_a_nir_is_not_reported(text: str) -> None:
    assert not list(find_nir(text))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("M. Martin, DDN 12/03/1950, insuline", "DDN 12/03/1950"),
        ("Mme Leroy (DDN : 12.03.1950)", "DDN : 12.03.1950"),
        ("Mme Leroy, D.D.N. 1er mars 1950", "D.D.N. 1er mars 1950"),
        ("Jeanne Petit, née le 3 mars 1950 à Lille", "née le 3 mars 1950"),
        ("Claude Petit, né(e) le 12/03/1950", "né(e) le 12/03/1950"),
        ("Paul Durand né le 12-03-1950", "né le 12-03-1950"),
        ("NÉE LE 12/03/1950", "NÉE LE 12/03/1950"),
        ("Jean Roux, ne\u0301 le 12/03/1950", "ne\u0301 le 12/03/1950"),
        ("Mme Leroy née le\u00a012\u00a0mars\u00a01950", "née le\u00a012\u00a0mars\u00a01950"),
        ("Mme Durand, 84 ans", "Mme Durand, 84 ans"),
    ],
)
def test_a_birth_date_with_a_name_is_found(text: str, found: str) -> None:
    ((start, end),) = identity_spans(text)
    assert text[start:end] == found


@pytest.mark.parametrize(
    "text",
    [
        "La cellule est née de la fusion de deux groupes de travail.",
        "Réunion le 12/03/2027 avec les pharmaciens.",
        "Les personnes de plus de 75 ans vivant seules.",
        "DDN des patients : voir le logiciel métier de chaque cabinet.",
    ],
)
def test_words_alone_are_not_patient_data(text: str) -> None:
    assert identity_spans(text) == []


def test_the_nir_finding_shows_the_words_around_and_the_match_column(tmp_path: Path) -> None:
    value = f"Première version. Patient à recontacter, NIR {NIR} avant midi, merci"
    folder = plan_with(tmp_path, RESUME, f"      resume: {value}")
    (problem,) = problems(folder, "donnees-patient-nir")
    line = (
        (folder / "plan.yaml").read_text(encoding="utf-8").splitlines()[problem.location.line - 1]
    )
    assert line[problem.location.col - 1 :].startswith(NIR)  # the match, not the value
    assert "à recontacter, NIR" in problem.message and "avant midi" in problem.message
    assert NIR not in problem.message and "NIR 1 84…" in problem.message  # never in full


def test_the_words_around_a_finding_are_whole_words(tmp_path: Path) -> None:
    """Long words around the match: the excerpt starts and ends between two words, with
    « … » where the text goes on (a word cut in two, « …ellement », read as a typo)."""
    value = (
        "Transmissions interprofessionnelles obligatoirement confidentielles "
        f"NIR {NIR} systématiquement communiqué exclusivement aux établissements"
    )
    folder = plan_with(tmp_path, RESUME, f"      resume: {value}")
    (problem,) = problems(folder, "donnees-patient-nir")
    shown = problem.message.split("« ", 1)[1].rsplit(" »", 1)[0]
    words = set(value.split())
    left, right = shown.split(" NIR 1 84…")
    assert left.startswith("…") and right.endswith("…"), shown
    assert set(left[1:].split()) <= words and set(right[:-1].split()) <= words, shown
    assert len(left) <= 41 and len(right) <= 42, shown


@pytest.mark.parametrize("kind", ["nir", "naissance"])
def test_no_report_prints_the_patient_data_it_found(tmp_path: Path, kind: str) -> None:
    """The message masks what it found (« NIR 1 84… »): the source line under it, which
    other findings show with a caret, would print it in full into the CI log."""
    written = NIR if kind == "nir" else "Mme Zorglub, née le 12/03/1950"
    value = f"Patient à recontacter, {written} avant midi"
    folder = plan_with(tmp_path, RESUME, f"      resume: {value}")
    rule = "donnees-patient-nir" if kind == "nir" else "donnees-patient-identifiable"
    for output in ("text", "json", "github", "junit", "resume"):
        result = run_cli("validate", folder, "--date", "2026-11-01", "-f", output)
        assert result.exit_code == 1 and rule in result.stdout + result.stderr, output
        shown = result.stdout + result.stderr
        assert written not in shown and "12/03/1950" not in shown, output
    result = run_cli("validate", folder, "--date", "2026-11-01", "-f", "text")
    assert "à recontacter" in result.stdout  # the words around it still say where
    assert "resume: Patient" not in result.stdout  # no source line under it


def test_a_draft_s_diffusable_edition_hides_patient_data_everywhere(tmp_path: Path) -> None:
    """A NIR or a birth date is an error that blocks a sendable document, but a draft is
    still rendered (`--brouillon`): its diffusable edition, the one that may be shared,
    never prints them, in the text, the running header or the document's properties; the
    internal one does (the error tells the coordinator to remove them)."""
    from .test_gdpr_diffusable import everything

    value = f"Patient à recontacter, NIR {NIR}, Mme Zorglub née le 12/03/1950"
    folder = plan_with(tmp_path, RESUME, f"      resume: {value}")
    plan = folder / "plan.yaml"
    title = "  titre: Plan de préparation aux situations sanitaires exceptionnelles # exigé"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace(title, f"  titre: Plan SSE {NIR.replace(' ', '.')}"), "utf-8")
    secrets = (NIR.replace(" ", ""), "12031950")
    for edition in ("diffusable", "interne"):
        out = tmp_path / edition / "plan"
        formats = ("-f", "md", "-f", "html", "-f", "docx", "-f", "pdf")
        options = ("--brouillon", "-e", edition, "--date", "2026-11-01", "-o", out)
        result = run_cli("render", folder, *formats, *options)
        assert result.exit_code == 0, result.stderr
        for suffix in (".md", ".html", ".docx", ".pdf"):
            found = [
                where
                for where, read in everything(out.with_suffix(suffix))
                if any(secret in re.sub(r"\D", "", read) for secret in secrets)
            ]
            assert bool(found) == (edition == "interne"), (edition, suffix, found)


def test_the_rules_whose_line_is_never_shown_exist() -> None:
    from cptsplan.reporters.snippet import PATIENT_DATA
    from cptsplan.rules.registry import rule_ids

    assert rule_ids() >= PATIENT_DATA


def test_a_long_value_in_a_message_is_cut_after_a_whole_word() -> None:
    from cptsplan.messages.shortening import shorten

    text = "Centre hospitalier de Merlinghem-sur-Lys, service des urgences et SMUR de nuit"
    shown = shorten(text, 60)
    assert len(shown) <= 60 and shown.endswith("…")
    assert text.startswith(shown[:-1]) and text[len(shown) - 1] == " ", shown
    assert shorten("Anticonstitutionnellement" * 4, 20) == "Anticonstitutionnel…"  # one word
    assert shorten("  Deux   mots  ") == "Deux mots"


def test_the_column_is_right_in_a_quoted_value_and_a_block(tmp_path: Path) -> None:
    quoted = plan_with(tmp_path, RESUME, f'      resume: "Rappeler {NIR.replace(" ", ".")}"')
    (problem,) = problems(quoted, "donnees-patient-nir")
    lines = (quoted / "plan.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[problem.location.line - 1][problem.location.col - 1 :].startswith("1.84.12")

    block = tmp_path / "bloc"
    block.mkdir()
    text = "      resume: |\n        Première version.\n        Mme Martin, DDN 12/03/1950.\n"
    folder = plan_with(block, RESUME, text + "        Rédigée avec la mairie.")
    (problem,) = problems(folder, "donnees-patient-identifiable")
    lines = (folder / "plan.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[problem.location.line - 1][problem.location.col - 1 :].startswith("DDN 12/03/1950")
    assert "Première version. Mme Martin," in problem.message


def test_a_nir_in_a_comment_is_found_with_its_column(tmp_path: Path) -> None:
    folder = plan_with(
        tmp_path, "version_format: 1 # exigé", f"version_format: 1 # à rappeler {NIR}"
    )
    (problem,) = problems(folder, "donnees-patient-nir")
    assert problem.location.line == 18
    assert problem.location.col == len("version_format: 1 # à rappeler ") + 1


MOBILE = "06 12 34 56 78"


def test_a_mobile_outside_the_directory_is_a_warning_with_advice(tmp_path: Path) -> None:
    folder = plan_with(
        tmp_path, RESUME, f"      resume: Absente, appeler le Dr Roux au {MOBILE} le soir"
    )
    (problem,) = problems(folder, "mobile-hors-annuaire")
    assert problem.severity.value == "avertissement" or problem.severity.name == "WARNING"
    assert MOBILE in problem.message and "Dr Roux au" in problem.message
    assert "masqué dans l'édition diffusable" in problem.message
    assert problem.hint is not None and "annuaire" in problem.hint
    lines = (folder / "plan.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[problem.location.line - 1][problem.location.col - 1 :].startswith(MOBILE)


@pytest.mark.parametrize("written", ["+262 692 12 34 56", "+596 696 12 34 56"])
def test_an_overseas_mobile_in_international_form_is_flagged(tmp_path: Path, written: str) -> None:
    """0692 12 34 56 was flagged (and hidden), +262 692 12 34 56 was neither."""
    folder = plan_with(tmp_path, RESUME, f"      resume: Appeler le Dr Hoarau au {written}")
    (problem,) = problems(folder, "mobile-hors-annuaire")
    assert written in problem.message


OTHER_ZEROS = (0x660, 0x6F0, 0x966)
"""Arabic-Indic, Persian and Devanagari digit zeros (each script's digits follow)."""


@pytest.mark.parametrize("zero", OTHER_ZEROS)
def test_a_mobile_in_another_script_is_flagged(tmp_path: Path, zero: int) -> None:
    """« ٠٦ ١٢ ٣٤ ٥٦ ٧٨ » is a mobile: any decimal digit of Unicode is a digit."""
    written = MOBILE.translate({ord(d): zero + int(d) for d in "0123456789"})
    folder = plan_with(tmp_path, RESUME, f"      resume: Appeler le Dr Roux au {written} le soir")
    (problem,) = problems(folder, "mobile-hors-annuaire")
    assert "Dr Roux au" in problem.message and "masqué dans l'édition diffusable" in problem.message
    lines = (folder / "plan.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[problem.location.line - 1][problem.location.col - 1 :].startswith(written)


@pytest.mark.parametrize(
    "written",
    [
        "06 39 98 20 01",  # the directory's own mobile (Dr Faure), copied: hidden, not warned
        "+33 6 39 98 20 01",
        "03 20 12 34 56",  # a landline
        "15 ou 112",
    ],
)
def test_no_warning_for_directory_numbers_and_landlines(tmp_path: Path, written: str) -> None:
    folder = plan_with(tmp_path, RESUME, f"      resume: Appeler le {written}")
    assert problems(folder, "mobile-hors-annuaire") == []


@pytest.mark.parametrize(
    "written",
    [
        MOBILE,
        "07.12.34.56.78",
        "+33 (0)6 12 34 56 78",
        "06\u200b12\u200b34\u200b56\u200b78",
        *(MOBILE.translate({ord(d): zero + int(d) for d in "0123456789"}) for zero in OTHER_ZEROS),
    ],
)
def test_a_mobile_outside_the_directory_is_hidden_only_in_the_diffusable_edition(
    tmp_path: Path, written: str
) -> None:
    folder = plan_with(tmp_path, RESUME, f"      resume: Appeler le Dr Roux au {written} le soir")
    report = api.load_checked_plan(folder, today=date(2026, 11, 1))
    assert report.plan is not None
    dirs = template_dirs(folder, None)
    internal = plan_markdown(report.plan, "interne", False, dirs)
    diffusable = plan_markdown(report.plan, "diffusable", False, dirs)
    digits = "".join(c for c in written if c.isdigit())[-8:]
    assert digits in "".join(c for c in internal if c.isdigit())
    assert digits not in "".join(c for c in diffusable if c.isdigit())
    assert "Dr Roux au [coordonnée réservée à l" in diffusable.replace("\\", "")


def test_the_complete_example_has_no_mobile_outside_its_directory() -> None:
    example = MINIMAL.parent.parent / "cpts-du-val-de-lys"
    assert problems(example, "mobile-hors-annuaire") == []


def test_render_help_says_what_the_diffusable_edition_leaves_out() -> None:
    result = run_cli("render", "--help")
    text = " ".join(result.stdout.split())
    for words in ("annuaire", "téléphone", "courriel", "adresse", "portable"):
        assert words in text, words


def test_the_rendering_documentation_says_the_same() -> None:
    doc = (MINIMAL.parent.parent.parent / "docs" / "rendu.md").read_text(encoding="utf-8")
    for words in ("portable", "mobile-hors-annuaire", "NFKC", "E.164", REPLACEMENT, "[at]"):
        assert words in doc, words


def test_the_plan_file_is_left_untouched(tmp_path: Path) -> None:
    folder = plan_with(tmp_path, RESUME, f"      resume: Appeler le {MOBILE}")
    before = (folder / "plan.yaml").read_bytes()
    out = tmp_path / "sortie" / "plan"
    shutil.rmtree(tmp_path / "sortie", ignore_errors=True)
    result = run_cli(
        "render", folder, "-f", "md", "-e", "diffusable", "--date", "2026-11-01", "-o", out
    )
    assert result.exit_code == 0, result.stderr
    assert (folder / "plan.yaml").read_bytes() == before
    assert MOBILE not in out.with_suffix(".md").read_text(encoding="utf-8")


def test_a_directory_the_schema_refused_gives_findings_not_a_traceback(tmp_path: Path) -> None:
    folder = plan_with(tmp_path, "    telephones:", "    telephones: 06 39 98 20 01")
    text = (folder / "plan.yaml").read_text(encoding="utf-8")
    text = text.replace(
        '      - numero: "06 39 98 20 01"\n        usage: mobile\n        h24: true\n', "", 1
    )
    text = text.replace(RESUME, f"{RESUME}, Mme Martin DDN 12/03/1950, appeler le {MOBILE}", 1)
    (folder / "plan.yaml").write_text(text, encoding="utf-8")
    result = run_cli("validate", folder, "--date", "2026-11-01")
    assert result.exit_code == 1 and "Traceback" not in result.stdout + result.stderr
    assert "[mobile-hors-annuaire]" in result.stdout
    assert "[donnees-patient-identifiable]" in result.stdout


@pytest.mark.parametrize(
    "written",
    ["06 12 34 56 7", "06 12 34 56 789", "6 12 34 56 78", "06.12.34.56.7", "+33 6 12 34 56 7"],
)
def test_a_mobile_typed_a_digit_short_or_long_is_told(tmp_path: Path, written: str) -> None:
    """A number that will not answer on the day of the crisis: the diffusable edition masks
    it (privacy/typos.py), and the coordinator is now told, once, at its place."""
    folder = plan_with(tmp_path, RESUME, f"      resume: Appeler le Dr Roux au {written} le soir")
    (problem,) = problems(folder, "mobile-hors-annuaire")
    assert "mal tapé" in problem.message and written in problem.message
    lines = (folder / "plan.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[problem.location.line - 1][problem.location.col - 1 :].startswith(written)


@pytest.mark.parametrize(
    "written",
    [
        "FINESS 590780491 et 060780491",
        "les 6 13 20 27 30 juin",
        "codes 06000 06100 06200",
        "03 20 12 34 5",
    ],
)
def test_codes_counts_and_landlines_are_not_called_mistyped_mobiles(
    tmp_path: Path, written: str
) -> None:
    folder = plan_with(tmp_path, RESUME, f"      resume: Voir {written}")
    assert problems(folder, "mobile-hors-annuaire") == []
