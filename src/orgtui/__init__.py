"""orgtui: design an e-commerce organisation and see which responsibilities nobody owns."""

__version__ = "0.1.0"
