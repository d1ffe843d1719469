"""cptsplan: plan SSE des CPTS."""

__version__ = "0.2.0"
"""The one place the version is written (pyproject reads it: `[tool.setuptools.dynamic]`)."""

DOCS_URL = "https://cptsplan.example/docs/"
"""The project's documentation, named in machine-readable reports (SARIF `informationUri`).
The same `cptsplan.example` namespace as the schemas' `$id`."""
