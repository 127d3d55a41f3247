"""The public API: input contract, model errors, serialisation, offsets on any text."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quoteattr
from quoteattr import Extractor, InputError, ModelNotFoundError, Quote, extract


def test_import_is_cheap() -> None:
    import sys

    assert "quoteattr" in sys.modules
    assert quoteattr.Quote.__module__ == "quoteattr"


@pytest.mark.parametrize("bad", [b"bytes", None, 42, ["a list"]])
def test_non_text_input_raises_type_error(extractor: Extractor, bad: object) -> None:
    with pytest.raises(TypeError) as info:
        extractor.extract(bad)  # type: ignore[arg-type]
    assert isinstance(info.value, InputError)
    if isinstance(bad, bytes):
        assert "decode" in str(info.value)


@pytest.mark.parametrize("blank", ["", "   ", "\n\n\t"])
def test_blank_text_gives_no_quotes(extractor: Extractor, blank: str) -> None:
    assert extractor.extract(blank) == []


def test_missing_model_directory_names_directory_and_variable(tmp_path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(ModelNotFoundError) as info:
        extract("„Hallo“, sagte sie.", model_dir=missing)
    message = str(info.value)
    assert str(missing) in message
    assert "QUOTEATTR_STANZA_DIR" in message
    assert info.value.directory == str(missing)


def test_quote_round_trips_through_json(extractor: Extractor) -> None:
    quotes = extractor.extract("„Das ist ein Test“, sagte die Lehrerin.")
    assert quotes
    for quote in quotes:
        assert Quote.model_validate_json(quote.model_dump_json()) == quote
        assert json.loads(quote.model_dump_json())["form"] == "direct"


def test_quote_rejects_inconsistent_offsets() -> None:
    with pytest.raises(ValueError, match="end - start"):
        Quote(text="abc", start=0, end=5, form="direct")


_PIECES = st.sampled_from(
    [
        "Er sagte",
        ", ",
        ": ",
        "„",
        "“",
        "»",
        "«",
        '"',
        "‚",
        "‘",
        "’",
        " sagte sie",
        ". ",
        "\n\n",
        "Wir",
        " kommen",
        " morgen",
        " laut Polizei",
        " so Müller",
        "ä",
        "\x00",
        "\u2028",
        "🙂",
        " ",
    ]
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_PIECES, st.text(max_size=5)), max_size=25).map("".join))
def test_any_text_gives_parts_that_point_into_it(extractor: Extractor, text: str) -> None:
    for quote in extractor.extract(text):
        assert text[quote.start : quote.end] == quote.text
        for part in filter(None, [quote.speaker, quote.source, quote.addressee]):
            assert text[part.start : part.end] == part.text
        for start, end in quote.verb.spans if quote.verb else []:
            assert 0 <= start < end <= len(text)
