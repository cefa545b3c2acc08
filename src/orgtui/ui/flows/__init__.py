"""The dialog flows around the file: opening, saving, leaving, and what runs meanwhile.

Each flow is a function of a `Host` (host.py: what it needs from the app), asks the core
workspace its questions and only turns the answers into dialogs and messages. None of them
imports the app, so app → flows is the only direction.

- opening.py: the lock dialog and the offer of kept unsaved edits; switching files
- files.py: save, save as, open, reload theirs, "save your changes first?"
- leaving.py: quit, hang-up (SIGHUP/SIGTERM), the last steps on any exit
- background.py: the save writer thread, the recovery keeper, the lock watch
"""
