"""NLP stage, `frog` backend: the Dutch NLP suite Frog (Debian package `frog`) as a subprocess.

Frog runs once per batch of documents over a temporary file (never its TCP server, which listens
on all interfaces; its interactive mode only answers once its input is closed, so a long-lived
process gains nothing), with the parser, morphological analyser, multi-word units and chunker
skipped. kroniek writes each paragraph followed by a sentinel paragraph, so the tab-separated
tokens that come back are known to belong to their paragraph.
Frog's tokens are then found again in the paragraph to get character offsets. Paragraphs in
English (tweets quoted in a Dutch article) go to the `lite` backend instead.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence

from ..lang import detect_language
from ..model import Annotation, Document, NerSpan, Sentence, Token
from ..text import SpanIndex
from .base import BackendUnavailable, register, spans_from_bio
from .lite import annotate_text, propose_names

SENTINEL = "Kroniekeindemarkering"
READ_TIMEOUT_S = 600  # seconds for a batch, plus one per paragraph


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of `text`."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def align(tokens: list[str], text: str, start: int, end: int) -> list[tuple[int, int] | None]:
    """Offsets of each token in text[start:end], searched in order; None where it is not found."""
    out, cursor = [], start  # a token is only looked for close after the previous one
    for tok in tokens:
        i = text.find(tok, cursor, end)
        if i < 0 or text[cursor:i].strip() and i - cursor > 40:
            out.append(None)
            continue
        out.append((i, i + len(tok)))
        cursor = i + len(tok)
    return out


@register("frog")
class FrogBackend:
    name = "frog"

    def __init__(self, threads: int = 2, executable: str = "frog", **_: object) -> None:
        self._path = shutil.which(executable)
        if self._path is None:
            raise BackendUnavailable("E003: the frog program is not installed (apt-get install frog frogdata)")
        self._threads = threads

    def _frog(self, lines: list[str]) -> list[list[list[tuple[str, str, str, str]]]]:
        """Sentences of (word, lemma, tag, ner) for each input line, from one Frog run."""
        with tempfile.TemporaryDirectory(prefix="kroniek-frog-") as tmp:
            src = os.path.join(tmp, "batch.txt")
            with open(src, "w", encoding="utf-8") as fh:
                for line in lines:
                    fh.write(line.replace("\t", " ") + f"\n\n{SENTINEL}\n\n")
            proc = subprocess.run([self._path, "--skip=pamc", f"--threads={self._threads}", "-t", src],
                                  capture_output=True, text=True, encoding="utf-8", cwd=tmp,
                                  timeout=READ_TIMEOUT_S + len(lines))
        if proc.returncode != 0:
            raise BackendUnavailable(f"E005: frog failed ({proc.returncode}): {proc.stderr[-300:]}")
        results: list[list[list[tuple[str, str, str, str]]]] = []
        current: list[list[tuple[str, str, str, str]]] = []
        sentence: list[tuple[str, str, str, str]] = []
        for raw in proc.stdout.split("\n") + [""]:
            if raw.strip():
                cols = raw.split("\t")
                if len(cols) >= 7:
                    sentence.append((cols[1], cols[2], cols[4], cols[6]))
                continue
            if not sentence:
                continue
            if sentence[-1][0] == SENTINEL:
                if len(sentence) > 1:
                    current.append(sentence[:-1])
                results.append(current)
                current = []
            else:
                current.append(sentence)
            sentence = []
        if len(results) != len(lines):
            raise BackendUnavailable(f"E006: frog returned {len(results)} paragraphs for {len(lines)}")
        return results

    def annotate(self, docs: Sequence[Document]) -> list[Annotation]:
        jobs: list[tuple[int, int, int]] = []  # (doc index, start, end) of paragraphs for Frog
        parts: list[tuple[list[Token], list[Sentence], list[NerSpan]]] = [([], [], []) for _ in docs]
        for d, doc in enumerate(docs):
            for start, end in paragraphs(doc.text):
                para = doc.text[start:end]
                if doc.language == "en" or detect_language(para, default=doc.language) == "en":
                    toks, sents, ents = annotate_text(para, "en", offset=start)
                    parts[d][0].extend(toks), parts[d][1].extend(sents), parts[d][2].extend(ents)
                else:
                    jobs.append((d, start, end))
        frogged = self._frog([docs[d].text[s:e] for d, s, e in jobs]) if jobs else []
        for (d, start, end), sentences in zip(jobs, frogged):
            text = docs[d].text
            words = [w for sentence in sentences for w, *_ in sentence]
            offsets = iter(align(words, text, start, end))
            for sentence in sentences:
                toks, tags = [], []
                for (word, lemma, tag, ner), off in zip(sentence, offsets):  # consumes the shared iterator
                    if off is None:
                        continue
                    toks.append(Token(off[0], off[1], word, tag, lemma))
                    tags.append(ner)
                if toks:
                    parts[d][0].extend(toks)
                    parts[d][1].append(Sentence(toks[0].start, toks[-1].end, "nl"))
                    parts[d][2].extend(spans_from_bio(toks, tags, "frog"))
        out = []
        for doc, (toks, sents, ents) in zip(docs, parts):
            ents.extend(_gaps(doc, toks, sents, ents))
            out.append(Annotation(doc.id, self.name, tuple(sorted(toks, key=lambda t: t.start)),
                                  tuple(sorted(sents, key=lambda s: s.start)),
                                  tuple(sorted(ents, key=lambda e: e.start))))
        return out

    def close(self) -> None:
        pass


def _gaps(doc: Document, tokens: list[Token], sentences: list[Sentence], ents: list[NerSpan]) -> list[NerSpan]:
    """Persons and organisations that the capitalisation cues find where Frog tagged nothing at all."""
    found = []
    ordered = sorted(tokens, key=lambda t: t.start)
    tagged = SpanIndex(sorted(ents, key=lambda e: (e.start, e.end)))
    for span in propose_names(ordered, sorted(sentences, key=lambda s: s.start), doc.text, "nl"):
        if span.label in ("PER", "ORG") and not tagged.overlapping(span.start, span.end):
            found.append(NerSpan(span.start, span.end, span.label, "lite"))
    return found
