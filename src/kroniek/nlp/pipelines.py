"""NLP stage, `kroniek` backend (the default): kroniek's own spaCy pipelines for Dutch and English.

The pipelines ship inside the package (`nlp/models/{nl,en}`), trained by
`scripts/train_pipelines.sh` on Universal Dependencies treebanks (CC BY-SA 4.0; each model folder
carries the notice): tokenizer, part of speech and morphology, dependency parse, lemmas, and for
English named entities (not run by default: see `TYPE_BY_NER`). Sentences end where spaCy's punctuation rules and line breaks say (headlines
and list items have no full stop), before the parser runs: parsers trained on a few thousand
sentences of web text split news sentences at quotes and numbers, and a wrong boundary costs every
fact in both halves. The rule-based names layer (gazetteer, cues) proposes the names on top, helped by the tags:
a sentence-initial word tagged PROPN is a name, and where the cues cannot type a name the English
NER can. A document in a language kroniek has no pipeline for gets spaCy's rule-based tokenizer and
sentencizer, and only its names are read.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from .. import gazetteer
from ..model import Annotation, Document, NerSpan
from ..text import SpanIndex, TextLayer, blank_pipeline
from .base import BackendUnavailable, register
from .lite import layer_parts, propose_names

LANGUAGES = ("nl", "en")
# The English NER (trained on UNER's web text) reaches an F1 of about 0.3 on held-out text, below what
# the gazetteer and cues give on news, so it does not type names and is not run; it ships for training
# further and for comparison.
TYPE_BY_NER = False
NER_LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}


def model_path(lang: str):
    return resources.files(__package__).joinpath("models", lang)


@lru_cache(maxsize=None)
def _line_breaks_component():
    from spacy.language import Language

    @Language.component("kroniek_line_breaks")
    def line_breaks(doc):
        # set before the parser, which keeps boundaries it is given
        for tok in doc[:-1]:
            if tok.is_space and "\n" in tok.text:
                doc[tok.i + 1].is_sent_start = True
        return doc

    return "kroniek_line_breaks"


@lru_cache(maxsize=4)
def load_pipeline(lang: str):
    """kroniek's pipeline for `lang`; spaCy's rule-based tokenizer and sentencizer for any other."""
    if lang not in LANGUAGES:
        return blank_pipeline(lang)
    import spacy

    path = model_path(lang)
    if not path.joinpath("meta.json").is_file():
        raise BackendUnavailable(f"E008: kroniek's {lang} pipeline is missing from {path} "
                                 "(run scripts/train_pipelines.sh)")
    nlp = spacy.load(str(path), exclude=[] if TYPE_BY_NER else ["ner"])
    nlp.add_pipe(_line_breaks_component(), first=True)
    nlp.add_pipe("sentencizer", first=True)
    # the parser's memory grows with the longest document; an archive's rare book-length text is read whole
    nlp.max_length = 2**31 - 1
    return nlp


@register("kroniek")
class KroniekBackend:
    name = "kroniek"

    def __init__(self, **_: object) -> None:
        for lang in LANGUAGES:
            load_pipeline(lang)

    def annotate(self, docs: Sequence[Document]) -> list[Annotation]:
        out: list[Annotation | None] = [None] * len(docs)
        by_lang: dict[str, list[int]] = {}
        for i, doc in enumerate(docs):
            by_lang.setdefault(doc.language or "xx", []).append(i)
        for lang, members in by_lang.items():
            nlp = load_pipeline(lang)
            parsed = nlp.pipe((docs[i].text for i in members), batch_size=16)
            for i, layer in zip(members, parsed):
                out[i] = annotate_layer(docs[i], layer, lang)
        return out  # type: ignore[return-value]

    def close(self) -> None:
        pass


def annotate_layer(doc: Document, parsed, lang: str) -> Annotation:
    tokens, sentences = layer_parts(TextLayer(parsed), lang)
    names_lang = lang if lang in LANGUAGES else "en"
    ents = propose_names(tokens, sentences, doc.text, names_lang)
    if lang not in LANGUAGES:
        # no cues in this language: a name keeps only the type the gazetteer knows it by
        gaz = gazetteer.load()
        ents = [NerSpan(e.start, e.end, _gazetteer_type(gaz, doc.text[e.start:e.end]), e.source) for e in ents]
    if parsed.ents and TYPE_BY_NER:
        ents = _typed_by_ner(ents, parsed.ents)
    return Annotation(doc.id, "kroniek", tuple(tokens), tuple(sentences), tuple(ents), parsed)


def _gazetteer_type(gaz, surface: str) -> str:
    known = gaz.match(surface)
    if known is not None:
        return known.type
    return "LOC" if gaz.place(surface) is not None else "MISC"


def _typed_by_ner(ents: list[NerSpan], model_ents) -> list[NerSpan]:
    """Names the cues left untyped (MISC) take the statistical NER's type where it tags the same words."""
    spans = SpanIndex(sorted(((e.start_char, e.end_char, e.label_) for e in model_ents)), lambda x: (x[0], x[1]))
    out = []
    for e in ents:
        if e.label == "MISC":
            over = [x for x in spans.overlapping(e.start, e.end) if x[2] in NER_LABELS]
            if len(over) == 1 and over[0][0] <= e.start + 1 and over[0][1] >= e.end - 1:
                e = NerSpan(e.start, e.end, NER_LABELS[over[0][2]], "kroniek-ner")
        out.append(e)
    return out
