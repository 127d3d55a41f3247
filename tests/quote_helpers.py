"""Lookups the construction tests share: the quote holding a fragment, its speaker mention."""

from __future__ import annotations

from quoteattr import Quote


def holding(quotes: list[Quote], fragment: str) -> Quote:
    matches = [q for q in quotes if fragment in q.text]
    assert matches, f"no quote holds {fragment!r}: {[q.text for q in quotes]}"
    return matches[0]


def speaker_text(quote: Quote) -> str:
    assert quote.speaker is not None, f"no speaker for {quote.text!r}"
    return quote.speaker.text
