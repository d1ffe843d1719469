"""The diffusable edition and a custom layout file: none of its own words may be a contact.

A CPTS that puts « astreinte : 06 39 98 10 01 » in the footer of its own `plan-sse.typ`, or
the coordinator's address in the header of its `reference.docx`, printed that number on every
page of the edition it publishes: the plan's data is redacted and the Markdown searched
(privacy/finished.py), but a layout file's words reach the PDF, DOCX or HTML after both.
They cannot be masked safely there (Typst code, Word's XML), so the render is refused
(exit 3) with the file and the place to correct; the internal edition is unaffected.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence

from cptsplan.errors import ConfigurationError
from cptsplan.model import Plan
from cptsplan.render import custom
from cptsplan.render.resources import RETRY_HINT, TemplateDirs, TemplateFile

LAYOUTS: dict[str, tuple[str, ...]] = {
    "docx": ("reference.docx",),
    "pdf": ("plan-sse.typ",),
    "html": ("plan-sse.html", "plan-sse.css"),
}
"""The layout files each format prints words of (the Markdown has none)."""

_PRINTED_PARTS = re.compile(r"word/(header|footer)\d*\.xml|docProps/[^/]+\.xml")
"""What pandoc keeps of a reference document besides its styles: headers, footers and the
document's properties (its body is not used, so its words are not searched)."""
_KEPT_PARTS = re.compile(
    r"word/(?:settings|styles|numbering|fontTable|webSettings)\.xml|word/theme/[^/]+\.xml"
)
"""The other parts pandoc copies from a reference document into every DOCX it writes: their
names and values (a style « Titre 06 39 98 10 52 » in Word's style gallery, a document
variable, a list's numbering text) are in the diffusable document too."""
_VALUE = re.compile(r"""=\s*"([^"]*)"|=\s*'([^']*)'|>([^<]+)<""")
_PLACES = {"header": "en-tête", "footer": "pied de page"}
_RUN_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|<w:(?:tab|br|cr)\b[^>]*>")
_ELEMENT_TEXT = re.compile(r">([^<]+)<")


def check_layouts(dirs: TemplateDirs, formats: Iterable[str], plan: Plan) -> None:
    """Raises ConfigurationError when a custom layout file of one of `formats` holds a
    mobile number or a contact of the directory. `plan` is the diffusable edition's (its
    `finder` knows the directory's contacts; redact.RedactedPlan)."""
    if not dirs.custom:
        return
    finder = getattr(plan, "finder", None)
    from cptsplan.privacy.finished import contact_spans  # the diffusable edition only

    for fmt in dict.fromkeys(formats):
        for name in LAYOUTS.get(fmt, ()):
            file = dirs.get(name)
            if not file.custom:
                continue
            for place, text in _printed_texts(file):
                found = contact_spans(text, finder)
                if found:
                    line = text.count("\n", 0, found[0][0]) + 1
                    raise _refused(file, place or f"ligne {line}")


def _printed_texts(file: TemplateFile) -> Iterator[tuple[str, str]]:
    """(place, text) of what the file prints; place "" for a text file (a line is named)."""
    if not file.name.endswith(".docx"):
        yield "", file.text()
        return
    custom.check_reference_docx(file)  # a readable archive of bounded size, or exit 3
    with zipfile.ZipFile(io.BytesIO(file.data)) as archive:
        for member in archive.namelist():
            kind = _PRINTED_PARTS.fullmatch(member)
            if kind is None:
                if _KEPT_PARTS.fullmatch(member):
                    xml = archive.read(member).decode("utf-8", errors="replace")
                    yield from (("styles et réglages du document", v) for v in _values(xml))
                continue
            xml = archive.read(member).decode("utf-8", errors="replace")
            place = _PLACES.get(kind.group(1) or "", "propriétés du document")
            # One text per paragraph or property: joined, the counts of app.xml (pages,
            # words, lines...) would read as the pairs of a number.
            texts = _paragraphs(xml) if member.startswith("word/") else _properties(xml)
            yield from ((place, text) for text in texts)


def _paragraphs(xml: str) -> Sequence[str]:
    """The text of each paragraph of a header or footer, its runs joined: Word splits
    « 06 39 » and « 98 10 01 » into two runs as soon as one was typed apart."""
    texts = []
    for chunk in xml.split("</w:p>"):
        runs = [m.group(1) if m.group(1) is not None else " " for m in _RUN_TEXT.finditer(chunk)]
        text = html.unescape("".join(runs)).strip()
        if text:
            texts.append(text)
    return texts


def _properties(xml: str) -> Sequence[str]:
    """The value of each document property (author, company, comments...)."""
    values = (html.unescape(m.group(1)).strip() for m in _ELEMENT_TEXT.finditer(xml))
    return [value for value in values if value]


def _values(xml: str) -> Iterator[str]:
    """Each attribute value and text of a part that may hold a contact (an @, or six digits):
    one by one, as the counts and sizes around them (« 240 », « 24 ») are no number's
    parts; searching them all would cost a search per attribute of styles.xml."""
    for match in _VALUE.finditer(xml):
        value = html.unescape(next(group for group in match.groups() if group is not None))
        if "@" in value or sum(character.isdigit() for character in value) >= _MIN_DIGITS:
            yield value


_MIN_DIGITS = 6


def _refused(file: TemplateFile, place: str) -> ConfigurationError:
    # The contact itself is not printed: this message may go to a CI log.
    return ConfigurationError(
        f"le gabarit {file.path} ({place}) contient un numéro de portable ou une coordonnée "
        "de l'annuaire : l'édition diffusable n'en contient aucune",
        "retirez-la du gabarit, ou produisez l'édition interne (--edition interne) ; " + RETRY_HINT,
    )
