"""Cue verbs in a parse: speech, writing and thought verbs from the lexicon.

A cue is the finite or participle verb plus its split-off particle ("deutete ...
an" -> andeuten). The small Stanza model lemmatises unknown verbs poorly
("meldeten" -> "meldeten"), so when the parser's lemma is not in the lexicon
the surface form is tried as well, stripped of its inflection.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from quoteattr.lexicon import CueVerb, Lexicon
from quoteattr.marks import QUOTE_MARKS
from quoteattr.parse import ParsedDoc, Sentence, Word

_VERBAL = frozenset({"VERB", "AUX", "ADJ", "NOUN"})
"""Tags the small model gives to cue verbs; lexicon membership decides, not the tag."""
_NACH = "nach"
_INFLECTION = regex.compile(r"(?:eten|ete|est|et|ten|te|en|st|t|e|n)$")


@dataclass(frozen=True, slots=True)
class CueMatch:
    """A cue verb found in a parse."""

    head: int
    """Index of the verb word."""
    words: tuple[int, ...]
    """The verb and its particle, in text order."""
    verb: CueVerb


def _lemma_guesses(word: Word) -> Iterator[str]:
    """The parser's lemma, then lemmas guessed from the surface form (gesagt -> sagen)."""
    yield word.lemma.lower()
    form = word.text.lower()
    for candidate in (form, form[2:] if form.startswith("ge") and len(form) > 5 else None):
        if candidate:
            stem = _INFLECTION.sub("", candidate)
            if len(stem) >= 3:
                yield stem + "en"
                yield stem + "n"


def _particle(
    doc: ParsedDoc, index: int, particles: frozenset[str] = frozenset(), adverbs: frozenset[str] = frozenset()
) -> int | None:
    """The split-off particle of the verb at `index`.

    The parser marks it compound:prt; when it does not, a known particle that ends
    the verb's clause ("deutete Selenskyj an.") is taken, as German word order puts it there.
    A verb between them ends the clause, but not one of `adverbs` that the tagger
    calls a verb ("teilte die Behörde gestern mit").
    """
    end = doc.sentences[doc.words[index].sentence].last
    last = end - 1
    for i in range(index + 1, end):
        word = doc.words[i]
        if word.text.lower() in particles and (i + 1 == end or doc.words[i + 1].upos == "PUNCT"):
            last = i  # "gab … bekannt" even when tagged a participle
            break
        if word.upos in ("VERB", "AUX") and word.xpos.startswith("V") and word.text.lower() not in adverbs:
            last = i - 1
            break
        if word.upos == "PUNCT" and word.text != ",":
            last = i - 1  # commas may set off an apposition: "gab am Montag, dem 3. Mai, … bekannt"
            break
    conjuncts = doc.dependents(index, "conj")
    parts = [p for p in doc.dependents(index, "compound:prt") if not any(index < c < p for c in conjuncts)]
    if parts:
        return parts[0]  # not one past a coordinated verb: "begrüßte … und griff … an"
    if last > index and doc.words[last].text.lower() in particles and doc.words[last].upos != "NOUN":
        return last
    return None


def match_cue(doc: ParsedDoc, index: int, lexicon: Lexicon) -> CueMatch | None:
    """The cue at word `index`, if it is a lexicon verb (with its particle, if split off)."""
    word = doc.words[index]
    if word.upos not in _VERBAL or not word.text[:1].isalpha():
        return None
    if word.upos == "NOUN" and word.text[0].isupper():
        return None  # "Fragen" the noun, not "fragen" the verb
    guesses = list(dict.fromkeys(_lemma_guesses(word)))
    particles = frozenset(v.particle for g in guesses for v in lexicon.by_stem.get(g, ()) if v.particle)
    particle = _particle(doc, index, particles, lexicon.adverbs)
    particle_text = doc.words[particle].text.lower() if particle is not None else None
    for lemma in guesses:
        verb = lexicon.cue_verb(lemma, particle_text)
        if verb is not None:
            words = (index,) if particle is None else tuple(sorted((index, particle)))
            return CueMatch(head=index, words=words, verb=verb)
    return None


def context_cue(doc: ParsedDoc, index: int) -> CueMatch:
    """A verb outside the lexicon that its position shows to be a cue ("„…“, strich er heraus")."""
    particle = _particle(doc, index)
    stem = doc.words[index].lemma.lower()
    prefix = doc.words[particle].text.lower() if particle is not None else None
    verb = CueVerb(
        lemma=(prefix or "") + stem,
        particle=prefix,
        stem=stem,
        stwr="speech",
        complements=frozenset({"direct"}),
    )
    words = (index,) if particle is None else tuple(sorted((index, particle)))
    return CueMatch(head=index, words=words, verb=verb)


def find_cues(doc: ParsedDoc, lexicon: Lexicon) -> list[CueMatch]:
    """Every cue verb of the document, in text order."""
    return [m for w in doc.words if (m := match_cue(doc, w.index, lexicon)) is not None]


@dataclass(frozen=True, slots=True)
class AccordingTo:
    """An according-to cue ("laut", "X zufolge", "nach Angaben") and the head of its source."""

    words: tuple[int, ...]
    source: int | None
    """Head word of the source phrase, None when the parse shows none."""

    def lemma(self, doc: ParsedDoc) -> str:
        return " ".join(doc.words[i].text.lower() for i in self.words)


def find_according_to(doc: ParsedDoc, lexicon: Lexicon) -> list[AccordingTo]:
    """Every according-to cue of the document with the head of its source phrase."""
    found = []
    lowered = [w.text.lower() for w in doc.words]
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for cue, side in lexicon.according_to.items():
        by_first.setdefault(cue[0], []).append((cue, side))
    for sentence in doc.sentences:
        for i in sentence.word_indices:
            for cue, side in by_first.get(lowered[i], ()):
                if tuple(lowered[i : i + len(cue)]) != cue or i + len(cue) > sentence.last:
                    continue
                if cue[0] == _NACH and _asked_for(doc, i, lexicon):
                    continue
                words = tuple(range(i, i + len(cue)))
                if side == "after":
                    source = _noun_in(doc, range(words[-1] + 1, min(sentence.last, words[-1] + 6)))
                elif side == "before":
                    source = _noun_in(doc, range(i - 1, max(sentence.first, i - 5) - 1, -1))
                elif side == "subject":  # "nach eigenen Angaben": the clause's own subject
                    source = _clause_subject(doc, sentence, words)
                else:  # "Demnach": the speaker of the quote before
                    source = None
                found.append(AccordingTo(words, source))
    taken = {i for cue in found for i in cue.words}
    for i, word in enumerate(lowered):
        if word == _NACH and i not in taken and (cue := _nach(doc, i, lexicon)) is not None:
            found.append(cue)
    return sorted(found, key=lambda cue: cue.words)


def _nach(doc: ParsedDoc, index: int, lexicon: Lexicon) -> AccordingTo | None:
    """ "nach" before a source noun of the lexicon: "nach ersten Informationen", "nach Polizeiangaben".

    Articles, pronouns, numbers and adjectives may stand between.
    """
    if _asked_for(doc, index, lexicon):
        return None
    sentence = doc.sentences[doc.words[index].sentence]
    for i in range(index + 1, min(index + 5, sentence.last)):
        word = doc.words[i]
        if word.upos in ("NOUN", "PROPN"):
            return AccordingTo((index,), i) if lexicon.is_source_noun(word.text) else None
        if word.upos not in ("DET", "ADJ", "PRON", "NUM"):
            return None
    return None


def _asked_for(doc: ParsedDoc, index: int, lexicon: Lexicon) -> bool:
    """ "nach" right after a verb that takes it as its object: "fragten nach Informationen"."""
    return index > 0 and doc.words[index - 1].lemma.lower() in lexicon.nach_verbs


def _noun_in(doc: ParsedDoc, indices: range) -> int | None:
    """The first noun or name among `indices`, stopping at punctuation or a verb."""
    for i in indices:
        word = doc.words[i]
        if word.upos in ("VERB", "AUX") or (word.upos == "PUNCT" and word.text not in QUOTE_MARKS):
            return None
        if word.upos in ("NOUN", "PROPN"):
            return i
    return None


def _clause_subject(doc: ParsedDoc, sentence: Sentence, cue: tuple[int, ...]) -> int | None:
    """The subject of the sentence's main verb, outside the cue words."""
    roots = [i for i in sentence.word_indices if doc.words[i].head is None]
    for root in roots:
        subjects = [s for s in doc.dependents(root, "nsubj") if s not in cue]
        if subjects:
            return subjects[0]
    return None


def regular_konjunktiv_i(word: Word) -> bool:
    """The Konjunktiv-I third person of a regular verb: "drehe" for drehen, "arbeite" for arbeiten.

    The lexicon lists irregular and frequent forms; this covers the open class.
    Inside quotation marks the same form is a first person indicative, so callers
    apply it to reported clauses only.
    """
    text = word.text.lower()
    return word.upos == "VERB" and text.endswith("e") and word.lemma.lower() == text + "n"
