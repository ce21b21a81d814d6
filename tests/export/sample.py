"""A small knowledge base built by hand from two articles written for these tests, and the same
knowledge base in a store, so every export can be checked against the values it was made from."""
from __future__ import annotations

from dataclasses import replace

from kroniek.model import (
    Attribution,
    Claim,
    Conflict,
    DateValue,
    Entity,
    Event,
    KnowledgeBase,
    Mention,
    Quote,
    Range,
    Relation,
    Report,
    Span,
)

from ..conftest import assert_spans_match, make_doc

EN = ("Market attack in Kismayo\n\n"
      "On 4 March 2023 a suicide bomber killed at least 12 people and wounded 30 at the fish market in Kismayo. "
      "Al-Shabaab, also known as Harakat al-Shabaab, claimed the attack through its radio station. "
      "Commander Ali Dheere leads al-Shabaab. The group is a rival of the Islamic State in Somalia.")
NL = ("Aanslag op vismarkt\n\n"
      "Bij de aanslag op de vismarkt van Kismayo kwamen zaterdag vijftien mensen om. "
      "Woordvoerder Abdi Noor zegt dat al-Shabaab meer dan 7000 strijders heeft. "
      "\"Wij geven niet op\", zei Abdi Noor. \"De strijd gaat door.\" al-Shabaab is actief in Somalië.")


def _at(text: str, doc_id: str, phrase: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(doc_id, start, start + len(phrase))


def small_kb() -> KnowledgeBase:
    en = replace(make_doc(EN, "market-en", "en"), title="Market attack in Kismayo",
                 url="https://www.example-news.org/2023/03/04/kismayo-market", published=DateValue("2023-03-04", "url"))
    nl = replace(make_doc(NL, "vismarkt_nl", "nl"), title="Aanslag op vismarkt", published=DateValue("2023-03-05", "header"),
                 url="https://nieuws.example.nl/buitenland/vismarkt")

    def mention(doc, phrase: str, label: str, nth: int = 0) -> Mention:
        span = _at(doc.text, doc.id, phrase, nth)
        return Mention(f"M-{doc.id}-{span.start}", span, phrase, label, "test")

    shabaab = Entity("E-shabaab", "ORG", "al-Shabaab", ("Al-Shabaab", "Harakat al-Shabaab"),
                     (mention(en, "Al-Shabaab", "ORG"), mention(en, "Harakat al-Shabaab", "ORG"),
                      mention(en, "al-Shabaab", "ORG", 1), mention(nl, "al-Shabaab", "ORG"),
                      mention(nl, "al-Shabaab", "ORG", 1)), key="group:al-shabaab")
    isis = Entity("E-iss", "ORG", "Islamic State in Somalia", (), (mention(en, "Islamic State in Somalia", "ORG"),))
    ali = Entity("E-ali", "PER", "Ali Dheere", (), (mention(en, "Ali Dheere", "PER"),))
    abdi = Entity("E-abdi", "PER", "Abdi Noor", (), (mention(nl, "Abdi Noor", "PER"), mention(nl, "Abdi Noor", "PER", 1)))
    kismayo = Entity("E-kismayo", "LOC", "Kismayo", (), (mention(en, "Kismayo", "LOC", 1), mention(nl, "Kismayo", "LOC")),
                     key="geo:kismayo", lat=-0.35833, lon=42.54556, country="SO")
    somalia = Entity("E-somalia", "LOC", "Somalia", ("Somalië",), (mention(nl, "Somalië", "LOC"),), key="country:SO")
    office = Entity("E-office", "MISC", "Woordvoerder", (), (mention(nl, "Woordvoerder", "MISC"),))
    entities = [shabaab, isis, ali, abdi, kismayo, somalia, office]

    en_attack = _at(EN, en.id, "On 4 March 2023 a suicide bomber killed at least 12 people and wounded 30 at the fish "
                               "market in Kismayo.")
    nl_attack = _at(NL, nl.id, "Bij de aanslag op de vismarkt van Kismayo kwamen zaterdag vijftien mensen om.")
    reports = (Report(en.id, en_attack, killed=Range(12, None), injured=Range(30, 30), date="2023-03-04",
                      subtype="suicide_bombing", location=kismayo.id,
                      attributions=(Attribution(shabaab.id, "claimed", _at(EN, en.id, "claimed the attack"), "radio"),)),
               Report(nl.id, nl_attack, killed=Range(15, 15), date="2023-03-04", location=kismayo.id))
    event = Event("V-market", "attack", "suicide_bombing", "2023-03-04", kismayo.id, shabaab.id, shabaab.id, reports,
                  killed=Range(12, 15, 13.5), injured=Range(30, 30, 30), flags=("killed-conflict",))
    fighters = Claim("C-fighters", shabaab.id, "fighters", Range(7000, None),
                     _at(NL, nl.id, "Woordvoerder Abdi Noor zegt dat al-Shabaab meer dan 7000 strijders heeft."),
                     as_of="2023-03", attributed_to=abdi.id)
    relations = [Relation(ali.id, "leader_of", shabaab.id, (_at(EN, en.id, "Commander Ali Dheere leads al-Shabaab."),)),
                 Relation(shabaab.id, "rival_of", isis.id,
                          (_at(EN, en.id, "The group is a rival of the Islamic State in Somalia."),)),
                 Relation(shabaab.id, "active_in", somalia.id, (_at(NL, nl.id, "al-Shabaab is actief in Somalië."),)),
                 Relation(abdi.id, "member_of", office.id, (_at(NL, nl.id, "Woordvoerder Abdi Noor"),))]
    quote = Quote(abdi.id, _at(NL, nl.id, "\"Wij geven niet op\", zei Abdi Noor. \"De strijd gaat door.\""),
                  (_at(NL, nl.id, "Wij geven niet op"), _at(NL, nl.id, "De strijd gaat door.")))
    conflict = Conflict(event.id, "killed", ((en.id, Range(12, None)), (nl.id, Range(15, 15))))
    for doc in (en, nl):
        assert_spans_match(doc, [m for e in entities for m in e.mentions if m.span.doc == doc.id])
    return KnowledgeBase([en, nl], entities, [event], [fighters], relations, [quote], [conflict])


def stored(kb: KnowledgeBase, path) -> str:
    """`kb` written to a new SQLite store at `path` through the store's public methods; returns its path."""
    from kroniek.store import Store

    store = Store(path)
    store.write_batch(kb.documents, [m for e in kb.entities for m in e.mentions], [], "test")
    store.replace_entities(kb.entities, [])
    store.replace_facts(kb)
    store.mark_resolved()
    return str(path)
