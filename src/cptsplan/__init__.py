"""cptsplan: plan SSE des CPTS."""

from cptsplan.load.pyyaml_start import prepare as _prepare_pyyaml

_prepare_pyyaml()  # before anything imports `yaml`: 25 ms of every command (load/pyyaml_start.py)

__version__ = "0.2.0"
"""The one place the version is written (pyproject reads it: `[tool.setuptools.dynamic]`)."""

# The project has no public address yet: machine-readable reports name none (SARIF's
# `informationUri` is optional and left out) and the schemas' `$id` are URNs, identifiers that
# no tool tries to open. A placeholder web address would be fetched by some tools.
