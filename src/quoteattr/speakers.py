"""Speaker mentions: from the subject word of a cue to the phrase and its name.

The mention is the subject's phrase without relative clauses and prepositional
attachments ("die Grünen-Politikerin in Brüssel" -> "die Grünen-Politikerin"),
since the parser often hangs the cue's adverbials on the subject. The name is
the proper-noun chain of the mention ("Kremlsprecher Dmitri Peskow" -> "Dmitri
Peskow"); pronouns and descriptions get none here.
"""

from __future__ import annotations

from quoteattr.parse import ParsedDoc

_MENTION_PARTS = frozenset(
    {"det", "det:poss", "amod", "flat", "flat:name", "compound", "appos", "nummod"}
    | {"conj", "cc", "punct", "nmod", "nmod:poss", "case"}
)


def subject_of(doc: ParsedDoc, verb: int, *, avoid: range = range(0)) -> int | None:
    """The subject of `verb` (or of the verb it is an infinitive of), outside the words `avoid`.

    When the parse gives none, a noun phrase right after the verb stands in:
    in "…, berichtete Selenskyj." the small model often misreads the cue clause.
    """
    for index in (verb, doc.words[verb].head):
        if index is None:
            break
        subjects = [s for s in doc.dependents(index, "nsubj") if s not in avoid and _can_be_subject(doc, s)]
        if subjects:
            return min(subjects, key=lambda s: abs(s - verb))
        if doc.words[verb].deprel not in ("xcomp", "aux", "conj"):
            break
    return _noun_after(doc, verb, avoid) or _noun_before(doc, verb, avoid)


def _can_be_subject(doc: ParsedDoc, index: int) -> bool:
    """Guards against the small parser's favourite error, the sentence's first phrase as subject.

    A subject is a noun, name or pronoun without a preposition ("Per Dekret" is not),
    and not the expletive "es" of "es hieß".
    """
    word = doc.words[index]
    if word.upos not in ("NOUN", "PROPN", "PRON", "DET", "ADJ", "NUM", "X"):
        return False
    if word.upos == "PRON" and word.lemma.lower() == "es":
        return False
    return not any(doc.words[c].upos == "ADP" for c in doc.dependents(index, "case"))


def _noun_before(doc: ParsedDoc, verb: int, avoid: range) -> int | None:
    """The first noun of a verb-final clause: "Wie der Minister am Dienstag erklärte"."""
    start = doc.sentences[doc.words[verb].sentence].first
    lo = verb
    while lo - 1 >= start and doc.words[lo - 1].text not in ",;:" and doc.words[lo - 1].upos != "VERB":
        lo -= 1
    for index in range(lo, verb):
        word = doc.words[index]
        if index not in avoid and word.upos in ("NOUN", "PROPN") and _can_be_subject(doc, index):
            return index
    return None


def _noun_after(doc: ParsedDoc, verb: int, avoid: range) -> int | None:
    """The head of a noun phrase that directly follows `verb` in its sentence ("sagte der Minister")."""
    end = doc.sentences[doc.words[verb].sentence].last
    for index in range(verb + 1, min(end, verb + 6)):
        word = doc.words[index]
        if index in avoid or word.upos in ("PUNCT", "VERB", "AUX", "ADP", "SCONJ", "CCONJ"):
            return None
        if word.upos == "PRON" and word.feat("Case") in (None, "Nom") and word.feat("PronType") == "Prs":
            return index
        if word.upos in ("NOUN", "PROPN"):
            return index
    return None


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
        if doc.words[i].text in ("-", "–", "—", ")"):
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
    """A relative pronoun subject ("der sagte") stands for the noun its clause modifies."""
    word = doc.words[subject]
    head = doc.words[verb].head
    if "Rel" in (word.feat("PronType") or "") and doc.words[verb].deprel == "acl:relcl" and head is not None:
        return head
    return subject
