"""Fixtures of the web tests: the desk's knowledge base in a store, a TestClient over the app, and the
app served by uvicorn on a free loopback port in a thread (for the socket and browser tests)."""
from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager

import pytest

from ..export.sample import stored
from .desk import desk_kb


@pytest.fixture
def web_db(tmp_path):
    return stored(desk_kb(), tmp_path / "desk.db")


@pytest.fixture
def app(web_db):
    from kroniek.store import Store
    from kroniek.web import create_app

    return create_app(Store(web_db, create=False))


@pytest.fixture
def client(app):
    from starlette.testclient import TestClient

    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def live_server(app):
    """The app behind a real uvicorn server on 127.0.0.1; yields its base URL."""
    with serving(app) as url:
        yield url


@contextmanager
def serving(app):
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
