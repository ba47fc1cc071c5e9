"""The scheduled deployment of the screening flow (used by `sagsscreening serve` and testable offline)."""
from __future__ import annotations

from pathlib import Path

from prefect.client.schemas.schedules import CronSchedule

from flows.screening_flow import screening_flow, task_runner
from pipeline.settings import RunSettings

TIMEZONE = "Europe/Copenhagen"


def build_deployment(archive: Path, out: Path, settings: RunSettings, *, cron: str, name: str):
    flow = screening_flow.with_options(task_runner=task_runner(settings))
    return flow.to_deployment(
        name=name,
        schedule=CronSchedule(cron=cron, timezone=TIMEZONE),
        parameters={"archive": str(archive), "out": str(out), "settings": settings.model_dump(mode="json")},
        concurrency_limit=1,
        description="Natlig screening af sagsarkivet (kun nye/ændrede dokumenter læses).",
    )
