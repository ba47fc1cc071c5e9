"""Document extraction: bytes of one archive file -> pages of text with a status."""

# Bump when extracted text or metadata would change; the state store re-extracts on change.
EXTRACTOR_VERSION = "1.1.0"
