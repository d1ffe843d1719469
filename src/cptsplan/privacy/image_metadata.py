"""A figure's own metadata, out of the diffusable edition.

A PNG or JPEG carries text besides its pixels: an author, a comment, a copyright line, the
camera's EXIF (the place a photo was taken, as GPS coordinates), XMP or IPTC fields
(« Dr Roux, 06 39 … » typed in an editor's « auteur » box). DOCX and HTML embed the file's
bytes as they are (word/media, a data: URI), a PDF may too (a JPEG is kept whole): a
reader opens the image's properties and reads them. The diffusable edition embeds the
image without them; its pixels, size, colour profile and orientation-free decoding are
unchanged.

Removed: PNG `tEXt`, `zTXt`, `iTXt`, `eXIf`, `tIME` chunks; JPEG APP1 (EXIF, XMP), APP13
(IPTC, Photoshop) and COM segments. Kept: what decoding needs (PNG critical chunks, gamma,
colour profile, transparency; JPEG APP0 JFIF, APP2 ICC profile, APP14 Adobe colour
transform). A file whose structure cannot be walked is returned as it is: load/figures.py
has checked it is a PNG or a JPEG, and the document must still show it.
"""

from __future__ import annotations

import struct

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_DROPPED = frozenset({b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"})
_JPEG_DROPPED = frozenset({0xE1, 0xED, 0xFE})
"""APP1 (EXIF, XMP), APP13 (IPTC), COM."""
_SOS = 0xDA
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
"""Markers without a length (TEM, RST0-7)."""


def without_metadata(data: bytes, kind: str) -> bytes:
    """`data` (a `kind` image: 'png' or 'jpeg') without its text and EXIF metadata."""
    if kind == "png":
        return _png(data)
    if kind == "jpeg":
        return _jpeg(data)
    return data


def _png(data: bytes) -> bytes:
    if not data.startswith(_PNG_SIGNATURE):
        return data
    kept, at = [_PNG_SIGNATURE], len(_PNG_SIGNATURE)
    while at + 8 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        end = at + 12 + length  # length, type, data, CRC
        if end > len(data):
            return data
        if data[at + 4 : at + 8] not in _PNG_DROPPED:
            kept.append(data[at:end])
        at = end
    if at != len(data):
        return data
    return b"".join(kept)


def _jpeg(data: bytes) -> bytes:
    if not data.startswith(b"\xff\xd8"):
        return data
    kept, at = [data[:2]], 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return data
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte before a marker
            at += 1
            continue
        if marker in _STANDALONE:
            kept.append(data[at : at + 2])
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        end = at + 2 + length
        if length < 2 or end > len(data):
            return data
        if marker == _SOS:
            kept.append(data[at:])  # the compressed image and what follows: kept whole
            return b"".join(kept)
        if marker not in _JPEG_DROPPED:
            kept.append(data[at:end])
        at = end
    return data
