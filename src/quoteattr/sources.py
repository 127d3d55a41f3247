"""The medium and the addressee of a cue: "in seiner Videobotschaft", "sagte der Zeitung".

Both come from the noun phrases of the cue's own clause: the stretch of the sentence
around the cue verb up to a comma, colon or the reported content. The small Stanza
model often hangs these phrases on the wrong word ("Gegenüber" as a subject, "dem
Spiegel" as an apposition of the speaker), so phrases are read off the surface of that
stretch and the parse only decides what holds a phrase together.

- Medium: a phrase whose noun is a channel or outlet in `media.tsv`, after "in", "auf",
  "bei", "via", "per" ("in seiner abendlichen Videobotschaft" -> "abendlichen
  Videobotschaft", "auf der Plattform X" -> "Plattform X") or in an according-to phrase
  ("US-Medien zufolge", "nach Informationen der dpa" -> "dpa"); prepositions and
  determiners are left out, adjectives and a following name kept.
- Addressee: the phrase with its determiner, without the preposition: "gegenüber X",
  "vor Journalisten", "an X" after directive and written cues, a dative object ("sagte
  dem Sender CNN"), an accusative object when the cue also has a content clause ("bat
  die Bürger, ... zu bleiben", "appellierte Trump, ..."), "mit X" after an interview,
  named places hung on it ("den beiden Politikern in Paris und London").
- An outlet the words were said to is both: "sagte sie der Zeitung „Bild“" gives the
  addressee "der Zeitung „Bild“" (as the SpkAtt corpus annotates Addr) and the medium
  "Zeitung „Bild“" (the outlet that carried the words); so do "gegenüber der dpa" and
  "im Interview mit der ARD" (medium "Interview mit der ARD", addressee "der ARD").

The speaker is never part of either: it is picked here among the clause's bare noun
phrases (parse subject, nominative pronoun, first position), since the parse often
gives a clause two subjects ("Baerbock appellierte Trump"). So the subject of a passive
cue is never the addressee, although in "Anwohner wurden aufgefordert" it is one.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass

from quoteattr.cues import match_cue
from quoteattr.lexicon import Lexicon
from quoteattr.parse import ParsedDoc

logger = logging.getLogger(__name__)

Indices = tuple[int, ...]

_CLAUSE_RELS = frozenset({"ccomp", "xcomp", "csubj", "parataxis", "advcl", "conj", "acl", "list", "root"})
"""Relations to a clause of its own: the content, or another statement."""
_CONTENT_RELS = frozenset({"ccomp", "xcomp", "csubj", "parataxis"})
_PHRASE_RELS = frozenset(
    {"det", "det:poss", "amod", "flat", "flat:name", "compound", "appos", "nummod", "nmod", "nmod:poss"}
    | {"conj", "cc", "punct", "case"}
)
_BOUNDARIES = frozenset({",", ";", ":", "(", ")", "[", "]", "–", "—", ".", "!", "?"})
_QUOTE_MARKS = frozenset('„“”"»«‚‘’›‹')
_OPENERS = frozenset("„»‚›")
_CLOSERS = frozenset("“”«‘’‹")
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "X"})

# Prepositions by the role they give their noun phrase. Grammar, not vocabulary: the
# nouns that make a phrase a medium come from media.tsv.
_VIA = frozenset({"in", "auf", "bei", "via", "per"})
"""A channel or outlet after these carried the words: "in einer Erklärung", "auf X"."""
_TOWARDS = frozenset({"gegenüber"})
"""Always the addressee: "sagte gegenüber der Zeitung"."""
_TO = frozenset({"an"})
"""The addressee of directive and written cues and of channels: "appellierte an X", "Brief an X"."""
_BEFORE = frozenset({"vor"})
"""The addressee when the noun is an audience: "vor Journalisten", not "vor dem Treffen"."""
_TO_MEDIUM = frozenset({"zu"})
"""The addressee when the noun is a medium or audience: "sagte zur Sportschau"."""
_FROM = frozenset({"von"})
"""The addressee of an active directive cue: "forderte von der Regierung"."""
_WITH = frozenset({"mit"})
"""After a channel, the other side of it: "im Interview mit der ARD"."""
_CONTRACTIONS = {
    "am": "an",
    "ans": "an",
    "im": "in",
    "ins": "in",
    "beim": "bei",
    "vom": "von",
    "zum": "zu",
    "zur": "zu",
}
"""Preposition + article in one word, when the tokeniser leaves them joined."""
_PREPOSITIONS = _VIA | _TOWARDS | _TO | _TO_MEDIUM | _BEFORE | _FROM | _WITH | frozenset(_CONTRACTIONS)
_COMPLEMENTISERS = frozenset({"dass", "ob", "zu"})
_ADVERB_LIKE = re.compile(r"(?:dem|dessen|[^aeiou]end)$")
"""Endings of adverbs and participles that the model tags as nouns when they open a sentence."""
_INITIAL = re.compile(r"^[A-ZÄÖÜ]\.$")
_ZU_INFINITIVE = re.compile(r"^[a-zäöü]{2,}zu[a-zäöü]{2,}n$")
"""A zu-infinitive written as one word: "vorzutragen", "zurückzukehren"."""


@dataclass(frozen=True, slots=True)
class _CueFacts:
    """What the rules need to know about the cue verb itself."""

    directive: bool
    """Its lexicon entry takes a zu-infinitive: auffordern, appellieren, bitten, empfehlen."""
    writing: bool
    passive: bool
    content_clause: bool
    """It has a reported clause besides its objects ("bat sie, zu bleiben"), not a direct quote."""


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A noun phrase of the cue's clause."""

    head: int
    words: Indices
    """Contiguous word indices, determiner included, preposition not."""
    prep: str | None
    """Lower-cased preposition before it, or an according-to cue ("laut", "zufolge")."""
    according: bool
    """Whether it is the source of an according-to cue ("laut X", "X zufolge", "nach Angaben X")."""
    media: str | None
    """The media.tsv class of its medium noun, if it has one."""
    media_word: int | None


def medium_and_addressee(doc: ParsedDoc, cue: int, lexicon: Lexicon) -> tuple[Indices, Indices]:
    """Word indices of the medium and of the addressee of the cue verb at `cue`; () where none.

    Each is a contiguous run of indices in text order; neither overlaps the speaker.
    Never raises: a parse this code cannot read gives ((), ()).
    """
    try:
        if not 0 <= cue < len(doc.words):
            return (), ()
        return _medium_and_addressee(doc, cue, lexicon)
    except Exception:  # a rule bug must not lose the quote; the quote keeps its other fields
        logger.warning("Medium/addressee rules failed at word %d; left empty", cue, exc_info=True)
        return (), ()


def _medium_and_addressee(doc: ParsedDoc, cue: int, lexicon: Lexicon) -> tuple[Indices, Indices]:
    region, appositions = _clause_region(doc, cue)
    phrases = _phrases(doc, region, appositions, cue, lexicon)
    subject = _subject(doc, cue, phrases, before=_subject_before(doc, cue, region))
    others = [p for p in phrases if p is not subject]
    facts = _facts(doc, cue, region, lexicon)

    addressees = [(s, p) for p in others if (s := _addressee_strength(doc, facts, p, phrases)) > 0]
    addressee = max(addressees, key=lambda sp: (sp[0], -_distance(sp[1], cue)), default=None)

    media: list[tuple[int, Indices, int]] = []  # (strength, words, anchor)
    for p in others:
        if p.media in ("channel", "outlet") and p.prep in _VIA:
            media.append((3, _trim(doc, p.words + _extension(doc, p, others)), p.head))
        elif p.according and p.media in ("channel", "outlet") and p.media_word is not None:
            media.append((2, _trim(doc, _own_phrase(doc, p)), p.head))
        elif any(p is a for _, a in addressees) and (
            p.media == "outlet" or (p.media == "channel" and p.prep) or _quoted_name(doc, _trim(doc, p.words))
        ):
            media.append((2, _trim(doc, p.words), p.head))  # "der Zeitung", "dem „Tagesspiegel“"
    if not media and (reporters := _as_reported_by(doc, cue, lexicon)):
        media.append((1, reporters, reporters[0]))
    medium = max(media, key=lambda m: (m[0], -abs(m[2] - cue)), default=None)
    return (medium[1] if medium else ()), (_with_places(doc, addressee[1], phrases) if addressee else ())


def _with_places(doc: ParsedDoc, p: _Phrase, phrases: Sequence[_Phrase]) -> Indices:
    """The addressee with the named places the parse hangs on it: "den Politikern in Paris und London"."""
    words = p.words
    for q in phrases:
        if q.words[0] <= words[-1] or q.prep is None or q.media or doc.words[q.head].upos != "PROPN":
            continue
        between = range(words[-1] + 1, q.words[0])
        if doc.words[q.head].head in words and all(doc.words[k].upos in ("ADP", "DET") for k in between):
            words = tuple(range(words[0], q.words[-1] + 1))
    return words


def _distance(p: _Phrase, cue: int) -> int:
    return min(abs(i - cue) for i in p.words)


def _passive(doc: ParsedDoc, cue: int) -> bool:
    """Whether the cue is a passive participle: "wurden von den Behörden angewiesen"."""
    if doc.dependents(cue, "aux:pass", "nsubj:pass"):
        return True
    werden = [a for a in doc.dependents(cue, "aux") if doc.words[a].lemma == "werden"]
    return bool(werden) and doc.words[cue].feat("VerbForm") != "Inf"  # not the future "wird sagen"


def _facts(doc: ParsedDoc, cue: int, region: range, lexicon: Lexicon) -> _CueFacts:
    match = match_cue(doc, cue, lexicon)
    verb = match.verb if match else None
    return _CueFacts(
        directive=verb is not None and "zu" in verb.complements and verb.stwr == "speech",
        writing=verb is not None and verb.stwr == "writing",
        passive=_passive(doc, cue),
        content_clause=_has_content_clause(doc, cue, region, lexicon),
    )


# ---------------------------------------------------------------------------
# The clause and its phrases
# ---------------------------------------------------------------------------


def _clause_region(doc: ParsedDoc, cue: int) -> tuple[range, frozenset[int]]:
    """The words around the cue up to a comma or other boundary mark, or up to its content clause.

    German sets off clauses with commas, so punctuation bounds the clause better than
    the small model's tree; only a content clause without a comma ("forderte sie auf
    zu gehen") and a quote are cut off by the parse. An apposition between commas or
    brackets ("Jüttner, der Fraktionschef, sagte") does not end the clause; its words
    come back as the second value, to be left out of the clause's phrases.
    """
    sentence = doc.sentences[doc.words[cue].sentence]
    outside: set[int] = set()
    for child in doc.children[cue]:
        if _is_content_clause(doc, child, strict=True) or _is_direct_quote(doc, child):
            outside.update(doc.subtree(child))
    appositions: set[int] = set()

    def inside(i: int) -> bool:
        return sentence.first <= i < sentence.last and i not in outside

    def extend(i: int, step: int) -> int:
        while inside(i + step) and not _ends_name(doc, min(i, i + step)):
            if not _is_boundary(doc, i + step):
                i += step
                continue
            end = _apposition_end(doc, i + step, step, inside)
            if end is None:
                break
            appositions.update(range(min(i + step, end), max(i + step, end) + 1))
            i = end
        return i

    lo, hi = extend(cue, -1), extend(cue, 1)
    return range(lo, hi + 1), frozenset(appositions)


def _apposition_end(doc: ParsedDoc, start: int, step: int, inside: Callable[[int], bool]) -> int | None:
    """The closing comma or bracket of a short verbless apposition opened at `start`, if it is one."""
    closing = {",": ",", "(": ")", ")": "("}.get(doc.words[start].text)
    if closing is None or (closing == ")" and step < 0) or (closing == "(" and step > 0):
        return None
    k, nouns = start + step, 0
    while inside(k) and abs(k - start) <= 10:
        word = doc.words[k]
        if word.text == closing and nouns:
            return k
        if word.upos in ("VERB", "AUX") or word.text in _QUOTE_MARKS or _is_boundary(doc, k):
            return None
        nouns += word.upos in ("NOUN", "PROPN")
        k += step
    return None


def _is_boundary(doc: ParsedDoc, i: int) -> bool:
    word = doc.words[i]
    if word.upos != "PUNCT" and word.text not in _BOUNDARIES:
        return False
    if word.text == "-":  # a dash between spaces, not the hyphen of "US-Medien"
        before = i > 0 and doc.words[i - 1].end == word.start
        after = i + 1 < len(doc.words) and doc.words[i + 1].start == word.end
        return not (before or after)
    return word.text in _BOUNDARIES


def _is_according_word(doc: ParsedDoc, i: int, lexicon: Lexicon) -> bool:
    """Whether word `i` is a one-word according-to cue; the model reads "US-Medien zufolge" as a clause."""
    return (doc.words[i].text.lower(),) in lexicon.according_to


def _phrases(
    doc: ParsedDoc, region: range, appositions: frozenset[int], cue: int, lexicon: Lexicon
) -> list[_Phrase]:
    """The noun phrases of the region in text order, each with its preposition and medium noun."""
    covered: set[int] = {cue, *appositions}
    spans: list[tuple[int, Indices]] = []
    for i in region:
        if i in covered or not _starts_phrase(doc, i):
            continue
        top = i
        while (
            (head := doc.words[top].head) is not None
            and head != cue
            and head in region
            and _joins(doc, top, head)
        ):
            top = head
        side = frozenset(range(region.start, cue) if top < cue else range(cue + 1, region.stop)) - appositions
        words = _noun_phrase(doc, top, side)  # a phrase never spans the cue ("Das erklärte General")
        while words[0] != top and (
            doc.words[words[0]].text.lower() in _PREPOSITIONS or _contracted(doc, words[0] - 1)
        ):
            words = words[1:]  # "Gegenüber" read as a modifier of "NDR Info"; "der" of "zur"
        words = words + _name_after(doc, words, region, covered, lexicon)
        covered.update(words)
        if spans and _continues_name(doc, spans[-1][1], words, lexicon):
            top, words = spans[-1][0], _closed(doc, (*spans[-1][1], *words))  # "Saddam" + "Hussein"
            spans.pop()
        spans.append((top, words))
    out = []
    for top, words in spans:
        prep, according = _preposition(doc, words, region, lexicon)
        attributes = set() if according else _attributes(doc, top)  # "die Moderatorin eines Lokalsenders"
        own = [w for w in (top, *words) if w not in attributes]
        media_word = next((w for w in own if _media_class(doc, w, lexicon)), None)
        media = _media_class(doc, media_word, lexicon) if media_word is not None else None
        out.append(_Phrase(top, words, prep, according, media, media_word))
    return out


def _attributes(doc: ParsedDoc, top: int) -> set[int]:
    """Words of the genitive attributes of `top`: they name something else than the phrase."""
    return {w for c in doc.dependents(top, "nmod") for w in doc.subtree(c)}


def _continues_name(doc: ParsedDoc, before: Indices, words: Indices, lexicon: Lexicon) -> bool:
    """Whether `words` right after `before` is the rest of a name the parse split."""
    if words[0] != before[-1] + 1 or len(words) != 1 or doc.dependents(words[0], "det"):
        return False
    word, last = doc.words[words[0]], doc.words[before[-1]]
    if not word.text[:1].isupper() or _media_class(doc, words[0], lexicon) == "audience":
        return False
    if _dative(doc, words[0]):
        return False  # "sagte Merkel Reportern"
    named = word.upos == "PROPN" or word.text.isupper() or last.upos == "PROPN" or word.text.endswith("s")
    if _media_class(doc, words[0], lexicon) in ("outlet", "channel"):
        return last.text[:1].isupper()  # "Berliner" + "Zeitung", "Hamburger" + "Abendblatt"
    return named or _media_class(doc, before[-1], lexicon) is not None  # "Nachrichtenagentur Kyodo"


def _starts_phrase(doc: ParsedDoc, i: int) -> bool:
    word = doc.words[i]
    if word.text.lower() in _PREPOSITIONS:
        return False  # "Gegenüber" tagged as a noun
    if word.upos == "PRON":
        return "Prs" in (word.feat("PronType") or "") and word.feat("Reflex") != "Yes"
    if i == doc.sentences[word.sentence].first and (
        word.lemma[:1].islower() or _ADVERB_LIKE.search(word.text)
    ):
        return (
            False  # "Außerdem", "Unterdessen", "Stellvertretend" at the start of a sentence, tagged as nouns
        )
    if word.upos == "ADJ":  # "Kritiker" tagged as an adjective, but the subject
        return word.text[:1].isupper() and _base(word.deprel) in ("nsubj", "obj", "iobj", "obl", "appos")
    return word.upos in _NOMINAL and any(c.isalnum() for c in word.text)


def _has_preposition(doc: ParsedDoc, i: int) -> bool:
    """Whether the noun at `i` has a preposition of its own, also one the model tagged otherwise."""
    return any(
        doc.words[c].deprel == "case" or (c < i and doc.words[c].text.lower() in _PREPOSITIONS)
        for c in doc.children[i]
    )


def _joins(doc: ParsedDoc, child: int, head: int) -> bool:
    """Whether `child` is part of the noun phrase of `head` (and not a phrase of its own)."""
    word = doc.words[child]
    if _base(word.deprel) not in {"nmod", "appos", "flat", "compound", "conj", "amod", "det", "nummod"}:
        return False
    if doc.words[head].upos not in _NOMINAL or doc.words[head].text.lower() in _PREPOSITIONS:
        return False
    if _has_preposition(doc, child):
        return False  # "Interview mit der ARD": "mit der ARD" is a phrase of its own
    return not is_misattached_object(doc, child, head)


def is_misattached_object(doc: ParsedDoc, child: int, head: int) -> bool:
    """Whether `child` is an object the parse hung on the noun `head` before it, not a part of its phrase.

    "sagte Merkel dem Spiegel", "sagte sie der Zeitung": only a genitive attribute can
    follow a noun without a preposition or comma, so a phrase whose article cannot be
    genitive ("dem", "die", "seinen") stands on its own, and so does any phrase with an
    article after a name or a pronoun. Public so that a speaker's mention can leave
    such an object out too.
    """
    if child < head or _base(doc.words[child].deprel) not in ("nmod", "appos"):
        return False
    if any(doc.words[k].text == "," for k in range(head + 1, child)):
        return False  # "Merkel, die Kanzlerin": a real apposition
    article = _article(doc, child)
    if article is None:
        return False
    return not article.endswith(("es", "er")) or doc.words[head].upos in ("PRON", "PROPN")


def _noun_phrase(doc: ParsedDoc, top: int, region: Container[int]) -> Indices:
    """The contiguous run of `top` and its phrase parts inside `region`, quotes kept balanced."""
    keep, stack = {top}, [top]
    while stack:
        index = stack.pop()
        for child in doc.children[index]:
            rel = doc.words[child].deprel
            if child not in region or rel not in _PHRASE_RELS:
                continue
            if rel == "case" and index == top:
                continue
            if rel.startswith("nmod") and _has_preposition(doc, child):
                continue
            if is_misattached_object(doc, child, index):
                continue
            keep.add(child)
            stack.append(child)
    lo = hi = top
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep and not _ends_name(doc, hi):
        hi += 1
    return _balanced(doc, lo, hi, top)


def _ends_name(doc: ParsedDoc, i: int) -> bool:
    """Whether word `i` is a letter with a period after a common noun: "auf der Plattform X. Obwohl …".

    Stanza then often misses the sentence end. An initial inside a name follows a given
    name ("John F. Kennedy"), not a common noun.
    """
    return _INITIAL.match(doc.words[i].text) is not None and i > 0 and doc.words[i - 1].upos == "NOUN"


def _balanced(doc: ParsedDoc, lo: int, hi: int, head: int) -> Indices:
    """`lo..hi` without punctuation at its edges, except quotation marks paired inside it."""
    while lo < head and doc.words[lo].upos == "PUNCT" and not _paired(doc, lo, lo, hi):
        lo += 1
    while hi > head and doc.words[hi].upos == "PUNCT" and not _paired(doc, hi, lo, hi):
        hi -= 1
    return _closed(doc, tuple(range(lo, hi + 1)))


def _closed(doc: ParsedDoc, words: Indices) -> Indices:
    """`words` with the closing mark of a name the parse hung elsewhere: "der Zeitung „Bild“"."""
    after = words[-1] + 1
    if after >= len(doc.words) or doc.words[after].sentence != doc.words[words[-1]].sentence:
        return words
    marks = [doc.words[k].text for k in words]
    closer = doc.words[after].text
    opened = sum(m in _OPENERS for m in marks) > sum(m in _CLOSERS for m in marks)
    if (closer in _CLOSERS and opened) or (closer == '"' and marks.count('"') % 2):
        return (*words, after)
    return words


def _paired(doc: ParsedDoc, edge: int, lo: int, hi: int) -> bool:
    """Whether the quotation mark at `edge` has its partner within `lo..hi`."""
    mark = doc.words[edge].text
    if mark not in _QUOTE_MARKS:
        return False
    inner = [doc.words[k].text for k in range(lo, hi + 1)]
    if mark in _OPENERS:
        return any(t in _CLOSERS for t in inner[edge - lo + 1 :])
    if mark in _CLOSERS:
        return any(t in _OPENERS for t in inner[: edge - lo])
    return inner.count(mark) % 2 == 0


def _name_after(
    doc: ParsedDoc, words: Indices, region: range, covered: set[int], lexicon: Lexicon
) -> Indices:
    """A name right after the phrase that the parse left out: "Plattform X", "Sender CNN", "Agentur dpa"."""
    nxt = words[-1] + 1
    if nxt not in region or nxt in covered or _ends_name(doc, words[-1]):
        return ()
    text = doc.words[nxt].text
    if lexicon.media.get(text.lower()) == ("outlet", False):
        return (nxt,)  # an outlet's name, whatever the model made of it ("dpa" as a verb)
    if doc.children[nxt]:
        return ()
    if (
        text[:1].isupper()
        and text.replace(".", "").isalnum()
        and doc.words[nxt].upos in ("PROPN", "X", "PUNCT")
    ):
        return (nxt,)
    return ()


def _preposition(doc: ParsedDoc, words: Indices, region: range, lexicon: Lexicon) -> tuple[str | None, bool]:
    """The preposition before the phrase (past opening marks), and whether it is an according-to source."""
    k = words[0] - 1
    while k in region and (doc.words[k].text in _OPENERS or _contracted(doc, k - 1)):
        k -= 1  # past „ and past the article of "zur", "am" (zu + der, an + dem)
    prep = None
    if k in region and (
        doc.words[k].upos == "ADP"
        or doc.words[k].text.lower() in _PREPOSITIONS
        or (doc.words[k].text.lower(),) in lexicon.according_to
    ):
        prep = _CONTRACTIONS.get(doc.words[k].text.lower(), doc.words[k].text.lower())
    lowered = [doc.words[i].text.lower() for i in words]
    after = words[-1] + 1
    for cue, side in lexicon.according_to.items():
        if side == "after" and prep is not None and (prep, *lowered[: len(cue) - 1]) == cue:
            return prep, True
        if side == "before" and after in region and (doc.words[after].text.lower(),) == cue:
            return cue[0], True
    return prep, False


def is_medium(doc: ParsedDoc, i: int, lexicon: Lexicon) -> bool:
    """The word at `i` names a medium of media.tsv, alone ("US-Medien") or in a compound ("dpa-Agentur")."""
    while (
        i + 2 < len(doc.words) and doc.words[i + 1].text == "-" and doc.words[i + 1].start == doc.words[i].end
    ):
        i += 2  # a compound's last part decides
    return _media_class(doc, i, lexicon) is not None


def _media_class(doc: ParsedDoc, i: int, lexicon: Lexicon) -> str | None:
    """The media.tsv class of the noun at `i`, by lemma or word, whole or as the end of a compound."""
    word = doc.words[i]
    if word.upos not in ("NOUN", "PROPN", "X", "ADJ") or not lexicon.media:
        return None
    if i + 2 < len(doc.words) and doc.words[i + 1].text == "-" and doc.words[i + 1].start == word.end:
        return None  # "Presse" of "Presse-Agentur": the compound's last part decides
    first = i  # "Presse-Agentur" is three words; the compound is their text
    while (
        first >= 2
        and doc.words[first - 1].text == "-"
        and doc.words[first - 2].end == doc.words[first - 1].start
    ):
        first -= 2
    prefix = doc.text[doc.words[first].start : word.start]
    best: tuple[int, str] | None = None
    for form in {prefix + word.text, prefix + word.lemma}:
        key = form.lower().replace("-", "")
        last = form.lower().rpartition("-")[2]  # "ARD-Sendung": a compound by its hyphen
        for candidate in (key, last):
            if candidate in lexicon.media:
                return lexicon.media[candidate][0]
        for noun, (cls, compounds) in lexicon.media.items():
            if compounds and key.endswith(noun) and (best is None or len(noun) > best[0]):
                best = (len(noun), cls)
    return best[1] if best else None


# ---------------------------------------------------------------------------
# Roles
# ---------------------------------------------------------------------------


def _subject(doc: ParsedDoc, cue: int, phrases: Sequence[_Phrase], *, before: bool) -> _Phrase | None:
    """The speaker's phrase: a bare phrase that can be nominative, ranked by parse and position.

    The parse's subject counts, but a first-position phrase counts more: in "Baerbock
    appellierte Trump" the model calls both subjects. When the speaker stands `before`
    the clause, only a nominative pronoun that is also the parse's subject is one.
    """
    head = doc.words[cue].head
    by_head = (
        doc.dependents(head, "nsubj") if head is not None and doc.words[cue].deprel in ("aux", "cop") else []
    )
    finite = min([cue, *doc.dependents(cue, "aux")])
    first = phrases[0] if phrases and phrases[0].words[-1] < finite else None

    def evidence(p: _Phrase) -> int:
        word = doc.words[p.head]
        points = 2 * (p.head in doc.dependents(cue, "nsubj")) + (p.head in by_head)
        points += 2 * (word.upos == "PRON" and word.feat("Case") == "Nom") + (word.feat("Case") == "Nom")
        return points + 3 * (p is first)

    def rank(p: _Phrase) -> tuple[int, int]:
        # an outlet or audience is rather the addressee when another phrase could be the speaker
        return evidence(p) - 3 * (p.media in ("outlet", "audience")), -_distance(p, cue)

    eligible = [p for p in phrases if p.prep is None and not p.according and _may_be_nominative(doc, p)]
    best = max(eligible, key=rank, default=None)
    if best is not None and evidence(best) >= (4 if before else 1):
        return best
    if before:
        return None
    # "Stellvertretend für X empfahl der Kommissar": with the first place taken, the subject follows the verb
    return next((p for p in eligible if p.words[0] == finite + 1 and p.media is None), None)


def _subject_before(doc: ParsedDoc, cue: int, region: range) -> bool:
    """Whether the speaker stands before the region, set off by an apposition.

    "Der Fraktionschef, Wolfgang Jüttner, hatte Lenz aufgefordert": the clause starts
    with the verb after a comma and only names (no verb) stand before it.
    """
    if (
        doc.words[region[0]].upos not in ("VERB", "AUX")
        or region[0] == doc.sentences[doc.words[cue].sentence].first
    ):
        return False
    head = doc.words[cue].head
    subjects = doc.dependents(cue, "nsubj") + (doc.dependents(head, "nsubj") if head is not None else [])
    if not any(s < region[0] for s in subjects):
        return False
    k = region[0] - 1
    while k >= doc.sentences[doc.words[cue].sentence].first and not (
        _is_boundary(doc, k) and k < region[0] - 1
    ):
        if doc.words[k].upos in ("VERB", "AUX"):
            return False  # "…, sagte X": the clause before is the content
        k -= 1
    return True


def _may_be_nominative(doc: ParsedDoc, p: _Phrase) -> bool:
    word = doc.words[p.head]
    if _dative(doc, p.head):
        return False
    if word.upos == "PRON":
        return word.feat("Case") in (None, "Nom")
    article = _article(doc, p.head)
    return article is None or not (article.endswith(("em", "en")) or article in ("des", "eines"))


def _dative(doc: ParsedDoc, i: int) -> bool:
    """Unambiguously dative: "ihm", "dem", "einem", "seinem", "den Politikern"."""
    word = doc.words[i]
    if word.upos == "PRON":
        return word.feat("Case") == "Dat"
    article = _article(doc, i)
    return article is not None and (
        article.endswith("em") or (article.endswith("en") and word.text.endswith("n"))
    )


def _may_be_dative(doc: ParsedDoc, i: int) -> bool:
    """Whether the article allows a dative: "der", "den", "dem", "einer", none; not "die", "das", "einige"."""
    article = _article(doc, i)
    if article is None:
        return True
    if article in ("einen", "keinen"):
        return False
    return article.endswith(("m", "r")) or article.endswith("en")


def _article(doc: ParsedDoc, i: int) -> str | None:
    """The first determiner of the noun at `i`, lower-cased: "den" of "den beiden Politikern"."""
    determiners = [d for d in doc.dependents(i, "det") if doc.words[d].feat("PronType")]
    return doc.words[determiners[0]].text.lower() if determiners else None


def _addressee_strength(doc: ParsedDoc, cue: _CueFacts, p: _Phrase, phrases: Sequence[_Phrase]) -> int:
    """How surely `p` names whom the words were addressed to; 0 when it does not."""
    if p.according:
        return 0
    if p.prep in _TOWARDS or p.prep in _BEFORE:
        if _modifies_noun(doc, p, phrases):
            return 0  # "Intoleranz gegenüber Homosexuellen"
        return 3 if p.prep in _TOWARDS or p.media == "audience" else 0
    if p.prep in _TO_MEDIUM:  # "sagte zur Sportschau", not "sagte zu den Vorwürfen"
        return 3 if p.media is not None or _quoted_name(doc, p.words) else 0
    if p.prep in _TO or p.prep in _WITH:
        article = _article(doc, p.head) or ""
        if p.prep in _TO and (_after_contraction(doc, p) or article.endswith(("em", "er"))):
            return 0  # "an der Grenze", "am Dienstag": a place or a time, not "an die Regierung"
        if _after_channel(doc, p, phrases):
            return 3
        return 3 if p.prep in _TO and (cue.directive or cue.writing) else 0
    if p.prep in _FROM:
        return 2 if cue.directive and not cue.passive and not _modifies_noun(doc, p, phrases) else 0
    if p.prep is not None:
        return 0
    word = doc.words[p.head]
    accusative = _article(doc, p.head) in ("einen", "keinen")  # "nannte ihn einen Patrioten"
    if (word.deprel == "iobj" and not accusative) or _dative(doc, p.head):
        return 3
    if p.media in ("outlet", "audience") and _may_be_dative(doc, p.head):
        return 3  # "sagte der Zeitung", not "lobte die Zeitung"
    if cue.content_clause:
        if word.upos == "PRON":
            return 2 if word.feat("Case") == "Acc" else 0
        return 1 if cue.directive and word.upos in ("NOUN", "PROPN") and p.media != "channel" else 0
    return 0


def _modifies_noun(doc: ParsedDoc, p: _Phrase, phrases: Sequence[_Phrase]) -> bool:
    """Whether the parse hangs `p` on the noun of another phrase right before it."""
    head = doc.words[p.head].head
    if head is None or not doc.words[p.head].deprel.startswith("nmod") or _article(doc, head) is None:
        return False  # "die Intoleranz gegenüber X", not "Buffon gegenüber der Presse"
    return any(head in o.words and o.words[-1] < p.words[0] for o in phrases)


def _after_contraction(doc: ParsedDoc, p: _Phrase) -> bool:
    """Whether `p` follows "am", "zur", "beim": a preposition fused with a dative article."""
    k = p.words[0] - 1
    while k >= 0 and doc.words[k].text in _OPENERS:
        k -= 1
    return k >= 1 and (doc.words[k].text.lower() in _CONTRACTIONS or _contracted(doc, k - 1))


def _contracted(doc: ParsedDoc, i: int) -> bool:
    """Whether word `i` shares its token with the next ("am" = an dem, "zur" = zu der)."""
    return 0 <= i < len(doc.words) - 1 and doc.words[i].start == doc.words[i + 1].start


def _after_channel(doc: ParsedDoc, p: _Phrase, others: Sequence[_Phrase]) -> bool:
    """Whether `p` follows a channel phrase straight on: "Interview mit X", "Brief an X"."""
    before = [o for o in others if o.words[-1] < p.words[0]]
    if not before or before[-1].media != "channel":
        return False
    return all(doc.words[k].upos in ("ADP", "DET") for k in range(before[-1].words[-1] + 1, p.words[0]))


def _extension(doc: ParsedDoc, p: _Phrase, others: Sequence[_Phrase]) -> Indices:
    """An outlet after a channel belongs to the medium: "Interview mit der ARD"."""
    after = [o for o in others if o.words[0] > p.words[-1]]
    if (
        p.media != "channel"
        or not after
        or after[0].media != "outlet"
        or not _after_channel(doc, after[0], others)
    ):
        return ()
    return tuple(range(p.words[-1] + 1, after[0].words[-1] + 1))


def _has_content_clause(doc: ParsedDoc, cue: int, region: range, lexicon: Lexicon) -> bool:
    """Whether the cue has a reported clause besides its objects ("bat sie, zu bleiben"), not a direct quote.

    A direct quote does not count: the object of its cue is more often the topic
    ("„…“, kommentierte er den Vorfall") than the addressee. The model often hangs the
    cue under its content ("hatte Conte gebeten, im Amt zu bleiben"), so a head beyond
    the clause counts as content too.
    """
    head = doc.words[cue].head
    if head is not None and head not in region:
        return not _is_direct_quote(doc, head)
    clauses = list(doc.children[cue])
    if head is not None and _base(doc.words[cue].deprel) in ("aux", "cop"):
        clauses += doc.children[head]  # "warf der Regierung vor, dass …" with "warf" read as an auxiliary
    for child in clauses:
        if child == cue or _is_according_word(doc, child, lexicon) or _is_direct_quote(doc, child):
            continue
        if _is_content_clause(doc, child, strict=False):
            return True
        verbs = [child, *doc.dependents(child, "aux", "cop")]
        if _base(doc.words[child].deprel) in _CLAUSE_RELS and any(
            lexicon.is_konjunktiv(doc.words[v].text) for v in verbs
        ):
            return True
    return False


def _is_content_clause(doc: ParsedDoc, child: int, *, strict: bool) -> bool:
    """A dass/ob clause or zu-infinitive on the cue; not `strict`: any complement clause."""
    word = doc.words[child]
    rel = _base(word.deprel)
    if rel not in _CLAUSE_RELS or word.upos not in ("VERB", "AUX", "ADJ"):
        return False
    marks = {doc.words[m].text.lower() for m in doc.dependents(child, "mark")}
    if marks & _COMPLEMENTISERS or word.xpos == "VVIZU" or _ZU_INFINITIVE.match(word.text):
        return True
    if strict or rel not in _CONTENT_RELS:
        return False
    if doc.dependents(child, "nsubj", "obj", "mark"):
        return True
    return any(  # "appellierte Trump, in seinem Gespräch … zu machen" with the infinitive read as a dependent
        (doc.words[w].deprel == "mark" and doc.words[w].text.lower() in _COMPLEMENTISERS)
        or _ZU_INFINITIVE.match(doc.words[w].text)
        for w in doc.subtree(child)
    )


def _is_direct_quote(doc: ParsedDoc, clause: int) -> bool:
    return doc.words[doc.subtree(clause)[0]].text in _QUOTE_MARKS


def _own_phrase(doc: ParsedDoc, p: _Phrase) -> Indices:
    """The medium noun's own part of an according-to phrase: "Informationen der dpa" -> "der dpa"."""
    if p.media_word is None or p.media_word == p.head:
        return p.words
    region = range(p.words[0], p.words[-1] + 1)
    return _noun_phrase(doc, p.media_word, region)


def _quoted_name(doc: ParsedDoc, words: Indices) -> bool:
    """„Algemeen Dagblad“: a title in quotation marks, every word capitalised; people are not quoted so."""
    if (
        len(words) < 3
        or doc.words[words[0]].text not in _OPENERS
        or doc.words[words[-1]].text not in _CLOSERS
    ):
        return False
    inner = [doc.words[i].text for i in words[1:-1] if doc.words[i].text[:1].isalpha()]
    return bool(inner) and all(t[:1].isupper() for t in inner)


def _trim(doc: ParsedDoc, words: Indices) -> Indices:
    """The medium without leading determiners and possessives: "seiner abendlichen Videobotschaft" -> ..."""
    k = 0
    while k < len(words) - 1 and (
        doc.words[words[k]].upos == "DET" or doc.words[words[k]].deprel.startswith("det")
    ):
        k += 1
    return words[k:]


def _as_reported_by(doc: ParsedDoc, cue: int, lexicon: Lexicon) -> Indices:
    """The reporters of a "wie X meldeten" clause on the cue: "wie Reporter von „Politico“ meldeten"."""
    sentence = doc.sentences[doc.words[cue].sentence]
    region = range(sentence.first, sentence.last)
    for child in doc.children[cue]:
        words = [w for w in doc.subtree(child) if doc.words[w].upos != "PUNCT"]
        if not words or doc.words[words[0]].text.lower() != "wie":
            continue
        if match_cue(doc, child, lexicon) is None:
            continue
        for subject in doc.dependents(child, "nsubj"):
            by = [n for n in doc.dependents(subject, "nmod") if _preposition_of(doc, n) == "von"]
            top = by[0] if by else subject
            if by or _media_class(doc, subject, lexicon) in ("outlet", "audience"):
                return _trim(doc, _noun_phrase(doc, top, region))
    return ()


def _preposition_of(doc: ParsedDoc, i: int) -> str | None:
    """The preposition the parse gives the noun at `i`, the one next to it when there are two."""
    cases = doc.dependents(i, "case")
    return doc.words[cases[-1]].text.lower() if cases else None


def _base(deprel: str) -> str:
    return deprel.partition(":")[0]
