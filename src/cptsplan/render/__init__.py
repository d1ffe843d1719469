"""Rendering a plan into the documents a CPTS sends: DOCX, PDF, HTML and Markdown.

Only this package imports jinja2; only `cptsplan.files.pandoc` runs pandoc and Typst. Both are
imported when a document is rendered, not when cptsplan starts.
"""

from __future__ import annotations

from cptsplan.render.document import (
    FORMATS,
    Rendered,
    RenderOptions,
    render,
    render_plan,
    template_notices,
)

__all__ = ["FORMATS", "RenderOptions", "Rendered", "render", "render_plan", "template_notices"]
