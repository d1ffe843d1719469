"""A folder of plans checked as a reviewer receives them: one report per thing sent (plan
repository, Word or LibreOffice document, refused file, empty folder), in a stable order.

`collect.check_batch` is what `cptsplan validate DOSSIER` (and its `--tableau`) runs; the
Word documents are read in worker processes (`documents.py`).
"""
