from kroniek.model import AliasLink, Mention, Span
from kroniek.resolve import resolve_entities


def m(doc, start, text, label, key=None):
    return Mention(f"M{doc}{start}", Span(doc, start, start + len(text)), text, label, "t", key)


def _by_name(entities):
    return {e.name: e for e in entities}


def test_surname_joins_the_full_name_in_the_same_document():
    ms = [m("a", 0, "Amina Yusuf", "PER"), m("a", 40, "Yusuf", "PER"), m("b", 0, "Yusuf", "PER"),
          m("a", 60, "Teun van Dam", "PER"), m("a", 90, "Van Dam", "PER")]
    ents = _by_name(resolve_entities(ms)[0])
    assert set(ents["Amina Yusuf"].aliases) == {"Yusuf"}
    assert len(ents["Amina Yusuf"].mentions) == 3  # the lone "Yusuf" in b is the only Yusuf in the corpus
    assert ents["Teun van Dam"].aliases == ("Van Dam",)


def test_ambiguous_surname_is_left_alone_outside_its_document():
    ms = [m("a", 0, "Amina Yusuf", "PER"), m("b", 0, "Omar Yusuf", "PER"), m("c", 0, "Yusuf", "PER")]
    ents = resolve_entities(ms)[0]
    assert len(ents) == 3


def test_known_organisations_are_never_merged_even_when_a_text_says_so():
    ms = [m("a", 0, "IS", "ORG", "group:islamic-state"), m("a", 20, "ISKP", "ORG", "group:iskp"),
          m("b", 0, "Taliban", "ORG", "group:taliban"), m("b", 30, "Pakistaanse Taliban", "ORG", "group:ttp")]
    links = [AliasLink(ms[0].id, ms[1].id, "ook wel", Span("a", 0, 30)),
             AliasLink(ms[2].id, ms[3].id, "ofwel", Span("b", 0, 50))]
    ents, judgements = resolve_entities(ms, links)
    assert len(ents) == 4
    assert [j.verdict for j in judgements] == ["negative", "negative"]


def test_alias_links_and_spelling_variants_merge_unknown_names():
    ms = [m("a", 0, "Bordurisch Volksleger", "ORG"), m("a", 30, "BVL", "ORG"),
          m("b", 0, "Bordurisch Volks-leger", "ORG")]
    ents, judgements = resolve_entities(ms, [AliasLink(ms[0].id, ms[1].id, "brackets", Span("a", 0, 40))])
    assert len(ents) == 1
    assert {j.verdict for j in judgements} == {"positive"}


def test_cluster_type_is_voted_and_gazetteer_wins():
    ms = [m("a", 0, "Kunar", "LOC"), m("b", 0, "Kunar", "PER"), m("c", 0, "Kunar", "LOC"),
          m("a", 20, "Daesh", "PER", "group:islamic-state")]
    ents = _by_name(resolve_entities(ms)[0])
    assert ents["Kunar"].type == "LOC"
    assert ents["Islamic State"].type == "ORG" and ents["Islamic State"].aliases == ("Daesh",)


def test_ids_are_stable_across_runs():
    ms = [m("a", 0, "Amina Yusuf", "PER"), m("a", 20, "Hamas", "ORG", "group:hamas")]
    assert sorted(e.id for e in resolve_entities(ms)[0]) == sorted(e.id for e in resolve_entities(list(reversed(ms)))[0])


def test_people_and_numbered_units_are_not_joined_by_spelling():
    ms = [m("a", 0, "Pieter Jansen", "PER"), m("b", 0, "Pieter Janssen", "PER"),
          m("a", 30, "Brigade Noord 1", "ORG"), m("b", 30, "Brigade Noord 11", "ORG")]
    assert len(resolve_entities(ms)[0]) == 4


def test_particle_surnames_and_city_names_as_written():
    ms = [m("a", 0, "Abu Karim al-Hadi", "PER"), m("a", 40, "Hadi", "PER"), m("a", 60, "Hama", "LOC", "geo:170017")]
    ents = _by_name(resolve_entities(ms)[0])
    assert ents["Abu Karim al-Hadi"].aliases == ("Hadi",)
    assert ents["Hama"].key == "geo:170017" and ents["Hama"].lat is not None


def test_a_city_named_only_in_capitals_takes_its_gazetteer_name():
    ms = [m("a", 0, "OUAGADOUGOU", "LOC", "geo:2357048")]
    [e] = resolve_entities(ms)[0]
    assert e.name == "Ouagadougou" and e.aliases == ("OUAGADOUGOU",)


def test_names_in_other_scripts_are_not_one_entity():
    ms = [m("a", 0, "Путин", "PER"), m("a", 20, "Москва", "LOC"), m("a", 40, "حزب الله", "ORG")]
    ents = _by_name(resolve_entities(ms)[0])
    assert set(ents) == {"Путин", "Москва", "حزب الله"}
    assert [len(e.mentions) for e in ents.values()] == [1, 1, 1]


def test_untyped_surnames_of_a_named_person_make_the_entity_a_person():
    ms = [m("a", 0, "Ahmed Abdi Warsame", "PER"), m("a", 40, "Warsame", "MISC"), m("a", 60, "Warsame", "MISC"),
          m("a", 80, "Abdi Warsame", "MISC")]
    [e] = resolve_entities(ms)[0]
    assert e.type == "PER" and e.name == "Ahmed Abdi Warsame"


def test_a_surname_initial_and_a_shorter_name_join_the_full_name_of_their_document():
    ms = [m("a", 0, "Ahmet Kaya", "PER"), m("a", 30, "Ahmet K.", "PER"), m("a", 50, "Ahmet K.", "PER"),
          m("a", 70, "Kaya", "PER"), m("b", 0, "Ahmet Kaya", "PER"), m("c", 0, "Sami Tekin", "PER"),
          m("c", 20, "Sami Turan", "PER"), m("c", 40, "Sami T.", "PER")]
    ents = _by_name(resolve_entities(ms)[0])
    assert set(ents["Ahmet Kaya"].aliases) == {"Ahmet K.", "Kaya"} and len(ents["Ahmet Kaya"].mentions) == 5
    assert len(ents["Sami T."].mentions) == 1  # two persons of its document fit the initial


def test_an_untyped_name_defined_with_its_acronym_is_an_organisation():
    ms = [m("a", 0, "Bordurian Relief Council", "MISC"), m("a", 27, "BRC", "MISC"), m("a", 60, "Grand Harbour", "MISC")]
    ents = _by_name(resolve_entities(ms, [AliasLink(ms[0].id, ms[1].id, "brackets", Span("a", 0, 31))])[0])
    assert ents["Bordurian Relief Council"].type == "ORG"
    assert ents["Grand Harbour"].type == "MISC"


def test_an_acronym_joins_the_unknown_name_it_spells_in_its_document():
    ms = [m("a", 0, "Northern Border Rescue Corps", "ORG"), m("a", 60, "NBRC", "ORG"), m("b", 0, "NBRC", "ORG"),
          m("b", 30, "Bordurian Relief Office", "ORG")]
    ents = _by_name(resolve_entities(ms)[0])
    assert len(ents["Northern Border Rescue Corps"].mentions) == 3  # the same acronym elsewhere is the same name
    assert len(ents["Bordurian Relief Office"].mentions) == 1  # its initials are not the acronym's


def test_an_acronym_that_spells_two_names_in_two_documents_joins_neither():
    ms = [m("a", 0, "Northern Border Rescue Corps", "ORG"), m("a", 60, "NBRC", "ORG"),
          m("c", 0, "New Bordurian Relief Council", "ORG"), m("c", 40, "NBRC", "ORG")]
    ents = _by_name(resolve_entities(ms)[0])
    assert len(ents["Northern Border Rescue Corps"].mentions) == len(ents["New Bordurian Relief Council"].mentions) == 1


def test_a_name_in_another_word_order_is_the_same_person_of_its_document():
    ms = [m("a", 0, "Sheikh Omar Kalim", "PER"), m("a", 40, "Sheikh Kalim Omar", "PER"),
          m("b", 0, "Sheikh Kalim Omar", "PER")]
    [e] = resolve_entities(ms)[0]
    assert set(e.aliases) | {e.name} == {"Sheikh Omar Kalim", "Sheikh Kalim Omar"}
    two = [m("c", 0, "Kalim Omar", "PER"), m("c", 20, "Omar Kalim", "PER")]
    assert len(resolve_entities(two)[0]) == 2  # two words in either order are often two people


def test_a_shorter_surname_finds_its_person_after_a_longer_one_joined_it():
    ms = [m("a", 0, "Maulvi Rashid Kalim", "PER"), m("a", 30, "Rashid Kalim", "PER"), m("a", 50, "Kalim", "PER"),
          m("b", 0, "Idris Kalim", "PER")]
    ents = _by_name(resolve_entities(ms)[0])
    assert set(ents["Maulvi Rashid Kalim"].aliases) == {"Rashid Kalim", "Kalim"}


def test_an_initial_without_a_full_stop_joins_the_full_name_of_its_document():
    ms = [m("a", 0, "Karim Bensaid", "PER"), m("a", 30, "Karim B", "PER")]
    [e] = resolve_entities(ms)[0]
    assert e.name == "Karim Bensaid" and e.aliases == ("Karim B",)


def test_a_long_person_name_spelled_another_way_joins_but_a_short_one_does_not():
    ms = [m("a", 0, "Abu Mohammad al-Kalimi", "PER"), m("b", 0, "Abu Mohamed al-Kalimi", "PER"),
          m("c", 0, "Pieter Janssen", "PER"), m("d", 0, "Pieter Jansen", "PER"),
          m("e", 0, "Abu Mohammad al-Kalima", "PER")]
    docs = sorted("".join(sorted(x.span.doc for x in e.mentions)) for e in resolve_entities(ms)[0])
    # two words are too few to tell a spelling from another person; another last word is another person
    assert docs == ["ab", "c", "d", "e"]
    untyped = [m("f", 0, "Abu Mohamed al-Kalimi", "MISC"), m("g", 0, "Abu Mohamad al-Kalimi", "MISC")]
    assert len(resolve_entities(untyped)[0]) == 2  # two untyped names: nothing says either is a person
    assert len(resolve_entities(ms + untyped)[0]) == 4  # a person's name spelled another way, untyped, is his


def test_a_mention_split_off_from_its_name_leaves_alone_though_the_others_were_joined_through_it():
    from kroniek.model import Judgement, Mention, Span

    ms = [Mention(i, Span(d, 0, 5), "Velda", "LOC", "gazetteer", "geo:9") for i, d in (("M-a", "a"), ("M-b", "b"), ("M-c", "c"))]
    entities, _ = resolve_entities(ms, [], [Judgement("M-a", "M-b", "negative", "another Velda", "analyst")])
    assert sorted(sorted(m.id for m in e.mentions) for e in entities) == [["M-a"], ["M-b", "M-c"]]
