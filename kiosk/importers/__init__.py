"""Content and directory sources: parse, validate, report line-numbered errors. No Qt."""
