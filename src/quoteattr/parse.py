"""Stanza dependency parses, loaded once and flattened into plain typed records.

Stanza is the whole cost of quoteattr, so the pipeline is built lazily, cached
per (model directory, processors) behind a lock, and fed many documents per call.
The rules never see Stanza objects: they work on `ParsedDoc`, whose words carry
document-level head indices and character offsets into the input.
"""

from __future__ import annotations

import ctypes
import logging
import os
import re
import sys
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from quoteattr.errors import ModelNotFoundError
from quoteattr.gate import SentenceSplitter

logger = logging.getLogger(__name__)

MODEL_DIR_ENV = "QUOTEATTR_STANZA_DIR"
PROCESSORS = "tokenize,mwt,pos,lemma,depparse"
BATCH_WORDS = 250
"""Default of the most words Stanza's dependency parser takes in one inner batch (see `Parser`)."""
CALL_CHARS = 5_000
"""Default of the most characters of text one Stanza call takes (see `Parser`)."""
ONEDNN_CACHE_ENV = "ONEDNN_PRIMITIVE_CACHE_CAPACITY"
"""oneDNN's setting of how many compiled primitives it keeps; quoteattr sets 0 (see `bound_onednn_cache`)."""
_GET_MODELS_HINT = (
    "Either let Stanza download its official German models (leave model_dir and "
    f"{MODEL_DIR_ENV} unset, with network access), or fetch them once with "
    "`python -c \"import stanza; stanza.download('de', model_dir=DIR)\"` and pass "
    f"model_dir=DIR or set {MODEL_DIR_ENV}=DIR."
)


@dataclass(frozen=True, slots=True)
class Word:
    """One syntactic word. Offsets are those of its token ("zum" gives zu and dem)."""

    index: int
    sentence: int
    text: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int | None
    deprel: str
    start: int
    end: int

    def feat(self, name: str) -> str | None:
        """The value of one morphological feature, e.g. feat("Mood") -> "Sub"."""
        for pair in self.feats.split("|"):
            key, _, value = pair.partition("=")
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    first: int
    """Index of the sentence's first word in `ParsedDoc.words`."""
    last: int
    """Index after its last word."""

    @property
    def word_indices(self) -> range:
        return range(self.first, self.last)


@dataclass
class ParsedDoc:
    """A parsed text: sentences and words with document-level indices."""

    text: str
    sentences: list[Sentence]
    words: list[Word]
    children: list[list[int]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.children = [[] for _ in self.words]
        for word in self.words:
            if word.head is not None:
                self.children[word.head].append(word.index)

    @cached_property
    def _starts(self) -> list[int]:
        return [w.start for w in self.words]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def words_within(self, start: int, end: int) -> range:
        """Indices of the words that lie wholly inside the characters start..end."""
        lo = bisect_left(self._starts, start)
        hi = lo
        while hi < len(self.words) and self.words[hi].end <= end:
            hi += 1
        return range(lo, hi)

    def subtree(self, index: int, *, skip: frozenset[str] = frozenset()) -> list[int]:
        """Indices of `index` and its descendants in text order, not entering `skip` relations."""
        out, stack = [], [index]
        while stack:
            i = stack.pop()
            out.append(i)
            stack.extend(c for c in self.children[i] if self.words[c].deprel not in skip)
        return sorted(out)

    def dependents(self, index: int, *deprels: str) -> list[int]:
        """Children of `index` whose relation starts with one of `deprels` ("nsubj" matches nsubj:pass)."""
        return [
            c
            for c in self.children[index]
            if any(self.words[c].deprel == d or self.words[c].deprel.startswith(d + ":") for d in deprels)
        ]

    def is_ancestor(self, ancestor: int, index: int) -> bool:
        """Whether `ancestor` dominates `index` in the dependency tree."""
        head, steps = self.words[index].head, 0
        while head is not None and steps < len(self.words):
            if head == ancestor:
                return True
            head, steps = self.words[head].head, steps + 1
        return False

    def sentence_of(self, offset: int) -> int | None:
        """Index of the sentence that holds character `offset`, or None between sentences."""
        k = bisect_right(self._sentence_starts, offset) - 1
        if k >= 0 and offset < self.sentences[k].end:
            return self.sentences[k].index
        return None


def resolve_model_dir(model_dir: str | Path | None) -> Path | None:
    """Argument first, then $QUOTEATTR_STANZA_DIR; None means Stanza's official models."""
    chosen = model_dir if model_dir is not None else os.environ.get(MODEL_DIR_ENV) or None
    if chosen is None:
        return None
    path = Path(chosen).expanduser().resolve()
    if not (path / "resources.json").is_file():
        raise ModelNotFoundError(
            f"No Stanza model directory at {str(path)!r} (given by "
            f"{'model_dir' if model_dir is not None else MODEL_DIR_ENV}): "
            f"expected a resources.json there and a de/ folder. {_GET_MODELS_HINT}",
            directory=path,
        )
    return path


class _PipelineCache:
    """Stanza pipelines by (directory, processors): built once, shared by all threads.

    Stanza pipelines are not documented as thread-safe, so each comes with a lock
    that callers hold while they run it. `shared` keeps other per-process objects
    built on them (an `Extractor` per worker process) in the same place.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._objects: dict[tuple[Any, ...], Any] = {}

    def get(self, model_dir: Path | None, processors: str, batch_words: int) -> tuple[Any, threading.Lock]:
        return self.shared(
            (model_dir, processors, batch_words),
            lambda: (_build_pipeline(model_dir, processors, batch_words), threading.Lock()),
        )

    def shared(self, key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
        """The object cached under `key`, built by `build()` on first use (which must not call back)."""
        with self._lock:
            if key in self._objects:
                logger.debug("Reusing %s", key)
            else:
                self._objects[key] = build()
            return self._objects[key]


def pipeline_options(model_dir: Path | None, processors: str, batch_words: int) -> dict[str, Any]:
    """Keyword arguments of `stanza.Pipeline("de", ...)`: also for a bare pass that batches as we do.

    `batch_words` bounds the dependency parser's inner batches: its memory grows with
    the sentences of a batch times the longest among them, so Stanza's own bound (2,000
    words for the German parser) lets the peak climb whenever a batch of long sentences
    comes along; batches of 250 words were faster on CPU, too (docs/speed.md).
    """
    options: dict[str, Any] = {
        "processors": processors,
        "logging_level": "WARN",
        "depparse_batch_size": batch_words,
    }
    if model_dir is not None:
        options.update(dir=str(model_dir), download_method=None)
    return options


def bound_onednn_cache() -> None:
    """Turn off oneDNN's primitive cache (unless the user set its size) before torch first uses it.

    On CPU, torch runs Stanza's LSTMs through oneDNN, which keeps a compiled primitive,
    with its buffers, for every input shape it has seen, up to 1,024 of them. Each batch
    of sentences has a new shape, so a stream's memory rose with every new shape until
    the cache was full: 610 MiB after 100 training documents, 718 after 300. Without the
    cache, 577 and 605 MiB, and no slower (docs/speed.md). oneDNN reads the variable once,
    when torch first runs a oneDNN operation, so a process that used torch's LSTMs
    before quoteattr loads its model keeps the cache it has.
    """
    if os.environ.setdefault(ONEDNN_CACHE_ENV, "0") != "0":
        logger.debug("%s=%s set by the user: kept", ONEDNN_CACHE_ENV, os.environ[ONEDNN_CACHE_ENV])


def _build_pipeline(model_dir: Path | None, processors: str, batch_words: int) -> Any:
    bound_onednn_cache()
    import stanza

    where = "Stanza's official German models" if model_dir is None else str(model_dir)
    logger.info("Loading Stanza pipeline (%s, batches of %d words) from %s", processors, batch_words, where)
    options = pipeline_options(model_dir, processors, batch_words)
    try:
        return stanza.Pipeline("de", **options)
    except Exception as error:  # Stanza raises many types for missing/broken files
        raise ModelNotFoundError(
            f"Could not load the Stanza pipeline from {where}: {type(error).__name__}: {error}. "
            f"{_GET_MODELS_HINT}",
            directory=model_dir,
        ) from error


_PIPELINES = _PipelineCache()


def cached(key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
    """A per-process object kept beside the pipelines it uses (see `_PipelineCache.shared`)."""
    return _PIPELINES.shared(key, build)


Gate = Callable[[Sequence[str]], list[bool]]
"""Given a document's sentence texts, which ones to parse."""

_WORD = re.compile(r"\w+(?:[-'’.]\w+)*|\S")
"""Words and single symbols of a sentence that is not parsed."""


class Parser:
    """Parses texts in bulk with cached Stanza pipelines, optionally only the gated sentences.

    Two bounds limit what one Stanza call holds in memory, and change no result: a call
    takes documents of at most `call_chars` characters in all (a longer one goes
    alone), and within a call the dependency parser takes at most `batch_words` words
    at a time (`pipeline_options`).
    """

    def __init__(
        self,
        model_dir: str | Path | None = None,
        *,
        processors: str = PROCESSORS,
        batch_words: int = BATCH_WORDS,
        call_chars: int = CALL_CHARS,
    ) -> None:
        if batch_words < 1:
            raise ValueError(f"batch_words must be >= 1, got {batch_words}; the default is {BATCH_WORDS}")
        if call_chars < 1:
            raise ValueError(f"call_chars must be >= 1, got {call_chars}; the default is {CALL_CHARS}")
        self.model_dir = resolve_model_dir(model_dir)
        self.processors = processors
        self.batch_words = batch_words
        self.call_chars = call_chars
        self.sentences_seen = 0
        self.sentences_parsed = 0
        """Counters for the share of sentences the gate lets through."""
        self._splitter: SentenceSplitter | None = None

    def parse_many(self, texts: Sequence[str], *, gate: Gate | None = None) -> list[ParsedDoc]:
        """Parse all texts, each a Stanza document, many per Stanza call (Stanza batches across them).

        With a `gate`, texts are first cut into sentences by `SentenceSplitter`, and
        only the runs of consecutive sentences the gate selects go through Stanza,
        one run per Stanza document, so Stanza tokenizes and parses just that text
        and splits it into its own sentences. The other sentences keep their words
        (split by a regular expression) and offsets, with no tags or tree.
        """
        if gate is None:
            plans = [[(0, len(text), True)] for text in texts]
        else:
            if self._splitter is None:
                self._splitter = SentenceSplitter()
            plans = []
            for text in texts:
                spans = self._splitter.spans(text)
                chosen = gate([text[a:b] for a, b in spans])
                self.sentences_seen += len(spans)
                self.sentences_parsed += sum(chosen)
                plans.append(_runs(spans, chosen))
        runs = [text[a:b] for text, plan in zip(texts, plans, strict=True) for a, b, keep in plan if keep]
        parsed_runs = iter(self._parse_runs(runs))
        docs = [
            _assemble(text, [(a, b, next(parsed_runs) if keep else None) for a, b, keep in plan])
            for text, plan in zip(texts, plans, strict=True)
        ]
        if gate is None:
            counted = sum(len(d.sentences) for d in docs)
            self.sentences_seen += counted
            self.sentences_parsed += counted
        return docs

    def _parse_runs(self, runs: list[str]) -> list[list[list[_Token]]]:
        """Each run's sentences of analysed tokens; a call takes at most `call_chars` characters (`_calls`).

        A call's Stanza documents are flattened into tuples before the next call, so that
        only one call's worth of Stanza's (much larger) objects is alive at any time.
        """
        if not runs:
            return []
        import stanza

        pipeline, lock = _PIPELINES.get(self.model_dir, self.processors, self.batch_words)
        out: list[list[list[_Token]]] = [[] for _ in runs]
        for call in _calls(runs, self.call_chars):
            with lock:
                parsed = pipeline([stanza.Document([], text=runs[k]) for k in call])
            for k, doc in zip(call, parsed, strict=True):
                out[k] = [_tokens(sentence) for sentence in doc.sentences]
            del parsed
            _trim_heap()
        return out


_Token = tuple[str, int, int, tuple[str | None, str | None, str | None, str | None, int | None, str | None]]
"""A syntactic word of a parsed run: form, start and end of its token, and (lemma, upos, xpos, feats,
head, deprel) with the head counted from 1 in its sentence, 0 for the root."""


def _tokens(sentence: Any) -> list[_Token]:
    return [
        (w.text, t.start_char, t.end_char, (w.lemma, w.upos, w.xpos, w.feats, w.head, w.deprel))
        for t in sentence.tokens
        for w in t.words
    ]


def _trim_heap() -> None:
    """Hand the C heap's free pages back to the system (glibc's `malloc_trim`; elsewhere nothing).

    A call's tensors and Stanza objects, freed, leave holes in the heap that stay
    resident; trimming after each call kept the peak of a 260-document stream 3 to 6 %
    lower and its rise after 100 documents smaller (docs/speed.md).
    """
    if not sys.platform.startswith("linux"):
        return
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    if trim is not None:
        trim(0)


def _calls(runs: list[str], call_chars: int) -> list[list[int]]:
    """Indices of `runs` per Stanza call: runs of like length together, at most `call_chars` characters.

    Stanza pads every batch to its longest paragraph and sentence, and sorts by length
    only within a call; the gate's runs, a sentence or a few each, differ widely in
    length, so a call of whatever runs come next padded its tokenizer's batches to
    the longest run. Runs taken shortest first waste little (docs/speed.md). A run
    over `call_chars` goes alone.
    """
    calls: list[list[int]] = []
    chars = 0
    for k in sorted(range(len(runs)), key=lambda k: len(runs[k])):
        if calls and chars + len(runs[k]) <= call_chars:
            calls[-1].append(k)
            chars += len(runs[k])
        else:
            calls.append([k])
            chars = len(runs[k])
    return calls


def _runs(spans: list[tuple[int, int]], chosen: list[bool]) -> list[tuple[int, int, bool]]:
    """Sentences as (start, end, parse): consecutive selected sentences joined into one run."""
    out: list[tuple[int, int, bool]] = []
    for (start, end), keep in zip(spans, chosen, strict=True):
        if keep and out and out[-1][2]:
            out[-1] = (out[-1][0], end, True)
        else:
            out.append((start, end, keep))
    return out


def _assemble(text: str, pieces: list[tuple[int, int, list[list[_Token]] | None]]) -> ParsedDoc:
    """A ParsedDoc from pieces of `text`: a parsed run's sentences, or None for an unparsed sentence."""
    words: list[Word] = []
    sentences: list[Sentence] = []
    for start, end, parsed in pieces:
        if parsed is None:
            _add_sentence(
                words,
                sentences,
                [(m.group(), m.start(), m.end(), None) for m in _WORD.finditer(text, start, end)],
            )
            continue
        for tokens in parsed:
            _add_sentence(words, sentences, [(form, start + a, start + b, w) for form, a, b, w in tokens])
    return ParsedDoc(text=text, sentences=sentences, words=words)


def _add_sentence(
    words: list[Word],
    sentences: list[Sentence],
    tokens: list[tuple[str, int, int, tuple[Any, ...] | None]],
) -> None:
    """Append one sentence; a token with no analysis (see `_Token`) stays untagged."""
    first = len(words)
    index = len(sentences)
    for form, start, end, w in tokens:
        lemma, upos, xpos, feats, head, deprel = w if w is not None else (None,) * 6
        words.append(
            Word(
                index=len(words),
                sentence=index,
                text=form,
                lemma=lemma or form,
                upos=upos or "X",
                xpos=xpos or "",
                feats=feats or "",
                head=first + head - 1 if head else None,
                deprel=deprel or "dep",
                start=start,
                end=end,
            )
        )
    if len(words) > first:
        sentences.append(Sentence(index, words[first].start, words[-1].end, first, len(words)))
