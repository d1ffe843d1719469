"""`cptsplan import`: a Word (.docx) or LibreOffice (.odt) plan turned into a plan repository.

The document is checked as a zip first (safety.py), then read by pandoc into a flat list of
blocks (read.py); sections are recognised by their wording (sections.py), the items of each
kind are taken from their tables and lists (contacts, identity, cell, responses), whatever
is left is kept as imported text (placing.py), and the repository is written as `init`
would write it (writer.py), with an import report (report.py).
"""
