"""Ingest stage: turn files on disk into `Document`s.

Reads .txt, .md, .html/.htm and .jsonl. Bytes are decoded with charset-normalizer when they are
not UTF-8 (UTF-16 is recognised by its byte-order mark or its pattern of zero bytes); HTML is
reduced to its main text with trafilatura, and that extracted text becomes the document's text, so
every offset later on points into what kroniek stored. Whatever cannot be read as an article
(missing, empty, binary, too large, undecodable, malformed) comes back as `Skipped` with a reason:
no input makes this stage raise.

A document's `id` here is only a proposed name (the file stem, or a JSONL record's `id`); its
`path` is the source locator (absolute path, `path:line` or `path#id` for JSONL records) that the
pipeline uses to tell an edited article from a new one.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import os
import re
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..model import Document, stage
from .metadata import describe

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MANIFEST_SUFFIXES = {".tsv", ".csv"}
# a manifest's columns: the article file, and the address it was fetched from
MANIFEST_FILE_COLUMNS = ("file", "filename", "doc", "document", "name", "id", "path")
MANIFEST_URL_COLUMNS = ("url", "link", "source_url", "address")
MAX_BYTES = 5_000_000
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


def content_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def display_path(path: str | Path) -> str:
    """The absolute path as text that any store and terminal can hold: bytes of a file name that are
    not UTF-8 become U+FFFD instead of lone surrogates."""
    return os.fsencode(os.path.abspath(path)).decode("utf-8", "replace")


def safe_text(text: str) -> str:
    """Lone surrogates (legal in JSON, not in UTF-8) become U+FFFD: one code point each, so the
    offsets into the stored text are the offsets into what the source gave."""
    return LONE_SURROGATE.sub("\ufffd", text)


def find_files(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Every article file under `paths` (folders are walked recursively, sorted), or a `Skipped` for
    a path that does not exist or cannot be listed."""
    for raw in paths:
        p = Path(raw)
        try:
            if p.is_dir():
                yield from sorted(q for q in p.rglob("*") if q.suffix.lower() in SUFFIXES and q.is_file())
            elif p.exists():
                yield p
            else:
                yield Skipped(display_path(p), "no such file or folder")
        except OSError as err:
            yield Skipped(display_path(p), f"cannot list: {err.strerror or err}")


WESTERN = {"utf_8", "cp1252", "latin_1", "iso8859_15", "ascii"}


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if any(ord(c) < 32 and c not in "\t\r\n" for c in text) else text


def _utf16(data: bytes) -> str | None:
    """UTF-16 text by its byte-order mark, or without one by its zero bytes: in Latin-script text
    every other byte is zero, on the odd positions (little-endian) or the even ones (big-endian)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _try_decode(data, "utf-16")
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return _try_decode(data, "utf-16-le")
    if even > 0.4 * half and odd < 0.05 * half:
        return _try_decode(data, "utf-16-be")
    return None


def decode(data: bytes) -> str | None:
    """Bytes to text: UTF-16 or UTF-8 when it is, else charset-normalizer's best guess; None for
    binary (any zero byte outside UTF-16, or mostly unprintable characters)."""
    text = _utf16(data)
    if text is None:
        if b"\x00" in data:
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            from charset_normalizer import from_bytes

            best = from_bytes(data).best()
            text = str(best) if best is not None else None
            # On short texts charset-normalizer often picks a Central-European code page; kroniek's
            # sources are Dutch and English news, whose legacy encoding is Windows-1252, so that wins
            # when it fits.
            western = _try_decode(data, "cp1252")
            if western is not None and (best is None or best.encoding not in WESTERN):
                text = western
            if text is None:
                return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        return None
    printable = sum(ch.isprintable() or ch.isspace() for ch in text[:4096])
    if text and printable / min(len(text), 4096) < 0.9:
        return None
    return text


def html_to_text(html: str) -> tuple[str, str | None]:
    """Main text and title of an HTML page (trafilatura), or the empty string when none is found."""
    return _html(html)[:2]


def _html(html: str) -> tuple[str, str | None, str | None, str | None]:
    """Main text, title, publication date and address of an HTML page, as trafilatura reads them."""
    import trafilatura

    # trafilatura logs every page it cannot parse at ERROR level; kroniek reports such a page itself
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True) or ""
    meta = trafilatura.extract_metadata(html)
    if meta is None:
        return text, None, None, None
    return text, meta.title, _string(meta.date), _string(meta.url)


def failure(err: BaseException) -> str:
    """An exception as one short line for a build's report."""
    message = " ".join(str(err).split())[:160]
    return f"failed: {type(err).__name__}" + (f": {message}" if message else "")


@dataclass(frozen=True)
class Undescribed:
    """A new text as read, with what its file says of it, before `describe` works out its title, language
    and dates. A build plans with the text and its hash alone, and describes each new text in the
    per-document stages, on the build's engine: reading dates with dateparser costs more than reading
    the file, and a driver that did it for every text would do a tenth of a build on one core."""

    doc: Document
    title: str | None = None
    published: object = None

    @property
    def id(self) -> str:
        return self.doc.id

    @property
    def path(self) -> str | None:
        return self.doc.path

    @property
    def sha1(self) -> str:
        return self.doc.sha1

    def named(self, name: str) -> "Undescribed":
        return Undescribed(replace(self.doc, id=name), self.title, self.published)

    def described(self) -> Document | Skipped:
        """The document with its title, language and dates; or Skipped. Never raises on what the text holds."""
        try:
            return describe(self.doc, title=self.title, published=self.published)
        except (Exception, RecursionError) as err:  # noqa: BLE001 - one bad record must not stop a build
            return Skipped(self.doc.path or self.doc.id, failure(err))


def read_file(path: Path, max_bytes: int = MAX_BYTES, known: Container[str] = (),
              describe_new: bool = True) -> Iterator[Document | Undescribed | Skipped]:
    """One file to one Document (or one per line for JSONL), or a Skipped saying why not. Never raises
    on what the file holds. A text whose sha1 is in `known` is stored already: it comes back as read,
    without its title, language and dates worked out again. Without `describe_new` a new text comes
    back `Undescribed`, for its reader to describe later."""
    where = display_path(path)
    try:
        for item in _read_file(path, where, max_bytes):
            if isinstance(item, Skipped):
                yield item
                continue
            doc, meta = item
            if doc.sha1 in known:
                yield doc
                continue
            found = Undescribed(doc, **meta)
            yield found.described() if describe_new else found
    except (Exception, RecursionError) as err:  # noqa: BLE001 - one bad file must not stop a build
        yield Skipped(where, failure(err))


def _read_file(path: Path, where: str, max_bytes: int) -> Iterator[tuple[Document, dict] | Skipped]:
    """Each text with what its file says about it (title, published), for `describe`; or a Skipped."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield Skipped(where, f"unsupported file type {suffix or '(no suffix)'}")
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Skipped(where, f"too large ({size} bytes > {max_bytes})")
            return
        data = path.read_bytes()
    except OSError as err:
        yield Skipped(where, f"cannot read: {err.strerror or err}")
        return
    text = decode(data)
    if text is None:
        yield Skipped(where, "binary or undecodable content")
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, where, text)
        return
    title = published = None
    url = source_url(path)
    if suffix in HTML_SUFFIXES:
        text, title, published, page_url = _html(text)
        url = url or page_url
    if not text.strip():
        yield Skipped(where, "no text")
        return
    yield (Document(id=_name(path.stem), text=text, sha1=content_sha1(text), path=where, url=url),
           {"title": title, "published": published})


def source_url(path: Path) -> str | None:
    """The address `path` was fetched from, as a manifest beside it says: a .tsv or .csv file in the same
    folder with a header row naming a file column and a url column (`MANIFEST_*_COLUMNS`). A crawl keeps
    such a list; the address often holds the publication date."""
    try:
        folder = path.resolve().parent
        stamp = tuple((name, (folder / name).stat().st_mtime_ns)
                      for name in _manifest_names(str(folder), folder.stat().st_mtime_ns))
    except OSError:
        return None
    if not stamp:
        return None
    urls = _manifest(str(folder), stamp)
    return urls.get(path.name) or urls.get(path.stem)


@lru_cache(maxsize=64)
def _manifest_names(folder: str, _folder_mtime_ns: int) -> tuple[str, ...]:
    """The manifests in `folder`, listed once per state of the folder (its time changes when a file comes
    or goes): listing it for each of its files made reading a folder of n articles cost n² steps."""
    with os.scandir(folder) as entries:
        return tuple(sorted(e.name for e in entries
                            if os.path.splitext(e.name)[1].lower() in MANIFEST_SUFFIXES and e.is_file()))


@lru_cache(maxsize=16)
def _manifest(folder: str, stamp: tuple) -> dict[str, str]:
    """File name (and stem) -> url from every manifest in `folder`; `stamp` (names and times) renews it."""
    out: dict[str, str] = {}
    for name, _ in stamp:
        try:
            data = (Path(folder) / name).read_bytes()
        except OSError:
            continue
        if len(data) > MAX_BYTES or (text := decode(data)) is None:
            continue
        lines = text.splitlines()
        if not lines:
            continue
        delimiter = "\t" if "\t" in lines[0] or name.lower().endswith(".tsv") else ","
        rows = csv.reader(io.StringIO(text), delimiter=delimiter)
        header = [h.strip().lower() for h in next(rows, [])]
        file_col = next((header.index(c) for c in MANIFEST_FILE_COLUMNS if c in header), None)
        url_col = next((header.index(c) for c in MANIFEST_URL_COLUMNS if c in header), None)
        if file_col is None or url_col is None:
            continue  # some other table
        for row in rows:
            if len(row) > max(file_col, url_col) and row[file_col].strip() and "://" in row[url_col]:
                key, url = Path(row[file_col].strip()).name, safe_text(row[url_col].strip())
                out.setdefault(key, url)
                out.setdefault(Path(key).stem, url)
    return out


def _name(raw: str) -> str:
    """A document name that reads the same in any terminal: no control characters, no U+FFFD runs."""
    name = "".join(c if c.isprintable() and c not in "/\\" else "_" for c in safe_text(raw)).strip()
    return name[:120] or "document"


def _string(value: object) -> str | None:
    return safe_text(value) if isinstance(value, str) and value.strip() else None


def _read_jsonl(path: Path, where: str, text: str) -> Iterator[tuple[Document, dict] | Skipped]:
    if not text.strip():
        yield Skipped(where, "no text")
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        here = f"{where}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Skipped(here, f"invalid JSON ({err.msg})")
            continue
        except RecursionError:
            yield Skipped(here, "invalid JSON (nested too deeply)")
            continue
        try:
            body = record.get("text") if isinstance(record, dict) else None
            if not isinstance(body, str) or not body.strip():
                yield Skipped(here, "no 'text' field")
                continue
            body = safe_text(body)
            given = record.get("id")
            given = str(given) if isinstance(given, (str, int)) and str(given).strip() else None
            # the record's own id names it across edits of the file; a line number does not survive
            # a line inserted above it, so it only stands in when there is no id
            locator = f"{where}#{safe_text(given)}" if given else here
            doc = Document(id=_name(given or f"{path.stem}-{lineno}"), text=body, sha1=content_sha1(body),
                           path=locator, url=_string(record.get("url")))
            published = record.get("published")
            yield doc, {"title": _string(record.get("title")),
                        "published": published if isinstance(published, (str, int)) else None}
        except (Exception, RecursionError) as err:  # noqa: BLE001 - one bad record must not stop the file
            yield Skipped(here, failure(err))


@stage("ingest", (), ("documents",))
def read_paths(paths: Iterable[str | Path], max_bytes: int = MAX_BYTES, on_file: Callable[[str], None] | None = None,
               known: Container[str] = (), describe_new: bool = True) -> Iterator[Document | Undescribed | Skipped]:
    """All documents under `paths`, in a stable order. The same text under two names comes back
    twice: the pipeline keeps it as one document with two sources. Texts whose sha1 is `known` come
    back without their metadata worked out (see `read_file`)."""
    for path in find_files(paths):
        if isinstance(path, Skipped):
            yield path
            continue
        if on_file:
            on_file(display_path(path))
        yield from read_file(path, max_bytes=max_bytes, known=known, describe_new=describe_new)
