"""Document 7: a plan written in an ARS regional template (Auvergne-Rhône-Alpes style), as a
coordinator fills it in Word: a version table « Version | Date | Objet | Auteur », dates
written « 12/03/2025 » and « mars 2025 », the communes in a table with their zone and town
hall, the crisis cell in one sentence of prose (« La cellule de crise est composée du
président, Dr …, de la coordinatrice, … »), one « Fiche action n° X » table per typology
(a merged title row, then Objectif | Pilote | Acteurs | Modalités | Échéance, one row per
action), exercises in a table, and the directory as one table per category under its own
heading (« Partenaires institutionnels », « Établissements de santé », « Professionnels de
santé de la CPTS »)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path

from .common import finish, glossary_table, record_transmissions, record_versions
from .model import Contact, CorpusDocument, Truth, short_date
from .people import Directory, Region
from .wording import REFERENCES, TYPOLOGY_TITLES, actions
from .writer import Writer

NAME = "modele-ars-fiches-actions"
STRUCTURE = (
    "ARS regional template filled in Word: version table Version | Date | Objet | Auteur, dates "
    "« 12/03/2025 » and « mars 2025 », communes table with zone and « (mairie : …) », crisis "
    "cell in one sentence of prose, one « Fiche action n° X » table per typology (merged "
    "title row, Objectif | Pilote | Acteurs | Modalités | Échéance), exercises table, the "
    "directory as one table per category under its heading."
)
CPTS = "CPTS Val de Saône-Dombes"
REGION = Region(
    landline="+3346571", ars="ARS Auvergne-Rhône-Alpes",
    dd="délégation départementale de l'Ain", department=1,
    prefecture="Préfecture de l'Ain", cpam="CPAM de l'Ain",
    hospital="Centre hospitalier de Trévoux-sur-Saône", town="Trévoux-sur-Saône",
    domain="cpts-saone-dombes.example",
)  # fmt: skip
ECHEANCES = ("Permanent", "Dès l'alerte", "Sous 24 h", "mars 2025", "Fin de crise")
ACTEURS = (
    "Médecins généralistes, IDEL, pharmacies",
    "MSP du territoire, SAMU 01",
    "Professionnels adhérents, mairies",
)


def build(folder: Path) -> CorpusDocument:
    people = Directory(10, REGION, styles=("espaces", "points", "collé"))
    president = people.person("mg", "MSP de la Dombes", woman=False, fixed=True)
    coordinator = people.person("coord", CPTS, woman=True, mssante=False)
    referent = people.person("mg", "Cabinet médical des Bords de Saône", woman=True)
    deputy = people.person("idel", "Cabinet infirmier de Reyrieux-le-Haut", woman=False)
    pharmacist = people.person("pharma", "Pharmacie du Pont", woman=True, fixed=True)
    communication = people.person("mk", "Cabinet de kinésithérapie des Étangs", woman=True)
    midwife = people.person("sf", "Cabinet de sages-femmes de Trévoux", woman=True)
    institutions = people.institutions()
    ars_focal, ars_dd, prefecture, samu, cpam, hospital = institutions
    ehpad = people.organisation(
        "EHPAD Les Tilleuls de Jassans",
        "Infirmière coordinatrice, plan bleu",
        "direction@ehpad-tilleuls-jassans.example",
    )
    pros = [president, coordinator, referent, deputy, pharmacist, communication, midwife]
    contacts = [*pros, ars_focal, ars_dd, prefecture, cpam, samu, hospital, ehpad]

    updated = datetime.date(2025, 3, 12)
    truth = Truth(cpts=CPTS, version="V3", date_mise_a_jour=updated, contacts=contacts)
    history = [
        ("V1", datetime.date(2023, 4, 18), "Création du plan à partir du modèle régional",
         coordinator),
        ("V2", datetime.date(2024, 2, 6), "Ajout des fiches actions T4 et T5", referent),
        ("V3", updated, "Mise à jour de l'annuaire et RETEX de l'exercice canicule",
         coordinator),
    ]  # fmt: skip
    record_versions(truth, [(v, day, summary) for v, day, summary, _ in history])
    sent = [("ARS", datetime.date(2025, 3, 20)), ("CPAM", datetime.date(2025, 3, 24))]
    record_transmissions(truth, sent)

    w = Writer()
    w.para("Plan de préparation aux situations sanitaires exceptionnelles", style="Title")
    w.para(CPTS, bold=True, size=16)
    w.para("Version 3 – mars 2025")
    w.para("Modèle régional ARS Auvergne-Rhône-Alpes – à compléter par la CPTS")

    w.heading("Suivi du document", 1)
    w.table(
        [["Version", "Date", "Objet", "Auteur"]]
        + [[v, short_date(day), summary, who.full_name] for v, day, summary, who in history]
    )
    w.para(f"Validé par le conseil d'administration le {short_date(updated)}.")
    w.para(
        f"Transmis à l'ARS Auvergne-Rhône-Alpes (délégation départementale de l'Ain) le "
        f"{short_date(sent[0][1])} et à la CPAM de l'Ain le {short_date(sent[1][1])}."
    )
    w.para("Prochaine révision : mars 2026.")

    w.heading("1. Présentation de la CPTS et de son territoire", 1)
    w.para(
        "La CPTS Val de Saône-Dombes regroupe 146 professionnels de santé libéraux sur "
        "9 communes, pour 38 500 habitants. Le territoire compte deux zones : le val de Saône, "
        "urbain et inondable, et la Dombes, rurale, aux étangs nombreux."
    )
    w.table(
        [
            ["Commune", "Population", "Zone"],
            ["Trévoux-sur-Saône (mairie : 04 65 71 90 01)", "7 100", "Val de Saône"],
            ["Reyrieux-le-Haut", "4 900", "Val de Saône"],
            ["Jassans-les-Étangs (mairie : 04 65 71 90 02)", "4 600", "Dombes"],
            ["Villars-en-Dombes", "4 700", "Dombes"],
        ]
    )
    w.heading("2. Analyse des risques du territoire", 1)
    w.para(
        "Crues de la Saône, canicule, transport de matières dangereuses sur l'A46, "
        "épidémies saisonnières, isolement des hameaux de la Dombes en cas de neige."
    )

    w.heading("3. Organisation de la CPTS en situation sanitaire exceptionnelle", 1)
    w.heading("3.1 Référents SSE", 2)
    w.table(
        [
            ["Rôle", "Nom", "Profession", "Structure"],
            ["Référent SSE", f"Dr {referent.full_name}", referent.fonction, referent.structure],
            ["Suppléant", deputy.full_name, deputy.fonction, deputy.structure],
        ]
    )
    truth.referents = [
        {"role": "Référent SSE", "titulaire": referent.full_name, "suppleant": deputy.full_name}
    ]
    w.heading("3.2 Cellule de crise", 2)
    w.para(
        f"La cellule de crise est composée du président, Dr {president.full_name}, de la "
        f"coordinatrice, {coordinator.full_name}, de la référente SSE, Dr {referent.full_name}, "
        f"de la chargée de communication, {communication.full_name}, et de la pharmacienne "
        f"référente logistique, {pharmacist.full_name}."
    )
    w.para(
        "Elle se réunit à la MSP de la Dombes, salle de réunion du 1er étage, ou en "
        "visioconférence si les routes sont coupées."
    )
    truth.cellule = [
        {"fonction": "Président", "code": "decision", "titulaire": president.full_name,
         "suppleant": None},
        {"fonction": "Coordinatrice", "code": "pilotage", "titulaire": coordinator.full_name,
         "suppleant": None},
        {"fonction": "Chargée de communication", "code": "communication",
         "titulaire": communication.full_name, "suppleant": None},
        {"fonction": "Référente logistique", "code": "logistique",
         "titulaire": pharmacist.full_name, "suppleant": None},
    ]  # fmt: skip
    w.heading("3.3 Alerte", 2)
    w.para(
        "L'alerte est reçue par la coordinatrice, qui prévient le président et la référente "
        "SSE, puis les professionnels adhérents par SMS et MSSanté."
    )

    w.heading("4. Fiches actions par typologie de crise", 1)
    pilots = ("Référente SSE", "Coordinatrice", f"Dr {president.full_name}")
    for n, typology in enumerate(("T1", "T2", "T3", "T4", "T5"), start=1):
        chosen = actions(typology, n, 3)
        rows = [
            [action, pilots[i % 3], ACTEURS[(i + n) % 3], _modalites(i), ECHEANCES[(i + n) % 5]]
            for i, (_phase, action) in enumerate(chosen)
        ]
        fiche_action(w, f"Fiche action n° {n} – {TYPOLOGY_TITLES[typology][1]}", rows)
        for _phase, action in chosen:
            truth.add_action(typology, action)

    w.heading("5. Exercices et retours d'expérience", 1)
    exercises = [
        ("Exercice canicule avec coupure électrique", datetime.date(2024, 7, 2),
         datetime.date(2024, 9, 17)),
        ("Exercice de crue de la Saône avec évacuation d'un EHPAD", datetime.date(2025, 1, 28),
         datetime.date(2025, 2, 11)),
    ]  # fmt: skip
    w.table(
        [["Exercice", "Date", "Partenaires", "RETEX"]]
        + [
            [name, short_date(day), "ARS, SAMU 01, mairies", f"Réalisé le {short_date(done)}"]
            for name, day, done in exercises
        ]
    )
    truth.exercices = [{"nom": name, "date": day.isoformat()} for name, day, _ in exercises]
    truth.retex = [{"nom": name, "date": done.isoformat()} for name, _, done in exercises]

    w.heading("6. Annuaire de crise", 1)
    w.heading("Partenaires institutionnels", 2)
    organisation_table(w, "Organisme", [ars_focal, ars_dd, prefecture, cpam])
    w.heading("Établissements de santé", 2)
    organisation_table(w, "Établissement", [samu, hospital, ehpad])
    w.heading("Professionnels de santé de la CPTS", 2)
    w.table(
        [["Nom", "Prénom", "Profession", "Structure", "Portable", "Courriel", "MSSanté"]]
        + [
            [
                c.nom.upper(), c.prenom or "", c.fonction, c.structure,
                " / ".join(p.printed for p in c.phones), " / ".join(c.emails),
                " / ".join(c.mssante),
            ]
            for c in pros
        ]
    )  # fmt: skip

    w.heading("7. Glossaire", 1)
    glossary_table(w, truth, header=("Sigle", "Signification"))
    w.heading("8. Documents de référence", 1)
    for reference in REFERENCES:
        w.para(f"- {reference}")
    truth.references = list(REFERENCES)
    return finish(w, truth, folder, NAME, STRUCTURE)


def _modalites(i: int) -> str:
    return ("SMS et MSSanté", "Réunion de la cellule", "Liste de diffusion des adhérents")[i % 3]


def fiche_action(w: Writer, title: str, rows: Sequence[Sequence[str]]) -> None:
    """A fiche action as the regional template draws it: a title row merged over the five
    columns, the header row, one row per action."""
    header = ["Objectif", "Pilote", "Acteurs", "Modalités", "Échéance"]
    table = w.table([["", "", "", "", ""], header, *rows], header=False, record=False)
    w.merge(table.cell(0, 0), table.cell(0, 4), title, bold=True)
    for c, text in enumerate(header):
        w.set_cell(table.cell(1, c), text, bold=True)
    for row in rows:
        for text in row:
            w.record(text)
    w.doc.add_paragraph()


def organisation_table(w: Writer, first: str, contacts: Sequence[Contact]) -> None:
    """One category of the directory: an organisation per row, its phones and addresses."""
    w.table(
        [[first, "Rôle", "Téléphone", "Courriel"]]
        + [
            [
                c.nom, c.fonction, " / ".join(p.printed for p in c.phones),
                "\n".join([*c.emails, *c.mssante]),
            ]
            for c in contacts
        ]
    )  # fmt: skip
