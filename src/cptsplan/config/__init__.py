"""The repository's `.cptsplan.yaml` read and checked (no path outside the repository, known
rule names) and the regional profiles bundled in `profils/`; the settings they produce are
the rules' own types (`rules/settings.py`)."""
