#!/usr/bin/env bash
# Train kroniek's own Dutch and English spaCy pipelines from the UD treebanks in ../shared/data/ud
# (or $UD) and write them into the package (src/kroniek/nlp/models/{nl,en}), with the held-out
# scores in each model's meta.json. Reproducible: fixed seeds, fixed splits, pinned spaCy.
#
# Splits (sentences, in treebank order):
#   nl train:    Alpino dev + LassySmall dev + LassySmall test minus its last 300
#   nl select:   LassySmall test, last 300 (picks the best checkpoint)
#   nl held-out: Alpino test (newspaper text; never trained on, never used to select)
#   en train:    EWT dev + EWT test first 1000 (UNER entities over the same sentences)
#   en select:   EWT test 1000-1300
#   en held-out: EWT test from 1300 on
set -euo pipefail
cd "$(dirname "$0")/.."
UD="${UD:-../shared/data/ud}"
PY=.venv/bin/python
WORK="${WORK:-build/training}"
OUT=src/kroniek/nlp/models
mkdir -p "$WORK" "$OUT"
export OMP_NUM_THREADS=1 BLIS_NUM_THREADS=1

A=$UD/UD_Dutch-Alpino; L=$UD/UD_Dutch-LassySmall; E=$UD/UD_English-EWT; N=$UD/UNER_English-EWT
$PY scripts/ud_to_docbin.py "$WORK/nl-train.spacy" --lang nl \
  $A/nl_alpino-ud-dev.conllu $L/nl_lassysmall-ud-dev.conllu $L/nl_lassysmall-ud-test.conllu::-300
$PY scripts/ud_to_docbin.py "$WORK/nl-select.spacy" --lang nl $L/nl_lassysmall-ud-test.conllu:-300:
$PY scripts/ud_to_docbin.py "$WORK/nl-heldout.spacy" --lang nl $A/nl_alpino-ud-test.conllu
$PY scripts/ud_to_docbin.py "$WORK/en-train.spacy" --lang en --ner $N/en_ewt-ud-dev.iob2 --ner $N/en_ewt-ud-test.iob2 \
  $E/en_ewt-ud-dev.conllu $E/en_ewt-ud-test.conllu::1000
$PY scripts/ud_to_docbin.py "$WORK/en-select.spacy" --lang en --ner $N/en_ewt-ud-dev.iob2 --ner $N/en_ewt-ud-test.iob2 $E/en_ewt-ud-test.conllu:1000:1300
$PY scripts/ud_to_docbin.py "$WORK/en-heldout.spacy" --lang en --ner $N/en_ewt-ud-dev.iob2 --ner $N/en_ewt-ud-test.iob2 $E/en_ewt-ud-test.conllu:1300:

train() {
  local lang=$1
  $PY -m spacy train training/$lang.cfg --output "$WORK/$lang" \
    --paths.train "$WORK/$lang-train.spacy" --paths.dev "$WORK/$lang-select.spacy" > "$WORK/$lang.log" 2>&1
  $PY -m spacy evaluate "$WORK/$lang/model-best" "$WORK/$lang-heldout.spacy" \
    --output "$WORK/$lang-heldout.json" > "$WORK/$lang-heldout.txt" 2>&1
  $PY scripts/package_pipeline.py "$WORK/$lang/model-best" "$WORK/$lang-heldout.json" "$OUT/$lang" "$UD"
}
if [ "${PARALLEL:-1}" = 1 ]; then
  train nl & nl=$!; train en & en=$!
  wait $nl; wait $en
else
  train nl; train en
fi
cat "$WORK"/*-heldout.txt
