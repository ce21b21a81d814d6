"""Web app safety: article text always comes out as text, strict headers on every response, no way
out of the static folder, only the local Host answered, and not one connection beyond loopback."""
from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request

import pytest

from .desk import walk

PAGES = ["/", "/search?q=onerror", "/search?q=window", "/actor/E-shabaab", "/actor/E-abdi", "/event/V-blast",
         "/document/hostile-en", "/timeline", "/conflicts", "/actor/E-none", "/map", "/map?world=1", "/graph",
         "/graph?p=rival_of", "/judgements", "/actor/E-abdi/merge?q=noor", "/actor/E-kismayo/split"]


@pytest.mark.parametrize("path", PAGES)
def test_web_article_markup_is_escaped_everywhere(client, path):
    page = client.get(path).text
    assert "<script" not in page.lower()  # the app ships no script, and the article's is text
    assert "<img" not in page.lower() and "<b>" not in page
    assert ' style="' not in page and "javascript:" not in page.lower()


def test_web_hostile_article_reads_as_written(client):
    page = client.get("/document/hostile-en").text
    assert "&lt;script&gt;window.__xss=1;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&#34;window.__xss=2;alert(2)&#34;&gt;" in page
    assert "&lt;b&gt;We&lt;/b&gt;" in page
    assert "Second blast" in client.get("/search", params={"q": "blast"}).text


@pytest.mark.parametrize("path", ["/", "/document/hostile-en", "/actor/E-none", "/static/style.css", "/static/none.css"])
def test_web_headers_are_strict(client, path):
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "*" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py",
                                  "/static/%2e%2e%2f%2e%2e%2fcli.py", "/static//etc/passwd", "/static/%2fetc%2fpasswd",
                                  "/static/templates/../../app.py"])
def test_web_static_files_stay_in_their_folder(client, path):
    r = client.get(path)
    assert r.status_code == 404 and "create_app" not in r.text and "root:" not in r.text
    assert client.get("/static/style.css").status_code == 200


def test_web_answers_only_its_own_host_and_only_reads(client):
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200
    assert client.post("/search", data={"q": "x"}).status_code == 405
    assert client.post("/actor/E-shabaab").status_code == 405


def test_web_pages_render_with_the_network_blocked(live_server, monkeypatch):
    """Served by uvicorn on loopback, every page renders while any connection elsewhere fails."""
    real = socket.socket.connect
    refused = []

    def connect(self, address):
        host = address[0] if isinstance(address, tuple) else None
        if host is not None and not ipaddress.ip_address(socket.gethostbyname(host) if host == "localhost" else host).is_loopback:
            refused.append(address)
            raise OSError(f"network blocked in this test: {address}")
        return real(self, address)
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", lambda self, address: connect(self, address) or 0)
    with pytest.raises(OSError, match="network blocked"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    refused.clear()

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # straight to loopback, whatever the env says

    def get(url):
        try:
            with opener.open(live_server + url, timeout=10) as r:
                return r.status, r.headers["content-type"], r.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            return err.code, err.headers["content-type"] or "", ""
    pages, _ = walk(get)
    assert len(pages) > 20 and all(status == 200 for status, _ in pages.values()), pages.keys()
    assert get("/static/style.css")[0] == 200
    assert refused == []
