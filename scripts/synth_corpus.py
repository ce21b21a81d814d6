"""Synthetic news articles for scale benchmarks and fault tests: many distinct events, each told by
1-20 outlets in Dutch or English with their own figures, date forms, place forms and name variants.

    .venv/bin/python scripts/synth_corpus.py OUT --articles 1000 --seed 1

Every sentence comes from the templates below (written for kroniek; groups, towns, people and outlets
are invented, the countries are real). The same seed gives the same files, byte for byte. Articles lie
in folders of 1,000 (`OUT/0000/`, `OUT/0001/`, ...) so a 100k corpus does not fill one directory.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

# invented towns, each in a real country
PLACES = [
    ("Korvana", "Mali"), ("Tessamit", "Mali"), ("Ouldabé", "Mali"), ("Mbelo", "Niger"), ("Targalit", "Niger"),
    ("Sankoura", "Niger"), ("Djibanga", "Burkina Faso"), ("Fadoumé", "Burkina Faso"), ("Kiryago", "Burkina Faso"),
    ("Bawaru", "Nigeria"), ("Ngaleri", "Nigeria"), ("Tumbadi", "Nigeria"), ("Abéché-Nord", "Chad"),
    ("Massakory-Est", "Chad"), ("Garsoor", "Somalia"), ("Baydhaale", "Somalia"), ("Kulmiso", "Somalia"),
    ("Mandera-Ost", "Kenya"), ("Lamuriti", "Kenya"), ("Palmarosa", "Mozambique"), ("Quissanga-Alta", "Mozambique"),
    ("Kolofata-Sud", "Cameroon"), ("Mokolowa", "Cameroon"), ("Diffaro", "Niger"), ("Youmbéla", "Mali"),
]
# invented armed groups: (English name, Dutch name, short name)
GROUPS = [
    ("Front for the Liberation of the Dunes", "Front voor de Bevrijding van de Duinen", "FLD"),
    ("Brigade of the Red Wells", "Brigade van de Rode Bronnen", "BRW"),
    ("Movement of the Eastern Plains", "Beweging van de Oostelijke Vlakten", "MEP"),
    ("Army of the Silent River", "Leger van de Stille Rivier", "ASR"),
    ("Coalition of the Southern Hills", "Coalitie van de Zuidelijke Heuvels", "CSH"),
    ("Legion of the Salt Road", "Legioen van de Zoutweg", "LSR"),
    ("Guardians of the Baobab Network", "Wachters van het Baobabnetwerk", "GBN"),
    ("Union of the Lake Fighters", "Unie van de Meerstrijders", "ULF"),
]
# invented people: (given name, family name)
PEOPLE = [
    ("Amadou", "Tessiro"), ("Mariam", "Kolenga"), ("Ibrahim", "Souvané"), ("Fatouma", "Drabelo"),
    ("Yusuf", "Mbarenga"), ("Aïcha", "Toumbaré"), ("Hamid", "Guerrano"), ("Salif", "Korodjé"),
    ("Nadia", "Elmaroun"), ("Oumar", "Bakassé"), ("Kadidja", "Sarrafou"), ("Moussa", "Delkaro"),
]
ROLES_EN = ["army spokesman", "regional governor", "police commander", "local mayor", "interior minister"]
ROLES_NL = ["legerwoordvoerder", "regiogouverneur", "politiecommandant", "burgemeester", "minister van Binnenlandse Zaken"]
OUTLETS = [
    ("Sahel Courier", "en"), ("Dune Morning Post", "en"), ("Riverside Herald", "en"), ("Plains Daily", "en"),
    ("Horizon Wire", "en"), ("Savanna Times", "en"), ("Atlas Report", "en"), ("Crossroads News", "en"),
    ("Eastern Lantern", "en"), ("Harmattan Review", "en"), ("De Avondpost", "nl"), ("Het Zuiderblad", "nl"),
    ("Nieuwsbode", "nl"), ("De Grensstem", "nl"), ("Dagblad Oost", "nl"), ("De Wereldwacht", "nl"),
    ("Kompasnieuws", "nl"), ("Het Ochtendlicht", "nl"), ("Trans-Sahara Bulletin", "en"), ("De Verre Kust", "nl"),
]
# event kinds: (English noun, Dutch noun, English sentence, Dutch sentence), {where} filled in
KINDS = [
    ("bombing", "bomaanslag", "Gunmen set off a bomb {where}", "Gewapende mannen brachten {where} een bom tot ontploffing"),
    ("attack", "aanslag", "Gunmen attacked a crowd {where}", "Gewapende mannen vielen {where} een menigte aan"),
    ("ambush", "hinderlaag", "Gunmen ambushed a convoy {where}", "Gewapende mannen lokten {where} een konvooi in een hinderlaag"),
    ("kidnapping", "ontvoering", "Gunmen seized aid workers {where}", "Gewapende mannen ontvoerden {where} hulpverleners"),
    ("shelling", "beschieting", "Fighters shelled homes {where}", "Strijders beschoten {where} woningen"),
    ("shooting", "schietpartij", "Gunmen opened fire {where}", "Gewapende mannen openden {where} het vuur"),
]
FACILITIES = [("market", "markt"), ("school", "school"), ("checkpoint", "controlepost"), ("bus station", "busstation"),
              ("clinic", "kliniek"), ("mosque", "moskee"), ("army base", "legerbasis"), ("village", "dorp")]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
             "november", "december"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DAYS_NL = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
NUMBERS_EN = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
NUMBERS_NL = ["geen", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf"]

# sentences that carry no new fact, for realistic lengths; {place} and {country} filled in
FILLER_EN = [
    "Residents of {place} described a tense night, with shops closed early and few people on the streets.",
    "Several families said they had packed their belongings in case they needed to leave quickly.",
    "The region around {place} has seen repeated violence over the past two years.",
    "Humanitarian organisations say access to the area remains difficult because of poor roads and insecurity.",
    "Farmers in the area complain that the rainy season has been short this year.",
    "The price of grain at the local market has nearly doubled since January, traders said.",
    "Analysts say armed groups in {country} have taken advantage of weak state presence in rural districts.",
    "Some of the groups collect taxes from herders and control the roads between villages.",
    "A teacher in {place}, who asked not to be named, said that classes had been suspended for a week.",
    "Many pupils have not returned to school since the previous incident, parents said.",
    "The government of {country} has promised more patrols and a new programme of road building.",
    "Critics say similar promises were made before without visible results.",
    "Clinics in the district are short of medicine, according to health workers.",
    "Patients often travel for hours to reach the nearest hospital.",
    "Local radio stations broadcast appeals for calm throughout the day.",
    "Community leaders met in the evening to discuss how to protect the weekly market.",
    "Observers note that the rivalry between armed factions has shifted several times this year.",
    "Fighters have changed sides as alliances broke down, a researcher said.",
    "Aid convoys travelling to {place} were delayed for several days last month.",
    "Mobile phone coverage in the area is patchy, which makes it hard to confirm reports quickly.",
    "Journalists have limited access to the region, and figures could not be verified independently.",
    "The road from {place} to the regional capital was closed for most of the afternoon.",
]
FILLER_NL = [
    "Inwoners van {place} spraken van een onrustige nacht, waarin winkels vroeg sloten.",
    "Verschillende families zeiden dat ze hun spullen al hadden ingepakt.",
    "De regio rond {place} kent al twee jaar herhaaldelijk geweld.",
    "Hulporganisaties zeggen dat het gebied moeilijk bereikbaar blijft door slechte wegen en onveiligheid.",
    "Boeren in de omgeving klagen dat het regenseizoen dit jaar kort was.",
    "De prijs van graan op de lokale markt is sinds januari bijna verdubbeld, zeggen handelaren.",
    "Volgens analisten maken gewapende groepen in {country} gebruik van de zwakke aanwezigheid van de staat.",
    "Sommige groepen heffen belasting bij herders en controleren de wegen tussen dorpen.",
    "Een leraar in {place}, die anoniem wilde blijven, zei dat de lessen een week zijn stilgelegd.",
    "Veel leerlingen zijn sinds het vorige incident niet teruggekomen, zeggen ouders.",
    "De regering van {country} belooft meer patrouilles en de aanleg van nieuwe wegen.",
    "Critici zeggen dat zulke beloften al eerder zijn gedaan zonder zichtbaar resultaat.",
    "Klinieken in het district hebben te weinig medicijnen, aldus gezondheidswerkers.",
    "Patiënten reizen vaak uren naar het dichtstbijzijnde ziekenhuis.",
    "Lokale radiozenders riepen de hele dag op tot kalmte.",
    "Dorpsoudsten kwamen 's avonds bijeen om te bespreken hoe de wekelijkse markt beschermd kan worden.",
    "Waarnemers wijzen erop dat de rivaliteit tussen gewapende facties dit jaar meermaals is verschoven.",
    "Strijders wisselden van kant toen bondgenootschappen uiteenvielen, zegt een onderzoeker.",
    "Hulpkonvooien naar {place} liepen vorige maand dagen vertraging op.",
    "Het mobiele netwerk in het gebied is slecht, waardoor berichten moeilijk snel te bevestigen zijn.",
    "Journalisten hebben weinig toegang tot de regio en de cijfers konden niet onafhankelijk worden nagegaan.",
    "De weg van {place} naar de regionale hoofdstad was het grootste deel van de middag afgesloten.",
]


@dataclass(frozen=True)
class Event:
    kind: int
    place: int
    facility: int
    group: int
    person: int
    role: int
    day: dt.date
    killed: int
    injured: int
    claimed: bool


def make_event(rng: random.Random) -> Event:
    day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
    killed = rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 60])
    return Event(rng.randrange(len(KINDS)), rng.randrange(len(PLACES)), rng.randrange(len(FACILITIES)),
                 rng.randrange(len(GROUPS)), rng.randrange(len(PEOPLE)), rng.randrange(len(ROLES_EN)), day,
                 killed, rng.randrange(0, 3 * killed + 5), rng.random() < 0.5)


def outlets_for(rng: random.Random) -> int:
    """How many outlets report an event: 1-20, most events by few."""
    return min(20, max(1, int(rng.paretovariate(1.2))))


def _figure(rng: random.Random, n: int, lang: str) -> str:
    """A figure as an outlet gives it: a little off, in words or digits, or hedged."""
    n = max(0, n + rng.choice([0, 0, 0, -1, 1, 2, -2]) if n > 2 else n)
    words = NUMBERS_EN if lang == "en" else NUMBERS_NL
    if n < len(words) and rng.random() < 0.5:
        text = words[n]
    else:
        text = str(n)
    if n > 3 and rng.random() < 0.3:
        text = ("at least " if lang == "en" else "zeker ") + text
    return text


def _date_form(rng: random.Random, day: dt.date, published: dt.date, lang: str) -> str:
    """When it happened, as an outlet writes it relative to its own publication date."""
    gap = (published - day).days
    if lang == "en":
        forms = [f"on {day.day} {MONTHS_EN[day.month - 1]} {day.year}", f"on {MONTHS_EN[day.month - 1]} {day.day}",
                 f"on {DAYS_EN[day.weekday()]}"]
        if gap == 1:
            forms.append("yesterday")
    else:
        forms = [f"op {day.day} {MONTHS_NL[day.month - 1]} {day.year}", f"op {day.day} {MONTHS_NL[day.month - 1]}",
                 f"op {DAYS_NL[day.weekday()]}"]
        if gap == 1:
            forms.append("gisteren")
    return rng.choice(forms)


def _place_form(rng: random.Random, ev: Event, lang: str) -> str:
    town, country = PLACES[ev.place]
    if lang == "en":
        fac = FACILITIES[ev.facility][0]
        return rng.choice([f"in {town}", f"in the town of {town}", f"in {town}, {country}",
                           f"at the {fac} in {town}", f"near {town} in {country}"])
    fac = FACILITIES[ev.facility][1]
    return rng.choice([f"in {town}", f"in het stadje {town}", f"in {town} in {country}",
                       f"bij de {fac} van {town}", f"nabij {town} in {country}"])


def _group_form(rng: random.Random, ev: Event, lang: str, first: bool) -> str:
    en, nl, short = GROUPS[ev.group]
    full = en if lang == "en" else nl
    if first:
        cue = "also known as" if lang == "en" else "ook bekend als"
        return rng.choice([f"the {full} ({short})" if lang == "en" else f"het {full} ({short})",
                           f"the {full}, {cue} {short}," if lang == "en" else f"het {full}, {cue} {short},",
                           short])
    return rng.choice([short, short, f"the {full}" if lang == "en" else f"het {full}"])


def _person_form(rng: random.Random, ev: Event, lang: str) -> str:
    given, family = PEOPLE[ev.person]
    role = (ROLES_EN if lang == "en" else ROLES_NL)[ev.role]
    return rng.choice([f"{role} {given} {family}", f"{given} {family}, {role},", f"{given[0]}. {family}",
                       f"{role} {family}"])


def article(rng: random.Random, ev: Event, outlet: int) -> str:
    """One outlet's report of `ev`: header, lead, details, quote, filler up to 150-600 words."""
    name, lang = OUTLETS[outlet]
    published = ev.day + dt.timedelta(days=rng.choice([0, 1, 1, 1, 2, 3]))
    town, country = PLACES[ev.place]
    noun_en, noun_nl, verb_en, verb_nl = KINDS[ev.kind]
    killed, injured = _figure(rng, ev.killed, lang), _figure(rng, ev.injured, lang)
    when, where = _date_form(rng, ev.day, published, lang), _place_form(rng, ev, lang)
    group, group_again = _group_form(rng, ev, lang, True), _group_form(rng, ev, lang, False)
    person = _person_form(rng, ev, lang)
    paras = []
    if lang == "en":
        title = rng.choice([f"{noun_en.capitalize()} in {town}", f"{killed.capitalize()} dead in {town} {noun_en}",
                            f"{country}: {noun_en} near {town}"])
        dateline = rng.choice(["", f"{town.upper()}, {MONTHS_EN[published.month - 1]} {published.day}, {published.year} - "])
        an = "An" if noun_en[0] in "aeiou" else "A"
        paras.append(f"{dateline}{an} {noun_en} {where} killed {killed} people and injured {injured} others {when}, "
                     f"{name} has learned.")
        paras.append(verb_en.format(where=where) + " in the early morning, witnesses said. "
                     f"{person[0].upper() + person[1:]} said {killed} people had died.")
        if ev.claimed:
            paras.append(f"{group[0].upper() + group[1:]} claimed responsibility for the {noun_en} in a statement. "
                         f"{group_again} has carried out similar attacks in {country} before.")
        else:
            paras.append(f"No group has claimed the {noun_en}. Officials suspect {group}, which is active in the area.")
        paras.append(f"\"We will not let {group_again} frighten the people of {town}\", {person} told reporters.")
        fillers = FILLER_EN
    else:
        title = rng.choice([f"{noun_nl.capitalize()} in {town}", f"{killed.capitalize()} doden bij {noun_nl} in {town}",
                            f"{country}: {noun_nl} nabij {town}"])
        dateline = rng.choice(["", f"{town}, {published.day} {MONTHS_NL[published.month - 1]} {published.year} - "])
        paras.append(f"{dateline}Bij een {noun_nl} {where} zijn {when} {killed} mensen om het leven gekomen en "
                     f"{injured} gewond geraakt, meldt {name}.")
        paras.append(verb_nl.format(where=where) + f", zeggen ooggetuigen. Volgens {person} kwamen "
                     f"{killed} mensen om.")
        if ev.claimed:
            paras.append(f"{group[0].upper() + group[1:]} eiste de {noun_nl} op in een verklaring. "
                         f"{group_again} pleegde eerder soortgelijke aanslagen in {country}.")
        else:
            paras.append(f"Niemand heeft de {noun_nl} opgeëist. De autoriteiten verdenken {group}, dat in de "
                         f"regio actief is.")
        paras.append(f"\"Wij laten ons niet bang maken door {group_again}\", zei {person}.")
        fillers = FILLER_NL
    target = rng.randint(150, 600)
    words = sum(len(p.split()) for p in paras)
    while words < target:  # a paragraph of two or three filler sentences, in a random order
        text = " ".join(rng.sample(fillers, rng.randint(2, 3))).format(place=town, country=country)
        paras.insert(rng.randint(2, len(paras)), text)
        words += len(text.split())
    header = f"date {published.isoformat()} " if rng.random() < 0.7 else ""
    return f"{header}{title}\n\n" + "\n\n".join(paras) + "\n"


def generate(out: Path, articles: int, seed: int = 1) -> list[Path]:
    """Write `articles` files under `out`; returns their paths. Deterministic for a seed."""
    rng = random.Random(seed)
    written: list[Path] = []
    while len(written) < articles:
        ev = make_event(rng)
        for outlet in rng.sample(range(len(OUTLETS)), outlets_for(rng)):
            if len(written) == articles:
                break
            n = len(written)
            folder = out / f"{n // 1000:04d}"
            folder.mkdir(parents=True, exist_ok=True)
            slug = OUTLETS[outlet][0].lower().replace(" ", "-")
            path = folder / f"{n:06d}-{slug}.txt"
            path.write_text(article(rng, ev, outlet), encoding="utf-8")
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="folder to write the articles in (made if need be)")
    ap.add_argument("--articles", type=int, default=1000, help="how many articles (default 1000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same corpus")
    a = ap.parse_args(argv)
    paths = generate(a.out, a.articles, a.seed)
    print(f"wrote {len(paths)} articles under {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
