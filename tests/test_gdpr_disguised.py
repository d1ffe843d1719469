"""A personal e-mail address disguised in words (« jean.dupont arobase gmail point com »,
« (a) », « chez »), or at a consumer mailbox the list does not name (« gmail.fr », typed for
gmail.com, « yahoo.co.uk », « protonmail.ch »), is hidden from the diffusable edition and
the reviewer's table; organisations' addresses and sentences with « chez » stay."""

from __future__ import annotations

import pytest

from cptsplan.privacy.outside import HIDDEN, for_reviewer
from cptsplan.privacy.redact import REPLACEMENT, redact


def redacted(text: str, data: dict | None = None) -> str:
    return str(redact({**(data or {"annuaire": []}), "texte": text})["texte"])


@pytest.mark.parametrize(
    "address",
    [
        "jean.dupont arobase gmail.com",
        "jean.dupont arrobase hotmail.fr",
        "JEAN.DUPONT ARROBASE GMAIL.COM",
        "jean.dupont at gmail dot com",
        "JEAN.DUPONT AT GMAIL DOT COM",
        "jean.dupont arobase gmail point com",
        "jean.dupont chez gmail.com",
        "jean.dupont [chez] gmail.com",
        "jean.dupont(a)gmail.com",
        "jean.dupont (a) wanadoo.fr",
        "jean.dupont@@gmail.com",
        "jean.dupont@gmail",  # its end forgotten
        "jean.dupont arobase medecin.mssante.fr",
        # Consumer mailboxes under another ending, mistyped or foreign.
        "jean.dupont@gmail.fr",
        "jean.dupont@yahoo.co.uk",
        "jean.dupont@protonmail.ch",
        "jean.dupont@outlook.be",
    ],
)
def test_a_personal_address_disguised_in_words_is_hidden(address: str) -> None:
    """Found by probing: each was printed in the diffusable edition and the reviewer's
    table (only « @ », « %40 » and bracketed « [at] » were read)."""
    assert redacted(f"Écrire à {address}. Merci") == f"Écrire à {REPLACEMENT}. Merci"
    # The table masks anything with an @ up to the next word (« masking a word too many
    # there loses nothing », emails.ADDRESS_LIKE).
    assert for_reviewer(f"Écrire à {address}. Merci").startswith(f"Écrire à {HIDDEN}")


@pytest.mark.parametrize(
    "text",
    [
        "Réunion chez Orange, puis chez Free.",
        "Rendez-vous chez M. Dupont à 10 h",
        "Point de situation at gmail",  # no address without a dot or an @
        "Écrire à contact arobase cpts-lys.fr",  # an organisation's address: public
        "Compte rendu chez l'ARS.fr ; alerte orange at 10",
    ],
)
def test_sentences_and_organisations_addresses_stay(text: str) -> None:
    assert redacted(text) == text


def test_a_directory_address_spelt_with_arrobase_is_hidden() -> None:
    """The directory's own addresses were found with « arobase » spelt out, not « arrobase »,
    the other spelling of the word."""
    entry = {"id": "p", "type": "personne", "nom": "Roux", "email": "sse.roux@cpts.example"}
    text = "Écrire à sse.roux arrobase cpts point example."
    assert redacted(text, {"annuaire": [entry]}) == f"Écrire à {REPLACEMENT}."


@pytest.mark.parametrize(
    "separator",
    [
        "\u2044",
        "\u2215",
        "\u2019",
        "!",
        "#",
        "&",
        "?",
        "\u00a7",
        "\u2605",
        "\u22c5",
        "\u30fb",
        "=",
        "~ ",
    ],
)
def test_a_mobile_whose_pairs_any_symbol_separates_is_hidden(separator: str) -> None:
    """Found by trying every Unicode punctuation and symbol between the pairs of a mobile:
    some 8 000 left it printed (« 06⁄39⁄98⁄10⁄01 » with a fraction slash, « 06’39 »,
    « 06!39 »), the lenient reading knowing only a list of odd separators."""
    mobile = separator.join(["06", "39", "98", "10", "01"])
    assert redacted(f"Dr Roux : {mobile} fin") == f"Dr Roux : {REPLACEMENT} fin"


@pytest.mark.parametrize(
    "text",
    [
        "| Antibes | 06004 | 73438 |",  # a commune's code and its population in two cells
        "Antibes 06004 ; 73438 habitants",
        "Taux 10 % à 20 % ; 3 ! 4",
        "(06123) 45678",  # brackets: not the halves of a mobile
    ],
)
def test_codes_and_counts_beside_a_symbol_stay(text: str) -> None:
    """The two halves of a mobile (« 06123 45678 ») are written with a number's separator
    (space, dot, dash, slash) between them: anything else there makes them a code and a
    count (phones._codes)."""
    from cptsplan.privacy.finished import hide_mobiles

    assert redacted(text) == text
    assert hide_mobiles(text, "[X]") == text


ROUX = {"id": "p", "type": "personne", "nom": "Roux", "email": "jean.roux@cpts-lys.example"}


@pytest.mark.parametrize(
    "address",
    [
        "jean.roux@cpts-\nlys.example",  # a line cut after the hyphen of its domain
        "jean.roux@cpts-\n  lys.example",
        "jean.roux « at » cpts-lys.example",
        "jean.roux «@» cpts-lys.example",
        'jean.roux "at" cpts-lys.example',
        "jean.roux 'at' cpts-lys.example",
        "jean.roux -at- cpts-lys.example",
        "jean.roux_at_cpts-lys.example",
        "jean.roux (chez) cpts-lys.example",
        "jean.roux@cpts-lys·example",  # a middle dot or a comma typed for the dot
        "jean.roux@cpts-lys, example",
        "jean.roux | @cpts-lys.example",  # across two cells of a table row
        "jean.roux@ | cpts-lys.example",
        # HTML entities, which the documents print as typed (a reader decodes them).
        "jean.roux&#64;cpts-lys.example",
        "jean.roux&commat;cpts-lys&#46;example",
        "jean.roux&#x40;cpts-lys&period;example",
    ],
)
def test_a_directory_address_written_across_a_line_or_disguised_is_hidden(address: str) -> None:
    """Found by probing: each was printed in the diffusable edition (bracketed « at » was
    read, not quoted nor dashed; a hyphen was read only glued to the next word)."""
    text = f"Écrire à {address} ; merci"
    assert redacted(text, {"annuaire": [ROUX]}) == f"Écrire à {REPLACEMENT} ; merci"


@pytest.mark.parametrize(
    "address",
    ["zk « at » gmail.com", "zk -at- gmail.com", 'zk "at" gmail.com', "zk | @gmail.com"],
)
def test_a_personal_address_quoted_or_across_cells_is_hidden(address: str) -> None:
    assert redacted(f"Écrire à {address} ; merci") == f"Écrire à {REPLACEMENT} ; merci"


@pytest.mark.parametrize(
    "text",
    [
        "Liaison Lille-a-Roubaix.fr ; le « a » de la page",
        "jean.roux | cpts-lys | example",  # its words in cells, no @
        "contact « at » cpts-lys.example",  # not the directory's, not a personal domain
    ],
)
def test_words_and_other_addresses_stay(text: str) -> None:
    assert redacted(text, {"annuaire": [ROUX]}) == text


def test_an_address_split_across_two_cells_is_masked_cell_by_cell() -> None:
    """The document's last check (finished.py) masks each cell apart: the row keeps its
    columns."""
    from cptsplan.privacy.finished import hide_mobiles
    from cptsplan.privacy.redact import contact_finder

    row = "| Dr Roux | jean.roux | @cpts-lys.example | lundi |"
    finder = contact_finder({"annuaire": [ROUX]})
    assert hide_mobiles(row, "[X]", finder) == "| Dr Roux | [X] | [X] | lundi |"


@pytest.mark.parametrize(
    "number",
    [
        "06&nbsp;39&nbsp;98&nbsp;10&nbsp;17",  # copied from the source of a web page
        "06&#32;39&#32;98&#32;10&#32;17",
        "06&#x20;39&#x20;98&#x20;10&#x20;17",
        "&#48;&#54; 39 98 10 17",  # digits as entities
        "0&#54; 39 98 10 17",
    ],
)
def test_a_number_written_with_html_entities_is_hidden(number: str) -> None:
    """Found by writing a hostile plan: the documents print an entity as typed (« &nbsp; »),
    and each of these numbers was printed, readable, in the diffusable edition."""
    assert redacted(f"Tél. {number} ; merci") == f"Tél. {REPLACEMENT} ; merci"


def test_entities_beside_words_and_short_numbers_stay() -> None:
    text = "Tom &amp; Jerry, 12&nbsp;lits ; A&#38;B 06 ; 15&nbsp;et&nbsp;112"
    assert redacted(text) == text
