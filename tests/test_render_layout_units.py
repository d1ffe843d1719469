"""Units of the layout fixes of issue 17 §4: empty columns dropped, « 24 h/24 » kept whole,
labels kept with what they introduce, the names rule for Typst."""

from __future__ import annotations

import re

import typst

from cptsplan.render.keep import OPEN, keep_labels_with_next
from cptsplan.render.names import protected_names, typst_rule
from cptsplan.render.nobreak import NBSP, WORD_JOINER, keep_together
from cptsplan.render.tables import size_tables


def test_a_column_with_nothing_in_it_is_not_printed() -> None:
    markdown = (
        "| Intitulé | Organisme | Date |\n|:--|:--|:--|\n| AFGSU |  | 2026 |\n| NRBC |  |  |\n"
    )
    lines = size_tables(markdown).splitlines()
    assert lines[0] == "| Intitulé | Date |"
    assert lines[1].count("|") == 3
    assert lines[2:] == ["| AFGSU | 2026 |", "| NRBC |  |"]


def test_a_table_of_empty_cells_keeps_its_columns() -> None:
    markdown = "| A | B |\n|:--|:--|\n|  |  |\n"
    assert size_tables(markdown).splitlines()[0] == "| A | B |"


def test_round_the_clock_is_one_piece() -> None:
    assert keep_together("joignable 24 h/24, 24h\\/24 et 7 j/7") == (
        f"joignable 24{NBSP}h/{WORD_JOINER}24, 24{NBSP}h\\/{WORD_JOINER}24 et "
        f"7{NBSP}j/{WORD_JOINER}7"
    )


def test_a_label_is_kept_with_its_list_not_a_sentence() -> None:
    markdown = "Texte.\n\n**Enseignements** :\n\n- un\n\n**Gras** puis texte :\n\n- deux\n"
    out = keep_labels_with_next(markdown)
    assert out.count(OPEN) == 1
    assert f"{OPEN}\n**Enseignements** :\n:::" in out


def test_the_names_rule_compiles_and_escapes_every_name() -> None:
    data = {
        "annuaire": [
            {"id": "a", "type": "personne", "prenom": "Hélène", "nom": "Dewaele"},
            {"id": "b", "type": "organisme", "nom": "Caisse primaire (C.P.A.M.) [59] d'assurance"},
            {"id": "c", "type": "organisme", "nom": 'Nom "cité" \\ #set $x$'},
        ],
        "territoire": {"communes": [{"nom": "Saint-Aubert-sur-Lys"}]},
    }
    words, phrases = protected_names(data)
    assert {"Hélène", "Dewaele", "Saint", "Aubert"} <= set(words)
    rule = typst_rule(words, phrases)
    assert rule.startswith("#show regex(")
    text = "Hélène Dewaele, Caisse primaire (C.P.A.M.) [59] d’assurance"
    source = f'#set text(lang: "fr")\n{rule}{text}'
    assert typst.compile(source.encode())[:4] == b"%PDF"
    assert typst_rule([], []) == ""


def test_names_are_matched_whole_in_the_rule() -> None:
    rule = typst_rule(["Vermeersch"], ["Caisse primaire"])
    assert re.search(r"\\\\bVermeersch\\\\b", rule)


def test_the_names_rule_stays_small_for_any_directory() -> None:
    """A « name » the length of a text, or thousands of entries, do not make a rule Typst
    cannot compile in a moment."""
    entries = [{"type": "organisme", "nom": "Centre " + "très long " * 500}]
    entries += [{"type": "personne", "prenom": f"Prénom{i}", "nom": f"Nomdefamille{i}"}
                for i in range(5000)]  # fmt: skip
    words, phrases = protected_names({"annuaire": entries})
    assert phrases == [] and len(words) <= 2000
    rule = typst_rule(words, phrases)
    assert len(rule) < 100_000
    assert typst.compile(f"{rule}Nomdefamille1".encode())[:4] == b"%PDF"
