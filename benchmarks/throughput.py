"""Throughput of quoteattr against a bare Stanza pass over the same documents.

usage: python benchmarks/throughput.py DOCS_DIR [--docs N] [--batch-size B] [--regex-only]

DOCS_DIR holds plain text files (*.txt) or SpkAtt JSON documents (*.json, which
are detokenised first). One run times, on the same texts and with the same
batching, (1) a bare `stanza.Pipeline` with the processors quoteattr uses, and
(2) `Extractor.extract_many` with the parse gate; it prints both times, their
ratio, words per second, the share of sentences parsed and the peak RSS.
`--regex-only` times the regex stage alone (quotation marks and the gate).
A benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import resource
import time
from itertools import islice
from pathlib import Path

from quoteattr import Extractor
from quoteattr.gate import SentenceGate
from quoteattr.marks import find_quotations
from quoteattr.parse import PROCESSORS, resolve_model_dir
from quoteattr.spkatt import detokenise, read_document
from quoteattr.text import paragraph_spans


def load_texts(folder: Path, limit: int | None) -> list[str]:
    paths = sorted(folder.glob("*.txt")) or sorted(folder.glob("*.json"))
    texts = []
    for path in islice(paths, limit):
        if path.suffix == ".json":
            texts.append(detokenise(read_document(path).sentences).text)
        else:
            texts.append(path.read_text(encoding="utf-8"))
    return texts


def bare_stanza(texts: list[str], batch_size: int) -> tuple[float, int, int]:
    """Seconds, sentences and words of a plain Stanza pass, batched like extract_many."""
    import stanza

    model_dir = resolve_model_dir(None)
    options = {"processors": PROCESSORS, "logging_level": "WARN"}
    if model_dir is not None:
        options.update(dir=str(model_dir), download_method=None)
    pipeline = stanza.Pipeline("de", **options)
    start = time.perf_counter()
    sentences = words = 0
    for i in range(0, len(texts), batch_size):
        for doc in pipeline([stanza.Document([], text=t) for t in texts[i : i + batch_size]]):
            sentences += len(doc.sentences)
            words += sum(len(s.words) for s in doc.sentences)
    return time.perf_counter() - start, sentences, words


def regex_stage(texts: list[str], gate: SentenceGate) -> float:
    """Seconds for quotation marks and the gate over paragraphs (a stand-in for sentences)."""
    start = time.perf_counter()
    for text in texts:
        find_quotations(text)
        gate.select([text[a:b] for a, b in paragraph_spans(text)])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs_dir", type=Path)
    parser.add_argument("--docs", type=int, default=None, help="use the first N documents")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--regex-only", action="store_true")
    args = parser.parse_args()
    texts = load_texts(args.docs_dir, args.docs)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    extractor = Extractor(batch_size=args.batch_size)
    if args.regex_only:
        seconds = regex_stage(texts, SentenceGate(extractor.lexicon))
        print(f"regex stage: {megabytes:.2f} MB in {seconds:.2f} s = {megabytes / seconds:.1f} MB/s")
        return
    bare, sentences, words = bare_stanza(texts, args.batch_size)
    extractor.extract("„Aufwärmen“, sagte sie.")  # load the pipelines outside the timing
    start = time.perf_counter()
    quotes = sum(len(q) for q in extractor.extract_many(texts))
    ours = time.perf_counter() - start
    parsed = extractor.parsed_share
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents: {len(texts)}, sentences: {sentences}, words: {words}, quotes: {quotes}")
    print(f"bare stanza: {bare:.1f} s ({words / bare:.0f} words/s)")
    print(f"quoteattr:   {ours:.1f} s ({words / ours:.0f} words/s), sentences parsed: {parsed:.1%}")
    print(f"ratio quoteattr/bare: {ours / bare:.2f}, peak RSS: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
