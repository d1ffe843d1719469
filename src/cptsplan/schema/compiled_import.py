"""Importing jsonschema-rs without the part of the standard library it does not need.

At import, jsonschema-rs (its pyo3-built metadata, `jsonschema_rs.__build__["info-time"]`)
reads its own build date with `email.utils.parsedate_to_datetime`, and `email.utils` brings
socket, selectors, random, urllib.parse, calendar, locale and the e-mail encoders: about 30
million instructions, 5 % of a whole `validate` (issue 20), for one date in a fixed RFC 2822
shape (« Thu, 12 Nov 2026 07:50:16 +0000 »).

While jsonschema-rs is imported, and only if nothing has imported `email.utils` yet, that
name stands for a module whose `parsedate_to_datetime` reads exactly that shape and hands
anything else to the real function (imported then). The stand-in leaves `sys.modules` as
soon as the import is over, so a later `import email.utils` gets the real module; the
function jsonschema-rs keeps gives the standard library's answer for every input
(tests/test_compiled_import.py compares them).
"""

from __future__ import annotations

import datetime
import importlib
import re
import sys
import types

_STANDIN_NAME = "email.utils"
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_BUILD_DATE = re.compile(
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) "
    r"(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})"
)


def parsedate_to_datetime(data: str) -> datetime.datetime:
    """`email.utils.parsedate_to_datetime`: the build-date shape read here, the rest by the
    standard library."""
    match = _BUILD_DATE.fullmatch(data) if isinstance(data, str) else None
    month = match.group(2).lower() if match else ""
    if match is None or month not in _MONTHS:
        import email.utils

        return email.utils.parsedate_to_datetime(data)
    day, year, hour, minute, second = (int(match.group(i)) for i in (1, 3, 4, 5, 6))
    sign = -1 if match.group(7) == "-" else 1
    offset = sign * (int(match.group(8)) * 3600 + int(match.group(9)) * 60)
    if offset == 0 and match.group(7) == "-":
        # RFC 2822: « -0000 » means no known zone, and the standard library gives a naive
        # datetime for it.
        return datetime.datetime(year, _MONTHS.index(month) + 1, day, hour, minute, second)
    zone = datetime.timezone(datetime.timedelta(seconds=offset))
    return datetime.datetime(year, _MONTHS.index(month) + 1, day, hour, minute, second, tzinfo=zone)


def load_jsonschema_rs() -> None:
    """Import `jsonschema_rs` (ImportError when it is not installed), with the stand-in above
    when `email.utils` is not loaded yet (module doc); `import jsonschema_rs` then finds it."""
    if "jsonschema_rs" in sys.modules or _STANDIN_NAME in sys.modules:
        importlib.import_module("jsonschema_rs")
        return
    standin = types.ModuleType(_STANDIN_NAME)
    standin.parsedate_to_datetime = parsedate_to_datetime  # type: ignore[attr-defined]
    # Not under the global import lock: a thread importing, say, `decimal` at that moment
    # would wait for it while holding what this import needs (a deadlock). The plan is
    # checked in the main thread, before any render or import thread starts.
    try:
        sys.modules[_STANDIN_NAME] = standin
        importlib.import_module("jsonschema_rs")
    finally:
        if sys.modules.get(_STANDIN_NAME) is standin:
            del sys.modules[_STANDIN_NAME]
