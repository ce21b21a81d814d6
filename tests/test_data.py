"""Knowledge files: they load, name their source, and hold no contradictions."""
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from kroniek import gazetteer
from kroniek.data import data_path, load_tsv, load_yaml


def _files():
    root = data_path("")
    return sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".tsv"))


def test_every_data_file_names_its_source():
    files = _files()
    assert len(files) >= 8
    for path in files:
        head = path.read_text(encoding="utf-8")[:1500]
        assert "Source:" in head, f"{path.name} does not say where its knowledge comes from"


def test_group_ids_are_unique_and_parents_exist():
    groups = load_yaml("gazetteer/armed_groups.yaml")["groups"]
    ids = [g["id"] for g in groups]
    assert len(groups) >= 60
    assert not [i for i, n in Counter(ids).items() if n > 1]
    assert all(g.get("parent") in (None, *ids) for g in groups)


def test_no_surface_form_names_two_groups():
    owners: dict[str, set[str]] = {}
    for g in load_yaml("gazetteer/armed_groups.yaml")["groups"]:
        for name in [g["name"], *g.get("aliases", [])]:
            owners.setdefault(name, set()).add(g["id"])
    assert not {n: o for n, o in owners.items() if len(o) > 1}


def test_demonyms_point_at_real_countries():
    import pycountry

    for code, forms in load_tsv("gazetteer/demonyms.tsv"):
        assert pycountry.countries.get(alpha_2=code) is not None or code == "XK", code
        assert forms.split()


def test_gazetteer_knows_groups_countries_and_cities():
    gaz = gazetteer.load()
    assert gaz.match("Hezbollah").key == "group:hezbollah"
    assert gaz.match("Pakistaanse Taliban").key == "group:ttp"
    assert gaz.match("Taliban").key == "group:taliban"
    assert gaz.match("Verenigde Staten").key == "country:US"
    assert gaz.match("taliban").key == "group:taliban"  # Dutch press writes it in lower case
    assert gaz.match("china") is None  # but not every lower-case word that is also a name
    moskou = gaz.place("Moskou")
    assert moskou.key.startswith("geo:") and moskou.country == "RU" and moskou.lat is not None
    assert gaz.demonym("Oezbeekse") == "UZ"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aAbdeIiKlnSsTty -.'", max_size=6), st.integers(0, 10_000), st.integers(0, 12))
def test_names_start_with_is_a_prefix_test_over_every_detectable_name(word, pick, length):
    gaz = gazetteer.load()
    known = sorted({*gaz.exact, *gaz.lower})
    for prefix in (word, known[pick % len(known)][:length]):
        assert gaz.names_start_with(prefix) == any(k.startswith(prefix) for k in known)
