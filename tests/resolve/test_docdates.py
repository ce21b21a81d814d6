from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from kroniek.model import DateValue, Entity, Mention, Span
from kroniek.resolve.docdates import calendar_dates, date_documents, relative_day

from ..conftest import make_doc


def _loc(docs, name):
    mentions = []
    for d in docs:
        i = d.text.find(name)
        while i >= 0:
            mentions.append(Mention(f"M{d.id}{i}", Span(d.id, i, i + len(name)), name, "LOC", "t"))
            i = d.text.find(name, i + 1)
    return Entity("E1", "LOC", name, (), tuple(mentions))


def _in_lyon(docs):
    """Each document dated among `docs`, by id, with Lyon the one place they name."""
    return {d.id: d for d in date_documents(docs, [_loc(docs, "Lyon")])}


def test_relative_day_words():
    assert relative_day("De explosie gisteren in de haven", "nl") == ((-1, -1), None)
    assert relative_day("Vorige week donderdag was er een aanslag", "nl") == ((-13, -1), 3)
    assert relative_day("The blast yesterday", "en") == ((-1, -1), None)
    assert relative_day("In 2019 was er een aanslag", "nl") is None


@given(st.integers(1990, 2030), st.integers(1, 12), st.integers(1, 28))
def test_calendar_dates_read_both_languages(year, month, day):
    nl = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"][month - 1]
    en = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"][month - 1]
    iso = f"{year}-{month:02d}-{day:02d}"
    assert calendar_dates(f"op {day} {nl} {year} gebeurde het", "nl") == [iso]
    assert calendar_dates(f"posted {en} {day}, {year}", "nl") == [iso]
    assert calendar_dates(f"in {nl} {year}", "nl") == [f"{year}-{month:02d}"]


def test_a_relative_report_is_dated_by_a_dated_report_elsewhere_and_a_wrong_header_is_flagged():
    dated = make_doc("De bomaanslag op het station van Lyon op 4 maart 2019 maakte veel slachtoffers.", "a")
    relative = make_doc(" date 2023-01 Na de aanslag op het station van Lyon gisteren is de stad in rouw.", "b")
    weekday = make_doc("Vorige week maandag was er een aanslag op het station van Lyon, meldt de krant.", "c")
    wrong_day = make_doc("Vorige week vrijdag was er een aanslag op het station van Lyon, meldt de krant.", "d")
    docs = [dated, relative, weekday, wrong_day]
    out = _in_lyon(docs)
    assert out["b"].published.value == "2019-03-05" and out["b"].published.source == "content"
    assert "date-conflict" in out["b"].flags
    assert out["c"].published.value == "2019-03"  # 4 March 2019 was a Monday: published the week after
    assert (out["c"].published.earliest, out["c"].published.latest) == ("2019-03-11", "2019-03-17")
    assert out["d"].published is None  # the weekday does not fit, so this is another event
    assert out["a"].published is None


def test_at_a_crowded_place_an_article_is_dated_only_by_reports_of_its_own_time(monkeypatch):
    from kroniek.resolve import docdates

    monkeypatch.setattr(docdates, "CROWDED", 2)  # three dated reports at the station make it crowded
    dated = [make_doc(f"De bomaanslag op het station van Lyon op {day} maakte slachtoffers.", f"a{i}")
             for i, day in enumerate(["4 maart 2019", "9 juni 2020", "2 oktober 2021"])]
    month = make_doc(" date 2020-06 Na de aanslag op het station van Lyon gisteren is de stad in rouw.", "b")
    undated = make_doc("Na de aanslag op het station van Lyon gisteren is de stad in rouw.", "c")
    docs = [*dated, month, undated]
    out = _in_lyon(docs)
    assert out["b"].published.value == "2020-06-10"  # the report of its own month, among many
    assert out["c"].published is None  # which of the many? no telling
    monkeypatch.setattr(docdates, "CROWDED", 300)
    out = _in_lyon(docs)
    assert out["b"].published.value == "2020-06-10"


def test_different_sites_in_one_city_are_different_events():
    dated = make_doc("De aanslag op de ambassade in Lyon op 4 maart 2019 was ernstig.", "a")
    other = make_doc("De aanslag op het station in Lyon gisteren was ernstig.", "b")
    out = _in_lyon([dated, other])
    assert out["b"].published is None


def test_a_sentence_without_a_place_takes_place_and_site_from_its_neighbours():
    dated = make_doc("Het vliegveld van Lyon ligt ten noorden van de stad. Daar kwamen bij een aanslag op 4 maart 2019 "
                     "vijf mensen om.", "a")
    relative = make_doc("Na de aanslag op het vliegveld van Lyon gisteren is de stad in rouw.", "b")
    out = _in_lyon([dated, relative])
    assert out["b"].published.value == "2019-03-05"


def _country(docs, name, code):
    return replace(_loc(docs, name), id=f"C{code}", key=f"country:{code}", country=code)


def test_a_document_dated_to_the_day_dates_its_weekdays_and_so_the_reports_that_say_yesterday():
    # 10 March 2021 was a Wednesday: "maandag" in it is 8 March, so "gisteren" elsewhere is 9 March,
    # and a third report's "vannacht" about what the second dated is a round further on
    first = make_doc(" date 2021-03-10 De aanslag maandag op het station van Lyon blijft de stad bezighouden.", "a")
    second = make_doc(" date 2021-03 Na de aanslag op het station van Lyon gisteren is de stad in rouw.", "b")
    neither = make_doc("Bij de aanslag op het station van Lyon vielen doden, zegt de burgemeester.", "c")
    docs = [first, second, neither]
    out = _in_lyon(docs)
    assert out["b"].published.value == "2021-03-09" and out["b"].published.source == "content"
    assert "date-conflict" not in out["b"].flags
    assert out["a"].published.value == "2021-03-10" and out["c"].published is None


def test_dated_reports_date_in_rounds():
    first = make_doc(" date 2021-03-10 De aanslag maandag op het station van Lyon blijft de stad bezighouden.", "a")
    # dated by "a" in the first round (9 March), "b" dates the explosion in Nantes it tells of (its "vanochtend")
    second = make_doc("Na de aanslag op het station van Lyon gisteren is de stad in rouw. Vanochtend was er ook "
                      "een explosie in Nantes.", "b")
    third = make_doc("Na de explosie in Nantes gisteren is de wijk afgesloten.", "c")
    docs = [first, second, third]
    out = {d.id: d for d in date_documents(docs, [_loc(docs, "Lyon"), replace(_loc(docs, "Nantes"), id="E2")])}
    assert out["b"].published.value == "2021-03-09"
    assert out["c"].published.value == "2021-03-10"


def test_a_country_alone_is_no_common_place_unless_the_site_is_the_same():
    dated = make_doc("Bij de aanslag in Freedonia op 4 maart 2019 vielen tien doden.", "a")
    relative = make_doc("Na de aanslag in Freedonia gisteren is het land in rouw.", "b")
    church = make_doc("De aanslag op een kerk in Freedonia op 4 maart 2019 was ernstig.", "c")
    church_too = make_doc("Na de aanslag op de kerk in Freedonia gisteren is het land in rouw.", "d")
    docs = [dated, relative]
    out = {d.id: d for d in date_documents(docs, [_country(docs, "Freedonia", "FD")])}
    assert out["b"].published is None
    docs = [church, church_too]
    out = {d.id: d for d in date_documents(docs, [_country(docs, "Freedonia", "FD")])}
    assert out["d"].published.value == "2019-03-05"


def test_a_date_derived_from_another_publication_day_never_overrides_the_documents_own():
    first = make_doc(" date 2021-03-10 De aanslag maandag op het station van Lyon blijft de stad bezighouden.", "a")
    other_year = make_doc(" date 2018-06 Na de aanslag op het station van Lyon gisteren is de stad in rouw.", "b")
    docs = [first, other_year]
    out = _in_lyon(docs)
    assert out["b"].published.value == "2018-06" and "date-conflict" not in out["b"].flags


def test_an_address_month_is_made_precise_by_a_day_that_agrees_with_it():
    dated = make_doc("De bomaanslag op het station van Lyon op 4 maart 2019 maakte veel slachtoffers.", "a")
    relative = make_doc("Na de aanslag op het station van Lyon gisteren is de stad in rouw.", "b")
    relative = replace(relative, date_candidates=(DateValue("2019-03", "url"),), published=DateValue("2019-03", "url"))
    docs = [dated, relative]
    out = _in_lyon(docs)
    assert out["b"].published.value == "2019-03-05"


def test_a_feast_day_dates_an_event_in_the_year_its_document_gives():
    # Easter Sunday fell on 21 April in 2019: a report of "zondagochtend" elsewhere is of that Sunday
    feast = make_doc(" date 2019-04 Op Eerste Paasdag werd een aanslag gepleegd op de kerk in Lyon.", "a")
    weekday = make_doc(" date 2019-04 Bij de aanslag op de kerk in Lyon zondagochtend vielen doden.", "b")
    no_year = make_doc("Op Eerste Paasdag werd een aanslag gepleegd op de kerk in Lyon.", "c")
    docs = [feast, weekday]
    out = _in_lyon(docs)
    assert out["b"].published.value == "2019-04-21"
    docs = [no_year, weekday]
    out = _in_lyon(docs)
    assert out["b"].published.value == "2019-04"  # the header's month: nothing gives the day


def test_the_weekdays_of_a_story_date_its_report_to_the_last_of_them():
    # 4 March 2019 was a Monday
    dated = make_doc("De bomaanslag op het station van Lyon op 4 maart 2019 maakte veel slachtoffers.", "a")
    next_day = make_doc("De aanslag van maandagavond op het station van Lyon eiste drie levens. Dinsdagochtend werd "
                        "bekend dat een vierde slachtoffer is overleden.", "b")
    same_day = make_doc("Bij de aanslag op het station van Lyon maandagavond vielen drie doden.", "c")
    # a Sunday named beside a Monday attack is the day before it, not six days after
    day_before = make_doc("Bij de aanslag op het station van Lyon maandag vielen drie doden. Zondag was het er nog "
                          "rustig.", "d")
    docs = [dated, next_day, same_day, day_before]
    out = _in_lyon(docs)
    assert out["b"].published.value == "2019-03-05"
    assert (out["b"].published.earliest, out["b"].published.latest) == ("2019-03-05", "2019-03-10")
    assert out["c"].published.value == "2019-03-04"
    assert out["d"].published.value == "2019-03-04"


def test_a_day_chosen_from_a_week_dates_no_other_report():
    dated = make_doc("De bomaanslag op het station van Lyon op 4 maart 2019 maakte veel slachtoffers.", "a")
    chosen = make_doc("Bij de aanslag op het station van Lyon maandagavond vielen drie doden. Vanochtend was er ook "
                      "een explosie in Nantes.", "b")
    leaning = make_doc("Na de explosie in Nantes gisteren is de wijk afgesloten.", "c")
    docs = [dated, chosen, leaning]
    out = {d.id: d for d in date_documents(docs, [_loc(docs, "Lyon"), replace(_loc(docs, "Nantes"), id="E2")])}
    assert out["b"].published.value == "2019-03-04"
    assert out["c"].published is None


def test_a_weekday_that_is_not_the_events_is_a_later_day_where_the_document_gives_its_month():
    # 3 March 2019 was a Sunday: "dinsdag" in a March report of that attack is 5 March
    dated = make_doc("De aanslag op de kerk in Lyon op 3 maart 2019 maakte veel slachtoffers.", "a")
    month = make_doc(" date 2019-03 De aanslag op de kerk in Lyon was wraak, zei de minister dinsdag.", "b")
    no_month = make_doc("De aanslag op de kerk in Lyon was wraak, zei de minister dinsdag.", "c")
    last_week = make_doc(" date 2019-03 De aanslag op de kerk in Lyon was wraak, zei de minister vorige week dinsdag.",
                         "d")
    docs = [dated, month, no_month, last_week]
    out = _in_lyon(docs)
    assert out["b"].published.value == "2019-03-05"
    assert out["c"].published is None
    assert out["d"].published.value == "2019-03"  # a day of last week is no later day of this week's story


def test_a_sentence_far_from_any_place_is_about_the_place_of_the_lead():
    dated = make_doc("De aanslag in Lyon op 4 maart 2019 maakte veel slachtoffers.", "a")
    lead = make_doc("Aanslag in Lyon\n\nHet was een drukke avond. Er waren veel mensen op straat. De daders pleegden "
                    "maandag een aanslag op voetbalfans. Niemand weet waarom.", "b")
    docs = [dated, lead]
    out = _in_lyon(docs)
    assert out["b"].published.value == "2019-03-04"


def _person(docs, name, eid):
    return replace(_loc(docs, name), id=eid, type="PER")


def test_a_place_in_a_country_and_a_name_few_others_give_tie_two_reports_of_one_event():
    # 6 March 2024 was a Wednesday
    dated = make_doc("Bij de raketaanval voor de kust van Freedonia op 6 maart 2024 raakte kapitein Piet Zeegers "
                     "gewond.", "a")
    city = make_doc("Bij een raketaanval bij Porto Azul woensdag kwamen twee zeelieden om. Kapitein Piet Zeegers "
                    "overleefde.", "b")
    docs = [dated, city]
    country = _country(docs, "Freedonia", "FD")
    port = replace(_loc(docs, "Porto Azul"), id="E3", country="FD")
    out = {d.id: d for d in date_documents(docs, [country, port, _person(docs, "Piet Zeegers", "P1")])}
    assert out["b"].published.value == "2024-03-06"
    out = {d.id: d for d in date_documents(docs, [country, port])}
    assert out["b"].published is None  # a port and its country alone: too many events at once


def test_of_event_days_close_together_the_first_is_the_events_however_many_give_the_later():
    # 7 March 2019 was a Thursday: "donderdag" in an article of that day dates the blast; the vigil the day
    # after is written out twice, but a report of "gisteren" is of the blast
    blast = make_doc(" date 2019-03-07 Bij een bomaanslag op de kazerne in Lyon zijn donderdag zes doden gevallen.", "a")
    vigil = make_doc("Bij de kazerne in Lyon herdachten honderden mensen op 8 maart 2019 de slachtoffers van de "
                     "bomaanslag. De aanslag van de bomauto bij de kazerne in Lyon werd op 8 maart 2019 opgeëist.",
                     "b")
    yesterday = make_doc(" date 2019-03 De politie weet wie achter de aanslag van gisteren bij de kazerne in Lyon zit.",
                         "c")
    docs = [blast, vigil, yesterday]
    out = _in_lyon(docs)
    assert out["c"].published.value == "2019-03-08"
    # days far apart are two events: the one more reports give stays first
    far = make_doc("Bij de kazerne in Lyon was op 20 maart 2019 opnieuw een aanslag. Een tweede bomaanslag bij de "
                   "kazerne in Lyon op 20 maart 2019 volgde.", "b")
    docs = [blast, far, yesterday]
    out = _in_lyon(docs)
    assert out["c"].published.value == "2019-03-21"


def test_a_day_written_without_its_year_is_dated_by_a_report_that_gives_the_year():
    dated = make_doc("Bij de aanslag op het station van Lyon op 4 maart 2019 vielen tien doden.", "a")
    yearless = make_doc("Who leads the group?\n\nTen people died in the March 4 attack on the station in Lyon.", "b")
    # Lyon lies in Freedonia: a place in the country the other names, tied by the day both give
    country = make_doc("Ten people died in the attack in Freedonia on 4 March 2019.", "c")
    other_day = make_doc("Ten people died in the March 5 attack on the station in Lyon.", "d")
    month = make_doc(" date 2020-02 Ten people died in the March 4 attack on the station in Lyon.", "e")
    docs = [dated, yearless, other_day, month]
    out = _in_lyon(docs)
    assert out["b"].published.value == "2019-03"  # on or after the day: its month
    assert (out["b"].published.earliest, out["b"].published.latest) == ("2019-03-04", "2019-03-18")
    assert out["d"].published is None
    # an article of another year writes of a past year's day: its own date stands
    assert out["e"].published.value == "2020-02" and "date-conflict" not in out["e"].flags
    docs = [country, yearless]
    lyon = replace(_loc(docs, "Lyon"), id="E3", country="FD")
    out = {d.id: d for d in date_documents(docs, [_country(docs, "Freedonia", "FD"), lyon])}
    assert out["b"].published.value == "2019-03"


def test_an_embedded_posts_day_makes_a_month_header_precise():
    doc = make_doc(" date 2024-03 Harbour closed\nThe harbour closed on Tuesday.\n"
                   "— Harbour News (@HarbourNews) March 5, 2024\n", "a")
    [out] = date_documents([doc], [])
    assert (out.published.value, out.published.source) == ("2024-03-05", "embed")
    assert "date-conflict" not in out.flags



# -- the dated anchors filed by place: the same matches as reading every one ------------------------------
from kroniek.dates import TimeExpr  # noqa: E402
from kroniek.resolve.docdates import Anchor, Kin, _Dated, _same_event  # noqa: E402

_TOWNS = {"T1": "C1", "T2": "C1", "T3": "C2"}
_KIN = Kin(within=dict(_TOWNS), rare={"d1": frozenset({"P1"}), "d2": frozenset({"P1"}), "d3": frozenset({"P2"})})
_COUNTRIES = frozenset({"C1", "C2"})


@st.composite
def _anchors(draw, relative: bool):
    doc = draw(st.sampled_from(["d1", "d2", "d3", "d4"]))
    places = draw(st.frozensets(st.sampled_from(["T1", "T2", "T3", "C1", "C2"]), min_size=1, max_size=2))
    sites = draw(st.frozensets(st.sampled_from(["market", "mosque", "hotel"]), max_size=2))
    if relative:
        yearless = draw(st.booleans())
        yearless_day = TimeExpr(0, 1, "14 March", "parsed") if yearless else None
        return Anchor(doc, places, sites, Span(doc, 0, 1), offset=None if yearless else (-1, -1), relative=yearless_day)
    return Anchor(doc, places, sites, Span(doc, 0, 1), dates=("2023-03-14",))


@given(st.lists(_anchors(False), max_size=25), _anchors(True), st.booleans())
def test_dated_anchors_filed_by_place_match_what_reading_every_one_matches(dated, rel, with_kin):
    kin = _KIN if with_kin else None
    index = _Dated(dated, _COUNTRIES, kin)
    every = [a for a in dated if _same_event(rel, a, _COUNTRIES, kin)]
    filed = [a for a in index.near(rel) if _same_event(rel, a, _COUNTRIES, kin)]
    assert [id(a) for a in filed] == [id(a) for a in every]
