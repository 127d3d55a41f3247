"""Quotes in quotation marks: direct and mixed quotes, their cue and speaker.

A quotation span becomes a quote when it holds a whole sentence, or when a cue
verb in its sentence governs it across a comma or colon ("„…“, sagte er";
"Er sagte: „…“"). When the cue's content clause reaches beyond the marks, the
quote is `mixed` and its text is the whole clause ("Die Ukraine arbeite an einem
„spezifischen System“, berichtete er"). A short quoted phrase that no cue
governs is a title or scare quote („Koalition der Willigen“) and yields nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from quoteattr.attribution import Attribution
from quoteattr.cues import AccordingTo, CueMatch, context_cue
from quoteattr.marks import QuotationSpan, looks_like_name
from quoteattr.model import QuoteForm
from quoteattr.parse import ParsedDoc
from quoteattr.speakers import mention_words, relative_antecedent, subject_of
from quoteattr.text import strip_span

_BOUNDARY = frozenset({",", ":", "–", "—", "-", ";"})
_FINITE = frozenset({"VVFIN", "VAFIN", "VMFIN", "VVIMP", "VAIMP"})
_SO_CUE = "so"


@dataclass(frozen=True, slots=True)
class _Quotation:
    """A quotation span seen through the parse."""

    span: QuotationSpan
    inner: list[int]
    outside: list[int]
    """Words of the quotation's sentences that lie outside its marks."""

    def sentences(self, doc: ParsedDoc) -> list[range]:
        """Word indices of each sentence the quotation touches."""
        return [doc.sentences[s].word_indices for s in sorted({doc.words[i].sentence for i in self.inner})]

    @property
    def first(self) -> int:
        return self.inner[0]

    @property
    def last(self) -> int:
        return self.inner[-1]


def attribute_quotations(
    doc: ParsedDoc,
    quotations: Sequence[QuotationSpan],
    cues: Sequence[CueMatch],
    according_to: Sequence[AccordingTo],
    konjunktiv_i: Callable[[str], bool],
) -> list[Attribution]:
    """Direct and mixed quotes for the outermost quotation spans of `doc`.

    `konjunktiv_i` tells Konjunktiv-I forms ("sei", "habe"), the mark of reported speech.
    """
    cue_at = {c.head: c for c in cues}
    found: dict[tuple[int, int], Attribution] = {}
    for span in quotations:
        if span.depth != 0:
            continue
        quotation = _view(doc, span)
        if quotation is None:
            continue
        result = _attribute(doc, quotation, cue_at, according_to, konjunktiv_i)
        if result is not None:
            found.setdefault(result.content, result)  # two fragments of one clause: one mixed quote
    return sorted(found.values(), key=lambda a: a.content)


def _view(doc: ParsedDoc, span: QuotationSpan) -> _Quotation | None:
    inner = list(doc.words_within(span.content_start, span.content_end))
    if all(doc.words[i].upos == "PUNCT" for i in inner):
        return None  # empty, or marks around punctuation only
    sentences = sorted({doc.words[i].sentence for i in inner})
    outside = [
        i
        for s in sentences
        for i in doc.sentences[s].word_indices
        if not (span.start <= doc.words[i].start and doc.words[i].end <= span.end)
    ]
    return _Quotation(span, inner, outside)


def _is_clause(doc: ParsedDoc, q: _Quotation) -> bool:
    """Holds a finite verb, or ends like a sentence: more than a quoted name or phrase."""
    words = [doc.words[i] for i in q.inner]
    if any(w.xpos in _FINITE for w in words):
        return True
    content = doc.text[q.span.content_start : q.span.content_end].rstrip()
    return len(words) >= 4 and content[-1:] in ".!?…"


def _attribute(
    doc: ParsedDoc,
    q: _Quotation,
    cue_at: dict[int, CueMatch],
    according_to: Sequence[AccordingTo],
    konjunktiv_i: Callable[[str], bool],
) -> Attribution | None:
    if _is_name(doc, q) and not _is_clause(doc, q):
        return None  # a quoted name or title: „Deutschlandfunk“, „Freiheit statt Angst“
    real_outside = [i for i in q.outside if doc.words[i].upos != "PUNCT"]
    span = q.span
    direct = (span.content_start, span.content_end)
    if not real_outside:
        # The quotation is its sentence: a cue may end the sentence before ("sagte er:").
        cue = _colon_cue(doc, q, cue_at)
        if len([i for i in q.inner if doc.words[i].upos != "PUNCT"]) < 2:
            return None
        if (so := _so_cue(doc, q, direct)) is not None:
            return so
        if cue is None:
            label = _label_speaker(doc, q)
            content = strip_span(doc.text, direct)
            return Attribution(QuoteForm.DIRECT, content, speaker_words=label, needs_speaker=not label)
        return _with_cue(doc, QuoteForm.DIRECT, direct, cue, q)

    so = _so_cue(doc, q, direct)
    if so is not None and so.cue_words[0] < q.first:
        return so  # "…, so X weiter: „…“" introduces this quotation, whatever verbs stand before it
    candidates = sorted(
        (c for i in real_outside if (c := cue_at.get(i)) is not None and not _relative_aside(doc, c, q)),
        key=lambda c: (not _linked(doc, c.head, q), _distance(c.head, q)),
    )
    for cue in candidates:
        content = _content(doc, q, cue, cue_at)
        if content is None:
            continue
        extra = [
            i for i in real_outside if content[0] <= doc.words[i].start and doc.words[i].end <= content[1]
        ]
        if extra:
            return _with_cue(doc, QuoteForm.MIXED, content, cue, q)
        if _is_clause(doc, q):
            return _with_cue(doc, QuoteForm.DIRECT, direct, cue, q)
        if _linked(doc, cue.head, q) and _names_speech(doc, cue.head):
            # a quoted phrase the cue governs is quoted speech too: "nannte das einen „Skandal“"
            return _with_cue(doc, QuoteForm.DIRECT, direct, cue, q)
    if so is not None:
        return so
    if not _is_clause(doc, q):
        # A quoted phrase is speech only in a speech context: a cue verb in its sentence
        # ("erklärte, man sei „überfällig“") or reported speech in Konjunktiv I.
        speech = [c for c in candidates if _names_speech(doc, c.head) and not _in_subject(doc, c, q)]
        if speech:
            return _with_cue(doc, QuoteForm.DIRECT, direct, speech[0], q)
        sentences = {doc.words[i].sentence for i in q.inner}
        according = [a for a in according_to if doc.words[a.words[0]].sentence in sentences]
        if according:
            source = according[0].source
            side = mention_words(doc, source, after=according[0].words[-1]) if source is not None else ()
            return Attribution(
                QuoteForm.DIRECT,
                strip_span(doc.text, direct),
                cue_words=according[0].words,
                cue_lemma=according[0].lemma(doc),
                speaker_words=tuple(i for i in side if not (q.first <= i <= q.last)),
            )
        if any(konjunktiv_i(doc.words[i].text) for s in q.sentences(doc) for i in s):
            return Attribution(QuoteForm.DIRECT, strip_span(doc.text, direct), needs_speaker=True)
        return None  # a title or scare quote: „Koalition der Willigen“
    if (verb := _position_cue(doc, q)) is not None:
        return _with_cue(doc, QuoteForm.DIRECT, direct, context_cue(doc, verb), q)
    if speaker := _label_speaker(doc, q):
        return Attribution(QuoteForm.DIRECT, strip_span(doc.text, direct), speaker_words=speaker)
    return Attribution(QuoteForm.DIRECT, strip_span(doc.text, direct), needs_speaker=True)


def _label_speaker(doc: ParsedDoc, q: _Quotation) -> tuple[int, ...]:
    """The noun phrase before a colon that opens a quotation: "Ein Sprecher der Polizei: „…“".

    Without a verb before the colon, the phrase labels who speaks, as in a headline.
    """
    index = doc.words[q.first].sentence
    sentence = doc.sentences[index]
    before = [i for i in range(sentence.first, q.first) if doc.words[i].start < q.span.start]
    if not [i for i in before if doc.words[i].upos != "PUNCT"] and index > 0:
        before = list(doc.sentences[index - 1].word_indices)  # the parser ended a sentence at the colon
    if len(before) < 2 or doc.words[before[-1]].text != ":":
        return ()
    phrase = [i for i in before[:-1] if doc.words[i].upos != "PUNCT" or doc.words[i].text in "-()"]
    if not phrase or any(doc.words[i].upos in ("VERB", "AUX", "SCONJ") for i in phrase):
        return ()
    heads = [i for i in phrase if doc.words[i].upos in ("NOUN", "PROPN")]
    if not heads or doc.words[phrase[0]].upos == "ADP":
        return ()
    return tuple(range(phrase[0], phrase[-1] + 1))


def _is_name(doc: ParsedDoc, q: _Quotation) -> bool:
    return looks_like_name(doc.text[q.span.content_start : q.span.content_end])


def _names_speech(doc: ParsedDoc, cue: int) -> bool:
    """A finite or perfect cue reports speech; a passive or attributive one names things ("so genannt")."""
    word = doc.words[cue]
    if word.deprel in ("amod", "acl") or doc.dependents(cue, "aux:pass"):
        return False
    return word.xpos != "VVPP" or bool(doc.dependents(cue, "aux"))


def _position_cue(doc: ParsedDoc, q: _Quotation) -> int | None:
    """A verb outside the lexicon placed like a cue: "„…“, strich er heraus" or "… sehen es so: „…“"."""
    after = [i for i in q.outside if i > q.last]
    if len(after) >= 2 and doc.words[after[0]].text == "," and doc.words[after[1]].upos in ("VERB", "AUX"):
        return after[1]
    before = [i for i in q.outside if i < q.first]
    if before and doc.words[before[-1]].text == ":":
        verbs = [i for i in before if doc.words[i].upos == "VERB" and doc.words[i].deprel in ("root", "conj")]
        return verbs[-1] if verbs else None
    return None


def _in_subject(doc: ParsedDoc, cue: CueMatch, q: _Quotation) -> bool:
    """The quotation is part of the cue's subject: "Reporter von „Politico“ meldeten"."""
    subject = subject_of(doc, cue.head, avoid=range(q.first, q.last + 1))
    return subject is not None and any(doc.is_ancestor(subject, i) for i in q.inner)


def _content(
    doc: ParsedDoc, q: _Quotation, cue: CueMatch, cue_at: dict[int, CueMatch]
) -> tuple[int, int] | None:
    """The message span a cue governs on the quotation's side of it, or None if the quotation is not in it."""
    if _in_subject(doc, cue, q):
        return None
    subject = subject_of(doc, cue.head, avoid=range(q.first, q.last + 1))
    if cue.head > q.last:
        between = [i for i in range(q.last + 1, cue.head) if doc.words[i].text in _BOUNDARY]
        if not between:
            return (q.span.content_start, q.span.content_end)
        before = [i for i in range(q.last + 1, between[-1]) if doc.words[i].upos != "PUNCT"]
        end = max(q.span.end, doc.words[before[-1]].end) if before else q.span.end
        start = doc.words[doc.sentences[doc.words[q.first].sentence].first].start
    else:
        between = [i for i in range(cue.head + 1, q.first) if doc.words[i].text in _BOUNDARY]
        if not between:
            return (q.span.content_start, q.span.content_end)
        start_word = between[0] + 1
        start = min(doc.words[start_word].start, q.span.start)
        last_sentence = doc.sentences[doc.words[q.last].sentence]
        tail = [i for i in range(q.last + 1, last_sentence.last) if doc.words[i].upos != "PUNCT"]
        end = max(q.span.end, doc.words[tail[-1]].end) if tail else q.span.end
    words = list(doc.words_within(start, end))
    if any(i in cue_at and i != cue.head and not (q.first <= i <= q.last) for i in words):
        return None  # another cue inside: the quotation belongs to that one
    if subject is not None and subject in words:
        return None
    return (start, end)


def _with_cue(
    doc: ParsedDoc, form: QuoteForm, content: tuple[int, int], cue: CueMatch, q: _Quotation
) -> Attribution:
    subject = subject_of(doc, cue.head, avoid=range(q.first, q.last + 1))
    speaker: tuple[int, ...] = ()
    if subject is not None:
        subject = relative_antecedent(doc, subject, cue.head)
        speaker = mention_words(doc, subject, after=cue.head if subject > cue.head else -1)
    return Attribution(
        form,
        strip_span(doc.text, content) if form is QuoteForm.DIRECT else content,
        cue_words=cue.words,
        cue_lemma=cue.verb.lemma,
        speaker_words=speaker,
    )


def _colon_cue(doc: ParsedDoc, q: _Quotation, cue_at: dict[int, CueMatch]) -> CueMatch | None:
    """The cue of "X sagte:" when the parser put the colon and the quotation in different sentences.

    A sentence that ends in a colon introduces what follows, so without a lexicon
    cue its main verb stands in ("Die Bewohner sehen es gelassen: „…“").
    """
    sentence = doc.words[q.first].sentence
    if sentence == 0:
        return None
    previous = doc.sentences[sentence - 1]
    if doc.words[previous.last - 1].text != ":":
        return None
    cues = [cue_at[i] for i in previous.word_indices if i in cue_at]
    if cues:
        return cues[-1]
    roots = [i for i in previous.word_indices if doc.words[i].head is None and doc.words[i].upos == "VERB"]
    return context_cue(doc, roots[0]) if roots else None


def _so_cue(doc: ParsedDoc, q: _Quotation, direct: tuple[int, int]) -> Attribution | None:
    """„…“, so Selenskyj: the quotation is the content, the noun phrase after "so" the speaker.

    Also "…, so Selenskyj weiter: „…“", where the "so" phrase introduces the quotation.
    A quoted fragment counts too ("…, „wenn …“, so die Richterin"): "so" names a speaker either way.
    """
    after = [i for i in q.outside if i > q.last]
    if len(after) >= 3 and doc.words[after[0]].text == "," and doc.words[after[1]].text.lower() == _SO_CUE:
        cue = after[1]
    else:
        before = [i for i in q.outside if i < q.first]
        sentence = doc.words[q.first].sentence
        if not before and sentence > 0:
            before = list(
                doc.sentences[sentence - 1].word_indices
            )  # the parser ended a sentence at the colon
            before = [i for i in before if doc.words[i].start < q.span.start]
        so = [i for i in before if doc.words[i].text.lower() == _SO_CUE and doc.words[i - 1].text == ","]
        if not before or doc.words[before[-1]].text != ":" or not so:
            return None
        cue = so[-1]
    speaker = _so_phrase(doc, cue)
    if not speaker:
        return None
    content = strip_span(doc.text, direct)
    return Attribution(QuoteForm.DIRECT, content, cue_words=(cue,), cue_lemma=_SO_CUE, speaker_words=speaker)


def _so_phrase(doc: ParsedDoc, so: int) -> tuple[int, ...]:
    """The speaker after "so": the words up to the next punctuation, less trailing words such as "weiter"."""
    end = doc.sentences[doc.words[so].sentence].last
    phrase: list[int] = []
    for index in range(so + 1, end):
        if doc.words[index].upos == "PUNCT":
            break
        phrase.append(index)
    while (
        len(phrase) > 1
        and doc.words[phrase[-1]].text.islower()
        and doc.words[phrase[-1]].upos not in ("NOUN", "PROPN")
    ):
        phrase.pop()  # "so die Sprecherin weiter": a phrase naming someone ends in a noun
    if not phrase or doc.words[phrase[0]].upos in ("ADP", "SCONJ", "CCONJ", "AUX", "ADV"):
        return ()
    if len(phrase) > 6:
        heads = [i for i in phrase if doc.words[i].upos in ("PROPN", "NOUN", "PRON")]
        return mention_words(doc, heads[0]) if heads else ()
    nominal = any(doc.words[i].upos in ("PROPN", "NOUN", "PRON") for i in phrase)
    return tuple(range(phrase[0], phrase[-1] + 1)) if nominal or len(phrase) == 1 else ()


def _relative_aside(doc: ParsedDoc, cue: CueMatch, q: _Quotation) -> bool:
    """A cue in a relative clause that does not hold the quotation: "…, zu der X aufgerufen hatte, „…“"."""
    return doc.words[cue.head].deprel == "acl:relcl" and not _linked(doc, cue.head, q)


def _linked(doc: ParsedDoc, cue: int, q: _Quotation) -> bool:
    """The cue governs a word of the quotation, or the quotation governs the cue (parataxis)."""
    return any(doc.is_ancestor(cue, i) for i in q.inner) or any(doc.is_ancestor(i, cue) for i in q.inner)


def _distance(cue: int, q: _Quotation) -> int:
    return q.first - cue if cue < q.first else cue - q.last
