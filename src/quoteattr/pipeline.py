"""The extraction pipeline: text -> quotation marks and cues -> parse -> attribution -> speakers -> Quote.

`Extractor` holds what is expensive to load (the Stanza pipeline, through the
shared cache, and the lexicon) and runs the stages in that order; `extract` is
the one-call shortcut.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from functools import partial
from itertools import islice, pairwise
from pathlib import Path
from typing import Any, Literal, TypeVar, overload

from quoteattr.according_to import according_to_quotes, reported_by
from quoteattr.attribution import Attribution, inherit_speakers, merge, unnamed_speakers, with_fragments
from quoteattr.continuation import free_indirect, headlines
from quoteattr.cues import find_according_to, find_cues
from quoteattr.direct import attribute_quotations
from quoteattr.errors import ExtractionError, InputError, ModelError, QuoteattrError
from quoteattr.gate import SentenceGate
from quoteattr.indirect import indirect_speech
from quoteattr.lexicon import Lexicon
from quoteattr.marks import find_quotations
from quoteattr.model import Cue, Document, Quote, QuoteForm, Span, Speaker
from quoteattr.parse import BATCH_WORDS, CALL_CHARS, Gate, ParsedDoc, Parser, cached, resolve_model_dir
from quoteattr.resolution import resolve_names, speaker_entities
from quoteattr.sources import is_medium, medium_and_addressee
from quoteattr.text import check_text, chunk_spans, count_words, paragraph_spans, parse_copy

logger = logging.getLogger(__name__)

_Id = TypeVar("_Id")

MAX_PARSE_WORDS = 300
"""Longer sentences are not parsed: the dependency parser's memory grows with the square of a
sentence's length (peak process memory 0.6 GB at 400 words, 2.8 GB at 950, 9 GB at 1,500), and
only scraped junk (menus, tables, runs of quotation marks) gets that long."""


class Extractor:
    """Finds quotes in German text and attributes them.

    >>> extractor = Extractor(model_dir="models/stanza-de")   # doctest: +SKIP
    >>> extractor.extract("„Wir bleiben“, sagte sie.")        # doctest: +SKIP

    `model_dir` (or the environment variable `QUOTEATTR_STANZA_DIR`) names a Stanza
    model directory; without either, Stanza's official German models are used.
    With `gate=True` only the sentences that can hold a quote are parsed (see
    `quoteattr.gate` and docs/speed.md): the same quotes, speakers and cues in about
    half the parsing time, but a speaker's full name introduced only in a sentence
    without speech may stay unresolved. By default (`gate=False`) every sentence is.
    Either way a sentence of over `MAX_PARSE_WORDS` words is left unparsed (Q201).

    Texts over `max_chars` characters are cut into pieces of at most that size, at
    blank lines where possible (else at sentence ends), and each piece is processed on
    its own with offsets mapped back, so that memory stays bounded. Quotation marks pair
    within paragraphs, so only a paragraph over `max_chars` can have a quote cut; a
    speaker named in one piece is unknown to the next. One parser call takes at most
    `batch_size` pieces and, past the first, `max_chars` characters. Two smaller bounds
    limit what one Stanza call holds, which lowers the peak memory of long streams,
    and change no result (docs/speed.md):
    Stanza is called on at most `parse_call_chars` characters of the text it parses
    at a time (a longer piece alone), and within a call its dependency parser takes
    at most `parse_batch_words` words at a time (its memory grows with the sentences
    of a batch times the longest among them).

    Nothing an extraction does changes what the next one returns: one `Extractor` may
    serve many threads (parser calls take turns on a lock).
    """

    def __init__(
        self,
        model_dir: str | Path | None = None,
        *,
        batch_size: int = 32,
        gate: bool = False,
        max_chars: int = 100_000,
        parse_batch_words: int = BATCH_WORDS,
        parse_call_chars: int = CALL_CHARS,
    ) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        if max_chars < 1:
            raise ValueError(f"max_chars must be >= 1, got {max_chars}; the default is 100_000")
        self.batch_size = batch_size
        self.max_chars = max_chars
        self._parser = Parser(model_dir, batch_words=parse_batch_words, call_chars=parse_call_chars)
        self._options = {
            "batch_size": batch_size,
            "gate": gate,
            "max_chars": max_chars,
            "parse_batch_words": parse_batch_words,
            "parse_call_chars": parse_call_chars,
        }
        """What a worker process needs to build the same extractor."""
        self._lexicon = Lexicon.load()
        self._gate = _length_limited(SentenceGate(self._lexicon).select if gate else None)

    @property
    def lexicon(self) -> Lexicon:
        return self._lexicon

    @property
    def parsed_share(self) -> float:
        """Share of the sentences seen so far that the gate sent to the parser."""
        seen = self._parser.sentences_seen
        return self._parser.sentences_parsed / seen if seen else 0.0

    def extract(self, text: str) -> list[Quote]:
        """The quotes of one text, in order of their start.

        Raises `InputError` (a `TypeError`) for anything but `str`, `InvalidTextError`
        (a `ValueError`) for lone surrogates; empty or blank text gives `[]`.
        """
        return next(self.extract_many([text]))

    @overload
    def extract_many(
        self,
        texts: Iterable[str],
        *,
        batch_size: int | None = None,
        errors: Literal["raise"] = "raise",
        as_tuples: Literal[False] = False,
        n_process: int = 1,
    ) -> Iterator[list[Quote]]: ...

    @overload
    def extract_many(
        self,
        texts: Iterable[str],
        *,
        batch_size: int | None = None,
        errors: Literal["record"],
        as_tuples: Literal[False] = False,
        n_process: int = 1,
    ) -> Iterator[list[Quote] | ExtractionError]: ...

    @overload
    def extract_many(
        self,
        texts: Iterable[tuple[_Id, str]],
        *,
        batch_size: int | None = None,
        errors: Literal["raise"] = "raise",
        as_tuples: Literal[True],
        n_process: int = 1,
    ) -> Iterator[tuple[_Id, list[Quote]]]: ...

    @overload
    def extract_many(
        self,
        texts: Iterable[tuple[_Id, str]],
        *,
        batch_size: int | None = None,
        errors: Literal["record"],
        as_tuples: Literal[True],
        n_process: int = 1,
    ) -> Iterator[tuple[_Id, list[Quote] | ExtractionError]]: ...

    def extract_many(
        self,
        texts: Iterable[str] | Iterable[tuple[Any, str]],
        *,
        batch_size: int | None = None,
        errors: Literal["raise", "record"] = "raise",
        as_tuples: bool = False,
        n_process: int = 1,
    ) -> Iterator[list[Quote] | ExtractionError] | Iterator[tuple[Any, list[Quote] | ExtractionError]]:
        """Quotes for each text, in input order; Stanza parses a whole batch per call.

        A text that cannot be processed (not a `str`, lone surrogates, a failure in the
        parser or in a rule) stops nothing before it: the quotes of the texts before it
        are yielded first. Then `errors="raise"` raises its exception, and
        `errors="record"` yields an `ExtractionError` in its place and goes on, so that
        every input gets exactly one result, `list[Quote] | ExtractionError`. A
        `ModelError` raises in either case: it is no document's fault.

        With `as_tuples=True` (as in spaCy's `nlp.pipe`) `texts` holds `(doc_id, text)`
        pairs and `(doc_id, result)` pairs come out, so that the caller's ids stay with
        their results; an `ExtractionError` then carries the doc_id too. An item that is
        not a pair raises `InputError`: there is no id to record it under.

        `n_process=N` (N > 1) spreads batches of `batch_size` texts over N worker
        processes (spawned; each loads the model once and gets `cores // N` torch
        threads); results still come in input order, as each batch is done, with at
        most 2N batches in flight. With `n_process=1` torch's thread setting in the
        calling process applies (one thread was the fastest on 2 cores: docs/speed.md).
        """
        if errors not in ("raise", "record"):
            raise ValueError(f"errors must be 'raise' or 'record', got {errors!r}")
        if batch_size is not None and batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        if n_process < 1:
            raise ValueError(f"n_process must be >= 1, got {n_process}")
        size = batch_size or self.batch_size
        ids: deque[Any] = deque()  # doc ids of the batches read so far, with as_tuples
        iterator = _unpaired(texts, ids) if as_tuples else iter(texts)
        batches = iter(partial(_take, iterator, size), [])
        if n_process == 1:
            results = (self._extract_batch(batch, size) for batch in batches)
        else:
            results = self._in_processes(batches, size, n_process)
        done = 0
        for batch_results in results:
            for index, result in enumerate(batch_results, start=done):
                doc_id = ids.popleft() if as_tuples else None
                if isinstance(result, Exception):
                    if errors == "raise":
                        raise result
                    logger.warning(
                        "[Q101] Text %d%s failed and was recorded: %s: %s",
                        index,
                        f" ({doc_id})" if as_tuples else "",
                        type(result).__name__,
                        result,
                        exc_info=None if isinstance(result, QuoteattrError) else result,
                    )
                    result = ExtractionError.from_exception(index, result, doc_id=doc_id)
                yield (doc_id, result) if as_tuples else result
            done += len(batch_results)

    def _in_processes(
        self, batches: Iterator[list[object]], size: int, n_process: int
    ) -> Iterator[list[list[Quote] | Exception]]:
        """`_extract_batch` of each batch in a pool of worker processes, in input order."""
        settings = (self._parser.model_dir, tuple(sorted(self._options.items())))
        pool = ProcessPoolExecutor(
            n_process,
            mp_context=multiprocessing.get_context("spawn"),  # fork would copy torch's threads and locks
            initializer=_load_worker,
            initargs=(*settings, max(1, _usable_cores() // n_process)),
        )
        try:
            pending: deque[Future[tuple[list[list[Quote] | Exception], int, int]]] = deque()
            for batch in batches:
                pending.append(pool.submit(_extract_in_worker, settings, batch, size))
                if len(pending) >= 2 * n_process:
                    yield self._counted(pending.popleft().result())
            while pending:
                yield self._counted(pending.popleft().result())
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _counted(
        self, outcome: tuple[list[list[Quote] | Exception], int, int]
    ) -> list[list[Quote] | Exception]:
        """A worker's results; its sentence counts are added to ours for `parsed_share`."""
        results, seen, parsed = outcome
        self._parser.sentences_seen += seen
        self._parser.sentences_parsed += parsed
        return results

    def _extract_batch(self, batch: Sequence[object], size: int) -> list[list[Quote] | Exception]:
        """One result per text: its quotes, or the exception that stopped it."""
        results: list[list[Quote] | Exception] = [[] for _ in batch]
        pieces: list[tuple[int, int, str]] = []  # (index of the text, offset in it, the piece)
        for i, text in enumerate(batch):
            try:
                text = check_text(text)
            except QuoteattrError as error:
                results[i] = error
                continue
            pieces += [
                (i, start, text[start:end])
                for start, end in chunk_spans(text, self.max_chars)
                if not text[start:end].isspace() and end > start  # blank pieces hold no quotes
            ]
        for group in _groups(pieces, size, self.max_chars):
            for (i, offset, _), parsed in zip(group, self._parse([p for _, _, p in group]), strict=True):
                quotes = results[i]
                if not isinstance(quotes, list):
                    continue  # an earlier piece of this text failed
                if isinstance(parsed, Exception):
                    results[i] = parsed
                    continue
                try:
                    quotes.extend(_shifted(quote, offset) for quote in self._quotes(parsed))
                except ModelError:
                    raise
                except Exception as error:  # one text's failure must not end the batch
                    results[i] = error
        return results

    def _parse(self, texts: list[str]) -> list[ParsedDoc | Exception]:
        """Parse `texts` in one call; if that fails, one at a time, so that only the culprit fails.

        The parser sees `parse_copy(text)`; the rules see the text as given.
        """
        try:
            parsed = self._parser.parse_many([parse_copy(t) for t in texts], gate=self._gate)
        except ModelError:
            raise
        except Exception as error:
            if len(texts) == 1:
                return [error]
            return [self._parse([text])[0] for text in texts]
        return [doc if doc.text is t else replace(doc, text=t) for doc, t in zip(parsed, texts, strict=True)]

    def _quotes(self, doc: ParsedDoc) -> list[Quote]:
        lexicon = self._lexicon
        paragraphs = paragraph_spans(doc.text)
        cues = find_cues(doc, lexicon)
        according = find_according_to(doc, lexicon)
        # Finders run from the most to the least certain; merge keeps the first of overlapping quotes.
        quotations = find_quotations(doc.text)
        found = attribute_quotations(doc, quotations, cues, according, lexicon.is_konjunktiv_i)
        quoted = [(q.content_start, q.content_end) for q in quotations if q.depth == 0]
        said = indirect_speech(doc, cues, lexicon.is_konjunktiv, quoted)
        found = merge(with_fragments(found, [a for a in said if a.form is QuoteForm.REPORTED]), said)
        relayed = reported_by(doc, found, according, lambda i: is_medium(doc, i, lexicon))
        found = merge(relayed, according_to_quotes(doc, according))
        found = merge(found, headlines(doc, paragraphs))
        found = inherit_speakers(doc, unnamed_speakers(doc, found), paragraphs)
        found = merge(found, free_indirect(doc, found, lexicon, paragraphs, cues))
        names = resolve_names(doc, found, lexicon)
        return [
            _to_quote(doc, _with_medium(doc, a, lexicon), name) for a, name in zip(found, names, strict=True)
        ]

    def analyse(self, text: str) -> Document:
        """The quotes of one text and its speakers, each with its mentions and number of quotes.

        Unlike `extract`, the text is parsed as one piece, since speakers are resolved
        over the whole document.
        """
        text = check_text(text)
        if not text.strip():
            return Document(quotes=[], speakers=[], text=text)
        doc = self._parse([text])[0]
        if isinstance(doc, Exception):
            raise doc
        quotes = self._quotes(doc)
        return Document(quotes=quotes, speakers=speaker_entities(doc, quotes, self._lexicon), text=text)


def _with_medium(doc: ParsedDoc, a: Attribution, lexicon: Lexicon) -> Attribution:
    """Fill source and addressee from the cue verb's dependents."""
    verbs = [i for i in a.cue_words if doc.words[i].upos in ("VERB", "AUX", "ADJ", "NOUN")]
    if not verbs or a.source_words or a.addressee_words:
        return a
    medium, addressee = medium_and_addressee(doc, verbs[0], lexicon)
    return replace(a, source_words=medium, addressee_words=addressee)


def _unpaired(items: Iterable[object], ids: deque[Any]) -> Iterator[object]:
    """The texts of `(doc_id, text)` pairs, each id appended to `ids` as its text is taken."""
    for index, item in enumerate(items):
        if not (isinstance(item, tuple) and len(item) == 2):
            raise InputError(
                f"extract_many(..., as_tuples=True) takes (doc_id, text) pairs; item {index} is "
                f"{type(item).__name__}: {item!r:.60}. Pass pairs, or drop as_tuples for plain texts."
            )
        ids.append(item[0])
        yield item[1]


def extract(text: str, *, model_dir: str | Path | None = None) -> list[Quote]:
    """The quotes of `text`; see `Extractor` for the model choice and `Extractor.extract` for errors.

    Builds an `Extractor` per call (the Stanza pipeline itself is cached): for many
    texts, make one `Extractor` and use `extract_many`.
    """
    return Extractor(model_dir).extract(text)


def shared_extractor(model_dir: str | Path | None = None, **options: object) -> Extractor:
    """One `Extractor` per process and settings, built on first use: for worker processes and Dask tasks.

    Kept in the parser's model cache, so that a worker loads the lexicon and the Stanza
    model once, however many tasks it runs.
    """
    directory = resolve_model_dir(model_dir)
    key = ("Extractor", directory, tuple(sorted(options.items())))
    return cached(key, lambda: Extractor(directory, **options))  # type: ignore[arg-type]


def _load_worker(model_dir: Path | None, options: tuple[tuple[str, object], ...], threads: int) -> None:
    """Pool initializer: load the lexicon and the Stanza pipelines once per worker process.

    Each worker gets its share of the cores for torch's threads, so that N workers do
    not each start a thread per core.

    A `ModelError` here is not raised: it would break the pool and hide the message.
    The first batch raises it again, and the parent gets it from that batch's result.
    """
    import torch

    torch.set_num_threads(threads)
    try:
        shared_extractor(model_dir, **dict(options)).extract("„Ja“, sagte sie.")
    except ModelError:
        logger.debug("Worker could not load the model; its first batch will raise the error")


def _extract_in_worker(
    settings: tuple[Path | None, tuple[tuple[str, object], ...]], batch: list[object], size: int
) -> tuple[list[list[Quote] | Exception], int, int]:
    """One batch in a worker process: results, and the sentences seen and parsed for it."""
    extractor = shared_extractor(settings[0], **dict(settings[1]))
    parser = extractor._parser
    seen, parsed = parser.sentences_seen, parser.sentences_parsed
    results = [_portable(r) for r in extractor._extract_batch(batch, size)]
    return results, parser.sentences_seen - seen, parser.sentences_parsed - parsed


def _portable(result: list[Quote] | Exception) -> list[Quote] | Exception:
    """`result`, or for an exception that cannot be pickled back to the parent, a stand-in of its text."""
    if not isinstance(result, Exception):
        return result
    try:
        pickle.loads(pickle.dumps(result))
    except Exception:
        return RuntimeError(f"{type(result).__name__}: {result}")
    return result


def _usable_cores() -> int:
    """The cores this process may run on (its affinity: a container's or `taskset`'s share)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _take(iterator: Iterator[object], size: int) -> list[object]:
    return list(islice(iterator, size))


def _length_limited(select: Gate | None) -> Gate:
    """`select` (or every sentence), less the sentences of over `MAX_PARSE_WORDS` words."""

    def gate(sentences: Sequence[str]) -> list[bool]:
        chosen = select(sentences) if select is not None else [True] * len(sentences)
        for k, sentence in enumerate(sentences):
            if chosen[k] and (words := count_words(sentence)) > MAX_PARSE_WORDS:
                chosen[k] = False
                logger.warning(
                    "[Q201] A sentence of about %d words (%r...) was left unparsed: the limit is %d. "
                    "Quotes in it are not attributed.",
                    words,
                    sentence[:40],
                    MAX_PARSE_WORDS,
                )
        return chosen

    return gate


def _groups(
    pieces: list[tuple[int, int, str]], size: int, max_chars: int
) -> Iterator[list[tuple[int, int, str]]]:
    """Consecutive pieces, at most `size` and (past the first) `max_chars` characters per parser call."""
    group: list[tuple[int, int, str]] = []
    chars = 0
    for piece in pieces:
        if group and (len(group) == size or chars + len(piece[2]) > max_chars):
            yield group
            group, chars = [], 0
        group.append(piece)
        chars += len(piece[2])
    if group:
        yield group


def _shifted(quote: Quote, by: int) -> Quote:
    """`quote` found in a piece that starts at `by`, with offsets into the whole text."""
    if not by:
        return quote

    def span(part: Span | None) -> Span | None:
        return part and part.model_copy(update={"start": part.start + by, "end": part.end + by})

    verb = quote.verb and quote.verb.model_copy(
        update={"spans": [(start + by, end + by) for start, end in quote.verb.spans]}
    )
    return quote.model_copy(
        update={
            "start": quote.start + by,
            "end": quote.end + by,
            "speaker": span(quote.speaker),
            "source": span(quote.source),
            "addressee": span(quote.addressee),
            "verb": verb,
        }
    )


def _to_quote(doc: ParsedDoc, a: Attribution, name: str | None) -> Quote:
    start, end = a.content
    return Quote(
        text=doc.text[start:end],
        start=start,
        end=end,
        form=a.form,
        speaker=_speaker(doc, a.speaker_words, name),
        verb=_cue(doc, a),
        source=_span(doc, a.source_words),
        addressee=_span(doc, a.addressee_words),
    )


def _span(doc: ParsedDoc, words: tuple[int, ...]) -> Span | None:
    if not words:
        return None
    start, end = doc.words[words[0]].start, doc.words[words[-1]].end
    return Span(text=doc.text[start:end], start=start, end=end)


def _speaker(doc: ParsedDoc, words: tuple[int, ...], name: str | None) -> Speaker | None:
    if not words:
        return None
    start, end = doc.words[words[0]].start, doc.words[words[-1]].end
    return Speaker(text=doc.text[start:end], start=start, end=end, name=name)


def _cue(doc: ParsedDoc, a: Attribution) -> Cue | None:
    """The cue as written: adjacent words as they stand, gaps shown as ' ... '."""
    spans = sorted({(doc.words[i].start, doc.words[i].end) for i in a.cue_words})
    if not spans:
        return None
    text = doc.text[spans[0][0] : spans[0][1]]
    for (_, prev_end), (start, end) in pairwise(spans):
        gap = doc.text[prev_end:start]
        text += (gap if not gap.strip() else " ... ") + doc.text[start:end]
    return Cue(text=text, lemma=a.cue_lemma, spans=spans)
