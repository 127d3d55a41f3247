"""Stanza dependency parses, loaded once and flattened into plain typed records.

Stanza is the whole cost of quoteattr, so the pipeline is built lazily, cached
per (model directory, processors) behind a lock, and fed many documents per call.
The rules never see Stanza objects: they work on `ParsedDoc`, whose words carry
document-level head indices and character offsets into the input.
"""

from __future__ import annotations

import logging
import os
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quoteattr.errors import ModelNotFoundError

if TYPE_CHECKING:
    import stanza

logger = logging.getLogger(__name__)

MODEL_DIR_ENV = "QUOTEATTR_STANZA_DIR"
PROCESSORS = "tokenize,mwt,pos,lemma,depparse"
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


def from_stanza(doc: stanza.Document, text: str) -> ParsedDoc:
    """Flatten a Stanza document; words get their token's character offsets."""
    words: list[Word] = []
    sentences: list[Sentence] = []
    for s_index, sent in enumerate(doc.sentences):
        first = len(words)
        for token in sent.tokens:
            for word in token.words:
                words.append(
                    Word(
                        index=len(words),
                        sentence=s_index,
                        text=word.text,
                        lemma=word.lemma or word.text,
                        upos=word.upos or "X",
                        xpos=word.xpos or "",
                        feats=word.feats or "",
                        head=first + word.head - 1 if word.head else None,
                        deprel=word.deprel or "dep",
                        start=token.start_char,
                        end=token.end_char,
                    )
                )
        if len(words) > first:
            sentences.append(Sentence(s_index, words[first].start, words[-1].end, first, len(words)))
    return ParsedDoc(text=text, sentences=sentences, words=words)


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
    """Stanza pipelines by (directory, processors, pretokenized): built once, shared by all threads.

    Stanza pipelines are not documented as thread-safe, so each comes with a lock
    that callers hold while they run it. `shared` keeps other per-process objects
    built on them (an `Extractor` per worker process) in the same place.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._objects: dict[tuple[Any, ...], Any] = {}

    def get(
        self, model_dir: Path | None, processors: str, *, pretokenized: bool = False
    ) -> tuple[Any, threading.Lock]:
        return self.shared(
            (model_dir, processors, pretokenized),
            lambda: (_build_pipeline(model_dir, processors, pretokenized), threading.Lock()),
        )

    def shared(self, key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
        """The object cached under `key`, built by `build()` on first use (which must not call back)."""
        with self._lock:
            if key in self._objects:
                logger.debug("Reusing %s", key)
            else:
                self._objects[key] = build()
            return self._objects[key]


def _build_pipeline(model_dir: Path | None, processors: str, pretokenized: bool) -> Any:
    import stanza

    where = "Stanza's official German models" if model_dir is None else str(model_dir)
    logger.info("Loading Stanza pipeline (%s) from %s", processors, where)
    options: dict[str, Any] = {"processors": processors, "logging_level": "WARN"}
    if pretokenized:
        options["tokenize_pretokenized"] = True
    if model_dir is not None:
        options.update(dir=str(model_dir), download_method=None)
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

TOKENIZE = "tokenize,mwt"
PARSE_WORDS = "tokenize,pos,lemma,depparse"
"""Run on words that the tokenizer pass already split (multi-word tokens expanded)."""

Gate = Callable[[Sequence[str]], list[bool]]
"""Given a document's sentence texts, which ones to parse."""

_Token = tuple[str, int, int]


class Parser:
    """Parses texts in bulk with cached Stanza pipelines, optionally only the gated sentences."""

    def __init__(self, model_dir: str | Path | None = None, *, processors: str = PROCESSORS) -> None:
        self.model_dir = resolve_model_dir(model_dir)
        self.processors = processors
        self.sentences_seen = 0
        self.sentences_parsed = 0
        """Counters for the share of sentences the gate lets through."""

    def parse_many(self, texts: Sequence[str], *, gate: Gate | None = None) -> list[ParsedDoc]:
        """Parse all texts in one Stanza call (Stanza batches across documents).

        With a `gate`, texts are first split into sentences and words by the
        tokenizer alone, and only the sentences the gate selects are parsed; the
        others keep their words and offsets with no tags or tree.
        """
        if not texts:
            return []
        import stanza

        documents = [stanza.Document([], text=t) for t in texts]
        if gate is None:
            pipeline, lock = _PIPELINES.get(self.model_dir, self.processors)
            with lock:
                parsed = pipeline(documents)
            docs = [from_stanza(d, t) for d, t in zip(parsed, texts, strict=True)]
            counted = sum(len(d.sentences) for d in docs)
            self.sentences_seen += counted
            self.sentences_parsed += counted
            return docs
        tokenizer, lock = _PIPELINES.get(self.model_dir, TOKENIZE)
        with lock:
            tokenized = tokenizer(documents)
        plans = []
        selected: list[list[str]] = []
        for doc, text in zip(tokenized, texts, strict=True):
            sentences = [
                [(w.text, t.start_char, t.end_char) for t in sent.tokens for w in t.words]
                for sent in doc.sentences
            ]
            chosen = gate([text[s[0][1] : s[-1][2]] for s in sentences if s])
            plans.append((sentences, chosen))
            selected.extend([w[0] for w in s] for s, keep in zip(sentences, chosen, strict=True) if keep)
        self.sentences_seen += sum(len(sentences) for sentences, _ in plans)
        self.sentences_parsed += len(selected)
        trees = iter(self._parse_words(selected))
        return [
            _assemble(text, sentences, chosen, trees)
            for (sentences, chosen), text in zip(plans, texts, strict=True)
        ]

    def _parse_words(self, sentences: list[list[str]]) -> list[Any]:
        if not sentences:
            return []
        pipeline, lock = _PIPELINES.get(self.model_dir, PARSE_WORDS, pretokenized=True)
        with lock:
            return list(pipeline(sentences).sentences)


def _assemble(
    text: str, sentences: list[list[_Token]], chosen: list[bool], trees: Iterator[Any]
) -> ParsedDoc:
    """A ParsedDoc from tokenizer words, with the parser's analysis where a sentence was parsed."""
    words: list[Word] = []
    out: list[Sentence] = []
    for s_index, (tokens, parsed) in enumerate(zip(sentences, chosen, strict=True)):
        first = len(words)
        tree = next(trees).words if parsed else None
        if tree is not None and len(tree) != len(tokens):
            tree = None  # the parser re-split the words: keep them unparsed rather than misalign
        for k, (form, start, end) in enumerate(tokens):
            w = tree[k] if tree is not None else None
            words.append(
                Word(
                    index=len(words),
                    sentence=s_index,
                    text=form,
                    lemma=(w.lemma if w is not None else None) or form,
                    upos=(w.upos if w is not None else None) or "X",
                    xpos=(w.xpos if w is not None else None) or "",
                    feats=(w.feats if w is not None else None) or "",
                    head=first + w.head - 1 if w is not None and w.head else None,
                    deprel=(w.deprel if w is not None else None) or "dep",
                    start=start,
                    end=end,
                )
            )
        if len(words) > first:
            out.append(Sentence(s_index, words[first].start, words[-1].end, first, len(words)))
    return ParsedDoc(text=text, sentences=out, words=words)
