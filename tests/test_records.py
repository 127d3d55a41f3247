"""Data hand-off: extract_many with ids, flat records, DataFrames and JSONL lines."""

from __future__ import annotations

import json
import sys

import pytest

from quoteattr import (
    ExtractionError,
    Extractor,
    InputError,
    MissingDependencyError,
    Quote,
    QuoteForm,
    Span,
    to_frame,
    to_records,
)
from quoteattr.records import RECORD_COLUMNS, error_line, quote_line

pd = pytest.importorskip("pandas")

FLAT_KEYS = [
    "doc_id",
    "form",
    "text",
    "start",
    "end",
    "speaker_text",
    "speaker_name",
    "verb",
    "verb_lemma",
    "source",
    "addressee",
]
TEXTS = {
    "wetter": "„Morgen wird es schneien“, sagte der Meteorologe.",
    "leer": "Die Sonne schien den ganzen Tag.",
    "rat": "Die Bürgermeisterin sagte, der Rat tage erst im Mai.",
}


@pytest.fixture(scope="module")
def pairs(extractor: Extractor) -> list[tuple[object, list[Quote] | ExtractionError]]:
    """Three texts and a None, with ids, as the CLI and notebooks feed them."""
    items = [*TEXTS.items(), ("kaputt", None)]
    return list(extractor.extract_many(items, errors="record", as_tuples=True))


def test_as_tuples_keeps_ids_and_order(pairs, extractor: Extractor) -> None:
    assert [doc_id for doc_id, _ in pairs] == [*TEXTS, "kaputt"]
    plain = list(extractor.extract_many(TEXTS.values()))
    assert [result for _, result in pairs[:3]] == plain
    assert plain[0] and not plain[1] and plain[2]


def test_error_record_carries_the_doc_id_and_index(pairs) -> None:
    _, error = pairs[3]
    assert isinstance(error, ExtractionError)
    assert (error.doc_id, error.doc_index, error.error_type) == ("kaputt", 3, "InputError")


def test_as_tuples_keeps_int_ids(extractor: Extractor) -> None:
    results = list(extractor.extract_many([(7, None), (8, "")], errors="record", as_tuples=True))
    assert [doc_id for doc_id, _ in results] == [7, 8]
    assert results[0][1].doc_id == 7 and results[1][1] == []


@pytest.mark.parametrize("item", ["nur ein Text", ("a", "b", "c"), ["id", "Text"]])
def test_as_tuples_rejects_what_is_not_a_pair(extractor: Extractor, item: object) -> None:
    with pytest.raises(InputError, match=r"\(doc_id, text\) pairs; item 1 is"):
        list(extractor.extract_many([("ok", "Text."), item], as_tuples=True, errors="record"))


def test_records_have_the_documented_keys(seed_quotes: list[Quote]) -> None:
    records = to_records(seed_quotes, doc_id="seed")
    assert len(records) == len(seed_quotes) > 0
    for record, quote in zip(records, seed_quotes, strict=True):
        assert list(record)[: len(FLAT_KEYS)] == FLAT_KEYS
        assert list(record) == list(RECORD_COLUMNS)
        assert record["doc_id"] == "seed"
        assert (record["form"], record["text"], record["start"], record["end"]) == (
            quote.form.value,
            quote.text,
            quote.start,
            quote.end,
        )
        assert record["speaker_text"] == (quote.speaker.text if quote.speaker else None)
        assert record["verb_lemma"] == (quote.verb.lemma if quote.verb else None)
        assert record["source"] == (quote.source.text if quote.source else None)


def test_records_of_a_bare_quote_hold_none() -> None:
    quote = Quote(text="Ja", start=1, end=3, form=QuoteForm.DIRECT, source=Span(text="X", start=9, end=10))
    (record,) = to_records([quote])
    assert record["doc_id"] is None and record["source"] == "X"
    assert all(record[k] is None for k in ("speaker_text", "speaker_name", "verb", "verb_lemma", "addressee"))


def test_frame_from_pairs_counts_documents_and_keeps_errors(pairs) -> None:
    frame = to_frame(pairs)
    quotes = [q for _, result in pairs[:3] for q in result]
    assert list(frame.columns) == list(RECORD_COLUMNS)
    assert len(frame) == len(quotes)
    assert frame["doc_id"].tolist() == [doc_id for doc_id, r in pairs[:3] for _ in r]
    assert frame["text"].tolist() == [q.text for q in quotes]
    assert frame.attrs["documents"] == 4
    assert [e["doc_id"] for e in frame.attrs["errors"]] == ["kaputt"]
    assert frame.attrs["errors"][0]["error_type"] == "InputError"


def test_frame_from_a_mapping_equals_frame_from_pairs(pairs) -> None:
    from_pairs = to_frame(pairs)
    from_mapping = to_frame(dict(pairs))
    pd.testing.assert_frame_equal(from_pairs, from_mapping)


def test_frame_dtypes_do_not_depend_on_the_data(pairs) -> None:
    empty, full = to_frame({}), to_frame(pairs)
    assert list(empty.columns) == list(RECORD_COLUMNS)
    assert empty.dtypes.to_dict() == full.dtypes.to_dict()
    assert str(full["form"].dtype) == "category"
    assert list(full["form"].cat.categories) == [f.value for f in QuoteForm]
    assert str(full["start"].dtype) == "int64" and str(full["speaker_start"].dtype) == "Int64"
    assert str(full["doc_id"].dtype) == "string"
    assert pd.concat([empty, full]).dtypes.to_dict() == full.dtypes.to_dict()


def test_frame_keeps_int_ids() -> None:
    quote = Quote(text="Ja", start=0, end=2, form=QuoteForm.DIRECT)
    frame = to_frame({1: [quote], 2: [quote, quote]})
    assert frame["doc_id"].tolist() == [1, 2, 2] and str(frame["doc_id"].dtype) == "Int64"


def test_frame_rejects_a_bare_list_of_quotes(seed_quotes: list[Quote]) -> None:
    with pytest.raises(TypeError, match=r"to_frame\(\{doc_id: quotes\}\)"):
        to_frame(seed_quotes)


def test_frame_without_pandas_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` now raises ImportError
    with pytest.raises(MissingDependencyError, match=r'pip install "quoteattr\[pandas\]"') as caught:
        to_frame({})
    assert isinstance(caught.value, ImportError) and caught.value.package == "pandas"


def test_jsonl_line_round_trips_to_quote_and_frame(seed_quotes: list[Quote]) -> None:
    lines = [quote_line(q, "seed") for q in seed_quotes]
    loaded = [json.loads(line) for line in lines]
    assert all(line["doc_id"] == "seed" for line in loaded)
    assert [
        Quote.model_validate({k: v for k, v in d.items() if k != "doc_id"}) for d in loaded
    ] == seed_quotes
    # The same lines through pandas: flattened, they give the record columns.
    flat = pd.json_normalize(loaded)
    frame = to_frame({"seed": seed_quotes})
    assert flat["text"].tolist() == frame["text"].tolist()
    for nested, column in (("verb.lemma", "verb_lemma"), ("speaker.name", "speaker_name")):
        pd.testing.assert_series_equal(flat[nested].astype("string"), frame[column], check_names=False)


def test_error_line_holds_the_record() -> None:
    error = ExtractionError.from_exception(4, ValueError("kaputt"), doc_id="x.txt")
    line = json.loads(error_line(error, "x.txt"))
    assert line == {"doc_id": "x.txt", "error": error.model_dump(mode="json")}
    assert ExtractionError.model_validate(line["error"]) == error
