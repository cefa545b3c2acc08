"""The pure core of orgtui: catalog, org model, edits, validator, storage.

Nothing in this package may import Textual (a test enforces it), so every rule the
app shows can be computed, tested and used from the command line without a screen.
"""
