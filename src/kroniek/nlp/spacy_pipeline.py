"""NLP stage, `spacy` backend: any installed spaCy pipeline, by package name or path.

For users who can install a trained pipeline (`nl_core_news_lg`, `en_core_web_trf`, ...); kroniek
ships none, since none installs offline. Labels are mapped to kroniek's four types.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..model import Annotation, Document, NerSpan, Sentence, Token
from .base import BackendUnavailable, register

LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "NORP": "MISC", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC"}


@register("spacy")
class SpacyBackend:
    name = "spacy"

    def __init__(self, model: str = "nl_core_news_lg", **_: object) -> None:
        import spacy

        try:
            self._nlp = spacy.load(model)
        except OSError as err:
            raise BackendUnavailable(f"E007: spaCy pipeline {model!r} is not installed") from err
        if "parser" not in self._nlp.pipe_names and "senter" not in self._nlp.pipe_names \
                and "sentencizer" not in self._nlp.pipe_names:
            self._nlp.add_pipe("sentencizer")

    def annotate(self, docs: Sequence[Document]) -> list[Annotation]:
        out = []
        for doc, parsed in zip(docs, self._nlp.pipe(d.text for d in docs)):
            tokens = tuple(Token(t.idx, t.idx + len(t.text), t.text, t.pos_, t.lemma_) for t in parsed if not t.is_space)
            sentences = tuple(Sentence(s.start_char, s.end_char, doc.language) for s in parsed.sents if s.text.strip())
            ents = tuple(NerSpan(e.start_char, e.end_char, LABELS.get(e.label_, "MISC"), "spacy") for e in parsed.ents)
            out.append(Annotation(doc.id, self.name, tokens, sentences, ents, parsed))
        return out

    def close(self) -> None:
        pass
