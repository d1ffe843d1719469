"""Figures: a map and a poster of the plan's folder appear, with their captions, in the DOCX,
the PDF and the HTML; a file that is not a real PNG/JPEG of the plan's folder is refused with
a located French message, never read into a document and never a traceback."""

from __future__ import annotations

import os
import re
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import pypdf
import pytest

from cptsplan.load.figures import MAX_FIGURE_BYTES, FigureRefused, read_figure

from .conftest import FIXTURES, MINIMAL_EXAMPLE, run_cli
from .test_render_support import (
    REFERENCE_DATE,
    docx_texts,
    docx_xml,
    html_text_and_tags,
    pdf_pages,
)

POSTER = FIXTURES / "figures" / "affiche.jpg"
MAP_CAPTION = "Carte des trois zones du plateau"
POSTER_CAPTION = "Affiche canicule remise aux patients"
MAP_ALT = "Trois zones le long de la rivière, du nord au sud"


def png(width: int = 48, height: int = 32, colour: tuple[int, int, int] = (40, 120, 60)) -> bytes:
    """A valid RGB PNG, written with zlib (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(colour) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def figures_yaml(items: list[tuple[str, str, str, str]]) -> str:
    lines = ["", "figures:"]
    for identifier, name, caption, section in items:
        lines += [
            f"  - id: {identifier}",
            f"    fichier: {name}",
            f"    legende: {caption}",
            f"    section: {section}",
        ]
    return "\n".join(lines) + "\n"


def plan_folder(root: Path, items: list[tuple[str, str, str, str]]) -> Path:
    folder = root / "plan"
    folder.mkdir()
    text = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    extra = figures_yaml(items).replace(
        f"    legende: {MAP_CAPTION}\n",
        f"    legende: {MAP_CAPTION}\n    texte_alternatif: {MAP_ALT}\n",
    )
    (folder / "plan.yaml").write_text(text + extra, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("figures")
    folder = plan_folder(
        root,
        [
            ("carte", "images/carte zones.png", MAP_CAPTION, "territoire"),
            ("affiche", "affiche.jpg", POSTER_CAPTION, "annexes"),
        ],
    )
    (folder / "images").mkdir()
    (folder / "images" / "carte zones.png").write_bytes(png())
    shutil.copy(POSTER, folder / "affiche.jpg")
    out = root / "out" / "plan"
    args = ["-f", "docx", "-f", "pdf", "-f", "html", "-f", "md"]
    result = run_cli("render", folder, *args, "-o", out, "--date", REFERENCE_DATE)
    assert result.exit_code == 0, result.stderr
    return {fmt: out.with_suffix(f".{fmt}") for fmt in ("docx", "pdf", "html", "md")}


def test_docx_holds_both_images_and_their_captions(rendered: dict[str, Path]) -> None:
    with zipfile.ZipFile(rendered["docx"]) as archive:
        media = [name for name in archive.namelist() if name.startswith("word/media/")]
        assert sorted(Path(name).suffix for name in media) == [".jpg", ".png"]
        assert POSTER.read_bytes() in [archive.read(name) for name in media]
    texts = docx_texts(rendered["docx"])
    assert f"Figure 1 : {MAP_CAPTION}" in texts
    assert f"Figure 2 : {POSTER_CAPTION}" in texts
    assert any(re.fullmatch(r"Annexe [A-Z] : figures", text) for text in texts)
    # Screen readers read the alternative text (the caption when there is none).
    assert f'descr="{MAP_ALT}"' in docx_xml(rendered["docx"])
    assert f'descr="{POSTER_CAPTION}"' in docx_xml(rendered["docx"])


def _images(page: pypdf.PageObject) -> int:
    """Image XObjects on a page, looking inside form XObjects too."""

    def count(resources: object) -> int:
        found = 0
        if isinstance(resources, pypdf.generic.IndirectObject):
            resources = resources.get_object()
        xobjects = resources.get("/XObject", {}) if isinstance(resources, dict) else {}
        for reference in xobjects.get_object().values():
            xobject = reference.get_object()
            if xobject.get("/Subtype") == "/Image":
                found += 1
            elif xobject.get("/Subtype") == "/Form":
                found += count(xobject.get("/Resources", {}))
        return found

    return count(page.get("/Resources", {}))


def test_pdf_pages_show_the_image_above_its_caption(rendered: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(str(rendered["pdf"]))
    texts = pdf_pages(rendered["pdf"])
    for caption in (f"Figure 1 : {MAP_CAPTION}", f"Figure 2 : {POSTER_CAPTION}"):
        pages = [index for index, text in enumerate(texts) if caption in " ".join(text.split())]
        assert len(pages) == 1, caption
        assert _images(reader.pages[pages[0]]) >= 1, caption
    assert "Fig. 1" not in "".join(texts)  # Typst's own numbering would repeat ours
    assert rendered["pdf"].read_bytes().count(b"/Alt") >= 2  # read by screen readers


def test_html_is_self_contained_with_figure_and_caption(rendered: dict[str, Path]) -> None:
    text, tags = html_text_and_tags(rendered["html"])
    sources = [attrs.get("src") or "" for tag, attrs in tags if tag == "img"]
    assert len(sources) == 2
    assert MAP_ALT in [attrs.get("alt") for tag, attrs in tags if tag == "img"]
    assert sorted(source[: source.index(";")] for source in sources) == [
        "data:image/jpeg",
        "data:image/png",
    ]
    assert sum(1 for tag, _ in tags if tag == "figure") == 2
    assert f"Figure 1 : {MAP_CAPTION}" in " ".join(text.split())
    assert "carte zones.png" not in rendered["html"].read_text(encoding="utf-8")


def test_markdown_points_at_the_plan_file(rendered: dict[str, Path]) -> None:
    text = rendered["md"].read_text(encoding="utf-8")
    assert "(images/carte%20zones.png)" in text
    assert "base64" not in text


# --- refusals -------------------------------------------------------------------------------


def _hostile(folder: Path) -> dict[str, str]:
    """Hostile files in the plan's folder: id -> (expected words of the message)."""
    outside = folder.parent / "secret.png"
    outside.write_bytes(png())
    (folder / "lien.png").symlink_to("/etc/passwd")
    (folder / "texte.png").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    os.mkfifo(folder / "tube.png")
    big = png()
    (folder / "enorme.png").write_bytes(big + b"\0" * (MAX_FIGURE_BYTES + 1 - len(big)))
    (folder / "geante.png").write_bytes(png(width=1, height=1)[:16] + struct.pack(">II", 90_000, 9))
    return {
        "lien.png": "en dehors du dossier du plan",
        "../secret.png": "en dehors du dossier du plan",
        "/etc/hostname": "est absolu",
        "tube.png": "n'est pas un fichier ordinaire",
        "texte.png": "n'est pas une image PNG ou JPEG",
        "enorme.png": "dépasse 5 Mo",
        "geante.png": "trop grande",
        "absente.png": "image introuvable",
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("figures-hostiles")
    folder = root / "plan"
    folder.mkdir()
    expected = _hostile(folder)
    items = [
        (f"f{index}", name, f"Légende {index}", "territoire") for index, name in enumerate(expected)
    ]
    text = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    (folder / "plan.yaml").write_text(text + figures_yaml(items), encoding="utf-8")
    return folder, expected


def test_each_hostile_file_is_a_located_figure_error(hostile: tuple[Path, dict[str, str]]) -> None:
    folder, expected = hostile
    result = run_cli("validate", folder, "--date", REFERENCE_DATE)
    output = result.stdout + result.stderr
    assert result.exit_code == 1, output
    assert "Traceback" not in output
    lines = (folder / "plan.yaml").read_text(encoding="utf-8").splitlines()
    for name, words in expected.items():
        line = next(n for n, text in enumerate(lines, 1) if text == f"    fichier: {name}")
        pattern = rf"plan\.yaml:{line}:14\b.*figure-invalide.*{re.escape(words)}"
        assert re.search(pattern, output), (name, output)


def test_a_draft_leaves_refused_images_out_and_says_so(
    hostile: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    folder, expected = hostile
    out = tmp_path / "plan"
    args = ["-f", "docx", "-f", "html", "--brouillon", "-o", out, "--date", REFERENCE_DATE]
    result = run_cli("render", folder, *args)
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out.with_suffix(".docx")) as archive:
        assert not [name for name in archive.namelist() if name.startswith("word/media/")]
        assert b"root:x:0" not in b"".join(archive.read(name) for name in archive.namelist())
    text, tags = html_text_and_tags(out.with_suffix(".html"))
    assert not [tag for tag, _ in tags if tag == "img"]
    assert text.count("image non affichée") == len(expected)
    assert "Légende 0" in text


def test_read_figure_accepts_real_images_whatever_their_name(tmp_path: Path) -> None:
    (tmp_path / "carte.jpeg.txt").write_bytes(png())
    assert read_figure(tmp_path, "carte.jpeg.txt").kind == "png"
    shutil.copy(POSTER, tmp_path / "affiche")
    assert read_figure(tmp_path, "affiche").mime == "image/jpeg"


def test_a_link_that_stays_inside_the_folder_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "vraie.png").write_bytes(png())
    (tmp_path / "lien.png").symlink_to(tmp_path / "vraie.png")
    assert read_figure(tmp_path, "lien.png").data == png()
    (tmp_path / "dossier.png").mkdir()
    with pytest.raises(FigureRefused, match="pas un fichier ordinaire"):
        read_figure(tmp_path, "dossier.png")


def test_a_one_file_plan_finds_its_figures_next_to_it(tmp_path: Path) -> None:
    text = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "plan-seul.yaml"
    plan.write_text(text + figures_yaml([("c", "carte.png", "Carte", "annexes")]), "utf-8")
    (tmp_path / "carte.png").write_bytes(png())
    result = run_cli("validate", plan, "--date", REFERENCE_DATE)
    assert "figure-invalide" not in result.stdout + result.stderr
    (tmp_path / "carte.png").unlink()
    result = run_cli("validate", plan, "--date", REFERENCE_DATE)
    assert result.exit_code == 1
    assert "image introuvable : « carte.png »" in result.stdout + result.stderr


def test_render_refuses_a_plan_with_a_refused_image(
    hostile: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    result = run_cli(
        "render", hostile[0], "-f", "html", "-o", tmp_path / "p", "--date", "2026-11-01"
    )
    assert result.exit_code == 1
    assert "figure-invalide" in result.stderr and "--brouillon" in result.stderr
    assert not list(tmp_path.iterdir())
