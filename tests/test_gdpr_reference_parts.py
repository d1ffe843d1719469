"""A custom `reference.docx` whose styles, settings, theme or fonts hold a contact: pandoc
copies these parts into every DOCX it writes (a style « Titre 06 39 98 10 52 » shows in
Word's style gallery, a document variable is read by a DOCVARIABLE field). The diffusable
edition is refused (exit 3), as for a contact in the layout's header; only its header,
footer and properties were searched."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from .conftest import MINIMAL_EXAMPLE, run_cli
from .test_render_support import REFERENCE_DATE

BUNDLED = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"
MOBILE = "06 39 98 10 52"


def _variable(xml: str) -> str:
    return xml.replace(
        "</w:settings>",
        f'<w:docVars><w:docVar w:name="astreinte" w:val="{MOBILE}"/></w:docVars></w:settings>',
    )


def _style(xml: str) -> str:
    return re.sub(
        r'(<w:style [^>]*w:styleId="Title"[^>]*>\s*<w:name w:val=")', rf"\g<1>{MOBILE} ", xml
    )


def _theme(xml: str) -> str:
    return re.sub(r'(<a:theme [^>]*?name=")', r"\g<1>alerte@ars-ara.example ", xml, count=1)


def _font(xml: str) -> str:
    return xml.replace("</w:fonts>", f'<w:font w:name="{MOBILE.replace(" ", "")}"/></w:fonts>')


PLANTED = {
    "word/settings.xml": _variable,
    "word/styles.xml": _style,
    "word/theme/theme1.xml": _theme,
    "word/fontTable.xml": _font,
}


def _reference(part: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(BUNDLED) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == part:
                changed = PLANTED[part](data.decode("utf-8"))
                assert changed != data.decode("utf-8"), part
                data = changed.encode("utf-8")
            target.writestr(member, data)
    return out.getvalue()


def _plan(tmp_path: Path, reference: bytes) -> Path:
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL_EXAMPLE, plan)
    (plan / "templates").mkdir()
    (plan / "templates" / "reference.docx").write_bytes(reference)
    return plan


def _render(plan: Path, out: Path, edition: str) -> object:
    return run_cli("render", plan, "-f", "docx", "-e", edition, "-o", out, "--date", REFERENCE_DATE)


@pytest.mark.parametrize("part", sorted(PLANTED))
def test_a_contact_in_a_part_pandoc_copies_refuses_the_diffusable_edition(
    tmp_path: Path, part: str
) -> None:
    plan = _plan(tmp_path, _reference(part))
    result = _render(plan, tmp_path / "diffusable.docx", "diffusable")
    assert result.exit_code == 3, result.stderr
    assert "reference.docx (styles et réglages du document)" in result.stderr
    assert "39 98" not in result.stderr and "ars-ara" not in result.stderr
    assert not (tmp_path / "diffusable.docx").exists()
    # The internal edition keeps the layout as it is.
    assert _render(plan, tmp_path / "interne.docx", "interne").exit_code == 0


def test_the_bundled_reference_used_as_a_custom_one_is_accepted(tmp_path: Path) -> None:
    plan = _plan(tmp_path, BUNDLED.read_bytes())
    result = _render(plan, tmp_path / "diffusable.docx", "diffusable")
    assert result.exit_code == 0, result.stderr
