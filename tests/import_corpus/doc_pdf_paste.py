"""Other tools 2: a plan whose only copy was a PDF, pasted back into Word line by line (what
Acrobat's copy gives): one paragraph per printed line, sentences cut in the middle, words
hyphenated at a line's end (« coordina- » then « tion »), the running header and the page
number of each page in the body, titles in capitals with no style, bullets typed as « • »,
an action printed over two lines, and the directory's rows as single lines (the table's
columns lost, one space between cells)."""

from __future__ import annotations

import datetime
from pathlib import Path

from .common import finish
from .model import CorpusDocument, Truth, long_date
from .people import Directory, Region
from .wording import GLOSSARY, TYPOLOGY_TITLES, actions
from .writer import Writer

NAME = "copie-pdf"
STRUCTURE = (
    "Text pasted from a PDF: one paragraph per printed line, sentences cut mid-way, words "
    "hyphenated at line ends, running header and page numbers in the body, unstyled capital "
    "titles, « • » bullets typed by hand, actions over two lines, directory rows as lines."
)
CPTS = "CPTS des Hautes Terres du Forez"
REGION = Region(
    landline="+3346571", ars="ARS Auvergne-Rhône-Alpes", dd="délégation départementale de la "
    "Loire", department=42, prefecture="Préfecture de la Loire", cpam="CPAM de la Loire",
    hospital="Centre hospitalier de Noirétable-les-Monts", town="Noirétable-les-Monts",
    domain="cpts-terres-forez.example",
)  # fmt: skip
RUNNING = f"{CPTS} – Plan SSE – version 2.0"


def build(folder: Path) -> CorpusDocument:
    people = Directory(17, REGION, styles=("espaces",))
    referent = people.person("mg", "MSP des Bois Noirs", woman=True, mssante=False)
    deputy = people.person("idel", "Cabinet infirmier de la Source", woman=True, mssante=False)
    physio = people.person("mk", "Cabinet de kinésithérapie du Forez", woman=False, mssante=False)
    contacts = [referent, deputy, physio, *people.institutions()[3:4]]
    updated = datetime.date(2027, 2, 3)
    truth = Truth(cpts=CPTS, version="2.0", date_mise_a_jour=updated, contacts=contacts)
    w = Writer()
    pages = iter(range(1, 10))

    def page_end() -> None:
        """The running header and the page number, pasted with the text."""
        for line in (RUNNING, f"Page {next(pages)} / 4"):
            w.doc.add_paragraph(line)
            w.furniture.append(line)

    for line in (
        CPTS, "PLAN DE GESTION DES SITUATIONS SANITAIRES", "EXCEPTIONNELLES",
        f"Version 2.0 – {long_date(updated)}",
    ):  # fmt: skip
        w.para(line)
    page_end()
    w.para("1. ORGANISATION DE LA CPTS")
    for line in (
        f"Le référent SSE de la CPTS est le Dr {referent.full_name}, médecin généraliste à la",
        f"MSP des Bois Noirs ; sa suppléante est {deputy.full_name}, infirmière libérale. Ils",
        "assurent la coordina-",
        "tion de la réponse de la CPTS avec l'ARS et le SAMU, et réunissent la cellule de",
    ):
        w.para(line)
    page_end()  # the sentence goes on over the page: header and page number in between
    w.para("crise à la MSP des Bois Noirs.")
    truth.referents = [
        {"role": "Référent SSE", "titulaire": referent.full_name, "suppleant": deputy.full_name}
    ]
    w.para("2. RÉPONSES PAR TYPOLOGIE")
    for n, typology in enumerate(("T1", "T2", "T3", "T4", "T5"), start=1):
        w.para(f"T{n} – {TYPOLOGY_TITLES[typology][1]}")
        for phase, action in actions(typology, n + 1, 2):
            words = action.split()
            cut = len(words) * 2 // 3
            w.para("• " + " ".join(words[:cut]))
            w.para(" ".join(words[cut:]))
            truth.add_action(typology, action, phase)
        if n == 3:
            page_end()
    page_end()
    w.para("3. ANNUAIRE")
    w.para("Nom Fonction Téléphone Courriel")
    for contact in contacts:
        name = f"{contact.prenom} {contact.nom.upper()}" if contact.prenom else contact.nom
        phones = " ".join(p.printed for p in contact.phones)
        w.para(f"{name} {contact.fonction} {phones} {' '.join(contact.emails)}")
    w.para("4. SIGLES")
    for sigle, meaning in GLOSSARY[:5]:
        w.para(f"{sigle} : {meaning}")
    truth.glossaire = [{"sigle": s, "definition": d} for s, d in GLOSSARY[:5]]
    return finish(w, truth, folder, NAME, STRUCTURE)
