"""jsonschema-rs imported without `email.utils` (schema/compiled_import.py): the same module,
the same build date, and the standard library's answer for every date the stand-in reads."""

from __future__ import annotations

import email.utils
import subprocess
import sys

import pytest

from cptsplan.schema.compiled_import import parsedate_to_datetime

PROBE = """
import sys
{setup}
import jsonschema_rs.jsonschema_rs as compiled
print(repr(compiled.__build__["info-time"]))
print(sorted(name for name in ("email.utils", "socket", "calendar") if name in sys.modules))
import email.utils
print(email.utils.parsedate_to_datetime.__module__, hasattr(email.utils, "format_datetime"))
"""


def _probe(setup: str) -> list[str]:
    completed = subprocess.run(
        [sys.executable, "-c", PROBE.format(setup=setup)],
        capture_output=True,
        text=True,
        check=True,
    )
    return completed.stdout.splitlines()


def test_validate_loads_jsonschema_rs_without_the_mail_modules() -> None:
    plain = _probe("")
    shimmed = _probe(
        "from cptsplan.schema.compiled_import import load_jsonschema_rs; load_jsonschema_rs()"
    )
    # The same build date as the standard library reads it.
    assert shimmed[0] == plain[0]
    assert "datetime.datetime(" in plain[0]
    # Neither email.utils nor what it drags in was loaded by the import...
    assert plain[1] == "['calendar', 'email.utils', 'socket']"
    assert shimmed[1] == "[]"
    # ... and a later `import email.utils` gets the real module, not the stand-in.
    assert shimmed[2] == "email.utils True"


@pytest.mark.parametrize(
    "text",
    [
        "Thu, 12 Nov 2026 07:50:16 +0000",
        "Mon, 02 Mar 2026 23:05:00 +0130",
        "Sun, 1 Jun 2025 00:00:59 -0545",
        "Fri, 31 Dec 1999 12:00:00 -0000",  # no known zone: a naive date
        "Tue, 09 Sep 2025 10:00:00 GMT",  # a form the stand-in leaves to the library
        "9 Sep 2025 10:00 +0200",
    ],
)
def test_the_stand_in_reads_dates_as_the_standard_library(text: str) -> None:
    assert parsedate_to_datetime(text) == email.utils.parsedate_to_datetime(text)
    assert repr(parsedate_to_datetime(text)) == repr(email.utils.parsedate_to_datetime(text))


def test_the_stand_in_refuses_what_the_standard_library_refuses() -> None:
    with pytest.raises(ValueError):
        email.utils.parsedate_to_datetime("pas une date")
    with pytest.raises(ValueError):
        parsedate_to_datetime("pas une date")
