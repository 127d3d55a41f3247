"""The extraction pipeline: text -> quotation marks and cues -> parse -> attribution -> speakers -> Quote.

`Extractor` holds what is expensive to load (the Stanza pipeline, through the
shared cache, and the lexicon) and runs the stages in that order; `extract` is
the one-call shortcut.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice, pairwise
from pathlib import Path

from quoteattr.according_to import according_to_quotes
from quoteattr.attribution import Attribution, inherit_speakers, merge
from quoteattr.continuation import free_indirect, headlines
from quoteattr.cues import find_according_to, find_cues
from quoteattr.direct import attribute_quotations
from quoteattr.indirect import indirect_speech
from quoteattr.lexicon import Lexicon
from quoteattr.marks import find_quotations
from quoteattr.model import Cue, Quote, Span, Speaker
from quoteattr.parse import ParsedDoc, Parser
from quoteattr.resolution import resolve_names
from quoteattr.sources import medium_and_addressee
from quoteattr.text import check_text, paragraph_spans


class Extractor:
    """Finds quotes in German text and attributes them.

    >>> extractor = Extractor(model_dir="models/stanza-de")   # doctest: +SKIP
    >>> extractor.extract("„Wir bleiben“, sagte sie.")        # doctest: +SKIP

    `model_dir` (or the environment variable `QUOTEATTR_STANZA_DIR`) names a Stanza
    model directory; without either, Stanza's official German models are used.
    """

    def __init__(self, model_dir: str | Path | None = None, *, batch_size: int = 32) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        self.batch_size = batch_size
        self._parser = Parser(model_dir)
        self._lexicon = Lexicon.load()

    @property
    def lexicon(self) -> Lexicon:
        return self._lexicon

    def extract(self, text: str) -> list[Quote]:
        """The quotes of one text, in order of their start."""
        return next(self.extract_many([text]))

    def extract_many(self, texts: Iterable[str], *, batch_size: int | None = None) -> Iterator[list[Quote]]:
        """Quotes for each text, in input order; Stanza parses a whole batch per call."""
        size = batch_size or self.batch_size
        iterator = iter(texts)
        while batch := [check_text(t) for t in islice(iterator, size)]:
            parsed = iter(self._parser.parse_many([t for t in batch if t.strip()]))
            for text in batch:
                yield self._quotes(next(parsed)) if text.strip() else []

    def _quotes(self, doc: ParsedDoc) -> list[Quote]:
        lexicon = self._lexicon
        paragraphs = paragraph_spans(doc.text)
        cues = find_cues(doc, lexicon)
        according = find_according_to(doc, lexicon)
        # Finders run from the most to the least certain; merge keeps the first of overlapping quotes.
        quotations = find_quotations(doc.text)
        found = attribute_quotations(doc, quotations, cues, according, lexicon.is_konjunktiv_i)
        quoted = [(q.content_start, q.content_end) for q in quotations if q.depth == 0]
        found = merge(found, indirect_speech(doc, cues, lexicon.is_konjunktiv, quoted))
        found = merge(found, according_to_quotes(doc, according))
        found = merge(found, headlines(doc, paragraphs))
        found = inherit_speakers(doc, found, paragraphs)
        found = merge(found, free_indirect(doc, found, lexicon, paragraphs))
        names = resolve_names(doc, found)
        return [
            _to_quote(doc, _with_medium(doc, a, lexicon), name) for a, name in zip(found, names, strict=True)
        ]


def _with_medium(doc: ParsedDoc, a: Attribution, lexicon: Lexicon) -> Attribution:
    """Fill source and addressee from the cue verb's dependents."""
    verbs = [i for i in a.cue_words if doc.words[i].upos in ("VERB", "AUX", "ADJ", "NOUN")]
    if not verbs or a.source_words or a.addressee_words:
        return a
    medium, addressee = medium_and_addressee(doc, verbs[0], lexicon)
    return replace(a, source_words=medium, addressee_words=addressee)


def extract(text: str, *, model_dir: str | Path | None = None) -> list[Quote]:
    """The quotes of `text`; see `Extractor` for the model choice."""
    return Extractor(model_dir).extract(text)


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
