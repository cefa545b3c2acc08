"""The Textual shell around the core: panes render core state, edits flow down."""
