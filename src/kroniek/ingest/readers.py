"""Ingest stage: turn files on disk into `Document`s.

Reads .txt, .md, .html/.htm and .jsonl. Bytes are decoded with charset-normalizer when they are
not UTF-8; HTML is reduced to its main text with trafilatura, and that extracted text becomes the
document's text, so every offset later on points into what kroniek stored. Files that cannot be
read as an article (empty, binary, too large, undecodable) come back as `Skipped` with a reason.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model import Document
from .metadata import describe

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


def content_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    """Every readable article file under `paths` (folders are walked recursively), sorted."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in SUFFIXES)
        else:
            found.append(p)
    return sorted(dict.fromkeys(found))


WESTERN = {"utf_8", "cp1252", "latin_1", "iso8859_15", "ascii"}


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if any(ord(c) < 32 and c not in "\t\r\n" for c in text) else text


def decode(data: bytes) -> str | None:
    """Bytes to text: UTF-8 when it is, else charset-normalizer's best guess; None for binary."""
    if b"\x00" in data[:8192]:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        text = str(best) if best is not None else None
        # On short texts charset-normalizer often picks a Central-European code page; kroniek's sources
        # are Dutch and English news, whose legacy encoding is Windows-1252, so that wins when it fits.
        western = _try_decode(data, "cp1252")
        if western is not None and (best is None or best.encoding not in WESTERN):
            text = western
        if text is None:
            return None
    if text.startswith("\ufeff"):
        text = text[1:]
    printable = sum(ch.isprintable() or ch.isspace() for ch in text[:4096])
    if text and printable / min(len(text), 4096) < 0.9:
        return None
    return text


def html_to_text(html: str) -> tuple[str, str | None]:
    """Main text and title of an HTML page (trafilatura), or the empty string when none is found."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True) or ""
    meta = trafilatura.extract_metadata(html)
    return text, (meta.title if meta is not None else None)


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[Document | Skipped]:
    """One file to one Document (or one per line for JSONL), or a Skipped saying why not."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield Skipped(str(path), f"unsupported file type {suffix or '(none)'}")
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Skipped(str(path), f"too large ({size} bytes > {max_bytes})")
            return
        data = path.read_bytes()
    except OSError as err:
        yield Skipped(str(path), f"cannot read: {err.strerror or err}")
        return
    text = decode(data)
    if text is None:
        yield Skipped(str(path), "binary or undecodable content")
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, text)
        return
    title = None
    if suffix in HTML_SUFFIXES:
        text, title = html_to_text(text)
    if not text.strip():
        yield Skipped(str(path), "no text")
        return
    yield describe(Document(id=path.stem, text=text, sha1=content_sha1(text), path=str(path)), title=title)


def _read_jsonl(path: Path, text: str) -> Iterator[Document | Skipped]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Skipped(where, f"invalid JSON ({err.msg})")
            continue
        body = record.get("text") if isinstance(record, dict) else None
        if not isinstance(body, str) or not body.strip():
            yield Skipped(where, "no 'text' field")
            continue
        doc_id = str(record.get("id") or f"{path.stem}-{lineno}")
        doc = Document(id=doc_id, text=body, sha1=content_sha1(body), path=where, url=record.get("url"))
        yield describe(doc, title=record.get("title"), published=record.get("published"))


def read_paths(paths: Iterable[str | Path], max_bytes: int = MAX_BYTES) -> Iterator[Document | Skipped]:
    """All documents under `paths`, each content stored once (later duplicates come back Skipped)."""
    seen: dict[str, str] = {}
    for path in find_files(paths):
        for item in read_file(path, max_bytes=max_bytes):
            if isinstance(item, Document):
                if item.sha1 in seen:
                    yield Skipped(item.path or item.id, f"duplicate of {seen[item.sha1]}")
                    continue
                seen[item.sha1] = item.id
            yield item
