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
    out = {d.id: d for d in date_documents(docs, [_loc(docs, "Lyon")])}
    assert out["b"].published.value == "2019-03-05" and out["b"].published.source == "content"
    assert "date-conflict" in out["b"].flags
    assert out["c"].published.value == "2019-03"  # 4 March 2019 was a Monday: published the week after
    assert (out["c"].published.earliest, out["c"].published.latest) == ("2019-03-11", "2019-03-17")
    assert out["d"].published is None  # the weekday does not fit, so this is another event
    assert out["a"].published is None


def test_different_sites_in_one_city_are_different_events():
    dated = make_doc("De aanslag op de ambassade in Lyon op 4 maart 2019 was ernstig.", "a")
    other = make_doc("De aanslag op het station in Lyon gisteren was ernstig.", "b")
    out = {d.id: d for d in date_documents([dated, other], [_loc([dated, other], "Lyon")])}
    assert out["b"].published is None


def test_a_sentence_without_a_place_takes_place_and_site_from_its_neighbours():
    dated = make_doc("Het vliegveld van Lyon ligt ten noorden van de stad. Daar kwamen bij een aanslag op 4 maart 2019 "
                     "vijf mensen om.", "a")
    relative = make_doc("Na de aanslag op het vliegveld van Lyon gisteren is de stad in rouw.", "b")
    out = {d.id: d for d in date_documents([dated, relative], [_loc([dated, relative], "Lyon")])}
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
    out = {d.id: d for d in date_documents(docs, [_loc(docs, "Lyon")])}
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
    out = {d.id: d for d in date_documents(docs, [_loc(docs, "Lyon")])}
    assert out["b"].published.value == "2018-06" and "date-conflict" not in out["b"].flags


def test_an_address_month_is_made_precise_by_a_day_that_agrees_with_it():
    dated = make_doc("De bomaanslag op het station van Lyon op 4 maart 2019 maakte veel slachtoffers.", "a")
    relative = make_doc("Na de aanslag op het station van Lyon gisteren is de stad in rouw.", "b")
    relative = replace(relative, date_candidates=(DateValue("2019-03", "url"),), published=DateValue("2019-03", "url"))
    docs = [dated, relative]
    out = {d.id: d for d in date_documents(docs, [_loc(docs, "Lyon")])}
    assert out["b"].published.value == "2019-03-05"
