"""Web app: the analyst's desk over one knowledge base, as a Starlette application.

Read-only pages (search, actor dossier, event, document, timeline, conflicts) rendered on the server
with Jinja2 (autoescape on: no article text is ever marked safe). Every response carries a strict
Content-Security-Policy (nothing but this origin; no inline script or style), `nosniff`, no referrer
and no framing; the Host header must name the address the app serves (no DNS rebinding); static
files come from the package folder through Starlette's `StaticFiles`, which refuses paths outside it.
Nothing here opens a connection: every asset ships in `web/static/`.
"""
from __future__ import annotations

from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from . import queries
from .queries import Desk, figure, href_actor, href_doc, href_event, num, precision, words

HERE = Path(__file__).parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY"),
           (b"cross-origin-opener-policy", b"same-origin"), (b"cross-origin-resource-policy", b"same-origin")]
LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
MAX_QUERY = 200  # characters of a search or filter value that are read


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


def create_app(store, allowed_hosts: list[str] | None = None) -> Starlette:
    """The desk over `store` (a `kroniek.store.Store`). `allowed_hosts`: the Host header values to
    answer (default: this machine's loopback names); ["*"] answers any."""
    desk = Desk(store)
    env = _environment()
    # names as the page being written knows them: the view each request loaded (macros see globals only)
    env.globals.update(name=lambda ref: desk.loaded().name(ref), doc_title=lambda ref: desk.loaded().doc_title(ref))
    templates = Jinja2Templates(env=env)

    def page(request: Request, name: str, context: dict, status: int = 200) -> Response:
        return templates.TemplateResponse(request, name, {**context, "path": request.url.path}, status_code=status)

    def arg(request: Request, key: str) -> str:
        return request.query_params.get(key, "")[:MAX_QUERY]

    async def search(request: Request) -> Response:
        return page(request, "search.html", queries.search_page(desk.view(), arg(request, "q")))

    async def actor(request: Request) -> Response:
        found = queries.dossier(desk.view(), request.path_params["ref"])
        if found is None:
            raise HTTPException(404, "No actor with this id.")
        return page(request, "actor.html", found)

    async def event(request: Request) -> Response:
        found = queries.event_page(desk.view(), request.path_params["ref"])
        if found is None:
            raise HTTPException(404, "No event with this id.")
        return page(request, "event.html", found)

    async def document(request: Request) -> Response:
        found = queries.document_page(desk.view(), request.path_params["ref"])
        if found is None:
            raise HTTPException(404, "No document with this id.")
        return page(request, "document.html", found)

    async def timeline(request: Request) -> Response:
        return page(request, "timeline.html", queries.timeline(
            desk.view(), actor=arg(request, "actor"), place=arg(request, "place"), kind=arg(request, "type"),
            start=arg(request, "from"), end=arg(request, "to")))

    async def conflicts(request: Request) -> Response:
        return page(request, "conflicts.html", queries.conflicts_page(desk.view()))

    async def error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/static/"):
            return Response(status_code=exc.status_code)
        return page(request, "error.html", {"status": exc.status_code, "detail": exc.detail}, exc.status_code)

    routes = [
        Route("/", search, name="search"),
        Route("/search", search),
        Route("/actor/{ref}", actor, name="actor"),
        Route("/event/{ref}", event, name="event"),
        Route("/document/{ref:path}", document, name="document"),
        Route("/timeline", timeline, name="timeline"),
        Route("/conflicts", conflicts, name="conflicts"),
        Mount("/static", app=StaticFiles(directory=HERE / "static", follow_symlink=False), name="static"),
    ]
    middleware = [Middleware(SecurityHeaders),
                  Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOCAL_HOSTS)]
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={HTTPException: error})
    app.state.desk = desk
    return app
