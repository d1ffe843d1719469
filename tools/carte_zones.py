"""Draw the zone map of the complete example (examples/cpts-du-val-de-lys/figures).

A schematic map (fictional territory): three zones along the Lys with their communes and
referents, drawn in Typst (already a dependency) and exported as PNG, so the example's only
image can be rebuilt from text. Run: .venv/bin/python tools/carte_zones.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import typst

OUTPUT = Path(__file__).parent.parent / "examples/cpts-du-val-de-lys/figures/carte-zones.png"

ZONES = [
    (
        "Lys amont et forêt",
        "#cfe3c4",
        "Mathieu Deconinck",
        ["Merlinghem-sur-Lys", "Berquin-la-Forêt", "Haverbecque", "Le Pont-de-Lys"],
    ),
    (
        "Cœur de Lys",
        "#f6dcb4",
        "Isabelle Catteau",
        ["Saint-Aubert-sur-Lys", "Saint-Vaast-la-Lys", "Estrées-sur-Lys", "Vieux-Moulin-lez-Lys"],
    ),
    (
        "Lys aval et Weppes",
        "#c9dcef",
        "Grégory Vasseur",
        ["Sailly-les-Prés", "Houplin-la-Lys", "Wezembecque", "Neuve-Église-sur-Lys"],
    ),
]


def markup() -> str:
    boxes = []
    for index, (name, colour, referent, communes) in enumerate(ZONES):
        towns = " \\ ".join(f"• {town}" for town in communes)
        boxes.append(
            f"#place(dx: {10 + index * 200}pt, dy: {40 + (index % 2) * 30}pt, "
            f'rect(width: 180pt, height: 125pt, radius: 10pt, fill: rgb("{colour}"), '
            f'stroke: 1pt + rgb("#1f3a5f"), inset: 9pt)['
            f'#text(weight: "bold", size: 11pt, fill: rgb("#1f3a5f"))[{name}] \\ '
            f"#text(size: 8pt)[Référent : {referent}] #v(4pt) #text(size: 9pt)[{towns}]])"
        )
    river = (
        '#place(dx: 0pt, dy: 215pt, curve(stroke: 4pt + rgb("#3b7dd8"), '
        "curve.move((0pt, 10pt)), curve.line((150pt, 0pt)), curve.line((300pt, 18pt)), "
        "curve.line((450pt, 4pt)), curve.line((610pt, 16pt))))"
    )
    return "\n".join(
        [
            "#set page(width: 620pt, height: 290pt, margin: 0pt, fill: white)",
            '#set text(font: "Libertinus Serif", lang: "fr")',
            '#place(dx: 10pt, dy: 10pt, text(size: 13pt, weight: "bold")['
            "CPTS du Val de Lys : les trois zones du territoire])",
            *boxes,
            river,
            '#place(dx: 250pt, dy: 240pt, text(size: 9pt, fill: rgb("#3b7dd8"))[La Lys])',
            '#place(dx: 10pt, dy: 272pt, text(size: 7pt, fill: rgb("#595959"))['
            "Carte schématique d'un territoire fictif, non à l'échelle.])",
        ]
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "carte.typ"
        source.write_text(markup(), encoding="utf-8")
        png = typst.compile(
            str(source), root=folder, format="png", ppi=110.0, ignore_system_fonts=True
        )
    assert isinstance(png, bytes)
    OUTPUT.write_bytes(png)
    print(f"{OUTPUT} : {len(png)} octets")


if __name__ == "__main__":
    main()
