"""What must not leak: the diffusable edition's redaction, phone numbers read and printed,
text normalised for matching, and plan text made safe to print in terminals, logs and XML."""
