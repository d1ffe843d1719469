"""The diffusable edition's redaction, text by text: each way of writing a directory number
or e-mail is hidden wherever it stands in a sentence, every mobile number is hidden, public
numbers, dates and codes stay, and the cost stays linear in the size of the plan."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from cptsplan.privacy.normalise import character_view, visible
from cptsplan.privacy.redact import REPLACEMENT, redact

from .cost import LINEAR, growth
from .test_gdpr_diffusable import FORMS, LANDLINE, MOBILE, email_forms, number_forms

DIRECTORY = {
    "annuaire": [
        {
            "id": "astreinte",
            "type": "personne",
            "nom": "Astreinte",
            "telephones": [{"numero": LANDLINE}, {"numero": MOBILE}, {"numero": "06 39 98 00 1"}],
            "email": "astreinte@cpts.example",
            "adresse": "8, quai Bérénice-Xylophage 59000 Lille",
        }
    ]
}
SENTENCES = ("{}", "Valeur-101 {} Valeur-102", "Tél.{}.", "le 15 mars, {} ou le 112", "n° 12 {}")


def redacted(text: str, data: dict | None = None) -> str:
    return str(redact({**(data or DIRECTORY), "texte": text})["texte"])


@pytest.mark.parametrize(
    "form",
    [
        *number_forms(LANDLINE),
        *number_forms(MOBILE),
        *email_forms("astreinte@cpts.example"),
        *FORMS["8, quai Bérénice-Xylophage 59000 Lille"],
    ],
)
def test_every_form_is_hidden_in_any_sentence(form: str) -> None:
    prefix = next((p for p in ("tel:", "mailto:") if form.startswith(p)), "")
    for sentence in SENTENCES:
        hidden = sentence.format(prefix + REPLACEMENT)
        assert redacted(sentence.format(form)) == hidden, sentence


@pytest.mark.parametrize(
    "mobile",
    [
        "06 12 34 56 78",
        "07.61.00.00.01",
        "+33 7 61 00 00 01",
        "(+33) 6 12 34 56 78",
        "0612345678",
        "06123 45678",  # two halves: not read as postal codes (phones._codes)
        # A five-digit first group then groups that are no population (« 16 500 ») nor
        # postal code: a mobile, printed after 17110db read any such shape as codes.
        "06123 456 78",
        "06123 4567 8",
        "07123 4 5678",
        "06123 45 6 78",
    ],
)
def test_every_mobile_is_hidden_even_outside_the_directory(mobile: str) -> None:
    assert redacted(f"Dr Roux : {mobile}.") == f"Dr Roux : {REPLACEMENT}."
    assert redacted(f"Dr Roux : {mobile}.", {"annuaire": []}) == f"Dr Roux : {REPLACEMENT}."


@pytest.mark.parametrize("written", ["O6 39 98 10 01", "06 39 98 1O 01", "o6.39.98.10.01"])
def test_a_mobile_typed_with_a_letter_o_for_a_zero_is_hidden(written: str) -> None:
    """A reader reads « O6 39 98 10 01 » as the mobile it is; the redaction read no number
    there (`validate` says « la lettre O à la place d'un zéro » of a phone field only)."""
    assert redacted(f"Dr Roux : {written}.") == f"Dr Roux : {REPLACEMENT}."
    kept = "CO2, H2O, O2 : 3 bouteilles d'O2 ; vol AF1O2 ; 2O21"
    assert redacted(kept) == kept


def test_a_mobile_next_to_a_date_is_hidden_and_the_date_stays() -> None:
    assert redacted("le 06/07/2026 au 06 12 34 56 78") == f"le 06/07/2026 au {REPLACEMENT}"


def test_a_directory_number_that_phonenumbers_cannot_read_is_hidden_by_its_digits() -> None:
    assert redacted("Appeler le 06.39.98.00.1 la nuit") == f"Appeler le {REPLACEMENT} la nuit"


@pytest.mark.parametrize("incomplete", ["03 53 01", "03 53 01 30"])
def test_an_incomplete_directory_number_does_not_cut_other_numbers(incomplete: str) -> None:
    """A draft's directory number typed incomplete (« 03 53 01 ») was found at the start of
    every number that begins with it: « SAMU : [coordonnée…] 00 40 », the public line cut
    and its end printed. Found by probing the redaction with unfinished phone fields."""
    entry = {"id": "p", "type": "personne", "nom": "Roux", "telephones": [{"numero": incomplete}]}
    data = {"annuaire": [entry]}
    public = "SAMU : 03 53 01 00 40 ; autre : 03 53 01 30 01."
    assert redacted(public, data) == public
    assert redacted(f"Dr Roux : {incomplete}.", data) == f"Dr Roux : {REPLACEMENT}."


@pytest.mark.parametrize(
    "text",
    [
        "SAMU 15, pompiers 18, urgences 112, pharmacie de garde 3237",
        "Réunion le 12/03/2027 à 10 h 30, 1 234 lits",
        "SIRET 42420000000101, FINESS 590000101, code INSEE 59350",
        "Standard de l'hôpital : 03 20 44 59 62 (numéro public)",
        "Courriel public : contact@hopital.example ; 8 rue de Lille",
        "Version 2.10.1 du 01.02.2027",
        "Exercices du 06/07/2026 07/07/2026 et 06.07.2026 - 07.07.2026",
        # Postal and INSEE codes of the Alpes-Maritimes (06) and the Ardèche (07), listed:
        # two codes, or a code and a population, made ten digits read as a mobile.
        "Codes postaux : 07100, 07200, 07300",
        "Codes postaux 06000 06100 ; CP 07100 - 07200",
        "Annonay (INSEE 07010 ; 16 500 habitants)",
    ],
)
def test_public_numbers_dates_and_codes_stay(text: str) -> None:
    assert redacted(text) == text


def test_an_organisations_address_stays_in_texts() -> None:
    """A town hall's or the CPTS's seat address is public: where the crisis cell meets."""
    town_hall = {
        "id": "mairie",
        "type": "organisme",
        "nom": "Mairie",
        "adresse": "1 place de l'Hôtel de Ville, 59462 Merlinghem",
    }
    data = {
        "annuaire": [town_hall],
        "texte": "Repli : 1 place de l'Hôtel de Ville, 59462 Merlinghem.",
    }
    assert redact(data)["texte"] == data["texte"]
    assert "adresse" not in redact(data)["annuaire"][0]


def test_contacts_are_hidden_in_names_titles_and_glossary_too() -> None:
    data = {
        **DIRECTORY,
        "annuaire": [{**DIRECTORY["annuaire"][0], "nom": f"Astreinte ({MOBILE})"}],
        "cpts": {"sigle": f"CPTS {LANDLINE.replace(' ', '.')}"},
        "document": {"titre": "Plan SSE, astreinte ASTREINTE[at]CPTS.EXAMPLE"},
        "glossaire": [{"sigle": "AST", "definition": f"Astreinte : {MOBILE}"}],
    }
    result = redact(data)
    assert result["annuaire"][0] == {
        "id": "astreinte",
        "type": "personne",
        "nom": f"Astreinte ({REPLACEMENT})",
    }
    assert result["cpts"]["sigle"] == f"CPTS {REPLACEMENT}"
    assert result["document"]["titre"] == f"Plan SSE, astreinte {REPLACEMENT}"
    assert result["glossaire"][0]["definition"] == f"Astreinte : {REPLACEMENT}"
    assert data["annuaire"][0]["nom"] == f"Astreinte ({MOBILE})"  # the plan is not changed


def test_the_quick_view_is_the_character_by_character_one() -> None:
    """`visible` skips the character loop for most texts: it must give the same view."""
    different = []
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        if 0xD800 <= code <= 0xDFFF or unicodedata.category(character) == "Cn":
            continue
        text = f"a{character}b"
        if visible(text).text != character_view(text).text:
            different.append(hex(code))
    assert different == []


def test_positions_point_back_into_the_original_text() -> None:
    text = "N° 0\u200b6\u00a039 ﬁn"
    view = visible(text)
    assert view.text == "N° 06 39 fin"
    start = view.text.index("06")
    assert view.original((start, start + 5)) == (3, 9)
    assert view.original((view.text.index("fin"), len(view.text))) == (10, 12)


@pytest.mark.parametrize(
    "piece",
    [
        "1 2 3 4 5 6 7 8 9 0 ",
        "Tél. 06 39 98 00 15 ou 03 81 47 25 96, le 12/03/2027, SIRET 12345678901234. ",
        "La cellule de crise se réunit à la mairie avec les pharmaciens du territoire. ",
    ],
    ids=["chiffres", "numeros", "prose"],
)
def test_redaction_cost_is_linear(piece: str) -> None:
    """Half a megabyte of text (a plan file holds five) costs about ten times a twentieth
    of a megabyte: CPU time of the two in this process, quadratic work would give 100."""
    small = piece * (50_000 // len(piece))
    large = piece * (500_000 // len(piece))
    assert growth(lambda: redacted(small), lambda: redacted(large)) < LINEAR


def test_every_unicode_decimal_digit_is_read_as_a_digit() -> None:
    """A digit of any script (category Nd) is a digit to the redaction and to the rules:
    the view gives its ASCII value (the table covers every Nd of this Python)."""
    digits = [
        chr(c) for c in range(0x80, sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Nd"
    ]
    assert len(digits) >= 650
    assert [visible(d).text for d in digits] == [str(unicodedata.decimal(d)) for d in digits]
    assert [character_view(d).text for d in digits] == [str(unicodedata.decimal(d)) for d in digits]


@pytest.mark.parametrize(
    "zero", ["\u0660", "\u06f0", "\u0966", "\u09e6", "\u0e50", "\uff10", "\U0001d7ce"]
)
def test_a_mobile_in_any_script_is_hidden(zero: str) -> None:
    """Arabic-Indic, Persian, Devanagari, Bengali, Thai, fullwidth, mathematical digits."""
    table = {ord(d): ord(zero) + int(d) for d in "0123456789"}
    for mobile in ("06 39 98 02 11", "0639980211", MOBILE):
        written = mobile.translate(table)
        assert redacted(f"Dr Roux : {written}.", {"annuaire": []}) == f"Dr Roux : {REPLACEMENT}."
        assert redacted(f"Dr Roux : {written}.") == f"Dr Roux : {REPLACEMENT}."


# Leaks found by attacking the diffusable edition (notes/a2.md): each was printed as typed.


@pytest.mark.parametrize(
    "mobile",
    [
        "+262 692 12 34 56",  # La Réunion
        "+262692123456",
        "+262 639 12 34 56",  # Mayotte
        "+590 690 12 34 56",  # Guadeloupe, Saint-Martin, Saint-Barthélemy
        "+594 694 12 34 56",  # Guyane
        "+596 696 12 34 56",  # Martinique
        "00262 692 12 34 56",
    ],
)
def test_an_overseas_mobile_in_international_form_is_hidden(mobile: str) -> None:
    """0692 12 34 56 was hidden, the same mobile written +262 692 12 34 56 was printed."""
    assert redacted(f"Dr Hoarau : {mobile}.", {"annuaire": []}) == f"Dr Hoarau : {REPLACEMENT}."


def test_an_overseas_directory_number_is_hidden_in_its_international_form() -> None:
    entry = {"id": "standard", "type": "personne", "nom": "Hoarau"}
    data = {"annuaire": [{**entry, "telephones": [{"numero": "0262 12 34 56"}]}]}
    assert redacted("Appeler le +262 262 12 34 56.", data) == f"Appeler le {REPLACEMENT}."
    data = {"annuaire": [{**entry, "telephones": [{"numero": "+590 590 12 34 56"}]}]}
    assert redacted("Appeler le 0590 12 34 56.", data) == f"Appeler le {REPLACEMENT}."


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("Groupe WhatsApp : https://wa.me/33639980015", "https://wa.me/"),
        ("https://wa.me/262692123456?text=alerte", "https://wa.me/"),
        ("dose 0.5 06 12 34 56 78", "dose 0.5 "),  # a number glued before the mobile
        ("au 0 800 ou 07 61 00 00 01", "au 0 800 ou "),
    ],
)
def test_a_mobile_in_a_link_or_after_other_digits_is_hidden(text: str, hidden: str) -> None:
    assert hidden + REPLACEMENT in redacted(text, {"annuaire": []})


@pytest.mark.parametrize(
    "text",
    [
        "Relèves à 06:30, 14:30, 22:30 et 06:30 07:45 08:00 09:15",
        "Lits : 12, 34, 56 ; SIRET 42420000000101 ; RPPS 10101234567",
        "Compter 33 à 35 lits ; 3 340 000 habitants",
    ],
)
def test_times_lists_and_codes_are_not_taken_for_numbers(text: str) -> None:
    assert redacted(text) == text


def test_a_contact_written_in_a_directory_entrys_remarks_is_hidden_everywhere() -> None:
    """The diffusable list of actors prints the remarks: a personal e-mail or a home number
    written there is a contact of the directory like those of its contact fields."""
    entry = {
        "id": "zoe",
        "type": "personne",
        "nom": "Kermarrec",
        "remarques": "perso : zk.perso@gmail.example ou zk.bis [at] gmail.example, "
        "domicile 03 53 01 99 99",
    }
    result = redact(
        {"annuaire": [entry], "texte": "Écrire à zk.perso@gmail.example (03.53.01.99.99)"}
    )
    assert result["annuaire"][0]["remarques"] == (
        f"perso : {REPLACEMENT} ou {REPLACEMENT}, domicile {REPLACEMENT}"
    )
    assert result["texte"] == f"Écrire à {REPLACEMENT} ({REPLACEMENT})"
    assert redacted("zk.bis@gmail.example", {"annuaire": [entry]}) == REPLACEMENT


@pytest.mark.parametrize(
    ("remark", "kept"),
    [
        ("perso : marie.dupont@cpts-lys.example. Sinon le secrétariat.", ". Sinon le secrétariat."),
        ("perso : marie.dupont@cpts-lys.fr. Lu et approuvé.", ". Lu et approuvé."),
        ("perso : marie.dupont (arobase) cpts-lys.fr, le soir", ", le soir"),
        ("perso : marie.dupont%40cpts-lys.fr", ""),
        ("perso : marie.dupont@cpts-lys . fr", ""),
        ("perso : marie.dupont@cpts-lys. fr", ""),
    ],
)  # fmt: skip
def test_an_address_in_a_directory_remark_is_hidden_wherever_it_is_copied(
    remark: str, kept: str
) -> None:
    """An address in a remark followed by the end of the sentence was read with the next
    word (« marie.dupont@cpts-lys.example.sinon »), an address written nowhere else: the
    same address copied into another part of the plan was printed in the shareable edition.
    A disguised one written with « (arobase) » or « %40 » was not read at all."""
    entry = {"id": "marie", "type": "personne", "nom": "Dupont", "remarques": remark}
    domain = "cpts-lys.example" if "example" in remark else "cpts-lys.fr"
    copied = f"Écrire à marie.dupont@{domain} pour tout."
    result = redact({"annuaire": [entry], "texte": copied})
    assert result["texte"] == f"Écrire à {REPLACEMENT} pour tout."
    assert result["annuaire"][0]["remarques"] == f"perso : {REPLACEMENT}{kept}"


@pytest.mark.parametrize(
    "field",
    [
        "03 53 01 30 01 poste 12",
        "03 53 01 30 01 - poste 12",
        "03.53.01.30.01 p. 12",
        "03 53 01 30 01 de 9 h à 17 h",
        "03 53 01 30 01 / 03 53 01 30 09",
        "03 53 01 30 01, 03 53 01 30 09",
    ],
)
def test_a_directory_number_field_holding_more_than_a_number_hides_its_numbers_elsewhere(
    field: str,
) -> None:
    """A directory phone field that is not only a number (an extension, hours, two lines)
    was read as one number of twelve or twenty digits, which no text holds: the line itself,
    copied elsewhere (« Appeler le 03 53 01 30 01 »), was printed in the shareable edition.
    Found by writing such fields in the directory of the complete example."""
    entry = {"id": "p", "type": "personne", "nom": "Roux", "telephones": [{"numero": field}]}
    data = {"annuaire": [entry]}
    assert redacted("Appeler le 03 53 01 30 01 la nuit.", data) == (
        f"Appeler le {REPLACEMENT} la nuit."
    )
    if "09" in field:
        assert redacted("ou le 03.53.01.30.09", data) == f"ou le {REPLACEMENT}"
    assert redacted("SAMU : 15 ; standard 03 53 01 30 02", data) == (
        "SAMU : 15 ; standard 03 53 01 30 02"
    )


@pytest.mark.parametrize(
    "field",
    [
        "claire.v@cpts-lys.fr (perso)",
        "claire.v@cpts-lys.fr;claire.w@cpts-lys.fr",
        "claire.v@cpts-lys.fr / claire.w@cpts-lys.fr",
        "mailto:claire.v@cpts-lys.fr",
        "Claire <claire.v@cpts-lys.fr>",
        "claire.v@cpts-lys.fr.",
    ],
)
def test_a_directory_email_field_holding_more_than_an_address_hides_it_elsewhere(
    field: str,
) -> None:
    """The schema refuses such a field, but `diff --edition diffusable` compares a plan as
    written and the reviewer's table reads it: the field was taken whole as one address,
    which no text holds, and the address copied elsewhere was printed."""
    entry = {"id": "p", "type": "personne", "nom": "Roux", "email": field}
    data = {"annuaire": [entry]}
    assert redacted("Écrire à claire.v@cpts-lys.fr.", data) == f"Écrire à {REPLACEMENT}."
    if "claire.w" in field:
        assert redacted("ou claire.w@cpts-lys.fr", data) == f"ou {REPLACEMENT}"


@pytest.mark.parametrize(
    ("home", "text"),
    [
        ("3 rue de Lille, 59100 Roubaix", "Exercice le 3 à Lille avec le SAMU."),
        ("12 rue de la Gare, 59000 Lille", "Réunion le 12 à la Gare de Lille-Flandres."),
        ("2 place de l'Église, 59000 Lille", "Rendez-vous le 2 à l'Église Saint-Maurice."),
        ("2 place de l'Église, 59000 Lille", "Zone 2 : l'Église et la mairie."),
        ("8 rue de Paris, 59000 Lille", "Trajet : 8 heures de Paris."),
        ("1 rue du Stade, 59000 Lille", "Repli : 1 au Stade municipal."),
        ("20 avenue de la République, 59000 Lille", "Loi du 20 juillet ; République."),
    ],
)
def test_a_persons_street_does_not_hide_a_sentence_that_only_shares_its_words(
    home: str, text: str
) -> None:
    """The street without its town was found with any word between the house number and
    the street's name: a coordinator living « 3 rue de Lille » hid « le 3 à Lille » (a
    date and a town), « 2 place de l'Église » hid « Zone 2 : l'Église ». The word there must
    be a kind of street (« rue », « av. », « imp »...), or none (« 14 Quenouilles »)."""
    data = {"annuaire": [{"id": "p", "type": "personne", "nom": "Roux", "adresse": home}]}
    assert redacted(text, data) == text
    street = home.split(",")[0]
    for written in (street, street.upper(), street.replace(" rue ", " r. ")):
        assert redacted(f"Chez elle, {written}.", data) == f"Chez elle, {REPLACEMENT}.", written


@pytest.mark.parametrize(
    ("home", "written"),
    [
        ("12 boulevard des Lilas, 59000 Lille", "12 bvd des Lilas"),
        ("12 boulevard des Lilas, 59000 Lille", "12 boul. des Lilas"),
        ("4 hameau des Quenouilles, 59000 Lille", "4 ham. des Quenouilles"),
        ("3 esplanade Charles de Gaulle, 59000 Lille", "3 esp. Charles de Gaulle"),
        ("7 passage des Tanneurs, 59000 Lille", "7 pass. des Tanneurs"),
    ],
)
def test_a_persons_street_copied_with_a_common_abbreviation_is_hidden(
    home: str, written: str
) -> None:
    """Since the word between the number and the name must be a kind of street (bba807b),
    one missing from the list printed the street: « 12 bvd des Lilas » (hidden before)."""
    data = {"annuaire": [{"id": "p", "type": "personne", "nom": "Roux", "adresse": home}]}
    assert redacted(f"Repli : {written}.", data) == f"Repli : {REPLACEMENT}."


def test_a_home_address_written_in_a_persons_remarks_is_hidden_there_and_elsewhere() -> None:
    """The diffusable list of actors prints each entry's remarks: « Domicile : 12 rue des
    Lilas, 59000 Lille » written there (her `adresse` left empty) was printed, and so was the
    street copied into an action. Remarks were read for numbers and e-mails, not streets. An
    organisation's remark keeps its address (public: where the public is received)."""
    person = {
        "id": "roux",
        "type": "personne",
        "nom": "Roux",
        "remarques": "Domicile : 12 rue des Lilas, 59000 Lille (clé chez la voisine). "
        "Cabinet fermé le 3 août.",
    }
    office = {
        "id": "mairie",
        "type": "organisme",
        "nom": "Mairie",
        "remarques": "Accueil au 3 place du Marché, 59000 Lille.",
    }
    result = redact(
        {"annuaire": [person, office], "texte": "Repli chez le Dr Roux, 12 r. des Lilas."}
    )
    assert result["annuaire"][0]["remarques"] == (
        f"Domicile : {REPLACEMENT} (clé chez la voisine). Cabinet fermé le 3 août."
    )
    assert result["texte"] == f"Repli chez le Dr Roux, {REPLACEMENT}."
    assert result["annuaire"][1]["remarques"] == office["remarques"]


@pytest.mark.parametrize("home", ["12 R des Lilas 59000 Lille", "12 Q DES TISSERANDS 59000 LILLE"])
def test_a_street_abbreviated_to_one_letter_in_the_directory_is_still_a_street(home: str) -> None:
    """« 12 R des Lilas » (La Poste's capitals, no dot) was read as house number « 12 R »
    (like « 12 B ») on a street called « des »: the street copied as « 12 rue des Lilas »
    was printed. No house number takes the suffix R or Q."""
    data = {"annuaire": [{"id": "p", "type": "personne", "nom": "Roux", "adresse": home}]}
    street = " ".join(home.split()[2:4])
    for kind in ("rue", "r.", "quai", "q."):
        written = f"12 {kind} {street}"
        assert redacted(f"Chez elle, {written}.", data) == f"Chez elle, {REPLACEMENT}.", written


def test_a_persons_street_is_hidden_without_its_town_and_however_abbreviated() -> None:
    data = {
        "annuaire": [
            {
                "id": "zoe",
                "type": "personne",
                "nom": "Kermarrec",
                "adresse": "Résidence Les Saules, 14 bis impasse des Quenouilles, 59660 Merville",
            }
        ]
    }
    for street in (
        "14 bis impasse des Quenouilles",
        "14 BIS IMP. DES QUENOUILLES",
        "14bis, imp des Quenouilles",
        "14 bis impasse des Quenouilles, Merville",
    ):
        assert redacted(f"Repli chez Zoé, {street}.", data).startswith(
            f"Repli chez Zoé, {REPLACEMENT}"
        ), street
    # the street alone, without the number, and the town alone are not the address
    for text in ("impasse des Quenouilles", "à Merville (59660)", "14 rue de Lille"):
        assert redacted(text, data) == text


def test_an_identifier_that_holds_a_contact_is_renamed_with_its_references() -> None:
    """Identifiers are not printed, but a figure's becomes an HTML and Markdown anchor."""
    data = {
        "annuaire": [{"id": "dr-roux-0639980015", "type": "personne", "nom": "Roux"}],
        "figures": [{"id": "carte-0639980015"}, {"id": "carte-06-39-98-00-15"}],
        "cellule": {"membres": ["dr-roux-0639980015", "autre"], "personne": "dr-roux-0639980015"},
    }
    result = redact(data)
    assert result["annuaire"][0]["id"] == "dr-roux-masque"
    # two identifiers that differ only by how the number is written stay two
    assert sorted(figure["id"] for figure in result["figures"]) == [
        "carte-masque",
        "carte-masque-2",
    ]
    assert result["cellule"] == {
        "membres": ["dr-roux-masque", "autre"],
        "personne": "dr-roux-masque",
    }
    assert (
        redact({"annuaire": [{"id": "dr-roux", "nom": "Roux"}]})["annuaire"][0]["id"] == "dr-roux"
    )


def test_a_contact_written_beside_a_value_to_complete_is_hidden() -> None:
    """« Dr Zoé 06 39 98 77 82, A_COMPLETER » is read as a value still to complete that keeps
    what was written before the marker, printed in every edition: it was not redacted."""
    from cptsplan.schema.placeholders import ToComplete

    value = ToComplete(hint=f"rappeler {MOBILE}", written=f"Dr Zoé {LANDLINE},")
    result = redact({**DIRECTORY, "document": {"validee_par": value}})["document"]["validee_par"]
    assert isinstance(result, ToComplete)
    assert (result.written, result.hint) == (f"Dr Zoé {REPLACEMENT},", f"rappeler {REPLACEMENT}")


@pytest.mark.parametrize(
    "written",
    ["astreinte(a)cpts.example", "astreinte<at>cpts.example", "astreinte < @ > cpts<.>example"],
)
def test_an_email_with_a_bracketed_a_or_angle_brackets_is_hidden(written: str) -> None:
    assert redacted(f"Écrire à {written} la nuit") == f"Écrire à {REPLACEMENT} la nuit"


@pytest.mark.parametrize("piece", ["a", "a.", "0."], ids=["mot", "mot-point", "chiffre-point"])
def test_a_long_word_before_an_at_sign_costs_linear_time(piece: str) -> None:
    """A run of address characters with no space (« aaaa…a@ », « 0.0.0… » in a message the
    reviewer's table quotes) was tried as an address's local part from each of its
    characters: 40 kB took 25 s in the shareable edition, 200 kB ten minutes. The local part
    is at most 64 characters (RFC 5321), so each start tries at most that many."""
    from cptsplan.privacy.outside import for_reviewer

    small = piece * (4_000 // len(piece)) + "@"
    large = piece * (40_000 // len(piece)) + "@"
    assert growth(lambda: redacted(small), lambda: redacted(large)) < LINEAR
    assert growth(lambda: for_reviewer(small[:-1]), lambda: for_reviewer(large[:-1])) < LINEAR


@pytest.mark.parametrize(
    "number",
    ["+32 470 12 34 56", "0032 470 12 34 56", "+32 (0)470 12 34 56", "+49 1512 3456789"],
)
def test_a_foreign_mobile_is_hidden_like_a_french_one(number: str) -> None:
    """Found by the hostile pass: the Belgian GSM of a professional across the border
    (a CPTS of the Nord) was printed in the diffusable edition, the document's last check
    and the reviewer's table, which hid French mobiles only."""
    from cptsplan.privacy.finished import hide_mobiles
    from cptsplan.privacy.outside import HIDDEN, for_reviewer

    text = f"Dr Peeters (Courtrai) : {number}, la nuit"
    assert redacted(text, {"annuaire": []}) == f"Dr Peeters (Courtrai) : {REPLACEMENT}, la nuit"
    assert hide_mobiles(text, "[X]") == "Dr Peeters (Courtrai) : [X], la nuit"
    assert for_reviewer(text) == f"Dr Peeters (Courtrai) : {HIDDEN}, la nuit"


def test_foreign_landlines_and_switchboards_stay() -> None:
    text = "Standard de l'AZ Groeninge : +32 56 63 63 63 ; hôpital de Tournai +32 69 33 11 11"
    assert redacted(text, {"annuaire": []}) == text
