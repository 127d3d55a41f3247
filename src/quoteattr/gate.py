"""The parse gate: which sentences can hold a quote, decided from their text alone.

Stanza is the whole cost of quoteattr, and most sentences of a news text report
no speech. A sentence reaches the parser only if one of the rules could use its
parse:

- it has a quotation mark, or stands inside a quotation that spans sentences;
- it comes right before a sentence with a quotation mark ("Sie sagte:" / „…“)
  or with "demnach" (whose speaker is named the sentence before);
- it ends in a colon, or reads 'Name: …' (an agency headline);
- it holds a cue verb form (lower-case, as verbs are written, or first in the
  sentence: "Bericht" is a noun, "berichtete" a verb), a whole according-to phrase
  ("laut", "nach Angaben"), a listed Konjunktiv form or hearsay "soll".

The others keep their tokens and offsets but no parse; no rule can fire on them.
Speaker names in such sentences are not parsed either, so a pronoun whose antecedent
stands only there may get no name (`Quote.speaker.name`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quoteattr.lexicon import Lexicon

_TOKEN = re.compile(r"[^\W\d_]+|[„“”\"»«:]|''|,,")
"""Words, quotation marks and colons: all the gate looks at."""
_MARKS = frozenset({"„", "“", "”", '"', "»", "«", "''", ",,"})
_OPENERS = frozenset({"„", "»", ",,"})
_CLOSERS = frozenset({"“", "«", "''"})
_COLON = re.compile(r":\s*$|^(?:[^\W\d_][\w.-]*\s){0,2}[^\W\d_][\w.-]*:\s")
"""A sentence that ends in a colon, or one to three words and a colon: "Baerbock: …"."""
_ENDINGS = ("", "e", "st", "t", "en", "n", "et", "te", "ten", "test", "tet", "end", "ete", "eten")
_HEARSAY = ("soll", "sollen", "sollte", "sollten")
_MAX_OPEN = 6
"""Sentences a quotation may span before an unpaired opening mark stops counting."""


class SentenceGate:
    """Tells, for the sentences of a text, which ones need a parse."""

    def __init__(self, lexicon: Lexicon) -> None:
        verbs: set[str] = set(lexicon.konjunktiv) | set(_HEARSAY)
        attested: dict[str, set[str]] = {}
        for form, stem in lexicon.cue_forms.items():
            attested.setdefault(stem, set()).add(form)
        split: dict[str, set[str]] = {}
        for verb in lexicon.verbs.values():
            forms = _regular_forms(verb.stem) | attested.get(verb.stem, set())
            if verb.particle is None:
                verbs |= forms
                continue
            # "teilte … mit" needs its particle; "mitteilte", "mitgeteilt" stand alone
            verbs |= {verb.particle + f for f in forms} | {verb.particle + "zu" + verb.stem}
            for form in forms:
                split.setdefault(form, set()).add(verb.particle)
        phrases: dict[str, list[frozenset[str]]] = {}
        previous: set[str] = set()
        for cue, side in lexicon.according_to.items():
            for last in (cue[-1], cue[-1].capitalize()):  # "laut" and "Laut", "Angaben"
                phrases.setdefault(last, []).append(frozenset(cue[:-1]))
                if side == "previous" and len(cue) == 1:
                    previous.add(last)
        self._verbs = frozenset(verbs)
        self._split = {form: frozenset(particles) for form, particles in split.items()}
        self._phrases = phrases
        self._previous = frozenset(previous)  # "Demnach": its speaker is named the sentence before

    def needs_parse(self, text: str) -> bool:
        """Whether one sentence, taken alone, may hold a quote or a cue."""
        return self._needs_parse(text, _TOKEN.findall(text))

    def _needs_parse(self, text: str, tokens: list[str]) -> bool:
        if not tokens:
            return False
        if not _MARKS.isdisjoint(tokens) or (":" in tokens and _COLON.search(text) is not None):
            return True
        # The lexicon's verb forms are lower-case, so capitalised nouns ("Bericht") do not match.
        if not self._verbs.isdisjoint(tokens) or tokens[0].lower() in self._verbs:
            return True
        if not self._split.keys().isdisjoint(tokens):
            present = {t.lower() for t in tokens}
            if any(not self._split[t].isdisjoint(present) for t in present.intersection(self._split)):
                return True
        if not self._phrases.keys().isdisjoint(tokens):
            present = {t.lower() for t in tokens}
            found = self._phrases.keys() & set(tokens)
            return any(rest <= present for t in found for rest in self._phrases[t])
        return False

    def select(self, sentences: Sequence[str]) -> list[bool]:
        """The gate for each sentence of one document, with the context quotations need."""
        chosen = []
        open_marks = open_for = 0
        for i, sentence in enumerate(sentences):
            tokens = _TOKEN.findall(sentence)
            chosen.append(self._needs_parse(sentence, tokens))
            if open_marks > 0 and open_for < _MAX_OPEN:
                chosen[i] = True  # inside a quotation of several sentences
                open_for += 1
            if i and not self._previous.isdisjoint(tokens):
                chosen[i - 1] = True
            if not _MARKS.isdisjoint(tokens):
                if i:
                    chosen[i - 1] = True  # a cue may stand in the sentence before
                balance = sum(t in _OPENERS for t in tokens) - sum(t in _CLOSERS for t in tokens)
                open_marks = max(0, open_marks + balance)
                open_for = 0
        return chosen


def _regular_forms(stem: str) -> set[str]:
    """Present, past and participle forms of a weak verb: sagen -> sage, sagt, sagte, gesagt …"""
    base = stem[:-2] if stem.endswith("en") else stem[:-1] if stem.endswith("n") else stem
    forms = {base + ending for ending in _ENDINGS} | {"ge" + base + "t", base + "et", "ge" + base + "et"}
    return forms | {stem}
