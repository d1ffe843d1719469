"""Hostile documents: what `cptsplan import` must refuse or bound (issue 18 §1, « Safe on
hostile documents »), each built in well under a second.

Every file is named after what it is; `build_hostile` returns them by key. The zip bomb is a
1 GiB part compressed to about 1 MB: its deflate stream is one self-contained block of
1 MiB repeated, so it is built without compressing a gigabyte.
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib
from pathlib import Path

from docx import Document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BOMB_MIB = 1024
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def _base_parts() -> dict[str, bytes]:
    """The parts of an ordinary python-docx document (a fresh dict at each call)."""
    return dict(_template_parts())


@functools.cache
def _template_parts() -> dict[str, bytes]:
    buffer = io.BytesIO()
    Document().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _body(inner: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{prolog}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{inner}</w:body></w:document>'
    ).encode()


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _write_zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            archive.writestr(info, data, zipfile.ZIP_DEFLATED)
    return path


def _docx(path: Path, document_xml: bytes, **extra: bytes) -> Path:
    parts = _base_parts()
    parts["word/document.xml"] = document_xml
    parts.update(extra)
    return _write_zip(path, parts)


# --------------------------------------------------------------------------- zip bomb
def zip_bomb(path: Path) -> Path:
    """A .docx whose word/document.xml inflates to BOMB_MIB MiB (one paragraph of « A »),
    with its true size in the zip headers, as a real bomb has."""
    head = _body("<w:p><w:r><w:t>", "").split(b"<w:p>")[0] + b"<w:p><w:r><w:t>"
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    chunk = b"A" * (1 << 20)
    block = _deflate_block(chunk)
    crc = zlib.crc32(head)
    for _ in range(BOMB_MIB):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    stream = _deflate_block(head) + block * BOMB_MIB + _deflate_block(tail) + b"\x03\x00"
    size = len(head) + len(chunk) * BOMB_MIB + len(tail)
    members = [
        (name, _deflate_block(data) + b"\x03\x00", zlib.crc32(data), len(data))
        for name, data in _base_parts().items()
        if name != "word/document.xml"
    ]
    members.append(("word/document.xml", stream, crc, size))
    path.write_bytes(_raw_zip(members))
    return path


def _deflate_block(data: bytes) -> bytes:
    """Raw deflate of `data`, byte-aligned and without reference to anything before it
    (Z_FULL_FLUSH), not final: such pieces can be concatenated."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)


def _raw_zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of already deflated members (name, deflate stream, CRC-32, inflated size)."""
    out = io.BytesIO()
    central = io.BytesIO()
    date = (0 << 9) | (1 << 5) | 1  # 1980-01-01
    for name, data, crc, size in members:
        offset = out.tell()
        encoded = name.encode()
        fields = (20, 0, 8, 0, date, crc, len(data), size, len(encoded), 0)
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + encoded + data)
        central.write(
            struct.pack("<IH", 0x02014B50, 20)
            + struct.pack("<HHHHHIIIHHHHHII", *fields, 0, 0, 0, 0, offset)
            + encoded
        )
    start = out.tell()
    directory = central.getvalue()
    out.write(directory)
    count = len(members)
    if count > 0xFFFF:
        # More entries than the classic end record can count: the zip64 end record and its
        # locator carry the real numbers, as zipfile and Info-ZIP write them.
        record = out.tell()
        out.write(
            struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count,
                        len(directory), start)
        )  # fmt: skip
        out.write(struct.pack("<IIQI", 0x07064B50, 0, record, 1))
        count = 0xFFFF
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), start, 0))
    return out.getvalue()


# ------------------------------------------------------------------------------ XML
def billion_laughs(path: Path) -> Path:
    """Nested entities: ten levels of ten references, 10^9 « lol » once expanded."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10)
    ]
    prolog = f"<!DOCTYPE w:document [{''.join(entities)}]>"
    return _docx(path, _body(_paragraph("&lol9;"), prolog))


def external_entity(path: Path) -> Path:
    """An external entity reading a local file into the text (XXE)."""
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return _docx(path, _body(_paragraph("Référent : &xxe;"), prolog))


def external_dtd(path: Path) -> Path:
    """A DTD to fetch from the network (nothing may be fetched)."""
    prolog = '<!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/plan-sse.dtd">'
    return _docx(path, _body(_paragraph("Plan SSE"), prolog))


def many_tables(path: Path, count: int = 10_000) -> Path:
    """`count` one-cell tables, each with a short text."""
    table = (
        "<w:tbl><w:tblPr><w:tblW w:w='0' w:type='auto'/></w:tblPr><w:tblGrid><w:gridCol/>"
        "</w:tblGrid><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>"
    )
    inner = "".join(table.format(_paragraph(f"Tableau {n}")) for n in range(count))
    return _docx(path, _body(inner))


def deep_nesting(path: Path, depth: int = 5_000) -> Path:
    """Tables nested `depth` deep (a cell holding a table holding a cell...)."""
    opening = "<w:tbl><w:tr><w:tc>" * depth
    closing = "<w:p/></w:tc></w:tr></w:tbl>" * depth
    return _docx(path, _body(opening + _paragraph("Au fond") + closing))


# ------------------------------------------------------------------- macros, formats
def _with_macro() -> dict[str, bytes]:
    parts = _base_parts()
    types = parts["[Content_Types].xml"].decode()
    types = types.replace(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
    ).replace(
        "</Types>",
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    )
    parts["[Content_Types].xml"] = types.encode()
    rels = (
        parts["word/_rels/document.xml.rels"]
        .decode()
        .replace(
            "</Relationships>",
            '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/'
            'vbaProject" Target="vbaProject.bin"/></Relationships>',
        )
    )
    parts["word/_rels/document.xml.rels"] = rels.encode()
    parts["word/document.xml"] = _body(_paragraph("Plan SSE avec macro"))
    # An OLE compound file header then the text of an auto-run macro (never to be run).
    parts["word/vbaProject.bin"] = (
        OLE_MAGIC + b"\x00" * 504 + b'Sub AutoOpen()\r\nShell "calc"\r\nEnd Sub\r\n'
    )
    return parts


def macro_docm(path: Path) -> Path:
    return _write_zip(path, _with_macro())


PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def ole_doc() -> bytes:
    """The first sector of a Word 97-2003 document (OLE compound file)."""
    header = OLE_MAGIC + b"\x00" * 16 + struct.pack("<HHH", 0x3E, 0x3, 0xFFFE)
    return header + b"\x00" * (512 - len(header))


def many_members(path: Path, count: int = 100_000) -> Path:
    """An ordinary document plus `count` empty members (the zip's directory alone is ~6 MB)."""
    members = [
        (name, _deflate_block(data) + b"\x03\x00", zlib.crc32(data), len(data))
        for name, data in _base_parts().items()
    ]
    members += [(f"word/media/m{n}.xml", b"\x03\x00", 0, 0) for n in range(count)]
    path.write_bytes(_raw_zip(members))
    return path


def path_traversal(path: Path) -> Path:
    """Members named to land outside the output folder if extracted as named."""
    parts = _base_parts()
    parts["../../evil"] = b"ecrit hors du dossier\n"
    parts["/tmp/cptsplan-evil-absolu"] = b"ecrit hors du dossier\n"
    return _write_zip(path, parts)


def billion_laughs_odt(path: Path) -> Path:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10)
    ]
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE office:document-content '
        f"[{''.join(entities)}]><office:document-content "
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        "<office:body><office:text><text:p>&lol9;</text:p></office:text></office:body>"
        "</office:document-content>"
    ).encode()
    manifest = (
        b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        b'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        b'manifest:version="1.3">'
        b'<manifest:file-entry manifest:full-path="/" '
        b'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        b"</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def build_hostile(folder: Path) -> dict[str, Path]:
    """Every hostile document under `folder`, by key (see README.md for what each one is)."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {
        "zip_bomb": zip_bomb(folder / "bombe-zip.docx"),
        "billion_laughs": billion_laughs(folder / "milliard-de-rires.docx"),
        "billion_laughs_odt": billion_laughs_odt(folder / "milliard-de-rires.odt"),
        "external_entity": external_entity(folder / "entite-externe.docx"),
        "external_dtd": external_dtd(folder / "dtd-reseau.docx"),
        "ten_thousand_tables": many_tables(folder / "dix-mille-tableaux.docx"),
        "deep_nesting": deep_nesting(folder / "imbrication-profonde.docx"),
        "macro_docm": macro_docm(folder / "plan-avec-macro.docm"),
        "macro_in_docx": _write_zip(folder / "macro-deguisee.docx", _with_macro()),
        "many_members": many_members(folder / "cent-mille-membres.docx"),
        "path_traversal": path_traversal(folder / "chemin-traversant.docx"),
    }
    for key, name, data in (
        ("pdf_renamed", "pdf-renomme.docx", PDF),
        ("pdf", "plan.pdf", PDF),
        ("doc_ole", "plan.doc", ole_doc()),
        ("doc_renamed", "doc-renomme.docx", ole_doc()),
        ("empty", "vide.docx", b""),
        ("truncated", "tronque.docx", (folder / "entite-externe.docx").read_bytes()[:700]),
    ):
        (folder / name).write_bytes(data)
        out[key] = folder / name
    return out
