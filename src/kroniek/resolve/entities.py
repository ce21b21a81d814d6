"""Resolve stage: group mentions across the corpus into entities.

Mentions are joined when they share a gazetteer key, when they are the same name, when the text
says so (alias links), when one is the surname, the initialled name or the reordered name of a person
named in full, when an acronym spells an organisation's name in the same document, or when their
names differ only in spelling (rapidfuzz). Two gazetteer entries are never joined, whatever a text says:
that refusal is kept as a negative `Judgement`, like every other merge decision, so an analyst can
see and reverse it.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from rapidfuzz import fuzz

from .. import gazetteer
from ..data import is_particle_name
from ..model import AliasLink, Entity, Judgement, Mention, stable_id, stage

FUZZY_MIN_SCORE = 92
FUZZY_MIN_LENGTH = 8
FUZZY_MIN_WORD = 80
LABEL_WEIGHT = {"PER": 1.0, "ORG": 1.0, "LOC": 1.0, "MISC": 0.4}
INITIAL = re.compile(r"[A-Z]\.?")


class _Clusters:
    """Union-find over mention ids that refuses to join two different gazetteer keys."""

    def __init__(self, mentions: Iterable[Mention], apart: Iterable[tuple[str, str]] = ()) -> None:
        self.parent: dict[str, str] = {}
        self.keys: dict[str, str | None] = {}
        for m in mentions:
            self.parent[m.id] = m.id
            self.keys[m.id] = m.key
        self.apart = [(a, b) for a, b in apart if a in self.parent and b in self.parent]

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str, force: bool = False) -> bool:
        """Join the clusters of `a` and `b`; `force` (an analyst's decision) overrides the gazetteer rule."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ka, kb = self.keys[ra], self.keys[rb]
        if ka and kb and ka != kb and not force:
            return False
        if any({self.find(x), self.find(y)} == {ra, rb} for x, y in self.apart):
            return False  # an analyst said these stay apart
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.keys[ra] = ka or kb
        return True


def _words(text: str) -> list[str]:
    return gazetteer.squash(text).replace("-", " - ").split()


@stage("resolve", ("stored",), ("entities", "judgements"))
def resolve_entities(mentions: list[Mention], links: Iterable[AliasLink] = (),
                     decided: Iterable[Judgement] = ()) -> tuple[list[Entity], list[Judgement]]:
    """Entities over all `mentions`, and the judgements taken while merging.

    `decided` are an analyst's judgements between mention ids: negative ones are never crossed,
    positive ones join the two entities whole, even two gazetteer entries.
    """
    decided, links = list(decided), list(links)
    clusters = _Clusters(mentions, [(j.a, j.b) for j in decided if j.verdict == "negative"])
    judgements: list[Judgement] = []
    by_id = {m.id: m for m in mentions}

    tails = _surname_index(mentions)
    by_key: dict[str, str] = {}
    by_name: dict[str, str] = {}
    surnames: list[Mention] = []
    # a mention an analyst keeps apart from another is no name's or key's root: were it one, the other
    # mentions of its name would follow it out of their actor. The first of such a pair (the mention split
    # off, "split this mention off") comes last, so the second joins its name first and the first stays out
    split_off = {j.a for j in decided if j.verdict == "negative"}
    kept_from = {j.b for j in decided if j.verdict == "negative"}
    for m in sorted(mentions, key=lambda m: (m.id in split_off, m.id in kept_from, m.id)):
        if m.key:
            clusters.union(by_key.setdefault(m.key, m.id), m.id)
        elif m.label in ("PER", "MISC") and gazetteer.fold(m.text) in tails:
            surnames.append(m)  # "Jansen" alone: which Jansen is decided below, not by the name alone
            continue
        clusters.union(by_name.setdefault(gazetteer.fold(m.text), m.id), m.id)

    for link in links:
        if link.a not in by_id or link.b not in by_id:
            continue
        ok = clusters.union(link.a, link.b)
        judgements.append(Judgement(link.a, link.b, "positive" if ok else "negative",
                                    f"alias statement ({link.cue})" if ok else
                                    f"alias statement ({link.cue}) joins two known organisations or places"))

    _join_initials(mentions, clusters, judgements)
    _join_word_orders(mentions, clusters, judgements)
    _join_surnames(surnames, tails, clusters, judgements)
    _join_acronyms(mentions, clusters, judgements)
    _join_spellings(mentions, clusters, judgements)
    for j in decided:  # last, so that the entities the analyst saw are joined whole
        if j.verdict == "positive" and j.a in by_id and j.b in by_id:
            clusters.union(j.a, j.b, force=True)

    members: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        members[clusters.find(m.id)].append(m)
    # a name that a text defines with an acronym in brackets ("Bordurian Relief Council (BRC)") is an
    # organisation's, whatever type the name alone got: events, places and people are not so defined
    defined = {x for link in links if link.cue == "brackets" and link.a in by_id and link.b in by_id
               and any(gazetteer.is_acronym(by_id[y].text) for y in (link.a, link.b)) for x in (link.a, link.b)}
    entities = sorted((_entity(ms, defined) for ms in members.values()), key=lambda e: min(m.id for m in e.mentions))
    seen: set[str] = set()
    for i, e in enumerate(entities):  # two entities may share a key or a name once kept apart: ids stay unique
        if e.id in seen:
            entities[i] = replace(e, id=stable_id("E", e.id, min(m.id for m in e.mentions)))
        seen.add(entities[i].id)
    return entities, judgements


def _cluster_label(ms: list[Mention]) -> str:
    # an untyped mention that is the surname of a person named in full in the cluster is that person
    # ("Ahmed Abdi Godane" once, "Godane" ten times untyped)
    tails = {gazetteer.fold(" ".join(w[k:])) for m in ms if m.label == "PER" and len(w := _words(m.text)) >= 2
             for k in range(1, len(w))}
    votes: Counter = Counter()
    for m in ms:
        label = "PER" if m.label == "MISC" and gazetteer.fold(m.text) in tails else m.label
        votes[label] += LABEL_WEIGHT.get(label, 0.5) * (50 if m.key else 1)
    return max(sorted(votes), key=lambda lab: votes[lab])


def _surname_index(mentions: list[Mention]) -> dict[str, list[Mention]]:
    """Folded trailing words of every full person name ("jadoon", "vandongen") to those names."""
    tails: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        words = _words(m.text)
        if m.label == "PER" and len(words) >= 2:
            for k in range(1, len(words)):
                tails[gazetteer.fold(" ".join(words[k:]))].append(m)
            if is_particle_name(words[-1]):
                tails[gazetteer.fold(words[-1].partition("-")[2])].append(m)  # "Jolani" for "Abu Mohammed al-Jolani"
    return tails


def _join_surnames(surnames: list[Mention], tails: dict[str, list[Mention]], clusters: _Clusters,
                   judgements: list[Judgement]) -> None:
    """"Okafor" joins "Grace Okafor" named in the same document, else the only person of that surname in the
    corpus. Where that is ambiguous, bare surnames join only each other within their own document."""
    unresolved: dict[tuple[str, str], str] = {}
    # the full names of a surname in each document, and whether all of the corpus's are one person: both
    # were read from the whole list for each mention, which made a surname told often quadratic
    in_doc: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    named: dict[str, set[str]] = {}
    for key, full in tails.items():
        for f in full:
            in_doc[(key, f.span.doc)].append(f)
        named[key] = {f.id for f in full}
    together = _Together(clusters)
    # the longer of two surnames first: "Masood Azhar" joins "Maulana Masood Azhar" before "Azhar" looks
    # for its person, who is then one cluster and not two
    for m in sorted(surnames, key=lambda m: (-len(_words(m.text)), m.id)):
        key = gazetteer.fold(m.text)
        if m.id in named.get(key, ()):  # a name that is its own surname's full name: the list less itself
            candidates = [f for f in tails[key] if f.id != m.id]
            pools = [[f for f in candidates if f.span.doc == m.span.doc], candidates]
            one = [len({clusters.find(f.id) for f in pool}) == 1 for pool in pools]
        else:
            pools = [in_doc.get((key, m.span.doc), []), tails.get(key, [])]
            one = [len({clusters.find(f.id) for f in pools[0]}) == 1, None]
        for n, pool in enumerate(pools):
            if pool and (one[n] if one[n] is not None else together(key, pool)) and clusters.union(pool[0].id, m.id):
                judgements.append(Judgement(pool[0].id, m.id, "positive", "surname of a person named in full"))
                break
        else:
            clusters.union(unresolved.setdefault((m.span.doc, key), m.id), m.id)


class _Together:
    """Whether all mentions of a list are in one cluster, remembered across the unions that follow:
    unions only join, so a list found in one cluster stays in one, and a list found split stays split
    while the two mentions that showed it are apart."""

    def __init__(self, clusters: _Clusters) -> None:
        self.clusters = clusters
        self.seen: dict[str, bool | tuple[str, str]] = {}

    def __call__(self, key: str, pool: list[Mention]) -> bool:
        find, known = self.clusters.find, self.seen.get(key)
        if known is True:
            return True
        if known is not None and find(known[0]) != find(known[1]):
            return False
        first = find(pool[0].id)
        apart = next((f for f in pool if find(f.id) != first), None)
        self.seen[key] = True if apart is None else (pool[0].id, apart.id)
        return apart is None


def _initialled(words: list[str]) -> bool:
    return len(words) >= 2 and INITIAL.fullmatch(words[-1]) is not None


def _join_initials(mentions: list[Mention], clusters: _Clusters, judgements: list[Judgement]) -> None:
    """"Ahmet K." joins "Ahmet Kaya" of the same document: Dutch and Belgian news name a suspect by an
    initial once the full name is out. Only where one person of the document fits."""
    full: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        words = _words(m.text)
        if m.label == "PER" and len(words) >= 2 and not _initialled(words):
            full[(m.span.doc, gazetteer.fold(" ".join(words[:-1])) + " " + words[-1][:1].upper())].append(m)
    for m in mentions:
        words = _words(m.text)
        if m.label != "PER" or not _initialled(words):
            continue
        pool = full.get((m.span.doc, gazetteer.fold(" ".join(words[:-1])) + " " + words[-1][:1]), [])
        if pool and len({clusters.find(f.id) for f in pool}) == 1 and clusters.union(pool[0].id, m.id):
            judgements.append(Judgement(pool[0].id, m.id, "positive", "initial of a person named in full"))


def _join_word_orders(mentions: list[Mention], clusters: _Clusters, judgements: list[Judgement]) -> None:
    """"Maulana Azhar Masood" is "Maulana Masood Azhar" of the same document: a name of three words or more
    with its words in another order (given and family names are swapped in transcription). Only where one
    person of the document has those words."""
    bags: dict[tuple[str, tuple[str, ...]], list[Mention]] = defaultdict(list)
    for m in mentions:
        words = _words(m.text)
        if m.label == "PER" and len(words) >= 3:
            bags[(m.span.doc, tuple(sorted(gazetteer.fold(w) for w in words)))].append(m)
    for pool in bags.values():
        if len({gazetteer.fold(m.text) for m in pool}) < 2:
            continue
        for m in pool[1:]:
            if clusters.find(m.id) != clusters.find(pool[0].id) and clusters.union(pool[0].id, m.id):
                judgements.append(Judgement(pool[0].id, m.id, "positive", "the same name in another word order"))


def _join_acronyms(mentions: list[Mention], clusters: _Clusters, judgements: list[Judgement]) -> None:
    """"CRPF" joins "Central Reserve Police Force" of the same document though no bracket ties them: an acronym
    of three letters or more that spells the initials of one organisation's name there, in order. Known
    organisations are not matched this way: the gazetteer already knows their acronyms."""
    names: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.label in ("ORG", "MISC") and not m.key and len(_words(m.text)) >= 3 and not gazetteer.is_acronym(m.text):
            names[(m.span.doc, _initials(m.text))].append(m)
    found: dict[str, list[tuple[Mention, Mention]]] = defaultdict(list)  # the acronym's cluster -> (name, acronym)
    for m in mentions:
        if m.label != "ORG" or m.key or not gazetteer.is_acronym(m.text) or not m.text.isalpha() or len(m.text) < 3:
            continue
        pool = names.get((m.span.doc, m.text.upper()), [])
        if pool and len({clusters.find(f.id) for f in pool}) == 1 and clusters.find(pool[0].id) != clusters.find(m.id):
            found[clusters.find(m.id)].append((pool[0], m))
    for pairs in found.values():
        if len({clusters.find(name.id) for name, _ in pairs}) > 1:
            continue  # one acronym spells two names in two documents: which one it is stays open
        for name, m in pairs:
            if clusters.union(name.id, m.id):
                judgements.append(Judgement(name.id, m.id, "positive", "acronym of a name in the same document"))


def _initials(name: str) -> str:
    """The capitals that open the words of a name ("Jamaat-ul-Mujahideen India": "JMI")."""
    return "".join(w[0] for w in re.findall(r"[^\W\d_][\w'’]*", name) if w[0].isupper())


def _join_spellings(mentions: list[Mention], clusters: _Clusters, judgements: list[Judgement]) -> None:
    """Organisation names that differ by a letter ("Haqqani-netwerk" / "Haqqani netwerk" is already one fold;
    "Hayat Tahrir al-Sham" / "Hayat Tahrir as-Sham" is this). Persons only with three words or more and the
    same last word ("Abu Mohammad al-Kalimi" / "Abu Mohamed al-Kalimi"): Jansen and Janssen are different
    people, and so may be Ali and Ari Jansen. Names with digits are left out ("Brigade 1" is not "Brigade 11").
    Compared within blocks of the same opening letters and label, so a corpus with many names stays near-linear."""
    names: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {}
    by_id = {m.id: m for m in mentions}
    for m in mentions:
        if m.key or len(m.text) < FUZZY_MIN_LENGTH or any(c.isdigit() for c in m.text):
            continue
        words = tuple(gazetteer.fold(w) for w in _words(m.text) if gazetteer.fold(w))
        if m.label == "ORG":
            names.setdefault((gazetteer.fold(m.text), "ORG"), (m.id, words))
        elif m.label in ("PER", "MISC") and len(words) >= 3:  # an untyped name may be a person's
            names.setdefault((gazetteer.fold(m.text), "PER"), (m.id, words))
    blocks: dict[tuple, list[tuple[str, str, tuple[str, ...]]]] = defaultdict(list)
    for (name, label), (mid, words) in sorted(names.items()):
        blocks[(name[:3], label, len(words), words[-1] if label == "PER" else "")].append((name, mid, words))
    for (_, label, *_), block in blocks.items():
        for i, (a, ida, wa) in enumerate(block):
            for b, idb, wb in block[i + 1:]:
                if abs(len(a) - len(b)) > 3 or clusters.find(ida) == clusters.find(idb):
                    continue
                # a person's given names are compared word by word: "Mohammad" and "Mohamed" are one name
                alike = all(fuzz.ratio(x, y) >= FUZZY_MIN_WORD for x, y in zip(wa, wb)) if label == "PER" \
                    else fuzz.ratio(a, b) >= FUZZY_MIN_SCORE
                if label == "PER" and "PER" not in (by_id[ida].label, by_id[idb].label):
                    continue  # two untyped names are not joined for their spelling
                if alike and clusters.union(ida, idb):
                    judgements.append(Judgement(ida, idb, "positive", "spelling variant (rapidfuzz)"))


def _entity(ms: list[Mention], defined: set[str] = frozenset()) -> Entity:
    gaz = gazetteer.load()
    key = next((m.key for m in ms if m.key), None)
    entry = gaz.entries.get(key) if key else None
    label = entry.type if entry else _cluster_label(ms)
    if label == "MISC" and any(m.id in defined for m in ms):
        label = "ORG"
    surfaces = Counter(gazetteer.squash(m.text) for m in ms)
    written = [s for s in sorted(surfaces) if not (s.isupper() and len(s) > 4)]  # not "OUAGADOUGOU" from a dateline
    if entry and (not entry.key.startswith("geo:") or not written):
        name = entry.name
    else:  # a city is called as the texts call it, not by its transliterated GeoNames name ("Ḩamāh")
        name = max(written or sorted(surfaces),
                   key=lambda s: (min(len(s.split()), 6), not _initialled(s.split()), surfaces[s]))
    aliases = tuple(sorted(s for s in surfaces if s != name))
    ident = stable_id("E", key) if key else stable_id("E", label, gazetteer.fold(name))
    return Entity(ident, label, name, aliases, tuple(ms), key=key,
                  lat=entry.lat if entry else None, lon=entry.lon if entry else None,
                  country=entry.country if entry else None)
