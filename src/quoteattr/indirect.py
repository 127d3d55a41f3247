"""Indirect and reported speech: what a cue verb's complement says, without quotation marks.

Indirect speech is a clause the cue governs: a dass/ob/w-clause ("sagte, dass …"),
a verb-second clause in Konjunktiv ("Er sagte, die Chancen stünden gut"), a
zu-infinitive of a directive verb ("appellierte an sie, … zu machen"), or the
clause a parenthetical cue interrupts or follows ("Die Lage sei ernst, sagte er").
Reported speech is a speech act whose object is its topic ("bestätigte die
Vorbereitungen", "drohte mit Krieg"); only verbs the lexicon marks `object` take
it. A verdict is reported speech too: an object with the predicate word the lexicon
gives the verb ("stufte das Gesetz als verfassungswidrig ein", "hält es für falsch").
Negated cues ("nannte er nicht") and planned ones ("will … sprechen") report nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import regex

from quoteattr.attribution import Attribution
from quoteattr.cues import CueMatch, regular_konjunktiv_i
from quoteattr.lexicon import SUBJECT_PRONOUNS, VERDICTS
from quoteattr.marks import QUOTE_MARKS
from quoteattr.model import QuoteForm
from quoteattr.parse import ParsedDoc, Sentence, Word
from quoteattr.speakers import is_agent, is_passive, mention_words, relative_antecedent, subject_of

_CLAUSAL = ("ccomp", "xcomp", "parataxis", "advcl", "csubj", "conj")
_BOUNDARY = frozenset({",", ":", ";", "–", "—"})
_CONNECTORS = frozenset({"dass", "ob", "wie", "warum", "wer", "was", "wann", "wo", "weshalb", "wieso"})
_OBJECT_CASES = frozenset({"mit", "von", "vor", "über", "zu", "für", "gegen", "um", "auf"})
_FINITE = frozenset({"VVFIN", "VAFIN", "VMFIN"})
_NEGATIONS = frozenset({"nicht", "nie", "niemals", "keineswegs"})
_WIE = "wie"
_SUBCLAUSES = frozenset({"conj", "parataxis", "ccomp", "advcl", "acl:relcl", "cc"})
"""Dependents of a reporting verb that open a clause of their own, outside its object."""
_ZU_INFIX = regex.compile(r"^\p{Ll}{2,9}zu\p{Ll}{3,}(?:en|ern|eln)$")
_ANAPHORS = frozenset({"das", "dies", "dieses"})
_ASIDES = frozenset({"wobei", "woraufhin", "weshalb", "wodurch"})
"""Relative connectors that open the narrator's comment on the whole clause before them."""
_QUOTE_WORDS = 4
"""Words a quotation after a reported object needs to be what the verb cues, not a name or term."""
_COMPARATIVES = frozenset({"mehr", "weniger", "eher", "lieber", "anders", "sowohl", "ander"})
"""Words before a comparing "als" ("mehr als", "sowohl … als auch"), which opens no verdict."""
_AS = frozenset({"als"})
_COORDINATION = frozenset({"conj", "cc"})
_PERFECT = frozenset({"haben", "sein"})
_PLANNING = frozenset({"wollen", "werden", "möchten", "mögen", "sollen", "müssen", "können", "dürfen"})


def indirect_speech(
    doc: ParsedDoc,
    cues: Sequence[CueMatch],
    konjunktiv: Callable[[str], bool],
    quoted: Sequence[tuple[int, int]] = (),
) -> list[Attribution]:
    """Indirect and reported quotes of every cue verb that governs content.

    `quoted` holds the character spans inside quotation marks, whose cues are not the narrator's.
    """
    cue_heads = frozenset(c.head for c in cues)
    speaking = [
        c
        for c in cues
        if not (_negated(doc, c.head) or _planned(doc, c.head) or _concessive(doc, c.head))
        and not any(start <= doc.words[c.head].start < end for start, end in quoted)  # someone's words
    ]
    found = []
    done = set()  # cues whose content is a clause: their object is not a second content
    for cue in speaking:
        clause = _clause(doc, cue, konjunktiv, cue_heads)
        if clause is not None and clause[0]:
            found.append(_attribution(doc, cue, *clause))
            done.add(cue.head)
        elif (anaphor := _anaphoric_object(doc, cue)) is not None and (prior := _previous_sentence(doc, cue)):
            found.append(_attribution(doc, cue, prior, QuoteForm.INDIRECT, avoid=anaphor))
            done.add(cue.head)
    for cue in speaking:
        if cue.head in done:
            continue
        complements = cue.verb.complements
        content = _object(doc, cue, nouns="object" in complements) if {"object", "pp"} & complements else None
        # a noun object can be judged too: "bezeichnete die Tat als sinnlos"
        predicates = complements & VERDICTS | (_AS if "object" in complements else frozenset())
        if content is None and predicates:
            content = _verdict(doc, cue, predicates)
        if content and not _quotes_follow(doc, content[0], quoted):
            found.append(_attribution(doc, cue, content, QuoteForm.REPORTED))
    return found


def _quotes_follow(doc: ParsedDoc, first: int, quoted: Sequence[tuple[int, int]]) -> bool:
    """Words in quotation marks after `first` in its sentence: the verb cues them as a direct quote.

    "nannte den Bericht eine „Zeitungsente“", "beschrieb die Lage mit den Worten: „…“".
    """
    start = doc.words[first].start
    end = doc.words[doc.sentences[doc.words[first].sentence].last - 1].end
    return any(
        start <= q_start < end and len(doc.words_within(q_start, q_end)) >= _QUOTE_WORDS
        for q_start, q_end in quoted
    )


def _attribution(
    doc: ParsedDoc, cue: CueMatch, content: list[int], form: QuoteForm, *, avoid: int | None = None
) -> Attribution:
    return Attribution(
        form,
        (doc.words[content[0]].start, doc.words[content[-1]].end),
        cue_words=cue.words,
        cue_lemma=cue.verb.lemma,
        speaker_words=tuple(i for i in _speaker(doc, cue.head, content, avoid) if i not in cue.words),
    )


def _anaphoric_object(doc: ParsedDoc, cue: CueMatch) -> int | None:
    """The demonstrative that opens a cue's sentence and stands for what was said before it.

    "Das bestätigte der Sprecher." / "Dies teilte die Polizei mit." / "Dies geht aus dem
    Bericht hervor.": the pronoun fills the prefield, the finite verb follows it, and the
    verb takes propositional content (a dass or v2 complement), so the sentence before is
    the message.
    """
    sentence = doc.sentences[doc.words[cue.head].sentence]
    first = sentence.first
    if sentence.index == 0 or sentence.last - first < 3:
        return None
    if doc.words[first].text.lower() not in _ANAPHORS or doc.words[first].upos not in ("PRON", "DET"):
        return None
    finite = first + 1
    if finite != cue.head and finite not in doc.dependents(cue.head, "aux"):
        return None
    if not {"dass", "v2"} & set(cue.verb.complements):
        return None
    return first


def _previous_sentence(doc: ParsedDoc, cue: CueMatch) -> list[int] | None:
    """The words of the sentence before the cue's, unless it is a question or a heading."""
    previous = doc.sentences[doc.words[cue.head].sentence - 1]
    words = list(previous.word_indices)
    if not words or doc.words[words[-1]].text not in (".", "!", "“", '"'):
        return None
    return _trim(doc, words)


def _negated(doc: ParsedDoc, verb: int) -> bool:
    return any(doc.words[c].lemma.lower() in _NEGATIONS for c in doc.dependents(verb, "advmod"))


def _concessive(doc: ParsedDoc, verb: int) -> bool:
    """A cue in an adverbial clause other than "wie …": "Obwohl er mit Mehreinnahmen rechnet, …"."""
    if doc.words[verb].deprel != "advcl":
        return False
    marks = [doc.words[m].lemma.lower() for m in doc.dependents(verb, "mark")]
    return bool(marks) and marks[0] != "wie"


def _planned(doc: ParsedDoc, verb: int) -> bool:
    """An infinitive under a modal or future auxiliary: "will … sprechen", "wird … erklären"."""
    word = doc.words[verb]
    auxiliaries = {doc.words[a].lemma.lower() for a in doc.dependents(verb, "aux")}
    if word.xpos in ("VVPP", "VAPP", "VMPP") or word.feat("VerbForm") == "Part":
        # "soll gesagt haben" is hearsay of something said, but the tagger calls some
        # infinitives participles: "will … sprechen" has the form of its lemma
        infinitive = word.text.lower() == word.lemma.lower() and not auxiliaries & _PERFECT
        return infinitive and bool(auxiliaries & (_PLANNING - {"werden"}))
    if auxiliaries & _PLANNING:
        return True  # whatever the verb's own tag: the tagger calls some infinitives finite
    if word.xpos not in ("VVINF", "VAINF", "VMINF") and word.feat("VerbForm") != "Inf":
        return False
    head = word.head
    return head is not None and doc.words[head].lemma.lower() in _PLANNING and word.deprel == "xcomp"


def _clause(
    doc: ParsedDoc, cue: CueMatch, konjunktiv: Callable[[str], bool], cue_heads: frozenset[int]
) -> tuple[list[int], QuoteForm] | None:
    """Word indices and form of the content clause of `cue`, or None.

    Word order and commas are tried before the dependency tree: the small parser
    often hangs a content clause on the wrong verb, while commas in German news
    text reliably bound the cue's clause.
    """
    segment = _segment(doc, cue.head)
    if doc.words[segment[0]].text.lower() == _WIE:
        return _around(doc, segment), QuoteForm.ACCORDING_TO  # "Wie die Polizei mitteilte, …"
    after = _after(doc, cue, segment, konjunktiv, cue_heads)
    if after is not None:
        return after, QuoteForm.INDIRECT
    before = _interrupted(doc, cue, konjunktiv)
    if before is not None:
        return before, QuoteForm.INDIRECT
    sentence = doc.sentences[doc.words[cue.head].sentence]
    for dep in doc.dependents(cue.head, *_CLAUSAL):
        words = [i for i in doc.subtree(dep) if sentence.first <= i < sentence.last]
        kind = _clause_kind(doc, dep, words, konjunktiv)
        if kind is None or kind not in cue.verb.complements or cue.head in words:
            continue
        if kind == "v2" and not _separated(doc, cue.head, words):
            continue
        trimmed = _trim(doc, words)
        return (trimmed, QuoteForm.INDIRECT) if trimmed else None
    return None


def _segment(doc: ParsedDoc, index: int) -> list[int]:
    """The comma-bounded stretch of the sentence around word `index`."""
    sentence = doc.sentences[doc.words[index].sentence]
    lo = index
    while lo - 1 >= sentence.first and doc.words[lo - 1].text not in _BOUNDARY:
        lo -= 1
    hi = index
    while hi + 1 < sentence.last and doc.words[hi + 1].text not in _BOUNDARY:
        hi += 1
    return list(range(lo, hi + 1))


def _around(doc: ParsedDoc, segment: list[int]) -> list[int] | None:
    """The sentence without a "wie X sagte" segment: the main clause it comments on."""
    sentence = doc.sentences[doc.words[segment[0]].sentence]
    if segment[0] - 1 > sentence.first:
        return _trim(doc, list(range(sentence.first, segment[0] - 1)))
    return _trim(doc, list(range(segment[-1] + 2, sentence.last)))


def _after(
    doc: ParsedDoc,
    cue: CueMatch,
    segment: list[int],
    konjunktiv: Callable[[str], bool],
    cue_heads: frozenset[int],
) -> list[int] | None:
    """Content after the cue's clause: ", dass …", ", die Lage sei ernst", ", … zu tun"."""
    sentence = doc.sentences[doc.words[cue.head].sentence]
    start = segment[-1] + 2
    while start < sentence.last and _is_relative(doc, start):
        start = _segment(doc, start)[-1] + 2  # "empfahl den Politikern, die er kritisierte, sich …"
    if start >= sentence.last:
        return None
    if doc.words[start].text.lower() in (_WIE, "so") and any(
        i in cue_heads for i in range(start, sentence.last)
    ):
        return None  # "sagte er, wie Reporter meldeten": a comment on the cue, not its content
    end = sentence.last
    for k in range(start, sentence.last - 1):
        comment = doc.words[k].text in _BOUNDARY and doc.words[k + 1].text.lower() in (_WIE, "so")
        if comment and any(i in cue_heads for i in _segment(doc, k + 1)):
            end = k  # "…, wie Reporter meldeten": another cue's comment
            break
        aside = doc.words[k].text == "," and doc.words[k + 1].text.lower() in _ASIDES
        if aside and any(konjunktiv(doc.words[i].text) for i in _segment(doc, k + 1)):
            aside = False  # "…, wodurch … erfüllt worden seien": still the speaker's words
        if doc.words[k].text == ";" or aside:
            end = k  # "…; es wird geprüft, …", "…, wobei …": the narrator goes on
            break
    words = list(range(start, end))
    kind = _linear_kind(doc, words, konjunktiv)
    if kind is None or kind not in cue.verb.complements:
        return None
    for k in range(start + 1, end - 1):
        if doc.words[k].text in _BOUNDARY and _coordinated_cue(doc, _segment(doc, k + 1), cue, cue_heads):
            words = list(range(start, k))  # "…, jedoch stets beteuert, …": the next cue's own content
            break
    return _trim(doc, words)


def _coordinated_cue(doc: ParsedDoc, segment: list[int], cue: CueMatch, cue_heads: frozenset[int]) -> bool:
    """A segment that is a second cue of the same speaker: "…, und betonte, …", "…, jedoch stets beteuert"."""
    heads = [i for i in segment if i in cue_heads]
    if not heads or doc.words[segment[0]].text.lower() in _CONNECTORS:
        return False
    head = heads[0]
    return doc.words[head].deprel == "conj" and doc.words[head].head == cue.head


def _is_relative(doc: ParsedDoc, index: int) -> bool:
    """A relative clause starts here: "die er …", "mit dem sie …"."""
    word = doc.words[index]
    if word.upos == "ADP" and index + 1 < len(doc.words):
        word = doc.words[index + 1]
    head = doc.words[word.head] if word.head is not None else None
    return "Rel" in (word.feat("PronType") or "") or (
        word.upos in ("PRON", "DET") and head is not None and head.deprel == "acl:relcl"
    )


def _linear_kind(doc: ParsedDoc, words: list[int], konjunktiv: Callable[[str], bool]) -> str | None:
    """dass (dass/ob/w-clause), zu (zu-infinitive) or v2 (a clause in Konjunktiv)."""
    if not words:
        return None
    if doc.words[words[0]].text.lower() in _CONNECTORS:
        return "dass"
    verbs = [doc.words[i] for i in words if doc.words[i].upos in ("VERB", "AUX")]
    if any(konjunktiv(w.text) or regular_konjunktiv_i(w) for w in verbs):
        return "v2"
    if any(konjunktiv(doc.words[i].text) for i in words if doc.words[i].text.islower()):
        return "v2"  # a listed form is a verb whatever its tag: "die Brücke bleibe (ADV) gesperrt"
    if _second_place_konjunktiv(doc, words):
        return "v2"
    purpose = any(doc.words[i].text.lower() in ("um", "ohne", "statt") for i in words)
    if any(_is_zu_infinitive(doc, w.index) for w in verbs) and not purpose:
        return "zu"  # finite verbs are no counter-evidence: the tagger calls "zulasten" one
    return None


def _second_place_konjunktiv(doc: ParsedDoc, words: list[int]) -> bool:
    """A stem + e form right after the clause's opening noun phrase: "das Gesetz schütze Mieter".

    The verb-second slot holds the finite verb, so a lower-case "-e" word there is a
    Konjunktiv I, whatever the tagger calls it (it often makes such forms adjectives).
    """
    k = 0
    while k < len(words) and doc.words[words[k]].upos in ("DET", "ADJ"):
        k += 1
    if k == 0 or k + 1 >= len(words) or doc.words[words[k]].upos not in ("NOUN", "PROPN"):
        return False
    word = doc.words[words[k + 1]]
    return word.text.islower() and word.text.endswith("e") and word.upos in ("ADJ", "VERB", "AUX")


def _is_zu_infinitive(doc: ParsedDoc, index: int) -> bool:
    """ "abzusprechen", or "zu machen"."""
    word = doc.words[index]
    if word.xpos == "VVIZU" or _ZU_INFIX.match(word.text.lower()):
        return True
    return index > 0 and doc.words[index - 1].text.lower() == "zu"


def _clause_kind(
    doc: ParsedDoc, head: int, words: list[int], konjunktiv: Callable[[str], bool]
) -> str | None:
    """dass (dass/ob/w-clause), zu (zu-infinitive) or v2 (Konjunktiv main clause)."""
    if not words:
        return None
    first = doc.words[words[0]]
    if first.text.lower() in _CONNECTORS or any(
        doc.words[m].lemma.lower() in _CONNECTORS for m in doc.dependents(head, "mark")
    ):
        return "dass"
    head_word = doc.words[head]
    if head_word.xpos == "VVIZU" or any(
        doc.words[m].text.lower() == "zu" for m in doc.dependents(head, "mark")
    ):
        return "zu"
    if any(konjunktiv(doc.words[i].text) for i in words if doc.words[i].upos in ("VERB", "AUX")):
        return "v2"
    return None


def _separated(doc: ParsedDoc, cue: int, words: list[int]) -> bool:
    """A comma or colon stands between the cue and the clause."""
    lo, hi = (cue + 1, words[0]) if words[0] > cue else (words[-1] + 1, cue)
    return any(doc.words[i].text in _BOUNDARY for i in range(lo, hi + 1))


def _interrupted(doc: ParsedDoc, cue: CueMatch, konjunktiv: Callable[[str], bool]) -> list[int] | None:
    """Content before a trailing or parenthetical cue: "Die Lage sei ernst, sagte er"."""
    sentence = doc.sentences[doc.words[cue.head].sentence]
    before = cue.head - 1
    if before < sentence.first or doc.words[before].text not in _BOUNDARY:
        return None
    words = [i for i in range(sentence.first, before) if doc.words[i].upos != "PUNCT" or i > sentence.first]
    if "v2" not in cue.verb.complements or not words:
        return None
    if not any(konjunktiv(doc.words[i].text) or doc.words[i].xpos in _FINITE for i in words):
        return None
    return _trim(doc, words)


def _object(doc: ParsedDoc, cue: CueMatch, *, nouns: bool = True) -> list[int] | None:
    """What a reporting verb in a main clause is about: its object and the rest of its clause.

    "Peskow bestätigte die Vorbereitungen für das Gespräch am Dienstag" -> from the
    object to the end of the verb's clause; only active main clauses with a subject,
    since relative and passive clauses rarely report a speech act. Without `nouns`,
    only a prepositional object counts ("drohte mit Krieg", not "ihm droht Haft").
    """
    verb = doc.words[cue.head]
    if (
        verb.deprel not in ("root", "conj", "parataxis")
        and verb.upos in ("VERB", "AUX")
        and (
            _verbless(doc, verb.sentence)
            or verb.deprel not in ("acl", "acl:relcl", "advcl", "xcomp", "csubj")
        )
    ):
        return _object_by_order(doc, cue, nouns=nouns)
    if verb.deprel not in ("root", "conj", "parataxis"):
        return None
    if is_passive(doc, cue.head):
        return _judged(doc, cue) if nouns else None
    subjects = doc.dependents(cue.head, "nsubj")
    if not subjects:
        return None
    objects = [d for d in doc.dependents(cue.head, "obj") if nouns and _is_topic(doc, d, cue)]
    if nouns and not objects:
        # The small parser labels an object after the verb a second subject ("Sie bezeichnete die
        # Lage als …"); only with a subject before the verb, not in a cue after its quote
        # ("„…“, zitiert die Zeitung den Minister").
        plain = [s for s in subjects if doc.words[s].deprel == "nsubj"]  # not a passive's subject
        fronted = bool(plain) and plain[0] < cue.head and not doc.dependents(plain[0], "case")  # not "im …"
        later = [s for s in plain[1:] if s > cue.head] if fronted else []
        objects = [s for s in later if _is_topic(doc, s, cue)]
    objects = objects or [d for d in doc.dependents(cue.head, "obl") if _is_topic(doc, d, cue)][-1:]
    if not objects:
        return None
    clause = [i for i in doc.subtree(cue.head, skip=_SUBCLAUSES) if doc.words[i].sentence == verb.sentence]
    subject = set().union(*(doc.subtree(s) for s in subjects if s not in objects))
    start = min(doc.subtree(objects[0]))
    words = [i for i in clause if i >= start and i not in subject and i not in cue.words]
    gap = next((k for k in range(1, len(words)) if words[k] != words[k - 1] + 1), len(words))
    return _trim(doc, words[:gap])  # up to a clause the verb governs: "…, weil …", "und griff … an"


def _verbless(doc: ParsedDoc, sentence: int) -> bool:
    """A parse gone wrong: the sentence's root is no verb ("warf" attached as an auxiliary of a noun)."""
    roots = [i for i in doc.sentences[sentence].word_indices if doc.words[i].head is None]
    return all(doc.words[r].upos not in ("VERB", "AUX") for r in roots)


def _object_by_order(doc: ParsedDoc, cue: CueMatch, *, nouns: bool) -> list[int] | None:
    """The reported object by German word order where the parse failed.

    A finite cue in second position of its sentence ("Der Verband warf der Stadt Versäumnisse
    vor.") reports what follows it up to the end of its clause, if a noun stands there and one
    before it; without `nouns`, from its topic preposition on ("warnte am Sonntag vor Glatteis").
    """
    sentence = doc.sentences[doc.words[cue.head].sentence]
    if not _prefield(doc, sentence, cue.head):
        return None
    words = []
    for i in range(cue.head + 1, sentence.last):
        if doc.words[i].upos == "PUNCT" and doc.words[i].text in _BOUNDARY | {"."}:
            break
        if i not in cue.words:
            words.append(i)
    if not nouns:
        topic = next((k for k, i in enumerate(words) if doc.words[i].text.lower() in _OBJECT_CASES), None)
        words = words[topic:] if topic is not None else []
    if not any(doc.words[i].upos in ("NOUN", "PROPN") for i in words):
        return None
    return _trim(doc, words)


def _judged(doc: ParsedDoc, cue: CueMatch, predicates: frozenset[str] = _AS) -> list[int] | None:
    """A passive judgement: "Die Pläne wurden von der Opposition als unrealistisch bezeichnet".

    Only with a predicate ("als", or the verb's own `predicates`), which makes a passive
    cue a verdict someone gave ("als Ursache wurde … genannt", "als Erfolg gewertet");
    other passives mostly report events ("wurde angeklagt", "wird erwartet"). The content
    is the run of the clause that holds the predicate, without the "von" agent, who is
    the speaker.
    """
    clause = _own_clause(doc, cue.head, _SUBCLAUSES - {"cc"})
    agent = set().union(
        *(doc.subtree(d, skip=_COORDINATION) for d in doc.dependents(cue.head, "obl") if is_agent(doc, d))
    )  # not "von den Veranstaltern als Erfolg", the predicate parsed as a conjunct of the agent
    return _predicate_run(doc, cue, clause, predicates, agent)


def _verdict(doc: ParsedDoc, cue: CueMatch, predicates: frozenset[str]) -> list[int] | None:
    """What a verdict verb judges, with its predicate: the content of a reported verdict.

    "stufte das Gesetz als verfassungswidrig ein", "hält den Plan für richtig", "sieht in
    dem Urteil eine Bestätigung": verbs such as einstufen, halten, sehen report an opinion
    only with the predicate word the lexicon gives them (`VERDICTS`), and never with a
    particle the lexicon does not know ("sieht … vor"). The content is the run of the
    clause that holds the predicate, without the subject (or the passive's agent).
    """
    if any(doc.words[i].xpos == "PTKVZ" and i not in cue.words for i in doc.children[cue.head]):
        return None
    if is_passive(doc, cue.head):
        return _judged(doc, cue, predicates) or _verdict_by_order(doc, cue, predicates)
    subjects = doc.dependents(cue.head, "nsubj")
    if doc.words[cue.head].deprel in ("root", "conj", "parataxis") and subjects:
        clause = _own_clause(doc, cue.head, _SUBCLAUSES)
        run = _predicate_run(doc, cue, clause, predicates, set().union(*map(doc.subtree, subjects)))
        if run:
            return run
    return _verdict_by_order(doc, cue, predicates)


def _verdict_by_order(doc: ParsedDoc, cue: CueMatch, predicates: frozenset[str]) -> list[int] | None:
    """A verdict read off German word order where the parse failed.

    The finite verb (the cue, or its auxiliary before it: "haben … als haltlos
    zurückgewiesen") stands second, after a noun phrase; the content runs from after it
    (and after a subject pronoun: "bezeichnete er als sinnlos") to the end of the clause,
    past relative clauses ("halten das Verfahren, das …, für verfassungswidrig"), and
    must hold the predicate after a noun.
    """
    sentence = doc.sentences[doc.words[cue.head].sentence]
    finite = next((i for i in range(sentence.first, cue.head + 1) if _is_finite(doc.words[i])), None)
    if finite is None or not _prefield(doc, sentence, finite):
        return None
    k = finite + 1
    if k < sentence.last and doc.words[k].text.lower() in SUBJECT_PRONOUNS:
        k += 1
    own: list[int] = []  # the clause's own words, without the relative clauses it passes
    words: list[int] = []
    while k < sentence.last:
        if doc.words[k].text == "," and k + 1 < sentence.last and _is_relative(doc, k + 1):
            end = min(_segment(doc, k + 1)[-1] + 1, sentence.last - 1)
            words += range(k, end + 1)
            k = end + 1
            continue
        if doc.words[k].text in _BOUNDARY | {"."}:
            break
        words.append(k)
        own.append(k)
        k += 1
    if cue.head != finite and cue.head not in own:
        return None  # the cue is in another clause: "…, die das Verfahren als … angesehen hatten"
    own = [i for i in own if i not in cue.words]
    predicate = next((i for i in own if _ordered_predicate(doc, i, finite, own, predicates)), None)
    judged = [i for i in own if predicate is not None and i < predicate]
    if not any(doc.words[i].upos in ("NOUN", "PROPN", "PRON") for i in judged):
        return None  # no predicate, or nothing before it that it judges
    return _trim(doc, [i for i in words if i not in cue.words])


def _ordered_predicate(
    doc: ParsedDoc, index: int, verb: int, own: list[int], predicates: frozenset[str]
) -> bool:
    """A predicate word by word order alone: "in" first after the verb ("sieht in X eine Y"),
    "für" before an adjective or an indefinite noun ("für schuldig", "für einen Fehler")."""
    if not _opens_predicate(doc, index, verb, predicates):
        return False
    text = doc.words[index].text.lower()
    if text == "in":
        return index == own[0]
    if text == "für":
        following = [i for i in own if i > index and doc.words[i].upos != "ADV"][:1]
        return bool(following) and (
            doc.words[following[0]].upos == "ADJ" or doc.words[following[0]].feat("Definite") == "Ind"
        )
    return True


def _is_finite(word: Word) -> bool:
    """A finite verb by its tag or, where the tagger gave another tag set's, by its mood."""
    return word.upos in ("VERB", "AUX") and (word.xpos in _FINITE or word.feat("Mood") is not None)


def _prefield(doc: ParsedDoc, sentence: Sentence, finite: int) -> bool:
    """A noun phrase, and no clause, before the finite verb: the verb stands second.

    Commas may set off an apposition ("Der Chef, Max Ott, warf …"); a verb, a quotation
    mark, another boundary or an opening conjunction ("Während die Zeitung … sprach")
    makes the verb final in a clause of its own.
    """
    before = range(sentence.first, finite)
    return (
        not any(doc.words[i].upos in ("VERB", "AUX") or doc.words[i].text in QUOTE_MARKS for i in before)
        and not any(doc.words[i].text in _BOUNDARY - {","} for i in before)
        and doc.words[sentence.first].upos != "SCONJ"
        and any(doc.words[i].upos in ("NOUN", "PROPN", "PRON") for i in before)
    )


def _own_clause(doc: ParsedDoc, verb: int, clauses: frozenset[str]) -> list[int]:
    """The verb's subtree without the clauses it governs (`clauses` relations of its own children).

    Unlike `ParsedDoc.subtree(skip=...)`, relations further down stay: a relative clause of
    its object, or a predicate the parser made a conjunct of the agent ("von den
    Veranstaltern als Erfolg gewertet").
    """
    return sorted(
        set(doc.subtree(verb))
        - set().union(*(doc.subtree(c) for c in doc.children[verb] if doc.words[c].deprel in clauses))
    )


def _predicate_run(
    doc: ParsedDoc, cue: CueMatch, clause: list[int], predicates: frozenset[str], speaker: set[int]
) -> list[int] | None:
    """The run of `clause` words that holds a predicate word, leaving out the speaker and the cue."""
    sentence = doc.sentences[doc.words[cue.head].sentence]
    inside = set(clause) - speaker - set(cue.words)
    predicate = next((i for i in clause if _opens_predicate(doc, i, cue.head, predicates)), None)
    if predicate is None or predicate not in inside:
        return None
    run: list[int] = []
    for i in range(sentence.first, sentence.last):
        if i in inside:
            run.append(i)
        elif predicate in run:
            break
        else:
            run = []
    return _trim(doc, run)


def _opens_predicate(doc: ParsedDoc, index: int, verb: int, predicates: frozenset[str]) -> bool:
    """Whether word `index` opens the predicate of a verdict given by `verb`.

    Not "als" opening a clause ("als der Ball fiel") or a comparison ("mehr als"), and
    "in" only after the verb and before the object it judges ("sieht in dem Gesetz eine
    Gefahr", not "sahen das Spiel im Stadion" or "In der 70. Minute …").
    """
    word = doc.words[index]
    text = word.text.lower()
    if text not in predicates:
        return False
    if text == "als":
        before = doc.words[index - 1] if index > 0 else None
        comparative = before is not None and (
            before.feat("Degree") == "Cmp" or before.lemma.lower() in _COMPARATIVES
        )
        return word.xpos != "KOUS" and not comparative
    if text == "in":
        sentence = doc.sentences[word.sentence]
        end = max(doc.subtree(word.head)) if word.head is not None else index
        return index > verb and any(
            doc.words[i].upos in ("NOUN", "PROPN") for i in range(end + 1, sentence.last)
        )
    return True


def _is_topic(doc: ParsedDoc, dep: int, cue: CueMatch) -> bool:
    """A noun object, or a prepositional one with a topic preposition ("mit Krieg", "über die Lage")."""
    word = doc.words[dep]
    if word.upos not in ("NOUN", "PROPN") or dep in cue.words:
        return False
    if word.deprel.startswith("obl"):
        cases = [doc.words[c].text.lower() for c in doc.dependents(dep, "case")]
        return bool(cases) and cases[0] in _OBJECT_CASES
    return True


def _speaker(doc: ParsedDoc, verb: int, content: list[int], anaphor: int | None = None) -> tuple[int, ...]:
    """The speaker mention of `verb`, outside its content (and the pronoun standing for it)."""
    avoid = range(anaphor, anaphor + 1) if anaphor is not None else range(content[0], content[-1] + 1)
    subject = subject_of(doc, verb, avoid=avoid)
    if subject is None:
        return ()
    subject = relative_antecedent(doc, subject, verb)
    words = mention_words(doc, subject, after=verb if subject > verb else -1)
    return tuple(i for i in words if not content[0] <= i <= content[-1])


def _trim(doc: ParsedDoc, words: list[int]) -> list[int] | None:
    """A contiguous run from the first to the last word, without punctuation at its edges."""
    if not words:
        return None
    lo, hi = words[0], words[-1]
    while lo <= hi and doc.words[lo].upos == "PUNCT" and doc.words[lo].text not in '„»"':
        lo += 1
    while hi >= lo and doc.words[hi].upos == "PUNCT" and doc.words[hi].text not in '“«"':
        hi -= 1
    return list(range(lo, hi + 1)) if lo <= hi else None
