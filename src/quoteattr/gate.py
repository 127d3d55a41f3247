"""The parse gate: which sentences can hold a quote, decided from their text alone.

Stanza is the whole cost of quoteattr, and most sentences of a news text report
no speech. A sentence reaches the parser only if it has a quotation mark, a
colon, a cue verb form, an according-to word, a Konjunktiv form or hearsay
"soll", or if it comes right before a sentence with a quotation mark (a quote
standing alone takes its speaker from there). The others keep their tokens and
offsets but no parse; no rule can fire on them.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from quoteattr.lexicon import Lexicon

_WORD = regex.compile(r"\p{L}+")
_MARKS = regex.compile(r"[„“”\"»«‚‘›‹:]|''|,,")
_QUOTE_MARKS = regex.compile(r"[„“”\"»«]|''|,,")
_ENDINGS = ("", "e", "st", "t", "en", "n", "et", "te", "ten", "test", "tet", "end")
_HEARSAY = ("soll", "sollen", "sollte", "sollten")


class SentenceGate:
    """Tells, for the sentences of a text, which ones need a parse."""

    def __init__(self, lexicon: Lexicon) -> None:
        words: set[str] = set(lexicon.konjunktiv) | set(_HEARSAY)
        words.update(cue[-1] for cue in lexicon.according_to)  # "Angaben" stands for "nach Angaben"
        attested: dict[str, set[str]] = {}
        for form, stem in lexicon.cue_forms.items():
            attested.setdefault(stem, set()).add(form)
        split: dict[str, set[str]] = {}
        for verb in lexicon.verbs.values():
            forms = _regular_forms(verb.stem) | attested.get(verb.stem, set())
            if verb.particle is None:
                words |= forms
                continue
            # "teilte … mit" needs its particle; "mitteilte", "mitgeteilt" stand alone
            words |= {verb.particle + f for f in forms} | {verb.particle + "zu" + verb.stem}
            for form in forms:
                split.setdefault(form, set()).add(verb.particle)
        self._words = frozenset(words)
        self._split = {form: frozenset(particles) for form, particles in split.items()}

    def needs_parse(self, text: str) -> bool:
        """Whether one sentence may hold a quote or a cue."""
        if _MARKS.search(text):
            return True
        words = _WORD.findall(text.lower())
        if any(w in self._words for w in words):
            return True
        present = set(words)
        return any(not particles.isdisjoint(present) for w in words if (particles := self._split.get(w)))

    def select(self, sentences: Sequence[str]) -> list[bool]:
        """The gate for each sentence of one document, neighbours of quotations included."""
        chosen = [self.needs_parse(s) for s in sentences]
        for i in range(1, len(sentences)):
            if _QUOTE_MARKS.search(sentences[i]):
                chosen[i - 1] = True
        return chosen


def _regular_forms(stem: str) -> set[str]:
    """Present, past and participle forms of a weak verb: sagen -> sage, sagt, sagte, gesagt …"""
    base = stem[:-2] if stem.endswith("en") else stem[:-1] if stem.endswith("n") else stem
    forms = {base + ending for ending in _ENDINGS} | {"ge" + base + "t", base + "et", "ge" + base + "et"}
    return forms | {stem}
