"""quoteattr on Dask: a bag or a DataFrame column of texts in, quotes out, on any cluster.

    pip install 'quoteattr[dask]'

>>> import dask.bag as db                                             # doctest: +SKIP
>>> from quoteattr.dask import extract_bag
>>> extract_bag(db.from_sequence(texts, npartitions=8)).compute()    # doctest: +SKIP

Each worker process builds one `Extractor` the first time one of its tasks needs it
(`quoteattr.pipeline.shared_extractor`, kept in the model cache) and reuses it for
every later partition, so the Stanza model loads once per worker, not per task.
`model_dir` is resolved on the worker: it names a directory there (or leave it out
and set `QUOTEATTR_STANZA_DIR` in the workers' environment). A text that fails
gives an `ExtractionError` in its place (`errors="record"`); one bad document does
not fail the job. See docs/dask.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quoteattr.errors import ExtractionError
from quoteattr.model import Quote
from quoteattr.pipeline import shared_extractor
from quoteattr.records import RECORD_COLUMNS as QUOTE_COLUMNS
from quoteattr.records import to_records

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas as pd

__all__ = ["RECORD_COLUMNS", "extract_bag", "extract_frame"]

RECORD_COLUMNS: tuple[str, ...] = (*QUOTE_COLUMNS, "error")
"""Columns of `extract_frame`: a record's (`quoteattr.to_records`) and `error`; a document that
failed has one row with only `doc_id` and `error` set."""

_INTEGER_COLUMNS = ("start", "end", "speaker_start", "speaker_end")


def extract_bag(
    texts: dask.bag.Bag,
    *,
    model_dir: str | Path | None = None,
    gate: bool = False,
    batch_size: int = 32,
) -> dask.bag.Bag:
    """A bag holding, for each text of `texts` in order, its `list[Quote]` or an `ExtractionError`.

    Partitions are the unit of work: a worker parses a partition's texts in batches
    of `batch_size`, so partitions of a few hundred texts keep the workers busy.
    """
    return texts.map_partitions(
        _extract_partition, model_dir=model_dir, options={"gate": gate, "batch_size": batch_size}
    )


def extract_frame(
    frame: dask.dataframe.DataFrame,
    column: str = "text",
    *,
    id_column: str | None = None,
    model_dir: str | Path | None = None,
    gate: bool = False,
    batch_size: int = 32,
) -> dask.dataframe.DataFrame:
    """One row per quote of the texts in `frame[column]`, with the columns `RECORD_COLUMNS`.

    `doc_id` is the row's value in `id_column`, or its index label. Texts without quotes
    give no rows; a text that failed gives one row holding `doc_id` and `error`
    ("InputError: ...") and nothing else.
    """
    for name in (column, id_column):
        if name is not None and name not in frame.columns:
            raise KeyError(f"extract_frame: no column {name!r} in the frame; it has {list(frame.columns)}")
    ids = frame[id_column]._meta if id_column is not None else frame._meta.index
    meta = _records_frame([], ids.dtype)
    return frame.map_partitions(
        _frame_partition,
        column=column,
        id_column=id_column,
        model_dir=model_dir,
        options={"gate": gate, "batch_size": batch_size},
        meta=meta,
        enforce_metadata=False,
    )


def _extract_partition(
    texts: Iterable[str], model_dir: str | Path | None, options: dict[str, Any]
) -> list[list[Quote] | ExtractionError]:
    return list(shared_extractor(model_dir, **options).extract_many(texts, errors="record"))


def _frame_partition(
    part: pd.DataFrame,
    column: str,
    id_column: str | None,
    model_dir: str | Path | None,
    options: dict[str, Any],
) -> pd.DataFrame:
    ids = part[id_column] if id_column is not None else part.index
    results = _extract_partition(part[column].tolist(), model_dir, options) if len(part) else []
    rows: list[dict[str, Any]] = []
    for doc_id, result in zip(ids, results, strict=True):
        if isinstance(result, ExtractionError):
            rows.append({"doc_id": doc_id, "error": f"{result.error_type}: {result.message}"})
        else:
            rows += to_records(result, doc_id)
    return _records_frame(rows, ids.dtype)


def _records_frame(rows: list[dict[str, Any]], id_dtype: Any) -> pd.DataFrame:
    """Rows as a pandas frame whose dtypes do not depend on the rows, so partitions concatenate."""
    import pandas as pd

    columns = {name: [row.get(name) for row in rows] for name in RECORD_COLUMNS}
    return pd.DataFrame(
        {
            name: pd.array(
                values,
                dtype=id_dtype if name == "doc_id" else "Int64" if name in _INTEGER_COLUMNS else "string",
            )
            for name, values in columns.items()
        }
    )
