"""What an id looks like: checked when a file is read and when an edit makes a new id."""

ID_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,79}$"
