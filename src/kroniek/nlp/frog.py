"""NLP stage, `frog` backend: the Dutch NLP suite Frog (Debian package `frog`) as a subprocess.

Frog runs once per batch of documents over a temporary file (never its TCP server, which listens
on all interfaces; its interactive mode only answers once its input is closed, so a long-lived
process gains nothing), with its dependency parser (which needs the multi-word units) and without
the morphological analyser and chunker. Its tokens, lemmas, tags (CGN, mapped to universal parts of
speech) and parse (Alpino relations, mapped to universal ones: `data/frog_labels.yaml`) become the
document's text layer, the same one kroniek's own pipelines give. kroniek writes each paragraph
followed by a sentinel paragraph, so the tab-separated tokens that come back are known to belong to
their paragraph. Frog's tokens are then found again in the paragraph to get character offsets. Paragraphs in
English (tweets quoted in a Dutch article) go to the `lite` backend instead.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from functools import lru_cache

from ..lang import detect_language
from ..model import Annotation, Document, NerSpan, Sentence, Token
from ..data import load_yaml
from ..text import SpanIndex, doc_from_tokens
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

    def _frog(self, lines: list[str]) -> list[list[list[tuple[str, ...]]]]:
        """Sentences of (word, lemma, tag, ner, head, relation) for each input line, from one Frog run."""
        with tempfile.TemporaryDirectory(prefix="kroniek-frog-") as tmp:
            src = os.path.join(tmp, "batch.txt")
            with open(src, "w", encoding="utf-8") as fh:
                for line in lines:
                    fh.write(line.replace("\t", " ") + f"\n\n{SENTINEL}\n\n")
            proc = subprocess.run([self._path, "--skip=ac", f"--threads={self._threads}", "-t", src],
                                  capture_output=True, text=True, encoding="utf-8", cwd=tmp,
                                  timeout=READ_TIMEOUT_S + len(lines))
        if proc.returncode != 0:
            raise BackendUnavailable(f"E005: frog failed ({proc.returncode}): {proc.stderr[-300:]}")
        results: list[list[list[tuple[str, ...]]]] = []
        current: list[list[tuple[str, ...]]] = []
        sentence: list[tuple[str, ...]] = []
        for raw in proc.stdout.split("\n") + [""]:
            if raw.strip():
                cols = raw.split("\t")
                if len(cols) >= 7:
                    # the parse is in the last two columns: head (1-based, 0 = root) and relation
                    head = cols[-2] if len(cols) > 8 and cols[-2].isdigit() else ""
                    sentence.append((cols[1], cols[2], cols[4], cols[6], head, cols[-1] if head else ""))
                continue
            if not sentence:
                continue
            if sentence[-1][0] == SENTINEL:
                if len(sentence) > 1:
                    current.append(_split_units(sentence[:-1]))
                results.append(current)
                current = []
            else:
                current.append(_split_units(sentence))
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
        parses: list[dict[int, tuple[int | None, str]]] = [{} for _ in docs]  # token start -> (head start, relation)
        for (d, start, end), sentences in zip(jobs, frogged):
            text = docs[d].text
            words = [w for sentence in sentences for w, *_ in sentence]
            offsets = iter(align(words, text, start, end))
            for sentence in sentences:
                toks, tags, placed = [], [], []
                for (word, lemma, tag, ner, *_), off in zip(sentence, offsets):  # consumes the shared iterator
                    placed.append(off)
                    if off is None:
                        continue
                    toks.append(Token(off[0], off[1], word, universal_pos(tag), lemma))
                    tags.append(ner)
                for (*_, head, relation), off in zip(sentence, placed):
                    if off is not None and head:
                        target = placed[int(head) - 1] if 0 < int(head) <= len(placed) else None
                        parses[d][off[0]] = (target[0] if target else None, universal_relation(relation))
                if toks:
                    parts[d][0].extend(toks)
                    parts[d][1].append(Sentence(toks[0].start, toks[-1].end, "nl"))
                    parts[d][2].extend(spans_from_bio(toks, tags, "frog"))
        out = []
        for doc, (toks, sents, ents), parse in zip(docs, parts, parses):
            ents.extend(_gaps(doc, toks, sents, ents))
            toks = sorted(toks, key=lambda t: t.start)
            sents = sorted(sents, key=lambda s: s.start)
            out.append(Annotation(doc.id, self.name, tuple(toks), tuple(sents),
                                  tuple(sorted(ents, key=lambda e: e.start)), _layer(doc, toks, sents, parse)))
        return out

    def close(self) -> None:
        pass


def _split_units(sentence: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Frog joins multi-word units with "_" ("uit_handen"), which the text writes with spaces: each
    word becomes a token again, the first keeping the unit's place in the parse, the others hanging
    on it. Heads are renumbered to the split sentence."""
    if not any("_" in row[0] for row in sentence):
        return sentence
    new_index, k = {}, 0
    for i, row in enumerate(sentence, start=1):
        new_index[i] = k + 1
        k += len([w for w in row[0].split("_") if w]) or 1
    out = []
    for i, (word, lemma, tag, ner, head, relation) in enumerate(sentence, start=1):
        words = [w for w in word.split("_") if w] or [word]

        def parts(value: str) -> list[str]:  # lemmas, tags and entity tags are joined the same way
            split = value.split("_")
            return split if len(split) == len(words) else [value] * len(words)

        renumbered = str(new_index.get(int(head), 0)) if head else ""
        for j, (w, lem, t, n) in enumerate(zip(words, parts(lemma), parts(tag), parts(ner))):
            if j == 0:
                out.append((w, lem, t, n, renumbered, relation))
            else:
                out.append((w, lem, t, n, str(new_index[i]) if head else "", "mwp" if head else ""))
    return out


def universal_pos(tag: str) -> str:
    """The universal part of speech of a CGN tag ("N(eigen,ev,...)" -> PROPN)."""
    head, _, features = tag.partition("(")
    if head == "N":
        return "PROPN" if features.startswith("eigen") else "NOUN"
    if head == "SPEC":
        return "PROPN" if "eigen" in features else ("PUNCT" if "symb" in features else "X")
    if head == "VG":
        return "CCONJ" if features.startswith("neven") else "SCONJ"
    if head == "WW":
        return "VERB"
    return _labels()["pos"].get(head, "X")


def universal_relation(relation: str) -> str:
    return _labels()["relations"].get(relation, "dep")


@lru_cache(maxsize=1)
def _labels() -> dict:
    return load_yaml("frog_labels.yaml")


def _layer(doc: Document, toks: list[Token], sents: list[Sentence], parse: dict[int, tuple[int | None, str]]):
    """Frog's tokens and parse as the document's text layer. Where Frog gave no parse (English
    paragraphs, tokens it could not place) a token heads itself, as a sentence root does."""
    starts = {t.start: k for k, t in enumerate(toks)}
    heads, deps = [], []
    for k, t in enumerate(toks):
        head, relation = parse.get(t.start, (None, ""))
        heads.append(starts.get(head, k) if head is not None else k)
        deps.append(relation if head is not None else "ROOT")
    # Frog's parse may give a sentence several roots; in the layer a tree is a sentence, so the later
    # roots hang on the first (as UD's parataxis), and the sentence stays whole
    sentence_of = SpanIndex(sents)
    first_root: dict[int, int] = {}
    for k, t in enumerate(toks):
        if heads[k] != k:
            continue
        found = sentence_of.overlapping(t.start, t.end)
        key = found[0].start if found else -1
        if key in first_root:
            heads[k], deps[k] = first_root[key], "parataxis"
        else:
            first_root[key] = k
    return doc_from_tokens(doc.text, doc.language, toks, {s.start for s in sents},
                           lemmas=[t.lemma or t.text for t in toks], pos=[t.tag or "X" for t in toks],
                           heads=heads if parse else None, deps=deps if parse else None)


def _gaps(doc: Document, tokens: list[Token], sentences: list[Sentence], ents: list[NerSpan]) -> list[NerSpan]:
    """Persons and organisations that the capitalisation cues find where Frog tagged nothing at all."""
    found = []
    ordered = sorted(tokens, key=lambda t: t.start)
    tagged = SpanIndex(sorted(ents, key=lambda e: (e.start, e.end)))
    for span in propose_names(ordered, sorted(sentences, key=lambda s: s.start), doc.text, "nl"):
        if span.label in ("PER", "ORG") and not tagged.overlapping(span.start, span.end):
            found.append(NerSpan(span.start, span.end, span.label, "lite"))
    return found
