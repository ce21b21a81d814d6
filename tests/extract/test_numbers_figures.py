import pytest
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


def test_badly_and_lightly_wounded_are_injured():
    assert casualties("Tien mensen raakten zwaargewond.", "nl")["injured"][0] == Range(10, 10)
    assert casualties("Er vielen drie doden en vier lichtgewonden.", "nl")["injured"][0] == Range(4, 4)


def test_number_words_with_an_article_count_exactly():
    assert casualties("A dozen people were killed.", "en")["killed"][0] == Range(12, 12)
    assert casualties("At least two dozen soldiers were killed.", "en")["killed"][0] == Range(24, None)
    assert casualties("Een tiental mensen kwam om.", "nl")["killed"][0] == Range(10, 10)
    assert casualties("Dozens were killed.", "en")["killed"][0] == Range(24, 99)  # still an order of magnitude


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


def test_nearly_is_an_upper_bound_and_more_than_a_lower_one():
    assert killed("Nearly 200 people were killed in the raid.", "en") == Range(None, 200)
    assert killed("Almost 40 villagers died.", "en") == Range(None, 40)
    assert killed("The blast left close to 30 people dead.", "en") == Range(None, 30)
    assert killed("Bijna 200 mensen kwamen om.") == Range(None, 200)
    assert killed("Er vielen ruim onder de 50 doden.") == Range(None, 50)
    assert killed("More than 60 soldiers were killed.", "en") == Range(60, None)
    assert killed("Over 70 people died.", "en") == Range(70, None)
    assert killed("Ruim 80 mensen kwamen om.") == Range(80, None)
    assert killed("Meer dan 90 doden.") == Range(90, None)
    assert killed("No fewer than 15 people died.", "en") == Range(15, None)  # not "fewer than"
    assert killed("Niet meer dan 15 doden.") == Range(None, 15)  # not "meer dan"


@given(st.integers(2, 999_999), st.sampled_from(["nearly", "almost", "close to", "less than"]),
       st.sampled_from(["more than", "over", "at least", "no fewer than"]))
def test_bound_words_before_any_number(n, below, above):
    assert killed(f"{below.capitalize()} {n:,} people were killed.", "en") == Range(None, n)
    assert killed(f"{above.capitalize()} {n:,} people were killed.", "en") == Range(n, None)


def test_vague_amounts_are_ranges_never_one_number():
    assert killed("Hundreds of people were killed.", "en") == Range(200, 999)
    assert killed("Dozens of civilians died.", "en") == Range(24, 99)
    assert killed("Honderden mensen kwamen om.") == Range(200, 999)
    assert killed("Tientallen burgers werden gedood.") == Range(20, 99)
    assert killed("Thousands of people died.", "en") == Range(2000, 9999)
    assert killed("Duizenden mensen kwamen om het leven.") == Range(2000, 9999)
    assert killed("Several hundred soldiers were killed.", "en") == Range(200, 999)
    assert killed("Tens of thousands of people were killed.", "en") == Range(20000, 99999)


@given(st.sampled_from(["hundreds", "dozens", "thousands", "scores", "several hundred", "tens of thousands"]),
       st.sampled_from(["honderden", "tientallen", "duizenden", "tienduizenden", "enkele honderden"]))
def test_no_vague_amount_is_read_as_an_exact_count(english, dutch):
    for text, lang in ((f"{english.capitalize()} of people were killed.", "en"),
                       (f"{dutch.capitalize()} mensen kwamen om.", "nl")):
        value = killed(text, lang)
        assert value is not None and value.low is not None and value.high is not None and value.low < value.high


def test_casualties_counted_by_compounds_others_and_the_death_toll():
    assert killed("Negen burgers en vier beveiligingsmanschappen lieten het leven") == Range(13, 13)
    assert killed("At least 12 border personnel were killed on Monday", "en") == Range(12, None)
    assert killed("Het dodental is sinds vanochtend gestegen, naar 31") == Range(31, 31)
    assert killed("The death toll rose to 17", "en") == Range(17, 17)
    # the death toll of a figure is not the number of its years
    assert killed("Het dodental van de aanslag is nog onbekend") is None


def test_a_cue_across_a_comma_or_after_the_counted_noun_wins():
    found = casualties("In de haven kwamen zes mensen om, 19 anderen raakten gewond")
    assert found["killed"][0] == Range(6, 6) and found["injured"][0] == Range(19, 19)
    found = casualties("Daarbij zijn zeker negen mensen overleden en elf anderen gewond geraakt")
    assert found["killed"][0] == Range(9, None) and found["injured"][0] == Range(11, 11)
    found = casualties("Two guards were killed, 14 others were wounded", "en")
    assert found["killed"][0] == Range(2, 2) and found["injured"][0] == Range(14, 14)
    assert casualties("killing at least 8 people and wounding 30", "en")["killed"][0] == Range(8, None)


def test_a_bare_number_after_a_verb_of_killing_and_bounds_stay_with_their_verb():
    assert killed("The gunman fled after killing three.", "en") == Range(3, 3)
    assert killed("He is accused of gunning down two football fans.", "en") == Range(2, 2)
    assert killed("Hij wordt vervolgd voor het doodschieten van vijf personen") == Range(5, 5)
    found = casualties("killing at least 11 and wounding 30", "en")
    assert found["killed"][0] == Range(11, None) and found["injured"][0] == Range(30, 30)
    assert killed("Het dodental van de aanslagen in de drie steden is inmiddels opgelopen naar 87") == Range(87, 87)
    assert casualties("He was killed in 2019", "en") == {}


@pytest.mark.parametrize("text,lang,killed", [
    ("Eerst meldde de politie twee doden, later van negen.", "nl", Range(9, 9)),
    ("Officials first spoke of four dead, later eleven.", "en", Range(11, 11)),
    ("Four people died, later 6 soldiers were wounded.", "en", Range(4, 4)),  # a new count, not a correction
])
def test_a_toll_corrected_in_the_same_breath_is_the_later_figure(text, lang, killed):
    assert casualties(text, lang)["killed"][0] == killed


def test_people_counted_as_held_are_no_toll_whatever_verb_of_dying_is_near():
    assert casualties("The gunmen who held 80 passengers hostage in the north have been killed.", "en") == {}
    assert casualties("Twenty passengers were killed and 40 were held hostage.", "en")["killed"][0] == Range(20, 20)
    assert casualties("Drie gijzelaars kwamen om.", "nl")["killed"][0] == Range(3, 3)


def test_a_difference_is_no_toll_and_a_toll_stated_as_such_wins_over_a_headline_count():
    assert casualties("Er zijn zo'n 50 mensen minder omgekomen dan eerder gemeld.", "nl") == {}
    assert casualties("Some 30 more people died than the army said.", "en") == {}
    text = "Ruim 200 doden Het dodental is inmiddels opgelopen naar 214, 12 van hen zijn kinderen."
    assert casualties(text, "nl")["killed"][0] == Range(214, 214)


@pytest.mark.parametrize("text, lang", [
    ("The fighters now hold the port, a town of some 300,000 people; dozens of guards were killed there.", "en"),
    ("De rebellen trokken de stad met ruim 300.000 inwoners binnen; tientallen militairen werden gedood.", "nl"),
])
def test_a_population_is_never_a_toll(text, lang):
    value, _, _ = casualties(text, lang)["killed"]
    assert value.low is not None and value.low < 100
