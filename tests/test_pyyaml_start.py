"""PyYAML imported without compiling its slowest pattern (load/pyyaml_start.py): the quick
pattern matches exactly the characters PyYAML's refuses, and it is the one PyYAML's reader
gets when cptsplan is imported first."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from cptsplan.load.pyyaml_start import PYYAML_PRINTABLE, SAME_CHARACTERS


def test_the_quick_pattern_refuses_exactly_what_pyyaml_refuses() -> None:
    every_character = "".join(map(chr, range(0x110000)))
    # re.UNICODE is already the meaning of a text pattern: the flag only keeps this compile
    # out of the cache entry that prepare() fills, so PyYAML's own pattern is built here.
    pyyaml = re.compile(PYYAML_PRINTABLE, re.UNICODE)
    assert pyyaml.pattern == PYYAML_PRINTABLE
    refused = pyyaml.findall(every_character)
    assert re.compile(SAME_CHARACTERS).findall(every_character) == refused
    assert len(refused) == 61 + 2048 + 2  # controls, surrogates, U+FFFE and U+FFFF


def test_pyyaml_gets_the_quick_pattern_when_cptsplan_comes_first() -> None:
    probe = (
        "import cptsplan, yaml.reader;"
        "print(yaml.reader.Reader.NON_PRINTABLE.pattern == cptsplan.load.pyyaml_start"
        ".SAME_CHARACTERS)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == "True"


@pytest.mark.parametrize("text", ["a: \x07\n", "a: \x9f\n", "a: \ufffe\n", "a: b\x00\n"])
def test_pyyaml_python_reader_still_refuses_special_characters(text: str) -> None:
    with pytest.raises(yaml.reader.ReaderError, match="special characters"):
        yaml.load(text, Loader=yaml.SafeLoader)


def test_pyyaml_python_reader_still_reads_ordinary_text() -> None:
    text = "a: « Préfecture » \u2014 \U0001f6a8 caf\u00e9\u00a0\ufffd\n"
    assert yaml.load(text, Loader=yaml.SafeLoader) == {
        "a": "« Préfecture » \u2014 \U0001f6a8 caf\u00e9\u00a0\ufffd"
    }
