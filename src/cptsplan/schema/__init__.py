"""The plan format as a JSON Schema: the schema itself and its published form, the
`A_COMPLETER` placeholders, string formats and the identifiers one part cites in another."""
