"""kroniek.dates: written, relative and symbolic dates against a fixed publication date, on invented sentences."""
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kroniek.dates import (TimeExpr, calendar_dates, day_of, find_dates, find_times, iso_prefix, parse_date,
                           publication_days, relative_day, relative_time, resolve_value, url_date, url_day_in_month,
                           yearless_day)
from kroniek.model import DateValue

PUBLISHED = "2024-03-20"  # a Wednesday


def dated(text, published=PUBLISHED, previous=None):
    """(value, evidence text) for every date found; every evidence span slices the text."""
    out = []
    for d in find_dates(text, published, previous):
        assert d.evidence is not None and 0 <= d.evidence.start <= d.evidence.end <= len(text)
        out.append((d.value, text[d.evidence.start:d.evidence.end]))
    return out


@pytest.mark.parametrize("text,expected", [
    ("The convoy was ambushed two days ago near the river.", [("2024-03-18", "two days ago")]),
    ("Het konvooi werd twee dagen geleden overvallen.", [("2024-03-18", "twee dagen geleden")]),
    ("Last month the rebels took the town.", [("2024-02", "Last month")]),
    ("Vorige maand namen de rebellen de stad in.", [("2024-02", "Vorige maand")]),
    ("Earlier this month the rebels took the town.", [("2024-03", "this month")]),
    ("Eerder deze maand namen de rebellen de stad in.", [("2024-03", "deze maand")]),
    ("Last week Thursday a car bomb went off downtown.", [("2024-03-14", "Last week Thursday")]),
    ("Vorige week donderdag ontplofte een autobom.", [("2024-03-14", "Vorige week donderdag")]),
    ("The militia was founded on 3 Oct. 2021 in the hills.", [("2021-10-03", "3 Oct. 2021")]),
    ("The ferry sank on 12 March with forty people aboard.", [("2024-03-12", "12 March")]),
    ("De veerboot zonk op 12 maart 2024 bij de kust.", [("2024-03-12", "12 maart 2024")]),
    ("De veerboot zonk op 4 mei bij de kust.", [("2023-05-04", "4 mei")]),  # the past May, not the coming one
    ("Gisteren en eergisteren vielen er granaten.", [("2024-03-19", "Gisteren"), ("2024-03-18", "eergisteren")]),
    ("Yesterday's storm flooded the harbour.", [("2024-03-19", "Yesterday")]),
    ("Op zaterdag 14 oktober brandde de markt af.", [("2023-10-14", "zaterdag 14 oktober")]),
    ("Op 26 oktober vorig jaar brandde de markt af.", [("2023-10-26", "26 oktober vorig jaar")]),
    ("In de zomer van juni dit jaar", [("2024-06", "juni dit jaar")]),
    ("Drie maanden geleden sloot de fabriek.", [("2023-12", "Drie maanden geleden")]),
])
def test_dates_read_against_the_publication_day(text, expected):
    assert dated(text) == expected


def test_a_weekday_is_the_last_such_day_on_or_before_publication():
    assert dated("On Tuesday the bridge collapsed.") == [("2024-03-19", "Tuesday")]
    assert dated("Op woensdag stortte de brug in.") == [("2024-03-20", "woensdag")]  # publication day itself
    assert dated("Afgelopen woensdag stortte de brug in.") == [("2024-03-13", "Afgelopen woensdag")]


def test_a_week_or_a_decade_keeps_its_days_in_earliest_and_latest():
    [week] = find_dates("Vorige week sloot de fabriek.", PUBLISHED)
    assert (week.value, week.earliest, week.latest) == ("2024-03", "2024-03-11", "2024-03-17")
    for text in ("In the 1990s the party split.", "In de jaren negentig scheurde de partij.",
                 "In de jaren '90 scheurde de partij.", "In the '90s the party split."):
        [decade] = find_dates(text, PUBLISHED)
        assert (decade.value, decade.earliest, decade.latest) == ("1990", "1990-01-01", "1999-12-31"), text
        assert decade.precision == "year"


def test_a_written_decade_needs_no_publication_date_and_a_word_takes_the_latest_century():
    assert [d.value for d in find_dates("the 1980s", None)] == ["1980"]
    assert find_dates("de jaren twintig", None) == []
    assert [d.value for d in find_dates("de jaren twintig", PUBLISHED)] == ["2020"]


def test_years_later_count_from_the_last_date_the_text_gave():
    assert dated("In april 2017 begon de bouw. Een jaar later was de brug klaar.") == [
        ("2017-04", "april 2017"), ("2018-04", "Een jaar later")]
    assert dated("Twee jaar later ging de brug dicht.", previous="2019-05-02") == [("2021-05-02", "Twee jaar later")]
    assert dated("Twee jaar later ging de brug dicht.") == []  # nothing to count from


@pytest.mark.parametrize("text", [
    "Zo'n 2000 vrijwilligers hielpen mee.",  # a count, not a year
    "As many as 10 may have drowned.",  # "may" the verb
    "In March 12 fishermen went missing.",  # the number counts
    "De vereniging is al 3 jaar actief.",  # a duration
    "It was a three-year project.",
    "The death toll is in the 70s.",  # a count, not a decade
    "The 90 volunteers went home.",
    "Het overleg begint om 10 uur.",  # a time of day is no date
])
def test_numbers_and_words_that_are_no_date(text):
    assert dated(text) == []


def test_a_publication_month_dates_what_falls_in_it():
    assert [d.value for d in find_dates("Gisteren stortte de brug in.", "2024-03")] == ["2024-03"]
    assert [d.value for d in find_dates("Op 12 februari stortte de brug in.", "2024-03")] == ["2024-02-12"]
    # 12 March 2024, or 2023 when the article appeared before the 12th: no date
    assert find_dates("Op 12 maart stortte de brug in.", "2024-03") == []
    # ... unless the weekday says which: 12 March 2023 was a Sunday, 12 March 2024 a Tuesday
    assert [d.value for d in find_dates("Op dinsdag 12 maart stortte de brug in.", "2024-03")] == ["2024-03-12"]
    # published some day in March 2024: "last month" is February whichever day it was
    assert [d.value for d in find_dates("Last month the bridge collapsed.", "2024-03")] == ["2024-02"]


def test_a_publication_range_gives_the_days_all_its_ends_agree_on():
    published = DateValue("2024-03", "content", None, "2024-03-11", "2024-03-17")
    [t] = find_times("vorige week woensdag")
    assert resolve_value(t, published).value == "2024-03-06"
    [t] = find_times("gisteren")
    found = resolve_value(t, published)
    assert (found.value, found.earliest, found.latest) == ("2024-03", "2024-03-10", "2024-03-16")


def test_header_and_dateline_dates():
    assert parse_date("26 maart 2024", "nl") == "2024-03-26"
    assert parse_date("August 26, 2021", "en") == "2021-08-26"
    assert parse_date("maart 2024", "nl") is None  # a dateline gives the day
    assert iso_prefix("2021-08-27T10:00:00Z") == "2021-08-27"
    assert iso_prefix("2021-08") == "2021-08"
    assert iso_prefix("gisteren") is None


def test_what_the_corpus_dating_asks():
    assert calendar_dates("Op 4 mei 2019 en in juni 2020 ging het mis.") == ["2019-05-04"]
    assert calendar_dates("In juni 2020 ging het mis.") == ["2020-06"]
    assert calendar_dates("Gisteren ging het mis.") == []
    assert relative_day("Twee dagen geleden ging het mis.") == ((-2, -2), None)
    assert relative_day("Last Friday the dam broke.") == ((-7, -1), 4)


def test_month_and_weekday_words_come_from_the_data_files():
    from kroniek.data import load_yaml

    for code in ("nl", "en"):
        for i, name in enumerate(load_yaml(f"lexicon/{code}.yaml")["weekdays"]):
            assert relative_day(f"x {name} y") == ((-7, -1), i)
        for i, name in enumerate(load_yaml("lexicon/months.yaml")[code]):
            assert calendar_dates(f"op 2 {name} 2015") == [f"2015-{i + 1:02d}-02"]


# date words, numbers and look-alikes, so that the generated texts reach every rule
WORDS = ["12", "3", "2021", "1990s", "maart", "March", "mei", "May", "may", "vorige", "week", "maand", "last", "month",
         "jaren", "negentig", "the", "'90s", "gisteren", "yesterday", "ago", "geleden", "twee", "two", "dagen", "days",
         "een", "jaar", "later", "in", "dinsdag", "Tuesday", ",", ".", "\n", "İ", "dit", "vorig", "op", "on",
         "2024-02-30", "31", "feb", "Oct.", "afgelopen", "sinds", "morgen", "10", "uur"]
PUBLISHED_VALUES = st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2099, 12, 31)).map(str),
                             st.sampled_from(["2021-02-30", "2021-13", "2021", "2021-06"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join) | st.text(max_size=60), PUBLISHED_VALUES,
       st.sampled_from([None, "2017", "2017-04-02"]))
def test_the_reader_never_raises_and_every_span_slices_its_input(text, published, previous):
    for t in find_times(text, 7):
        assert text[t.start - 7:t.end - 7] == t.text
    for d in find_dates(text, published, previous, offset=3):
        assert 3 <= d.evidence.start < d.evidence.end <= len(text) + 3
        assert iso_prefix(d.value) == d.value  # every value an ISO prefix, whatever the publication date


@pytest.mark.parametrize("url,expected", [
    ("https://news.example.org/world/2021/03/29/floods-in-the-north", "2021-03-29"),
    ("https://example.com/nation/2019/feb/14/storm-hits-coast", "2019-02-14"),
    ("https://example.com/story/bridge-opens-8812345-2025-03-12", "2025-03-12"),
    ("https://example.com/en/20190121-harbour-strike", "2019-01-21"),
    ("https://example.be/cnt/abc20230813_1234567", "2023-08-13"),
    ("https://example.com/europe/2022/07/", "2022-07"),
    ("https://example.ie/opinion/harbour-column-1234567-Nov2020/", "2020-11"),
    ("https://example.com/artikel/2546521-dorp-overstroomd", None),  # an article number, no date
    ("https://example.com/2019/15/3/harbour", None),  # no month 15
    ("https://www.2020news.example/a/harbour", None),  # a host name holds no date
    (None, None),
])
def test_a_date_in_an_article_address(url, expected):
    assert url_date(url) == expected


def test_a_relative_day_read_both_ways():
    monday = date(2020, 11, 2)
    assert publication_days(relative_time("de brand van maandagavond"), monday) == \
        [monday + timedelta(days=k) for k in range(7)]
    assert publication_days(relative_time("the fire last night"), monday) == [date(2020, 11, 3)]
    assert publication_days(relative_time("de brand gisteren"), monday) == [date(2020, 11, 3)]
    assert day_of(relative_time("de brand twee dagen geleden"), date(2020, 11, 4)) == monday
    assert day_of(relative_time("the fire on Monday"), date(2020, 11, 5)) == monday
    assert relative_time("de brand in 2019") is None


def test_an_english_month_before_its_day_is_a_date_of_the_publication_year():
    from kroniek.dates import find_times, resolve
    from kroniek.model import DateValue
    [t] = find_times("At least 40 died in the February 14 attack.")
    assert t.text == "February 14" and resolve(t, DateValue("2019-02-20", "header"), None) == "2019-02-14"
    [t] = find_times("the army says the depot was hit on December 25, a spokesman said")
    assert resolve(t, DateValue("2019-01-21", "header"), None) == "2018-12-25"
    assert [x.kind for x in find_times("on March 3, 2021")] == ["absolute"]


def test_feast_days_fall_on_their_day_of_the_year_given():
    from kroniek.dates import easter, holiday_dates

    assert [easter(y).isoformat() for y in (2000, 2019, 2024, 2025)] == ["2000-04-23", "2019-04-21", "2024-03-31",
                                                                          "2025-04-20"]
    assert holiday_dates("Op Eerste Paasdag was de kerk vol.", 2019) == ["2019-04-21"]
    assert sorted(holiday_dates("On Easter Monday and on Christmas Eve", 2024)) == ["2024-04-01", "2024-12-24"]
    assert holiday_dates("Op tweede kerstdag bleef het rustig.", 2022) == ["2022-12-26"]
    assert holiday_dates("Het paasontbijt werd afgezegd.", 2019) == []


def test_a_year_after_an_indefinite_article_is_read_but_a_strength_is_not():
    from kroniek.dates import find_times
    assert [t.value for t in find_times("He died in a 2011 drone strike.")] == ["2011"]
    assert find_times("The army sent in a 2000-strong force.") == []


@pytest.mark.parametrize("url,month,expected", [
    ("https://news.example.in/en/harbour-closed-hbr24122503641", "2024-12", "2024-12-25"),
    ("https://news.example.in/en/harbour-closed-hbr24122503641", "2024-11", None),  # not the month given
    ("https://news.example.in/en/harbour-closed-9241225", "2024-12", None),  # not where a run of digits starts
    ("https://news.example.in/en/harbour-closed-241299", "2024-12", None),  # no 99th day
    ("https://www241225.example.in/en/harbour", "2024-12", None),  # a host name holds no date
    ("https://news.example.in/en/harbour-241225", "2024", None),  # a year alone makes no six digits a date
    (None, "2024-12", None),
])
def test_a_short_date_in_an_address_read_in_a_known_month(url, month, expected):
    assert url_day_in_month(url, month) == expected


def test_a_day_without_its_year_takes_the_year_of_the_publication_day():
    expr = yearless_day("Ten people died in the March 4 attack on the station.")
    assert expr is not None and expr.text == "March 4"
    assert day_of(expr, date(2019, 3, 10)) == date(2019, 3, 4)
    assert day_of(expr, date(2019, 3, 3)) == date(2018, 3, 4)
    assert publication_days(expr, date(2019, 3, 4), within=3) == [date(2019, 3, 4) + timedelta(days=k) for k in range(4)]
    assert yearless_day("Op 4 maart 2019 vielen tien doden.") is None  # a year is written
    assert yearless_day("Bij de aanslag op 14 februari vielen doden.").text == "14 februari"


@given(st.sampled_from([("days", (0, 0)), ("days", (-1, -1)), ("days", (-1, 0)), ("days", (-3, -3)), ("ago", "day"),
                        ("ago", "week"), ("weekday", None)]),
       st.integers(1, 4), st.integers(0, 6), st.sampled_from(["", "last_week", "strictly_before"]),
       st.dates(date(2000, 1, 1), date(2030, 12, 31)), st.integers(0, 14))
def test_publication_days_counted_are_the_days_that_read_so(kind, count, weekday, week, day, within):
    name, arg = kind
    expr = TimeExpr(0, 1, "x", name, offset=arg if name == "days" else (0, 0), count=count,
                    unit=arg if name == "ago" else None, weekday=weekday if name == "weekday" else None,
                    last_week=week == "last_week", strictly_before=week == "strictly_before")
    read = [ref for k in range(-1, within + 1) if day_of(expr, ref := day + timedelta(days=k)) == day]
    assert publication_days(expr, day, within) == read


def test_a_year_an_article_sets_before_a_name_is_a_year_not_a_count():
    assert [(t.text, t.value) for t in find_times("a cell linked to the 2015 Paris attacks")] == [("2015", "2015")]
    assert [(t.text, t.value) for t in find_times("De 2019 Pasen-aanslagen waren de zwaarste")] == [("2019", "2019")]
    assert find_times("the 2000 fighters of the group") == []  # a count of a thing not named


def test_a_year_before_a_name_is_not_counted_as_attacks():
    from kroniek.extract.figures import figures

    assert [f.value for f in figures("The group was linked to the 2015 Paris attacks.", "en")] == []
