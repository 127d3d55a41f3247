"""Pairing of quotation marks, on sentences written for the tests."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quoteattr.marks import find_quotations


def contents(text: str) -> list[str]:
    return [text[q.content_start : q.content_end] for q in find_quotations(text)]


def test_german_marks_with_nested_single_marks() -> None:
    text = "Sie sagte: „Das nennt man ‚Zeitenwende‘, oder?“ Danach ging sie."
    spans = find_quotations(text)
    assert contents(text) == ["Das nennt man ‚Zeitenwende‘, oder?", "Zeitenwende"]
    assert [q.depth for q in spans] == [0, 1]


def test_guillemets_both_directions() -> None:
    assert contents("»Gut«, sagte er. «Schlecht», sagte sie.") == ["Gut", "Schlecht"]


def test_straight_quotes_pair_by_context() -> None:
    text = 'Die Zeitung "Tagesblatt" schrieb: "Alles bleibt beim Alten."'
    assert contents(text) == ["Tagesblatt", "Alles bleibt beim Alten."]


def test_typewriter_stand_ins_for_german_marks() -> None:
    assert contents("Er sagte: ,,Nein'' und ging. Sie sagte: ''Ja''.") == ["Nein", "Ja"]


def test_english_curly_quotes() -> None:
    assert contents("Er rief “Halt!” und lief.") == ["Halt!"]


def test_apostrophes_are_not_marks() -> None:
    assert contents("Wie geht’s? Das ist Hans' Haus und 's Wetter.") == []


def test_unclosed_opener_ends_at_paragraph_end() -> None:
    text = "Er sagte „wir kommen wieder\n\nNeuer Absatz mit „Ende“."
    spans = find_quotations(text)
    assert contents(text) == ["wir kommen wieder", "Ende"]
    assert spans[0].closer is None


def test_stray_closer_is_ignored() -> None:
    assert contents("Ein “ verirrtes Zeichen und „richtig“.") == ["richtig"]


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n„“”»«‚‘’›‹\"'")), max_size=80))
def test_spans_are_inside_the_text_and_ordered(text: str) -> None:
    spans = find_quotations(text)
    for q in spans:
        assert 0 <= q.start <= q.content_start <= q.content_end <= q.end <= len(text)
        assert text.startswith(q.opener, q.start)
        if q.closer is not None:
            assert text[q.content_end : q.end] == q.closer
    assert [q.start for q in spans] == sorted(q.start for q in spans)


@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    find_quotations(text)
