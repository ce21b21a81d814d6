from kroniek.extract import extract_mentions
from kroniek.extract.mentions import clean_span, join_adjacent
from kroniek.model import Annotation, NerSpan
from kroniek.nlp import get_backend

from ..conftest import CountedReads, assert_spans_match, make_doc


def _mentions(text, ents=(), lang="nl"):
    doc = make_doc(text, language=lang)
    [ann] = get_backend("lite").annotate([doc])
    if ents:  # replace the backend's spans by the ones a test wants to correct
        ann = Annotation(ann.doc, "test", ann.tokens, ann.sentences, tuple(ents))
    found = extract_mentions(doc, ann)
    assert_spans_match(doc, found)
    return doc, found


def test_known_groups_are_found_whatever_the_backend_said():
    text = "De aanslag werd opgeëist door IS, niet door Hezbollah of de Pakistaanse Taliban."
    doc, found = _mentions(text, ents=[NerSpan(text.index("Hezbollah"), text.index("Hezbollah") + 9, "PER", "test")])
    by_text = {m.text: (m.label, m.key) for m in found}
    assert by_text["IS"] == ("ORG", "group:islamic-state")
    assert by_text["Hezbollah"] == ("ORG", "group:hezbollah")
    assert by_text["Pakistaanse Taliban"] == ("ORG", "group:ttp")
    assert "Taliban" not in by_text


def test_acronyms_in_compounds_and_shouted_lines_are_not_names():
    _, found = _mentions("Een VN-rapport noemt een IS-leider.\nHET IS VOORBIJ ZEGT DE BURGEMEESTER NU\n")
    assert not [m for m in found if m.text in ("VN", "IS")]


def test_demonyms_and_adjectives_are_not_places():
    text = "De Afghaanse regering en Oost-Afghaanse stammen spraken in Kandahar."
    a, b = text.index("Afghaanse"), text.index("Oost-Afghaanse")
    k = text.index("Kandahar")
    _, found = _mentions(text, ents=[NerSpan(a, a + 9, "LOC", "t"), NerSpan(b, b + 14, "LOC", "t"),
                                     NerSpan(k, k + 8, "LOC", "t")])
    assert [m.text for m in found if m.label == "LOC"] == ["Kandahar"]


def test_spans_are_trimmed_to_the_name():
    text = "De splinterbeweging Jaish al-Adl kwam vandaan uit Zahedan."
    doc = make_doc(text)
    [ann] = get_backend("lite").annotate([doc])
    start = text.index("splinterbeweging")
    cleaned = clean_span(NerSpan(start, text.index(" kwam"), "ORG", "t"), doc, ann)
    assert text[cleaned.start:cleaned.end] == "Jaish al-Adl"


def test_adjacent_spans_of_one_name_are_joined_but_not_a_title_and_a_person():
    text = "Department of Social Sciences Piet Jansen"
    def at(part, label):
        return NerSpan(text.index(part), text.index(part) + len(part), label, "frog")
    spans = [at("Department of Social", "ORG"), at("Sciences", "MISC"), at("Piet Jansen", "PER")]
    joined = [(text[s.start:s.end], s.label) for s in join_adjacent(spans, text)]
    assert joined == [("Department of Social Sciences", "ORG"), ("Piet Jansen", "PER")]


def test_a_place_split_at_a_lower_case_particle_is_joined_where_the_gazetteer_knows_the_whole():
    text = "De stad Mocímboa da Praia viel, en later ook Gao de Mali."
    def at(part, label):
        return NerSpan(text.index(part), text.index(part) + len(part), label, "t")
    spans = [at("Mocímboa", "LOC"), at("Praia", "LOC"), at("Gao", "LOC"), at("Mali", "LOC")]
    joined = [text[s.start:s.end] for s in join_adjacent(spans, text)]
    assert joined == ["Mocímboa da Praia", "Gao", "Mali"]  # "Gao de Mali" is no place


def test_a_nationality_adjective_before_a_name_is_not_part_of_it():
    text = "Het dodental in het Oegandese Mpondwe stijgt."
    s = text.index("Oegandese")
    _, found = _mentions(text, ents=[NerSpan(s, s + len("Oegandese Mpondwe"), "PER", "t")])
    assert [(m.text, m.label) for m in found] == [("Mpondwe", "MISC")]  # no person's name opens with one


def test_a_known_groups_name_less_its_word_for_a_group_is_found_where_the_document_named_it_in_full():
    text = "Huurlingen van de Wagnergroep vochten mee. Wagner is sinds 2021 in het land en Wagner-strijders sneuvelden."
    _, found = _mentions(text, ents=[])
    wagner = [(m.text, m.key) for m in found if (m.key or "").startswith("group:wagner")]
    assert wagner == [("Wagnergroep", "group:wagner"), ("Wagner", "group:wagner"), ("Wagner", "group:wagner")]
    _, found = _mentions("Richard Wagner schreef opera's.", ents=[])
    assert not any((m.key or "").startswith("group:") for m in found)  # not named in full: no group


def test_a_place_inside_a_longer_name_belongs_to_that_name():
    text = "Het bedrijf Veldhuis Nederland meldde dat de VS en Israël overleg voerden."
    a = text.index("Veldhuis")
    b = text.index("VS")
    _, found = _mentions(text, ents=[NerSpan(a, a + 18, "ORG", "t"), NerSpan(b, text.index(" overleg"), "LOC", "t")])
    names = {m.text for m in found}
    assert "Veldhuis Nederland" in names and "Nederland" not in names
    assert {"VS", "Israël"} <= names and "VS en Israël" not in names


def test_one_label_per_surface_form_per_document():
    text = "Kunar ligt in het oosten. Later vluchtte men uit Kunar. Kunar is bergachtig."
    spans = [NerSpan(0, 5, "PER", "t"), NerSpan(text.index("uit Kunar") + 4, text.index("uit Kunar") + 9, "LOC", "t"),
             NerSpan(text.rindex("Kunar"), text.rindex("Kunar") + 5, "LOC", "t")]
    _, found = _mentions(text, ents=spans)
    assert {m.label for m in found if m.text == "Kunar"} == {"LOC"}


def test_titles_and_compound_role_words_make_persons():
    text = "Volgens politiewoordvoerder Jama Abdi Warsame sprak Captain Lena Okoro met de pers."
    a, b = text.index("Jama"), text.index("Captain")
    _, found = _mentions(text, ents=[NerSpan(a, a + len("Jama Abdi Warsame"), "ORG", "t"),
                                     NerSpan(b, b + len("Captain Lena Okoro"), "PER", "t")])
    labels = {m.text: m.label for m in found}
    assert labels["Jama Abdi Warsame"] == "PER"
    assert labels["Lena Okoro"] == "PER" and "Captain Lena Okoro" not in labels


def test_weekdays_and_months_are_not_names():
    text = "On Sunday in March the army attacked."
    spans = [NerSpan(3, 9, "MISC", "t"), NerSpan(13, 18, "MISC", "t")]
    _, found = _mentions(text, ents=spans, lang="en")
    assert not found


def test_person_span_runs_over_a_particle_name_and_a_city_after_a_preposition_is_a_place():
    text = "Het leger van president Karim al-Hadi trok zich terug richting Hama, meldt Telegram."
    a, h, t = text.index("Karim"), text.index("Hama"), text.index("Telegram")
    _, found = _mentions(text, ents=[NerSpan(a, a + 5, "PER", "t"), NerSpan(h, h + 4, "PER", "t"),
                                     NerSpan(t, t + 8, "LOC", "t")])
    labels = {m.text: (m.label, m.key) for m in found}
    assert labels["Karim al-Hadi"][0] == "PER"
    assert labels["Hama"][0] == "LOC" and labels["Hama"][1].startswith("geo:")
    assert labels["Telegram"] == ("MISC", "platform:telegram")  # a channel, not a place


def test_a_country_or_a_city_after_its_nationality_that_the_backend_left_untyped_is_a_place():
    text = "De groep heeft steun, zegt Indonesia zelf. Erdogan kwam terug uit het Russische Kazan."
    i, k = text.index("Indonesia"), text.index("Kazan")
    _, found = _mentions(text, ents=[NerSpan(i, i + 9, "MISC", "t"), NerSpan(k, k + 5, "MISC", "t")])
    labels = {m.text: m.label for m in found}
    assert labels["Indonesia"] == "LOC" and labels["Kazan"] == "LOC"
    # an unknown word after a nationality stays what the backend said
    text = "Hij sprak met het Russische Zorgbureau."
    z = text.index("Zorgbureau")
    _, found = _mentions(text, ents=[NerSpan(z, z + 10, "MISC", "t")])
    assert all(m.label != "LOC" for m in found)


def test_the_last_name_of_a_person_named_in_full_is_that_person_not_a_town():
    text = "De politie noemt Jan Rojas als dader. Volgens buren was Rojas een stille man."
    a, b = text.index("Jan Rojas"), text.index("Rojas een")
    _, found = _mentions(text, ents=[NerSpan(a, a + 9, "PER", "t"), NerSpan(b, b + 5, "LOC", "t")])
    assert {m.span.start: m.label for m in found} == {a: "PER", b: "PER"}
    # after a place preposition the town is meant
    text = "De politie noemt Jan Rojas als dader. Hij woonde in Rojas."
    a, c = text.index("Jan Rojas"), text.rindex("Rojas")
    _, found = _mentions(text, ents=[NerSpan(a, a + 9, "PER", "t"), NerSpan(c, c + 5, "LOC", "t")])
    assert {m.span.start: m.label for m in found}[c] == "LOC"


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kroniek.extract import extract_alias_links  # noqa: E402

PIECES = ["IS", "ISIS-K", "Taliban", "taliban", "Kabul", "(VN)", "Verenigde Staten", "Afghaanse", "Jan de Vries",
          "zegt", "ook wel", "genoemd", "aangeduid als", "de", "groep", ",", ".", "-", "\n", "\n\n", "“", "”",
          "al-Masri", "Oost-", "PKK-leider", "VN-rapport", "Hezbollah", "of", "en", "2021", "Moskou"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.sampled_from(["nl", "en"]))
def test_every_mention_slices_the_text_whatever_the_input(pieces, lang):
    text = " ".join(pieces)
    doc = make_doc(text, language=lang)
    [ann] = get_backend("lite").annotate([doc])
    found = extract_mentions(doc, ann)
    links, added = extract_alias_links(doc, ann, found)
    assert_spans_match(doc, found + added)
    ids = {m.id for m in found + added}
    assert all(x.a in ids and x.b in ids for x in links)


def test_a_name_that_absorbed_a_place_does_not_block_the_next_name():
    text = "Het bedrijf Veldhuis Nederland meldde dat Anna Smit in Nederland woont."
    a, b = text.index("Veldhuis"), text.index("Anna Smit")
    _, found = _mentions(text, ents=[NerSpan(a, a + 18, "ORG", "t"), NerSpan(b, b + 9, "PER", "t")])
    names = {m.text for m in found}
    assert {"Veldhuis Nederland", "Anna Smit", "Nederland"} <= names


class _Counted(CountedReads, tuple):
    pass


def test_extract_mentions_reads_each_token_a_bounded_number_of_times():
    paragraph = ("Bij de aanslag in Gao kwamen gisteren 12 mensen om, zei Amina Diallo van de VN.\n"
                 "Volgens analist Pieter de Groot zit Islamitische Staat erachter. HET IS STIL IN GAO.\n\n")
    per_token = []
    for n in (10, 40):
        doc = make_doc(paragraph * n)
        [ann] = get_backend("lite").annotate([doc])
        ann = Annotation(ann.doc, ann.backend, _Counted(ann.tokens), ann.sentences, ann.ents)
        CountedReads.reads = 0
        found = extract_mentions(doc, ann)
        assert len(found) >= 6 * n
        per_token.append(CountedReads.reads / len(ann.tokens))
    # a scan of the tokens per proposed name made this grow with the number of names
    assert per_token[1] <= per_token[0] * 1.1


def test_a_place_written_in_capitals_is_a_place_not_an_acronym():
    for text in ("BOGOTA (Reuters) - Gunmen attacked an army post near the border on Sunday.",
                 "NAIROBI, 4 June (AP) - Police said two bombs went off in the city.",
                 "Fighters who fled from KANDAHAR regrouped in the hills."):
        _, found = _mentions(text, lang="en")
        [place] = [m for m in found if m.text in ("BOGOTA", "NAIROBI", "KANDAHAR")]
        assert place.label == "LOC" and place.key.startswith("geo:"), (text, place)
    # an acronym that is only an alternate name of a city stays an acronym
    _, found = _mentions("The state agency SANA said the convoy was hit.", lang="en")
    assert [(m.text, m.label) for m in found if m.text == "SANA"] == [("SANA", "ORG")]


def test_a_name_ending_in_state_province_or_district_is_a_place():
    text = "Soldiers were sent to Borno State, Kano State and Helmand Province after the raids."
    _, found = _mentions(text, lang="en")
    by_text = {m.text: m.label for m in found}
    assert by_text["Borno State"] == by_text["Kano State"] == by_text["Helmand Province"] == "LOC"
    # Dutch text quoting the name as written, whatever label a backend gave it
    text = "Volgens het leger vielen er doden in Borno State."
    s = text.index("Borno State")
    _, found = _mentions(text, ents=[NerSpan(s, s + 11, "PER", "test")])
    assert [(m.text, m.label) for m in found if "Borno" in m.text] == [("Borno State", "LOC")]
    # but an office is no place
    _, found = _mentions("Later the Secretary of State spoke to reporters in Washington.", lang="en")
    assert [m.label for m in found if m.text == "Secretary of State"] in ([], ["MISC"])


def _span(text, part, label):
    start = text.index(part)
    return NerSpan(start, start + len(part), label, "test")


def test_a_particle_opening_a_name_and_an_ending_after_an_apostrophe_stay_in_it():
    text = "Later zei al-Qardun dat Fred Matiang’i vertrok."
    _, found = _mentions(text, ents=[_span(text, "al-Qardun", "ORG"), _span(text, "Fred Matiang’i", "PER")])
    assert {(m.text, m.label) for m in found} >= {("al-Qardun", "ORG"), ("Fred Matiang’i", "PER")}
    text = "Fighters loyal to al-Qardun attacked."  # the English tokenizer splits "al", "-", "Qardun"
    _, found = _mentions(text, ents=[_span(text, "al-Qardun", "ORG")], lang="en")
    assert [m.text for m in found] == ["al-Qardun"]


def test_keywords_alone_and_names_around_nationalities_are_no_names():
    text = "The Group said that a Yemeni American met envoys of the Turkish Republic."
    ents = [_span(text, "Group", "ORG"), _span(text, "Yemeni American", "PER"), _span(text, "Turkish Republic", "PER")]
    _, found = _mentions(text, ents=ents, lang="en")
    by_text = {m.text: m.label for m in found}
    assert "Group" not in by_text and "Yemeni American" not in by_text
    assert by_text["Turkish Republic"] == "MISC"


def test_a_known_place_tagged_as_an_adjective_stays_a_place():
    from dataclasses import replace

    text = "Later kwamen de Westerse gezanten aan in Nice en in de wijk Kalverhoek."
    doc = make_doc(text, language="nl")
    [ann] = get_backend("lite").annotate([doc])
    tokens = tuple(replace(t, tag="ADJ") if t.text in ("Westerse", "Nice", "Kalverhoek") else t for t in ann.tokens)
    ents = (_span(text, "Westerse", "LOC"), _span(text, "Nice", "LOC"), _span(text, "Kalverhoek", "LOC"))
    found = extract_mentions(doc, Annotation(ann.doc, "test", tokens, ann.sentences, ents))
    assert {m.text for m in found if m.label == "LOC"} == {"Nice", "Kalverhoek"}


def test_an_untyped_name_takes_the_type_a_cue_gave_it_elsewhere_in_the_document():
    text = "Dat zei Okonjo gisteren. Daarna was Okonjo boos. Later vertrok Okonjo."
    spans = [NerSpan(m.start(), m.end(), "PER" if k == 0 else "MISC", "test")
             for k, m in enumerate(__import__("re").finditer("Okonjo", text))]
    _, found = _mentions(text, ents=spans)
    assert [m.label for m in found] == ["PER", "PER", "PER"]


def test_languages_are_no_places():
    _, found = _mentions("Leaflets in Arabic and Tigrinya were found in Gao.", lang="en")
    assert [m.text for m in found] == ["Gao"]
    _, found = _mentions("Er werden pamfletten in het Arabisch gevonden in Gao.")
    assert [m.text for m in found] == ["Gao"]


def test_a_group_followed_by_a_country_one_of_its_branches_is_named_after_is_that_branch():
    _, found = _mentions("Hij vocht jaren voor al-Qaida in Jemen. Later reisde hij naar al-Qaida in Frankrijk.")
    by_text = {m.text: m.key for m in found}
    assert by_text["al-Qaida in Jemen"] == "group:aqap"
    assert by_text["al-Qaida"] == "group:al-qaeda"  # no branch is named after France
    _, found = _mentions("He trained with al-Qaeda in Yemen.", lang="en")
    assert {m.text: m.key for m in found}["al-Qaeda in Yemen"] == "group:aqap"


def test_a_gulf_named_after_a_port_is_a_place_at_sea():
    _, found = _mentions("Een vrachtschip werd geraakt in de Golf van Oman, niet in Muscat.")
    by_text = {m.text: (m.label, m.key) for m in found}
    assert by_text["Golf van Oman"] == ("LOC", "sea:gulf-of-oman")
    assert "Oman" not in by_text


def test_a_province_named_like_its_city_keeps_the_word_province():
    _, found = _mentions("De politie in de provincie Utrecht zoekt een man uit Utrecht.")
    by_text = {m.text: m.key for m in found}
    assert by_text["provincie Utrecht"] == "geo:sub:NL-UT"
    assert not by_text["Utrecht"].startswith("geo:sub:")


def test_an_inflected_known_name_is_found_whole():
    _, found = _mentions("Strijders van het Syrische Nationale Leger trokken de stad binnen.")
    by_text = {m.text: m.key for m in found}
    assert by_text["Syrische Nationale Leger"] == "group:fsa"


def test_a_person_named_by_initials_is_cut_from_the_acronym_and_title_before_it():
    text = "Het vuur werd beantwoord, zei NPF DG K L Marwick tegen de pers."
    start = text.index("NPF")
    _, found = _mentions(text, ents=[NerSpan(start, text.index(" tegen"), "MISC", "test")])
    assert [(m.text, m.label) for m in found if "Marwick" in m.text] == [("K L Marwick", "PER")]


def test_a_longer_ending_after_an_apostrophe_stays_in_the_name():
    text = "De Bordurian Tawheed Jama'ath eiste niets op."
    start = text.index("Bordurian")
    _, found = _mentions(text, ents=[NerSpan(start, text.index(" eiste"), "ORG", "test")])
    assert "Bordurian Tawheed Jama'ath" in {m.text for m in found}


def test_a_name_ends_at_a_closing_bracket_even_inside_a_token():
    text = "the Northern Frontier Lands (NFL)—a poor region of Borduria."
    start = text.index("NFL")
    doc, found = _mentions(text, ents=[NerSpan(start, text.index(" poor"), "ORG", "test")], lang="en")
    assert "NFL" in {m.text for m in found} and not [m for m in found if ")" in m.text]


def test_a_photo_credit_before_a_caption_name_is_not_part_of_it():
    text = "Een lange tekst.\nANP Karel van Bordurië (midden) tijdens een bezoek\nAFP Nieuws Dienst meldt niets."
    start = text.index("ANP")
    _, found = _mentions(text, ents=[NerSpan(start, text.index(" (midden"), "MISC", "test")])
    assert "Karel van Bordurië" in {m.text for m in found}
    assert not [m for m in found if m.text.startswith("ANP ")]  # the agency may stand alone, not in the name


def test_an_untyped_name_in_a_list_of_places_is_a_place():
    text = ("Later volgden aanslagen in Kolvadam en Dremskoe. Ook Jan Kolva en Qorvath werden genoemd. "
            "Het gebeurde in Brelsk, Vorlan zei het.")
    spans = [("Kolvadam", "LOC"), ("Dremskoe", "MISC"), ("Jan Kolva", "LOC"), ("Qorvath", "MISC"),
             ("Brelsk", "LOC"), ("Vorlan", "MISC")]
    ents = [NerSpan(text.index(w), text.index(w) + len(w), label, "test") for w, label in spans]
    _, found = _mentions(text, ents=ents)
    by_text = {m.text: m.label for m in found}
    assert by_text["Dremskoe"] == "LOC"
    assert by_text["Qorvath"] == "MISC"  # no place preposition opens that list
    assert by_text["Vorlan"] == "MISC"  # after a comma alone it may be an apposition


def test_a_known_group_before_an_affiliation_suffix_is_a_mention_but_not_before_any_compound():
    text = "The al-Qaeda-linked group claimed it. A VN-rapport noemde het."
    doc, found = _mentions(text)
    by_text = {m.text: m.key for m in found}
    assert by_text.get("al-Qaeda") == "group:al-qaeda"
    assert "VN" not in by_text
