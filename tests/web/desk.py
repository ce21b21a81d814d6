"""The knowledge base the web tests read: the hand-made one of the export tests, plus a third article
written for these tests whose text carries markup that must come out as text (a script, an image
with an onerror handler, a bold tag inside a quote), with facts on and around it."""
from __future__ import annotations

import html
import re
from dataclasses import replace
from urllib.parse import unquote, urldefrag, urlsplit

from kroniek.model import (
    Attribution,
    Event,
    KnowledgeBase,
    Mention,
    Quote,
    Range,
    Report,
)

from ..conftest import assert_spans_match, make_doc
from ..export.sample import _at, small_kb

HOSTILE = ("Second blast <script>window.__xss=1;alert(1)</script> in Kismayo\n\n"
           "On 9 March 2023 a car bomb killed 4 people in Kismayo <img src=x onerror=\"window.__xss=2;alert(2)\">. "
           "Al-Shabaab claimed it. Abdi Noor said: \"<b>We</b> are not finished.\"")


def desk_kb() -> KnowledgeBase:
    kb = small_kb()
    doc = replace(make_doc(HOSTILE, "hostile-en", "en"), title=None)

    def mention(phrase: str, label: str, nth: int = 0) -> Mention:
        span = _at(HOSTILE, doc.id, phrase, nth)
        return Mention(f"M-{doc.id}-{span.start}", span, phrase, label, "test")
    extra = {"E-shabaab": (mention("Al-Shabaab", "ORG"),), "E-kismayo": (mention("Kismayo", "LOC"), mention("Kismayo", "LOC", 1)),
             "E-abdi": (mention("Abdi Noor", "PER"),)}
    entities = [replace(e, mentions=e.mentions + extra.get(e.id, ())) for e in kb.entities]
    assert_spans_match(doc, [m for ms in extra.values() for m in ms])
    evidence = _at(HOSTILE, doc.id, "On 9 March 2023 a car bomb killed 4 people in Kismayo <img src=x "
                                    "onerror=\"window.__xss=2;alert(2)\">.")
    report = Report(doc.id, evidence, killed=Range(4, 4), date="2023-03-09", subtype="bombing", location="E-kismayo",
                    attributions=(Attribution("E-shabaab", "claimed", _at(HOSTILE, doc.id, "Al-Shabaab claimed it."),
                                              "statement"),))
    blast = Event("V-blast", "attack", "bombing", "2023-03-09", "E-kismayo", "E-shabaab", "E-shabaab", (report,),
                  killed=Range(4, 4, 4))
    quote = Quote("E-abdi", _at(HOSTILE, doc.id, "\"<b>We</b> are not finished.\""),
                  (_at(HOSTILE, doc.id, "<b>We</b> are not finished."),))
    return KnowledgeBase(kb.documents + [doc], entities, kb.events + [blast], kb.claims, kb.relations,
                         kb.quotes + [quote], kb.conflicts)


LINK = re.compile(r'href="([^"]*)"')
ANCHOR = re.compile(r'id="([^"]*)"')
START = ("/", "/search?q=kismayo", "/search?q=noor", "/search?q=onerror", "/timeline?type=bombing", "/map", "/graph",
         "/judgements")


def walk(get) -> tuple[dict[str, tuple[int, str]], list[tuple[str, str, str]]]:
    """Every page reachable from `START` by internal links, fetched with `get(url) -> (status,
    content type, text)`: url -> (status, text), and the (page, #anchor, linked from) triples seen."""
    todo, pages, wanted = list(START), {}, []
    while todo:
        url = todo.pop()
        if url in pages:
            continue
        status, kind, text = get(url)
        pages[url] = (status, text)
        if not kind.startswith("text/html"):
            continue
        for href in map(html.unescape, LINK.findall(text)):
            if urlsplit(href).netloc:
                continue
            page, fragment = urldefrag(href)
            if fragment:
                wanted.append((page or url, unquote(fragment), url))
            if page:
                todo.append(page)
    return pages, wanted
