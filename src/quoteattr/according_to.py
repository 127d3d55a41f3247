"""According-to quotes: "laut X", "X zufolge", "nach Angaben von X", "…, so X".

The clause is the message and X its speaker. The cue words come from
`lexicon/according_to.tsv`; the clause is the rest of the sentence, or, when the
cue opens the sentence, what follows its source phrase.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from quoteattr.attribution import Attribution
from quoteattr.cues import AccordingTo
from quoteattr.model import QuoteForm
from quoteattr.parse import ParsedDoc
from quoteattr.speakers import mention_words

_SO = "so"
_NOUN_PHRASE = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PRON"})


def according_to_quotes(doc: ParsedDoc, cues: Sequence[AccordingTo]) -> list[Attribution]:
    """One quote per according-to cue, plus trailing "…, so X" cues.

    A cue without a source of its own ("Demnach …") takes the speaker of the quote before it.
    """
    found = []
    for cue in cues:
        lo, hi = _clause_of(doc, cue.words[0])
        source: tuple[int, ...] = ()
        if cue.source is not None:
            after = cue.words[-1] if cue.source > cue.words[-1] else -1
            source = mention_words(doc, cue.source, after=after)
        phrase = sorted({*cue.words, *source})
        if phrase[0] <= _first_content(doc, lo) and phrase[-1] < hi:
            lo = phrase[-1] + 1  # "Nach Angaben der Polizei wurden …": the rest of the clause
        span = _trim(doc, lo, hi)
        if span is None:
            continue
        found.append(_attribution(doc, span, cue.words, cue.lemma(doc), source))
    found.extend(_so_quotes(doc))
    return found


def reported_by(
    doc: ParsedDoc,
    found: Sequence[Attribution],
    cues: Sequence[AccordingTo],
    is_medium: Callable[[int], bool],
) -> list[Attribution]:
    """A cue verb's quote whose clause also holds an according-to phrase is that source's report.

    "Die Airline hat nach Angaben der Behörde angekündigt, dass …": the authority speaks,
    relaying the announcement, so the source after "nach Angaben" is the speaker. A
    reported speech act so relayed ("hat nach Angaben der Behörde eine Landung
    angekündigt") is left to the according-to quote of the whole clause. A medium relaying
    ("sagte nach Angaben von US-Medien") is the quote's source, not its speaker: the
    quote keeps its own.
    """
    out = []
    for a in found:
        verbs = [i for i in a.cue_words if doc.words[i].upos in ("VERB", "AUX")]
        relay = _relay(doc, a, verbs[0], cues) if verbs and a.form is not QuoteForm.ACCORDING_TO else None
        source: tuple[int, ...] = ()
        if relay is not None and relay.source is not None:
            after = relay.words[-1] if relay.source > relay.words[-1] else -1
            source = mention_words(doc, relay.source, after=after)
        if source and not any(is_medium(i) for i in source):
            if a.form is QuoteForm.REPORTED:
                continue
            a = replace(a, speaker_words=source, needs_speaker=False)
        out.append(a)
    return out


def _relay(doc: ParsedDoc, a: Attribution, verb: int, cues: Sequence[AccordingTo]) -> AccordingTo | None:
    """The first according-to cue with a source in the clause of `verb`, outside the quote's content."""
    start, end = a.content
    lo, hi = _clause_of(doc, verb)
    for cue in cues:
        outside = doc.words[cue.words[-1]].end <= start or doc.words[cue.words[0]].start >= end
        if cue.source is not None and lo <= cue.words[0] <= hi and outside:
            return cue
    return None


def _clause_of(doc: ParsedDoc, index: int) -> tuple[int, int]:
    """The sentence around `index`, or the relative or subordinate clause that holds it."""
    sentence = doc.sentences[doc.words[index].sentence]
    lo = index
    while lo - 1 >= sentence.first and doc.words[lo - 1].text != ",":
        lo -= 1
    first = doc.words[lo]
    if lo > sentence.first and (first.upos == "SCONJ" or "Rel" in (first.feat("PronType") or "")):
        hi = index
        while hi + 1 < sentence.last and doc.words[hi + 1].text != ",":
            hi += 1
        return lo, hi
    return sentence.first, sentence.last - 1


def _so_quotes(doc: ParsedDoc) -> list[Attribution]:
    """ "Die Lage sei ernst, so der Minister": a comma, "so" and a noun phrase end the sentence."""
    found = []
    for sentence in doc.sentences:
        for i in range(sentence.first + 2, sentence.last - 1):
            if doc.words[i].text.lower() != _SO or doc.words[i - 1].text != ",":
                continue
            tail = [j for j in range(i + 1, sentence.last) if doc.words[j].upos != "PUNCT"]
            if not tail or any(doc.words[j].upos not in _NOUN_PHRASE | {"ADP"} for j in tail):
                continue
            heads = [j for j in tail if doc.words[j].upos in ("NOUN", "PROPN", "PRON")]
            span = _trim(doc, sentence.first, i - 2)
            if heads and span is not None:
                found.append(_attribution(doc, span, (i,), _SO, (tail[0], *range(tail[0] + 1, tail[-1] + 1))))
    return found


def _attribution(
    doc: ParsedDoc, span: tuple[int, int], cue: tuple[int, ...], lemma: str, source: Sequence[int]
) -> Attribution:
    return Attribution(
        QuoteForm.ACCORDING_TO,
        (doc.words[span[0]].start, doc.words[span[1]].end),
        cue_words=cue,
        cue_lemma=lemma,
        speaker_words=tuple(source),
        needs_speaker=not source,
    )


def _first_content(doc: ParsedDoc, index: int) -> int:
    """The first word at or after `index` that is not punctuation or a conjunction."""
    while doc.words[index].upos in ("PUNCT", "CCONJ") and index + 1 < len(doc.words):
        index += 1
    return index


def _trim(doc: ParsedDoc, lo: int, hi: int) -> tuple[int, int] | None:
    while lo <= hi and doc.words[lo].upos == "PUNCT":
        lo += 1
    while hi >= lo and doc.words[hi].upos == "PUNCT":
        hi -= 1
    if hi - lo < 2:
        return None
    return (lo, hi)
