"""quoteattr.dask on a LocalCluster of two worker processes (#6): the serial results, record for record."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("dask.bag", reason="dask is not installed: pip install 'quoteattr[dask]'")
pytest.importorskip("distributed", reason="distributed is not installed: pip install 'quoteattr[dask]'")
pd = pytest.importorskip("pandas", reason="pandas is not installed: pip install 'quoteattr[dask]'")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

from quoteattr import ExtractionError, Extractor  # noqa: E402
from quoteattr.dask import RECORD_COLUMNS, extract_bag, extract_frame  # noqa: E402

TEXTS = [
    "„Wir bleiben hier“, sagte die Ministerin.",
    "Die Polizei teilte mit, der Verdächtige sei gefasst worden.",
    "Es regnet.",
    "Laut Feuerwehr brannte das Haus vollständig aus.",
    "Sie erklärte: „Wir werden die Schule wieder aufbauen.“",
    "„Ja“\ud800",
]


@pytest.fixture(scope="module")
def client(extractor: Extractor) -> Iterator[Client]:
    """Two worker processes with one thread each; they find the model through $QUOTEATTR_STANZA_DIR."""
    with (
        LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _dumped(result: list | ExtractionError) -> object:
    if isinstance(result, ExtractionError):
        return (result.error_type, result.message)
    return [q.model_dump_json() for q in result]


def test_bag_gives_the_serial_results_in_order(client: Client, extractor: Extractor, seed_text: str) -> None:
    texts = [seed_text, *TEXTS, *TEXTS]
    bag = db.from_sequence(texts, npartitions=4)
    results = extract_bag(bag).compute()
    serial = list(extractor.extract_many(texts, errors="record"))
    assert [_dumped(r) for r in results] == [_dumped(r) for r in serial]
    assert len(results[0]) > 10 and isinstance(results[-1], ExtractionError)


def test_frame_gives_one_row_per_quote_and_a_row_per_failed_text(
    client: Client, extractor: Extractor
) -> None:
    texts = [*TEXTS[:-1], None]  # pandas cannot hold lone surrogates; a missing text fails instead
    frame = pd.DataFrame({"id": [f"doc-{i}" for i in range(len(texts))], "text": texts})
    out = extract_frame(dd.from_pandas(frame, npartitions=2), id_column="id").compute()
    assert tuple(out.columns) == RECORD_COLUMNS
    quotes = out[out["error"].isna()]
    expected = [
        (f"doc-{i}", q.form.value, q.text, q.start, q.speaker.text if q.speaker else None)
        for i, r in enumerate(extractor.extract_many(texts[:-1], errors="record"))
        if not isinstance(r, ExtractionError)
        for q in r
    ]
    got = [
        (row.doc_id, row.form, row.text, row.start, None if pd.isna(row.speaker_text) else row.speaker_text)
        for row in quotes.itertuples()
    ]
    assert got == expected
    failed = out[out["error"].notna()]
    assert failed["doc_id"].tolist() == [f"doc-{len(texts) - 1}"]
    assert failed["error"].iloc[0].startswith("InputError: ")


def test_frame_names_a_missing_column() -> None:
    frame = dd.from_pandas(pd.DataFrame({"body": ["Es regnet."]}), npartitions=1)
    with pytest.raises(KeyError, match=r"'text'.*body"):
        extract_frame(frame)
