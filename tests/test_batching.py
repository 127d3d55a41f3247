"""Stanza's calls and inner batches (#6): their bounds keep memory flat and change no result."""

from __future__ import annotations

import os

import pytest

from quoteattr import Extractor
from quoteattr.parse import ONEDNN_CACHE_ENV, Parser, _calls, bound_onednn_cache

TEXTS = [
    "„Wir bleiben hier“, sagte die Ministerin am Montag in Berlin.",
    "Die Polizei teilte mit, der Verdächtige sei gefasst worden. Laut Feuerwehr brannte das Haus aus.",
    "Es regnet.",
]


def test_tiny_calls_and_batches_give_the_same_parse_and_quotes(extractor: Extractor, seed_text: str) -> None:
    """Calls of 50 characters take one text each; batches of 7 words put each sentence in its own."""
    texts = [*TEXTS, seed_text]
    tiny = Extractor(parse_batch_words=7, parse_call_chars=50)
    assert (tiny._parser.batch_words, tiny._parser.call_chars) == (7, 50)
    default = extractor._parser.parse_many(texts)
    split = tiny._parser.parse_many(texts)
    assert [d.words for d in split] == [d.words for d in default]
    assert [d.sentences for d in split] == [d.sentences for d in default]
    assert list(tiny.extract_many(texts)) == list(extractor.extract_many(texts))


def test_calls_group_runs_of_like_length_within_the_character_budget() -> None:
    runs = ["a" * 40, "b" * 30, "c" * 30, "d" * 120, "e" * 10]
    calls = _calls(runs, 100)
    assert calls == [[4, 1, 2], [0], [3]]  # shortest first; the run over the budget alone
    assert sorted(k for call in calls for k in call) == list(range(len(runs)))
    assert _calls([], 100) == []


@pytest.mark.parametrize("option", ["batch_words", "call_chars"])
def test_bounds_must_be_positive(option: str) -> None:
    with pytest.raises(ValueError, match=f"{option} must be >= 1, got 0"):
        Parser(**{option: 0})  # type: ignore[arg-type]


def test_loading_the_model_turns_off_onednn_s_primitive_cache(extractor: Extractor) -> None:
    """A cache entry per input shape made a stream's memory climb (docs/speed.md); a user's setting stays."""
    extractor.extract("Es regnet.")  # the model is loaded
    assert ONEDNN_CACHE_ENV in os.environ  # "0", unless the user had set it


def test_a_user_s_onednn_cache_setting_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ONEDNN_CACHE_ENV, "64")
    bound_onednn_cache()
    assert os.environ[ONEDNN_CACHE_ENV] == "64"
    monkeypatch.delenv(ONEDNN_CACHE_ENV)
    bound_onednn_cache()
    assert os.environ[ONEDNN_CACHE_ENV] == "0"
