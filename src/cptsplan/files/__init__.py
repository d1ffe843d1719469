"""Files and processes outside Python: atomic output files, the child processes we start
and stop, and the document engines (pandoc, Typst)."""
