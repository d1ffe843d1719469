"""A custom layout file's own words in the diffusable edition: a mobile or a contact of the
directory written in a footer (plan-sse.typ, reference.docx) or in the HTML page was printed
on every page of the published document, after the data's redaction and the Markdown's
last check. The render is refused (exit 3), the file and place named, nothing written."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from .conftest import COMPLETE_EXAMPLE, copy_with_templates, run_cli
from .test_render_support import REFERENCE_DATE

BUNDLED = Path(__file__).resolve().parent.parent / "templates"
MOBILE = "06 39 98 10 01"  # Dr Vandamme's mobile in the example's directory
DIRECT_LINE = "03 53 01 30 01"  # her direct line: a contact of the directory, not a mobile
EMAIL = "claire.vandamme@cpts-valdelys.example"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return copy_with_templates(tmp_path, COMPLETE_EXAMPLE)


def render(plan: Path, fmt: str, edition: str = "diffusable") -> tuple[object, Path]:
    output = plan.parent / f"sortie.{fmt}"
    result = run_cli(
        "render", plan, "-f", fmt, "--edition", edition, "-o", output, "--date", REFERENCE_DATE
    )
    return result, output


def with_footer_text(runs: list[str], part: str = "word/footer1.xml") -> bytes:
    """The bundled reference.docx with `runs` added to a paragraph of `part`, one Word run
    each (Word splits a number typed in two goes into two runs)."""
    source = zipfile.ZipFile(BUNDLED / "reference.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == part:
                added = "".join(f"<w:r><w:t xml:space='preserve'>{run}</w:t></w:r>" for run in runs)
                data = data.decode().replace("</w:p>", added + "</w:p>", 1).encode()
            copy.writestr(item, data)
    return buffer.getvalue()


def test_bundled_layouts_used_as_custom_files_are_accepted(plan: Path) -> None:
    """No false alarm: cptsplan's own layouts, copied beside the plan, hold no contact."""
    for name in ("plan-sse.typ", "reference.docx", "plan-sse.html", "plan-sse.css"):
        shutil.copy(BUNDLED / name, plan / "templates" / name)
    for fmt in ("pdf", "docx", "html"):
        result, output = render(plan, fmt)
        assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
        assert output.stat().st_size > 0


def test_a_mobile_in_a_typst_footer_is_refused_and_nothing_is_written(plan: Path) -> None:
    layout = (BUNDLED / "plan-sse.typ").read_text(encoding="utf-8")
    footer = "#let pied = [$cptsplan-pied$]"
    assert footer in layout
    line = layout[: layout.index(footer)].count("\n") + 1
    custom = layout.replace(footer, f"#let pied = [$cptsplan-pied$ — astreinte : {MOBILE}]")
    (plan / "templates" / "plan-sse.typ").write_text(custom, encoding="utf-8")
    result, output = render(plan, "pdf")
    assert result.exit_code == 3  # type: ignore[attr-defined]
    stderr = result.stderr  # type: ignore[attr-defined]
    assert f"plan-sse.typ (ligne {line})" in stderr
    assert "--edition interne" in stderr
    assert MOBILE not in stderr  # the message may go to a CI log
    assert not output.exists()
    # The internal edition may show the number: it is rendered as before.
    result, output = render(plan, "pdf", "interne")
    assert result.exit_code == 0 and output.exists()  # type: ignore[attr-defined]


def test_a_directory_line_split_across_two_runs_of_a_word_footer_is_refused(plan: Path) -> None:
    (plan / "templates" / "reference.docx").write_bytes(
        with_footer_text([" Contact : 03 53 ", "01 30 01"])
    )
    result, output = render(plan, "docx")
    assert result.exit_code == 3  # type: ignore[attr-defined]
    assert "reference.docx (pied de page)" in result.stderr  # type: ignore[attr-defined]
    assert not output.exists()


def test_words_in_the_body_of_a_reference_document_are_not_searched(plan: Path) -> None:
    """pandoc uses a reference document's styles, headers and footers, never its body:
    a sample paragraph there is not printed, so it does not stop the render."""
    (plan / "templates" / "reference.docx").write_bytes(
        with_footer_text([f"Exemple : {MOBILE}"], part="word/document.xml")
    )
    result, output = render(plan, "docx")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert output.exists()


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("plan-sse.html", f"<footer>Écrire à {EMAIL}</footer>"),
        ("plan-sse.css", f'footer::after {{ content: "Standard : {DIRECT_LINE}"; }}'),
    ],
)
def test_a_contact_in_the_html_page_or_its_style_is_refused(
    plan: Path, name: str, words: str
) -> None:
    bundled = (BUNDLED / name).read_text(encoding="utf-8")
    marker = "</body>" if name.endswith(".html") else ""
    custom = bundled.replace(marker, words + marker, 1) if marker else bundled + "\n" + words
    (plan / "templates" / name).write_text(custom, encoding="utf-8")
    result, output = render(plan, "html")
    assert result.exit_code == 3  # type: ignore[attr-defined]
    assert f"{name} (ligne" in result.stderr  # type: ignore[attr-defined]
    assert not output.exists()


def test_the_counts_of_a_word_document_s_properties_are_not_a_number(plan: Path) -> None:
    """Word's app.xml counts time, pages, words, characters one after the other: read as one
    text, « 0 6 12 34 56 78 » would be the pairs of a mobile. Each property is read alone."""
    source = zipfile.ZipFile(BUNDLED / "reference.docx")
    counts = (
        "<TotalTime>0</TotalTime><Pages>6</Pages><Words>12</Words><Lines>34</Lines>"
        "<Paragraphs>56</Paragraphs><Characters>78</Characters>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "docProps/app.xml":
                data = data.decode().replace("</Properties>", counts + "</Properties>").encode()
            copy.writestr(item, data)
    (plan / "templates" / "reference.docx").write_bytes(buffer.getvalue())
    result, output = render(plan, "docx")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert output.exists()
