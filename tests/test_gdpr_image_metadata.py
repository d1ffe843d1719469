"""A figure's own metadata (a PNG's text chunks, a JPEG's EXIF, XMP, IPTC or comment) does
not reach the diffusable edition: DOCX and HTML embed an image's bytes as they are, and a
reader opens its properties (privacy/image_metadata.py). Its pixels are unchanged."""

from __future__ import annotations

import base64
import re
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from cptsplan.privacy.image_metadata import without_metadata

from .conftest import COMPLETE_EXAMPLE, run_cli
from .test_figures import png

CONTACT = b"Dr Catteau 06 39 98 10 17 isabelle.catteau@cpts-valdelys.example"


def chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def with_chunks(image: bytes, *chunks: bytes) -> bytes:
    """`image` (a PNG) with `chunks` after its header (8 + 25 bytes)."""
    return image[:33] + b"".join(chunks) + image[33:]


def test_a_pngs_text_exif_and_time_chunks_are_removed_and_its_pixels_kept() -> None:
    plain = png()
    gamma = chunk(b"gAMA", struct.pack(">I", 45455))
    marked = with_chunks(
        plain,
        chunk(b"tEXt", b"Author\x00" + CONTACT),
        chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(CONTACT)),
        chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x00\x00\x00\x00" + CONTACT),
        chunk(b"eXIf", b"MM\x00*" + CONTACT),
        chunk(b"tIME", b"\x07\xea\x0a\x05\x00\x00\x00"),
        gamma,
    )
    assert without_metadata(marked, "png") == with_chunks(plain, gamma)


def jpeg_segment(marker: int, data: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(data) + 2) + data


def test_a_jpegs_exif_xmp_iptc_and_comment_are_removed() -> None:
    jfif = jpeg_segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    icc = jpeg_segment(0xE2, b"ICC_PROFILE\x00\x01\x01profile")
    tables = jpeg_segment(0xDB, bytes(65))
    scan = jpeg_segment(0xDA, b"\x01\x01\x00\x00\x3f\x00") + b"\x12\x34\xff\x00\x56\xff\xd9"
    metadata = [
        jpeg_segment(0xE1, b"Exif\x00\x00" + CONTACT),
        jpeg_segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + CONTACT),
        jpeg_segment(0xED, b"Photoshop 3.0\x00" + CONTACT),
        jpeg_segment(0xFE, CONTACT),
    ]
    image = b"\xff\xd8" + jfif + metadata[0] + icc + b"".join(metadata[1:]) + tables + scan
    assert without_metadata(image, "jpeg") == b"\xff\xd8" + jfif + icc + tables + scan


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (png()[:-5], "png"),  # cut in its last chunk
        (b"\xff\xd8\xff\xe1\x00\xff" + CONTACT, "jpeg"),  # a length past the end
    ],
)
def test_a_file_that_cannot_be_walked_is_kept_as_it_is(data: bytes, kind: str) -> None:
    """load/figures.py has checked it is an image: the document still shows it."""
    assert without_metadata(data, kind) == data


def test_the_diffusable_edition_embeds_the_figure_without_its_metadata(tmp_path: Path) -> None:
    """Found by writing a hostile plan: a map whose PNG « Author » field named the referent
    with her mobile and address was embedded whole in the DOCX (word/media) and the HTML
    (a data: URI) of the diffusable edition. The internal edition keeps the file as it is."""
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    image = plan / "figures" / "carte-zones.png"
    image.write_bytes(with_chunks(image.read_bytes(), chunk(b"tEXt", b"Author\x00" + CONTACT)))
    for edition in ("diffusable", "interne"):
        out = tmp_path / edition
        out.mkdir()
        result = run_cli("render", plan, "-f", "docx", "-f", "html", "-e", edition, "-o", out)
        assert result.exit_code == 0, result.stderr
        (docx,) = out.glob("*.docx")
        with zipfile.ZipFile(docx) as archive:
            media = [archive.read(name) for name in archive.namelist() if "/media/" in name]
        (page,) = out.glob("*.html")
        uris = re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", page.read_text("utf-8"))
        embedded = media + [base64.b64decode(uri) for uri in uris]
        assert len(embedded) == 2, edition
        assert all((CONTACT in data) == (edition == "interne") for data in embedded), edition


def test_the_diffusable_markdown_embeds_the_stripped_figure_instead_of_linking_the_file(
    tmp_path: Path,
) -> None:
    """The Markdown linked the plan's own file by its path: shared with that folder, the
    map still carried the referent's mobile in its « Author » field. The diffusable Markdown
    embeds the image without it; the internal edition still links the plan's file."""
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    image = plan / "figures" / "carte-zones.png"
    image.write_bytes(with_chunks(image.read_bytes(), chunk(b"tEXt", b"Author\x00" + CONTACT)))
    texts = {}
    for edition in ("diffusable", "interne"):
        out = tmp_path / edition / "plan"
        result = run_cli("render", plan, "-f", "md", "-e", edition, "-o", out)
        assert result.exit_code == 0, result.stderr
        texts[edition] = out.with_suffix(".md").read_text("utf-8")
    assert "(figures/carte-zones.png)" in texts["interne"]
    assert "carte-zones.png" not in texts["diffusable"]
    uris = re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", texts["diffusable"])
    assert uris and all(CONTACT not in base64.b64decode(uri) for uri in uris)
