"""What a response lists besides its actions: its partners, its means and its fiches réflexes,
each under a label (« Partenaires : SAMU 59 ; Centre hospitalier de la Lys. », « Moyens : »
then a list, « Fiches réflexes : » then a list), as the national template's « Partenaires,
moyens et fiches réflexes » part of a response writes them.

Partners and fiches are references: a name becomes the id of the directory entry or of the
fiche whose name it is, word for word (accents and case aside); a name that is nobody's stays
in the imported text, never a guess."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cptsplan.importer.draft import Draft
from cptsplan.importer.read import Block
from cptsplan.importer.scopes import words

LABELS: dict[str, tuple[str, ...]] = {
    "partenaires": ("partenaires", "partenaires mobilises", "acteurs mobilises"),
    "ressources": ("moyens", "ressources", "ressources mobilisees", "moyens mobilises"),
    "fiches_reflexes": ("fiches reflexes", "fiches reflexes (en annexe)", "fiche reflexe"),
}
_LABELLED = re.compile(r"^(?P<label>[^:]{3,40}?)\s*:\s*(?P<value>.*)$", re.S)


@dataclass
class ResponseParts:
    """The list a response's label opened, per response (the key is its heading's index)."""

    open_list: dict[int, str] = field(default_factory=dict)
    fiche_titles: list[tuple[dict[str, Any], str, Block]] = field(default_factory=list)
    """(response, title, block) of each fiche a response names: linked once fiches are read."""
    risk_titles: list[tuple[dict[str, Any], list[str], Block]] = field(default_factory=list)
    """(response, titles, block) of the territory's risks a response names: linked once the
    diagnostic is read."""

    def close(self, key: int) -> None:
        self.open_list.pop(key, None)

    def heading(self, key: int, block: Block) -> None:
        """A sub-heading of a response: « Scénarios » and « Objectifs » open their list; any
        other closes the list open."""
        self.close(key)
        name = words(block.text)
        if name in SUB_HEADINGS:
            self.open_list[key] = name

    def read(self, draft: Draft, key: int, response: dict[str, Any], block: Block) -> bool:
        """Whether `block` was one of these parts (then it is read, or left for the text)."""
        if block.kind == "para":
            return self._label(draft, key, response, block)
        if block.kind != "item":
            return False
        if key not in self.open_list:
            return self._risks(draft, response, block) or _coded(draft, response, block)
        name = self.open_list[key]
        text = block.text.strip().rstrip(";")
        if name in ("ressources", "scenarios", "objectifs"):
            kept = text if name != "ressources" else text.rstrip(".")
            response.setdefault(name, []).append(kept)
            draft.take(block, values=[kept])
            draft.found.setdefault(name, []).append(draft.where(block))
        elif name == "fiches_reflexes":
            self.fiche_titles.append((response, text, block))
            draft.take(block, values=[text])  # held until `link`: no other reader takes it
        else:
            _partners(draft, response, [text], block)
        return True

    def _label(self, draft: Draft, key: int, response: dict[str, Any], block: Block) -> bool:
        match = _LABELLED.match(block.text.strip())
        if match is None:
            self.close(key)
            return False
        label = words(match.group("label"))
        name = next((n for n, wordings in LABELS.items() if label in wordings), None)
        if name is None:
            self.close(key)
            return False
        value = match.group("value").strip().rstrip(".")
        if not value:
            self.open_list[key] = name
            draft.take(block, values=[])  # the label of the list under it
            return True
        self.close(key)
        if name == "partenaires":
            _partners(draft, response, re.split(r"\s*;\s*", value), block)
            return True
        return False

    def _risks(self, draft: Draft, response: dict[str, Any], block: Block) -> bool:
        match = _LABELLED.match(block.text.strip())
        if match is None or words(match.group("label")) != "risques du territoire":
            return False
        titles = [t for t in re.split(r"\s*;\s*", match.group("value").strip()) if t]
        self.risk_titles.append((response, titles, block))
        draft.take(block, values=titles)  # held until `link`
        return True

    def link(self, draft: Draft) -> None:
        """Fiche and risk titles named by the responses, as the ids of the fiches and risks
        read (after the responses); a title that is none of them leaves its line in the
        imported text."""
        adapter, anticiper = draft.data.get("adapter", {}), draft.data.get("anticiper", {})
        fiches = {
            words(str(f.get("titre", ""))): f.get("id") for f in adapter.get("fiches_reflexes", [])
        }
        for response, title, block in self.fiche_titles:
            if words(title) in fiches:
                response.setdefault("fiches_reflexes", []).append(fiches[words(title)])
            else:
                draft.taken.discard((block.index, -1))  # back to the imported text
        risks = {
            words(str(r.get("intitule", ""))): r.get("id")
            for r in anticiper.get("diagnostic_risques", [])
        }
        for response, titles, block in self.risk_titles:
            if titles and all(words(t) in risks for t in titles):
                response["risques"] = [risks[words(t)] for t in titles]
            else:
                draft.taken.discard((block.index, -1))  # back to the imported text


SUB_HEADINGS = {"scenarios", "objectifs"}
"""Sub-headings of a response that open the list of the same name."""
_CODED = {
    "volets orsan": "volets", "volets": "volets", "volet orsan": "volets", "volet": "volets",
    "typologies": "typologies", "typologie": "typologies",
}  # fmt: skip
"""The labels the documents print before the codes, plural or singular (one code)."""


def _coded(draft: Draft, response: dict[str, Any], block: Block) -> bool:
    """« Volets ORSAN : AMAVI (Accueil massif…) ; MEDICO-PSY (…) », « Typologies : T1 – … »:
    the codes, when every part of the line starts with a known one."""
    from cptsplan.messages.vocabulary import TYPOLOGIES, VOLETS

    match = _LABELLED.match(block.text.strip())
    name = _CODED.get(words(match.group("label"))) if match else None
    if match is None or name is None:
        return False
    known = VOLETS if name == "volets" else TYPOLOGIES
    parts = [part.strip() for part in match.group("value").split(";") if part.strip()]
    codes = [part.split(" ")[0] for part in parts]
    if not codes or any(code not in known for code in codes):
        return False
    response[name] = list(dict.fromkeys(codes))
    # A part that says more than its code and the code's usual label is kept as text too.
    said = [p for p, c in zip(parts, codes, strict=True) if _label(p, c) != words(known[c])]
    draft.take(block, values=said)
    draft.found.setdefault(name, []).append(draft.where(block))
    return True


def _label(part: str, code: str) -> str:
    """« AMAVI (Accueil massif…) », « T1 – Afflux… » -> the words after the code."""
    rest = part.removeprefix(code).lstrip(" –-:")
    if rest.startswith("(") and rest.endswith(")"):
        rest = rest[1:-1]
    return words(rest)


def _partners(draft: Draft, response: dict[str, Any], names: list[str], block: Block) -> None:
    """Each name as the id of the directory entry so named; all or nothing, so that the
    paragraph stays whole in the imported text when one name is nobody's."""
    directory = {
        words(" ".join(str(e.get(k) or "") for k in ("prenom", "nom"))): e["id"]
        for e in draft.data.get("annuaire", [])
    }
    directory.update(
        {words(str(e.get("nom", ""))): e["id"] for e in draft.data.get("annuaire", [])}
    )
    ids = [directory.get(words(name)) for name in names if name.strip()]
    if not ids or any(i is None for i in ids):
        return
    found = response.setdefault("partenaires", [])
    found.extend(i for i in ids if i not in found)
    draft.take(block, values=names)
    draft.found.setdefault("partenaires", []).append(draft.where(block))
