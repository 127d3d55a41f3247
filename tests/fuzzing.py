"""Hypothesis strategies for German-like news text, and the properties every stage must keep.

Shared by tests/test_fuzz.py (bounded example counts, in `make test`) and
benchmarks/fuzz_marks.py (a long run against a time budget).

The text is built from pieces: words of news German, cue verbs and names, every
quotation mark quoteattr knows (balanced, nested, unclosed, stray), punctuation,
line and paragraph breaks, HTML leftovers, control and format characters, and
arbitrary Unicode (no lone surrogates: `extract` rejects those by contract).
"""

from __future__ import annotations

from itertools import pairwise

from hypothesis import strategies as st

from quoteattr.marks import find_quotations
from quoteattr.model import Quote
from quoteattr.text import chunk_spans, parse_copy

_VOCABULARY = (
    "Die Regierung will die Steuern senken . Er sagte , man bleibe dabei . Sie erklärte : "
    "Wir kommen morgen nicht . laut Polizei zufolge nach Angaben des Ministeriums Merz Scholz "
    "Baerbock betonte kündigte an teilte mit Das sei ein Skandal habe gebe werde könne "
    "Ärzte ohne Grenzen Öl Übergröße Straße z. B. Dr. Müller 2025 17,5 % Bundesregierung "
    "Sprecherin Kanzler heißt es hieß es , so Müller ."
)
WORDS = _VOCABULARY.split()
OPENERS = ["„", "»", "«", "“", "‚", "‘", "›", "‹", '"', "'", ",,", "''"]
CLOSERS = ["“", "”", "«", "»", "‘", "’", "‹", "›", '"', "'", "''"]
# Paired marks as German, Swiss, English and typewriter text use them.
PAIRS = [("„", "“"), ("»", "«"), ("«", "»"), ("“", "”"), ("‚", "‘"), ("›", "‹"), ('"', '"'), (",,", "''")]
ODD = [
    "\n",
    "\n\n",
    "\r\n",
    "\r\n\r\n",
    "\t",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\x00",
    "\x01",
    "\x1b",
    "\x7f",
    "\x85",
    "\ufeff",
    "\u200b",
    "\u200e",
    "\u00ad",
    "a\u0308",  # ä as a + combining diaeresis: never normalised
    "🙂",
    "👍🏽",
    "&nbsp;",
    "&quot;",
    "&bdquo;",
    "<br>",
    "<p>",
    "</p>",
    "…",
    "–",
    "—",
    ":",
    "(",
    ")",
]

_word = st.sampled_from(WORDS)
_mark = st.sampled_from(OPENERS + CLOSERS)
_odd = st.sampled_from(ODD)
# Any character but a lone surrogate (hypothesis leaves out category Cs by default).
_noise = st.text(max_size=4)


def _words(draw: st.DrawFn, most: int) -> str:
    return " ".join(draw(st.lists(_word, min_size=1, max_size=most)))


@st.composite
def quotation(draw: st.DrawFn, depth: int = 0) -> str:
    """A quotation in one of the paired styles, maybe with a nested one, maybe left unclosed."""
    opener, closer = draw(st.sampled_from(PAIRS))
    inner = _words(draw, 8)
    if depth < 2 and draw(st.booleans()):
        inner += " " + draw(quotation(depth + 1)) + " " + _words(draw, 3)
    if draw(st.integers(0, 9)) == 0:
        closer = ""  # unclosed
    return f"{opener}{inner}{closer}"


@st.composite
def sentence(draw: st.DrawFn) -> str:
    """A news-like sentence: a quote with a cue before or after it, or plain words."""
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return f"{draw(quotation())}, {_words(draw, 4)}."
    if kind == 1:
        return f"{_words(draw, 4)}: {draw(quotation())}"
    if kind == 2:
        return _words(draw, 12) + draw(st.sampled_from([".", "!", "?", ""]))
    return draw(quotation())


_piece = st.one_of(
    sentence(),
    sentence(),
    sentence(),
    _word,
    _mark,
    _mark,
    _odd,
    _noise,
    st.just(" "),
)

german_text = st.lists(_piece, max_size=30).map(lambda pieces: " ".join(pieces))
"""German-like text with random quotation marks, nesting, unbalanced marks, breaks and odd characters."""

short_german_text = st.lists(_piece, max_size=12).map(lambda pieces: " ".join(pieces))
"""The same, shorter: for runs through the real model."""


def check_marks(text: str) -> None:
    """Properties of the regex stage: spans inside the text, nested or apart, content inside, repeatable."""
    spans = find_quotations(text)
    assert spans == find_quotations(text), "find_quotations is not deterministic"
    for span in spans:
        assert 0 <= span.start <= span.content_start <= span.content_end <= span.end <= len(text), span
        assert text.startswith(span.opener, span.start), span
        if span.closer is not None:
            assert text.startswith(span.closer, span.content_end), span
            assert span.content_end + len(span.closer) == span.end, span
        assert span.depth >= 0
    for a in spans:
        for b in spans:
            if a is b:
                continue
            apart = a.end <= b.start or b.end <= a.start
            nested = (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)
            assert apart or nested, f"quotations overlap without nesting: {a} {b}"
    assert [(s.start, -s.end) for s in spans] == sorted((s.start, -s.end) for s in spans)


def check_text_helpers(text: str, max_chars: int) -> None:
    """Properties of the offset-keeping helpers: same-length parse copy, pieces that tile the text."""
    copy = parse_copy(text)
    assert len(copy) == len(text)
    assert all(c == o or c == " " for c, o in zip(copy, text, strict=True))
    pieces = chunk_spans(text, max_chars)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    for (_, end), (start, _) in pairwise(pieces):
        assert end == start
    assert all(0 <= end - start <= max_chars for start, end in pieces)
    assert "".join(text[s:e] for s, e in pieces) == text


def check_quotes(text: str, quotes: list[Quote]) -> None:
    """Properties of `extract`: every part points into the text, quotes come in order of their start."""
    for quote in quotes:
        assert 0 <= quote.start <= quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text
        for part in filter(None, [quote.speaker, quote.source, quote.addressee]):
            assert 0 <= part.start <= part.end <= len(text)
            assert text[part.start : part.end] == part.text
        for start, end in quote.verb.spans if quote.verb else []:
            assert 0 <= start < end <= len(text)
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)


def check_nesting(quotes: list[Quote]) -> None:
    """Two quotes are nested or apart, never half-overlapping."""
    for i, a in enumerate(quotes):
        for b in quotes[i + 1 :]:
            apart = a.end <= b.start or b.end <= a.start
            nested = (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)
            assert apart or nested, f"quotes overlap without nesting: {a.text!r} {b.text!r}"
