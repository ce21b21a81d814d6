"""Turn UD treebanks (CoNLL-U) and, for English, UNER named entities (IOB2) into spaCy DocBins.

Used by `scripts/train_pipelines.sh`. Sentences are grouped into documents of ten, in treebank
order, so the parser learns where sentences end inside running text. Multiword tokens ("gonna")
are kept as their surface token with the first word's annotation, as `spacy convert
--merge-subtokens` does. Entities come from the UNER file of the same sentences, matched by
`sent_id` (a multiword token takes its first word's tag).

    python scripts/ud_to_docbin.py OUT.spacy FILE.conllu[:FROM:TO] ... [--ner FILE.iob2]... 

FROM:TO slices the file's sentences (Python slice semantics), so one file can be split between
training, model selection and a held-out part.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

GROUP = 10


def read_conllu(path: Path) -> list[dict]:
    """Sentences as dicts: id, words (surface tokens) with their annotation."""
    sentences, meta, rows = [], {}, []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if rows:
                sentences.append(_sentence(meta, rows))
            meta, rows = {}, []
        elif line.startswith("#"):
            key, _, value = line[1:].partition("=")
            meta[key.strip()] = value.strip()
        else:
            rows.append(line.split("\t"))
    return sentences


def _sentence(meta: dict, rows: list[list[str]]) -> dict:
    # a multiword token "3-4 gonna" becomes one token carrying word 3's annotation; heads that
    # pointed at word 4 point at the merged token
    merged_into: dict[str, str] = {}
    keep = []
    skip_until = 0
    for row in rows:
        wid = row[0]
        if "." in wid:
            continue  # empty nodes of enhanced dependencies
        if "-" in wid:
            first, last = (int(x) for x in wid.split("-"))
            for k in range(first, last + 1):
                merged_into[str(k)] = str(first)
            keep.append(("mwt", row, first, last))
            skip_until = last
            continue
        if int(wid) <= skip_until:
            continue
        keep.append(("word", row, None, None))
    by_id = {r[0]: r for r in rows if r[0].isdigit()}
    words, spaces, lemmas, pos, morphs, heads, deps, firsts = [], [], [], [], [], [], [], []
    index: dict[str, int] = {}
    for kind, row, first, last in keep:
        if kind == "mwt":
            anchor = by_id[str(first)]
            # the word of the group whose head lies outside it carries the group's relation
            inside = {str(k) for k in range(first, last + 1)}
            for k in range(first, last + 1):
                if by_id[str(k)][6] not in inside:
                    anchor = by_id[str(k)]
                    break
            surface, misc = row[1], row[9]
        else:
            anchor, surface, misc = row, row[1], row[9]
        index[anchor[0]] = len(words)
        for k, v in merged_into.items():
            if v == str(first) and kind == "mwt":
                index[k] = len(words)
        words.append(surface)
        firsts.append(int(first if kind == "mwt" else row[0]) - 1)
        spaces.append("SpaceAfter=No" not in misc)
        lemmas.append(anchor[2])
        pos.append(anchor[3])
        morphs.append(anchor[5] if anchor[5] != "_" else "")
        heads.append(anchor[6])
        deps.append(anchor[7].split(":")[0] if anchor[7] != "root" else "ROOT")
    head_idx = []
    for i, h in enumerate(heads):
        head_idx.append(i if h == "0" else index.get(h, i))
    # a merged group can leave a token pointing at itself without being the root
    deps = ["ROOT" if head_idx[i] == i else d for i, d in enumerate(deps)]
    return {"id": meta.get("sent_id", ""), "words": words, "spaces": spaces, "lemmas": lemmas,
            "pos": pos, "morphs": morphs, "heads": head_idx, "deps": deps,
            "firsts": firsts}


def read_iob2(path: Path) -> dict[str, list[str]]:
    tags, sid, cur = {}, None, []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("# sent_id"):
            sid = line.split("=", 1)[1].strip()
        elif line.startswith("#"):
            continue
        elif not line.strip():
            if sid is not None:
                tags[sid] = cur
            sid, cur = None, []
        else:
            cur.append(line.split("\t")[2])
    return tags


def to_doc(vocab, sent: dict, ner: dict[str, list[str]] | None) -> Doc:
    doc = Doc(vocab, words=sent["words"], spaces=sent["spaces"], lemmas=sent["lemmas"],
              pos=sent["pos"], morphs=sent["morphs"], heads=sent["heads"], deps=sent["deps"],
              sent_starts=[True] + [False] * (len(sent["words"]) - 1))
    if ner is not None:
        tags = ner.get(sent["id"])
        # UNER tags the UD words; a merged multiword token takes its first word's tag
        if tags is not None and max(sent["firsts"]) < len(tags):
            tags = [tags[k] for k in sent["firsts"]]
            doc.set_ents([], default="outside")
            ents, start, label = [], None, None
            for i, tag in enumerate(tags + ["O"]):
                if start is not None and not tag.startswith("I-"):
                    ents.append(doc.char_span(doc[start].idx, doc[i - 1].idx + len(doc[i - 1]), label=label))
                    start = None
                if tag.startswith("B-") or (tag.startswith("I-") and start is None):
                    start, label = i, tag[2:]
            doc.set_ents([e for e in ents if e is not None])
    return doc


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--lang", required=True)
    parser.add_argument("--ner", action="append", default=[], help="an IOB2 file; may repeat")
    args = parser.parse_args(argv)
    ner = {}
    for path in args.ner:
        ner.update(read_iob2(Path(path)))
    vocab = spacy.blank(args.lang).vocab
    docs = []
    for spec in args.inputs:
        path, *bounds = spec.split(":")
        sentences = read_conllu(Path(path))
        if bounds:
            lo, hi = (int(b) if b else None for b in bounds)
            sentences = sentences[lo:hi]
        sent_docs = [to_doc(vocab, s, ner if args.ner else None) for s in sentences]
        for i in range(0, len(sent_docs), GROUP):
            docs.append(Doc.from_docs(sent_docs[i:i + GROUP]))
    DocBin(docs=docs, store_user_data=False).to_disk(args.out)
    words = sum(len(d) for d in docs)
    print(f"{args.out}: {len(docs)} docs, {words} tokens", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
