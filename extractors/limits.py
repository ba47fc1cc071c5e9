"""Configurable limits that keep one pathological file from exhausting a run."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 200 * 1024 * 1024          # a file above this is skipped with E_TOO_LARGE
    max_pages: int = 500                        # pages beyond this are not read (status partial)
    ocr_dpi: int = 300
    zip_max_members: int = 2000
    zip_max_total_bytes: int = 1024 * 1024 * 1024
    zip_max_ratio: float = 200.0                # uncompressed/compressed per member (zip-bomb guard)
    soffice_timeout_s: float = 120.0
