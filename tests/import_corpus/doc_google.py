"""Other tools 3: a plan written in Google Docs and downloaded as .docx. The cover is in
Google's Title and Subtitle styles; the titles are Normal paragraphs made big by hand
(Google's own « Titre 1 » is 20 pt and not bold: copied between documents, the style is lost
and the size stays), so neither bold nor numbered; lists carry their numbering on the
paragraph (no list style); tables have no style and their header row is plain text; the
directory's columns are named as Google Docs templates name them (« Nom complet »,
« Rôle », « Téléphone portable », « E-mail »); line breaks (Maj+Entrée) inside cells."""

from __future__ import annotations

import datetime
from pathlib import Path

from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from .common import finish, record_transmissions, record_versions
from .model import CorpusDocument, Truth, long_date, short_date
from .people import Directory, Region
from .wording import GLOSSARY, PHASE_LABELS, TYPOLOGY_TITLES, actions
from .writer import Writer

NAME = "google-docs"
STRUCTURE = (
    "Google Docs export: Title/Subtitle cover, titles as big Normal text (not bold, not "
    "numbered), numbering on the paragraphs (no list style), unstyled tables with a plain "
    "header row, directory Nom complet | Rôle | Téléphone portable | E-mail, line breaks in "
    "cells."
)
CPTS = "CPTS Rives de l'Aure"
REGION = Region(
    landline="+3323191", ars="ARS Normandie", dd="délégation départementale du Calvados",
    department=14, prefecture="Préfecture du Calvados", cpam="CPAM du Calvados",
    hospital="Centre hospitalier de Bayeux-sur-Aure", town="Bayeux-sur-Aure",
    domain="cpts-rives-aure.example",
)  # fmt: skip


def title(w: Writer, text: str, size: int) -> Paragraph:
    """A title as Google Docs leaves it once its style is lost: big, dark grey, not bold."""
    paragraph = w.doc.add_paragraph()
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.color.rgb = RGBColor(0x43, 0x43, 0x43)
    w.record(text)
    return paragraph


def google_list(w: Writer, texts: list[str], *, numbered: bool) -> None:
    """List items as Google Docs writes them: Normal paragraphs with their own numbering."""
    style = w.doc.styles["List Number" if numbered else "List Bullet"]
    num_id = style.element.pPr.numPr.numId.val
    for text in texts:
        paragraph = w.doc.add_paragraph(text)
        numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_ilvl().val = 0
        numpr.get_or_add_numId().val = num_id
        w.record(text)


def build(folder: Path) -> CorpusDocument:
    people = Directory(23, REGION, styles=("espaces", "points", "international"))
    referent = people.person("pharma", "Pharmacie du Pont de l'Aure", woman=False)
    deputy = people.person("sf", "Cabinet de sages-femmes de Bayeux-sur-Aure", woman=True)
    president = people.person("mg", "MSP de l'Aure", woman=True)
    coordinator = people.person("coord", CPTS, woman=False, mssante=False)
    dentist = people.person("cd", "Cabinet dentaire des Tilleuls", woman=True)
    contacts = [referent, deputy, president, coordinator, dentist, *people.institutions()]

    updated = datetime.date(2026, 10, 6)
    truth = Truth(cpts=CPTS, version="1.1", date_mise_a_jour=updated, contacts=contacts)
    history = [("1.0", datetime.date(2025, 6, 30), "Création"), ("1.1", updated, "Annuaire")]
    record_versions(truth, history)
    sent = [("ARS", datetime.date(2026, 10, 13))]
    record_transmissions(truth, sent)

    w = Writer()
    w.doc.add_paragraph("Plan de gestion des situations sanitaires exceptionnelles", "Title")
    w.record("Plan de gestion des situations sanitaires exceptionnelles")
    w.doc.add_paragraph(CPTS, "Subtitle")
    w.record(CPTS)
    w.para(f"Version 1.1 – mise à jour du {long_date(updated)}")
    title(w, "Suivi des versions", 16)
    w.table(
        [["Version", "Date", "Modifications"]] + [[v, short_date(d), s] for v, d, s in history],
        header=False,
    )
    w.para(f"Transmis à l'{REGION.ars} le {short_date(sent[0][1])}.")

    title(w, "Référents SSE", 20)
    w.table(
        [["Rôle", "Nom complet"], ["Référent SSE", referent.full_name],
         ["Référente SSE suppléante", deputy.full_name]],
        header=False,
    )  # fmt: skip
    truth.referents = [
        {"role": "Référent SSE", "titulaire": referent.full_name, "suppleant": deputy.full_name}
    ]
    title(w, "Cellule de crise", 20)
    w.para("La cellule se réunit à la MSP de l'Aure, 2 place du Marché, ou en visioconférence.")
    cell = [
        ("Décision", "decision", president, referent),
        ("Coordination", "pilotage", referent, coordinator),
        ("Communication", "communication", coordinator, dentist),
    ]
    w.table(
        [["Fonction", "Titulaire", "Suppléant"]]
        + [[label, h.full_name, b.full_name] for label, _, h, b in cell],
        header=False,
    )
    truth.cellule = [
        {"fonction": f, "code": code, "titulaire": h.full_name, "suppleant": b.full_name}
        for f, code, h, b in cell
    ]

    title(w, "Réponses par typologie", 20)
    for n, typology in enumerate(("T1", "T2", "T3", "T4", "T5"), start=1):
        title(w, TYPOLOGY_TITLES[typology][1], 16)
        chosen = actions(typology, n + 2, 3)
        google_list(w, [f"{PHASE_LABELS[p]} : {a}" for p, a in chosen], numbered=n % 2 == 1)
        for phase, action in chosen:
            truth.add_action(typology, action, phase)

    title(w, "Exercices", 20)
    exercises = [
        (datetime.date(2025, 12, 2), "Exercice de cellule de crise sur table « Aure en crue »"),
        (datetime.date(2026, 5, 19), "Test d'alerte par SMS des adhérents"),
    ]
    google_list(w, [f"{long_date(d)} : {name}" for d, name in exercises], numbered=False)
    truth.exercices = [{"nom": name, "date": d.isoformat()} for d, name in exercises]

    title(w, "Annuaire", 20)
    rows = [["Nom complet", "Rôle", "Téléphone portable", "E-mail"]]
    for contact in contacts:
        mails = "\n".join([*contact.emails, *contact.mssante])
        role = contact.fonction
        if contact.prenom is not None:  # Maj+Entrée between the function and the structure
            role += f"\n{contact.structure}"
        rows.append([contact.full_name, role, "\n".join(p.printed for p in contact.phones), mails])
    w.table(rows, header=False)
    title(w, "Sigles", 20)
    w.table([["Sigle", "Signification"]] + [[s, d] for s, d in GLOSSARY], header=False)
    truth.glossaire = [{"sigle": s, "definition": d} for s, d in GLOSSARY]
    for table in w.doc.tables:  # Google Docs tables have no style
        table.style = w.doc.styles["Normal Table"]
    return finish(w, truth, folder, NAME, STRUCTURE)
