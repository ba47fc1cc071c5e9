"""Synthetic sample archive, gold labels and the generator that makes them."""
