"""What the schema's `format` and `pattern` keywords accept, the same for `validate` and for
the other tools that read the published schema (ajv with ajv-formats, which editors and CI
tools build on).

- `date`: AAAA-MM-JJ, a day that exists (ajv-formats' "full" check, and Python's calendar).
- `email`: the expression of ajv-formats' "full" mode (ajv-formats 3.0.1, `formats.ts`,
  itself from the HTML specification of `<input type=email>`): ASCII only, no `..`, no dot at
  either end of the name, a domain with at least one dot. No library (email-validator) for
  this: it would accept internationalised names that ajv refuses, and pull in a DNS library.
- `uri`: RFC 3986 (an absolute URI, with its scheme), checked by `rfc3986-validator`, the
  checker jsonschema itself uses; ajv-formats checks the same grammar. That a web address
  starts with http:// or https:// is a rule of the plan format, written as a `pattern`
  beside the format in the schema, so that every tool applies it.

Regular expressions are compared as ECMA 262 (JSON Schema's dialect) reads them: `$` is the
end of the text, where Python's `re` also lets it match before a final line break.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
# ajv-formats' "full" e-mail expression, unchanged (its `/i` flag: IGNORECASE, ASCII only).
_EMAIL_ATOM = r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+"
_DOMAIN_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
EMAIL_PATTERN = re.compile(
    rf"{_EMAIL_ATOM}(?:\.{_EMAIL_ATOM})*@(?:{_DOMAIN_LABEL}\.)+{_DOMAIN_LABEL}",
    re.ASCII | re.IGNORECASE,
)


def is_valid_date(value: object) -> bool:
    if not isinstance(value, str) or not DATE_PATTERN.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_valid_email(value: object) -> bool:
    return isinstance(value, str) and EMAIL_PATTERN.fullmatch(value) is not None


_PCHAR = r"[A-Za-z0-9._~!$&'()*+,;=:@-]"
SIMPLE_URI = re.compile(
    rf"[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9._~!$&'()*+,;=-]*(?::[0-9]*)?(?:/{_PCHAR}*)*"
    rf"(?:\?(?:{_PCHAR}|[/?])*)?(?:#(?:{_PCHAR}|[/?])*)?",
    re.ASCII,
)
"""A part of RFC 3986's grammar: scheme://host[:port]/path?query#fragment, with no user
name, no IP literal and no percent sign. Every text it matches is a valid URI (a test checks
it against rfc3986-validator), and it matches the addresses plans write: the validator, which
compiles large expressions when imported (25 ms), is imported only for the others."""


def is_valid_uri(value: object) -> bool:
    if isinstance(value, str) and SIMPLE_URI.fullmatch(value):
        return True
    from rfc3986_validator import validate_rfc3986

    # The validator's own expression ends with `$`: a final line break would pass.
    return isinstance(value, str) and "\n" not in value and bool(validate_rfc3986(value, "URI"))


@cache
def ecma_pattern(pattern: str) -> re.Pattern[str]:
    """A schema `pattern` compiled so that `$` means the end of the text, as in ECMA 262
    (the patterns of the plan schema put `$` last, never inside a class or escaped)."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)
