"""Acceptance run for reliability (#7): the training documents with 50 bad inputs mixed in.

usage: QUOTEATTR_STANZA_DIR=DIR python benchmarks/bad_inputs.py [DATA_DIR] [--big-chars 2000000]

Runs `extract_many(..., errors="record")` twice: over the clean documents, and over
the same documents with 50 bad inputs at fixed positions (None, undecoded bytes, two
texts of `--big-chars` repeated text, lone surrogates, only quotation marks). Prints
how many results came back, how many of the clean documents came out byte-identical
to the clean run, what each bad input gave, time and peak memory. Every quote is
checked to point into its text. Exits 1 if a result is missing or misplaced, a clean
document differs, or the repeated paragraph does not give one quote per paragraph.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import sys
import time
from collections import Counter
from pathlib import Path

from quoteattr import ExtractionError, Extractor
from quoteattr.pipeline import MAX_PARSE_WORDS
from quoteattr.spkatt import detokenise, read_document

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikinews-quotes" / "train"
BAD_COUNT = 50
QUOTE = "„Wir bleiben hier“"


class _CountCodes(logging.Handler):
    """Counts quoteattr's warnings by their [Qnnn] code."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.codes: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        self.codes[message[1:5] if message.startswith("[Q") else "other"] += 1


def bad_inputs(docs: list[str], big_chars: int) -> list[tuple[str, object]]:
    """50 (kind, input) pairs, always the same ones."""
    # Each paragraph: a run-on sentence over MAX_PARSE_WORDS, which is tokenized but not parsed,
    # so that 2 MB take minutes, not the hour of a full parse; then one quote, which is parsed,
    # so that the quotes of every piece can be counted and their offsets checked.
    clause = "die Straße ist lang und der Himmel über der Stadt ist an diesem Tag sehr blau"
    filler = "D" + ", ".join([clause] * (MAX_PARSE_WORDS // 16 + 2))[1:] + ". "
    article = f"{filler}{QUOTE}, sagte die Ministerin.\n\n"
    boilerplate = "Startseite | Politik | Wirtschaft | Sport | Kultur | Impressum | Datenschutz | "
    marks = ["„“", "»«", '"', "‚‘", "„", "“", "«»", "''", ",,", "›‹", "„ “ ‚ ‘ » « ", "\n\n„“\n"]
    repeats = [1, 5, 50, 200, 1_000, 5_000, 20_000, 3, 100, 2_000, 10_000, 300]
    out: list[tuple[str, object]] = []
    for k in range(12):
        out.append(("None", None))
        out.append(("bytes", docs[k % len(docs)].encode("utf-8")))
        doc = docs[(10 + k) % len(docs)]
        at = (k * 97) % max(1, len(doc))
        surrogate = ["\ud83d", "\udc80", "\udfff"][k % 3]
        out.append(("lone surrogate", doc[:at] + surrogate + doc[at:]))
        out.append(("only quotation marks", marks[k] * repeats[k]))
    out.append(("repeated paragraph", article * (big_chars // len(article))))
    out.append(("repeated boilerplate", (boilerplate * (big_chars // len(boilerplate) + 1))[:big_chars]))
    assert len(out) == BAD_COUNT
    return out


def run(extractor: Extractor, texts: list[object]) -> tuple[list[list[str] | ExtractionError], float]:
    """Results as JSON lines (or records), after checking that every quote points into its text."""
    start = time.perf_counter()
    results: list[list[str] | ExtractionError] = []
    for text, result in zip(texts, extractor.extract_many(texts, errors="record"), strict=True):  # type: ignore[arg-type]
        if isinstance(result, ExtractionError):
            results.append(result)
            continue
        for q in result:
            assert isinstance(text, str) and text[q.start : q.end] == q.text, (q, len(text))
        results.append([q.model_dump_json() for q in result])
    return results, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--big-chars", type=int, default=2_000_000, help="size of the repeated texts")
    parser.add_argument("--limit", type=int, help="only the first N documents (a quick check)")
    args = parser.parse_args()

    paths = sorted(args.data.glob("*.json"))[: args.limit]
    docs = [detokenise(read_document(p).sentences).text for p in paths]
    bad = bad_inputs(docs, args.big_chars)
    total = len(docs) + len(bad)
    positions = {round((k + 0.5) * total / len(bad)) for k in range(len(bad))}
    mixed: list[object] = []
    kinds: dict[int, str] = {}
    clean_iter, bad_iter = iter(docs), iter(bad)
    for i in range(total):
        if i in positions:
            kinds[i], text = next(bad_iter)
            mixed.append(text)
        else:
            mixed.append(next(clean_iter))

    codes = _CountCodes()
    logging.getLogger("quoteattr").addHandler(codes)
    extractor = Extractor()
    logging.getLogger("quoteattr").setLevel(logging.WARNING)
    clean, clean_s = run(extractor, docs)
    print(f"clean run: {len(docs)} documents -> {len(clean)} results in {clean_s:.0f} s", flush=True)
    mixed_results, mixed_s = run(extractor, mixed)
    print(f"bad run: {total} inputs ({len(bad)} bad) -> {len(mixed_results)} results in {mixed_s:.0f} s")

    kept = [r for i, r in enumerate(mixed_results) if i not in kinds]
    same = sum(a == b for a, b in zip(clean, kept, strict=True))
    print(f"clean documents identical to the clean run: {same} of {len(docs)}")
    outcome: Counter[tuple[str, str]] = Counter()
    misplaced = lost = 0
    for i, kind in kinds.items():
        result = mixed_results[i]
        if isinstance(result, ExtractionError):
            outcome[(kind, f"record {result.error_type}")] += 1
            misplaced += result.doc_index != i
        else:
            outcome[(kind, f"{len(result)} quotes")] += 1
            if kind == "repeated paragraph":  # one quote per paragraph, none lost at a cut
                paragraphs = str(mixed[i]).count(QUOTE)
                print(f"repeated paragraph: {len(result)} quotes for {paragraphs} paragraphs")
                lost = paragraphs - len(result)
    for (kind, what), n in sorted(outcome.items()):
        print(f"  {kind:22} {n:3} x {what}")
    records = [r for r in mixed_results if isinstance(r, ExtractionError)]
    print(f"error records: {len(records)}, misplaced: {misplaced}; example: {records[0].model_dump_json()}")
    print(f"warnings by code: {dict(codes.codes)}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")
    ok = len(mixed_results) == total and same == len(docs) and not misplaced and not lost
    print(json.dumps({"results": len(mixed_results), "expected": total, "identical": same, "ok": ok}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
