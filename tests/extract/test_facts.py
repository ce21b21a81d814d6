"""Events, claims, relations and quotes per document, on sentences written for these tests."""
import pytest

from kroniek.extract.claims import extract_claims
from kroniek.extract.events import extract_events
from kroniek.extract.quotes import extract_quotes
from kroniek.extract.relations import extract_relations
from kroniek.model import Range

from ..conftest import make_context

SAHEL = {"JNIM": ("ORG", "group:jnim", None), "IS-Sahel|ISGS": ("ORG", "group:is-sahel", None),
         "Islamitische Staat|IS": ("ORG", "group:islamic-state", None), "Gao": ("LOC", "geo:1", "ML"),
         "Mali": ("LOC", "country:ML", "ML"), "Ménaka": ("LOC", "geo:2", "ML"), "Amaq": ("ORG", None, None)}


def test_an_attack_report_with_figure_date_place_and_claim_channel():
    text = ("Gisteren kwamen bij een zelfmoordaanslag op de markt van Gao in Mali zeker 41 mensen om het leven. "
            "De aanslag werd opgeëist door IS-Sahel via spreekbuis Amaq.")
    ctx, ids = make_context(text, SAHEL, published="2023-03-15")
    [report] = extract_events(ctx)
    assert (report.type, report.subtype, report.date) == ("attack", "suicide_bombing", "2023-03-14")
    assert report.location == ids["Gao"] and report.killed == Range(41, None)
    [claim] = [a for a in report.attributions if a.status == "claimed"]
    assert claim.entity == ids["IS-Sahel"] and claim.channel == "Amaq"


def test_generic_talk_and_campaigns_are_not_events():
    text = ("JNIM wil aanslagen plegen in heel Mali. "
            "In 2019 en 2020 veroverde JNIM dorpen in Gao en Ménaka. "
            "Een Malinese jihadist pleegt geen aanslagen in Gao.")
    ctx, _ = make_context(text, SAHEL, published="2023-03-15")
    assert extract_events(ctx) == []


def test_a_hedged_perpetrator_is_suspected_and_an_open_question_withholds_it():
    text = ("In mei 2021 zou JNIM de kazerne in Gao hebben aangevallen, waarbij 9 soldaten omkwamen.\n"
            "De aanval bij Ménaka werd opgeëist door Islamitische Staat. Of IS-Sahel erachter zit, is nog niet zeker.")
    ctx, ids = make_context(text, SAHEL, published="2023-03-15")
    first, second = extract_events(ctx)
    assert first.date == "2021-05" and first.killed == Range(9, 9)
    assert [(a.entity, a.status) for a in first.attributions] == [(ids["JNIM"], "suspected")]
    assert second.location == ids["Ménaka"] and second.perpetrator_unknown


def test_a_list_of_past_attacks_gives_each_item_its_own_date_and_the_heading_actor():
    text = ("Welke aanslagen pleegde JNIM eerder?\n"
            "  • Maart 2018: bomaanslag in Gao, 3 doden.\n"
            "  • Een jaar later een aanval op het vliegveld van Gao met 12 doden.\n")
    ctx, ids = make_context(text, SAHEL)
    reports = extract_events(ctx)
    assert [(r.date, r.killed) for r in reports] == [("2018-03", Range(3, 3)), ("2019-03", Range(12, 12))]
    assert all(a.entity == ids["JNIM"] for r in reports for a in r.attributions)


def test_english_attack_and_execution():
    names = {"al-Shabaab": ("ORG", "group:al-shabaab", None), "Mogadishu": ("LOC", "geo:3", "SO")}
    text = ("Al-Shabaab claimed responsibility for the car bomb in Mogadishu on 14 October 2022 that killed "
            "at least 100 people. Later al-Shabaab executed a spy in Mogadishu.")
    ctx, ids = make_context(text.replace("Al-Shabaab", "al-Shabaab"), names, published="2022-10-20", language="en")
    bombing, execution = extract_events(ctx)
    assert (bombing.subtype, bombing.date, bombing.killed) == ("bombing", "2022-10-14", Range(100, None))
    assert bombing.attributions[0].status == "claimed"
    assert execution.type == "execution" and execution.killed == Range(1, 1)


def test_claims_with_time_source_and_anaphora():
    text = ("Volgens de VN had JNIM in 2022 tussen de 3000 en 5000 strijders. "
            "De groep werd in 2017 opgericht. Het is de grootste groep in de regio. "
            "Eind 2023 had de groepering niet meer dan 6000 leden.")
    names = {**SAHEL, "VN": ("ORG", "org:un", None)}
    ctx, ids = make_context(text, names)
    got = {(c.attribute, c.value, c.as_of): c for c in extract_claims(ctx)}
    assert set(got) == {("fighters", Range(3000, 5000), "2022"), ("founded", Range(2017, 2017), None),
                        ("fighters", Range(None, 6000), "2023")}
    assert all(c.subject == ids["JNIM"] for c in got.values())
    assert got[("fighters", Range(3000, 5000), "2022")].attributed_to == ids["VN"]


def test_relations_from_cues():
    text = ("IS-Sahel is een afsplitsing van Islamitische Staat. JNIM en IS-Sahel zijn gezworen vijanden. "
            "IS-Sahel is vooral actief in Ménaka en Gao. Ménaka, een provincie van Mali, ligt in het oosten.")
    ctx, ids = make_context(text, SAHEL)
    found = {(r.subject, r.predicate, r.object) for r in extract_relations(ctx)}
    assert (ids["IS-Sahel"], "part_of", ids["Islamitische Staat"]) in found
    assert tuple(sorted((ids["JNIM"], ids["IS-Sahel"]))) in {(s, o) for s, p, o in found if p == "rival_of"}
    assert {(ids["IS-Sahel"], "active_in", ids["Ménaka"]), (ids["IS-Sahel"], "active_in", ids["Gao"]),
            (ids["Ménaka"], "located_in", ids["Mali"])} <= found


def test_person_relations():
    names = {"Mariam Diallo": ("PER", None, None), "Clingendael": ("ORG", None, None),
             "Iyad Ag Ghali": ("PER", None, None), "JNIM": ("ORG", "group:jnim", None)}
    text = ("Mariam Diallo, een onderzoeker bij Clingendael, volgt de groep al jaren. "
            "De leider van JNIM is Iyad Ag Ghali.")
    ctx, ids = make_context(text, names)
    found = {(r.subject, r.predicate, r.object) for r in extract_relations(ctx)}
    assert found == {(ids["Mariam Diallo"], "affiliated_with", ids["Clingendael"]),
                     (ids["Iyad Ag Ghali"], "leader_of", ids["JNIM"])}


def test_quotes_by_verb_interview_and_tweet():
    names = {"Mariam Diallo": ("PER", None, None), "Diallo": ("PER", None, None), "Jan Peeters": ("PER", None, None)}
    text = ("„De groep is sterker dan ooit”, zegt Mariam Diallo.\n"
            "Diallo: ‘Ze rekruteren in elk dorp langs de grens, vooral onder jonge mannen zonder werk.\n"
            "Een adviseur zegt: “Niemand weet hoeveel strijders er zijn.”\n"
            "The group now controls the roads around the town, and nobody can stop it. — Jan Peeters (@jpeeters) "
            "May 3, 2023")
    ctx, ids = make_context(text, names)
    quotes = {q.speaker: q for q in extract_quotes(ctx)}
    assert set(quotes) == {ids["Mariam Diallo"], ids["Diallo"], ids["Jan Peeters"]}
    assert text[quotes[ids["Mariam Diallo"]].span.start:].startswith("„De groep")
    assert text[quotes[ids["Jan Peeters"]].span.start:quotes[ids["Jan Peeters"]].span.end].startswith("The group")


def test_a_denied_or_absent_claim_is_no_claim():
    text = ("Bij een aanval op een bus bij Gao kwamen maandag 20 mensen om. "
            "Volgens het leger zat JNIM achter de aanval, maar de groep heeft de aanslag nog niet opgeëist.")
    ctx, ids = make_context(text, SAHEL, published="2023-03-15")
    [report] = extract_events(ctx)
    assert [(a.entity, a.status) for a in report.attributions] == [(ids["JNIM"], "asserted")]


def test_the_channel_a_claim_came_through_is_neither_claimant_nor_perpetrator():
    names = {"Al-Shabaab": ("ORG", "group:al-shabaab", None), "Amaq": ("ORG", "org:amaq", None),
             "Beledweyne": ("LOC", "geo:9", "SO")}
    scene = {"nl": "Bij een bomaanslag in Beledweyne kwamen dinsdag 12 mensen om. ",
             "en": "A bombing in Beledweyne killed 12 people on Tuesday. "}
    for lang, claim in [("nl", "Al-Shabaab heeft de aanslag via Amaq opgeëist."),
                        ("nl", "Al-Shabaab eiste de verantwoordelijkheid voor de aanslag op via Amaq."),
                        ("nl", "De aanslag werd door middel van Amaq opgeëist door Al-Shabaab."),
                        ("en", "Al-Shabaab claimed the attack through its Amaq news agency."),
                        ("en", "Al-Shabaab claimed responsibility for the attack via Amaq.")]:
        ctx, ids = make_context(scene[lang] + claim, names, published="2024-05-02", language=lang)
        [report] = extract_events(ctx)
        assert [(a.entity, a.status, a.channel) for a in report.attributions] \
            == [(ids["Al-Shabaab"], "claimed", "Amaq")], claim


def test_an_order_of_magnitude_alone_is_a_campaign_not_an_event():
    text = ("Strijders van JNIM doodden de afgelopen jaren duizenden burgers en ontvoerden honderden kinderen. "
            "Bij een bomaanslag in Gao kwamen gisteren tientallen mensen om het leven.")
    ctx, ids = make_context(text, SAHEL, published="2023-03-15")
    [report] = extract_events(ctx)
    assert (report.location, report.date, report.killed) == (ids["Gao"], "2023-03-14", Range(20, 99))


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kroniek.extract.context import Placed  # noqa: E402
from kroniek.extract.events import _absorb, _Draft, _merge_target, _PlaceIndex  # noqa: E402
from kroniek.model import Entity, Mention, Span  # noqa: E402

_PLACES = [Entity(f"E{i}", "LOC", name, (), (), key=key, country=country) for i, (name, key, country) in enumerate([
    ("Mali", "country:ML", "ML"), ("Gao", "geo:1", "ML"), ("Ménaka", "geo:2", "ML"), ("Niger", "country:NE", "NE"),
    ("Diffa", "geo:3", "NE"), ("Sahel", "region:sahel", None), ("Markt", None, None)])]
_drafts = st.tuples(st.sampled_from(["attack", "execution"]), st.sampled_from([None, "bombing", "suicide_bombing"]),
                    st.sampled_from([None, *range(len(_PLACES))]),
                    st.sampled_from([None, "2023", "2023-03", "2023-03-14"]),
                    st.sets(st.sampled_from(["airport", "market"]), max_size=1), st.sampled_from([None, 1, 2]),
                    st.booleans())


@settings(max_examples=150, deadline=None)
@given(st.lists(_drafts, max_size=25))
def test_drafts_filed_by_place_find_the_same_event_as_reading_them_all(seq):
    span = Span("t1", 0, 1)
    drafts, filed = [], _PlaceIndex()
    for n, (kind, subtype, place, date, sites, list_id, reference) in enumerate(seq):
        where = None if place is None else Placed(Mention(f"M{n}", span, "x", "LOC", "t"), _PLACES[place])
        new = _Draft(kind, subtype, where, date, set(sites), span, list_id=list_id, spans=[span])
        subtypes = {subtype} if subtype else set()
        target = _merge_target(drafts, new, reference, subtypes)
        assert _merge_target(drafts, new, reference, subtypes, filed) is target
        if target is not None:
            _absorb(target, new)  # may move the event to a more specific place: filed again
            filed.file(target)
        else:
            filed.file(new, len(drafts))
            drafts.append(new)


def test_a_passage_without_a_place_joins_the_one_event_its_document_places():
    text = ("Bij een aanval op een legerpost in Gao vielen gisteren zeker 9 doden.\n"
            "Door de schietpartij raakten ook 14 mensen gewond.")
    ctx, ids = make_context(text, SAHEL, published="2023-03-15")
    [report] = extract_events(ctx)
    assert report.location == ids["Gao"] and report.killed == Range(9, None) and report.injured == Range(14, 14)
    assert len(report.mentions) == 2 and report.evidence.start == 0


def test_a_passage_without_a_place_stays_apart_when_two_events_could_own_it():
    text = ("Bij een aanval op een legerpost in Gao vielen gisteren zeker 9 doden.\n"
            "Vorige week vielen bij een aanval in Ménaka 5 doden.\n"
            "Door de schietpartij raakten ook 14 mensen gewond.")
    ctx, _ = make_context(text, SAHEL, published="2023-03-15")
    assert len(extract_events(ctx)) == 3


# -- reported speech (issue 8): a named person who says something is quoted, quotation marks or not ------
SPEAKERS = {"Karin Vos": ("PER", None, None), "Tom Baker": ("PER", None, None), "Vos": ("PER", None, None)}


def test_reported_speech_without_a_parse_takes_the_person_beside_the_verb():
    text = ("De burgemeester was geschokt.\nKarin Vos zei dat de daders snel gevonden moeten worden.\n"
            "Volgens Tom Baker was de dader al eerder opgepakt.")
    ctx, ids = make_context(text, SPEAKERS)
    quotes = {q.speaker: q for q in extract_quotes(ctx)}
    assert set(quotes) == {ids["Karin Vos"], ids["Tom Baker"]}
    span = quotes[ids["Tom Baker"]].span
    assert text[span.start:span.end].startswith("Volgens Tom Baker")


def test_a_verb_that_does_not_say_quotes_no_one():
    ctx, _ = make_context("Karin Vos liep gisteren door de stad.\nTom Baker kocht een krant.", SPEAKERS)
    assert extract_quotes(ctx) == []


def test_reported_speech_speaker_is_the_subject_in_the_parse():
    text = ("The mayor of the town, Karin Vos, said on Monday that the attackers had fled across the border. "
            "Tom Baker arrived later.")
    ctx, ids = make_context(text, SPEAKERS, language="en", parsed=True)
    assert ctx.layer.parsed
    assert [q.speaker for q in extract_quotes(ctx)] == [ids["Karin Vos"]]


# -- actors from the parse (issue 8) ---------------------------------------------------------------------
ACTORS = {"JNIM": ("ORG", "group:jnim", None), "ISWAP": ("ORG", "group:iswap", None),
          "Gao": ("LOC", "geo:1", "ML")}


@pytest.mark.parametrize("language, text, verb", [
    ("en", "The bombing in Gao on Monday was claimed by JNIM, officials said.", "claimed"),
    ("en", "ISWAP said on Tuesday that JNIM carried out the bombing in Gao.", "carried"),
    ("nl", "De aanslag in Gao werd maandag opgeëist door JNIM.", "opgeëist"),
])
def test_the_actor_is_the_subject_or_agent_of_the_verb_in_the_parse(language, text, verb):
    ctx, ids = make_context(text, ACTORS, language=language, parsed=True)
    start = text.index(verb)
    actor = ctx.actor_of(start, start + len(verb))
    assert actor is not None and actor.entity.id == ids["JNIM"]


def test_without_a_parse_there_is_no_actor_from_it():
    ctx, _ = make_context("The bombing in Gao was claimed by JNIM.", ACTORS, language="en")
    assert ctx.actor_of(0, len(ctx.doc.text)) is None


def test_a_trigger_the_lexicon_does_not_spell_out_is_found_by_its_lemma():
    from kroniek.extract.events import find_triggers

    text = "Two abductions of aid workers near Gao on Monday were blamed on JNIM."
    ctx, _ = make_context(text, ACTORS, language="en", parsed=True)
    [trigger] = find_triggers(ctx, ctx.units[0])
    assert text[trigger.start:trigger.end] == "abductions" and trigger.subtype == "kidnapping" and trigger.plural
    plain, _ = make_context(text, ACTORS, language="en")
    assert find_triggers(plain, plain.units[0]) == []  # without lemmas only the spelled-out forms count


def test_a_sentence_that_only_counts_the_dead_gives_the_toll_of_the_reported_event():
    text = ("Bij een aanslag op een markt in Gao is maandag een bom ontploft.\n\n"
            "Er vielen minstens 23 doden.")
    ctx, ids = make_context(text, SAHEL, published="2023-03-15")
    [report] = extract_events(ctx)
    assert report.killed == Range(23, None) and report.location == ids["Gao"]
    assert text[report.evidence.start:report.evidence.end] == "Er vielen minstens 23 doden."


def test_the_body_restating_a_headline_toll_is_the_evidence_but_a_lead_sentence_stays():
    headline = "Minstens 23 doden bij aanslag in Gao\n\nEr vielen volgens de politie minstens 23 doden."
    ctx, _ = make_context(headline, SAHEL, published="2023-03-15")
    [report] = extract_events(ctx)
    assert headline[report.evidence.start:].startswith("Er vielen")
    lead = "Bij een aanslag in Gao zijn minstens 23 doden gevallen.\n\nEr zouden minstens 23 doden zijn."
    ctx, _ = make_context(lead, SAHEL, published="2023-03-15")
    [report] = extract_events(ctx)
    assert report.evidence.start == 0


def test_a_time_that_opens_a_period_does_not_date_the_event_and_a_date_is_no_count():
    names = {"Kashmir": ("LOC", "region:kashmir", "IN")}
    text = ("At least 31 soldiers were killed in the 3 March attack in Kashmir. "
            "It was the deadliest attack in Kashmir since the uprising started in 1990.")
    ctx, _ = make_context(text, names, published="2021-03-05", language="en")
    [report] = extract_events(ctx)
    assert report.date == "2021-03-03" and report.killed == Range(31, None)
    text = "Since the 2015 attack in Kashmir, 4 soldiers have been honoured."
    ctx, _ = make_context(text, names, published="2021-03-05", language="en")
    assert [r.date for r in extract_events(ctx)] == ["2015"]


def test_attacks_counted_with_one_toll_at_one_place_are_one_event_but_a_campaign_count_is_not():
    text = "Bij vier aanslagen in Gao zijn zondag ten minste 60 mensen om het leven gekomen."
    ctx, ids = make_context(text, SAHEL, published="2023-03-15")
    [report] = extract_events(ctx)
    assert report.location == ids["Gao"] and report.killed == Range(60, None)
    text = "In 2021 en 2022 pleegde JNIM 77 aanslagen in Gao en Ménaka."
    ctx, _ = make_context(text, SAHEL, published="2023-03-15")
    assert extract_events(ctx) == []


def test_the_capital_named_by_its_country_adjective_is_the_place():
    names = {"Bamako": ("LOC", "geo:2460596", "ML"), "Mali": ("LOC", "country:ML", "ML")}
    text = ("Bamako is de grootste stad van Mali. "
            "Bij de aanslag in de Malinese hoofdstad kwamen dinsdag 12 mensen om het leven.")
    ctx, ids = make_context(text, names, published="2024-09-18")
    [report] = extract_events(ctx)
    assert report.location == ids["Bamako"]


def test_a_named_attacker_is_the_perpetrator_and_the_claiming_group_stays_claimant():
    from kroniek.fuse.events import fuse_events
    from kroniek.model import Document

    names = {"Karel Vos": ("PER", None, None), "Islamitische Staat": ("ORG", "group:islamic-state", None),
             "Gao": ("LOC", "geo:1", "ML")}
    text = ("Bij een aanslag in Gao zijn dinsdag vier mensen om het leven gekomen. "
            "De dader, de 31-jarige Karel Vos, werd doodgeschoten. "
            "Islamitische Staat heeft de aanslag opgeëist.")
    ctx, ids = make_context(text, names, published="2023-03-15")
    [report] = extract_events(ctx)
    statuses = {a.entity: a.status for a in report.attributions}
    assert statuses == {ids["Karel Vos"]: "asserted", ids["Islamitische Staat"]: "claimed"}
    [event], _ = fuse_events([report], [p.entity for p in ctx.placed], [ctx.doc])
    assert event.perpetrator == ids["Karel Vos"] and event.claimed_by == ids["Islamitische Staat"]
    suspect = text.replace("De dader, de 31-jarige", "De verdachte,")
    ctx, ids = make_context(suspect, names, published="2023-03-15")
    [report] = extract_events(ctx)
    assert {a.entity: a.status for a in report.attributions}[ids["Karel Vos"]] == "suspected"
    assert isinstance(ctx.doc, Document)


def test_the_perpetrator_after_its_verb_or_after_the_work_of():
    names = {"JNIM": ("ORG", "group:jnim", None), "Gao": ("LOC", "geo:1", "ML")}
    for text in ("In maart pleegde JNIM een zelfmoordaanslag in Gao, waarbij 12 mensen omkwamen.",
                 "Bij een bomaanslag in Gao zijn zes mensen gedood. De aanslag is het werk van JNIM."):
        ctx, ids = make_context(text, names, published="2023-05-15")
        [report] = extract_events(ctx)
        assert [a.entity for a in report.attributions] == [ids["JNIM"]], text


def test_a_venue_named_like_a_faraway_town_is_not_the_place_and_the_lead_place_holds():
    names = {"Dalton": ("LOC", "geo:9", "US"), "Nairobi": ("LOC", "geo:2", "KE")}
    text = ("In de Keniaanse stad Nairobi zijn vannacht opnieuw schoten gehoord bij het gebouw dat gisteren "
            "werd aangevallen door gewapende mannen.\n\nBij de aanval op het Dalton hotelcomplex in Nairobi "
            "vielen negen doden.")
    ctx, ids = make_context(text, names, published="2019-01-16")
    [report] = extract_events(ctx)
    assert report.location == ids["Nairobi"] and report.killed == Range(9, 9)


def test_an_execution_verb_beside_a_definite_attack_is_the_news_and_counts_the_executed():
    names = {"Iran": ("LOC", "country:IR", "IR")}
    text = ("Bij een aanval in Iran vielen in maart 13 doden.\n\n"
            "Drie mannen, veroordeeld voor de aanval, zijn vorige week opgehangen.")
    ctx, _ = make_context(text, names, published="2023-08-13")
    kinds = {r.type: r for r in extract_events(ctx)}
    assert kinds["execution"].killed == Range(3, 3)
    assert kinds["attack"].killed == Range(13, 13)


def test_a_branch_named_beside_its_parent_did_the_deed():
    names = {"al-Shabaab": ("ORG", "group:al-shabaab", None), "al-Qaeda": ("ORG", "group:al-qaeda", None),
             "Gao": ("LOC", "geo:1", "ML")}
    from kroniek import gazetteer
    assert gazetteer.load().entries["group:al-shabaab"].parent == "al-qaeda"
    text = "Bij een aanslag in Gao vielen 8 doden. De aanslag werd opgeëist door de Oost-Afrikaanse tak van al-Qaeda, al-Shabaab."
    ctx, ids = make_context(text, names, published="2023-03-15")
    [report] = extract_events(ctx)
    assert {a.entity for a in report.attributions if a.status == "claimed"} == {ids["al-Shabaab"]}


def test_a_compound_trigger_and_places_that_only_qualify_or_lie_away():
    names = {"Gao": ("LOC", "geo:1", "ML"), "Mali": ("LOC", "country:ML", "ML"), "Ménaka": ("LOC", "geo:2", "ML")}
    text = "Bij een JNIM-aanval op een konvooi in Ménaka zijn zes soldaten gedood."
    ctx, ids = make_context(text, names, published="2023-03-15")
    [report] = extract_events(ctx)
    assert report.location == ids["Ménaka"] and report.killed == Range(6, 6)
    names["Panama"] = ("LOC", "country:PA", "PA")
    text = "Three sailors died in a missile attack on a Panama-flagged tanker 40 km from Gao, officials said."
    ctx, ids = make_context(text, names, published="2023-03-15", language="en")
    [report] = extract_events(ctx)
    assert report.location is None


def test_that_town_is_the_town_named_last_before():
    names = {"Gao": ("LOC", "geo:1", "ML"), "Mali": ("LOC", "country:ML", "ML")}
    text = ("De regering sprak over de aanslag in Gao.\n\n"
            "In die stad in Mali vielen vorige maand veertien doden bij schietpartijen op een markt.")
    ctx, ids = make_context(text, names, published="2023-03-15")
    reports = [r for r in extract_events(ctx) if r.killed]
    assert [(r.location, r.killed) for r in reports] == [(ids["Gao"], Range(14, 14))]


def test_a_figure_about_the_attack_joins_the_one_attack_the_document_tells_of():
    text = ("JNIM eiste de aanslag in Gao op, waarbij maandag 12 soldaten omkwamen.\n\n"
            "Ruim 30 mensen raakten gewond bij de aanslag.")
    ctx, ids = make_context(text, SAHEL, published="2023-03-15")
    [report] = extract_events(ctx)
    assert report.killed == Range(12, 12) and report.injured == Range(30, None)
    # an event the text dates to an earlier month is not today's undated news
    text = ("Vorige maand kwamen bij een aanslag in Gao 12 soldaten om.\n\n"
            "Ruim 30 mensen raakten gewond bij de aanslagen.")
    ctx, _ = make_context(text, SAHEL, published="2023-03-15")
    assert len(extract_events(ctx)) == 2


def test_a_reference_before_the_event_of_the_day_is_told_waits_for_it():
    text = ("Vorige maand kwamen bij een aanslag in Gao 12 soldaten om.\n\n"
            "De aanslagen zijn inmiddels opgeëist door JNIM.\n\n"
            "Bij de aanslagen in Ménaka zijn zondag zeker 40 doden gevallen.")
    ctx, ids = make_context(text, SAHEL, published="2023-03-15")
    by_place = {r.location: r for r in extract_events(ctx)}
    assert [a.entity for a in by_place[ids["Ménaka"]].attributions] == [ids["JNIM"]]
    assert by_place[ids["Gao"]].attributions == ()


def test_a_time_of_what_followed_the_attack_does_not_date_it():
    text = ("Bij een aanslag in Gao zijn dinsdag 12 mensen omgekomen.\n\n"
            "De begrafenissen zijn donderdag, na de aanslag.")
    ctx, _ = make_context(text, SAHEL, published="2023-03-17")
    [report] = extract_events(ctx)
    assert report.date == "2023-03-14"
    text = "The funerals were held on Thursday after the attack in Gao that killed 12 people."
    ctx, _ = make_context(text, SAHEL, published="2023-03-17", language="en")
    [report] = extract_events(ctx)
    assert report.date is None


def test_a_time_of_a_deed_at_the_scene_of_the_attack_does_not_date_it():
    text = ("Mourners lit candles on Sunday near the scene of a bombing in Gao.\n\n"
            "The bombing in Gao killed 12 people on Thursday.")
    ctx, _ = make_context(text, SAHEL, published="2023-03-20", language="en")
    [report] = extract_events(ctx)
    assert report.date == "2023-03-16"  # Thursday, not the Sunday of the candles
    text = "Rouwenden legden zondag bloemen op de plek van de aanslag in Gao."
    ctx, _ = make_context(text, SAHEL, published="2023-03-20")
    assert [r.date for r in extract_events(ctx)] == [None]
    text = ("A bomb in Gao killed 12 people.\n\n"
            "Thousands marched in Gao on Sunday to condemn the bombing.")
    ctx, _ = make_context(text, SAHEL, published="2023-03-20", language="en")
    assert [r.date for r in extract_events(ctx)] == [None]  # undated (the news of the month), not the march's Sunday
    text = "Een bom doodde 12 mensen in Gao.\n\nDuizenden mensen herdachten zondag in Gao de slachtoffers van de aanslag."
    ctx, _ = make_context(text, SAHEL, published="2023-03-20")
    assert [r.date for r in extract_events(ctx)] == [None]
    text = "Mourners gathered at the scene of Thursday's bombing in Gao."
    ctx, _ = make_context(text, SAHEL, published="2023-03-20", language="en")
    assert [r.date for r in extract_events(ctx)] == ["2023-03-16"]


def test_a_site_named_by_a_country_adjective_is_in_that_country():
    names = {"Mali": ("LOC", "country:ML", "ML"), "JNIM": ("ORG", "group:jnim", None)}
    text = "JNIM is actief in Mali.\n\nBij een aanslag op een Malinese school kwamen dinsdag 9 kinderen om."
    ctx, ids = make_context(text, names, published="2023-03-15")
    [report] = extract_events(ctx)
    assert report.location == ids["Mali"]


def test_air_strikes_are_flown_by_the_state_named_before_them():
    names = {"United States|US": ("LOC", "country:US", "US"), "Marib": ("LOC", "geo:5", "YE")}
    text = "The United States said four fighters were killed on Tuesday in a US drone strike in Marib."
    ctx, ids = make_context(text, names, published="2023-03-15", language="en")
    [report] = extract_events(ctx)
    assert report.location == ids["Marib"]
    assert [(a.entity, a.status) for a in report.attributions] == [(ids["United States"], "asserted")]


def test_an_event_the_text_dates_to_another_year_is_its_own_and_the_group_is_the_articles():
    names = {"Boko Haram": ("ORG", "group:boko-haram", None), "Kano": ("LOC", "geo:3", "NG")}
    text = ("Boko Haram ontvoerde gisteren 40 scholieren in Kano.\n\n"
            "Berucht was de ontvoering van 200 scholieren door de terreurbeweging in mei 2016.")
    ctx, ids = make_context(text, names, published="2021-02-10")
    past = [r for r in extract_events(ctx) if r.date == "2016-05"]
    assert len(past) == 1 and [a.entity for a in past[0].attributions] == [ids["Boko Haram"]]
    # a count over two years sums up a campaign
    text = "Boko Haram veroverde in 2015 en 2016 dorpen in de provincie."
    ctx, _ = make_context(text, names, published="2021-02-10")
    assert extract_events(ctx) == []


def test_the_capital_of_a_country_written_with_a_possessive_or_van():
    names = {"Bamako": ("LOC", "geo:2460596", "ML"), "Mali": ("LOC", "country:ML", "ML")}
    for text, lang in (("Bamako is the largest city of Mali. An attack in Mali's capital killed 12 people on Tuesday.", "en"),
                       ("Bamako is de grootste stad van Mali. Bij een aanslag in de hoofdstad van Mali vielen dinsdag 12 doden.", "nl")):
        ctx, ids = make_context(text, names, published="2024-09-18", language=lang)
        [report] = extract_events(ctx)
        assert report.location == ids["Bamako"], lang


def test_a_place_of_another_clause_or_one_written_around_the_scene_makes_no_campaign():
    names = {"Gao": ("LOC", "geo:1", "ML"), "Ménaka": ("LOC", "geo:2", "ML"), "Kidal": ("LOC", None, None),
             "JNIM": ("ORG", "group:jnim", None)}
    text = "JNIM heeft dinsdag delen van Gao ingenomen en nadert de stad Ménaka."
    ctx, ids = make_context(text, names, published="2024-12-04", parsed=True)  # a clause needs the verb's tag
    [report] = extract_events(ctx)
    assert report.type == "seizure" and report.location == ids["Gao"]
    text = "Ruim twintig scholieren werden vorige week in het district Kidal in de regio Gao ontvoerd."
    ctx, ids = make_context(text, names, published="2024-12-04")
    [report] = extract_events(ctx)
    assert report.location == ids["Kidal"]
    # a relative clause after a comma tells of something else: its place is not the event's
    text = "JNIM zou betrokken zijn bij de aanslag op een kazerne vorig jaar in Gao, een incident dat tot onrust in Ménaka leidde."
    ctx, ids = make_context(text, names, published="2024-12-04")
    [report] = extract_events(ctx)
    assert (report.location, report.date) == (ids["Gao"], "2023")


def test_the_movement_as_subject_of_the_deed_is_the_articles_group():
    names = {"JNIM": ("ORG", "group:jnim", None), "Gao": ("LOC", "geo:1", "ML")}
    text = "JNIM rukt op in het noorden.\n\nDe beweging heeft dinsdag delen van Gao ingenomen."
    ctx, ids = make_context(text, names, published="2024-12-04")
    [report] = extract_events(ctx)
    assert [(a.entity, a.status) for a in report.attributions] == [(ids["JNIM"], "asserted")]


def test_a_lead_that_counts_the_dead_places_and_dates_the_event_a_later_sentence_names():
    names = {"KORVA": ("LOC", "geo:10", "XX"), "Tarnow": ("LOC", "region:tarnow", "XX"), "Velda": ("LOC", None, None)}
    text = ("KORVA: Forty guards died on Monday in Tarnow's Velda district, where a gunman fired on their "
            "checkpoint.\n\nThe attack also left at least 20 people wounded.")
    ctx, ids = make_context(text, names, published="2024-05-06", language="en")  # a Monday
    [report] = extract_events(ctx)
    assert (report.location, report.date) == (ids["Velda"], "2024-05-06")
    assert report.killed == Range(40, 40) and report.injured == Range(20, None)
    assert text[report.evidence.start:report.evidence.end].startswith("KORVA: Forty")


def test_a_dateline_and_the_region_around_a_district_make_no_campaign_of_a_lead():
    names = {"Dubai": ("LOC", "geo:10", "AE"), "Velda": ("LOC", None, None), "Tarnow": ("LOC", "region:tarnow", "XX"),
             "JeM": ("ORG", "group:jem", None)}
    text = ("Dubai: Questions about the group have grown since the suicide attack that hit a border post in Velda "
            "district of Tarnow.\n\nNineteen guards died in the attack.")
    ctx, ids = make_context(text, names, language="en")
    [report] = extract_events(ctx)
    assert report.location == ids["Velda"] and report.killed == Range(19, 19)


def test_a_dateline_in_capitals_before_a_bare_dash_is_where_the_story_was_filed():
    names = {"BAMAKO|Bamako": ("LOC", "geo:3", "ML"), "Gao": ("LOC", "geo:1", "ML")}
    ctx, ids = make_context("BAMAKO - Bij een aanslag in de Malinese stad Gao zijn vrijdag twaalf mensen omgekomen.",
                            names, published="2024-03-07")
    [report] = extract_events(ctx)
    assert report.location == ids["Gao"]


def test_a_deed_named_beside_the_armed_men_gives_the_kind_and_a_capital_in_apposition_the_place():
    names = {"Mali": ("LOC", "country:ML", "ML"), "Gao": ("LOC", "geo:1", "ML"), "Oost": ("LOC", None, None)}
    text = ("Gewapende mannen ontvoeren 80 scholieren in Mali\n\n"
            "Gewapende mannen hebben in het oosten van Mali zeker 80 scholieren ontvoerd.\n\n"
            "De ontvoering vond maandagochtend plaats in een school in Gao, de hoofdstad van de regio Oost.")
    ctx, ids = make_context(text, names, published="2024-03-07")
    [report] = extract_events(ctx)
    assert (report.subtype, report.location) == ("kidnapping", ids["Gao"])
    # a verb of happening places only where a place preposition follows it
    ctx, ids = make_context("Bij een aanslag in Gao vielen doden.\n\nDe bomaanslag vond kort plaats nadat Mali "
                            "had gewaarschuwd.", names, published="2024-03-07")
    assert [r.location for r in extract_events(ctx)] == [ids["Gao"]]


def test_a_group_named_on_the_attack_did_it_but_a_claim_before_it_only_claims():
    names = {"Houthi": ("ORG", "group:houthis", None), "JNIM": ("ORG", "group:jnim", None),
             "Aden": ("LOC", "geo:3", "YE"), "Gao": ("LOC", "geo:1", "ML")}
    ctx, ids = make_context("Four crew members were hurt when a Houthi drone attack hit a tanker near Aden on Tuesday.", names,
                            published="2024-03-07", language="en")
    [report] = extract_events(ctx)
    assert [(a.entity, a.status) for a in report.attributions] == [(ids["Houthi"], "asserted")]
    ctx, ids = make_context("Bij de door JNIM opgeëiste aanval in Gao vielen dinsdag zes doden.", names, published="2024-03-07")
    [report] = extract_events(ctx)
    assert [(a.entity, a.status) for a in report.attributions] == [(ids["JNIM"], "claimed")]


def test_the_day_of_a_claim_does_not_date_the_attack_claimed():
    names = {"IS": ("ORG", "group:islamic-state", None), "Gao": ("LOC", "geo:1", "ML")}
    text = "Op zondag claimde IS de aanslag in Gao.\n\nDe aanslag in Gao gebeurde woensdag."
    ctx, ids = make_context(text, names, published="2021-03-30")  # a Tuesday
    [report] = extract_events(ctx)
    assert report.location == ids["Gao"] and report.date == "2021-03-24"


def test_an_opening_that_tells_of_an_explosion_on_a_day_reports_it_before_naming_the_town():
    text = ("Een busje met springstof ontplofte gisteren bij een drukke markt.\n\n"
            "In totaal kwamen zeker 80 mensen om.")
    ctx, _ = make_context(text, {}, published="2017-10-15")
    [report] = extract_events(ctx)
    assert (report.type, report.subtype, report.date, report.killed) == ("attack", "bombing", "2017-10-14", Range(80, None))


def test_a_state_that_attacks_is_the_actor_and_not_the_place_and_a_dateline_makes_no_country_outer():
    names = {"Korvia": ("LOC", "country:KV", "KV"), "Marland": ("LOC", "country:ML", "ML"),
             "Ostrava": ("LOC", "geo:7", "ML"), "Tarn Front": ("ORG", "group:tarn-front", None)}
    text = ("Ostrava: Korvia on Monday attacked camps of the Tarn Front across the border in Marland, "
            "killing at least 30 people.")
    ctx, ids = make_context(text, names, published="2024-12-26", language="en")
    [report] = extract_events(ctx)
    assert report.location == ids["Marland"]
    assert [(a.entity, a.status) for a in report.attributions] == [(ids["Korvia"], "asserted")]


def test_a_hijacking_is_an_attack_and_the_owner_of_a_region_written_before_it_is_outer():
    names = {"Korvia": ("LOC", "country:KV", "KV"), "Tarnow": ("LOC", "region:tarnow", None)}
    text = "Rebels hijacked a bus with 30 travellers in Korvia's remote Tarnow on Monday."
    ctx, ids = make_context(text, names, published="2025-03-12", language="en")
    [report] = extract_events(ctx)
    assert (report.type, report.subtype, report.location) == ("attack", "kidnapping", ids["Tarnow"])


def test_a_place_right_after_a_groups_name_is_part_of_its_name_and_a_claim_told_first_waits_for_the_attack():
    names = {"Al-Qaida": ("ORG", "group:al-qaeda", None), "Jemen": ("LOC", "country:YE", "YE")}
    text = ("Al-Qaida Jemen eist aanslag op\n\n"
            "De groep eiste de aanslag op in een verklaring van Al-Qaida.\n\n"
            "Bij de aanslag op een redactie vielen dinsdag negen doden.")
    ctx, ids = make_context(text, names, published="2016-05-12")
    [report] = extract_events(ctx)
    assert report.location is None and report.killed == Range(9, 9)
    assert [(a.entity, a.status) for a in report.attributions] == [(ids["Al-Qaida"], "claimed")]


def test_an_unplaced_report_carries_the_country_its_article_names_by_adjective_alone():
    text = ("Een busje met springstof ontplofte gisteren bij een Malinese markt.\n\n"
            "In totaal kwamen zeker 80 mensen om.")
    ctx, _ = make_context(text, {}, published="2017-10-15")
    [report] = extract_events(ctx)
    assert report.location is None and report.country == "ML"


def test_a_dutch_compound_ending_in_a_trigger_is_one_but_a_tax_assessment_is_not():
    names = {"Gao": ("LOC", "geo:1", "ML")}
    ctx, ids = make_context("Bij de busaanslag in Gao vielen dinsdag zes doden.", names, published="2024-03-07")
    [report] = extract_events(ctx)
    assert report.type == "attack" and report.location == ids["Gao"]
    ctx, _ = make_context("De belastingaanslag in Gao kwam dinsdag.", names, published="2024-03-07")
    assert extract_events(ctx) == []


def test_the_state_that_flies_a_strike_is_not_its_place_and_the_last_time_since_is_not_its_date():
    names = {"Korvia": ("LOC", "country:KV", "KV"), "Ostrava": ("LOC", "geo:7", "ML")}
    ctx, ids = make_context("A Korvia drone strike hit a convoy near Ostrava on Monday, killing four.", names,
                            published="2024-12-26", language="en")
    [report] = extract_events(ctx)
    assert report.location == ids["Ostrava"]
    assert [(a.entity, a.status) for a in report.attributions] == [(ids["Korvia"], "asserted")]
    text = "Voor het eerst sinds 2016 voert Korvia luchtaanvallen uit op Ostrava, waarbij vier doden vielen."
    ctx, ids = make_context(text, names, published="2024-12-02")
    [report] = extract_events(ctx)
    assert report.date != "2016" and report.location == ids["Ostrava"]


def test_an_affiliate_of_a_group_is_the_branch_the_article_names_not_the_group():
    names = {"JNIM": ("ORG", "group:jnim", None), "Al Qaeda": ("ORG", "group:al-qaeda", None),
             "Gao": ("LOC", "geo:1", "ML")}
    text = ("JNIM is strong in the north.\n\n"
            "A bombing by an Al Qaeda affiliate killed about 20 people in Gao on Tuesday.")
    ctx, ids = make_context(text, names, published="2024-09-20", language="en")
    [report] = extract_events(ctx)
    assert [(a.entity, a.status) for a in report.attributions] == [(ids["JNIM"], "asserted")]


def test_an_assault_and_an_ambush_are_attacks():
    names = {"JNIM": ("ORG", "group:jnim", None), "Gao": ("LOC", "geo:1", "ML")}
    ctx, ids = make_context("Twelve soldiers died in an assault on Gao on Monday. JNIM claimed responsibility for the assault.",
                            names, published="2024-09-20", language="en")
    [report] = extract_events(ctx)
    assert report.subtype == "armed_assault" and (ids["JNIM"], "claimed") in [(a.entity, a.status) for a in report.attributions]
    ctx, _ = make_context("Bij een hinderlaag bij Gao vielen dinsdag zes doden.", names, published="2024-09-20")
    assert [r.subtype for r in extract_events(ctx)] == ["armed_assault"]


def test_a_revised_toll_replaces_the_one_told_before_and_is_the_evidence():
    names = {"Gao": ("LOC", "geo:1", "ML")}
    text = ("Bij de aanslagen in Gao zijn dinsdag veel mensen omgekomen.\n\n"
            "Eerst werd gezegd dat er 90 doden waren. Dat aantal werd dinsdagavond verlaagd naar tussen 60 en 70.")
    ctx, _ = make_context(text, names, published="2024-09-20")
    [report] = extract_events(ctx)
    assert report.killed == Range(60, 70)
    assert text[report.evidence.start:report.evidence.end].startswith("Dat aantal")


def test_two_mentions_of_another_attack_with_one_toll_are_one_event_told_where_it_is_placed():
    names = {"Gao": ("LOC", "geo:1", "ML"), "Mali": ("LOC", "country:ML", "ML")}
    text = ("Bij een aanslag in Gao vielen dinsdag twintig doden.\n\n"
            "Bij een tweede aanslag op een konvooi kwamen vijf soldaten om het leven.\n\n"
            "Bij een andere aanslag op een konvooi in het noorden van Mali zijn vijf soldaten gedood.")
    ctx, ids = make_context(text, names, published="2016-02-18")
    reports = extract_events(ctx)
    assert len(reports) == 2
    second = next(r for r in reports if r.killed == Range(5, 5))
    assert text[second.evidence.start:].startswith("Bij een andere aanslag") and second.location == ids["Mali"]


def test_a_counted_name_is_a_people_not_a_place_but_a_year_before_a_place_leaves_it():
    names = {"Zweden": ("LOC", "country:SE", "SE"), "Gao": ("LOC", "geo:1", "ML")}
    ctx, _ = make_context("Een man zegt drie Zweden te hebben doodgeschoten.", names, published="2023-10-17")
    assert all(r.location is None for r in extract_events(ctx))
    ctx, ids = make_context("In 2014 Gao werd bij een aanslag door twaalf doden getroffen.", names, published="2023-10-17")
    assert [r.location for r in extract_events(ctx)] == [ids["Gao"]]


def test_a_place_the_text_writes_inside_another_belongs_to_the_event_there():
    names = {"Velda": ("LOC", None, None), "Gao": ("LOC", "geo:1", "ML"), "Mali": ("LOC", "country:ML", "ML")}
    text = ("Bij drie aanslagen in Mali zijn zondag ten minste 40 doden gevallen.\n\n"
            "De aanslagen troffen ook een kerk in de wijk Velda in Gao. Daar vielen 12 doden.")
    ctx, ids = make_context(text, names, published="2019-04-22")
    [report] = extract_events(ctx)
    assert report.killed == Range(40, None)


def test_a_name_after_the_agents_preposition_acts_and_is_no_place():
    names = {"Korvia": ("LOC", "country:KV", "KV"), "Gao": ("LOC", "geo:1", "ML")}
    text = "Bij een aanslag in Gao vielen dinsdag zes doden.\n\nDe aanslagen gaan door ondanks aanvallen door Korvia."
    ctx, ids = make_context(text, names, published="2024-03-07")
    assert [r.location for r in extract_events(ctx)] == [ids["Gao"]]


def test_an_overview_gives_each_years_attack_its_place_and_the_latter_takes_the_toll():
    names = {"Mali": ("LOC", "country:ML", "ML"), "Gao": ("LOC", "geo:1", "ML")}
    text = ("De groep uit Mali wordt beschuldigd van aanslagen op het Malinese parlement in 2003 en vooral op markten in "
            "de stad Gao in 2009.\n\nBij die laatste aanslagen zouden 90 mensen zijn gedood.")
    ctx, ids = make_context(text, names, published="2020-02-12")
    reports = sorted(extract_events(ctx), key=lambda r: r.date)
    assert [(r.date, r.location) for r in reports] == [("2003", ids["Mali"]), ("2009", ids["Gao"])]
    assert reports[1].killed == Range(90, 90) and reports[0].killed is None


def test_a_sentence_counting_the_dead_names_who_did_it_after_by_or_on_the_attacker():
    names = {"JNIM": ("ORG", "group:jnim", None), "Gao": ("LOC", "geo:1", "ML")}
    text = "Bij een aanslag in Gao vielen dinsdag doden.\n\nZes soldaten werden gedood door JNIM."
    ctx, ids = make_context(text, names, published="2024-03-07")
    [report] = extract_events(ctx)
    assert (ids["JNIM"], "asserted") in [(a.entity, a.status) for a in report.attributions]
    text = ("An attack in Gao on Tuesday left many dead.\n\n"
            "Six soldiers lost their lives to a JNIM terrorist at their post.")
    ctx, ids = make_context(text, names, published="2024-03-07", language="en")
    [report] = extract_events(ctx)
    assert (ids["JNIM"], "asserted") in [(a.entity, a.status) for a in report.attributions]


def test_a_sentence_counting_only_the_wounded_gives_the_event_its_injured():
    names = {"Gao": ("LOC", "geo:1", "ML")}
    text = "Gunmen killed 14 people in an attack on Gao on Sunday.\n\nA local official said at least 20 people were wounded."
    ctx, _ = make_context(text, names, published="2024-03-04", language="en")
    [report] = extract_events(ctx)
    assert (report.killed, report.injured) == (Range(14, 14), Range(20, None))
    assert text[report.evidence.start:].startswith("Gunmen")


def test_a_place_no_gazetteer_knows_may_lie_in_the_country_of_the_event_told():
    names = {"Mali": ("LOC", "country:ML", "ML"), "Velda": ("LOC", None, None)}
    text = ("Bij een aanval op een legerkamp in het centrum van Mali zijn zaterdag zeker 24 soldaten omgekomen.\n\n"
            "Het kamp bij Velda werd aangevallen door strijders op motoren.")
    ctx, ids = make_context(text, names, published="2024-06-10")
    [report] = extract_events(ctx)
    assert report.killed == Range(24, None)


def test_the_date_of_a_dateline_dates_the_story_not_the_event():
    names = {"Gao": ("LOC", "geo:1", "ML")}
    text = "GAO, Aug 18, 2019 (AFP) - A suicide bomber killed 21 people at a wedding in Gao late on Saturday, police said."
    ctx, _ = make_context(text, names, published="2019-08-18", language="en")  # a Sunday
    [report] = extract_events(ctx)
    assert report.date == "2019-08-17"


def test_a_separable_trigger_with_words_between_is_found():
    names = {"Gao": ("LOC", "geo:1", "ML")}
    ctx, ids = make_context("Gewapende mannen vielen dinsdag in Gao een markt aan, waarbij zes doden vielen.", names,
                            published="2024-03-07")
    [report] = extract_events(ctx)
    assert report.type == "attack" and report.location == ids["Gao"]


def test_an_undated_report_in_an_article_on_a_trial_looks_back():
    names = {"Gao": ("LOC", "geo:1", "ML")}
    text = "De verdachte van de busaanslag in Gao staat terecht. Bij de aanslag vielen vier doden."
    ctx, _ = make_context(text, names, published="2020-03-02")
    [report] = extract_events(ctx)
    assert report.date is None and report.retrospective
    ctx, _ = make_context("Bij de busaanslag in Gao vielen vier doden.", names, published="2020-03-02")
    assert not extract_events(ctx)[0].retrospective


def test_the_city_right_after_a_sentence_naming_one_town_is_that_town_and_a_storming_leads_up_to_a_seizure():
    names = {"Gao": ("LOC", "geo:1", "ML")}
    text = "In Gao wordt al dagen gevochten. Na een bestorming hebben rebellen het centrum van de stad ingenomen."
    ctx, ids = make_context(text, names, published="2017-05-30")
    [report] = extract_events(ctx)
    assert (report.type, report.location) == ("seizure", ids["Gao"])
    ctx, _ = make_context("Na een bestorming hebben rebellen het centrum van de stad ingenomen.", names,
                          published="2017-05-30")
    assert all(r.location is None for r in extract_events(ctx))  # no town told before: no place


def test_a_copula_or_a_verb_of_happening_places_the_event_told_before():
    names = {"Korvia": ("LOC", "region:korvia", "XX")}
    for lang, text in (("nl", "Bij de gijzeling zijn tien mensen gedood.\n\nDe aanval was in de regio Korvia."),
                       ("en", "Ten people were killed in the hostage-taking.\n\nThe attack took place in the Korvia region."),
                       ("nl", "Bij de gijzeling zijn tien mensen gedood.\n\nDe aanval vond plaats in de regio Korvia.")):
        ctx, ids = make_context(text, names, published="2025-03-12", language=lang)
        [report] = extract_events(ctx)
        assert report.location == ids["Korvia"], text
    # a place after a comma is context, not the scene
    text = "Bij de gijzeling zijn tien mensen gedood.\n\nDe aanval was, volgens experts uit Korvia, goed voorbereid."
    ctx, ids = make_context(text, names, published="2025-03-12")
    [report] = extract_events(ctx)
    assert report.location is None


def test_strikes_aimed_at_one_place_are_an_event_beside_other_places_and_the_fightings_dead_are_the_offensives():
    names = {"Halab": ("LOC", "geo:21", "SY"), "Damas": ("LOC", "geo:22", "SY"), "Korvia": ("LOC", "country:KV", None)}
    text = ("Rebels seized Halab on Saturday after a lightning offensive.\n\n"
            "Damas answered with air strikes on Halab, the first in years, as aid groups from Korvia warned of a crisis.\n\n"
            "The fighting has killed at least 300 people, a monitor said.")
    ctx, ids = make_context(text, names, published="2024-11-30", language="en", parsed=True)
    reports = extract_events(ctx)
    assert sorted(r.type for r in reports) == ["attack", "seizure"]
    strikes = next(r for r in reports if r.type == "attack")
    assert strikes.location == ids["Halab"] and strikes.killed is None
    assert next(r for r in reports if r.type == "seizure").killed == Range(300, None)


def test_who_is_held_responsible_before_the_cue_is_the_perpetrator_and_an_assumption_a_suspicion():
    cases = [("nl", "Bij een bomaanslag in Gao zijn 9 soldaten omgekomen. Niemand eiste de aanslag op; het leger "
                    "gaat ervan uit dat JNIM verantwoordelijk is.", "suspected"),
             ("en", "A bomb attack in Gao killed 9 soldiers on Monday. Officials said JNIM was responsible for the attack.",
              "asserted"),
             ("nl", "Bij een bomaanslag in Gao zijn 9 soldaten omgekomen. JNIM is verantwoordelijk voor de aanslag.",
              "asserted")]
    for lang, text, status in cases:
        ctx, ids = make_context(text, SAHEL, published="2023-03-15", language=lang)
        [report] = extract_events(ctx)
        assert [(a.entity, a.status) for a in report.attributions] == [(ids["JNIM"], status)], text


def test_a_killing_by_an_armed_group_or_armed_men_is_an_attack_where_no_word_names_one():
    for lang, text in [("en", "Last Friday, JNIM fighters killed at least 41 people in Gao, police said."),
                       ("en", "At least 41 people were killed by militants in Gao on Friday."),
                       ("nl", "Strijders van JNIM doodden vrijdag zeker 41 mensen in Gao."),
                       ("nl", "Militanten hebben vrijdag in Gao zeker 41 mensen gedood.")]:
        ctx, ids = make_context(text, SAHEL, published="2023-03-15", language=lang)
        [report] = extract_events(ctx)
        assert (report.type, report.location, report.killed) == ("attack", ids["Gao"], Range(41, None)), text
    # a toll with no killer named is no event of its own, nor is a state's army killing fighters
    for lang, text in [("en", "At least 41 people were killed in Gao on Friday."), ("en", "The army killed 41 fighters near Gao."),
                       ("en", "In Gao 27 militants were killed on Friday."),
                       ("en", "All 27 Malian militants killed in army operation near Gao"),
                       ("nl", "Bij de reddingsoperatie in Gao zijn 27 aanvallers gedood."),
                       ("nl", "De soldaten zeggen dat ze bij Gao 27 JNIM-strijders hebben gedood.")]:
        ctx, _ = make_context(text, SAHEL, published="2023-03-15", language=lang)
        assert extract_events(ctx) == [], text  # the armed men are the dead here, not the killers


def test_the_bodys_toll_replaces_the_headlines():
    text = ("More than ten dead after market raid in Gao\n\n"
            "Gunmen opened fire at the market in Gao on Tuesday; at least 15 people died and 40 were hurt.")
    ctx, _ = make_context(text, SAHEL, published="2023-03-15", language="en")
    [report] = extract_events(ctx)
    assert (report.killed, report.injured) == (Range(15, None), Range(40, 40))
    assert ctx.text(report.evidence.start, report.evidence.end).startswith("Gunmen opened fire")


def test_a_group_the_authorities_suspect_or_blame_is_a_suspect_not_the_perpetrator():
    cases = [("nl", "Bij een bomaanslag in Gao zijn 9 soldaten omgekomen. Niemand eiste de aanslag op, maar de politie "
                    "verdenkt de jihadistische groep JNIM."),
             ("en", "A bomb attack in Gao killed 9 soldiers on Monday. Officials blamed the bombing on JNIM."),
             ("en", "A bomb attack in Gao killed 9 soldiers on Monday. JNIM is suspected of the bombing."),
             ("en", "A bomb attack in Gao killed 9 soldiers on Monday.\n\nNo group has claimed responsibility, but "
                    "suspicion fell on JNIM."),
             ("nl", "Bij een bomaanslag in Gao zijn 9 soldaten omgekomen. De regering beschuldigt JNIM van de aanslag.")]
    for lang, text in cases:
        ctx, ids = make_context(text, SAHEL, published="2023-03-15", language=lang)
        [report] = extract_events(ctx)
        assert [(a.entity, a.status) for a in report.attributions] == [(ids["JNIM"], "suspected")], text
    # of two events of the day, a suspicion in a sentence of its own is of the one told before it
    text = ("A bomb attack in Gao killed 9 soldiers on Monday.\n\nNo group has claimed responsibility, but suspicion "
            "fell on JNIM.\n\nAnother attack in Ménaka killed 4 people on Tuesday.")
    ctx, ids = make_context(text, SAHEL, published="2023-03-15", language="en")
    by_place = {r.location: [(a.entity, a.status) for a in r.attributions] for r in extract_events(ctx)}
    assert by_place == {ids["Gao"]: [(ids["JNIM"], "suspected")], ids["Ménaka"]: []}
    # a suspicion of a group already named as claimant leaves the claim alone
    text = "JNIM claimed the bomb attack in Gao that killed 9 soldiers. Officials had suspected JNIM from the start."
    ctx, ids = make_context(text, SAHEL, published="2023-03-15", language="en")
    assert [(a.entity, a.status) for r in extract_events(ctx) for a in r.attributions] == [(ids["JNIM"], "claimed")]


def test_a_claim_of_an_event_no_trigger_names_goes_to_the_documents_one_event_and_its_own_numbers_are_no_toll():
    names = SAHEL | {"Bamako": ("LOC", "geo:3", "ML")}
    text = ("Op een website eist de beweging JNIM sinds vanochtend de verantwoordelijkheid op voor de overname van de "
            "markt. \"Onze mannen hebben de hele wijk in Gao onder controle en meer dan 80 soldaten gedood\", zo staat in de "
            "verklaring. De regering in Bamako meldt zeven doden.\n\n"
            "Bij de aanval op Gao zijn volgens de regering zeven mensen om het leven gekomen.")
    ctx, ids = make_context(text, names)
    reports = extract_events(ctx)
    assert all(r.killed != Range(80, None) for r in reports)  # the claimant's number
    assert any((a.entity, a.status) == (ids["JNIM"], "claimed") for r in reports for a in r.attributions)
    assert all(r.location != ids["Bamako"] for r in reports)  # the seat of the government that speaks


def test_a_negation_that_only_says_when_denies_no_claim():
    for lang, text in (("nl", "Bij een aanslag in Gao vielen zeven doden. Niet veel later eiste JNIM de aanslag op."),
                       ("en", "An attack in Gao killed seven people. Not long after, JNIM claimed the attack.")):
        ctx, ids = make_context(text, SAHEL, published="2023-03-15", language=lang)
        [report] = extract_events(ctx)
        assert [(a.entity, a.status) for a in report.attributions] == [(ids["JNIM"], "claimed")], text
    ctx, ids = make_context("Bij een aanslag in Gao vielen zeven doden. JNIM heeft de aanslag niet opgeëist.", SAHEL,
                            published="2023-03-15")
    [report] = extract_events(ctx)
    assert report.attributions == ()


def test_shooting_at_a_target_is_an_attack():
    for lang, text in (("nl", "Twee mannen schoten dinsdag op een kazerne in Gao. Daarbij kwamen vier soldaten om het leven."),
                       ("en", "Gunmen fired on a barracks in Gao on Tuesday, killing four soldiers.")):
        ctx, ids = make_context(text, SAHEL, published="2023-03-15", language=lang)
        [report] = extract_events(ctx)
        assert (report.type, report.subtype, report.location) == ("attack", "armed_assault", ids["Gao"]), text


def test_a_news_agency_is_never_the_actor_and_a_deed_of_years_ago_is_not_todays_attack():
    names = SAHEL | {"Irna": ("ORG", "media:irna", None), "Teheran": ("LOC", "geo:5", "IR")}
    text = ("\"Bij een aanval door twee schutters op de bedevaartsplaats kwamen vier bezoekers om\", "
            "zo meldde Irna.\n\nIn 2017 was de stad ook al doelwit. Gewapende mannen vielen toen het parlement in "
            "Teheran aan. Zeventien mensen kwamen om.")
    ctx, ids = make_context(text, names, published="2023-08-13")
    reports = extract_events(ctx)
    assert sorted(r.date or "" for r in reports) == ["", "2017"]
    assert not any(a.entity == ids["Irna"] for r in reports for a in r.attributions)


def test_the_town_a_scene_lies_away_from_is_not_a_second_place_even_with_a_kind_of_place_between():
    names = {"Gao": ("LOC", "geo:1", "ML"), "Bamako": ("LOC", "geo:3", "ML")}
    for lang, text in (("nl", "De eerste ontploffing vond plaats in de kerk van Gao, 1.000 kilometer ten noorden van de "
                              "hoofdstad Bamako."),
                       ("en", "The first blast went off in the church of Gao, 1,000 kilometres north of the capital Bamako.")):
        ctx, ids = make_context(text, names, published="2019-01-28", language=lang)
        [report] = extract_events(ctx)
        assert report.location == ids["Gao"], text


@pytest.mark.parametrize("lang, text", [
    ("en", "A roadside bomb killed four soldiers in Gao on Monday."),
    ("en", "Shelling of Gao killed 5 civilians on Monday."),
    ("en", "Gunmen massacred 30 villagers in Gao on Monday."),
    ("nl", "Bij een granaataanval in Gao raakten maandag acht mensen gewond."),
    ("nl", "Een bermbom doodde maandag vier soldaten bij Gao."),
    ("nl", "Bij beschietingen van Gao zijn maandag vijf burgers omgekomen."),
])
def test_more_words_for_attacks_make_events(lang, text):
    ctx, ids = make_context(text, SAHEL, published="2023-03-15", language=lang)
    [report] = extract_events(ctx)
    assert (report.type, report.location) == ("attack", ids["Gao"])


def test_a_heart_attack_is_no_attack():
    ctx, _ = make_context("De minister kreeg maandag in Gao een hartaanval.", SAHEL, published="2023-03-15")
    assert extract_events(ctx) == []


def test_a_quoted_trigger_after_its_article_refers_back():
    text = ("A bomb attack in Gao killed 12 people on Monday.\n\n"
            'State media said the "terrorist attack" killed 12 soldiers.')
    ctx, _ = make_context(text, SAHEL, published="2023-03-15", language="en")
    assert len(extract_events(ctx)) == 1
