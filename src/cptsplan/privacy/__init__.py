"""What must not leak: the diffusable edition's redaction, phone numbers read and printed,
text normalised for matching, and plan text made safe to print in terminals, logs and XML."""

REPLACEMENT = "[coordonnée réservée à l'édition interne]"
"""What the diffusable edition prints instead of what it hides (redact.py), here so that a
module which only needs to recognise it (render/retex_words.py) does not load the redaction."""
