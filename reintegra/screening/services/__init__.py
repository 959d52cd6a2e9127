"""State changes of screening data. Keyword-only, typed, atomic; each writes an access-log entry."""
