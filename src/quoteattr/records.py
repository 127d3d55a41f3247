"""Hand quotes to other tools: flat records for csv and dict consumers, a pandas DataFrame, JSONL lines.

Every path goes through pydantic's serialiser (`Quote.model_dump(mode="json")`), so a
record holds exactly what the model holds, with enums as their values.

>>> from quoteattr import Extractor, to_frame                      # doctest: +SKIP
>>> frame = to_frame(Extractor().extract_many(pairs, as_tuples=True, errors="record"))  # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from quoteattr.errors import ExtractionError, MissingDependencyError
from quoteattr.model import Quote, QuoteForm

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["RECORD_COLUMNS", "error_line", "quote_line", "to_frame", "to_records"]

RECORD_COLUMNS: tuple[str, ...] = (
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
    "speaker_start",
    "speaker_end",
)
"""The keys of a record, in order; also the columns of `to_frame` and of `quoteattr extract --format csv`."""

_STRING_COLUMNS = ("text", "speaker_text", "speaker_name", "verb", "verb_lemma", "source", "addressee")

Result = list[Quote] | ExtractionError
Results = Mapping[Any, Result] | Iterable[tuple[Any, Result]]
"""A mapping doc_id -> result, or `(doc_id, result)` pairs as `extract_many(..., as_tuples=True)` yields."""


def to_records(quotes: Iterable[Quote], doc_id: Any = None) -> list[dict[str, Any]]:
    """One flat dict per quote, keys `RECORD_COLUMNS`; absent parts are `None`.

    Offsets of the quote and its speaker mention are kept; the cue's word spans and
    the offsets of source and addressee are not (they are in the JSONL output).
    """
    records = []
    for quote in quotes:
        q = quote.model_dump(mode="json")
        speaker, verb = q["speaker"] or {}, q["verb"] or {}
        records.append(
            {
                "doc_id": doc_id,
                "form": q["form"],
                "text": q["text"],
                "start": q["start"],
                "end": q["end"],
                "speaker_text": speaker.get("text"),
                "speaker_name": speaker.get("name"),
                "verb": verb.get("text"),
                "verb_lemma": verb.get("lemma"),
                "source": (q["source"] or {}).get("text"),
                "addressee": (q["addressee"] or {}).get("text"),
                "speaker_start": speaker.get("start"),
                "speaker_end": speaker.get("end"),
            }
        )
    return records


def to_frame(quotes_by_doc: Results) -> pd.DataFrame:
    """A DataFrame with one row per quote and the columns `RECORD_COLUMNS`.

    `quotes_by_doc` maps doc ids to their quotes, or is an iterable of `(doc_id, quotes)`
    pairs, which is what `Extractor.extract_many(..., as_tuples=True)` yields. Nothing
    is lost without a trace: a document whose result is an `ExtractionError` has no
    rows, but its record (as a dict) is in `frame.attrs["errors"]`, and
    `frame.attrs["documents"]` counts all documents, those without quotes included.

    Column dtypes do not depend on the data, so that empty frames concatenate cleanly:
    `form` is categorical over all `QuoteForm` values, `start`/`end` are int64, the
    speaker offsets nullable Int64, text columns pandas' `string`. `doc_id` is `string`
    when the ids are strings (or there are no rows), else what pandas infers (`Int64`
    for int ids).

    Raises `QuoteattrError` (an `ImportError`) when pandas is missing.
    """
    pd = _pandas()
    items = quotes_by_doc.items() if isinstance(quotes_by_doc, Mapping) else quotes_by_doc
    rows: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    documents = 0
    for index, item in enumerate(items):
        if not (isinstance(item, tuple) and len(item) == 2):
            raise TypeError(
                f"to_frame takes a mapping doc_id -> quotes or (doc_id, quotes) pairs; item {index} is "
                f"{type(item).__name__}: {item!r:.60}. For the quotes of one text use "
                "to_frame({doc_id: quotes})."
            )
        doc_id, result = item
        documents += 1
        if isinstance(result, ExtractionError):
            errors.append({**result.model_dump(mode="json"), "doc_id": doc_id})
        else:
            rows += to_records(result, doc_id)
    columns = {name: [row[name] for row in rows] for name in RECORD_COLUMNS}
    frame = pd.DataFrame(
        {
            "doc_id": _ids(pd, columns["doc_id"]),
            "form": pd.Categorical(columns["form"], categories=[f.value for f in QuoteForm]),
            "start": pd.array(columns["start"], dtype="int64"),
            "end": pd.array(columns["end"], dtype="int64"),
            **{name: pd.array(columns[name], dtype="string") for name in _STRING_COLUMNS},
            "speaker_start": pd.array(columns["speaker_start"], dtype="Int64"),
            "speaker_end": pd.array(columns["speaker_end"], dtype="Int64"),
        },
        columns=list(RECORD_COLUMNS),
    )
    frame.attrs["errors"] = errors
    frame.attrs["documents"] = documents
    return frame


def quote_line(quote: Quote, doc_id: Any) -> str:
    """One JSONL line (no newline): the whole `Quote` as pydantic dumps it, after a `doc_id` key."""
    return json.dumps({"doc_id": doc_id, **quote.model_dump(mode="json")}, ensure_ascii=False)


def error_line(error: ExtractionError, doc_id: Any) -> str:
    """The JSONL line of a document that failed: `{"doc_id": ..., "error": {...}}`."""
    return json.dumps({"doc_id": doc_id, "error": error.model_dump(mode="json")}, ensure_ascii=False)


def _ids(pd: Any, ids: list[Any]) -> Any:
    """The doc_id column: pandas' inference, but `string` for str ids, None, or no rows at all."""
    if all(i is None or isinstance(i, str) for i in ids):
        return pd.array(ids, dtype="string")
    return pd.array(ids)


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as error:
        raise MissingDependencyError(
            'to_frame needs pandas, which is not installed. Install it with: pip install "quoteattr[pandas]"',
            package="pandas",
        ) from error
    return pandas
