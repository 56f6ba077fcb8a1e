"""Fixtures for the storage tests: every test runs on SQLite and on a throwaway
PostgreSQL server started here (initdb + pg_ctl as the `postgres` user)."""
from __future__ import annotations

import itertools
import os
import pwd
import glob
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
from system_deps import missing

from onrecord.store import open_store

PG_USER = "postgres"


def _pg_bin(name: str) -> str | None:
    """A PostgreSQL program: on PATH, or where Debian's postgresql package puts it."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    return versions[-1] if versions else None


def _pg_missing() -> str | None:
    for binary in ("initdb", "pg_ctl"):
        if _pg_bin(binary) is None:
            return f"PostgreSQL binary {binary!r} is not on PATH (apt-get install postgresql)"
    try:
        pwd.getpwnam(PG_USER)
    except KeyError:
        return f"there is no {PG_USER!r} user to run the PostgreSQL server as (apt-get install postgresql)"
    if os.geteuid() != 0 and pwd.getpwuid(os.geteuid()).pw_name != PG_USER:
        return f"running the test server needs root (runuser -u {PG_USER}) or the {PG_USER!r} user itself"
    return None


def _as_postgres(*args: str) -> list[str]:
    command = [_pg_bin(args[0]) or args[0], *args[1:]]
    if pwd.getpwuid(os.geteuid()).pw_name == PG_USER:
        return command
    return ["runuser", "-u", PG_USER, "--", *command]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """Base URL (no database) of a PostgreSQL server that lives for the session."""
    reason = _pg_missing()
    if reason:
        missing(reason)
    # Not under pytest's tmp dir: that is private to root and the server runs as postgres.
    root = Path(tempfile.mkdtemp(prefix="onrecord-pg-"))
    shutil.chown(root, PG_USER)
    data, log, port = root / "data", root / "server.log", _free_port()
    try:
        subprocess.run(_as_postgres("initdb", "-D", str(data), "-U", PG_USER, "--auth=trust", "-E", "UTF8",
                                    "--locale=C"), check=True, capture_output=True)
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        subprocess.run(_as_postgres("pg_ctl", "-D", str(data), "-o", options, "-l", str(log), "-w", "start"),
                       check=True, capture_output=True)
    except subprocess.CalledProcessError as error:
        server_log = log.read_text() if log.exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"could not start PostgreSQL: {error.stderr.decode()}\n{server_log}")
    try:
        yield f"postgresql://{PG_USER}@127.0.0.1:{port}"
    finally:
        subprocess.run(_as_postgres("pg_ctl", "-D", str(data), "-m", "immediate", "stop"), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


_numbers = itertools.count(1)


def _new_pg_database(base: str) -> str:
    import psycopg

    name = f"onrecord_test_{next(_numbers)}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """A fresh, empty database on each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "corpus.db")
    return _new_pg_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def store(db_url):
    opened = open_store(db_url)
    yield opened
    opened.close()
