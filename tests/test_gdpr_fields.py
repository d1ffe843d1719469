"""A directory contact field that holds more than one contact (« 03 53 01 30 01 poste 12 »,
« x@y.fr (perso) ») still hides the contact copied elsewhere, in the outputs that read a
plan as written: `diff --edition diffusable` compares a plan the schema refuses."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import COMPLETE_EXAMPLE, run_cli

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
