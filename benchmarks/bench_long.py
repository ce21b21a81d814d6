"""Benchmark (not a test): build time and peak memory of one long article, to show they grow linearly.

    .venv/bin/python benchmarks/bench_long.py --sizes 0.1 0.5 1 2

Each size is one synthetic Dutch news article (written by this script from its own sentences, with
names, places, groups, figures, dates, quotes and headlines, varied so that it does not repeat
verbatim), built with the `lite` backend into a fresh SQLite file, in a fresh Python process, so
that the peak resident memory (getrusage) is that size's own. A 5 KB article is built first and not
counted: loading spaCy, the gazetteer and dateparser takes seconds whatever the article's length.
The last line is the ratio of the worst to the best seconds per MB: 1.0 is perfectly linear.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIRST = ["Amina", "Pieter", "Fatima", "Johan", "Moussa", "Sanne", "Ibrahim", "Els", "Karim", "Noor", "Youssef",
         "Marloes", "Abdullahi", "Henk", "Aisha", "Willem", "Oumar", "Lotte", "Hassan", "Inge"]
LAST = ["Diallo", "de Groot", "Traoré", "van Dijk", "Keita", "Bakker", "Abdi", "Vermeulen", "al-Rashid", "Jansen",
        "Coulibaly", "van der Meer", "Warsame", "Smit", "Touré", "de Vries", "Osman", "Mulder", "ben Salah", "Visser"]
PLACES = ["Gao", "Mopti", "Timboektoe", "Bamako", "Mogadishu", "Kismayo", "Maiduguri", "Kaboel", "Jalalabad",
          "Niamey", "Ouagadougou", "Kidal", "Baidoa", "Diffa", "Mosul", "Idlib", "Beledweyne", "Sévaré", "Mali",
          "Somalië", "Nigeria", "Afghanistan", "Burkina Faso"]
GROUPS = ["al-Shabaab", "Boko Haram", "Islamitische Staat", "JNIM", "de Taliban", "ISWAP", "al-Qaida"]
ROLES = ["woordvoerder", "burgemeester", "analist", "hoogleraar", "commandant", "minister", "gouverneur"]
ORGS = ["de Verenigde Naties", "het Rode Kruis", "Artsen zonder Grenzen", "de Afrikaanse Unie", "Clingendael",
        "het Malinese leger", "de Nigeriaanse regering"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]
WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
WHEN = ["gisteren", "vannacht", "vorige week", "afgelopen {weekday}", "op {day} {month}", "op {day} {month} {year}",
        "eerder dit jaar", "in {year}"]

SENTENCES = [
    "Bij de aanslag in {place} kwamen {when} {n} mensen om, meldt {org}.",
    "Zeker {n} burgers raakten gewond toen een autobom ontplofte bij de markt van {place}.",
    "{group} heeft de aanval op het legerkamp bij {place} opgeëist in een verklaring op Telegram.",
    "Volgens {role} {person} zit {group} achter de aanslag, maar bewijs ontbreekt nog.",
    "„We hebben niets meer, ons huis is weg”, zegt {person}, die met haar kinderen naar {place} vluchtte.",
    "\"Dit is de zwaarste aanval sinds maanden\", zei {role} {person} {when} tegen persbureau ANP.",
    "De groep, ook bekend als {group}, is actief in het noorden van het land en rond {place}.",
    "{org} schat dat {group} tussen de {n} en {m} strijders telt.",
    "Het leger voerde {when} een luchtaanval uit op een basis van {group} nabij {place}; daarbij vielen {n} doden.",
    "{person}, {role} bij {org}, waarschuwt dat het geweld zich uitbreidt naar {place}.",
    "Inwoners van {place} zeggen dat de strijders op motoren kwamen en het dorp in brand staken.",
    "Sinds {year} zijn in de regio meer dan {big} mensen op de vlucht geslagen.",
    "De regering in {place} kondigde {when} een avondklok af die drie dagen zal duren.",
    "Onder de {n} doden zijn {k} militairen en {j} kinderen, aldus het ziekenhuis in {place}.",
    "Analisten zien een verband met eerdere aanvallen in {place} en {place2}, "
    "die ook aan {group} werden toegeschreven.",
    "{person} is sinds {year} leider van {group} en wordt door de Verenigde Staten gezocht.",
    "De ontvoering van {n} leerlingen bij {place} is nog niet opgeëist.",
    "Hulporganisaties konden {place} pas {when} bereiken omdat de weg was afgesloten.",
    "Het is onduidelijk wie achter de beschieting van {place} zit, zei {person}.",
    "Op {day} {month} {year} vielen bij een vergelijkbare aanslag in {place} ruim {n} doden.",
    "{surname} zei later dat de situatie in {place} weer rustig was.",
    "Het Internationaal Comité voor Vluchtelingen (ICV) telde in {place} {big} ontheemden.",
]
HEADLINES = ["Aanslag in {place} eist {n} levens", "ZWARE GEVECHTEN IN {place} VAN {weekday}",
             "{group} eist aanval bij {place} op", "Onrust rond {place} houdt aan",
             "Vluchtelingen uit {place} zoeken onderdak in {place2}"]
BULLETS = ["- {place}: {n} doden, {k} gewonden", "- {place2}: geen slachtoffers gemeld"]


def _fill(template: str, rnd: random.Random) -> str:
    when = rnd.choice(WHEN).format(weekday=rnd.choice(WEEKDAYS), day=rnd.randint(1, 28),
                                   month=rnd.choice(MONTHS), year=rnd.randint(2012, 2024))
    place, place2 = rnd.sample(PLACES, 2)
    filled = template.format(
        weekday=rnd.choice(WEEKDAYS).upper(), place=place, place2=place2, group=rnd.choice(GROUPS),
        org=rnd.choice(ORGS), role=rnd.choice(ROLES), person=f"{rnd.choice(FIRST)} {rnd.choice(LAST)}",
        surname=rnd.choice(LAST).split()[-1], when=when, n=rnd.randint(2, 90), m=rnd.randint(100, 900),
        k=rnd.randint(1, 9), j=rnd.randint(1, 9), big=rnd.choice(["10.000", "25.000", "twee miljoen", "4500"]),
        year=rnd.randint(2012, 2024), day=rnd.randint(1, 28), month=rnd.choice(MONTHS))
    return filled[:1].upper() + filled[1:]


def article(size_bytes: int, seed: int = 7) -> str:
    """A Dutch news-like text of about `size_bytes` UTF-8 bytes: a dateline, then paragraphs (one
    per line, blank lines between), now and then a headline or a short list."""
    rnd = random.Random(seed)
    parts = [f"{rnd.choice(PLACES).upper()}, 14 maart 2024\n\n"]
    size = len(parts[0].encode())
    while size < size_bytes:
        roll = rnd.random()
        if roll < 0.08:
            block = _fill(rnd.choice(HEADLINES), rnd)
        elif roll < 0.12:
            block = "\n".join(_fill(rnd.choice(BULLETS), rnd) for _ in range(rnd.randint(2, 4)))
        else:
            block = " ".join(_fill(rnd.choice(SENTENCES), rnd) for _ in range(rnd.randint(2, 6)))
        block += "\n\n"
        parts.append(block)
        size += len(block.encode())
    return "".join(parts)


def run_one(mb: float) -> dict:
    from kroniek.pipeline import build
    from kroniek.store import Store

    text = article(int(mb * 1_000_000))
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm"
        warm.mkdir()
        (warm / "short.txt").write_text(article(5_000, seed=1), encoding="utf-8")
        t = time.perf_counter()
        build([warm], Store(Path(tmp) / "warm.db"), backend="lite")
        warmup = time.perf_counter() - t
        path = Path(tmp) / "long.txt"
        path.write_text(text, encoding="utf-8")
        t = time.perf_counter()
        report = build([path], Store(Path(tmp) / "bench.db"), backend="lite")
        seconds = time.perf_counter() - t
    if report.skipped or report.warnings:
        raise SystemExit(f"build did not go through: {report.skipped} {report.warnings}")
    real_mb = len(text.encode()) / 1_000_000
    return {"mb": round(real_mb, 3), "seconds": round(seconds, 2), "s_per_mb": round(seconds / real_mb, 2),
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "warmup_s": round(warmup, 2), "mentions": report.mentions, "entities": report.entities,
            "events": report.events,
            "stages": {k: round(v, 2) for k, v in report.seconds.items()}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.1, 0.5, 1, 2], help="article sizes in MB")
    ap.add_argument("--one", type=float, help=argparse.SUPPRESS)  # the child process: one size, JSON out
    ap.add_argument("--json", help="also write the figures here")
    a = ap.parse_args(argv)
    if a.one is not None:
        print(json.dumps(run_one(a.one)))
        return 0
    rows = []
    print(f"{'MB':>6} {'s':>8} {'s/MB':>8} {'peak MB':>8}  stages (s)")
    for mb in a.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(mb)], capture_output=True, text=True)
        if out.returncode:
            print(out.stderr, file=sys.stderr)
            return out.returncode
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        stages = " ".join(f"{k}={v}" for k, v in row["stages"].items())
        print(f"{row['mb']:>6} {row['seconds']:>8} {row['s_per_mb']:>8} {row['peak_mb']:>8}  {stages}", flush=True)
    per_mb = [r["s_per_mb"] for r in rows]
    print(f"worst/best s/MB: {max(per_mb) / min(per_mb):.2f}")
    if a.json:
        Path(a.json).write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
