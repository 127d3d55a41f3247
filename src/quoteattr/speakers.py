"""Speaker mentions: from the subject word of a cue to the phrase and its name.

The mention is the subject's phrase without relative clauses and prepositional
attachments ("die Grünen-Politikerin in Brüssel" -> "die Grünen-Politikerin"),
since the parser often hangs the cue's adverbials on the subject. The name is
the proper-noun chain of the mention ("Kremlsprecher Dmitri Peskow" -> "Dmitri
Peskow"); pronouns and descriptions get none here.
"""

from __future__ import annotations

from quoteattr.lexicon import read_tsv
from quoteattr.parse import ParsedDoc, Word

_MENTION_PARTS = frozenset(
    {"det", "det:poss", "amod", "flat", "flat:name", "compound", "appos", "nummod"}
    | {"conj", "cc", "punct", "nmod", "nmod:poss", "case"}
)
# Determiners that never open a nominative phrase: "den Menschen", "dem Minister", "seinen Kritikern".
_OBLIQUE_DETERMINERS = frozenset(
    {"den", "dem", "des", "einen", "einem", "eines", "diesem", "diesen", "jenem", "jenen"}
    | {p + e for p in ("mein", "dein", "sein", "ihr", "unser", "euer") for e in ("en", "em", "es")}
)
_CLAUSE_BOUNDARY = ",;:–—"
# Cue verbs whose passive subject is the speaker: "X wird mit den Worten zitiert".
_PASSIVE_SPEAKERS = frozenset(row["lemma"] for row in read_tsv("passive_speakers.tsv"))
# Prepositions the tagger may take for nouns when capitalised: "Gegenüber der Zeitung", "Per Dekret".
_PREPOSITIONS = frozenset(row["word"] for row in read_tsv("prepositions.tsv"))
# Sentence adverbs the tagger may take for nouns when capitalised: "Zuvor", "Unterdessen".
_ADVERBS = frozenset(row["word"] for row in read_tsv("adverbs.tsv"))
# Personal pronouns that are nominative whenever they follow a finite verb ("ihr" and "es" are not).
_SUBJECT_PRONOUNS = frozenset({"ich", "du", "er", "sie", "wir"})


def subject_of(doc: ParsedDoc, verb: int, *, avoid: range = range(0)) -> int | None:
    """The subject of `verb` (or of the verb it is an infinitive of), outside the words `avoid`.

    The parser's subject is checked against German word order, because the small
    model often labels the object after the verb as subject ("forderte Mussawi …
    auf"): a noun phrase before a verb-second verb (its prefield) wins over a
    parser subject after it, and a verb in coordination shares its first verb's subject.
    """
    if is_passive(doc, verb):
        if doc.words[verb].lemma in _PASSIVE_SPEAKERS:
            return _passive_subject(doc, verb, avoid)
        return _agent(doc, verb, avoid)  # "wurde vorgeworfen": the subject is the accused, not the speaker
    pronoun = _pronoun_after_finite(doc, verb, avoid)
    if pronoun is not None:
        return pronoun
    parsed = _parsed_subject(doc, verb, avoid)
    if parsed is not None and parsed < verb:
        if _adverbial_prefield(doc, verb, parsed):
            return _noun_after(doc, verb, avoid, nominative=True) or parsed
        return parsed
    prefield = _prefield_subject(doc, verb, avoid)
    if prefield is not None:
        return prefield
    head = doc.words[verb].head
    if doc.words[verb].deprel == "conj" and head is not None and head < verb:
        shared = subject_of(doc, head, avoid=avoid)
        if shared is not None:
            return shared
    if parsed is not None:
        # Inverted order puts the subject right after the verb: "meinte der Minister, dass X …"
        after = _noun_after(doc, verb, avoid, nominative=True)
        return after if after is not None and after < parsed else parsed
    return _noun_after(doc, verb, avoid) or _noun_before(doc, verb, avoid) or _issuer(doc, verb, avoid)


def _pronoun_after_finite(doc: ParsedDoc, verb: int, avoid: range) -> int | None:
    """A nominative personal pronoun right after the finite cue is its subject.

    "Gegenüber der Zeitung erklärte sie": unstressed pronouns open the middle field,
    so whatever fills the prefield ("Gegenüber der Zeitung", "Passend zu …") is not
    the subject then.
    """
    anchor = _finite_anchor(doc, verb)
    index = anchor + 1
    if index in avoid or index >= doc.sentences[doc.words[verb].sentence].last:
        return None
    word = doc.words[index]
    if doc.words[anchor].upos not in ("VERB", "AUX") or not (
        _finite(doc.words[anchor]) or doc.words[anchor].upos == "AUX"
    ):
        return None
    if word.upos == "PRON" and word.feat("PronType") == "Prs" and word.feat("Case") in (None, "Nom"):
        return index if word.lemma.lower() in _SUBJECT_PRONOUNS else None
    return None


def is_passive(doc: ParsedDoc, verb: int) -> bool:
    """A passive cue: "wurde vorgeworfen", "war befürchtet worden"."""
    word = doc.words[verb]
    return bool(doc.dependents(verb, "aux:pass")) or (
        word.xpos == "VVPP"
        and any(doc.words[a].lemma.lower() == "werden" for a in doc.dependents(verb, "aux"))
    )


def _passive_subject(doc: ParsedDoc, verb: int, avoid: range) -> int | None:
    """The subject of a passive cue whose subject spoke: "Panetta wird mit den Worten zitiert".

    A noun right after the finite auxiliary comes first ("„…“, wird Downey zitiert"),
    since the parser may take the clause before for the subject.
    """
    if any(a > verb for a in doc.dependents(verb, "aux", "aux:pass")):
        # verb-final "wie X von der Zeitung zitiert wird": the medium relays it, as in the active
        return _agent(doc, verb, avoid) or _noun_before(doc, verb, avoid)
    after = _noun_after(doc, _finite_anchor(doc, verb), avoid, nominative=True)
    if after is not None:
        return after
    for index in (verb, *doc.dependents(verb, "aux", "aux:pass")):
        for child in doc.children[index]:
            if (
                doc.words[child].deprel in ("nsubj", "nsubj:pass")
                and child not in avoid
                and _can_be_subject(doc, child)
            ):
                return child
    return _prefield_subject(doc, verb, avoid) or _agent(doc, verb, avoid)


def _agent(doc: ParsedDoc, verb: int, avoid: range) -> int | None:
    """The "von X" agent of a passive cue, if the text names one."""
    for dep in doc.dependents(verb, "obl"):
        if dep not in avoid and is_agent(doc, dep):
            return dep
    return None


def is_agent(doc: ParsedDoc, dep: int) -> bool:
    """A "von"/"vom" phrase: the agent of a passive."""
    cases = [doc.words[c].text.lower() for c in doc.dependents(dep, "case")]
    return cases[:1] in (["von"], ["vom"])


def _adverbial_prefield(doc: ParsedDoc, verb: int, subject: int) -> bool:
    """The parser's subject sits in a prefield that opens with an adverbial: "Angesichts der Lage sagte X"."""
    start = doc.sentences[doc.words[verb].sentence].first
    lo = subject
    while lo - 1 >= start and doc.words[lo - 1].text not in ",;:–—":
        lo -= 1
    first = doc.words[lo]
    return lo < subject and first.upos in ("ADP", "ADV", "ADJ", "SCONJ", "CCONJ")


def _issuer(doc: ParsedDoc, verb: int, avoid: range) -> int | None:
    """Where an impersonal cue comes from: "In der Erklärung heißt es", "hieß es vom Sprecher"."""
    for dep in doc.dependents(verb, "obl"):
        cases = [doc.words[c].text.lower() for c in doc.dependents(dep, "case")]
        if dep not in avoid and cases and cases[0] in ("in", "im", "aus", "auf", "bei", "beim", "von", "vom"):
            return dep
    return None


def _parsed_subject(doc: ParsedDoc, verb: int, avoid: range) -> int | None:
    """The parser's subject of `verb`, or of the verb it is an infinitive or auxiliary of."""
    # the finite light verb the parser hangs under a particle cue: "gab bekannt" -> "gab" (xcomp)
    light = [c for c in doc.dependents(verb, "xcomp") if c < verb and _finite(doc.words[c])]
    head = doc.words[verb].head
    # the verb it is an infinitive or auxiliary of
    governor = [head] if head is not None and doc.words[verb].deprel in ("xcomp", "aux") else []
    for index in (verb, *light, *governor):
        subjects = [
            s
            for s in doc.children[index]
            if doc.words[s].deprel == "nsubj" and s not in avoid and _can_be_subject(doc, s)
        ]
        if subjects:
            # a subject marked nominative beats an unmarked one ("Gegenüber der Zeitung erklärte sie"),
            # which beats one marked oblique ("sagte angesichts der Umstände")
            subject = min(subjects, key=lambda s: (_case_rank(doc.words[s]), abs(s - verb)))
            if _bare_first_word(doc, subject, verb):
                return _noun_after(doc, _finite_anchor(doc, verb), avoid, nominative=True) or subject
            return subject
    return None


def _prefield_subject(doc: ParsedDoc, verb: int, avoid: range) -> int | None:
    """The head of a noun phrase that fills the prefield of a verb-second verb: "Der Minister sagte"."""
    anchor = _finite_anchor(doc, verb)
    start = doc.sentences[doc.words[verb].sentence].first
    lo = anchor
    while lo - 1 >= start and doc.words[lo - 1].text not in _CLAUSE_BOUNDARY:
        lo -= 1
    if lo > start and doc.words[lo].feat("PronType") == "Rel":
        return None  # the cue's own clause is a relative clause
    # appositions belong to a prefield that ends at their comma ("Auden, ein Sprecher, wies darauf hin"),
    # not to one of its own ("Der Grund, so vermutet die Zeitung, …")
    appositions = _appositions_before(doc, lo, start) if lo == anchor else []
    phrase = [i for i in appositions + list(range(lo, anchor)) if i not in avoid]
    clausal = ("AUX", "CCONJ", "SCONJ")
    if not phrase or any(doc.words[i].upos in clausal or _finite(doc.words[i]) for i in phrase):
        return None  # a clause of its own, not a noun phrase
    if doc.words[phrase[0]].upos == "ADP" or doc.words[phrase[0]].text.lower() in _PREPOSITIONS:
        return None  # a prepositional phrase, not a subject
    roots = [i for i in phrase if doc.words[i].head not in phrase and _can_be_subject(doc, i)]
    roots = [i for i in roots if _nominal(doc, i, phrase)]
    if (
        not roots
        or _bare_first_word(doc, roots[0], verb)
        or doc.words[roots[0]].feat("Case") in ("Acc", "Dat")
    ):
        return None
    return roots[0]


def _nominal(doc: ParsedDoc, index: int, phrase: list[int]) -> bool:
    """A noun, name or pronoun; or any word right after an article in the phrase ("Die taz"),
    which the tagger may call an adjective when it does not know the name."""
    word = doc.words[index]
    if word.upos in ("NOUN", "PROPN", "PRON") or _name_as_adverb(word):
        return True
    before = index - 1
    return before in phrase and doc.words[before].xpos == "ART" and word.upos in ("ADJ", "ADV", "X")


def _finite_anchor(doc: ParsedDoc, verb: int) -> int:
    """The finite auxiliary before a participle cue ("X hatte … aufgefordert"), which opens its field."""
    auxiliaries = [a for a in doc.dependents(verb, "aux", "aux:pass") if a < verb]
    return min(auxiliaries) if auxiliaries else verb


def _appositions_before(doc: ParsedDoc, lo: int, start: int) -> list[int]:
    """Comma-bounded segments before `lo` that hold no verb, or are relative clauses.

    "Tony Auden, ein Sprecher des Zentrums, wies darauf hin" and "Klose, der Gelb-Rot
    sah, nannte …": the prefield is the name with its apposition or relative clause,
    which commas cut off. Relative clauses are skipped, verbless segments kept.
    """
    kept: list[int] = []
    hi = lo - 1
    while hi > start and doc.words[hi].text == ",":
        first = hi
        while first - 1 >= start and doc.words[first - 1].text not in _CLAUSE_BOUNDARY:
            first -= 1
        segment = list(range(first, hi))
        if not segment:
            break
        relative = first > start and _opens_relative(doc, first)
        if not relative and any(doc.words[i].upos in ("VERB", "AUX") for i in segment):
            break
        kept = ([] if relative else segment) + kept
        hi = first - 1
    return kept


def _opens_relative(doc: ParsedDoc, index: int) -> bool:
    """A relative clause starts here: "der …", "mit dem …"."""
    word = doc.words[index]
    if word.upos == "ADP" and index + 1 < len(doc.words):
        word = doc.words[index + 1]
    return "Rel" in (word.feat("PronType") or "")


def _can_be_subject(doc: ParsedDoc, index: int) -> bool:
    """Guards against the small parser's favourite error, the sentence's first phrase as subject.

    A subject is a noun, name or pronoun without a preposition ("Per Dekret" is not),
    and not the expletive "es" of "es hieß".
    """
    word = doc.words[index]
    if word.upos not in ("NOUN", "PROPN", "PRON", "DET", "ADJ", "NUM", "X") and not _name_as_adverb(word):
        return False
    if word.upos in ("NOUN", "PROPN") and (word.lemma[:1].islower() or word.text.lower() in _ADVERBS):
        return False  # "Weiter", "Bislang": a capitalised adverb, its lemma or the adverb list gives it away
    if _oblique(doc, index):
        return False  # "dankte den Menschen": the parser's subject is an object
    if word.upos == "PRON" and (
        word.lemma.lower() in ("es", "was") or word.feat("Case") in ("Dat", "Acc", "Gen")
    ):
        return False
    # "Als Grund" is no subject; "Wie die Feuerwehr (mitteilte)" is, whatever the parser hangs on it
    if not all(doc.words[c].text.lower() == "wie" for c in doc.dependents(index, "case")):
        return False
    first = doc.words[min(doc.subtree(index))]
    return first.upos != "ADP" and first.text.lower() not in _PREPOSITIONS  # "Gegenüber der Agentur …"


def _case_rank(word: Word) -> int:
    """0 for a word the tagger marks nominative, 1 for one without case, 2 for another case."""
    case = word.feat("Case")
    return 0 if case == "Nom" else 1 if case is None else 2


def _nominative(word: Word) -> bool:
    """Not marked as another case than nominative by the tagger."""
    return word.feat("Case") in (None, "Nom")


def _oblique(doc: ParsedDoc, index: int) -> bool:
    """A noun whose determiner shows it is not nominative: "den Menschen", "seinem Anwalt"."""
    return any(
        doc.words[d].text.lower() in _OBLIQUE_DETERMINERS
        for d in doc.dependents(index, "det", "det:poss")
        if d < index
    )


def _bare_first_word(doc: ParsedDoc, subject: int, verb: int) -> bool:
    """A lone common noun opening the sentence before the verb: "Bislang sagte der Minister".

    The small model tags capitalised adverbs and fronted objects as nouns and
    makes them subjects; a noun phrase right after the verb is the likelier subject.
    """
    word = doc.words[subject]
    first = doc.sentences[word.sentence].first
    return (
        subject == first
        and subject < verb
        and word.upos in ("NOUN", "ADJ", "ADV")
        and not doc.children[subject]
        and not _name_as_adverb(word)
    )


def _finite(word: Word) -> bool:
    """A verb that may be finite; the tagger calls adverbs such as "gestern" non-finite verbs."""
    if word.upos != "VERB":
        return False
    return word.xpos in ("VVFIN", "VAFIN", "VMFIN", "VBC") or word.feat("VerbForm") == "Fin"


def _name_as_adverb(word: Word) -> bool:
    """A name the tagger calls an adverb ("Merkel hob hervor"): adverbs have lower-case lemmas."""
    return word.upos == "ADV" and word.lemma[:1].isupper() and word.text[:1].isupper()


def _noun_before(doc: ParsedDoc, verb: int, avoid: range) -> int | None:
    """The first noun of a verb-final clause: "Wie der Minister am Dienstag erklärte".

    Appositions count: "Wie der Richter, Otto Beispiel, ausführte".
    """
    start = doc.sentences[doc.words[verb].sentence].first
    lo = verb
    while lo - 1 >= start and doc.words[lo - 1].text not in ",;:" and not _finite(doc.words[lo - 1]):
        lo -= 1
    for index in _appositions_before(doc, lo, start) + list(range(lo, verb)):
        word = doc.words[index]
        if index not in avoid and word.upos in ("NOUN", "PROPN") and _can_be_subject(doc, index):
            return index
    return None


def _noun_after(doc: ParsedDoc, verb: int, avoid: range, *, nominative: bool = False) -> int | None:
    """The head of a noun phrase that directly follows `verb` in its sentence ("sagte der Minister").

    With `nominative`, the phrase must not be marked as another case ("empfahl den Politikern").
    """
    end = doc.sentences[doc.words[verb].sentence].last
    for index in range(verb + 1, min(end, verb + 6)):
        word = doc.words[index]
        if word.text.lower() in _OBLIQUE_DETERMINERS or (nominative and not _nominative(word)):
            return None
        if index in avoid or word.upos in ("PUNCT", "VERB", "AUX", "ADP", "SCONJ", "CCONJ"):
            return None
        if word.upos == "PRON" and word.feat("Case") in (None, "Nom") and word.feat("PronType") == "Prs":
            return index if word.lemma.lower() != "es" else None
        if word.upos in ("NOUN", "PROPN"):
            return _phrase_head(doc, index)
    return None


def _phrase_head(doc: ParsedDoc, index: int) -> int:
    """Climb from a compound part to its noun: "US" in "der US-Präsident" -> "Präsident"."""
    while doc.words[index].deprel in ("compound", "flat", "flat:name") and (head := doc.words[index].head):
        if head < index or head - index > 3:
            break
        index = head
    return index


def mention_words(doc: ParsedDoc, head: int, *, after: int = -1) -> tuple[int, ...]:
    """The contiguous phrase around `head`: its determiners, adjectives, names and appositions.

    Words at or before index `after` (the cue verb, for a subject that follows it) are left out.
    """
    keep = {head}
    stack = [head]
    while stack:
        index = stack.pop()
        for child in doc.children[index]:
            word = doc.words[child]
            if word.deprel not in _MENTION_PARTS:
                continue
            if word.deprel == "nmod" and doc.dependents(child, "case"):
                continue  # "in Brüssel": an adverbial the parser hung on the noun
            if (word.deprel == "case" and index == head) or child <= after:
                continue
            keep.add(child)
            stack.append(child)
    # the contiguous run around the head, trimmed of punctuation at its edges
    lo = hi = head
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    for i in range(lo, head):  # a dateline before the phrase: "BERLIN (dpa) - Der Minister"
        if (
            doc.words[i].text in ("-", "–", "—", ")")
            and doc.text[doc.words[i].end : doc.words[i].end + 1] == " "
        ):
            lo = i + 1
    while lo < head and doc.words[lo].upos == "PUNCT":
        lo += 1
    while hi > head and doc.words[hi].upos == "PUNCT":
        hi -= 1
    return tuple(range(lo, hi + 1))


def mention_name(doc: ParsedDoc, words: tuple[int, ...]) -> str | None:
    """The name in a mention: its proper-noun chain, or a lone capitalised noun; None for pronouns."""
    if not words:
        return None
    tagged = [i for i in words if doc.words[i].upos == "PROPN"]
    if tagged:
        run = [tagged[0]]
        for i in tagged[1:]:
            if i == run[-1] + 1 or (i == run[-1] + 2 and doc.words[i - 1].text == "-"):
                run.extend(range(run[-1] + 1, i + 1))
            else:
                break
        return doc.text[doc.words[run[0]].start : doc.words[run[-1]].end]
    if len(words) == 1:
        word = doc.words[words[0]]
        if word.upos == "NOUN" and word.text[:1].isupper():
            return word.text  # the small model often tags surnames as NOUN
    return None


def relative_antecedent(doc: ParsedDoc, subject: int, verb: int) -> int:
    """A relative pronoun subject ("Stimmen, die … vorwerfen") stands for the noun before its comma."""
    word = doc.words[subject]
    relative = "Rel" in (word.feat("PronType") or "") or (
        word.upos in ("PRON", "DET") and subject > 0 and doc.words[subject - 1].text == ","
    )
    if not relative:
        return subject
    head = doc.words[verb].head
    if doc.words[verb].deprel == "acl:relcl" and head is not None:
        return head
    first = doc.sentences[word.sentence].first
    for index in range(subject - 2, max(first, subject - 8) - 1, -1):
        if doc.words[index].upos in ("NOUN", "PROPN"):
            return index
    return subject
