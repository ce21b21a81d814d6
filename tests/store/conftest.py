"""A real PostgreSQL server for the store tests: Debian's `postgresql` binaries, a throwaway cluster
in a temporary folder on a free port, started once per session and stopped at its end; each test
gets a database of its own. Skipped only where no PostgreSQL binaries are installed
(`scripts/install.sh` installs them)."""
from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest


def _bindir() -> Path | None:
    """The newest installed PostgreSQL's bin folder, or the one on PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """A cluster of its own: `url(name)` is a fresh database on it."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        # PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.base = Path(tempfile.mkdtemp(prefix="kroniek-pg-"))
        if self.as_user:
            shutil.chown(self.base, "postgres")
        self.data = self.base / "data"
        self.port = _free_port()
        self.user = "kroniek"
        self._names = itertools.count(1)

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, text=True, cwd=self.base)

    def start(self) -> None:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", self.user, "--auth=trust",
                  "--encoding=UTF8", "--no-sync")
        options = (f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        self._run(str(self.bindir / "pg_ctl"), "start", "-w", "-t", "60", "-D", str(self.data),
                  "-l", str(self.base / "server.log"), "-o", options)

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "stop", "-m", "immediate", "-D", str(self.data))
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    def url(self, name: str | None = None) -> str:
        """A new, empty database; sorted by an ICU locale where the server has ICU, so a query that
        forgets kroniek's bytewise collation sorts differently here than in SQLite."""
        import psycopg

        name = name or f"kb{next(self._names)}"
        with psycopg.connect(host="127.0.0.1", port=self.port, user=self.user, dbname="postgres",
                             autocommit=True) as conn:
            try:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE "en-US"')
            except psycopg.Error:
                conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{name}"


@pytest.fixture(scope="session")
def pg_server():
    bindir = _bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL binaries (apt-get install postgresql; scripts/install.sh does)")
    pytest.importorskip("psycopg", reason="the PostgreSQL driver: pip install 'kroniek[postgres]'")
    server = PostgresServer(bindir)
    try:
        server.start()
    except subprocess.CalledProcessError as err:
        server.stop()
        raise RuntimeError(f"PostgreSQL did not start: {err.stderr or err.stdout}") from None
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server) -> str:
    """The URL of a new, empty PostgreSQL database."""
    return pg_server.url()
