"""The Frog backend: parsing and alignment with a fake Frog, and the real one where installed (CI installs it)."""
import stat

import pytest

from kroniek.nlp import BackendUnavailable, get_backend
from kroniek.nlp.base import spans_from_bio
from kroniek.nlp.frog import align, paragraphs
from kroniek.model import Token

from ..conftest import HAS_FROG, assert_spans_match, make_doc

FAKE_FROG = r'''#!/usr/bin/env python3
import sys
args = sys.argv[1:]
path = args[args.index("-t") + 1]
tags = {"Jan": "B-PER", "Pietersen": "I-PER", "Utrecht": "B-LOC", "IS": "O"}
for para in open(path, encoding="utf-8").read().split("\n\n"):
    words = para.replace(".", " .").split()
    for i, w in enumerate(words, 1):
        pos = "SPEC(deeleigen)" if w[0].isupper() else "N(soort)"
        print(f"{i}\t{w}\t{w.lower()}\t\t{pos}\t0.9\t{tags.get(w, 'O')}\t\t\t\t\t\t")
    if words:
        print()
'''


@pytest.fixture
def fake_frog(tmp_path):
    exe = tmp_path / "frog"
    exe.write_text(FAKE_FROG, encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return str(exe)


def test_paragraphs_and_align():
    text = "Eerste regel.\n\n  \nTweede regel hier."
    assert [text[s:e] for s, e in paragraphs(text)] == ["Eerste regel.", "Tweede regel hier."]
    offsets = align(["Tweede", "regel", "???", "hier", "."], text, 18, len(text))
    assert [text[a:b] if (a, b) else None for a, b in [o or (0, 0) for o in offsets]][0] == "Tweede"
    assert offsets[2] is None and text[offsets[3][0]:offsets[3][1]] == "hier"


def test_spans_from_bio_joins_inside_tags():
    toks = [Token(0, 3, "Jan"), Token(4, 13, "Pietersen"), Token(14, 18, "woont"), Token(19, 26, "Utrecht")]
    spans = spans_from_bio(toks, ["B-PER", "I-PER", "O", "B-LOC"], "frog")
    assert [(s.start, s.end, s.label) for s in spans] == [(0, 13, "PER"), (19, 26, "LOC")]


def test_fake_frog_output_is_parsed_and_aligned(fake_frog):
    doc = make_doc("Jan Pietersen woont in Utrecht.\n\nHij werkt daar sinds jaren als leraar.", language="nl")
    backend = get_backend("frog", executable=fake_frog)
    [ann] = backend.annotate([doc])
    assert_spans_match(doc, ann.tokens)
    assert {doc.text[e.start:e.end]: e.label for e in ann.ents} == {"Jan Pietersen": "PER", "Utrecht": "LOC"}
    assert len(ann.sentences) == 2


def test_missing_frog_is_reported():
    with pytest.raises(BackendUnavailable, match="E003"):
        get_backend("frog", executable="no-such-frog-here")


def test_unknown_backend_is_reported():
    with pytest.raises(BackendUnavailable, match="E002"):
        get_backend("nope")


@pytest.mark.skipif(not HAS_FROG, reason="Frog is not installed here (CI installs it)")
def test_real_frog_finds_people_and_places_and_routes_english_to_lite():
    doc = make_doc("Minister Karin Bakker bezocht vorige week de haven van Rotterdam samen met haar collega's.\n\n"
                   "The minister later told reporters in London that the visit had been a great success for both.",
                   language="nl")
    [ann] = get_backend("frog").annotate([doc])
    assert_spans_match(doc, ann.tokens)
    found = {doc.text[e.start:e.end]: (e.label, e.source) for e in ann.ents}
    assert found["Karin Bakker"] == ("PER", "frog")
    assert found["Rotterdam"] == ("LOC", "frog")
    assert found["London"][1] == "lite"
