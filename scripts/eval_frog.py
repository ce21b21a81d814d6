"""Score Frog's tagger and dependency parser on a UD treebank part, as kroniek reads them (CGN tags
and Alpino relations mapped to universal ones by `nlp/frog.py`), beside kroniek's own pipelines.

    python scripts/eval_frog.py ../shared/data/ud/UD_Dutch-Alpino/nl_alpino-ud-test.conllu

Frog gets the gold tokens, one sentence per line, with its tokenizer off, so every score is per
gold token. UAS counts heads; LAS heads and the universal relation (its main type, "nsubj" for
"nsubj:pass"). Frog's parse follows Alpino's conventions, not UD's (an auxiliary heads its
participle), so its LAS here is a lower bound of how well it parses.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ud_to_docbin import read_conllu  # noqa: E402

from kroniek.nlp.frog import _split_units, universal_pos, universal_relation  # noqa: E402


def main(path: str) -> int:
    gold = [s for s in read_conllu(Path(path)) if s["words"]]
    with tempfile.TemporaryDirectory(prefix="kroniek-frog-eval-") as tmp:
        src = Path(tmp) / "in.txt"
        src.write_text("\n".join(" ".join(s["words"]) for s in gold) + "\n", encoding="utf-8")
        out = subprocess.run(["frog", "--skip=tac", "-n", "-t", str(src)], capture_output=True, text=True,
                             cwd=tmp, check=True).stdout
    parsed, sentence = [], []
    for line in out.split("\n") + [""]:
        if line.strip():
            cols = line.split("\t")
            head = cols[-2] if cols[-2].isdigit() else ""
            sentence.append((cols[1], cols[2], cols[4], cols[6], head, cols[-1] if head else ""))
        elif sentence:
            parsed.append(_split_units(sentence))
            sentence = []
    n = pos = uas = las = 0
    skipped = 0
    for g, f in zip(gold, parsed):
        if [w for w, *_ in f] != g["words"]:
            skipped += 1
            continue
        for k, (word, lemma, tag, ner, head, relation) in enumerate(f):
            n += 1
            pos += universal_pos(tag) == g["pos"][k]
            frog_head = int(head) - 1 if head and head != "0" else k
            if frog_head == g["heads"][k]:
                uas += 1
                gold_rel = g["deps"][k]
                las += universal_relation(relation) == gold_rel or (gold_rel == "ROOT" and relation == "ROOT")
    scores = {"sentences": len(gold), "sentences_scored": len(gold) - skipped, "tokens": n,
              "pos_acc": round(pos / n, 4), "dep_uas": round(uas / n, 4), "dep_las": round(las / n, 4)}
    print(json.dumps(scores, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
