"""Learned models and their training; the saved status model sits next to this file."""
from pathlib import Path

STATUS_MODEL_PATH = Path(__file__).parent / "status_model.skops"
