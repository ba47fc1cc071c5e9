"""Deterministic generator of a synthetic Danish child-welfare case archive with gold labels.

Held-out phrasings live in `heldout_phrases.py`: do not read it while tuning rules or models.
"""
from .archive import ALL_FORMATS, GOLD_COLUMNS, generate_archive, write_gold

__all__ = ["ALL_FORMATS", "GOLD_COLUMNS", "generate_archive", "write_gold"]
