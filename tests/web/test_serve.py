"""`kroniek serve`: documented, bound to loopback unless told otherwise, answering only its own Host."""
from __future__ import annotations

import re

from typer.testing import CliRunner

from kroniek.cli import app

from ..conftest import ROOT

runner = CliRunner()


def test_serve_has_help_and_is_in_the_readme():
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "--port" in result.output and "--host" in result.output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"kroniek serve\b", readme)


def test_serve_binds_loopback_by_default(web_db, monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    result = runner.invoke(app, ["serve", "--db", web_db, "--port", "8765"])
    assert result.exit_code == 0, result.output
    served, kw = calls[0]
    assert kw["host"] == "127.0.0.1" and kw["port"] == 8765 and "127.0.0.1:8765" in result.output
    from starlette.testclient import TestClient

    with TestClient(served, base_url="http://127.0.0.1:8765") as c:
        assert c.get("/").status_code == 200
        assert c.get("/", headers={"host": "rebound.example"}).status_code == 400

    result = runner.invoke(app, ["serve", "--db", web_db, "--host", "0.0.0.0"])
    assert result.exit_code == 0 and "warning" in result.output and calls[1][1]["host"] == "0.0.0.0"


def test_serve_refuses_a_missing_knowledge_base(tmp_path):
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "E011" in result.output
