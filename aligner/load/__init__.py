"""Loading: files -> bytes -> text -> one Document per article (formats, outlets, limits)."""
