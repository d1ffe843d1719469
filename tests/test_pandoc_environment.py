"""pandoc started while a Typst compile changes the environment (DOCX and PDF are converted
side by side): its environment is a private copy taken under the lock, never half-changed."""

from __future__ import annotations

import os
import threading

from cptsplan.files import pandoc


def test_pandoc_gets_a_copy_of_the_environment_taken_under_the_lock() -> None:
    with pandoc._offline():
        copy = pandoc._environment()
        assert copy["HTTPS_PROXY"] == "http://127.0.0.1:9"
        copy["CPTSPLAN_ESSAI"] = "x"  # a private copy: the process's own is untouched
    assert "CPTSPLAN_ESSAI" not in os.environ


def test_overlapping_offline_sections_restore_the_environment_once_all_are_done() -> None:
    before = os.environ.get("HTTPS_PROXY")
    inside = threading.Event()
    release = threading.Event()

    def compile_in_a_thread() -> None:
        with pandoc._offline():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=compile_in_a_thread)
    thread.start()
    inside.wait(5)
    with pandoc._offline():
        pass
    # The thread's section is still open: the variables stay as it needs them.
    assert os.environ.get("HTTPS_PROXY") == "http://127.0.0.1:9"
    release.set()
    thread.join(5)
    assert os.environ.get("HTTPS_PROXY") == before


def test_many_pandoc_starts_during_compiles_all_succeed() -> None:
    """Thirty pandoc starts while another thread enters and leaves offline sections: before
    the lock covered the starts, one of them could fail with « Bad address »."""
    stop = threading.Event()

    def churn() -> None:
        while not stop.is_set():
            with pandoc._offline():
                pass

    thread = threading.Thread(target=churn)
    thread.start()
    try:
        for _ in range(30):
            assert pandoc.run_pandoc("*a*", "html", []).strip() == b"<p><em>a</em></p>"
    finally:
        stop.set()
        thread.join(5)
