from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from kroniek.ingest.metadata import address_date, describe
from kroniek.model import Document
from kroniek.ingest.readers import content_sha1

from ..conftest import make_doc

POST = ("Flood closes the harbour\nWater rose over the quays of the harbour on Tuesday, the port authority said.\n"
        "Update: the harbour is closed pic.example.com/abc\n"
        "— Harbour News (@HarbourNews) March 5, 2024\n"
        "Ships were sent to other ports while the water stayed high.\n")


def test_the_signature_of_an_embedded_post_dates_an_article_with_no_date_of_its_own():
    doc = make_doc(POST)
    assert (doc.published.value, doc.published.source) == ("2024-03-05", "embed")
    assert doc.text[doc.published.evidence.start:doc.published.evidence.end] == "March 5, 2024"


def test_the_latest_embedded_post_counts_and_a_signature_is_no_dateline():
    text = ("Dijk breekt door\n- Waterschap (@waterschap) 2 februari 2023\nHet water steeg de hele nacht.\n"
            "— Gemeente Oosterdorp (@oosterdorp) 4 februari 2023\nDe bewoners zijn geëvacueerd.\n")
    doc = make_doc(text)
    assert (doc.published.value, doc.published.source) == ("2023-02-04", "embed")


def test_a_header_beats_an_embedded_post():
    month = make_doc(" date 2024-03 " + POST)
    assert (month.published.value, month.published.source) == ("2024-03", "header")
    assert "embed" in {c.source for c in month.date_candidates}
    other = make_doc(" date 2024-04-02 " + POST)
    assert other.published.value == "2024-04-02"


def test_a_handle_in_prose_or_a_dash_without_a_date_dates_nothing():
    doc = make_doc("Haven dicht\nDe haven (@haven op sociale media) meldde het zelf.\n— Redactie (@redactie)\n")
    assert doc.published is None


def _with_url(text: str, url: str) -> Document:
    return describe(Document(id="a", text=text, sha1=content_sha1(text), url=url))


def test_a_short_date_in_the_address_gives_the_day_of_the_headers_month():
    body = "De haven ging dinsdag dicht na een storm, meldt de havendienst."
    doc = _with_url(" date 2024-12 " + body, "https://news.example.in/en/harbour-closed-hbr24122503641")
    assert (doc.published.value, doc.published.source) == ("2024-12-25", "url")
    # six digits that do not read as the header's month are an id; without a header they are nothing
    assert _with_url(" date 2024-11 " + body, "https://news.example.in/en/harbour-closed-hbr24122503641"
                     ).published.source == "header"
    assert _with_url(body, "https://news.example.in/en/harbour-closed-hbr24122503641").published is None
    # a full date in the address comes first
    doc = _with_url(" date 2024-12 " + body, "https://news.example.in/2024/12/20/harbour-241225")
    assert doc.published.value == "2024-12-20"
    assert address_date(replace(doc, url=None), "2024-12") is None


def _stamped(stamp: str) -> str | None:
    doc = describe(make_doc(f"Aanslag in Gao\n\n{stamp}\n\nBij een aanslag in Gao zijn gisteren drie mensen gedood."))
    return doc.published.value if doc.published else None


def test_a_date_in_figures_on_a_short_line_near_the_top_is_the_dateline():
    assert _stamped("12-03-2024, 14:05") == "2024-03-12"
    assert _stamped("Laatste update: 12/03/24 - 14:05") == "2024-03-12"
    assert _stamped("03/12/2024 2:05 PM ET") == "2024-03-12"  # the twelve-hour clock writes the month first
    assert _stamped("12/31/2024") == "2024-12-31"  # only one order is a date
    assert _stamped("31.02.2024") is None
    assert _stamped("Posted on 2024/03/12") == "2024-03-12"
    assert _stamped("March 12th, 2024") == "2024-03-12"


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2069, 12, 31)), st.sampled_from("-./"),
       st.booleans())
def test_a_date_in_figures_day_first_reads_back_as_its_day(day, sep, short_year):
    year = f"{day.year % 100:02d}" if short_year else str(day.year)
    assert _stamped(f"{day.day:02d}{sep}{day.month:02d}{sep}{year} 14:05") == day.isoformat()
