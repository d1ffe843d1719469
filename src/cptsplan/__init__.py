"""cptsplan: plan SSE des CPTS."""

__version__ = "0.2.0"
