"""Reliability (#7): bad input gets a clear error, nothing is lost, any text is safe.

Runs the real model on short texts; long inputs are simulated with a small `max_chars`.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor

import pytest

from fuzzing import check_quotes
from quoteattr import ExtractionError, Extractor, InputError, InvalidTextError, ModelNotFoundError
from quoteattr.text import chunk_spans

SAID = "„Wir bleiben hier“, sagte die Ministerin."
PARAGRAPHS = [
    "„Die Lage ist ernst“, sagte der Bürgermeister am Montag.",
    "Die Polizei teilte mit, der Verdächtige sei gefasst worden.",
    "Laut Feuerwehr brannte das Haus vollständig aus.",
    "Sie erklärte: „Wir werden die Schule wieder aufbauen.“",
]
ARTICLE = "\n\n".join(PARAGRAPHS)


def dumped(quotes: list) -> list[str]:
    return [q.model_dump_json() for q in quotes]


# --- input contract ---------------------------------------------------------------------


def test_lone_surrogates_are_a_value_error_with_position_and_fix(extractor: Extractor) -> None:
    text = "„Wir bleiben“, sagte sie. \ud83d"
    with pytest.raises(InvalidTextError) as info:
        extractor.extract(text)
    assert isinstance(info.value, ValueError)
    assert info.value.position == len(text) - 1
    assert "U+D83D" in str(info.value) and "encode('utf-8', 'replace')" in str(info.value)
    repaired = text.encode("utf-8", "replace").decode("utf-8")  # the fix the message gives
    assert len(repaired) == len(text)
    check_quotes(repaired, extractor.extract(repaired))


def test_bytearray_says_decode(extractor: Extractor) -> None:
    with pytest.raises(InputError, match="decode"):
        extractor.extract(bytearray(b"x"))  # type: ignore[arg-type]


def test_text_is_never_normalised(extractor: Extractor) -> None:
    text = unicodedata.normalize("NFD", "„Über Ärzte wird später entschieden“,\tsagte Jürgen Müller.")
    quotes = extractor.extract(text)
    assert quotes
    check_quotes(text, quotes)
    assert quotes[0].text == unicodedata.normalize("NFD", "Über Ärzte wird später entschieden")


@pytest.mark.parametrize("junk", ["\ufeff", "\x00", "\x1b", "\u200b", "\x85"])
def test_control_and_format_characters_do_not_stick_to_words(extractor: Extractor, junk: str) -> None:
    text = f"{junk}„Wir bleiben hier“,{junk} sagte die Ministerin.{junk}"
    quotes = extractor.extract(text)
    check_quotes(text, quotes)
    assert [(q.text, q.speaker.text if q.speaker else None) for q in quotes] == [
        ("Wir bleiben hier", "die Ministerin")
    ]


# --- long documents ---------------------------------------------------------------------


def test_pieces_of_a_long_text_give_the_quotes_of_the_whole(extractor: Extractor) -> None:
    small = Extractor(max_chars=80)
    assert len(chunk_spans(ARTICLE, 80)) == len(PARAGRAPHS)
    whole = extractor.extract(ARTICLE)
    assert whole
    assert dumped(small.extract(ARTICLE)) == dumped(whole)


def test_a_paragraph_longer_than_the_limit_is_cut_and_offsets_still_point_into_it() -> None:
    text = " ".join(PARAGRAPHS * 2)  # one paragraph of 430 characters
    quotes = Extractor(max_chars=120, batch_size=2).extract(text)
    check_quotes(text, quotes)
    assert [q.text for q in quotes if q.text == "Die Lage ist ernst"] == ["Die Lage ist ernst"] * 2


def test_an_overlong_sentence_is_left_unparsed(extractor: Extractor, caplog) -> None:
    text = "„" + " ".join(["und noch"] * 200) + "“, sagte sie. " + SAID
    with caplog.at_level(logging.WARNING, logger="quoteattr"):
        quotes = extractor.extract(text)
    check_quotes(text, quotes)
    assert "Q201" in caplog.text
    assert quotes[-1].text == "Wir bleiben hier" and quotes[-1].speaker.text == "die Ministerin"


# --- batch isolation --------------------------------------------------------------------


def test_record_puts_an_error_in_place_of_each_bad_text(extractor: Extractor) -> None:
    texts = [SAID, None, b"bytes", "", "„Ja“\ud800", "  \n", "„“»«" * 20, ARTICLE]
    results = list(extractor.extract_many(texts, errors="record", batch_size=3))  # type: ignore[arg-type]
    assert len(results) == len(texts)
    errors = {r.doc_index: r for r in results if isinstance(r, ExtractionError)}
    assert sorted(errors) == [1, 2, 4]
    assert [errors[i].error_type for i in (1, 2, 4)] == ["InputError", "InputError", "InvalidTextError"]
    assert "decode" in errors[2].message
    json.loads(errors[4].model_dump_json())  # the record itself always serialises
    assert results[3] == [] and results[5] == []
    assert dumped(results[0]) == dumped(extractor.extract(SAID))
    assert dumped(results[7]) == dumped(extractor.extract(ARTICLE))


def test_raise_yields_the_texts_before_the_bad_one_first(extractor: Extractor) -> None:
    results = extractor.extract_many([SAID, None, SAID])  # type: ignore[list-item]
    assert next(results)
    with pytest.raises(InputError):
        next(results)


def test_errors_must_be_raise_or_record(extractor: Extractor) -> None:
    with pytest.raises(ValueError, match="'raise' or 'record'"):
        next(extractor.extract_many([SAID], errors="ignore"))  # type: ignore[call-overload]


def test_a_parser_crash_fails_only_its_own_text(extractor: Extractor, monkeypatch) -> None:
    parse_many = extractor._parser.parse_many

    def fragile(texts, **kwargs):
        if any("Absturz" in t for t in texts):
            raise RuntimeError("parser crashed")
        return parse_many(texts, **kwargs)

    monkeypatch.setattr(extractor._parser, "parse_many", fragile)
    texts = [SAID, "Absturz, sagte er.", SAID]
    results = list(extractor.extract_many(texts, errors="record"))
    assert isinstance(results[1], ExtractionError)
    assert (results[1].doc_index, results[1].error_type, results[1].message) == (
        1,
        "RuntimeError",
        "parser crashed",
    )
    assert dumped(results[0]) == dumped(results[2]) != []


def test_a_rule_crash_fails_only_its_own_text(extractor: Extractor, monkeypatch) -> None:
    quotes = extractor._quotes

    def fragile(doc):
        if "Absturz" in doc.text:
            raise IndexError("rule crashed")
        return quotes(doc)

    monkeypatch.setattr(extractor, "_quotes", fragile)
    results = list(extractor.extract_many([SAID, "Absturz, sagte er.", SAID], errors="record"))
    assert [type(r).__name__ for r in results] == ["list", "ExtractionError", "list"]
    with pytest.raises(IndexError):
        list(extractor.extract_many([SAID, "Absturz, sagte er."]))


def test_a_model_error_raises_even_when_recording(extractor: Extractor, monkeypatch) -> None:
    def broken(texts, **kwargs):
        raise ModelNotFoundError("no model", directory=None)

    monkeypatch.setattr(extractor._parser, "parse_many", broken)
    with pytest.raises(ModelNotFoundError):
        list(extractor.extract_many([SAID], errors="record"))


# --- threads and processes --------------------------------------------------------------


def test_eight_threads_give_the_serial_results(extractor: Extractor) -> None:
    texts = [*PARAGRAPHS, ARTICLE, SAID, *PARAGRAPHS[:2]]
    serial = [dumped(extractor.extract(t)) for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(lambda t: dumped(extractor.extract(t)), texts))
    assert threaded == serial


def test_cli_records_bad_files_and_output_is_byte_identical_across_processes(
    extractor: Extractor, tmp_path
) -> None:
    good, bad, again = tmp_path / "good.txt", tmp_path / "bad.txt", tmp_path / "again.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    again.write_text(ARTICLE, encoding="utf-8")
    bad.write_bytes(b"\xff\xfe not utf-8")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-m", "quoteattr", "extract", str(good), str(bad), str(again)],
        capture_output=True,
        env=env,
    )
    assert result.returncode == 1, result.stderr
    lines = result.stdout.decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines if '"error"' in line]
    assert [(r["doc_id"], r["error"]["error_type"]) for r in records] == [(str(bad), "UnicodeDecodeError")]
    assert "1 of 3 documents failed" in result.stderr.decode()
    quotes = extractor.extract(ARTICLE)
    expected = [
        json.dumps({"doc_id": str(path), **q.model_dump(mode="json")}, ensure_ascii=False)
        for path in (good, again)
        for q in quotes
    ]
    assert [line for line in lines if '"error"' not in line] == expected
