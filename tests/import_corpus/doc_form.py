"""Other tools 1: an ARS regional template filled in Word. The values are in content controls
(plain text, date picker, drop-down list) and in legacy form fields, the actions of each
typology are a check-list (content-control check boxes for some typologies, legacy check
boxes for others: only the ticked ones are the CPTS's actions), the title styles are the
template's own « Titre 1 » and « Titre 2 » (localised names, no outline level), the
référents are a table nested in a layout table's cell, and the crisis cell is a table drawn
inside a text box."""

from __future__ import annotations

import datetime
from pathlib import Path

from .common import finish, record_transmissions
from .forms import (
    CHECKED,
    UNCHECKED,
    boxed_table,
    checkbox_control,
    date_control,
    dropdown_control,
    form_cell,
    form_line,
    legacy_checkbox,
    legacy_text,
    localised_heading_styles,
    nested_table,
    text_control,
)
from .model import CorpusDocument, Truth, short_date
from .people import Directory, Region
from .wording import GLOSSARY, REFERENCES, TYPOLOGY_TITLES, actions
from .writer import Writer

NAME = "formulaire-ars"
STRUCTURE = (
    "ARS template filled in Word: content controls (text, date, drop-down, check boxes), "
    "legacy form fields (text, check boxes), localised title styles « Titre 1/2 » without "
    "outline level, référents in a table nested in a layout table, the crisis cell as a table "
    "inside a text box, actions as a check-list where only ticked items are the CPTS's."
)
CPTS = "CPTS du Val de Brenne"
REGION = Region(
    landline="+3324991", ars="ARS Centre-Val de Loire", dd="délégation départementale "
    "d'Indre-et-Loire", department=37, prefecture="Préfecture d'Indre-et-Loire",
    cpam="CPAM d'Indre-et-Loire", hospital="Centre hospitalier de Château-Brenne",
    town="Château-Brenne", domain="cpts-val-de-brenne.example",
)  # fmt: skip
PLACEHOLDER = "Cliquez ou appuyez ici pour entrer du texte."
UNTICKED = "Organiser une consultation dédiée dans chaque maison de santé."
"""An action the template proposes and the CPTS did not tick: not one of its actions."""


def build(folder: Path) -> CorpusDocument:
    people = Directory(11, REGION, styles=("espaces", "points"))
    referent = people.person("mg", "MSP de la Brenne", woman=True)
    deputy = people.person("idel", "Cabinet infirmier du Lochois", woman=False, fixed=True)
    president = people.person("pharma", "Pharmacie du Pont", woman=False)
    coordinator = people.person("coord", CPTS, woman=True, mssante=False)
    physio = people.person("mk", "Cabinet de kinésithérapie des Varennes", woman=True)
    contacts = [referent, deputy, president, coordinator, physio, *people.institutions()[:4]]

    updated = datetime.date(2026, 9, 15)
    truth = Truth(cpts=CPTS, version="1.2", date_mise_a_jour=updated, contacts=contacts)
    # No version table: the form has the current version only (truth.versions stays empty).
    sent = [("ARS", datetime.date(2026, 9, 22))]
    record_transmissions(truth, sent)

    w = Writer()
    titles = localised_heading_styles(w)
    w.doc.add_paragraph("Plan de gestion des situations sanitaires exceptionnelles", "Title")
    w.record("Plan de gestion des situations sanitaires exceptionnelles")
    w.para("Modèle régional – à compléter par la CPTS")
    form_line(w, ["Nom de la CPTS : ", (text_control(CPTS), "")], f"Nom de la CPTS : {CPTS}")
    form_line(w, ["Version du plan : ", (legacy_text("1.2"), "")], "Version du plan : 1.2")
    form_line(
        w,
        ["Date de mise à jour : ", (date_control(updated.isoformat(), short_date(updated)), "")],
        f"Date de mise à jour : {short_date(updated)}",
    )
    form_line(
        w,
        ["Statut du document : ", (dropdown_control(["Projet", "Validé par le bureau"],
                                                     "Validé par le bureau"), "")],
        "Statut du document : Validé par le bureau",
    )  # fmt: skip
    day = sent[0][1]
    form_line(
        w,
        [(checkbox_control(True), ""), f" Plan transmis à l'{REGION.ars} le ",
         (date_control(day.isoformat(), short_date(day)), "")],
        f"{CHECKED} Plan transmis à l'{REGION.ars} le {short_date(day)}",
    )  # fmt: skip

    def title(text: str, level: int) -> None:
        w.para(text, style=titles[level])

    title("1. Organisation de la CPTS en cas de crise", 1)
    title("Référents SSE", 2)
    layout = w.doc.add_table(rows=1, cols=2)
    w.set_cell(layout.cell(0, 0), "Référents désignés par le bureau")
    nested_table(
        w,
        layout.cell(0, 1),
        [["Référent SSE titulaire", "Référent SSE suppléant"],
         [referent.full_name, deputy.full_name]],
    )  # fmt: skip
    truth.referents = [
        {"role": "Référent SSE", "titulaire": referent.full_name, "suppleant": deputy.full_name}
    ]
    title("Cellule de crise", 2)
    form_line(
        w,
        ["Lieu de réunion de la cellule : ", (text_control("MSP de la Brenne, salle 2"), "")],
        "Lieu de réunion de la cellule : MSP de la Brenne, salle 2",
    )
    form_line(
        w,
        ["Lieu de repli : ", (text_control(PLACEHOLDER, placeholder=True), "")],
        "Lieu de repli : ",
    )
    cell = [
        ("Décision", "decision", president, referent),
        ("Pilotage", "pilotage", referent, deputy),
        ("Communication", "communication", coordinator, physio),
    ]
    boxed_table(
        w,
        "Composition de la cellule de crise",
        [["Fonction", "Titulaire", "Suppléant"]]
        + [[label, h.full_name, b.full_name] for label, _, h, b in cell],
    )
    truth.cellule = [
        {"fonction": f, "code": code, "titulaire": h.full_name, "suppleant": b.full_name}
        for f, code, h, b in cell
    ]

    title("2. Réponses aux situations sanitaires exceptionnelles", 1)
    for n, typology in enumerate(("T1", "T2", "T3", "T4", "T5"), start=1):
        title(f"Typologie {n} : {TYPOLOGY_TITLES[typology][1]}", 2)
        form_line(
            w,
            ["Situation retenue pour le territoire : ",
             (dropdown_control(["Oui", "Non"], "Oui"), "")],
            "Situation retenue pour le territoire : Oui",
        )  # fmt: skip
        w.para("Actions retenues (cocher) :")
        legacy = n % 2 == 0
        chosen = actions(typology, n, 3)
        lines = [(a, True) for _p, a in chosen]
        if typology == "T2":
            lines.insert(1, (UNTICKED, False))
        for action, ticked in lines:
            box = legacy_checkbox(ticked) if legacy else checkbox_control(ticked)
            shown = CHECKED if ticked else UNCHECKED
            form_line(w, [(box, ""), f" {action}"], f"{shown} {action}")
        for phase, action in chosen:
            truth.add_action(typology, action, phase)

    title("3. Exercices et retours d'expérience", 1)
    exercises = [
        (datetime.date(2025, 11, 18), "Exercice canicule en EHPAD", True),
        (datetime.date(2026, 6, 4), "Exercice de cellule de crise à distance", False),
    ]
    table = w.doc.add_table(rows=1 + len(exercises), cols=3)
    table.style = w.doc.styles["Table Grid"]
    for c, text in enumerate(("Exercice", "Date", "RETEX réalisé")):
        w.set_cell(table.cell(0, c), text, bold=True)
    for r, (day, name, done) in enumerate(exercises, start=1):
        w.set_cell(table.cell(r, 0), name)
        form_cell(w, table.cell(r, 1), [(date_control(day.isoformat(), short_date(day)), "")],
                  short_date(day))  # fmt: skip
        form_cell(w, table.cell(r, 2), [(checkbox_control(done), "")],
                  CHECKED if done else UNCHECKED)  # fmt: skip
    truth.exercices = [{"nom": name, "date": day.isoformat()} for day, name, _ in exercises]

    title("4. Annuaire de crise", 1)
    header = ["Nom", "Prénom", "Fonction", "Structure", "Téléphone", "Courriel", "MSSanté"]
    table = w.doc.add_table(rows=2 + len(contacts), cols=len(header))
    table.style = w.doc.styles["Table Grid"]
    for c, text in enumerate(header):
        w.set_cell(table.cell(0, c), text, bold=True)
    for r, contact in enumerate(contacts, start=1):
        values = [
            contact.nom.upper() if contact.prenom else contact.nom, contact.prenom or "",
            contact.fonction, contact.structure,
            " / ".join(p.printed for p in contact.phones), " / ".join(contact.emails),
            " / ".join(contact.mssante),
        ]  # fmt: skip
        for c, text in enumerate(values):
            if text:
                form_cell(w, table.cell(r, c), [(text_control(text), "")], text)
    for c in range(len(header)):  # the template's spare row, not filled in
        form_cell(w, table.cell(len(contacts) + 1, c),
                  [(text_control(PLACEHOLDER, placeholder=True), "")], "")  # fmt: skip

    title("5. Glossaire et documents de référence", 1)
    w.table([["Sigle", "Signification"]] + [[s, d] for s, d in GLOSSARY])
    truth.glossaire = [{"sigle": s, "definition": d} for s, d in GLOSSARY]
    w.items(REFERENCES)
    truth.references = list(REFERENCES)
    return finish(w, truth, folder, NAME, STRUCTURE)
