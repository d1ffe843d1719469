"""Import defects found by reading today's code, each on a small Word document: a font size
written « 28.5 » by another program (a traceback, exit 1), and directory lines of
organisations pasted from a PDF (« ARS Occitanie 04 ... ») split into a surname and a first
name, the ARS becoming a person without its category."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import yaml
from docx.oxml.ns import qn

from .conftest import run_cli


def _imported(document: Path, target: Path) -> dict[str, Any]:
    result = run_cli("import", document, "-o", target)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    data: dict[str, Any] = {}
    for path in sorted((target / "plan").glob("*.yaml")):
        data.update(yaml.safe_load(path.read_text("utf-8")) or {})
    return data


def test_a_font_size_with_a_decimal_is_read_not_a_crash(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Plan de gestion des situations sanitaires exceptionnelles")
    document.add_paragraph("CPTS du Pays d'Essai, version 1.0")
    for title in ("Anticiper", "Adapter", "Piloter"):
        run = document.add_paragraph().add_run(title)
        size = run._r.get_or_add_rPr().makeelement(qn("w:sz"), {qn("w:val"): "28.5"})
        run._r.get_or_add_rPr().append(size)
        document.add_paragraph("Un paragraphe du corps du plan, en taille ordinaire.")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    _imported(path, tmp_path / "depot")


def test_organisations_pasted_as_lines_stay_organisations(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Annuaire de crise", level=1)
    document.add_paragraph("ARS Occitanie 04 67 07 20 07 ars-oc-alerte@ars.sante.example")
    document.add_paragraph("EHPAD Les Tilleuls 05 61 00 00 42 accueil@tilleuls.example")
    document.add_paragraph("Christine ROCHE Médecin généraliste 07 81 00 00 30")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    directory = {entry["nom"]: entry for entry in _imported(path, tmp_path / "depot")["annuaire"]}
    assert directory["ARS Occitanie"]["type"] == "organisme"
    assert directory["ARS Occitanie"]["categorie"] == "ars"
    assert directory["EHPAD Les Tilleuls"]["type"] == "organisme"
    assert directory["ROCHE"]["type"] == "personne"
    assert directory["ROCHE"]["prenom"] == "Christine"


def test_a_paragraph_with_links_is_imported_once(tmp_path: Path) -> None:
    """The link's address written after its words (« cliquez ici (x@y) ») made pandoc's
    paragraph differ from the document's own: it was put back a second time as missed."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    document = docx.Document()
    document.add_heading("Présentation de la CPTS", level=1)
    paragraph = document.add_paragraph("Pour écrire à la coordination : ")
    target = paragraph.part.relate_to(
        "mailto:coordination@cpts-essai.example", RELATIONSHIP_TYPE.HYPERLINK, is_external=True
    )
    link = paragraph._p.makeelement(qn("w:hyperlink"), {qn("r:id"): target})
    run = link.makeelement(qn("w:r"), {})
    text = run.makeelement(qn("w:t"), {})
    text.text = "cliquez ici"
    run.append(text)
    link.append(run)
    paragraph._p.append(link)
    paragraph.add_run(", du lundi au vendredi.")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    _imported(path, tmp_path / "depot")
    written = "\n".join(p.read_text("utf-8") for p in (tmp_path / "depot" / "plan").glob("*.yaml"))
    assert written.count("Pour écrire à la coordination") == 1
    assert "coordination@cpts-essai.example" in written
