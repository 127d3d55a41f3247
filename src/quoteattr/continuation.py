"""Quotes without a cue of their own: free indirect continuation and headlines.

News German goes on reporting after the cue sentence: in "Selenskyj sagte, … .
Kiew werde nun alles tun, …" only the Konjunktiv marks the second sentence as
his words. `free_indirect` gives such sentences the speaker of the quote they
follow. `headlines` reads agency lines such as "Baerbock: Trump darf …", where the
name before the colon is the speaker and there is no cue at all.
"""

from __future__ import annotations

from collections.abc import Sequence

from quoteattr.attribution import Attribution
from quoteattr.cues import CueMatch, regular_konjunktiv_i
from quoteattr.lexicon import Lexicon, read_tsv
from quoteattr.model import QuoteForm
from quoteattr.parse import ParsedDoc, Sentence, Word
from quoteattr.speakers import mention_words, subject_of
from quoteattr.text import strip_span

HEADLINE_LABELS_FILE = "headline_labels.tsv"

_FINITE = frozenset({"VVFIN", "VAFIN", "VMFIN"})
_HEARSAY = frozenset({"soll", "sollen"})
"""Present-tense "sollen" reports hearsay: "Rund 800 Menschen sollen verletzt worden sein"."""
_UNSURE = frozenset({"VBC", "VB"})
"""Tags outside STTS that the small model gives finite and non-finite verbs alike."""
_RELATIVE = frozenset({"acl", "acl:relcl"})
_AUXILIARY = frozenset({"aux", "aux:pass", "cop"})
_NAME_TAGS = frozenset({"PROPN", "NOUN", "ADJ", "X", "PUNCT"})
"""Tags of a name part; the small model tags some names and titles ADJ ("Kremlsprecher")."""
_MAX_NAME_TOKENS = 3
_MAX_HEADLINE_TOKENS = 20


def headlines(
    doc: ParsedDoc, paragraphs: Sequence[tuple[int, int]], *, labels: frozenset[str] | None = None
) -> list[Attribution]:
    """'Name: content' lines that stand as their own paragraph.

    The line is short, has no final period, its name part is one to three
    capitalised nouns or names, and its content holds a verb: "Selenskyj: Müssen
    Diplomatie verstärken". Section labels have the same shape ("Hintergrund: Was
    … bringt"); they come from headline_labels.tsv, read only once a line has the
    shape, unless given as lower-cased `labels`.
    """
    found = []
    for paragraph in paragraphs:
        candidate = _headline(doc, strip_span(doc.text, paragraph))
        if candidate is None:
            continue
        if labels is None:
            labels = read_headline_labels()
        name = [doc.words[i].text.lower() for i in candidate.speaker_words]
        if " ".join(name) not in labels and name[0] not in labels:
            found.append(candidate)
    return found


def read_headline_labels() -> frozenset[str]:
    """The labels of headline_labels.tsv, lower-cased."""
    return frozenset(row["label"].lower() for row in read_tsv(HEADLINE_LABELS_FILE))


def _headline(doc: ParsedDoc, span: tuple[int, int]) -> Attribution | None:
    """The paragraph `span` read as 'Name: content', or None if it does not have that shape."""
    start, end = span
    line = doc.text[start:end]
    name, colon, content = line.partition(": ")
    if not colon or not content.strip() or "\n" in line or line.endswith("."):
        return None  # more than a line, or a sentence: "Frage: Wie geht es weiter?" is fine, prose is not
    tokens = name.split()
    if len(line.split()) > _MAX_HEADLINE_TOKENS or not 1 <= len(tokens) <= _MAX_NAME_TOKENS:
        return None
    if not all(t[:1].isupper() for t in tokens):
        return None  # "date 2025-03 (neu: …)", "Montag, 17. März: …"
    colon_at = start + len(name)
    name_words = list(doc.words_within(start, colon_at))
    if not name_words or any(doc.words[i].upos not in _NAME_TAGS for i in name_words):
        return None  # a phrase, not a name: "Lesen Sie auch", "Mehr zum Thema"
    content_start = colon_at + len(colon)
    if not any(doc.words[i].upos in ("VERB", "AUX") for i in doc.words_within(content_start, end)):
        return None  # a caption or credit: "Foto: Michael Kappeler/dpa", "Quelle: Statistisches Bundesamt"
    named = [i for i in name_words if doc.words[i].upos != "PUNCT" or doc.words[i].text == "-"]
    return Attribution(
        QuoteForm.HEADLINE,
        strip_span(doc.text, (content_start, end)),
        speaker_words=tuple(range(named[0], named[-1] + 1)),
    )


def free_indirect(
    doc: ParsedDoc,
    attributions: Sequence[Attribution],
    lexicon: Lexicon,
    paragraphs: Sequence[tuple[int, int]],
    cues: Sequence[CueMatch] = (),
) -> list[Attribution]:
    """Reported-speech sentences right after a quote with a speaker, as one quote of that speaker.

    The run starts at the sentence after the one where the quote ends and goes
    on while each sentence reports speech (see `_is_reported`) and overlaps no
    other quote. An indicative sentence, a quote of its own (which may start the
    next run) or the paragraph's end stops it. Consecutive sentences make one
    quote: the corpus annotates a continuation of several sentences as one message
    far more often than as one per sentence (105 to 17 in the training split).
    A sentence whose main verb is one of `cues` starts a run too, even where it
    reports no content itself ("Der Wetterdienst warnte vor Sturm. Es werde …").
    """
    found: list[Attribution] = []
    for start, end in paragraphs:
        antecedent: Attribution | None = None
        run: list[Sentence] = []
        for sentence in doc.sentences:
            if sentence.start < start or sentence.end > end:
                continue
            touching = [a for a in attributions if _overlap(a.content, (sentence.start, sentence.end))]
            speaker = () if touching else _cue_speaker(doc, sentence, cues)
            free = not touching and not speaker and antecedent is not None
            if free and _is_reported(doc, sentence, lexicon):
                run.append(sentence)
                continue
            found.extend(_continuation(run, antecedent))
            run = []
            last = max(touching, key=lambda a: a.content[1], default=None)
            antecedent = last if last is not None and last.speaker_words else None
            if speaker:
                whole = (sentence.start, sentence.end)
                antecedent = Attribution(QuoteForm.REPORTED, whole, speaker_words=speaker)
        found.extend(_continuation(run, antecedent))
    return found


def _cue_speaker(doc: ParsedDoc, sentence: Sentence, cues: Sequence[CueMatch]) -> tuple[int, ...]:
    """The subject of a cue verb that is the sentence's main verb, or ()."""
    for cue in cues:
        if sentence.first <= cue.head < sentence.last and _clause_relation(doc, cue.head) == "root":
            subject = subject_of(doc, cue.head)
            if subject is not None and doc.words[subject].upos in ("NOUN", "PROPN", "PRON"):
                return mention_words(doc, subject, after=cue.head if subject > cue.head else -1)
    return ()


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _continuation(run: list[Sentence], antecedent: Attribution | None) -> list[Attribution]:
    """The run as one quote of the antecedent's speaker, final punctuation included as in the corpus."""
    if not run or antecedent is None:
        return []
    return [
        Attribution(
            QuoteForm.FREE_INDIRECT, (run[0].start, run[-1].end), speaker_words=antecedent.speaker_words
        )
    ]


def _is_reported(doc: ParsedDoc, sentence: Sentence, lexicon: Lexicon) -> bool:
    """Whether the sentence reports speech by its verb mood alone.

    It needs a finite verb in Konjunktiv I or II (listed, or a regular "drehe")
    or a hearsay "soll", outside relative clauses, and a main clause that is not
    plainly indicative: "Das Beispiel reiht sich ein, die … setzen soll" and "Die
    Staatsanwaltschaft hegt den Verdacht, er könnte …" are the narrator's. Konjunktiv II
    ("wäre", "hätte") is also the plain conditional, but in news it is mostly
    reported speech too; on the training corpus it adds more than it costs.
    """
    finite = [doc.words[i] for i in sentence.word_indices if _finite(doc.words[i])]
    main = [w for w in finite if _clause_relation(doc, w.index) == "root"]
    if not any(_reports(w, lexicon) for w in main) and any(_indicative(w, lexicon) for w in main):
        return False
    return any(_reports(w, lexicon) and not _in_relative_clause(doc, w.index) for w in finite)


def _finite(word: Word) -> bool:
    """A finite verb; the small model tags many of them VBC or VB, so its features count too."""
    return (
        word.xpos in _FINITE
        or word.feat("VerbForm") == "Fin"
        or (word.upos in ("VERB", "AUX") and word.xpos in _UNSURE)
    )


def _reports(word: Word, lexicon: Lexicon) -> bool:
    form = word.text.lower()
    return lexicon.is_konjunktiv(form) or form in _HEARSAY or regular_konjunktiv_i(word)


def _indicative(word: Word, lexicon: Lexicon) -> bool:
    """A finite form that can only be indicative.

    Indicative and Konjunktiv differ in the singular; plural forms end in -n and
    are ambiguous (but "seien"), and so is stem + e: a Konjunktiv I that
    konjunktiv.tsv does not list ("erfolge", "bereite").
    """
    form = word.text.lower()
    if _reports(word, lexicon) or form.endswith("n"):
        return False
    lemma = word.lemma.lower()
    stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1]
    return not (len(form) > 2 and form.endswith("e") and stem.endswith(form[:-1]))


def _in_relative_clause(doc: ParsedDoc, index: int) -> bool:
    """The verb's clause modifies a noun, or has a relative pronoun (the parser often calls it advcl)."""
    word = doc.words[index]
    head = word.head if word.deprel in _AUXILIARY and word.head is not None else index
    if doc.words[head].deprel in _RELATIVE:
        return True
    return any("Rel" in (doc.words[c].feat("PronType") or "") for c in doc.children[head] if c < index)


def _clause_relation(doc: ParsedDoc, index: int) -> str:
    """The relation of the clause a finite verb stands in: its own, or its head's for an auxiliary."""
    word = doc.words[index]
    if word.deprel in _AUXILIARY and word.head is not None:
        return doc.words[word.head].deprel
    return word.deprel
