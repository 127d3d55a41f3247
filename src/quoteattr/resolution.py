"""Speaker resolution: from the mention in the sentence to the name of the person or group.

"er" -> "Donald Trump", "der US-Präsident" -> "Donald Trump", "Selenskyj" ->
"Wolodymyr Selenskyj": names are resolved within one document, on its parse, without
another Stanza call. First every name in the text becomes an entity, with the role
nouns it was introduced with ("US-Präsident Donald Trump", "Papier, Präsident des
Gerichts,"), a party in brackets and a gender (from the first name, else from a role
noun in "-in"). Then each speaker mention is resolved by its form, in text order:

- a name -> the entity whose name holds it; a surname may look ahead (headlines);
- a pronoun -> the most salient person before it that agrees in gender and number;
- a relative pronoun -> its antecedent;
- a description -> the entity with a matching role noun ("der US-Präsident"); an
  epithet ("der Republikaner", "die Grünen-Politikerin") -> the most salient person of
  its gender; anything else stays as written, without its article.

Salience sums the earlier mentions of an entity (a speaker counts more than a subject,
a subject more than an object), halving with each sentence back; the speaker of the
quote before counts double. First names, name particles, person nouns and epithets
are data (lexicon/*.tsv), not code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from quoteattr.attribution import Attribution
from quoteattr.lexicon import Lexicon
from quoteattr.model import Quote, QuoteForm, Span, SpeakerEntity
from quoteattr.parse import ParsedDoc, Word
from quoteattr.speakers import mention_words

_NOT_NAME = frozenset({"VERB", "AUX", "PUNCT", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART", "NUM", "ADV"})
_INITIAL = re.compile(r"^(?:[A-ZÄÖÜ]\.)+$")  # "D." in "George D. Warrington", "C.Y."
_NOMINALISED = re.compile(r"(?<=[td])e[nrsm]?$")  # Beauftragten, Vorsitzender -> ...e
_CLAUSE_EDGE = frozenset({"VERB", "AUX", "ADV", "PUNCT", "SCONJ"})
_PERSONAL = {"er": "m", "ihm": "m", "ihn": "m", "sie": "f", "ihr": "f"}
_WINDOW = 3  # sentences back that a pronoun or an epithet reaches
_MIN_SALIENCE = 7.0  # an object two sentences back scores 30 / 4 = 7.5


@dataclass(frozen=True, slots=True)
class _Noun:
    """A role or description noun, normalised: "Grünen-Politikerin" -> "grünen-politiker", female."""

    base: str
    prefixes: frozenset[str]
    female: bool
    plural: bool


@dataclass
class _Entity:
    name: str
    tokens: tuple[str, ...]
    gender: str | None = None
    person: bool = False
    roles: list[_Noun] = field(default_factory=list)
    modifiers: set[str] = field(default_factory=set)
    """Adjectives, compound prefixes, genitives and party of its roles: "us", "ukrainisch", "cdu"."""
    mentions: list[tuple[int, int, int, float]] = field(default_factory=list)
    """(first word, last word, sentence, weight) of each mention."""


class Resolver:
    """The entities of one parsed document, and the names its speaker mentions resolve to."""

    def __init__(self, doc: ParsedDoc, lexicon: Lexicon) -> None:
        self.doc, self.lexicon = doc, lexicon
        self.units = _units(doc)
        self.unit_of = {w: k for k, (a, b) in enumerate(self.units) for w in range(a, b + 1)}
        self.entities: list[_Entity] = []
        self._previous: tuple[_Entity | None, int] = (None, -99)
        self._cursor = 0
        self._person_nouns = _normalised(lexicon.person_nouns) | _normalised(lexicon.epithets)
        self._epithets = _normalised(lexicon.epithets)
        for a, b, named in sorted(self._chains(), key=lambda c: (not c[2], c[0] == c[1], c[0])):
            self._add(a, b, named)
        self._surnames()
        for entity in self.entities:  # "Ollanta Humala ... Humalas": a full name used by its surname
            if len(entity.tokens) > 1 and not all(t.isupper() for t in entity.tokens):
                alone = [
                    self.unit_of[m[0]] for m in entity.mentions if self.unit_of[m[0]] == self.unit_of[m[1]]
                ]
                entity.person = entity.person or any(not self._utext(u).isupper() for u in alone)

    # -- words and units ------------------------------------------------------------

    def _text(self, a: int, b: int) -> str:
        return self.doc.text[self.doc.words[a].start : self.doc.words[b].end]

    def _utext(self, k: int) -> str:
        return self._text(*self.units[k])

    def _head(self, k: int) -> Word:
        """The unit's last real word: "Präsident" in "US-Präsident"."""
        a, b = self.units[k]
        while b > a and self.doc.words[b].text in ("-", "–"):
            b -= 1
        return self.doc.words[b]

    def _name_word(self, k: int) -> bool:
        text, upos = self._utext(k), self._head(k).upos
        if text.isupper() and len(text) > 1:
            return upos in ("PROPN", "X", "NOUN")  # an acronym: "BBC", "WWF"
        return text[:1].isupper() and upos not in _NOT_NAME

    def _first_name(self, k: int) -> str | None:
        text = self._utext(k)
        return self.lexicon.first_names.get(text) or self.lexicon.first_names.get(text.split("-")[0])

    def _sentence(self, k: int) -> int:
        return self.doc.words[self.units[k][0]].sentence

    def _is_person_noun(self, noun: _Noun) -> bool:
        return _listed(noun.base.split("-")[-1], self._person_nouns)

    # -- names ----------------------------------------------------------------------

    def _chains(self) -> Iterator[tuple[int, int, bool]]:
        """(first unit, last unit, starts with a first name) of each name in the text."""
        for sentence in self.doc.sentences:
            k, end = self.unit_of[sentence.first], self.unit_of[sentence.last - 1] + 1
            while k < end:
                chain = self._person_name(k, end) or self._proper_run(k, end) or self._titled(k, end)
                if chain is None:
                    k += 1
                    continue
                yield chain
                k = chain[1] + 1

    def _person_name(self, k: int, end: int) -> tuple[int, int, bool] | None:
        """A first name and what follows it: "Annalena Baerbock", "Karl-Theodor zu Guttenberg"."""
        if not self._first_name(k) or self._head(k).upos in _NOT_NAME:
            return None
        if self._continue(k, end, first=True) is None:
            return None
        first = self.unit_of[self.doc.sentences[self._sentence(k)].first]
        before = self._head(k - 1) if k > first else None
        if before is not None and (before.upos == "DET" or (before.upos == "ADJ" and before.text.islower())):
            return None  # "der schwierigen Lage Deutschlands": a noun after an article
        j = k
        while j + 1 < end and j - k < 4:
            nxt = self._continue(j, end, first=j == k)
            if nxt is None:
                break
            j = nxt
        later = next((u for u in range(k + 1, j) if self._first_name(u)), None)
        if self._name_before(k):  # "San Francisco Dianne Feinstein", "New York Times"
            return (later, j, True) if later is not None else None
        return k, j, True

    def _name_before(self, k: int) -> bool:
        """A proper noun right before a first name that is neither a title nor a genitive."""
        if k == 0 or self._sentence(k - 1) != self._sentence(k) or self._first_name(k - 1):
            return False
        before = self._head(k - 1)
        if before.upos != "PROPN" or before.text.endswith("s"):
            return False
        return not self._is_person_noun(self._noun(k - 1))

    def _continue(self, j: int, end: int, *, first: bool) -> int | None:
        """The unit that continues a name after unit j, over particles ("zu Guttenberg")."""
        k, opened, german = j + 1, False, False
        while k < end and self._utext(k).lower() in self.lexicon.name_particles:
            opens, common = self.lexicon.name_particles[self._utext(k).lower()]
            if not (opened or opens):
                return None
            k, opened, german = k + 1, True, german or common
        if k >= end or not (self._name_word(k) or _INITIAL.match(self._utext(k))):
            return None
        head = self._head(k)
        if _INITIAL.match(self._utext(k)) or head.upos == "PROPN" or self._first_name(k):
            return k
        if opened:  # after a first name, "zu" can only be a particle: "Karl-Theodor zu Guttenberg"
            return k if first or not german or head.upos == "X" else None
        if first:  # the surname, unless a noun in another case follows: "sagte Angela Merkel Journalisten"
            return None if head.upos == "NOUN" and head.feat("Number") == "Plur" else k
        return k if k + 1 >= end or not self._name_word(k + 1) else None

    def _titled(self, k: int, end: int) -> tuple[int, int, bool] | None:
        """A lone name after a person's title that the parser took for a noun: "Premierminister Cameron"."""
        if k == 0 or self._sentence(k - 1) != self._sentence(k) or not self._name_word(k):
            return None
        text, title = self._utext(k), self._utext(k - 1)
        if text.endswith("s") or not title[:1].isupper() or (k + 1 < end and self._name_word(k + 1)):
            return None
        if self._is_person_noun(self._noun(k)) or not self._is_person_noun(self._noun(k - 1)):
            return None
        return k, k, False

    def _flat(self, k: int, j: int) -> bool:
        """Unit k continues the name ending in unit j in the tree: "Giorgos/PROPN Papandreou/NOUN"."""
        word, before = self._head(k), self._head(j)
        if _INITIAL.match(self._utext(k)):
            return True
        linked = word.head == before.index or (word.head is not None and word.head == before.head)
        return word.deprel in ("flat", "flat:name", "appos") and linked

    def _proper_run(self, k: int, end: int) -> tuple[int, int, bool] | None:
        """The parser's proper nouns in a row, titles split off: "(General) Sonthi Boonyaratglin"."""
        acronym = self._utext(k).isupper() and len(self._utext(k)) > 1
        if not (self._head(k).upos == "PROPN" or acronym) or not self._name_word(k):
            return None
        j = k
        while j + 1 < end and j - k < 4:
            nxt = self._continue(j, end, first=False)
            if nxt is None or not (self._head(nxt).upos in ("PROPN", "X") or self._flat(nxt, j)):
                break
            if self._person_name(nxt, end):
                return None  # "Trigema-Chef Wolfgang Grupp": the name starts at the first name
            j = nxt
        while k < j and self._is_person_noun(self._noun(k)):
            k += 1
        if k == j and self._is_person_noun(self._noun(k)) and not self._utext(k).isupper():
            return None
        return k, j, False

    # -- entities -------------------------------------------------------------------

    def _add(self, k: int, j: int, named: bool) -> None:
        tokens = tuple(self._utext(u) for u in range(k, j + 1))
        a, b = self.units[k][0], self.units[j][1]
        entity = self._same(tokens, named) if len(tokens) > 1 else self._lookup(tokens[0], a)
        if entity is None:
            entity = _Entity(name=self._text(a, b), tokens=tokens)
            self.entities.append(entity)
        elif named and len(tokens) > len(entity.tokens) and entity.tokens[0] == tokens[0]:
            entity.name, entity.tokens = self._text(a, b), tokens  # "Neil Armstrong" -> "Neil A. Armstrong"
        genitive = len(tokens) == 1 and tokens[0] not in entity.tokens
        roles, modifiers = self._roles(k, j) if not genitive else ([], set())
        entity.roles.extend(r for r in roles if r not in entity.roles)
        entity.modifiers |= modifiers
        gender = self._first_name(k) if named else None
        titled = not all(t.isupper() for t in tokens) and any(self._is_person_noun(r) for r in roles)
        entity.person = entity.person or named or titled
        if any(r.female for r in roles):
            entity.gender = "f"
        elif any(self._is_person_noun(r) and not r.base.endswith("e") for r in roles):
            entity.gender = "m"  # "der Italiener Nicola Zingaretti": a masculine role beats the name
        elif entity.gender is None and entity.person:
            entity.gender = gender or "m"
        entity.mentions.append((a, b, self.doc.words[a].sentence, self._weight(a, b)))

    def _surnames(self) -> None:
        """Mentions of a full name by its surname alone that the parser did not tag a name: "Wagner war"."""
        by_surname = {e.tokens[-1]: e for e in self.entities if len(e.tokens) > 1 and e.person}
        named = {w for e in self.entities for a, b, *_ in e.mentions for w in range(a, b + 1)}
        for k, (a, b) in enumerate(self.units):
            text = self._utext(k)
            entity = by_surname.get(text) or by_surname.get(text.removesuffix("s"))
            if entity is not None and a not in named and self._head(k).upos not in ("DET", "ADP", "PUNCT"):
                entity.mentions.append((a, b, self.doc.words[a].sentence, self._weight(a, b)))
        for entity in self.entities:
            entity.mentions.sort()

    def _weight(self, a: int, b: int) -> float:
        """How salient a mention makes its entity, by its function in the clause."""
        words = self.doc.words
        head = next((w for w in range(a, b + 1) if not a <= (words[w].head or -1) <= b), b)
        if words[head].head is None and words[head].deprel != "root":
            return 50.0  # a sentence the gate left unparsed
        deprel = words[head].deprel
        if deprel in ("appos", "flat", "flat:name", "compound") and words[head].head is not None:
            deprel = words[words[head].head].deprel
        if deprel.startswith("nsubj") or self._prefield(b):
            return 80.0
        return {"obj": 50.0, "iobj": 40.0}.get(deprel, 30.0)

    def _prefield(self, last: int) -> bool:
        """A mention before the first finite verb of its sentence: in German news mostly the subject.

        The parser loses the subject in long prefields ("WASHINGTON (dpa) - US-Präsident
        Donald Trump will …"), where word order still shows it.
        """
        words = self.doc.words
        sentence = self.doc.sentences[words[last].sentence]
        for w in range(sentence.first, sentence.last):
            if words[w].upos in ("VERB", "AUX") and words[w].feat("VerbForm") == "Fin":
                return last < w and all(words[u].text not in ",;:" for u in range(last + 1, w))
        return False

    def _same(self, tokens: tuple[str, ...], named: bool) -> _Entity | None:
        """The entity these name words belong to: same surname, and one name holds the other."""
        for entity in self.entities:
            if entity.tokens[-1] != tokens[-1] or len(entity.tokens) < 2:
                continue
            if not named or set(entity.tokens) <= set(tokens) or set(tokens) <= set(entity.tokens):
                return entity
        return None

    def _lookup(self, token: str, word: int) -> _Entity | None:
        """The entity named by one word ("Trump", "Trumps"): the nearest one mentioned before, else after."""
        forms = {token, token.removesuffix("s"), token.removesuffix("'"), token.removesuffix("’s")}
        found = [e for e in self.entities if len(e.tokens) > 1 and forms & set(e.tokens)]
        found = [e for e in found if e.tokens[-1] in forms] or found
        found = found or [e for e in self.entities if e.tokens[0] in forms]
        return _nearest(found, word)

    def _roles(self, k: int, j: int) -> tuple[list[_Noun], set[str]]:
        """Role nouns and modifiers around a name: "Frankreichs Präsident X", "X, Präsident des Gerichts,"."""
        doc, roles, mods = self.doc, [], set()
        first = self.unit_of[doc.sentences[doc.words[self.units[k][0]].sentence].first]
        u = k - 1
        while u >= first:
            head, text = self._head(u), self._utext(u)
            if text[:1].isupper() and head.upos in ("NOUN", "ADJ", "PROPN", "X") and not self._first_name(u):
                if head.upos == "PROPN" and text.endswith("s"):
                    mods.add(_modifier(text[:-1]))  # "Frankreichs Präsident"
                elif head.upos == "PROPN" or (roles and self._utext(u + 1) != "und"):
                    break
                elif self._detached(u, k, j):
                    break  # "am Samstag Mahmud Ahmadinedschad": a phrase of its own
                else:
                    roles.append(self._noun(u))
            elif head.upos == "ADJ" and roles:
                mods.add(_modifier(head.lemma))
            elif not (text == "und" and roles):
                break
            u -= 1
        for w in self._appositions(k, j):
            roles.append(self._noun(self.unit_of[w]))
            mods |= {_modifier(doc.words[c].lemma) for c in doc.dependents(w, "amod")}
        after = self.units[j][1] + 1
        if after + 2 < len(doc.words) and doc.words[after].text == "(" and doc.words[after + 2].text == ")":
            mods.add(_modifier(doc.words[after + 1].text))  # the party: "Angela Merkel (CDU)"
        for role in roles:
            mods |= role.prefixes
        return roles, mods

    def _detached(self, u: int, k: int, j: int) -> bool:
        """A noun in a phrase of its own before the name: "am Samstag Mahmud Ahmadinedschad"."""
        doc, role = self.doc, self._head(u)
        if not doc.dependents(role.index, "case"):
            return False
        name = range(self.units[k][0], self.units[j][1] + 1)
        return role.head not in name and not any(doc.words[w].head == role.index for w in name)

    def _appositions(self, k: int, j: int) -> list[int]:
        """Heads of appositions: ", Präsident des Gerichts," after a name, "der Chef der X," before it."""
        doc, found = self.doc, []
        a, b = self.units[k][0], self.units[j][1]
        name_head = next((w for w in range(a, b + 1) if not a <= (doc.words[w].head or -1) <= b), b)
        if doc.words[name_head].deprel == "appos" and doc.words[name_head].head is not None:
            found.append(doc.words[name_head].head)
        found += [c for w in range(a, b + 1) for c in doc.dependents(w, "appos")]
        sentence = doc.sentences[doc.words[a].sentence]
        if b + 2 < sentence.last and doc.words[b + 1].text == ",":
            w = b + 2
            while w < sentence.last - 1 and doc.words[w].upos in ("DET", "ADJ"):
                w += 1
            follows = doc.words[w + 1] if w + 1 < sentence.last else None
            genitive = follows is not None and follows.upos == "PROPN" and follows.text.endswith("s")
            if follows is None or genitive or follows.upos in ("PUNCT", "DET", "ADP") or follows.text == "(":
                found.append(w)
        if a - 2 >= sentence.first and doc.words[a - 1].text == ",":
            w = a - 2
            while w > sentence.first and doc.words[w - 1].upos not in _CLAUSE_EDGE:
                w -= 1
            dets = [x for x in range(w, a - 1) if doc.words[x].upos == "DET"]
            nouns = [x for x in range(dets[0] if dets else w, a - 1) if doc.words[x].upos == "NOUN"]
            found += nouns[:1]
        return [w for w in dict.fromkeys(found) if self._role_noun(w, a, b)]

    def _role_noun(self, w: int, a: int, b: int) -> bool:
        word = self.doc.words[w]
        if a <= w <= b or not word.text[:1].isupper() or word.text.isupper():
            return False
        if word.upos == "NOUN":
            return True
        return word.upos in ("PROPN", "X") and self._is_person_noun(self._noun(self.unit_of[w]))

    def _noun(self, u: int) -> _Noun:
        """The normalised form of the noun in unit u: lemma of its last part, prefixes, gender, number."""
        head, parts = self._head(u), self._utext(u).split("-")
        base, female = _normal(head.lemma if head.lemma[:1].isupper() else parts[-1])
        prefixes = frozenset(_modifier(p) for p in parts[:-1] if p and not p[0].isdigit())
        full = "-".join([p.lower() for p in parts[:-1]] + [base])
        return _Noun(full, prefixes, female, head.feat("Number") == "Plur")

    # -- resolution -----------------------------------------------------------------

    def resolve_all(
        self, mentions: Sequence[Sequence[int]], quoted: Sequence[tuple[int, int]] = ()
    ) -> list[str | None]:
        """The name of each speaker mention, taken in order.

        Pronouns and role descriptions between them count towards salience as they come,
        except those inside the `quoted` character spans (verbatim quotes speak of others).
        """
        skip = {w for m in mentions for w in m}
        for start, end in quoted:
            skip.update(self.doc.words_within(start, end))
        return [self.resolve(m, skip=frozenset(skip)) for m in mentions]

    def resolve(self, words: Sequence[int], *, skip: frozenset[int] = frozenset()) -> str | None:
        """The name a speaker mention stands for; it then counts towards salience."""
        if not words:
            return None
        self._catch_up(words[0], skip)
        entity, name = self._resolve(tuple(words))
        sentence = self.doc.words[words[0]].sentence
        if entity is None and name is not None and self._bare_name(words):
            entity = _Entity(name=name, tokens=(name,), person=True)  # "sagte Köhler": a name all the same
            self.entities.append(entity)
        if entity is not None:
            entity.mentions = [m for m in entity.mentions if m[:2] != (words[0], words[-1])]
            entity.mentions.append((words[0], words[-1], sentence, 100.0))
            name = entity.name
        self._previous = (entity, sentence)
        return name

    def _definite_subject(self, w: int) -> bool:
        """ "Der Bundeskanzler nahm Stellung": a role description that may name someone introduced before."""
        word, doc = self.doc.words[w], self.doc
        if word.upos != "NOUN" or not word.deprel.startswith("nsubj") or not word.text[:1].isupper():
            return False
        return any(doc.words[d].feat("Definite") == "Def" for d in doc.dependents(w, "det"))

    def _bare_name(self, words: Sequence[int]) -> bool:
        """A lone capitalised subject without article: a name ("Köhler warb"), since nouns take one."""
        word = self.doc.words[words[0]]
        return (
            self.unit_of[words[0]] == self.unit_of[words[-1]]
            and word.deprel.startswith("nsubj")
            and word.upos in ("NOUN", "PROPN", "X")
            and word.feat("Number") != "Plur"
            and not self.doc.dependents(word.index, "det", "case", "amod")
            and not self._utext(self.unit_of[words[0]]).isupper()
        )

    def _catch_up(self, upto: int, skip: frozenset[int]) -> None:
        """Resolve the pronouns and role descriptions before `upto` that are no speakers: "er ... er"."""
        doc = self.doc
        for w in range(self._cursor, upto):
            word, entity = doc.words[w], None
            if w in skip:
                continue
            if self._personal(word):
                entity = self._pronoun(w)
            elif self._definite_subject(w):
                entity = self._description(w, (w,), self._noun(self.unit_of[w]), epithets=False)
            if entity is not None:
                entity.mentions.append((w, w, word.sentence, self._weight(w, w)))
        self._cursor = max(self._cursor, upto)

    def _resolve(self, words: tuple[int, ...]) -> tuple[_Entity | None, str | None]:
        doc = self.doc
        named = self._named(words)
        if named is not None:
            return named, None
        head = self._mention_head(words)
        word, unit = doc.words[head], self._utext(self.unit_of[head])
        function_word = word.upos in ("DET", "ADP", "PUNCT", "CCONJ", "SCONJ") or bool(word.feat("PronType"))
        if unit[:1].isupper() and not function_word:
            entity = self._lookup(unit, head)  # also a surname the parser took for a noun: "sagte Trump"
            if entity is not None:
                return entity, None
        if "Rel" in (word.feat("PronType") or "") or (
            len(words) == 1 and word.upos in ("DET", "PRON") and word.lemma.lower() in ("der", "die")
        ):
            antecedent = self._antecedent(head)
            if antecedent is None:
                return None, None
            return self._resolve(mention_words(doc, antecedent))
        if self._personal(word):
            return self._pronoun(head), None
        if word.upos == "PRON":
            return None, None
        if word.upos in ("NOUN", "ADJ", "PROPN", "X") and unit[:1].isupper():
            noun = self._noun(self.unit_of[head])
            entity = self._description(head, words, noun)
            if entity is not None:
                return entity, None
            return None, self._specific(noun, head) or self._head_form(words)
        return None, self._head_form(words)

    def _named(self, words: tuple[int, ...]) -> _Entity | None:
        """The entity of a name inside the mention, a person's first, genitives aside ("Kiews Verbündete")."""
        head = self._mention_head(words)
        found = []
        for entity in self.entities:
            for a, b, *_ in entity.mentions:
                if words[0] <= a and b <= words[-1] and not self._genitive(a, b, words):
                    found.append((not entity.person, not a <= head <= b, a, id(entity), entity))
        return min(found)[-1] if found else None

    def _genitive(self, a: int, b: int, words: tuple[int, ...]) -> bool:
        head = self.doc.words[b]
        attached = head.head is not None and words[0] <= head.head <= words[-1] and not a <= head.head <= b
        if attached and head.deprel in ("nmod", "nmod:poss"):
            return True
        before_noun = b < words[-1] and self.doc.words[b + 1].upos == "NOUN"
        return before_noun and self._utext(self.unit_of[b]).endswith("s")

    def _antecedent(self, relative: int) -> int | None:
        """What a relative pronoun stands for: the noun its clause hangs on, else a noun before the comma."""
        doc, verb = self.doc, self.doc.words[relative].head
        if verb is not None and doc.words[verb].deprel == "acl:relcl" and doc.words[verb].head is not None:
            return doc.words[verb].head
        if relative >= 2 and doc.words[relative - 1].text == ",":
            first = doc.sentences[doc.words[relative].sentence].first
            nouns = (w for w in range(relative - 2, first - 1, -1) if doc.words[w].upos in ("NOUN", "PROPN"))
            return next(nouns, None)
        return None

    def _best(self, candidates: list[_Entity], word: int) -> _Entity | None:
        """The most salient candidate within the window, the speaker of the quote before counting double."""
        sentence = self.doc.words[word].sentence
        previous, at = self._previous

        def salience(entity: _Entity) -> float:
            score = sum(
                weight * 0.5 ** (sentence - s)
                for a, _, s, weight in entity.mentions
                if a < word and sentence - s <= _WINDOW
            )
            score = score * 2 if entity is previous and sentence - at <= 1 else score
            return score if entity.gender else score / 2  # a person of unknown gender agrees less surely

        best = max(candidates, key=salience, default=None)
        return best if best is not None and salience(best) >= _MIN_SALIENCE else None

    def _pronoun(self, word: int) -> _Entity | None:
        """The most salient earlier person that agrees with the pronoun in gender and number."""
        gender = _PERSONAL[self.doc.words[word].text.lower()]
        if gender == "f" and self._plural_verb(word):
            return None  # "sie sagten": a group
        return self._best([e for e in self.entities if e.person and e.gender in (gender, None)], word)

    def _plural_verb(self, word: int) -> bool:
        doc, verb = self.doc, self.doc.words[word].head
        if verb is None or not doc.words[word].deprel.startswith("nsubj"):
            return False
        for w in [verb, *doc.dependents(verb, "aux", "cop")]:
            if doc.words[w].feat("VerbForm") == "Fin" and doc.words[w].feat("Number"):
                return doc.words[w].feat("Number") == "Plur"
        return False

    def _description(
        self, head: int, words: tuple[int, ...], noun: _Noun, *, epithets: bool = True
    ) -> _Entity | None:
        """The entity a definite description names: by its role noun, or as an epithet."""
        doc = self.doc
        if noun.plural or any(doc.words[w].feat("Definite") == "Ind" for w in doc.dependents(head, "det")):
            return None  # a group, or someone new: "ein Sprecher"
        gender = "f" if noun.female else "m"
        matches = [
            e
            for e in self.entities
            if (not e.person or e.gender == gender) and any(_matches(noun, r, e.modifiers) for r in e.roles)
        ]
        if matches:
            adjectives = {_modifier(doc.words[w].lemma) for w in doc.dependents(head, "amod") if w in words}
            fitting = [e for e in matches if adjectives & e.modifiers] or matches
            return _prominent(fitting, head, doc.words[head].sentence)
        if epithets and _listed(noun.base.split("-")[-1], self._epithets):
            persons = [e for e in self.entities if e.person and e.gender == gender]
            return self._best([e for e in persons if noun.prefixes & e.modifiers] or persons, head)
        return None

    def _specific(self, noun: _Noun, head: int) -> str | None:
        """An earlier, more specific name for an organisation: "das Kartellamt" -> "Bundeskartellamt"."""
        for w in range(head - 1, -1, -1):
            word = self.doc.words[w]
            if word.upos == "NOUN" and word.text[:1].isupper():
                base, female = _normal(word.lemma)
                if base != noun.base and base.endswith(noun.base) and female == noun.female:
                    return self._head_form(mention_words(self.doc, w))
        return None

    def _mention_head(self, words: Sequence[int]) -> int:
        """The word the mention hangs on; its last word where the gate left the sentence unparsed."""
        doc = self.doc
        if all(doc.words[w].upos == "X" for w in words):
            return words[-1]
        return next((w for w in words if not words[0] <= (doc.words[w].head or -1) <= words[-1]), words[0])

    @staticmethod
    def _personal(word: Word) -> bool:
        """A third-person personal pronoun, also in a sentence the gate left unparsed."""
        return word.upos in ("PRON", "X") and word.text.lower() in _PERSONAL

    def _head_form(self, words: Sequence[int]) -> str:
        """The mention without its article: "die ukrainische Regierung" -> "ukrainische Regierung"."""
        k = 0
        while k < len(words) - 1 and (
            self.doc.words[words[k]].upos == "DET"
            or (self.doc.words[words[k]].upos == "X" and self.doc.words[words[k]].text.islower())
        ):
            k += 1
        return self._text(words[k], words[-1])


def _units(doc: ParsedDoc) -> list[tuple[int, int]]:
    """(first, last) word of each written word: hyphenated compounds and contractions are one."""
    units: list[tuple[int, int]] = []
    for w in doc.words:
        if units:
            prev = doc.words[units[-1][1]]
            hyphen = prev.text.endswith("-") or w.text.startswith("-")
            if w.sentence == prev.sentence and (w.start < prev.end or (w.start == prev.end and hyphen)):
                units[-1] = (units[-1][0], w.index)
                continue
        units.append((w.index, w.index))
    return units


def _normal(word: str) -> tuple[str, bool]:
    """A noun's comparable base, and whether it is a feminine form in -in: "Ministerinnen" -> "ministe"."""
    w = word.lower().rstrip(".")
    female = len(w) > 5 and (w.endswith("innen") or (w.endswith("in") and w[-3] not in "aeiouäöüyzmlwj"))
    if female:
        w = w.removesuffix("nen").removesuffix("in")
    return _NOMINALISED.sub("e", w), female


def _normalised(nouns: Mapping[str, bool]) -> dict[str, bool]:
    return {_normal(noun)[0]: suffix for noun, suffix in nouns.items()}


def _listed(noun: str, nouns: Mapping[str, bool]) -> bool:
    """Whether the noun, or (for suffix entries) its last part, is one of `nouns`."""
    stem = noun.removesuffix("en") if noun.endswith("en") and noun[:-2] in nouns else noun.removesuffix("n")
    if noun in nouns or stem in nouns:
        return True
    return any(suffix and (noun.endswith(n) or stem.endswith(n)) for n, suffix in nouns.items())


def _modifier(text: str) -> str:
    """A comparable form of an adjective, prefix or party: "Grünen", "grüne", "grün" -> "grün"."""
    if len(text) <= 3:
        return text.lower()
    return text.lower().removesuffix("n").removesuffix("e").removesuffix("s")


def _ends(role: str, description: str) -> bool:
    """Whether the role ends in the description, inflected or not: "us-präsidenten" ends in "präsident"."""
    return any(role.endswith(description + ending) for ending in ("", "n", "en", "s", "es"))


def _matches(description: _Noun, role: _Noun, modifiers: set[str]) -> bool:
    """ "der Sprecher" fits "Kremlsprecher"; "der US-Präsident" fits a "Präsident" with modifier "us"."""
    if description.female != role.female:
        return False
    if description.prefixes:
        return _ends(role.base, description.base.split("-")[-1]) and description.prefixes <= modifiers
    return _ends(role.base, description.base)


def _nearest(candidates: list[_Entity], word: int) -> _Entity | None:
    """The candidate mentioned last before `word`, else first after it."""

    def key(entity: _Entity) -> tuple[bool, int]:
        before = [a for a, *_ in entity.mentions if a < word]
        return (bool(before), max(before) if before else -min(a for a, *_ in entity.mentions))

    return max((e for e in candidates if e.mentions), key=key, default=None)


def _prominent(candidates: list[_Entity], word: int, sentence: int) -> _Entity | None:
    """The candidate most prominent before `word` (mentions fading slowly), else the first after it."""

    def score(entity: _Entity) -> float:
        return sum(weight * 0.8 ** (sentence - s) for a, _, s, weight in entity.mentions if a < word)

    best = max(candidates, key=score, default=None)
    return best if best is not None and score(best) > 0 else _nearest(candidates, word)


def resolve_names(doc: ParsedDoc, attributions: Sequence[Attribution], lexicon: Lexicon) -> list[str | None]:
    """The resolved speaker name of each attribution, in order (None when unknown)."""
    quoted = [a.content for a in attributions if a.form is QuoteForm.DIRECT]
    return Resolver(doc, lexicon).resolve_all([a.speaker_words for a in attributions], quoted)


def speaker_entities(doc: ParsedDoc, quotes: Sequence[Quote], lexicon: Lexicon) -> list[SpeakerEntity]:
    """The speakers of a document's quotes, each with every mention of its name and as a speaker."""
    by_name: dict[str, tuple[set[tuple[int, int]], int]] = {}
    for quote in quotes:
        speaker = quote.speaker
        if speaker is not None and speaker.name:
            spans, count = by_name.get(speaker.name, (set(), 0))
            spans.add((speaker.start, speaker.end))
            by_name[speaker.name] = (spans, count + 1)
    for entity in Resolver(doc, lexicon).entities:
        if entity.name in by_name:
            spans = by_name[entity.name][0]
            spans.update((doc.words[a].start, doc.words[b].end) for a, b, *_ in entity.mentions)
    return [
        SpeakerEntity(
            name=name,
            mentions=[Span(text=doc.text[s:e], start=s, end=e) for s, e in sorted(spans)],
            quote_count=count,
        )
        for name, (spans, count) in sorted(by_name.items(), key=lambda item: min(item[1][0]))
    ]
