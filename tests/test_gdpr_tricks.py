"""Contacts hidden by a trick a careless or hostile contributor may use, found by probing
the diffusable edition (each was printed readable in every format before its fix):
- a number typed backwards behind a right-to-left override (U+202E): every reader shows it
  forwards;
- digits glued with combining marks (« 061122333\u03322 »: an underlined digit);
- « (à) » for the @ of an address;
- a version made of a mobile's digits and dots (« 06.39.98.10.17 », a form the schema
  accepts), written into the diffusable document's file name."""

from __future__ import annotations

import html
import json
import re
import shutil
import zipfile
from pathlib import Path

import pypdf
import pytest

from cptsplan.privacy.finished import contact_spans, hide_mobiles
from cptsplan.privacy.outside import HIDDEN, for_reviewer
from cptsplan.privacy.redact import REPLACEMENT, ContactFinder, redact

from .conftest import MINIMAL_EXAMPLE, git, run_cli

MOBILE = "06 39 98 20 01"  # the minimal example's referent (dr-faure)
LANDLINE = "03 53 01 30 17"
EMAIL = "isabelle.catteau@cpts-valdelys.example"
RLO, PDF = "\u202e", "\u202c"


def backwards(text: str) -> str:
    """`text` stored backwards behind an override: shown as `text`."""
    return RLO + text[::-1] + PDF


def _finder() -> ContactFinder:
    return ContactFinder([LANDLINE], [EMAIL])


@pytest.mark.parametrize(
    "written",
    [
        backwards("06 11 22 33 44"),
        backwards("0611223344"),
        RLO + "44 33 22 11 60",  # no end: the override runs to the end of the line
        "\u2067" + backwards("06 11 22 33 44") + "\u2069",  # inside an isolate
        backwards(LANDLINE),
        backwards(EMAIL),
        backwards(EMAIL.upper()),
    ],
)
def test_a_contact_typed_backwards_behind_an_override_is_hidden(written: str) -> None:
    # Without its end, the override reverses the rest of the line: all of it is hidden.
    after = " en cas de besoin." if PDF in written else ""
    text = f"Joindre {written}{after}"
    # An isolate's invisible marks around the override stay around the replacement.
    assert _isolated(_finder().scrub(text)) == f"Joindre {REPLACEMENT}{after}"
    # The finished document's last check, for a custom template's own words.
    assert _isolated(hide_mobiles(text, "X", _finder())) == f"Joindre X{after}"


def _isolated(text: str) -> str:
    return re.sub("[\u2066-\u2069]", "", text)


def test_an_escaped_address_typed_backwards_is_hidden_in_the_finished_document() -> None:
    """The finished Markdown escapes the stored (reversed) text: « elpmaxe\\.syledlav… »."""
    stored = EMAIL[::-1].replace(".", "\\.").replace("-", "\\-")
    text = f"Écrire à {RLO}{stored}{PDF} ce soir."
    assert hide_mobiles(text, "X", _finder()) == "Écrire à X ce soir."


@pytest.mark.parametrize(
    "text",
    [
        RLO + "51 UMAS" + PDF + " : appeler le 15",  # no contact shown: nothing hidden
        "Numéro national 0 800 130 000, SAMU 15",
        RLO + "عربي 112" + PDF,
    ],
)
def test_an_override_that_shows_no_contact_is_left_alone(text: str) -> None:
    assert _finder().scrub(text) == text
    assert contact_spans(text, _finder()) == []


@pytest.mark.parametrize(
    "written",
    [
        "061122333\u03322",  # a combining low line under a digit
        "0\u03016 11 22 33 44",
        "06\ufe0f11\ufe0f22\ufe0f33\ufe0f44",  # variation selectors
        "0\u20e36\u20e31\u20e31\u20e32\u20e32\u20e33\u20e33\u20e34\u20e34\u20e3",  # keycaps
    ],
)
def test_digits_glued_with_combining_marks_are_read(written: str) -> None:
    assert redact({"annuaire": [], "texte": f"Tél. {written} ."})["texte"].startswith(
        f"Tél. {REPLACEMENT}"
    )


def test_accents_and_public_numbers_stay_with_combining_marks() -> None:
    text = "Re\u0301union a\u0300 l'e\u0301cole : SAMU 15, 3237, 0 800 130 000"
    assert redact({"annuaire": [], "texte": text})["texte"] == text


@pytest.mark.parametrize(
    "written",
    ["jean.dupont (à) gmail.com", "JEAN.DUPONT [À] GMAIL.COM", f"{EMAIL.replace('@', ' (à) ')}"],
)
def test_an_address_with_a_bracketed_french_at_is_hidden(written: str) -> None:
    data = {"annuaire": [{"id": "i", "type": "personne", "nom": "C", "email": EMAIL}]}
    assert redact({**data, "texte": f"Écrire à {written}. Merci"})["texte"] == (
        f"Écrire à {REPLACEMENT}. Merci"
    )


def test_a_sentence_with_a_bracketed_a_stays() -> None:
    text = "Voir (à) la page 3 ; rendez-vous (à) Lille."
    assert redact({"annuaire": [], "texte": text})["texte"] == text


def _document_text(path: Path) -> str:
    if path.suffix == ".pdf":
        return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            parts = [archive.read(name).decode("utf-8") for name in archive.namelist()]
        return html.unescape(re.sub(r"<[^>]+>", "", "\n".join(p for p in parts if "<" in p)))
    return html.unescape(path.read_text(encoding="utf-8"))


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def test_no_trick_is_printed_in_any_format_nor_in_the_files_names(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL_EXAMPLE, plan)
    source = plan / "plan.yaml"
    text = source.read_text(encoding="utf-8")
    version = MOBILE.replace(" ", ".")  # digits and dots: the schema's form of a version
    summary = (
        f"Astreinte : {backwards('06 11 22 33 44')}, puis 071122334\u03325. "
        f"Secrétariat : jean.dupont (à) gmail.com."
    )
    text = text.replace('  version: "1.0"', f'  version: "{version}"', 1)
    text = text.replace('    - version: "1.0"', f'    - version: "{version}"', 1)
    quoted = json.dumps(summary, ensure_ascii=False)
    text = re.sub(r"(?m)^      resume: .*$", lambda _: f"      resume: {quoted}", text, count=1)
    source.write_text(text, encoding="utf-8")
    result = run_cli(
        "render", plan, "-e", "diffusable", "--brouillon", "--date", "2026-11-23",
        *("-f", "md", "-f", "html", "-f", "docx", "-f", "pdf"),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    written = sorted((plan / "build").iterdir())
    assert [path.name for path in written] == [
        f"plan-sse-diffusable-brouillon.{extension}" for extension in ("docx", "html", "md", "pdf")
    ]
    for path in written:
        shown = _document_text(path)
        assert "Astreinte" in shown and "Secrétariat" in shown, path.name
        for number in ("0611223344", "0711223345", _digits(MOBILE)):
            assert number not in _digits(shown), (path.name, number)
        assert "4433221160" not in _digits(shown), path.name  # nor stored backwards
        assert "gmail" not in shown, path.name
    # The internal edition names its files with the version, and prints everything.
    result = run_cli("render", plan, "-f", "md", "--brouillon", "--date", "2026-11-23")
    internal = plan / "build" / f"plan-sse-v{version}-interne-brouillon.md"
    assert internal.is_file(), result.stdout
    assert "jean.dupont (à) gmail.com" in internal.read_text(encoding="utf-8")


def test_the_reviewers_table_hides_a_mobile_typed_backwards(tmp_path: Path) -> None:
    """The table sent to the ARS (`validate --tableau`) printed the CPTS's name with a
    mobile typed backwards behind an override, shown forwards by the spreadsheet."""
    plan = tmp_path / "depot" / "plan"
    shutil.copytree(MINIMAL_EXAMPLE, plan)
    source = plan / "plan.yaml"
    name = f"CPTS de la Vèze {backwards('06 11 22 33 44')}"
    text = source.read_text("utf-8")
    text = re.sub(r"(?m)^  nom: .*$", lambda _: f'  nom: "{name}"', text, count=1)
    source.write_text(text, encoding="utf-8")
    table = tmp_path / "tableau.csv"
    result = run_cli("validate", plan.parent, "--tableau", table, "--date", "2026-11-23")
    assert result.exit_code == 0, result.stderr
    cells = table.read_text(encoding="utf-8-sig")
    assert "CPTS de la Vèze" in cells
    assert "4433221160" not in _digits(cells) and "0611223344" not in _digits(cells)
    assert for_reviewer(f"Portable : {backwards('06 11 22 33 44')}.") == f"Portable : {HIDDEN}."


def _corsican_nir() -> str:
    body = "2841219451089"  # 2A counts as 19 in the key
    return f"2 84 12 2a 451 089 {97 - int(body) % 97:02d}"


@pytest.mark.parametrize(
    "written",
    [
        "NIR 1 84 12 76 451 089",  # its key left out
        "NIR 1 84 12 76 451 089 99",  # a wrong key
        "NIR 1841 2764 5108 946",  # grouped by four
        "n° sécu : 1 84 12 76 451 089",
        "Carte Vitale 1841276451089",
        f"NIR {_corsican_nir()}",  # Corsica's department in lower case
    ],
)
def test_a_nir_said_to_be_one_is_hidden_with_or_without_its_key(written: str) -> None:
    shown = redact({"annuaire": [], "texte": f"Patient : {written}."})["texte"]
    assert REPLACEMENT in shown
    assert not re.search(r"\d{3}", shown), shown


@pytest.mark.parametrize(
    "text",
    [
        "Les NIR ne figurent jamais ici ; 1 200 patients dialysés, 2025 : 1 840 appels.",
        "Affiliés à la sécurité sociale : 12 000 000 000 000 en 2026.",
        "Carte Vitale : 3 caisses, 1 840 assurés, 200 officines.",
    ],
)
def test_counts_near_the_words_of_a_nir_stay(text: str) -> None:
    assert redact({"annuaire": [], "texte": text})["texte"] == text


def test_a_figures_file_name_is_not_printed_with_its_contacts_in_a_draft(tmp_path: Path) -> None:
    """A draft prints why a figure is not shown, with its file name (« image introuvable :
    « figures/….png » »): the name came from the plan's own data, not the edition's, and a
    directory's landline or e-mail in it was printed (mobiles were caught by the last check)."""
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL_EXAMPLE, plan)
    name = "figures/astreinte 04 65 71 00 10 alerte@ars-ara.example.png"
    with (plan / "plan.yaml").open("a", encoding="utf-8") as source:
        source.write(
            f'\nfigures:\n  - id: carte\n    fichier: "{name}"\n'
            "    legende: Carte du territoire\n    section: territoire\n"
        )
    result = run_cli(
        "render", plan, "-e", "diffusable", "--brouillon", "--date", "2026-11-23",
        *("-f", "md", "-f", "html", "-f", "docx", "-f", "pdf"),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    for path in sorted((plan / "build").iterdir()):
        shown = _document_text(path)
        assert "introuvable" in shown and "astreinte" in shown, path.name
        assert "0465710010" not in _digits(shown) and "ars-ara" not in shown, path.name
    # The internal edition names the file as it is.
    run_cli("render", plan, "-f", "md", "--brouillon", "--date", "2026-11-23")
    assert "alerte@ars-ara.example.png" in (
        plan / "build" / "plan-sse-v1.0-interne-brouillon.md"
    ).read_text(encoding="utf-8")


def test_a_former_version_made_of_a_directory_number_is_not_printed(tmp_path: Path) -> None:
    """`diff --edition diffusable` and `render --depuis` name the former version (« depuis
    la version 04.65.71.00.10 », a form the schema accepts) from the plan's own data: a
    directory number written so was printed in the annex's heading, the table of contents,
    the diff's first line and its JSON."""
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL_EXAMPLE, plan)
    source = plan / "plan.yaml"
    former = "04.65.71.00.10"  # the ARS's line in the directory, as digits and dots
    source.write_text(source.read_text("utf-8").replace('"1.0"', f'"{former}"'), "utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "première version")
    text = source.read_text("utf-8").replace(f'  version: "{former}"', '  version: "2.0"', 1)
    text = text.replace(
        "  historique: # exigé : au moins une version\n",
        '  historique: # exigé : au moins une version\n    - version: "2.0"\n'
        "      date: 2026-10-01\n      resume: Mise à jour annuelle.\n",
        1,
    )
    source.write_text(text, "utf-8")
    shown = []
    for arguments in (("--format", "json"), ("--format", "text"), ("--format", "markdown")):
        result = run_cli("diff", plan, "--depuis", "HEAD", "--edition", "diffusable", *arguments)
        assert result.exit_code == 0, result.stderr
        shown.append(result.stdout)
    result = run_cli(
        "render", plan, "--depuis", "HEAD", "-e", "diffusable", "--brouillon",
        *("-f", "md", "-o", tmp_path / "consolide.md", "--date", "2026-11-23"),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    shown.append((tmp_path / "consolide.md").read_text("utf-8"))
    assert "modifications depuis la version" in shown[-1]
    for output in shown:
        assert "0465710010" not in _digits(output)
    internal = run_cli("diff", plan, "--depuis", "HEAD")
    assert f"version {former}" in internal.stdout


_HOME = {
    "annuaire": [
        {"id": "p", "type": "personne", "nom": "R", "adresse": "12 rue des Lilas, 59000 Lille"}
    ]
}


@pytest.mark.parametrize(
    "written",
    ["rue des Lilas n°12", "rue des Lilas, n° 12", "RUE DES LILAS 12", "rue des Lilas numéro 12"],
)
def test_a_persons_street_with_its_number_after_it_is_hidden(written: str) -> None:
    shown = redact({**_HOME, "texte": f"Domicile : {written}, Lille."})["texte"]
    assert shown == f"Domicile : {REPLACEMENT}, Lille."


@pytest.mark.parametrize(
    "text",
    ["La rue des Lilas 12 000 habitants", "rue des Lilas 120", "la rue des Lilas est fermée"],
)
def test_the_street_with_another_number_or_none_stays(text: str) -> None:
    assert redact({**_HOME, "texte": text})["texte"] == text


@pytest.mark.parametrize(
    "written",
    [
        EMAIL.replace("a", "\u0430"),  # Cyrillic « а », drawn as a Latin « a »
        EMAIL.replace("e", "\u0435"),  # Cyrillic « е »
        "isabelle.catteau @ cpts - valdelys . example",  # spaces around the hyphen
        "\u041e6 11 22 33 44",  # a Cyrillic « О » for the zero of a mobile
        "jean.dupont@gm\u0430il.com",
    ],
)
def test_lookalike_letters_and_spaced_hyphens_are_read(written: str) -> None:
    data = {"annuaire": [{"id": "i", "type": "personne", "nom": "C", "email": EMAIL}]}
    assert (
        redact({**data, "texte": f"Écrire à {written} ."})["texte"] == f"Écrire à {REPLACEMENT} ."
    )


def test_cyrillic_and_greek_words_stay() -> None:
    text = "Интерферон α, 15 ; cpts - valdelys ; Ωmega"
    assert redact({"annuaire": [], "texte": text})["texte"] == text


@pytest.mark.parametrize(
    "written",
    ["03 53 0l 30 17", "O3 53 0l 30 17", "03 53 01 30 l7", "06 l1 22 33 44", "06 I1 22 33 44"],
)
def test_a_letter_l_or_i_typed_for_a_one_is_read(written: str) -> None:
    data = {
        "annuaire": [
            {"id": "i", "type": "personne", "nom": "C", "telephones": [{"numero": LANDLINE}]}
        ]
    }
    assert redact({**data, "texte": f"Tél. {written} ."})["texte"] == f"Tél. {REPLACEMENT} ."


def test_letters_near_digits_in_words_stay() -> None:
    text = "CO2, 5l d'eau, phase I2, annexe I 12 pages, A1 l3"
    assert redact({"annuaire": [], "texte": text})["texte"] == text


def test_the_consolidated_annex_names_a_referred_item_as_the_edition_prints_it(
    tmp_path: Path,
) -> None:
    """`render --depuis` names the items a changed reference points at (« ~~Neige, astreinte
    04 65 71 00 20~~ **Canicule** ») from the plan's data: a directory number in a risk's
    title was printed in the annex of the diffusable edition."""
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL_EXAMPLE, plan)
    source = plan / "plan.yaml"
    text = source.read_text("utf-8").replace(
        "intitule: Neige et routes coupées sur le plateau",
        "intitule: Neige et routes coupées, astreinte DDT 04 65 71 00 20",
    )
    source.write_text(text, "utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "première version")
    source.write_text(text.replace("risques: [neige]\n", "risques: [canicule]\n", 1), "utf-8")
    outputs = {}
    for edition in ("diffusable", "interne"):
        out = tmp_path / f"{edition}.md"
        result = run_cli(
            "render", plan, "--depuis", "HEAD", "-e", edition, "--brouillon",
            *("-f", "md", "-o", out, "--date", "2026-11-23"),
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        annex = out.read_text("utf-8").split("modifications depuis la version")[-1]
        outputs[edition] = annex.split("# Annexe B")[0]
    assert "Canicule" in outputs["diffusable"] and "astreinte DDT" in outputs["diffusable"]
    assert "0465710020" not in _digits(outputs["diffusable"])
    assert "0465710020" in _digits(outputs["interne"])
