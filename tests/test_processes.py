"""extract_many over worker processes (#6): the serial results, in order, errors in place.

Each test starts a pool of two spawned workers that load the real model.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from quoteattr import ExtractionError, Extractor, InputError, ModelError

SAID = "„Wir bleiben hier“, sagte die Ministerin."
TEXTS = [
    SAID,
    "Die Polizei teilte mit, der Verdächtige sei gefasst worden.",
    "",
    "Laut Feuerwehr brannte das Haus vollständig aus.",
    "Es regnet.",
    "Sie erklärte: „Wir werden die Schule wieder aufbauen.“",
]


def dumped(results: list) -> list:
    return [
        r.model_dump_json() if isinstance(r, ExtractionError) else [q.model_dump_json() for q in r]
        for r in results
    ]


def test_two_processes_give_the_serial_results_in_order(extractor: Extractor, seed_text: str) -> None:
    texts = [*TEXTS, seed_text, None, "„Ja“\ud800", *reversed(TEXTS)]
    serial = list(extractor.extract_many(texts, batch_size=2, errors="record"))  # type: ignore[arg-type]
    results = extractor.extract_many(texts, batch_size=2, errors="record", n_process=2)  # type: ignore[arg-type]
    assert isinstance(results, Iterator)
    parallel = list(results)
    assert dumped(parallel) == dumped(serial)
    errors = [(r.doc_index, r.error_type) for r in parallel if isinstance(r, ExtractionError)]
    assert errors == [(7, "InputError"), (8, "InvalidTextError")]
    assert any(parallel[6]) and json.loads(parallel[8].model_dump_json())


def test_raise_yields_the_texts_before_the_bad_one_first(extractor: Extractor) -> None:
    results = extractor.extract_many([SAID, SAID, None, SAID], batch_size=1, n_process=2)  # type: ignore[list-item]
    assert next(results) and next(results)
    with pytest.raises(InputError, match="str"):
        next(results)


def test_a_model_that_fails_to_load_in_the_workers_raises_model_error(tmp_path) -> None:
    (tmp_path / "resources.json").write_text("{}", encoding="utf-8")  # a model directory with no models
    broken = Extractor(model_dir=tmp_path)
    with pytest.raises(ModelError, match=str(tmp_path)):
        list(broken.extract_many([SAID, SAID], batch_size=1, errors="record", n_process=2))


def test_n_process_must_be_positive(extractor: Extractor) -> None:
    with pytest.raises(ValueError, match="n_process"):
        next(extractor.extract_many([SAID], n_process=0))
