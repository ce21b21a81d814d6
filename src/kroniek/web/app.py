"""Web app: the analyst's desk over one knowledge base, as a Starlette application.

Pages (search, actor dossier, event, document, timeline, map, relation graph, conflicts, the audit of
corrections) rendered on the server with Jinja2 (autoescape on: no article text is ever marked safe).
Corrections (merge, keep apart, split a mention off, reject a fact, choose the report an event's value
follows, undo) are form POSTs with a CSRF token
(`forms.py`), run in a worker thread and answered with a redirect to the page that survives them. Every response carries a strict
Content-Security-Policy (nothing but this origin; no inline script or style), `nosniff`, no referrer
and no framing; the Host header must name the address the app serves (no DNS rebinding); static
files come from the package folder through Starlette's `StaticFiles`, which refuses paths outside it.
Nothing here opens a connection: every asset ships in `web/static/`.
"""
from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import urlencode

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from . import corrections, forms, queries
from .graph import graph_page
from .queries import (
    Desk,
    figure,
    href_actor,
    href_doc,
    href_event,
    num,
    precision,
    words,
)
from .worldmap import map_page

HERE = Path(__file__).parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY"),
           (b"cross-origin-opener-policy", b"same-origin"), (b"cross-origin-resource-policy", b"same-origin")]
LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
MAX_QUERY = 200  # characters of a search or filter value that are read
DONE = {"merged": "Merged. The two actors are one from now on, through every rebuild; the audit list can undo it.",
        "apart": "Kept apart. The resolver will never join these two again; the audit list can undo it.",
        "split": "Split off. That mention is an actor of its own now; the audit list can undo it.",
        "rejected": "Rejected. The fact is left out from now on, through every rebuild; the audit list can undo it.",
        "chosen": "Chosen. The event shows this report's value from now on, through every rebuild; the audit list can undo it.",
        "undone": "Taken back, and the knowledge base resolved again as if it had never been made."}


class SecurityHeaders:
    """ASGI middleware that adds `HEADERS` to every HTTP response, errors and static files included."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message = {**message, "headers": [*message.get("headers", []),
                                                  *((k, v) for k, v in HEADERS if k not in names)]}
            await send(message)
        await self.app(scope, receive, sending)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(num=num, href_actor=href_actor, href_event=href_event, href_doc=href_doc, figure=figure,
                       precision=precision, words=words)
    return env


_WRITING = threading.Lock()  # one correction at a time in this process (the store locks across processes)


def _serialised(work, *args):
    with _WRITING:
        return work(*args)


def _undo(store, key: str, by: str, why: str) -> str:  # taking back needs no name or reason
    corrections.undo(store, key)
    return ""


def _reject(store, kind: str, doc: str, start: str, end: str, back: str, by: str, why: str) -> str:
    return corrections.reject_fact(store, kind, doc, start, end, by, why, back)


def create_app(store, allowed_hosts: list[str] | None = None) -> Starlette:
    """The desk over `store` (a `kroniek.store.Store`). `allowed_hosts`: the Host header values to
    answer (default: this machine's loopback names); ["*"] answers any."""
    desk = Desk(store)
    env = _environment()
    # names as the page being written knows them: the view each request loaded (macros see globals only)
    env.globals.update(name=lambda ref: desk.loaded().name(ref), doc_title=lambda ref: desk.loaded().doc_title(ref))
    templates = Jinja2Templates(env=env)

    def page(request: Request, name: str, context: dict, status: int = 200) -> Response:
        token = forms.token_of(request)
        fresh = token is None
        token = token or forms.new_token()
        response = templates.TemplateResponse(request, name, {
            **context, "path": request.url.path, "csrf": token, "by": request.cookies.get(forms.BY_COOKIE, "")[:80],
            "done": DONE.get(request.query_params.get("done", ""), "")}, status_code=status)
        if fresh:
            forms.set_token(response, token)
        return response

    async def correct(request: Request, work, args) -> tuple[str, dict[str, str]]:
        """Run one correction (`work(store, *args, by, why)`) on a worker thread, one at a time."""
        fields = await forms.posted(request)
        by = fields.get("by", "")
        try:
            result = await run_in_threadpool(_serialised, work, desk.store, *args(fields), by, fields.get("why", ""))
        except corrections.Refused as err:
            raise HTTPException(err.status, str(err)) from None
        except KeyError as err:  # pipeline.judge: an id that a rebuild took away meanwhile
            raise HTTPException(409, f"The knowledge base changed meanwhile ({err.args[0]}): open the page again.") from None
        finally:
            desk.forget()
        return result, fields

    def done(url: str, fields: dict[str, str]) -> Response:
        response = RedirectResponse(url, status_code=303)
        forms.remember_by(response, " ".join(fields.get("by", "").split()))
        return response

    def arg(request: Request, key: str) -> str:
        return request.query_params.get(key, "")[:MAX_QUERY]

    def rows(request: Request, cut: int) -> int | None:
        """How many rows of a long list a page shows: `cut`, or every one with `?all=1`."""
        return None if request.query_params.get("all") == "1" else cut

    async def search(request: Request) -> Response:
        return page(request, "search.html", queries.search_page(desk.view(), arg(request, "q")))

    def found_page(request: Request, template: str, found: dict | None, missing: str) -> Response:
        """The page of what the path names, or 404 where nothing has that id."""
        if found is None:
            raise HTTPException(404, missing)
        return page(request, template, found)

    async def actor(request: Request) -> Response:
        return found_page(request, "actor.html",
                          queries.dossier(desk.view(), request.path_params["ref"], limit=rows(request, queries.DOSSIER_ROWS)),
                          "No actor with this id.")

    async def event(request: Request) -> Response:
        return found_page(request, "event.html", queries.event_page(desk.view(), request.path_params["ref"]),
                          "No event with this id.")

    async def document(request: Request) -> Response:
        return found_page(request, "document.html", queries.document_page(desk.view(), request.path_params["ref"]),
                          "No document with this id.")

    async def timeline(request: Request) -> Response:
        return page(request, "timeline.html", queries.timeline(
            desk.view(), actor=arg(request, "actor"), place=arg(request, "place"), kind=arg(request, "type"),
            start=arg(request, "from"), end=arg(request, "to"),
            limit=rows(request, queries.TIMELINE_ROWS)))

    async def merge_form(request: Request) -> Response:
        return found_page(request, "merge.html", corrections.merge_page(desk.view(), request.path_params["ref"],
                                                                        arg(request, "q")), "No actor with this id.")

    async def merge(request: Request) -> Response:
        ref = request.path_params["ref"]
        home, fields = await correct(request, corrections.judge_pair,
                                     lambda f: (ref, f.get("other", ""), f.get("action", "")))
        return done(href_actor(home) + "?done=" + ("merged" if fields.get("action") == "merge" else "apart"), fields)

    async def split_form(request: Request) -> Response:
        return found_page(request, "split.html", corrections.split_page(desk.view(), request.path_params["ref"],
                                                                        arg(request, "mention")), "No actor with this id.")

    async def split(request: Request) -> Response:
        ref = request.path_params["ref"]
        home, fields = await correct(request, corrections.split, lambda f: (ref, f.get("mention", "")))
        return done(href_actor(home) + "?done=split", fields)

    def fact(f: dict[str, str]) -> tuple[str, str, str]:
        return f.get("doc", ""), f.get("start", ""), f.get("end", "")

    async def reject_report(request: Request) -> Response:
        back, fields = await correct(request, _reject, lambda f: ("report", *fact(f), ""))
        return done(back + "?done=rejected", fields)

    async def choose(request: Request) -> Response:
        back, fields = await correct(request, corrections.choose_report, lambda f: (f.get("field", ""), *fact(f)))
        return done(back + "?done=chosen", fields)

    async def reject(request: Request) -> Response:  # a claim, relation or quote, from the page in `back`
        def named(f: dict[str, str]) -> tuple[str, ...]:  # the document page names a fact as "KIND START END"
            kind, start, end = (f["fact"].split() + ["", "", ""])[:3] if "fact" in f else (f.get("kind", ""), f.get("start", ""),
                                                                                          f.get("end", ""))
            return kind, f.get("doc", ""), start, end, f.get("back", "")
        back, fields = await correct(request, _reject, named)
        return done(back + "?done=rejected", fields)

    async def audit(request: Request) -> Response:
        return page(request, "judgements.html", corrections.audit_page(desk.store, desk.view()))

    async def undo(request: Request) -> Response:
        await correct(request, _undo, lambda f: (f.get("key", ""),))
        return RedirectResponse("/judgements?done=undone", status_code=303)

    async def world(request: Request) -> Response:
        kept = [(k, v[:MAX_QUERY]) for k, v in request.query_params.multi_items() if k in ("actor", "place", "type", "from", "to")]
        return page(request, "map.html", {**map_page(
            desk.view(), actor=arg(request, "actor"), place=arg(request, "place"), kind=arg(request, "type"),
            start=arg(request, "from"), end=arg(request, "to"), world=arg(request, "world") == "1"),
            "fit_href": "/map" + ("?" + urlencode(kept) if kept else ""), "world_href": "/map?" + urlencode([*kept, ("world", "1")])})

    async def graph(request: Request) -> Response:
        return page(request, "graph.html", graph_page(desk.view(), [p[:MAX_QUERY] for p in
                                                                     request.query_params.getlist("p")[:40]]))

    async def conflicts(request: Request) -> Response:
        return page(request, "conflicts.html", queries.conflicts_page(desk.view()))

    async def error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/static/"):
            return Response(status_code=exc.status_code)
        back = request.url.path if request.method == "POST" and request.url.path != "/judgements/undo" else None
        if back and back.endswith(("/reject", "/choose")):  # back to the page the form was on, not the POST's URL
            back = back.rsplit("/", 1)[0] or None
        return page(request, "error.html", {"status": exc.status_code, "detail": exc.detail, "back": back},
                    exc.status_code)

    routes = [
        Route("/", search, name="search"),
        Route("/search", search),
        Route("/actor/{ref}", actor, name="actor"),
        Route("/event/{ref}", event, name="event"),
        Route("/document/{ref:path}", document, name="document"),
        Route("/timeline", timeline, name="timeline"),
        Route("/conflicts", conflicts, name="conflicts"),
        Route("/map", world, name="map"),
        Route("/graph", graph, name="graph"),
        Route("/actor/{ref}/merge", merge_form, name="merge_form"),
        Route("/actor/{ref}/merge", merge, methods=["POST"], name="merge"),
        Route("/actor/{ref}/split", split_form, name="split_form"),
        Route("/actor/{ref}/split", split, methods=["POST"], name="split"),
        Route("/event/{ref}/reject", reject_report, methods=["POST"], name="reject_report"),
        Route("/event/{ref}/choose", choose, methods=["POST"], name="choose"),
        Route("/reject", reject, methods=["POST"], name="reject"),
        Route("/judgements", audit, name="judgements"),
        Route("/judgements/undo", undo, methods=["POST"], name="undo"),
        Mount("/static", app=StaticFiles(directory=HERE / "static", follow_symlink=False), name="static"),
    ]
    middleware = [Middleware(SecurityHeaders),
                  Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOCAL_HOSTS)]
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={HTTPException: error})
    app.state.desk = desk
    return app
