"""The diffusable edition of a plan in which every directory contact is copied, in every way
a coordinator may write it, into every text field of the plan (generated from the schema,
see plan_generator.py: prose, names, titles, glossary, tables, fiches, messages, history),
shows none of them in any format: not in the text, not in the running header, not in the
document properties (DOCX docProps, PDF /Title and XMP, HTML <title>), nor in the PDF's
bookmarks."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml

from cptsplan.load.source import PlanSource
from cptsplan.model import build_plan
from cptsplan.render.document import plan_markdown
from cptsplan.render.figures import load_figures
from cptsplan.render.resources import template_dirs

from .conftest import COMPLETE_EXAMPLE, run_cli
from .plan_generator import Leaf, full_plan, set_at
from .test_figures import png
from .test_render_support import REFERENCE_DATE

FORMATS = ("md", "docx", "pdf", "html")
LANDLINE = "03 81 47 25 96"
MOBILE = "06 39 98 00 15"
EMAIL = "zorglub.astreinte@valdelys-sse.example"
MSSANTE = "zorglub.medecin@lys.mssante.fr"
ADDRESS = "8, quai Bérénice-Xylophage 59000 Lille"
MAX_TEXT = 480
"""Short texts hold 500 characters: the forms are spread over several plans."""


def number_forms(number: str) -> list[str]:
    """Ways to write one French number (the issue's list, and a few more)."""
    pairs = number.split()
    digits = "".join(pairs)
    rest = " ".join([digits[1], *pairs[1:]])
    forms = [
        " ".join(pairs),
        digits,
        *(separator.join(pairs) for separator in ".-/"),
        *(
            separator.join(pairs)
            for separator in ("\u2009", "\u2007", "\u00a0", "\u202f", "  ", "\u2013")
        ),
        " ".join(pairs[:2]) + "\n" + " ".join(pairs[2:]),
        *(
            invisible.join(pairs)
            for invisible in ("\u200b", "\u00ad", "\u2060", "\ufeff", "\u200b ")
        ),
        f"+33 {rest}",
        f"(+33) {rest}",
        f"+33 (0){digits[1]} {' '.join(pairs[1:])}",
        f"0033 {rest}",
        "+33" + digits[1:],
        digits.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"}),  # fullwidth
        f"tel:{digits}",
        # Punctuation a careless or hostile author puts between the pairs (printed as
        # typed: the plan's text is never Markdown), wide spaces, the country code without
        # its + (a WhatsApp link: wa.me/33...).
        f"{pairs[0]} **{pairs[1]}** {' '.join(pairs[2:])}",
        *(separator.join(pairs) for separator in ("_", ",", "|", "·", "•", " : ", "'", "\\")),
        "     ".join(pairs),
        f"33{digits[1:]}",
        f"+ 33 {rest}",
    ]
    return forms


def email_forms(email: str) -> list[str]:
    local, domain = email.split("@")
    head, tail = domain.rsplit(".", 1)
    return [
        email,
        email.upper(),
        f"{local}[at]{domain}",
        f"{local}(at){domain}",
        f"{local} at {domain}",
        f"{local} [at] {head} [dot] {tail}",
        f"{local[:4]}\u200b{local[4:]}@{domain}",
        f"{local}@{head}\u00ad.{tail}",
        f"{local}\uff20{domain}",
        f"mailto:{email.title()}",
        f"{local}+sse@{domain}",
        f'"{local}"@{domain}',
        f"{local}%40{domain}",
        f"{local}\\@{domain}",
        f"{local} chez {domain}",
    ]


def address_forms(address: str) -> list[str]:
    return [
        address,
        address.upper(),
        address.replace(", ", ",\n"),
        address.replace(" ", "\u00a0"),
        address.replace(" ", "  "),
        address.replace("Xylo", "Xylo\u200b"),
        address.replace("Xylo", "Xylo\u00ad"),
        address.replace(",", ""),
        # the street without the town, capitals without accents (La Poste's style), the
        # kind of street abbreviated
        address.split(" 59")[0],
        unicodedata.normalize("NFKD", address.upper()).encode("ascii", "ignore").decode(),
        address.replace("quai", "q.").split(" 59")[0],
    ]


FORMS = {
    LANDLINE: number_forms(LANDLINE),
    MOBILE: number_forms(MOBILE),
    EMAIL: email_forms(EMAIL),
    MSSANTE: email_forms(MSSANTE),
    ADDRESS: address_forms(ADDRESS),
}


def groups(forms: list[str]) -> list[list[str]]:
    """Forms packed into texts that a short-text field holds."""
    packed: list[list[str]] = [[]]
    for form in forms:
        if len(" ; ".join([*packed[-1], form])) > MAX_TEXT - 20:
            packed.append([])
        packed[-1].append(form)
    return packed


GROUPS = [group for forms in FORMS.values() for group in groups(forms)]


def text_fields(leaves: list[Leaf]) -> list[Leaf]:
    """Every free-text leaf but the directory's contact fields themselves and the figures'
    file names (a name of a file, not a text)."""
    return [
        leaf
        for leaf in leaves
        if isinstance(leaf.value, str)
        and leaf.value.startswith("Valeur-")
        and not re.match(r"annuaire\[\]\.(telephones|email|mssante|adresse)", leaf.dotted)
        and leaf.dotted != "figures[].fichier"
    ]


def plan_with(group: list[str]) -> tuple[dict[str, Any], int]:
    """The generated plan with the directory's contacts and `group` in every text field."""
    data, leaves = full_plan()
    entry = data["annuaire"][0]
    entry["telephones"] = [{"numero": LANDLINE}, {"numero": MOBILE}]
    entry["email"], entry["mssante"], entry["adresse"] = EMAIL, MSSANTE, ADDRESS
    entry["type"] = "personne"  # a person's address is personal data (an office's is not)
    fields = text_fields(leaves)
    for leaf in fields:
        set_at(data, leaf.path, f"{leaf.value} {' ; '.join(group)}")
    return data, len(fields)


def _write(folder: Path, data: dict[str, Any]) -> None:
    folder.mkdir(parents=True)
    (folder / "plan.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )
    for figure in data["figures"]:
        (folder / figure["fichier"]).write_bytes(png())


def everything(path: Path) -> Iterator[tuple[str, str]]:
    """(where, text) for every readable part of a document, metadata included."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if not name.endswith((".png", ".jpeg", ".jpg")):
                    yield name, html.unescape(archive.read(name).decode("utf-8", "replace"))
    elif path.suffix == ".pdf":
        reader = pypdf.PdfReader(str(path))
        yield "info", " ".join(str(value) for value in (reader.metadata or {}).values())
        xmp = reader.xmp_metadata
        yield "xmp", xmp.stream.get_data().decode("utf-8", "replace") if xmp else ""
        yield "signets", " ".join(outline_titles(reader.outline))
        yield "texte", _pdf_text(path, reader)
    else:
        yield "fichier", html.unescape(path.read_text(encoding="utf-8"))


def _pdf_text(path: Path, reader: pypdf.PdfReader) -> str:
    """The PDF's text as poppler extracts it (what copying from a viewer gives), 15 to 20
    times faster than pypdf on the 127-page plans of these tests; pypdf without poppler."""
    if shutil.which("pdftotext") is not None:
        done = subprocess.run(
            ["pdftotext", "-q", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
        )
        return done.stdout.decode("utf-8", "replace")
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def outline_titles(items: list[Any]) -> Iterator[str]:
    """Titles of the PDF's bookmarks, at every depth."""
    for item in items:
        if isinstance(item, list):
            yield from outline_titles(item)
        else:
            yield str(item.title)


def leaks(text: str) -> list[str]:
    """The contacts whose trace is in `text`, however it is broken or spelt: the digits
    after the leading 0 in the text's digits, the local part (the street's name) in its
    letters."""
    digits = re.sub(r"\D", "", text.translate({ord(d) + 0xFEE0: ord(d) for d in "0123456789"}))
    letters = re.sub(r"[^a-z]", "", text.lower().translate({0xFF20: "@"}))
    found = [number for number in (LANDLINE, MOBILE) if number.replace(" ", "")[1:] in digits]
    found += [
        email for email in (EMAIL, MSSANTE) if re.sub(r"[^a-z]", "", email.split("@")[0]) in letters
    ]
    if "xylophage" in letters:
        found.append(ADDRESS)
    return found


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[int, dict[str, Path]]]:
    """Each group of forms in a plan, rendered once in every format."""
    base = tmp_path_factory.mktemp("rgpd")
    documents = []
    for index, group in enumerate(GROUPS):
        folder = base / f"plan-{index}"
        _write(folder, plan_with(group)[0])
        out = base / f"rendu-{index}" / "plan"
        formats = [arg for fmt in FORMATS for arg in ("-f", fmt)]
        options = ["--brouillon", "-e", "diffusable", "--date", REFERENCE_DATE, "-o", out]
        result = run_cli("render", folder, *formats, *options)
        assert result.exit_code == 0, result.stderr
        documents.append((index, {fmt: out.with_suffix(f".{fmt}") for fmt in FORMATS}))
    return documents


def test_the_forms_cover_the_issue_and_every_text_field() -> None:
    count = plan_with(GROUPS[0])[1]
    assert count > 200  # every text leaf of the schema, not a sample
    assert sum(len(forms) for forms in FORMS.values()) >= 70
    assert all("Valeur" not in form for forms in FORMS.values() for form in forms)


def test_the_leak_detector_sees_every_form(tmp_path: Path) -> None:
    """The check below would see a leak: each form is recognised as its contact, and the
    internal edition (which keeps contacts) is seen to show all of them."""
    for contact, forms in FORMS.items():
        assert all(leaks(form) == [contact] for form in forms), contact
    data = plan_with(GROUPS[0])[0]
    _write(tmp_path / "plan", data)
    plan = build_plan(PlanSource(root=tmp_path / "plan", display="plan", data=data))
    markdown = plan_markdown(
        plan, "interne", True, template_dirs(tmp_path / "plan", None), None, load_figures(plan)
    )
    assert leaks(markdown) == list(FORMS)


def test_no_directory_contact_in_any_part_of_any_format(
    rendered: list[tuple[int, dict[str, Path]]],
) -> None:
    found = [
        f"plan {index}, {fmt} ({where}): {', '.join(contacts)}"
        for index, paths in rendered
        for fmt, path in paths.items()
        for where, text in everything(path)
        if (contacts := leaks(text))
    ]
    assert not found, "\n".join(found)


def test_metadata_and_running_header_are_the_redacted_ones(
    rendered: list[tuple[int, dict[str, Path]]],
) -> None:
    """The title and the CPTS's acronym are there, only their contacts are gone."""
    _, paths = rendered[0]
    with zipfile.ZipFile(paths["docx"]) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
        headers = "".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("word/header")
        )
    title = plan_with(GROUPS[0])[0]["document"]["titre"].split()[0]
    sigle = plan_with(GROUPS[0])[0]["cpts"]["sigle"].split()[0]
    assert title in core and "réservée à l" in core
    assert sigle in headers
    reader = pypdf.PdfReader(str(paths["pdf"]))
    assert title in str((reader.metadata or {}).get("/Title"))
    assert reader.xmp_metadata is not None
    assert title in reader.xmp_metadata.stream.get_data().decode("utf-8")
    page = paths["html"].read_text(encoding="utf-8")
    (html_title,) = re.findall(r"<title>(.*?)</title>", page, re.DOTALL)
    assert title in html_title and "réservée" in html.unescape(html_title)


def test_a_figure_identifier_with_a_mobile_is_no_anchor_of_the_diffusable_edition(
    tmp_path: Path,
) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    source = (plan / "plan.yaml").read_text(encoding="utf-8")
    (plan / "plan.yaml").write_text(
        source.replace("- id: carte-zones", "- id: carte-dr-roux-0639980015"), encoding="utf-8"
    )
    out = tmp_path / "rendu" / "plan"
    result = run_cli("render", plan, "-f", "html", "-f", "md", "-e", "diffusable", "-o", out)
    assert result.exit_code == 0, result.stderr
    page = out.with_suffix(".html").read_text(encoding="utf-8")
    assert 'id="figure-carte-dr-roux-masque"' in page
    for path in (out.with_suffix(".html"), out.with_suffix(".md")):
        assert "639980015" not in path.read_text(encoding="utf-8")


def test_a_figure_file_named_with_a_mobile_is_not_linked_by_its_name(tmp_path: Path) -> None:
    """The Markdown links each image by the plan's own file name: a name that holds a
    contact is embedded instead in the diffusable edition (the internal one keeps the link)."""
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    (plan / "figures" / "carte-zones.png").rename(plan / "figures" / "dr-roux-0639980015.png")
    source = (plan / "plan.yaml").read_text(encoding="utf-8")
    (plan / "plan.yaml").write_text(
        source.replace("figures/carte-zones.png", "figures/dr-roux-0639980015.png"),
        encoding="utf-8",
    )
    for edition in ("diffusable", "interne"):
        out = tmp_path / edition / "plan.md"
        result = run_cli("render", plan, "-f", "md", "-e", edition, "-o", out)
        assert result.exit_code == 0, result.stderr
        text = out.read_text(encoding="utf-8")
        assert ("0639980015" in text) == (edition == "interne"), edition
        assert ("](data:image/png;base64," in text) == (edition == "diffusable"), edition


def plan_with_template_words(tmp_path: Path, words: str) -> Path:
    """A copy of the complete example whose custom templates (the cover page and the fiches
    annex) end with `words`, the CPTS's own text, which the redaction of the data never sees."""
    import cptsplan.templates

    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    (plan / "templates").mkdir()
    for name in ("couverture.md.j2", "annexe-fiches.md.j2"):
        text = (Path(cptsplan.templates.__file__).parent / name).read_text(encoding="utf-8")
        (plan / "templates" / name).write_text(f"{text}\n\n{words}\n", encoding="utf-8")
    return plan


def test_a_mobile_written_by_a_custom_template_or_split_across_two_fields_is_hidden(
    tmp_path: Path,
) -> None:
    """The redaction works on the plan's data: a custom template's own text, or a first and
    last name that print a mobile side by side (« 06 39 » and « 98 77 84 »), were printed."""
    plan = plan_with_template_words(tmp_path, "Coordinatrice joignable au 06 39 98 77 83.")
    directory = (plan / "annuaire.yaml").read_text(encoding="utf-8")
    directory = directory.replace(
        "nom: Vermeersch\n    prenom: Julien", 'nom: "98 77 84"\n    prenom: "06 39"'
    )
    (plan / "annuaire.yaml").write_text(directory, encoding="utf-8")
    for annex in ([], ["--annexe", "fiches"]):
        out = tmp_path / f"rendu{len(annex)}" / "plan.md"
        result = run_cli("render", plan, "-f", "md", "-e", "diffusable", *annex, "-o", out)
        assert result.exit_code == 0, result.stderr
        digits = re.sub(r"\D", "", out.read_text(encoding="utf-8"))
        assert "639987783" not in digits and "639987784" not in digits, annex
        assert "réservée à l" in out.read_text(encoding="utf-8")
