"""The parse gate: which sentences can hold a quote, decided from their text alone.

Stanza is the whole cost of quoteattr, and most sentences of a news text report
no speech. A sentence reaches the parser only if one of the rules could use its
parse:

- it has a quotation mark, or stands inside a quotation that spans sentences;
- it comes right before a sentence that a quotation opens ("Sie sagte:" / „…“)
  or with "demnach" (whose speaker is named the sentence before);
- it ends in a colon, or reads 'Name: …' (an agency headline);
- it holds a cue verb form (lower-case, as verbs are written, or first in the
  sentence: "Bericht" is a noun, "berichtete" a verb) with what its content needs:
  nothing for a verb that takes an object ("bestätigte das Treffen"), a comma, colon
  or "zu" for one whose content is a clause ("entschied, …"), the predicate word for
  one that only judges ("hält … für", "sieht … in"); or a whole according-to phrase
  ("laut", "nach Angaben", "nach" and a source noun) or a final "…, so X";
- it holds a listed Konjunktiv form or hearsay "soll" and follows a selected
  sentence, or a cue verb form without its content (free indirect speech continues
  a quote or a cue: "Der Rat entschied am Montag. Die Schule bleibe …").

The others keep their tokens and offsets but no parse; no rule can fire on them.
Speaker names in such sentences are not parsed either, so a pronoun whose antecedent
stands only there may get no name (`Quote.speaker.name`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quoteattr.lexicon import VERDICTS, Lexicon, read_tsv
from quoteattr.marks import looks_like_name

ABBREVIATIONS_FILE = "abbreviations.tsv"
OTHER_WORDS_FILE = "other_words.tsv"

_TOKEN = re.compile(r"\w+|[„“”\"»«:]|''|,,")
"""Words (numbers too, which match no cue), quotation marks and colons: all the gate looks at."""
_MARKS = frozenset({"„", "“", "”", '"', "»", "«", "''", ",,"})
_OPENERS = frozenset({"„", "»", ",,"})
_CLOSERS = frozenset({"“", "«", "''"})
_OPENING_CHARS = frozenset('„»",')
"""First characters of a sentence that a quotation opens (",," included)."""
_COLON = re.compile(r":\s*$|^(?:[^\W\d_][\w.-]*\s){0,2}[^\W\d_][\w.-]*:\s")
"""A sentence that ends in a colon, or one to three words and a colon: "Baerbock: …"."""
_ENDINGS = ("e", "st", "t", "en", "n", "et", "te", "ten", "test", "tet", "end", "ete", "eten")
_SO = re.compile(r",\s+[Ss]o\s+(?:\S+\s+){0,6}\S+\s*$")
"""A sentence that ends in "…, so X": the according-to cue of `according_to._so_quotes`."""
_NACH = frozenset({"nach", "Nach"})
_QUOTED = re.compile(r'[„»"]([^„“”»«"]{1,80})[“”«"]')
"""A quotation within one sentence and its content."""
_CLAUSE_ENDS = frozenset(',.;:!?()[]–—“”"«»')
"""What may follow a word that ends its clause, as a split particle does ("gab … bekannt.")."""
_SIGNAL_WORDS = frozenset({":", "zu"}) | VERDICTS | {"im"}
_HEARSAY = ("soll", "sollen", "sollte", "sollten")
_NONE, _MOOD, _CUE, _SPEECH = 0, 1, 2, 3
"""How much a sentence tells by itself, from nothing to a quote or a cue with its content."""
_BOUNDARY = re.compile(
    r"(?P<blank>\n[ \t]*\n\s*)|(?P<stop>[.!?])(?P<close>[“”\"»«]?)\s+(?=[„»\"]?[^\W\d_a-zß-öø-ÿ])"
)
"""A blank line, or . ! ? (and a closing mark) before space and a capital (or an opening mark)."""

_MAX_OPEN = 6
"""Sentences a quotation may span before an unpaired opening mark stops counting."""


class SentenceGate:
    """Tells, for the sentences of a text, which ones need a parse."""

    def __init__(self, lexicon: Lexicon) -> None:
        attested: dict[str, set[str]] = {}
        for form, stem in lexicon.cue_forms.items():
            attested.setdefault(stem, set()).add(form)
        other_words = frozenset(row["form"] for row in read_tsv(OTHER_WORDS_FILE))
        split: dict[str, set[str]] = {}
        needs: dict[str, set[str] | None] = {}
        for verb in lexicon.verbs.values():
            if verb.complements == {"direct"}:
                continue  # it only cues quotations, and their marks select the sentence
            forms = (_regular_forms(verb.stem) | attested.get(verb.stem, set())) - other_words
            predicates = verb.complements & VERDICTS
            if predicates and verb.particle is None and verb.complements - VERDICTS <= {"dass"}:
                signals = _content_signals(predicates)  # "hält … für", "sieht … in": a verdict
            else:
                signals = _content_signals(verb.complements)
            if verb.particle is None:
                keys = forms
            else:  # "teilte … mit" needs its particle; "mitteilte", "mitgeteilt" stand alone
                keys = {verb.particle + f for f in forms} | {verb.particle + "zu" + verb.stem}
                keys |= {f"{form} {verb.particle}" for form in forms}
                for form in forms:
                    split.setdefault(form, set()).add(verb.particle)
            for key in keys:  # a form of several verbs needs what the least demanding one needs
                known = needs.get(key, set())
                needs[key] = None if signals is None or known is None else known | signals
        phrases: dict[str, list[frozenset[str]]] = {}
        previous: set[str] = set()
        for cue, side in lexicon.according_to.items():
            for last in (cue[-1], cue[-1].capitalize()):  # "laut" and "Laut", "Angaben"
                phrases.setdefault(last, []).append(frozenset(cue[:-1]))
                if side == "previous" and len(cue) == 1:
                    previous.add(last)
        self._needs = {key: None if signals is None else frozenset(signals) for key, signals in needs.items()}
        """What a sentence must hold (`_content_signals`) for a verb form or "form particle" to cue."""
        self._verbs = frozenset(key for key in needs if " " not in key)
        self._moods = frozenset(set(lexicon.konjunktiv) | set(_HEARSAY)) - self._verbs
        self._split = {form: frozenset(particles) for form, particles in split.items()}
        self._phrases = phrases
        self._previous = frozenset(previous)  # "Demnach": its speaker is named the sentence before
        self._is_source_noun = lexicon.is_source_noun
        self._triggers = frozenset(
            self._verbs | self._moods | self._split.keys() | self._phrases.keys() | _MARKS | {":"} | _NACH
        )
        """Every token that can make a sentence count: one set lookup pass finds them all."""

    def needs_parse(self, text: str) -> bool:
        """Whether one sentence may need a parse: it holds a quote or cue, or reported speech near one."""
        return self._level(text, _TOKEN.findall(text)) > _NONE

    def _level(self, text: str, tokens: list[str], names: bool | None = None) -> int:
        """_SPEECH for a quote or a cue with content, _CUE for a cue alone, _MOOD for Konjunktiv or "soll".

        `names` says whether the sentence's quotations are all names (`_names_only`), if known.
        """
        if not tokens:
            return _NONE
        if (", so " in text or ", So " in text) and _SO.search(text) is not None:
            return _SPEECH
        hits = self._triggers.intersection(tokens)
        first = tokens[0].lower()
        if first in self._triggers:
            hits |= {first}  # "Sei es drum", "Berichtet wird …": a verb may start the sentence capitalised
        if not hits:
            return _NONE
        if not _MARKS.isdisjoint(hits) and (_names_only(text) if names is None else names):
            hits -= _MARKS  # „Politico“, „Tatort“: quoted names, no one's words
        if not _MARKS.isdisjoint(hits) or (":" in hits and _COLON.search(text) is not None):
            return _SPEECH
        # The lexicon's verb forms are lower-case, so capitalised nouns ("Bericht") do not match.
        cues = [t for t in hits if t in self._verbs]
        if not _NACH.isdisjoint(hits) and self._source_after_nach(tokens):
            return _SPEECH  # "nach ersten Informationen": cues.find_according_to
        if not self._split.keys().isdisjoint(hits) or not self._phrases.keys().isdisjoint(hits):
            present = {t.lower() for t in tokens}
            if any(rest <= present for t in hits.intersection(self._phrases) for rest in self._phrases[t]):
                return _SPEECH
            cues += [
                f"{t} {p}"
                for t in hits.intersection(self._split)
                for p in self._split[t]
                if p in present
                and _ends_clause(text, p)  # "gab … bekannt.": a split particle ends its clause
            ]
        if cues:
            signals = _signals(text, tokens)
            if any(self._needs[cue] is None or not self._needs[cue].isdisjoint(signals) for cue in cues):
                return _SPEECH
            return _SPEECH if not self._moods.isdisjoint(hits) else _CUE
        return _MOOD if not self._moods.isdisjoint(hits) else _NONE

    def _source_after_nach(self, tokens: list[str]) -> bool:
        """ "nach" and a source noun within the next four words ("nach ersten Informationen")."""
        for word in _NACH:
            k = -1
            while word in tokens[k + 1 :]:
                k = tokens.index(word, k + 1)
                if any(self._is_source_noun(t) for t in tokens[k + 1 : k + 5]):
                    return True
        return False

    def select(self, sentences: Sequence[str]) -> list[bool]:
        """The gate for each sentence of one document, with the context quotations need.

        A sentence whose only signal is its mood (Konjunktiv, "soll") is reported speech
        only as the continuation of a quote, so it is parsed only after a selected sentence.
        """
        chosen: list[bool] = []
        open_marks = open_for = 0
        tokenised = [_TOKEN.findall(sentence) for sentence in sentences]
        marked = [not _MARKS.isdisjoint(tokens) for tokens in tokenised]
        names = [m and _names_only(sentence) for m, sentence in zip(marked, sentences, strict=True)]
        levels = [self._level(*args) for args in zip(sentences, tokenised, names, strict=True)]
        for i, (sentence, tokens, level) in enumerate(zip(sentences, tokenised, levels, strict=True)):
            follows = i > 0 and (chosen[i - 1] or levels[i - 1] == _CUE)
            chosen.append(level == _SPEECH or (level == _MOOD and follows))
            if level == _MOOD and follows:
                chosen[i - 1] = True  # "Der Rat entschied. Die Schule bleibe …": the cue's speaker goes on
            if open_marks > 0 and open_for < _MAX_OPEN:
                chosen[i] = True  # inside a quotation of several sentences
                open_for += 1
            if i and not self._previous.isdisjoint(tokens):
                chosen[i - 1] = True
            if marked[i]:
                if i and not names[i] and sentence[:1] in _OPENING_CHARS:
                    chosen[i - 1] = True  # a quotation that opens its sentence: its cue may stand before
                balance = sum(t in _OPENERS for t in tokens) - sum(t in _CLOSERS for t in tokens)
                open_marks = max(0, open_marks + balance)
                open_for = 0
        return chosen


def _ends_clause(text: str, word: str) -> bool:
    """Whether `word` stands before punctuation or at the end of `text` somewhere."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        rest = text[end:].lstrip()
        bounded = start == 0 or not text[start - 1].isalpha()
        if bounded and (not rest or rest[0] in _CLAUSE_ENDS):
            return True
        start = text.find(word, end)
    return False


def _content_signals(complements: frozenset[str]) -> set[str] | None:
    """What a sentence must hold for a verb to report content there; None: anything may be content.

    A verb that takes an object ("bestätigte das Treffen") may report speech in any
    sentence, but one whose content is a clause needs the comma that sets off a
    dass- or verb-second clause, a colon, or "zu" ("entschied, zu gehen"); a verdict
    needs its predicate word.
    """
    if complements & {"object", "pp"}:
        return None
    signals: set[str] = set()
    if complements & {"dass", "v2", "zu"}:
        signals.add(",")
    if "v2" in complements:
        signals.add(":")
    if "zu" in complements:
        signals.add("zu")
    for word in complements & VERDICTS:
        signals |= {word, "im"} if word == "in" else {word}
    return signals


def _signals(text: str, tokens: list[str]) -> set[str]:
    """The signals of `_content_signals` present in a sentence (its words as written: "als", not "Als")."""
    present = _SIGNAL_WORDS.intersection(tokens)
    return present | {","} if "," in text else present


def _names_only(text: str) -> bool:
    """Every quotation mark of the sentence pairs around a name („Politico“, »Die Zeit«): no one is quoted."""
    quoted = _QUOTED.findall(text)
    if not quoted:
        return False
    openers = text.count("„") + text.count("»") + text.count(",,") + (text.count('"') + 1) // 2
    return len(quoted) == openers and all(looks_like_name(q) for q in quoted)


def _regular_forms(stem: str) -> set[str]:
    """Present, past and participle forms of a weak verb: sagen -> sage, sagt, sagte, gesagt …"""
    base = stem[:-2] if stem.endswith("en") else stem[:-1] if stem.endswith("n") else stem
    forms = {base + ending for ending in _ENDINGS} | {"ge" + base + "t", base + "et", "ge" + base + "et"}
    return forms | {stem}


class SentenceSplitter:
    """Cuts text into sentences by punctuation, never inside one of Stanza's sentences.

    Only the parsed pieces go through Stanza, which splits them again; so a piece
    holding two of Stanza's sentences costs only speed, while a cut inside one
    would parse a fragment. Hence the care: no cut after an abbreviation, a single
    letter or a number ("Prof. Müller", "J. F. Kennedy", "am 5. August"), nor
    before a lower-case word.
    """

    def __init__(self) -> None:
        self._abbreviations = frozenset(row["abbreviation"].lower() for row in read_tsv(ABBREVIATIONS_FILE))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each sentence, white space outside; together they cover all non-space text."""
        spans = []
        start = 0
        for cut in _BOUNDARY.finditer(text):
            end = cut.end("close") if cut.group("stop") else cut.start()
            if cut.group("blank") or self._ends_sentence(text, start, end):
                if start < end and not text[start].isspace() and not text[end - 1].isspace():
                    spans.append((start, end))  # the usual case, without copying the sentence
                elif piece := text[start:end].strip():
                    lead = text.index(piece[0], start)
                    spans.append((lead, lead + len(piece)))
                start = cut.end()
            # else: the period belongs to an abbreviation; the sentence goes on
        piece = text[start:]
        if piece.strip():
            spans.append((start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())))
        return spans

    def _ends_sentence(self, text: str, start: int, end: int) -> bool:
        words = text[max(start, end - 40) : end].rsplit(None, 1)
        word = words[-1].rstrip('“”"»«.!?').lstrip('(„»"') if words else ""
        return len(word) > 1 and not word.isdigit() and word.lower() not in self._abbreviations
