"""The seed article, end to end on the real Stanza model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quoteattr import Extractor, Quote, QuoteForm

EXPECTED = Path(__file__).resolve().parent / "data" / "seed-expected-quotes.json"


@pytest.fixture(scope="module")
def seed_quotes(extractor: Extractor, seed_text: str) -> list[Quote]:
    return extractor.extract(seed_text)


def _expected(forms: set[str], level: str = "core") -> list[dict]:
    data = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return [q for q in data["quotes"] if q["level"] == level and q["form"] in forms]


def _find(quotes: list[Quote], text: str) -> Quote | None:
    """The quote whose text matches the expected one, up to enclosing marks and final punctuation."""
    wanted = text.strip('"„“ .')
    return next((q for q in quotes if q.text.strip('"„“ .') == wanted), None)


@pytest.mark.parametrize("expected", _expected({"direct", "mixed"}), ids=lambda e: e["text"][:30])
def test_core_direct_and_mixed_quotes_are_found(seed_quotes: list[Quote], expected: dict) -> None:
    quote = _find(seed_quotes, expected["text"])
    assert quote is not None, f"missing: {expected['text']}"
    assert quote.form is QuoteForm(expected["form"])
    # A quote standing alone takes the speaker of the quote before it.
    mention = expected["speaker_mention"] or expected["speaker"].split()[-1]
    assert quote.speaker is not None and quote.speaker.text == mention
    if expected["verb_lemma"]:
        assert quote.verb is not None and quote.verb.lemma == expected["verb_lemma"]


def test_no_quote_is_a_listed_non_quote(seed_quotes: list[Quote]) -> None:
    data = json.loads(EXPECTED.read_text(encoding="utf-8"))
    for non_quote in data["not_quotes"]:
        assert all(non_quote["text"] not in q.text for q in seed_quotes), non_quote["why"]


def test_every_part_points_into_the_text(seed_quotes: list[Quote], seed_text: str) -> None:
    assert seed_quotes
    for quote in seed_quotes:
        parts = [quote, quote.speaker, quote.source, quote.addressee]
        for part in filter(None, parts):
            assert seed_text[part.start : part.end] == part.text
        if quote.verb:
            for start, end in quote.verb.spans:
                assert seed_text[start:end].strip()
