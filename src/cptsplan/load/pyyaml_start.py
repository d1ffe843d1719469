"""PyYAML imported without compiling its slowest pattern.

When `yaml` is imported, its `reader` module compiles, in a class body, the pattern of the
characters YAML refuses, written as « anything but » a class spanning the whole of Unicode;
Python's `re` builds a table of 65,536 entries for it: about 58 million instructions, 25 to
30 ms, a ninth of a whole `validate` (issue 20) and more than libyaml takes to read the
complete example. Every command pays it, for a pattern that only PyYAML's Python reader
uses (the careful second reading of a file with a syntax error, load/loader.py).

`re` keeps the patterns it has compiled in a cache keyed by their text and flags, and looks
there first. Before `yaml` is first imported, `prepare` puts under PyYAML's text the same
character class written the other way round (the refused characters themselves: two short
ranges-only classes, 0.3 ms to compile). It matches exactly the same characters
(tests/test_pyyaml_start.py compares both on every code point), so PyYAML's reader refuses
exactly what it refused. Should a later Python keep its cache otherwise, nothing happens:
PyYAML compiles its own pattern, as before.
"""

from __future__ import annotations

import re
import sys

PYYAML_PRINTABLE = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
"""`yaml.reader.Reader.NON_PRINTABLE`'s text, character for character."""

SAME_CHARACTERS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]|[\ud800-\udfff\ufffe\uffff]"
"""The characters that text refuses, listed: C0 controls but tab and line breaks, DEL, C1
controls but NEL, surrogates and the two non-characters U+FFFE and U+FFFF."""


def prepare() -> None:
    """Give `re`'s cache the quick pattern under PyYAML's text (module doc); idempotent."""
    if "yaml.reader" in sys.modules:
        return  # too late, and nothing to gain
    cache = getattr(re, "_cache", None)
    if isinstance(cache, dict):
        cache.setdefault((str, PYYAML_PRINTABLE, 0), re.compile(SAME_CHARACTERS))
