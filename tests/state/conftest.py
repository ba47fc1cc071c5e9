"""A throwaway PostgreSQL server for the state tests, when the machine has one (skipped otherwise)."""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text


def _run_as_server_user(args: list[str]) -> None:
    # PostgreSQL refuses to run as root.
    prefix = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []
    subprocess.run(prefix + args, check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="session")
def postgres_base_url() -> Iterator[str]:
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if not (initdb and pg_ctl and importlib.util.find_spec("psycopg")):
        pytest.skip("PostgreSQL (initdb/pg_ctl) eller psycopg er ikke installeret")
    home = Path(tempfile.mkdtemp(prefix="sags-pg-"))
    if os.geteuid() == 0:
        shutil.chown(home, "nobody")
    home.chmod(0o700)
    data = str(home / "data")
    _run_as_server_user([initdb, "-D", data, "-A", "trust", "-U", "sags", "--no-sync"])
    _run_as_server_user([pg_ctl, "-D", data, "-l", str(home / "log"), "-w", "start",
                         "-o", f"-k {home} -c listen_addresses='' -c fsync=off"])
    try:
        yield f"postgresql+psycopg://sags@/{{db}}?host={home}"
    finally:
        _run_as_server_user([pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"])
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_base_url: str) -> Iterator[str]:
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_base_url.format(db="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield postgres_base_url.format(db=name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
        admin.dispose()
