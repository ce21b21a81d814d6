"""Web app (write side): what every POST must show before the desk acts on it.

A per-browser random token lives in an HttpOnly, SameSite=Strict cookie and is written into every
form as a hidden field; a POST is answered only when both are there and equal (compared in constant
time) and, where the browser names an Origin (under `no-referrer` it sends "null"), it is this site. The form body is read by hand (URL-
encoded, at most `MAX_BODY` bytes), so no multipart parser is needed.
"""
from __future__ import annotations

import hmac
import re
import secrets
from urllib.parse import parse_qsl, urlsplit

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

CSRF_COOKIE, CSRF_FIELD = "kroniek_csrf", "csrf"
BY_COOKIE = "kroniek_by"  # the analyst's name, remembered for the next correction
TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
MAX_BODY = 16_384


def token_of(request: Request) -> str | None:
    token = request.cookies.get(CSRF_COOKIE, "")
    return token if TOKEN.fullmatch(token) else None


def new_token() -> str:
    return secrets.token_urlsafe(32)


def set_token(response: Response, token: str) -> None:
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")


def remember_by(response: Response, by: str) -> None:
    response.set_cookie(BY_COOKIE, by, max_age=365 * 24 * 3600, httponly=True, samesite="strict", path="/")


async def posted(request: Request) -> dict[str, str]:
    """The fields of a form POST whose CSRF token matches its cookie; 403 for any other POST, 413 for
    a body over `MAX_BODY`."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise HTTPException(413, "This form is larger than any the desk sends.")
    fields: dict[str, str] = {}
    if request.headers.get("content-type", "").split(";")[0].strip().lower() == "application/x-www-form-urlencoded":
        try:
            fields = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20))
        except (UnicodeDecodeError, ValueError):
            fields = {}
    cookie, sent = token_of(request), fields.get(CSRF_FIELD, "")
    if cookie is None or not hmac.compare_digest(cookie.encode(), sent.encode()):
        raise HTTPException(403, "This form was not sent from a page of this desk (its security token is missing or "
                                 "stale). Open the page again and resend it.")
    origin = request.headers.get("origin")  # "null" under the desk's no-referrer policy: the token decides then
    if origin not in (None, "null") and urlsplit(origin).netloc != request.headers.get("host", ""):
        raise HTTPException(403, "This form was sent from another site.")
    return fields
