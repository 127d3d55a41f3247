"""The seed article, end to end on the real Stanza model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quoteattr import Extractor, Quote, QuoteForm

EXPECTED = Path(__file__).resolve().parent / "data" / "seed-expected-quotes.json"
FORMS = [form.value for form in QuoteForm]


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


@pytest.mark.parametrize("expected", _expected(set(FORMS)), ids=lambda e: e["text"][:30])
def test_core_quotes_of_every_form_are_found(seed_quotes: list[Quote], expected: dict) -> None:
    quote = _find(seed_quotes, expected["text"])
    assert quote is not None, f"missing: {expected['text']}"
    assert quote.form is QuoteForm(expected["form"])
    if expected["speaker_mention"]:
        assert quote.speaker is not None and quote.speaker.text == expected["speaker_mention"]
    if expected["verb_lemma"]:
        assert quote.verb is not None and quote.verb.lemma == expected["verb_lemma"]
    if expected.get("source"):
        # the reference names the medium in its base form ("abendliche Videobotschaft")
        assert quote.source is not None
        assert _head(expected["source"]) in quote.source.text
    if expected.get("addressee"):
        assert quote.addressee is not None and quote.addressee.text == expected["addressee"]


def test_at_least_half_of_the_stretch_quotes_are_found(seed_quotes: list[Quote]) -> None:
    stretch = _expected(set(FORMS), level="stretch")
    found = [e for e in stretch if _find(seed_quotes, e["text"]) is not None]
    assert len(found) >= 5, [e["text"][:40] for e in found]


def _head(source: str) -> str:
    """The last word of the first medium named: "Politico, Fox News" -> "Politico"."""
    return source.split(",")[0].split()[-1]


def test_no_quote_is_a_listed_non_quote(seed_quotes: list[Quote], seed_text: str) -> None:
    """Neither the non-quote itself nor any part of it ("über eine Beendigung …" of "will … sprechen")."""
    data = json.loads(EXPECTED.read_text(encoding="utf-8"))
    for non_quote in data["not_quotes"]:
        start = seed_text.index(non_quote["text"])
        end = start + len(non_quote["text"])
        inside = [q.text for q in seed_quotes if start < q.end and q.start < end]
        assert not inside, (non_quote["why"], inside)


def test_every_part_points_into_the_text(seed_quotes: list[Quote], seed_text: str) -> None:
    assert seed_quotes
    for quote in seed_quotes:
        parts = [quote, quote.speaker, quote.source, quote.addressee]
        for part in filter(None, parts):
            assert seed_text[part.start : part.end] == part.text
        if quote.verb:
            for start, end in quote.verb.spans:
                assert seed_text[start:end].strip()
