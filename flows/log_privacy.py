"""Scrub personal data from every log line this process emits, Prefect's loggers included."""
from __future__ import annotations

import logging

from pipeline.pseudonymize import PseudonymizingLogFilter


def install() -> None:
    flt = PseudonymizingLogFilter()
    loggers = [logging.getLogger()] + [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    seen: set[int] = set()
    for logger in loggers:
        for handler in getattr(logger, "handlers", []):
            if id(handler) not in seen:
                seen.add(id(handler))
                handler.addFilter(flt)
