"""Fictional people and organisations for the corpus, drawn deterministically.

Landlines are taken in the blocks ARCEP reserves for fiction (01 99 00, 02 61 91, 03 53 01,
04 65 71, 05 36 49); `phonenumbers` rejects ARCEP's fictional mobile block (06 39 98), so
mobiles use 06 12 34 and 07 81 00, as the brief's example does.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .model import Contact, Phone

WOMEN = (
    "Claire", "Sophie", "Hélène", "Nathalie", "Camille", "Élodie", "Marion", "Isabelle",
    "Anne-Sophie", "Céline", "Aurélie", "Sandrine", "Laëtitia", "Valérie", "Émilie", "Julie",
    "Agnès", "Maëlle", "Christine", "Océane",
)  # fmt: skip
MEN = (
    "Julien", "Bruno", "Romain", "Thomas", "Nicolas", "François", "Jean-Marc", "Olivier",
    "Mathieu", "Sébastien", "Pierre-Yves", "Grégoire", "Hervé", "Antoine", "Loïc", "Benoît",
    "Cédric", "Jérôme", "Yannick", "Stéphane",
)  # fmt: skip
SURNAMES = (
    "Lemaire", "Garnier", "Faure", "Rousseau", "Blanchard", "Morel", "Guérin", "Chevalier",
    "Le Goff", "Lambert", "Fontaine", "Roussel", "Perrin", "Masson", "Marchand", "Duval",
    "Denis", "Lefèvre", "Mercier", "Boyer", "Gauthier", "Barbier", "Arnaud", "Brunet",
    "Caron", "Giraud", "Joly", "Renard", "Aubert", "Picard", "Leclerc", "Colin",
    "Vidal", "Roche", "Dupuis", "Meunier", "Lacroix", "Hamon", "Tanguy", "Bertin",
    "Da Silva", "Benali", "Nguyen", "Carpentier", "Schmitt", "Huet", "Collet", "Poirier",
)  # fmt: skip

PROFESSIONS: dict[str, tuple[str, str, str]] = {
    # kind: (function for a woman, function for a man, MSSanté domain part)
    "mg": ("Médecin généraliste", "Médecin généraliste", "medecin"),
    "idel": ("Infirmière libérale", "Infirmier libéral", "infirmier"),
    "pharma": ("Pharmacienne titulaire", "Pharmacien titulaire", "pharmacien"),
    "mk": ("Masseur-kinésithérapeute", "Masseur-kinésithérapeute", "masseur-kinesitherapeute"),
    "sf": ("Sage-femme", "Sage-femme", "sage-femme"),
    "cd": ("Chirurgienne-dentiste", "Chirurgien-dentiste", "chirurgien-dentiste"),
    "bio": ("Biologiste", "Biologiste", "medecin"),
    "coord": ("Coordinatrice de la CPTS", "Coordinateur de la CPTS", ""),
}


def ascii_slug(text: str, sep: str = ".") -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else sep for c in plain.lower()).strip(sep)


@dataclass(frozen=True)
class Region:
    """Where a CPTS is: its landline block and the names of its institutions."""

    landline: str  # "+33465 71" -> numbers +33465 71 NN NN
    ars: str  # "ARS Provence-Alpes-Côte d'Azur"
    dd: str  # "délégation départementale des Bouches-du-Rhône"
    department: int
    prefecture: str  # "Préfecture des Bouches-du-Rhône"
    cpam: str  # "CPAM des Bouches-du-Rhône"
    hospital: str  # "Centre hospitalier de ..."
    town: str  # main town
    domain: str  # "cpts-collines-arc.example"


class Directory:
    """Draws people and organisations of one CPTS without ever reusing a name or a number."""

    def __init__(self, seed: int, region: Region, styles: Sequence[str] = ("espaces",)) -> None:
        self.random = random.Random(seed)
        self.region = region
        self.styles = styles
        self._surnames = list(SURNAMES)
        self.random.shuffle(self._surnames)
        self._numbers = self._counter(seed)
        self._style_turn = 0

    @staticmethod
    def _counter(seed: int) -> Iterator[int]:
        value = 10 + (seed * 7) % 50
        while True:
            value += 1
            yield value

    def _style(self) -> str:
        self._style_turn += 1
        return self.styles[self._style_turn % len(self.styles)]

    def landline(self) -> Phone:
        n = next(self._numbers)
        return Phone(f"{self.region.landline}{n // 100 % 100:02d}{n % 100:02d}", self._style())

    def mobile(self) -> Phone:
        n = next(self._numbers)
        block = "+3361234" if n % 2 else "+3378100"
        return Phone(f"{block}{n // 100 % 100:02d}{n % 100:02d}", self._style())

    def person(
        self, kind: str, structure: str, *, woman: bool | None = None, fonction: str | None = None,
        fixed: bool = False, mssante: bool = True, email: bool = True,
    ) -> Contact:  # fmt: skip
        if woman is None:
            woman = self.random.random() < 0.6
        prenom = self.random.choice(WOMEN if woman else MEN)
        nom = self._surnames.pop()
        female, male, domain = PROFESSIONS[kind]
        phones = [self.mobile()] + ([self.landline()] if fixed else [])
        slug = f"{ascii_slug(prenom, '-')}.{ascii_slug(nom, '-')}"
        return Contact(
            nom=nom,
            prenom=prenom,
            fonction=fonction or (female if woman else male),
            structure=structure,
            phones=tuple(phones),
            emails=(f"{slug}@{self.region.domain}",) if email else (),
            mssante=(f"{slug}@{domain}.mssante.fr",) if mssante and domain else (),
        )

    def organisation(
        self, nom: str, fonction: str, email: str, *, phones: int = 1, mssante: str | None = None
    ) -> Contact:
        return Contact(
            nom=nom,
            fonction=fonction,
            structure=nom,
            phones=tuple(self.landline() for _ in range(phones)),
            emails=(email,),
            mssante=(mssante,) if mssante else (),
        )

    def institutions(self) -> list[Contact]:
        """The institutional entries every plan has: ARS (point focal and DD), préfecture,
        SAMU-Centre 15, CPAM, the hospital."""
        region = self.region
        short = ascii_slug(region.ars.split()[-1], "-")
        dep = region.department
        return [
            self.organisation(
                f"{region.ars} – point focal régional",
                "Réception des signalements 24 h/24",
                f"ars-{short}-alerte@ars.sante.example",
            ),
            self.organisation(
                f"{region.ars} – {region.dd}",
                "Interlocutrice de la CPTS pour le plan SSE",
                f"ars-dd{dep}-sse@ars.sante.example",
                phones=2,
                mssante=f"dd{dep}-veille@ars-{short}.mssante.fr",
            ),
            self.organisation(
                f"{region.prefecture} – SIDPC",
                "Protection des populations, ORSEC",
                f"sidpc@prefecture-{dep}.example",
            ),
            self.organisation(
                f"SAMU {dep} – Centre 15",
                "Régulation médicale, coordination AMAVI",
                f"samu{dep}@chu-{dep}.example",
            ),
            self.organisation(
                region.cpam,
                "Délégué ACI des CPTS",
                f"delegue-cpts@cpam-{dep}.example",
            ),
            self.organisation(
                region.hospital,
                "Direction des soins, cellule de crise hospitalière",
                f"crise@{ascii_slug(region.hospital, '-')}.example",
            ),
        ]
