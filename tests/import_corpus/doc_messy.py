"""Document 6: a plan as years of hand edits leave it. Header and footer with the CPTS name
and « Document confidentiel »; the version on the cover only in a text box; heading styles
mixed with bold Normal titles; a version table under a merged title row; référents with
their phone in the same cell after a line break; a crisis-cell holder merged over two
functions; numbered lists that restart in each typology, each item prefixed by its phase;
the directory split in two tables around a page break, each with a merged category row, a
structure merged over two people, several numbers in a cell with labels and line breaks;
non-breaking spaces before colons, tabs, and words split over several runs; the alert chain
still under review (a tracked insertion and deletion, a reviewer's comment) and drawn as a
diagram of grouped shapes, which pandoc does not read."""

from __future__ import annotations

import datetime
from pathlib import Path

from docx.table import Table

from .common import finish, record_transmissions, record_versions
from .model import Contact, CorpusDocument, Truth, long_date, short_date
from .people import Directory, Region
from .wording import GLOSSARY, PHASE_LABELS, REFERENCES, TYPOLOGY_TITLES, actions
from .writer import Writer

NAME = "desordonne"
STRUCTURE = (
    "Messy plan: header/footer with the CPTS name and « Document confidentiel », version in a "
    "text box, heading styles mixed with bold Normal titles, merged cells (title row, crisis "
    "cell holder, directory category rows and structure), directory split in two tables, "
    "phones with labels and line breaks inside cells, several numbers in a cell, numbered "
    "lists restarting per typology, non-breaking spaces, tabs and split runs; an alert chain "
    "under review (tracked insertion and deletion, a comment) and drawn as grouped shapes."
)
CPTS = "CPTS Cœur d'Ardenne"
REGION = Region(
    landline="+3335301", ars="ARS Grand Est", dd="délégation territoriale des Ardennes",
    department=8, prefecture="Préfecture des Ardennes", cpam="CPAM des Ardennes",
    hospital="Centre hospitalier de Rocroi-sur-Meuse", town="Rocroi-sur-Meuse",
    domain="cpts-coeur-ardenne.example",
)  # fmt: skip
NBSP = "\u00a0"
DELETED = "par fax au secrétariat de la MSP"
"""Text deleted with tracked changes, not yet accepted: not in the plan."""
COMMENT = "Préciser le délai d'alerte la nuit et le week-end"
"""A reviewer's comment on the alert chain: not in the plan (the report counts it)."""
HEADER = ["Nom", "Prénom", "Fonction", "Structure", "Tél.", "Courriel", "MSSanté"]


def build(folder: Path) -> CorpusDocument:
    people = Directory(6, REGION, styles=("tirets", "espaces", "international0", "collé"))
    msp = "MSP des Forges"
    referent = people.person("mg", msp, woman=False, fixed=True)
    deputy = people.person("idel", msp, woman=True)
    president = people.person("pharma", "Pharmacie de la Meuse", woman=True)
    coordinator = people.person("coord", CPTS, woman=False, mssante=False)
    gp = people.person("mg", "Cabinet médical de Revin-le-Bas", woman=True, fixed=True)
    physio = people.person("mk", "Cabinet de kinésithérapie du Viaduc", woman=False)
    nurse = people.person("idel", "Cabinet infirmier de la Semoy", woman=False)
    pros = [referent, deputy, president, coordinator, gp, physio, nurse]
    institutions = people.institutions()
    sdis = people.organisation(
        "SDIS des Ardennes – CTA-CODIS",
        "Secours, décontamination",
        "codis@sdis08.example",
        phones=2,
    )
    orgs = [*institutions, sdis]
    contacts = [*pros, *orgs]

    updated = datetime.date(2026, 8, 22)
    truth = Truth(cpts=CPTS, version="2.3", date_mise_a_jour=updated, contacts=contacts)
    history = [
        ("1.0", datetime.date(2023, 5, 30), "Première version"),
        ("2.0", datetime.date(2024, 9, 1), "Nouvelle organisation de la cellule"),
        ("2.1", datetime.date(2025, 3, 18), "RETEX inondation"),
        ("2.3", updated, "Mise à jour annuelle (la version 2.2 n'a pas été diffusée)"),
    ]
    record_versions(truth, history)
    sent = [("ARS", datetime.date(2026, 8, 29)), ("CPAM", datetime.date(2026, 9, 1))]
    record_transmissions(truth, sent)

    w = Writer()
    w.header_footer(f"{CPTS} – Plan SSE", "Document confidentiel – ne pas diffuser")
    w.doc.add_paragraph("PLAN SSE", style="Title")
    w.record("PLAN SSE")
    w.text_box(
        [
            CPTS,
            "Plan de préparation aux situations sanitaires exceptionnelles",
            f"Version 2.3 – {long_date(updated)}",
        ]
    )
    for _ in range(3):
        w.para()
    w.page_break()

    w.heading(f"Suivi{NBSP}du document", 1)
    table = w.table([["Historique des versions", "", ""], ["Version", "Date", "Objet"]])
    w.merge(table.cell(0, 0), table.cell(0, 2), "Historique des versions", bold=True, record=False)
    for version, day, summary in history:
        row = table.add_row()
        day_text = long_date(day) if version in ("1.0", "2.3") else short_date(day)
        for cell, text in zip(row.cells, (version, day_text, summary), strict=True):
            w.set_cell(cell, text)
    w.para(f"Version{NBSP}: 2.3")
    w.para(f"Date de mise à jour{NBSP}:\t{short_date(updated)}")
    w.para(
        "Envoyé à l'ARS Grand Est (délégation territoriale des Ardennes) le "
        f"{short_date(sent[0][1])} "
        f"et à la CPAM des Ardennes le {long_date(sent[1][1])}."
    )

    w.para("1) ORGANISATION", bold=True, underline=True)
    w.runs(("Réf", False), ("érents ", False), ("SSE", True))
    table = w.table(
        [
            ["Référent SSE titulaire", "Référent SSE suppléant"],
            [
                f"Dr {referent.full_name}\n{referent.phones[0].printed}",
                f"{deputy.full_name}\n{deputy.phones[0].printed}",
            ],
        ]
    )
    truth.referents = [
        {"role": "Référent SSE", "titulaire": referent.full_name, "suppleant": deputy.full_name}
    ]
    w.heading("Cellule de crise", 2)
    w.para(f"Lieu{NBSP}: MSP des Forges, 3 rue du Viaduc – repli : mairie de Revin-le-Bas")
    cell = [
        ("Décision", "decision", president, referent),
        ("Pilotage", "pilotage", referent, deputy),
        ("Organisation des soins", "organisation_medicale", gp, nurse),
        ("Communication", "communication", coordinator, physio),
        ("Secrétariat / main courante", "secretariat", coordinator, deputy),
    ]
    table = w.table(
        [["Fonction", "Titulaire", "Suppléant"]]
        + [[label, holder.full_name, backup.full_name] for label, _, holder, backup in cell],
        record=False,
    )
    # The coordinator holds two functions: one merged cell, its name written once.
    w.merge(table.cell(4, 1), table.cell(5, 1), coordinator.full_name, record=False)
    for label, _, holder, backup in cell:
        w.record(label)
        w.record(backup.full_name)
        if holder is not coordinator:
            w.record(holder.full_name)
    w.record(coordinator.full_name)
    w.record("Fonction")
    w.record("Titulaire")
    w.record("Suppléant")
    truth.cellule = [
        {"fonction": f, "code": code, "titulaire": h.full_name, "suppleant": b.full_name}
        for f, code, h, b in cell
    ]
    w.para("Chaîne d'alerte", bold=True)
    w.tracked(
        [
            ("La délégation territoriale alerte la CPTS ", ""),
            (DELETED, "del"),
            ("par téléphone puis par courriel", "ins"),
            (" ; le référent SSE prévient la cellule.", ""),
        ],
        comment=COMMENT,
    )
    w.grouped_shapes(
        [
            ["ARS Grand Est – point focal régional", "Délégation territoriale des Ardennes"],
            [f"Référent SSE : Dr {referent.full_name}"],
            ["Cellule de crise de la CPTS", "Professionnels adhérents (SMS)"],
        ]
    )

    w.para("2) RÉPONSES AUX CRISES", bold=True, underline=True)
    for n, typology in enumerate(("T1", "T2", "T3", "T4", "T5"), start=1):
        title = f"Typologie {n} – {TYPOLOGY_TITLES[typology][n % 3]}"
        if n % 2:
            w.heading(title, 2)
        else:
            w.para(title, bold=True)
        chosen = actions(typology, n, 3)
        numbering = None
        for phase, action in chosen:
            numbering = w.items(
                [f"{PHASE_LABELS[phase]}{NBSP}: {action}"],
                numbered=True,
                restart=numbering is None,
                num_id=numbering,
            )
            truth.add_action(typology, action, phase)

    w.para("3) EXERCICES", bold=True, underline=True)
    flood, flood_retex = datetime.date(2026, 3, 12), datetime.date(2026, 3, 26)
    remote = datetime.date(2025, 11, 5)
    w.items(
        [
            f"Exercice « Meuse en crue » le {short_date(flood)} – "
            f"RETEX le {short_date(flood_retex)}",
            f"Exercice de cellule de crise à distance{NBSP}: {long_date(remote)} (RETEX à chaud)",
        ]
    )
    truth.exercices = [
        {"nom": "Exercice « Meuse en crue »", "date": flood.isoformat()},
        {"nom": "Exercice de cellule de crise à distance", "date": remote.isoformat()},
    ]
    truth.retex = [
        {"nom": "Exercice « Meuse en crue »", "date": flood_retex.isoformat()},
        {"nom": "Exercice de cellule de crise à distance", "date": remote.isoformat()},
    ]

    w.heading("Annuaire", 1)
    directory_part(w, "Professionnels de santé", pros[:4], merge_structure=(0, 1))
    w.page_break()
    w.para("Annuaire (suite)", bold=True)
    directory_part(w, "Professionnels et partenaires", pros[4:] + orgs, merge_structure=None)

    w.heading("Sigles", 1)
    w.table([["Sigle", "Signification"]] + [[s, d] for s, d in GLOSSARY])
    truth.glossaire = [{"sigle": s, "definition": d} for s, d in GLOSSARY]
    w.para("Références", bold=True)
    w.items(REFERENCES[:3], numbered=True, restart=True)
    w.para("Autres documents", bold=True)
    w.items(REFERENCES[3:], numbered=True, restart=True)
    truth.references = list(REFERENCES)
    return finish(w, truth, folder, NAME, STRUCTURE)


def phones_text(contact: Contact) -> str:
    """Several numbers in one cell: « Standard : … » and « Astreinte 24 h/24 : … » on their
    own lines for an organisation, « / » between a mobile and a landline for a person."""
    printed = [phone.printed for phone in contact.phones]
    if contact.prenom is None and len(printed) == 2:
        return f"Standard : {printed[0]}\nAstreinte 24 h/24 : {printed[1]}"
    return " / ".join(printed)


def directory_part(
    w: Writer, category: str, contacts: list[Contact], merge_structure: tuple[int, int] | None
) -> Table:
    """One of the two directory tables: the header, a category row merged across the table,
    then one row per contact (optionally one structure cell merged over two people)."""
    rows = [HEADER, [category] + [""] * (len(HEADER) - 1)]
    for contact in contacts:
        rows.append(
            [
                contact.nom.upper() if contact.prenom else contact.nom,
                contact.prenom or "",
                contact.fonction,
                contact.structure,
                phones_text(contact),
                "\n".join(contact.emails),
                "\n".join(contact.mssante),
            ]
        )
    table = w.table(rows, record=False)
    w.merge(table.cell(1, 0), table.cell(1, len(HEADER) - 1), category, bold=True, record=False)
    skip: set[tuple[int, int]] = set()
    if merge_structure is not None:
        first, second = (2 + index for index in merge_structure)
        column = HEADER.index("Structure")
        structure = contacts[merge_structure[0]].structure
        w.merge(table.cell(first, column), table.cell(second, column), structure, record=False)
        skip.add((second, column))
    for r, row in enumerate(rows):
        if r == 1:
            w.record(category)
            continue
        for c, text in enumerate(row):
            if (r, c) not in skip:
                w.record(text)
    return table
