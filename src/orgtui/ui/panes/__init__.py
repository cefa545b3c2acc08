"""The app's panes: each renders one view of the workspace and reports what the user does."""
