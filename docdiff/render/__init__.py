"""Renderers: pure functions from the model to a string, one module per output."""
