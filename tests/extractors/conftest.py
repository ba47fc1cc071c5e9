from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "formats"
GOLDEN = ROOT / "tests" / "golden"

# The sample builders live next to the samples they build.
sys.path.insert(0, str(SAMPLES))
