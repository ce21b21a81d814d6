"""Copy a trained pipeline into the package with its provenance: held-out scores, the treebanks it
was trained on and their licence (CC BY-SA 4.0 asks for attribution and the same licence).

    python scripts/package_pipeline.py MODEL_DIR HELDOUT.json OUT_DIR UD_DIR
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

SOURCES = {
    "nl": ["UD_Dutch-Alpino", "UD_Dutch-LassySmall"],
    "en": ["UD_English-EWT", "UNER_English-EWT"],
}
KEEP = ("accuracy", "pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "sents_f",
        "ents_p", "ents_r", "ents_f", "speed")


def main(model: str, heldout: str, out: str, ud: str) -> int:
    model_dir, out_dir, ud_dir = Path(model), Path(out), Path(ud)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    shutil.copytree(model_dir, out_dir)
    meta = json.loads((out_dir / "meta.json").read_text())
    lang = meta["lang"]
    scores = json.loads(Path(heldout).read_text())
    commits = dict(line.split(" ", 1) for line in (ud_dir / "SOURCES.txt").read_text().splitlines() if line.strip())
    meta.update({
        "name": f"kroniek_{lang}",
        "version": "0.1.0",
        "description": f"kroniek's {lang} pipeline, trained on Universal Dependencies treebanks",
        "license": "CC BY-SA 4.0",
        "sources": [{"name": name, "url": commits.get(name, ""), "license": "CC BY-SA 4.0"}
                    for name in SOURCES[lang]],
        "heldout": {k: scores[k] for k in KEEP if k in scores},
    })
    meta.pop("performance", None)
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    notice = [f"kroniek_{lang}: a spaCy pipeline trained by kroniek's scripts/train_pipelines.sh on:", ""]
    for name in SOURCES[lang]:
        notice.append(f"- {name} ({commits.get(name, '').strip()})")
    notice += ["", "These treebanks are licensed CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/);",
               "this trained pipeline is a derived work and is shared under the same licence.", ""]
    (out_dir / "LICENSE").write_text("\n".join(notice))
    license_src = ud_dir / SOURCES[lang][0] / "LICENSE.txt"
    if license_src.exists():
        shutil.copy(license_src, out_dir / "LICENSE.treebank.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
