"""Messages that used to lead to the wrong fix (issue 17 §3). Each case is a copy of the
complete example with one mistake a coordinator makes; the plan then gets exactly one
message (no follow-on error or warning), on the line of the mistake, whose advice is the fix
and not the one that made things worse."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from cptsplan.load.loader import load_file

from .conftest import COMPLETE_EXAMPLE, MINIMAL_EXAMPLE, run_cli

TODAY = "2026-11-23"


@dataclass(frozen=True)
class Case:
    file: str
    before: str
    after: str
    line: int
    says: tuple[str, ...]
    """Texts the message or its advice contain."""
    never: tuple[str, ...] = ()
    """Texts neither contains (the wrong fix)."""
    rule: str = "yaml-syntaxe"
    column: int | None = None


CASES = {
    "paragraphe-colle-sur-deux-lignes": Case(
        "piloter.yaml",
        "      formation: AFGSU spécialisée SSE (CESU 59, 2025).\n",
        "      formation: Les membres\n      sont convoqués par SMS.\n",
        48,
        ("continuer le texte de la ligne 47", "en retrait", "« formation: >- »"),
        never=("sont:", "Les:"),
        column=7,
    ),
    "tiret-oublie-devant-le-second-element": Case(
        "piloter.yaml",
        "    - personne: sophie-lefebvre\n",
        "      personne: sophie-lefebvre\n",
        43,
        ("il manque « - » devant « personne: »", "« - personne: sophie-lefebvre »", "ligne 36"),
        never=("fusionnez", "deux blocs"),
    ),
    "tiret-de-word": Case(
        "piloter.yaml",
        "    - personne: sophie-lefebvre\n",
        "    – personne: sophie-lefebvre\n",
        43,
        ("« – » (tiret demi-cadratin, U+2013)", "remplacez « – » par « - »"),
        never=("indentation incohérente",),
        column=5,
    ),
    "cle-desindentee-de-deux-espaces": Case(
        "piloter.yaml",
        "    lieu_principal:\n      nom:",
        "    lieu_principal:\n    nom:",
        51,
        (
            "indentation : « nom: » n'est pas en retrait sous « lieu_principal: »",
            "ajoutez 2 espaces au début de la ligne 51",
        ),
        never=("guillemets", "« : » inattendu"),
    ),
    "guillemets-courbes-dans-l-historique": Case(
        "plan.yaml",
        '    - version: "1.0"\n',
        "    - version: “1.0”\n",
        21,
        ("guillemets courbes", 'guillemets droits : "1.0"'),
        never=("historique",),
        rule="yaml-guillemets-courbes",
    ),
    "cle-d-une-ligne-ecrite-deux-fois": Case(
        "piloter.yaml",
        "      role: titulaire\n",
        "      role: titulaire\n      role: titulaire\n",
        38,
        ("clé « role » écrite deux fois", "gardez une seule ligne"),
        never=("fusionnez", "blocs"),
        rule="yaml-cle-dupliquee",
    ),
    "liste-ecrite-avec-des-virgules": Case(
        "plan.yaml",
        "      auteurs: [julien-vermeersch, helene-dewaele, claire-vandamme]",
        "      auteurs: julien-vermeersch, helene-dewaele, claire-vandamme",
        29,
        ("« [julien-vermeersch, helene-dewaele, claire-vandamme] »",),
        rule="schema-type",
    ),
    "valeur-obligatoire-vide": Case(
        "plan.yaml",
        "  titre: Plan de préparation aux situations sanitaires exceptionnelles de la CPTS du "
        "Val de Lys\n",
        "  titre:\n",
        12,
        ("obligatoire", "remplissez-le", "A_COMPLETER"),
        never=("supprimez",),
        rule="schema-type",
    ),
}


def broken_copy(tmp_path: Path, case: Case) -> Path:
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    target = plan / case.file
    text = target.read_text(encoding="utf-8")
    assert text.count(case.before) == 1, case.before
    target.write_text(text.replace(case.before, case.after), encoding="utf-8")
    return plan


def messages(plan: Path) -> tuple[int, list[dict]]:
    result = run_cli("validate", "--format", "json", "--date", TODAY, plan)
    document = json.loads(result.stdout)
    return result.exit_code, [p for report in document["plans"] for p in report["problems"]]


@pytest.mark.parametrize("name", sorted(CASES))
def test_one_message_on_the_mistake_with_the_right_fix(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    code, found = messages(broken_copy(tmp_path, case))
    assert code == 1
    assert len(found) == 1, [(p["rule"], p["line"], p["message"]) for p in found]
    [message] = found
    assert (Path(message["file"]).name, message["line"]) == (case.file, case.line)
    assert message["rule"] == case.rule
    if case.column is not None:
        assert message["column"] == case.column
    text = f"{message['message']} {message['hint'] or ''}"
    for expected in case.says:
        assert expected in text, text
    for wrong in case.never:
        assert wrong not in text, text


def test_indentation_comes_first_for_a_dedented_key(tmp_path: Path) -> None:
    """PyYAML stumbles on the next line's « : »: the advice leads with indentation."""
    _, [message] = messages(broken_copy(tmp_path, CASES["cle-desindentee-de-deux-espaces"]))
    assert message["message"].startswith("syntaxe YAML : indentation")
    assert message["hint"].startswith("ajoutez 2 espaces")


def test_a_missing_section_names_the_file_to_create(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    (plan / "evaluer.yaml").unlink()  # the RETEX it holds are cited elsewhere
    code, found = messages(plan)
    assert code == 1
    [message] = found  # the references into it are not errors of their own
    assert message["rule"] == "schema-manquant"
    assert Path(message["file"]).name == "evaluer.yaml"  # not adapter.yaml:1:1
    assert "créez le fichier evaluer.yaml dans le dossier" in message["hint"]
    assert "« evaluer: »" in message["hint"]
    text = run_cli("validate", "--date", TODAY, plan).stdout
    assert "adapter.yaml" not in text


def test_a_missing_section_in_a_one_file_plan_is_placed_at_its_end(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    lines = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("evaluer:"))
    end = next(i for i in range(start + 1, len(lines)) if lines[i][:1].isalpha())
    kept = lines[:start] + lines[end:]
    plan.write_text("\n".join(kept) + "\n", encoding="utf-8")
    code, found = messages(plan)
    assert code == 1
    [message] = found
    assert message["rule"] == "schema-manquant" and message["line"] == len(kept) + 1
    assert "ajoutez la section « evaluer: » au premier niveau de" in message["hint"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_named_and_shown_without_garbage(tmp_path: Path, encoding: str) -> None:
    """Notepad's « Unicode » is UTF-16 (with a byte order mark; other editors may omit it)."""
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    target = plan / "plan.yaml"
    target.write_bytes(target.read_text(encoding="utf-8").encode(encoding))
    code, found = messages(plan)
    assert code == 1
    [message] = found
    assert message["rule"] == "yaml-encodage" and message["line"] == 1
    assert "UTF-16" in message["message"] and "Bloc-notes" in message["message"]
    assert "UTF-8" in message["hint"]
    shown = run_cli("validate", "--date", TODAY, plan).stdout
    assert "UTF-16" in shown
    assert "\\x00" not in shown and "\x00" not in shown and "\ufffd" not in shown


def load_text(tmp_path: Path, text: str) -> list[tuple[int, int, str, str]]:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return [
        (p.location.line, p.location.col, p.message, p.hint or "")
        for p in load_file(path, "plan.yaml").problems
    ]


@pytest.mark.parametrize(
    ("text", "line", "advice"),
    [
        # the text under a key that is not indented (the hint once proposed `Les: membres`)
        ("a:\n  texte:\n  Les membres\n  sont convoqués par SMS.\n  b: 1\n", 3,
         "décalez le texte de 2 espaces vers la droite"),
        ("a:\n  missions:\n    - Les membres\n    sont convoqués par SMS.\n    - x\n", 4,
         "2 espaces plus à droite que le « - » de la ligne 3"),
        ("texte: Les membres\nsont convoqués par SMS.\nb: 2\n", 2, "« texte: >- »"),
    ],
)  # fmt: skip
def test_every_form_of_a_pasted_paragraph(
    tmp_path: Path, text: str, line: int, advice: str
) -> None:
    [(at, _, _message, hint)] = load_text(tmp_path, text)
    assert at == line
    assert advice in hint, hint
    assert ": membres" not in hint and "sont:" not in hint


def test_a_forgotten_colon_is_still_a_forgotten_colon(tmp_path: Path) -> None:
    """A key of the file followed by its value: the « : » was forgotten, not a line break."""
    [(line, _, message, hint)] = load_text(tmp_path, "a:\n  b: 1\n  c 2\n  c: 3\n")
    assert line == 3 and "il manque « : »" in message and "« c: 2 »" in hint


def test_a_list_written_entirely_with_word_dashes_is_named(tmp_path: Path) -> None:
    """A whole list typed with « – » parses as one text: the list message names the dash."""
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    target = plan / "piloter.yaml"
    text = target.read_text(encoding="utf-8")
    old = "        - Remplacer le référent SSE en son absence"
    assert text.count(old) == 1
    target.write_text(
        text.replace(old, "        – Remplacer le référent SSE en son absence"), encoding="utf-8"
    )
    _, found = messages(plan)
    [message] = found
    assert message["rule"] == "schema-type"
    assert "« - » (trait d'union), pas par « – »" in message["hint"]
