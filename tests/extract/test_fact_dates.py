from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kroniek.dates import compatible, find_times, resolve
from kroniek.model import DateValue


def resolved(text, published, previous=None, earliest=None, latest=None):
    ref = DateValue(published, "header", None, earliest, latest) if published else None
    return [resolve(t, ref, previous) for t in find_times(text)]


def test_explicit_dates_keep_their_precision():
    assert resolved("op 3 februari 2019 en in maart 2020 en sinds 2014", None) == ["2019-02-03", "2020-03", "2014"]
    assert resolved("on June 2, 2024", None) == ["2024-06-02"]


def test_a_bare_number_is_a_year_only_after_a_time_word():
    assert resolved("zo'n 2000 strijders", None) == []
    assert resolved("Het was 2011 toen de groep ontstond", None) == ["2011"]


def test_relative_days_against_the_publication_day():
    assert resolved("De aanslag van gisteren", "2022-11-10") == ["2022-11-09"]
    assert resolved("Yesterday's attack", "2022-11-10") == ["2022-11-09"]
    # 10 November 2022 was a Thursday
    assert resolved("dinsdagavond werd de kazerne aangevallen", "2022-11-10") == ["2022-11-08"]
    assert resolved("vorige week vrijdag", "2022-11-10") == ["2022-11-04"]
    assert resolved("juni dit jaar", "2022-11-10") == ["2022-06"]
    assert resolved("In april 2017 begon het. Twee jaar later", None, "2017-04")[-1] == "2019-04"


def test_a_publication_range_resolves_what_all_its_days_agree_on():
    # published between Monday 5 and Sunday 11 June 2023: "last week Wednesday" is 31 May either way
    assert resolved("vorige week woensdag", "2023-06", earliest="2023-06-05", latest="2023-06-11") == ["2023-05-31"]
    assert resolved("gisteren", "2023-06", earliest="2023-06-05", latest="2023-06-11") == ["2023-06"]
    assert resolved("gisteren", "2023-06") == ["2023-06"]


@given(st.dates(date(1990, 1, 1), date(2035, 12, 31)), st.integers(0, 6))
def test_a_weekday_resolves_to_the_last_such_day_on_or_before_publication(day, weekday):
    names = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
    value = resolved(f"op {names[weekday]}", day.isoformat())[0]
    got = date.fromisoformat(value)
    assert got.weekday() == weekday and timedelta(0) <= day - got < timedelta(days=7)


@given(st.text("0123456789-", max_size=10), st.text("0123456789-", max_size=10))
def test_compatibility_is_symmetric(a, b):
    assert compatible(a, b) == compatible(b, a)
