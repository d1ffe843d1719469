"""What a custom template may write, the PDF shows as the DOCX does: nested lists, quotes,
code, rules, super- and subscripts, autolinks and footnotes are read as pandoc reads them
(the DOCX's reader) and laid out by Typst; what the PDF does not lay out is named with the
template's file and line instead of being printed as typed in silence."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from cptsplan.files import pandoc
from cptsplan.render.pdf.blocks import Document
from cptsplan.render.pdf.support import unsupported_in

from .conftest import MINIMAL_EXAMPLE, REPO, run_cli
from .test_render_support import REFERENCE_DATE
from .test_typst_layout import words
from .test_typst_writer import _pandoc_summary, _summary, compiled

SAMPLE = """\
Avec `code`, H~2~O, m^2^, <https://exemple.fr/plan> et une note^[Note en ligne.] puis une
autre[^appel].

- Niveau 1 a
  - Niveau 2 a
  - Niveau 2 b
    1. Niveau 3
- Niveau 1 b

  Second paragraphe de 1 b.

1. Un
2. Deux
   - sous-point

> Une citation
> sur deux lignes.

```
bloc de code
```

---

[^appel]: La définition de la note.
"""


def test_the_parser_reads_the_new_constructs_as_pandoc_does() -> None:
    completed = subprocess.run(
        [str(pandoc.pandoc_binary()), "--sandbox", f"--from={pandoc.READER}", "--to=json"],
        input=SAMPLE.encode(), capture_output=True, check=True,
    )  # fmt: skip
    expected = [_pandoc_summary(block) for block in json.loads(completed.stdout)["blocks"]]
    found = [_summary(block) for block in Document(SAMPLE).blocks]
    assert found == expected


def test_footnotes_code_and_scripts_are_laid_out_not_printed_as_typed() -> None:
    text, _ = compiled(SAMPLE)
    for shown in ("Note en ligne.", "La définition de la note.", "bloc de code", "Niveau 3",
                  "Une citation sur deux lignes.", "https://exemple.fr/plan"):  # fmt: skip
        assert shown in " ".join(text.split()), shown
    for markup in ("^[", "[^appel]", "~2~", "^2^", "```", "<https", "> Une"):
        assert markup not in text, markup


NESTED = """\
# Organisation interne {.unnumbered}

- Niveau 1 a
  - Niveau 2 a
    - Niveau 3 a
  - Niveau 2 b
- Niveau 1 b
"""


@pytest.fixture(scope="module")
def nested_documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("gabarit") / "plan"
    shutil.copytree(MINIMAL_EXAMPLE, folder)
    (folder / "templates").mkdir()
    (folder / "templates" / "presentation.md.j2").write_text(NESTED, encoding="utf-8")
    out = folder.parent / "sortie"
    result = run_cli("render", folder, "-f", "pdf", "-f", "docx", "-o", out / "plan",
                     "--date", REFERENCE_DATE)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "avertissement : gabarit" not in result.stderr  # everything here is supported
    return {"pdf": out / "plan.pdf", "docx": out / "plan.docx"}


ITEMS = ["Niveau 1 a", "Niveau 2 a", "Niveau 3 a", "Niveau 2 b", "Niveau 1 b"]


def _docx_levels(path: Path) -> list[int]:
    levels = []
    for paragraph in docx.Document(str(path)).paragraphs:
        if paragraph.text.strip() in ITEMS:
            level = paragraph._p.find(".//" + docx.oxml.ns.qn("w:ilvl"))
            assert level is not None, paragraph.text  # a list item, not a flat paragraph
            levels.append(int(level.get(docx.oxml.ns.qn("w:val"))))
    return levels


def _pdf_levels(path: Path) -> list[int]:
    _, found = words(path)
    starts = {}
    for word in found:
        if word.text == "Niveau":
            following = [w for w in found if w.page == word.page and abs(w.y0 - word.y0) < 1]
            # The line's words after the marker (•, ‣, –: one per level in Typst).
            label = " ".join(
                w.text for w in sorted(following, key=lambda w: w.x0) if w.x0 >= word.x0
            )
            if label in ITEMS:
                starts[label] = word.x0
    assert sorted(starts) == sorted(ITEMS), starts
    columns = sorted(set(round(x) for x in starts.values()))
    return [columns.index(round(starts[item])) for item in ITEMS]


def test_a_custom_templates_nested_lists_have_the_same_structure_in_pdf_and_docx(
    nested_documents: dict[str, Path],
) -> None:
    assert _docx_levels(nested_documents["docx"]) == [0, 1, 2, 1, 0]
    assert _pdf_levels(nested_documents["pdf"]) == [0, 1, 2, 1, 0]


def test_what_the_pdf_does_not_lay_out_is_named_with_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    shutil.copytree(MINIMAL_EXAMPLE, folder)
    (folder / "templates").mkdir()
    template = folder / "templates" / "presentation.md.j2"
    template.write_text(
        "# Présentation\n\n+------+------+\n| a    | b    |\n+------+------+\n\n"
        "- [ ] vérifier le stock\n\nTitre souligné\n==============\n",
        encoding="utf-8",
    )
    result = run_cli("render", folder, "-f", "pdf", "-o", tmp_path / "plan.pdf",
                     "--date", REFERENCE_DATE)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert f"gabarit {template}, ligne 3 : un tableau en grille" in result.stderr
    assert f"gabarit {template}, ligne 7 : une case à cocher" in result.stderr
    assert f"gabarit {template}, ligne 10 : un titre souligné" in result.stderr
    # The DOCX alone is not concerned: the same templates give no such warning.
    result = run_cli("render", folder, "-f", "docx", "-o", tmp_path / "plan.docx",
                     "--date", REFERENCE_DATE)  # fmt: skip
    assert "avertissement : gabarit" not in result.stderr


def test_the_bundled_templates_use_only_what_the_pdf_lays_out() -> None:
    for path in sorted((REPO / "templates").glob("*.md.j2")):
        assert unsupported_in(path, path.read_text(encoding="utf-8")) == [], path.name
