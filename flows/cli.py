"""`sagsscreening` command line (SPEC §4). Prefect is imported only after its settings are in place."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from flows import prefect_env
from pipeline.settings import RunSettings, default_state_dir

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Screening af børne- og familiesager: indsatser, anbringelse og opfølgning på effekt.")

DEFAULT_STATE = default_state_dir()
StateOpt = Annotated[Path, typer.Option("--state", help="Beskyttet mappe til tilstandsdatabase, nøgle og Prefect-data.")]


def _settings(state: Path, **kw) -> RunSettings:
    return RunSettings(state_dir=state.resolve(), **{k: v for k, v in kw.items() if v is not None})


def _fail(message: str) -> None:
    typer.secho(f"Fejl: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=2)


def run_screening(archive: Path, out: Path, settings: RunSettings) -> dict:
    """Run the flow in this process and wait until Prefect has recorded its task runs."""
    prefect_env.apply(settings.state_dir)
    from flows import log_privacy
    from flows.recorder import wait_until_recorded
    from flows.screening_flow import screening_flow, task_runner
    from pipeline.scrub_errors import safe_error

    log_privacy.install()

    if not archive.is_dir():
        _fail(f"arkivet findes ikke eller er ikke en mappe: {archive}")
    configured = screening_flow.with_options(task_runner=task_runner(settings))
    try:
        state = configured(str(archive.resolve()), str(out.resolve()), settings.model_dump(mode="json"),
                           return_state=True)
        summary = state.result()
    except Exception as exc:  # one line, no document text
        _fail(safe_error(exc))
    wait_until_recorded(state.state_details.flow_run_id, summary.get("n_tasks", 0))
    return summary


def _current_tables(archive: Path, out: Path, settings: RunSettings) -> dict | None:
    from flows.unchanged import reuse_current_tables
    from pipeline.runlock import RunLockedError

    try:
        summary = reuse_current_tables(archive.resolve(), out.resolve(), settings)
    except RunLockedError as exc:
        _fail(str(exc))
    if summary is not None:
        typer.echo(f"Intet nyt eller ændret i arkivet siden kørsel {summary['tables_from_run']}: "
                   "tabellerne i OUT gælder stadig og er ikke skrevet om (Prefect blev ikke startet).")
    return summary


@app.command()
def run(
    archive: Annotated[Path, typer.Argument(help="Arkivmappe: én undermappe (eller .zip) pr. sag.")],
    out: Annotated[Path, typer.Option("--out", help="Mappe til resultattabeller.")],
    state: StateOpt = DEFAULT_STATE,
    batch: Annotated[str | None, typer.Option(help="Navn på leverancen (fx 2026-uge-47).")] = None,
    full: Annotated[bool, typer.Option("--full", help="Læs og screen alt igen.")] = False,
    workers: Annotated[int, typer.Option(help="Antal samtidige læseprocesser.")] = 2,
    runner: Annotated[str, typer.Option(help="threads (standard) eller dask (lokal Dask-klynge med --workers processer).")] = "threads",
    dask_address: Annotated[str | None, typer.Option(help="Eksisterende Dask-scheduler, fx tcp://host:8786.")] = None,
    no_ocr: Annotated[bool, typer.Option("--no-ocr", help="Spring tekstgenkendelse (OCR) over.")] = False,
    timeout: Annotated[float, typer.Option(help="Maks. sekunder pr. dokument.")] = 300.0,
    wait_lock: Annotated[float, typer.Option(help="Sekunder at vente, hvis en anden kørsel er i gang.")] = 0.0,
) -> None:
    """Screen ARCHIVE og skriv cases/findings/documents (CSV+Parquet), screening.xlsx, report.html og run.json."""
    settings = _settings(state, batch=batch, full=full, workers=workers, runner=runner, dask_address=dask_address,
                         ocr=not no_ocr, doc_timeout_s=timeout, lock_wait_s=wait_lock)
    summary = _current_tables(archive, out, settings) or run_screening(archive, out, settings)
    c = summary["counts"]
    typer.echo(f"Færdig: {c['cases']} sager, {c['documents']} dokumenter "
               f"({c['failed']} fejlede, {c['skipped']} sprunget over), {c['flagged']} markerede sager.")
    typer.echo(f"Tabeller i {out}: cases.csv, findings.csv, documents.csv (+ .parquet), screening.xlsx, "
               f"report.html, run.json")


@app.command()
def evaluate(
    archive: Annotated[Path, typer.Argument(help="Arkivet med de mærkede sager (fx samples/archive).")],
    gold: Annotated[Path, typer.Option("--gold", help="CSV med guldstandard (SPEC-id'er).")],
    split: Annotated[str | None, typer.Option(help="Kun denne del af guldstandarden, fx heldout.")] = "heldout",
    out: Annotated[Path | None, typer.Option("--out", help="Mappe til kørslen (standard: midlertidig).")] = None,
    results: Annotated[Path | None, typer.Option("--results", help="Brug en eksisterende cases.csv i stedet for at køre.")] = None,
    state: StateOpt = DEFAULT_STATE,
    as_json: Annotated[bool, typer.Option("--json", help="Skriv tallene som JSON.")] = False,
) -> None:
    """Mål nøjagtighed pr. kriterium mod guldstandarden (accuracy, precision, recall, F1, forvekslingsmatrix)."""
    import tempfile

    from pipeline.evaluate import format_report, load_labels, score, scores_as_dict

    if results is None:
        out = out or Path(tempfile.mkdtemp(prefix="sagsscreening-eval-"))
        run_screening(archive, out, _settings(state))
        results = out / "cases.csv"
    scores = score(load_labels(gold), load_labels(results), split=None if split in (None, "", "alle") else split)
    if as_json:
        typer.echo(json.dumps(scores_as_dict(scores), indent=2))
    else:
        typer.echo(format_report(scores, split=split))


@app.command()
def serve(
    archive: Annotated[Path, typer.Argument(help="Arkivmappe, der screenes efter planen.")],
    out: Annotated[Path, typer.Option("--out", help="Mappe til resultattabeller.")],
    cron: Annotated[str, typer.Option(help="Hvornår (cron, Europe/Copenhagen).")] = "0 2 * * *",
    name: Annotated[str, typer.Option(help="Navn på Prefect-deployment.")] = "natlig",
    state: StateOpt = DEFAULT_STATE,
    workers: Annotated[int, typer.Option(help="Antal samtidige læseprocesser.")] = 2,
) -> None:
    """Kør screeningen efter en tidsplan (Prefect deployment, serveret fra denne proces)."""
    import os

    settings = _settings(state, workers=workers)
    prefect_env.apply(settings.state_dir)
    if not os.environ.get("PREFECT_API_URL"):
        _fail("planlægning kræver en Prefect-server: start 'sagsscreening server' og sæt "
              "PREFECT_API_URL=http://127.0.0.1:4200/api (se README)")
    from prefect import serve as prefect_serve

    from flows.deployment import build_deployment

    deployment = build_deployment(archive.resolve(), out.resolve(), settings, cron=cron, name=name)
    typer.echo(f"Planlagt '{name}' ({cron}, Europe/Copenhagen). Stop med Ctrl+C.")
    prefect_serve(deployment, limit=1)


def server_command(host: str, port: int) -> list[str]:
    """`prefect server start` from this installation; the environment must already hold `prefect_env`'s
    settings, which the server reads at its start."""
    return [sys.executable, "-m", "prefect", "server", "start", "--host", host, "--port", str(port)]


@app.command()
def server(
    host: Annotated[str, typer.Option(help="Adresse, serveren lytter på.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 4200,
    state: StateOpt = DEFAULT_STATE,
) -> None:
    """Start en Prefect-server til planlagte kørsler, med de indstillinger screeningen er målt med: opgavekørsler
    gemmes i portioner, ingen analytics, ingen loglinjer i Prefects database, og databasen i tilstandsmappen."""
    import os

    state.mkdir(parents=True, exist_ok=True, mode=0o700)
    home = state.resolve() / "prefect-server"     # its own database: not the one of runs without a server
    home.mkdir(exist_ok=True, mode=0o700)
    os.environ.setdefault("PREFECT_HOME", str(home))
    prefect_env.apply()
    typer.echo(f"Prefect-server på http://{host}:{port}/api – sæt PREFECT_API_URL til den adresse i de kørsler, "
               "der skal bruge den.")
    command = server_command(host, port)
    os.execv(command[0], command)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
