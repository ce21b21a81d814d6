from hypothesis import given
from hypothesis import strategies as st

from kroniek.extract.figures import casualties
from kroniek.extract.numbers import find_numbers, parse_numeral
from kroniek.model import Range


@given(st.integers(0, 999_999))
def test_numerals_with_either_thousands_separator(n):
    assert parse_numeral(f"{n:,}".replace(",", "."), "nl") == n
    assert parse_numeral(f"{n:,}", "en") == n
    found = find_numbers(f"ongeveer {n} mensen", "nl")
    assert [x.value for x in found] == [n]
    assert found[0].text == str(n)


@given(st.integers(1, 99))
def test_number_words_round_trip_through_their_offsets(n):
    from text_to_num import alpha2digit  # noqa: F401  (the library kroniek relies on)
    words = {1: "one", 2: "two", 3: "three", 13: "thirteen", 20: "twenty", 21: "twenty-one", 45: "forty-five"}
    if n not in words:
        return
    text = f"at least {words[n]} people"
    found = find_numbers(text, "en")
    assert [x.value for x in found] == [n]
    assert text[found[0].start:found[0].end] == words[n]


def test_dutch_number_words_but_never_the_article():
    assert [n.value for n in find_numbers("een man en dertien soldaten, vijfentwintig doden", "nl")] == [13, 25]
    assert [n.value for n in find_numbers("1,5 miljoen dollar", "nl")] == [1_500_000]


def killed(text, lang="nl"):
    found = casualties(text, lang)
    return found["killed"][0] if "killed" in found else None


def test_casualty_phrasings_dutch():
    assert killed("Bij de aanslag op de markt van Gao kwamen 41 mensen om het leven.") == Range(41, 41)
    assert killed("De explosie kostte het leven aan 12 politieagenten.") == Range(12, 12)
    assert killed("Minstens 26 dorpelingen werden gedood.") == Range(26, None)
    assert killed("Ten minste 39 mensen kwamen om.") == Range(39, None)
    assert killed("Een aanval met 5 tot 7 doden.") == Range(5, 7)
    assert killed("Negentien burgers en 4 soldaten gedood.") == Range(23, 23)
    assert killed("Zeker 30 burgers en 2 agenten gedood.") == Range(32, None)


def test_subsets_ages_and_years_are_not_the_toll():
    assert killed("Er vielen 60 doden, onder wie elf kinderen tussen de 6 en 12 jaar.") == Range(60, 60)
    assert killed("In 2019 stierven 14 mensen, waaronder 3 agenten.") == Range(14, 14)


def test_casualty_phrasings_english_and_injured():
    found = casualties("At least 12 people were killed and 30 injured in the blast in Mogadishu.", "en")
    assert found["killed"][0] == Range(12, None)
    assert found["injured"][0] == Range(30, 30)
    assert killed("Gunmen killed 18 worshippers.", "en") == Range(18, 18)
    assert killed("Vier raketten troffen de basis.") is None


def test_a_date_or_score_written_with_a_dash_is_no_range_of_a_count():
    assert casualties("date 2021-07 Minstens 12 doden bij een aanslag in Kano", "nl")["killed"][0] == Range(12, None)
    assert casualties("Er vielen 8-10 doden", "nl")["killed"][0] == Range(8, 10)
