"""Attributions: quotes found in a parse, before they become public `Quote`s.

Each finder (`direct`, `indirect`, `according_to`, `continuation`) yields
`Attribution`s in word indices; this module merges them, so that one stretch of
text is one quote, and lets a quote without a cue inherit the speaker before it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from quoteattr.model import QuoteForm
from quoteattr.parse import ParsedDoc
from quoteattr.speakers import mention_words, subject_of


@dataclass(frozen=True, slots=True)
class Attribution:
    """A quote found in a parse, before it becomes a public `Quote`."""

    form: QuoteForm
    content: tuple[int, int]
    """Character span of the message (without enclosing marks for direct quotes)."""
    cue_words: tuple[int, ...] = ()
    cue_lemma: str | None = None
    speaker_words: tuple[int, ...] = ()
    source_words: tuple[int, ...] = ()
    """The medium or outlet: "auf der Plattform X" -> Plattform X."""
    addressee_words: tuple[int, ...] = ()
    needs_speaker: bool = False
    """A quote standing alone: it takes the speaker of the quote before it."""


IMPERSONAL = frozenset({"man"})
"""Subjects that name no one: the quote takes the speaker before it ("Dort sei man sich einig")."""


def unnamed_speakers(doc: ParsedDoc, attributions: Sequence[Attribution]) -> list[Attribution]:
    """Quotes whose speaker is an impersonal pronoun stand alone, like quotes without a cue."""
    return [
        replace(a, speaker_words=(), needs_speaker=True)
        if len(a.speaker_words) == 1 and doc.words[a.speaker_words[0]].text.lower() in IMPERSONAL
        else a
        for a in attributions
    ]


def inherit_speakers(
    doc: ParsedDoc, attributions: Sequence[Attribution], paragraphs: Sequence[tuple[int, int]]
) -> list[Attribution]:
    """A quote standing alone takes the speaker of the quote just before it in its paragraph.

    When the last attributed quote lies further back than the sentence before, the
    subject of that sentence is the likelier speaker ("Der Anwalt blieb gelassen. „…“").
    """
    starts = [p[0] for p in paragraphs]
    out: list[Attribution] = []
    last_by_paragraph: dict[int, Attribution] = {}
    for a in sorted(attributions, key=lambda a: a.content):
        paragraph = bisect_right(starts, a.content[0]) - 1
        previous = last_by_paragraph.get(paragraph)
        if a.needs_speaker and not a.speaker_words:
            speaker = _previous_speaker(doc, a, previous, starts[paragraph])
            if speaker:
                a = replace(a, speaker_words=speaker)
        if a.speaker_words:
            last_by_paragraph[paragraph] = a
        out.append(a)
    return out


def _previous_speaker(
    doc: ParsedDoc, a: Attribution, previous: Attribution | None, paragraph_start: int
) -> tuple[int, ...]:
    sentence = doc.sentence_of(a.content[0])
    if previous is not None and sentence is not None:
        previous_sentence = doc.sentence_of(previous.content[1] - 1)
        if previous_sentence is not None and previous_sentence >= sentence - 1:
            return previous.speaker_words
    if sentence and doc.sentences[sentence - 1].start >= paragraph_start:
        subject = _main_subject(doc, sentence - 1)
        if subject is not None:
            words = mention_words(doc, subject)
            if previous is None or _names_someone(doc, words):
                return words
    return previous.speaker_words if previous is not None else ()


def _names_someone(doc: ParsedDoc, words: tuple[int, ...]) -> bool:
    """A mention with a name or a personal pronoun; a bare common noun ("Die Beiträge") may be a thing."""
    return any(
        doc.words[i].upos == "PROPN"
        or (doc.words[i].upos == "PRON" and doc.words[i].feat("PronType") == "Prs")
        for i in words
    )


def _main_subject(doc: ParsedDoc, sentence: int) -> int | None:
    """The subject of a sentence's main verb, when it names someone (a noun, name or pronoun)."""
    for index in doc.sentences[sentence].word_indices:
        if doc.words[index].head is None:
            subject = subject_of(doc, index)
            if subject is not None and doc.words[subject].upos in ("NOUN", "PROPN", "PRON"):
                return subject
    return None


def merge(found: Sequence[Attribution], more: Sequence[Attribution]) -> list[Attribution]:
    """`found`, untangled, plus those of `more` that overlap none of them: one stretch of text, one quote.

    Finders run from the most to the least certain, so what came first wins.
    """
    kept = untangle(found)
    for a in more:
        if all(a.content[1] <= b.content[0] or b.content[1] <= a.content[0] for b in kept):
            kept.append(a)
    return sorted(kept, key=lambda a: a.content)


def with_fragments(found: Sequence[Attribution], reported: Sequence[Attribution]) -> list[Attribution]:
    """Direct quotes that are fragments of a reported speech act give way to it.

    "attackierte den Konzern als „gierigen Verursacher der Krise“": the quoted words are
    the object of the cue that also reports the act, so the act is the quote and the
    fragment lies inside it, as in a mixed quote.
    """
    out = list(found)
    for r in reported:
        inner = [
            d
            for d in out
            if d.form is QuoteForm.DIRECT
            and d.cue_words == r.cue_words
            and r.content[0] <= d.content[0]
            and d.content[1] <= r.content[1]
        ]
        if inner:
            out = [d for d in out if d not in inner] + [
                replace(r, speaker_words=inner[0].speaker_words or r.speaker_words)
            ]
    return sorted(out, key=lambda a: a.content)


def untangle(found: Sequence[Attribution]) -> list[Attribution]:
    """Quotes of one finder, of which two are nested or apart but never cross.

    Of two crossing quotes the direct one stays: its span is fixed by quotation marks,
    while a mixed quote whose clause ends inside another quotation was cut in the wrong
    place (`“dabei Straße” „laut ,,. hieß''`: the clause ends after "laut", inside
    the quotation the unclosed „ opens). Between two of the same form the earlier stays.
    """
    kept: list[Attribution] = []
    for a in sorted(found, key=lambda a: (a.form is not QuoteForm.DIRECT, a.content)):
        if not any(_cross(a.content, b.content) for b in kept):
            kept.append(a)
    return sorted(kept, key=lambda a: a.content)


def _cross(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """The spans share text, but neither holds the other."""
    return (
        a[0] < b[1]
        and b[0] < a[1]
        and not (a[0] <= b[0] and b[1] <= a[1])
        and not (b[0] <= a[0] and a[1] <= b[1])
    )
