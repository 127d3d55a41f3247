"""Throughput of quoteattr against a bare Stanza pass over the same documents.

usage: python benchmarks/throughput.py DOCS_DIR [--docs N] [--batch-size B] [--n-process N]
       [--no-gate] [--regex-only] [--stream N] [--compare-processes N] [--threads T]
       [--parse-batch-words W]

DOCS_DIR holds plain text files (*.txt) or SpkAtt JSON documents (*.json, which
are detokenised first). One run times, on the same texts and with the same
batching, (1) a bare `stanza.Pipeline` with the processors quoteattr uses, and
(2) `Extractor.extract_many` with the parse gate (`--n-process N` worker
processes); it prints both times, their ratio, words per second, the share of
sentences parsed and the peak RSS. In one process the two alternate in rounds of
100 documents, so that a busy machine's drifting speed weighs on both alike.
`--regex-only` times the regex stage alone on one core (CPU time): quotation marks,
the sentence splitter and the gate (cue words, Konjunktiv, marks); best and median of
five passes after a warm-up pass, since one pass of a fifth of a second is at the mercy
of a busy machine.
`--stream N` cycles the documents to N and feeds them to `extract_many` as a
stream, printing the peak RSS after 100 documents and after N, and their ratio.
`--compare-processes N` skips the bare pass and runs `extract_many` on the same
texts with one process and then with N, printing the documents per second of
each and their ratio, with and without the model loading of one process.
`--threads T` sets torch's threads in this process (the `n_process=1` path); the
default, 1, was the faster of 1 and 2 on a 2-core machine (docs/speed.md).
A benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from itertools import cycle, islice
from pathlib import Path
from typing import Any

import torch

from quoteattr import Extractor
from quoteattr.gate import SentenceGate, SentenceSplitter
from quoteattr.marks import find_quotations
from quoteattr.parse import BATCH_WORDS, PROCESSORS, bound_onednn_cache, pipeline_options, resolve_model_dir
from quoteattr.spkatt import detokenise, read_document

ROUND_DOCS = 100
"""Documents per round of the side-by-side timing of the bare pass and extract_many."""
REGEX_RUNS = 5
"""Passes of the regex stage timed after a warm-up; the best and the median are printed."""


def load_texts(folder: Path, limit: int | None) -> list[str]:
    paths = sorted(folder.glob("*.txt")) or sorted(folder.glob("*.json"))
    texts = []
    for path in islice(paths, limit):
        if path.suffix == ".json":
            texts.append(detokenise(read_document(path).sentences).text)
        else:
            texts.append(path.read_text(encoding="utf-8"))
    return texts


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_pipeline(batch_words: int) -> Any:
    """A plain Stanza pipeline with the processors and inner batches quoteattr uses, warmed up."""
    import stanza

    bound_onednn_cache()  # as quoteattr's own pipelines: both passes without oneDNN's primitive cache
    pipeline = stanza.Pipeline("de", **pipeline_options(resolve_model_dir(None), PROCESSORS, batch_words))
    pipeline("Warm auf.")
    return pipeline


def bare_pass(pipeline: Any, texts: list[str], batch_size: int) -> tuple[float, int, int]:
    """Seconds, sentences and words of a plain Stanza pass, batched like extract_many."""
    import stanza

    start = time.perf_counter()
    sentences = words = 0
    for i in range(0, len(texts), batch_size):
        for doc in pipeline([stanza.Document([], text=t) for t in texts[i : i + batch_size]]):
            sentences += len(doc.sentences)
            words += sum(len(s.words) for s in doc.sentences)
    return time.perf_counter() - start, sentences, words


def our_pass(extractor: Extractor, texts: list[str], n_process: int) -> tuple[float, int]:
    """Seconds and quotes of `extract_many` over `texts`."""
    start = time.perf_counter()
    quotes = sum(len(q) for q in extractor.extract_many(texts, n_process=n_process))
    return time.perf_counter() - start, quotes


def side_by_side(
    extractor: Extractor, texts: list[str], batch_size: int, batch_words: int
) -> tuple[float, float, int, int, int]:
    """Seconds of the bare pass and of `extract_many`, sentences, words and quotes.

    The two are timed in alternating rounds of `ROUND_DOCS` documents, each round with
    the other pass first, so that a shared machine's speed, which drifts by a fifth
    over minutes here, weighs on both alike.
    """
    pipeline = bare_pipeline(batch_words)
    extractor.extract("„Aufwärmen“, sagte sie.")  # load the pipelines outside the timing
    bare = ours = 0.0
    sentences = words = quotes = 0
    for k, i in enumerate(range(0, len(texts), ROUND_DOCS)):
        chunk = texts[i : i + ROUND_DOCS]
        for step in (0, 1) if k % 2 == 0 else (1, 0):
            if step == 0:
                seconds, n_sentences, n_words = bare_pass(pipeline, chunk, batch_size)
                bare, sentences, words = bare + seconds, sentences + n_sentences, words + n_words
            else:
                seconds, n_quotes = our_pass(extractor, chunk, 1)
                ours, quotes = ours + seconds, quotes + n_quotes
    return bare, ours, sentences, words, quotes


def regex_stage(texts: list[str], gate: SentenceGate) -> float:
    """CPU seconds for quotation marks, the sentence splitter and the gate (one thread)."""
    splitter = SentenceSplitter()
    start = time.process_time()
    for text in texts:
        find_quotations(text)
        gate.select([text[a:b] for a, b in splitter.spans(text)])
    return time.process_time() - start


def stream(extractor: Extractor, texts: list[str], total: int, n_process: int) -> None:
    """Peak RSS after 100 documents, after each pass over the corpus, and after `total` (cycled)."""
    start = time.perf_counter()
    after_100 = None
    done = 0
    for done, _ in enumerate(extractor.extract_many(islice(cycle(texts), total), n_process=n_process), 1):
        if done == 100:
            after_100 = peak_rss_mib()
            print(f"peak RSS after 100 documents: {after_100:.0f} MiB", flush=True)
        if done % len(texts) == 0:
            print(
                f"peak RSS after {done} documents ({done // len(texts)} passes): {peak_rss_mib():.0f} MiB",
                flush=True,
            )
    seconds = time.perf_counter() - start
    after_100 = after_100 if after_100 is not None else peak_rss_mib()
    after_all = peak_rss_mib()
    print(f"streamed {done} documents in {seconds:.1f} s ({done / seconds:.2f} docs/s)")
    print(f"peak RSS after 100: {after_100:.0f} MiB, after {done}: {after_all:.0f} MiB")
    print(f"ratio: {after_all / after_100:.3f}" + (" (parent process only)" if n_process > 1 else ""))


def compare_processes(extractor: Extractor, texts: list[str], n_process: int) -> None:
    """Documents per second of `extract_many` in this process and in `n_process` workers.

    The workers' time includes starting them and loading the model in each, as every
    `extract_many(..., n_process=N)` call does; this process's loading is timed apart, so
    that both ratios can be given: like for like (loading included on both sides) and
    against this process already loaded.
    """
    start = time.perf_counter()
    extractor.extract("„Aufwärmen“, sagte sie.")
    load = time.perf_counter() - start
    start = time.perf_counter()
    sum(1 for _ in extractor.extract_many(texts))
    one = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    sum(1 for _ in extractor.extract_many(texts, n_process=n_process))
    many, parent_cpu = time.perf_counter() - start, time.process_time() - cpu
    docs, cores = len(texts), len(os.sched_getaffinity(0))
    print(f"documents: {docs}, cores: {cores}, torch threads here: {torch.get_num_threads()}")
    print(
        f"1 process:   {one:.1f} s = {docs / one:.2f} docs/s; with its model loading ({load:.1f} s): "
        f"{docs / (one + load):.2f} docs/s"
    )
    print(
        f"{n_process} processes: {many:.1f} s = {docs / many:.2f} docs/s, starting the workers and loading "
        f"the model included; CPU of this process meanwhile: {parent_cpu:.1f} s"
    )
    print(
        f"ratio {n_process}/1 (docs/s): {(one + load) / many:.2f} with loading on both sides, "
        f"{one / many:.2f} against the loaded process"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs_dir", type=Path)
    parser.add_argument("--docs", type=int, default=None, help="use the first N documents")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--n-process", type=int, default=1, help="worker processes for extract_many")
    parser.add_argument("--no-gate", action="store_true", help="parse every sentence")
    parser.add_argument("--regex-only", action="store_true", help="time the regex stage alone (MB/s)")
    parser.add_argument("--stream", type=int, metavar="N", help="stream the corpus cycled to N documents")
    parser.add_argument("--compare-processes", type=int, metavar="N", help="docs/s of 1 process against N")
    parser.add_argument("--threads", type=int, default=1, help="torch threads in this process (default 1)")
    parser.add_argument("--parse-batch-words", type=int, default=BATCH_WORDS, help="Stanza's inner batches")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    texts = load_texts(args.docs_dir, args.docs)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    extractor = Extractor(
        batch_size=args.batch_size, gate=not args.no_gate, parse_batch_words=args.parse_batch_words
    )
    if args.regex_only:
        gate = SentenceGate(extractor.lexicon)
        regex_stage(texts, gate)  # warm-up: regular expression caches, lazily built tables
        runs = sorted(regex_stage(texts, gate) for _ in range(REGEX_RUNS))
        best, median = runs[0], runs[len(runs) // 2]
        print(
            f"regex stage: {megabytes:.2f} MB in {best:.2f} s = {megabytes / best:.1f} MB/s (one core, "
            f"best of {REGEX_RUNS} passes after a warm-up; median {megabytes / median:.1f} MB/s)"
        )
        return
    if args.stream:
        stream(extractor, texts, args.stream, args.n_process)
        return
    if args.compare_processes:
        compare_processes(extractor, texts, args.compare_processes)
        return
    if args.n_process == 1:
        bare, ours, sentences, words, quotes = side_by_side(
            extractor, texts, args.batch_size, args.parse_batch_words
        )
    else:  # the workers start and load the model in the timing, as every such call does
        bare, sentences, words = bare_pass(bare_pipeline(args.parse_batch_words), texts, args.batch_size)
        ours, quotes = our_pass(extractor, texts, args.n_process)
    print(f"documents: {len(texts)} ({megabytes:.2f} MB), sentences: {sentences}, words: {words}")
    cores = len(os.sched_getaffinity(0))
    print(
        f"cores: {cores} of {os.cpu_count()}, batch size: {args.batch_size}, processes: {args.n_process}, "
        f"torch threads here: {args.threads}, parse batch words: {args.parse_batch_words}"
    )
    print(f"bare stanza:  {bare:.1f} s ({words / bare:.0f} words/s, {len(texts) / bare:.2f} docs/s)")
    print(
        f"extract_many: {ours:.1f} s ({words / ours:.0f} words/s, {len(texts) / ours:.2f} docs/s), "
        f"quotes: {quotes}, gate: {'off' if args.no_gate else 'on'}, "
        f"sentences parsed: {extractor.parsed_share:.1%}"
    )
    print(f"ratio extract_many/bare: {ours / bare:.2f}, peak RSS: {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
