"""The cue lexicon: verbs that introduce quotations, and Konjunktiv forms.

The word lists live in TSV files next to this module (`cue_verbs.tsv`,
`konjunktiv.tsv`) so that they can be read, reviewed and extended without
touching code; this module only reads and checks them. Nothing is cached here:
call `Lexicon.load()` once and keep the object.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from quoteattr.errors import LexiconError

__all__ = [
    "COMPLEMENTS",
    "MOODS",
    "STWR_CLASSES",
    "SUBJECT_PRONOUNS",
    "VERDICTS",
    "CueVerb",
    "Lexicon",
    "read_according_to",
    "read_cue_verbs",
    "read_konjunktiv",
    "read_source_nouns",
    "read_tsv",
]

CUE_VERBS_FILE = "cue_verbs.tsv"
KONJUNKTIV_FILE = "konjunktiv.tsv"
ACCORDING_TO_FILE = "according_to.tsv"
SOURCE_POSITIONS = frozenset({"before", "after", "subject", "previous"})
"""The values of the `source` column of according_to.tsv."""

STWR_CLASSES = frozenset({"speech", "writing", "thought"})
"""The values of the `class` column of cue_verbs.tsv."""

VERDICTS = frozenset({"als", "für", "in"})
"""Complements that are the predicate word of a verdict ("stufte … als … ein", "hält … für …")."""

SUBJECT_PRONOUNS = frozenset({"er", "sie", "es", "wir", "ich", "man"})
"""Pronouns that open a clause as its subject ("…, sie trauen ihm nicht") or follow its
finite verb ("bezeichnete er als sinnlos")."""

COMPLEMENTS = frozenset({"direct", "dass", "v2", "zu", "object", "pp"}) | VERDICTS
"""The values allowed in the `complements` column of cue_verbs.tsv."""

MOODS = frozenset({"I", "II"})
"""The values of the `mood` column of konjunktiv.tsv."""

_NO_PARTICLE = "-"


@dataclass(frozen=True, slots=True)
class CueVerb:
    """One row of cue_verbs.tsv."""

    lemma: str
    """Full infinitive, separable particle included: "andeuten"."""
    particle: str | None
    """Separable particle ("an"), or None when the verb has none."""
    stem: str
    """The lemma without the separable particle: "deuten"."""
    stwr: str
    """"speech", "writing" or "thought"."""
    complements: frozenset[str]
    """What the verb can take as content: a subset of `COMPLEMENTS`."""


@dataclass(frozen=True)
class Lexicon:
    """The cue verbs and Konjunktiv forms, indexed for lookup."""

    verbs: Mapping[str, CueVerb]
    """Cue verbs by full lemma."""
    by_stem: Mapping[str, tuple[CueVerb, ...]]
    """Stem -> the cue verbs with that stem, with and without a particle."""
    konjunktiv: Mapping[str, str]
    """Lower-cased finite form -> "I" or "II"."""
    according_to: Mapping[tuple[str, ...], str] = field(default_factory=lambda: MappingProxyType({}))
    """Cue words ("nach", "angaben") -> where the source stands ("after" or "before")."""
    media: Mapping[str, tuple[str, bool]] = field(default_factory=lambda: MappingProxyType({}))
    cue_forms: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Attested inflected form -> cue verb stem ("sprach" -> "sprechen"), from cue_forms.tsv."""
    """Media noun -> (class, whether compounds ending in it count), from media.tsv."""
    first_names: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """First name -> "f" or "m", from first_names.tsv."""
    name_particles: Mapping[str, tuple[bool, bool]] = field(default_factory=lambda: MappingProxyType({}))
    """Name particle ("zu") -> (can follow a name word, is a German word too), from name_particles.tsv."""
    epithets: Mapping[str, bool] = field(default_factory=lambda: MappingProxyType({}))
    """Epithet noun ("politiker") -> whether compounds ending in it count, from epithets.tsv."""
    person_nouns: Mapping[str, bool] = field(default_factory=lambda: MappingProxyType({}))
    """Role noun of a person ("präsident") -> whether compounds ending in it count, from person_nouns.tsv."""
    source_nouns: Mapping[str, bool] = field(default_factory=lambda: MappingProxyType({}))
    """Noun naming where a statement comes from ("angaben") -> whether compounds ending in it
    count, from source_nouns.tsv: "nach ersten Informationen", "nach Polizeiangaben"."""
    nach_verbs: frozenset[str] = frozenset()
    """Verbs with a "nach" object ("fragen"): "nach" after them is no according-to cue (nach_verbs.tsv)."""
    adverbs: frozenset[str] = frozenset()
    """Sentence adverbs the tagger takes for nouns or verbs ("zuvor", "gestern"), from adverbs.tsv."""

    @classmethod
    def load(cls) -> Lexicon:
        """Read the lexicon files shipped with the package."""
        lexicon = cls.from_verbs(read_cue_verbs(), read_konjunktiv(), read_according_to(), media=read_media())
        return replace(
            lexicon,
            first_names=MappingProxyType(read_first_names()),
            name_particles=MappingProxyType(read_name_particles()),
            epithets=MappingProxyType(read_epithets()),
            person_nouns=MappingProxyType(read_person_nouns()),
            cue_forms=MappingProxyType(read_cue_forms()),
            adverbs=frozenset(row["word"] for row in read_tsv(ADVERBS_FILE)),
            source_nouns=MappingProxyType(read_source_nouns()),
            nach_verbs=frozenset(row["lemma"] for row in read_tsv(NACH_VERBS_FILE)),
        )

    @classmethod
    def from_verbs(
        cls,
        verbs: Mapping[str, CueVerb],
        konjunktiv: Mapping[str, str],
        according_to: Mapping[tuple[str, ...], str] | None = None,
        *,
        media: Mapping[str, tuple[str, bool]] | None = None,
    ) -> Lexicon:
        """Build a lexicon from already parsed entries (for tests and custom lists)."""
        by_stem: dict[str, list[CueVerb]] = {}
        for verb in verbs.values():
            by_stem.setdefault(verb.stem, []).append(verb)
        return cls(
            verbs=MappingProxyType(dict(verbs)),
            by_stem=MappingProxyType({stem: tuple(vs) for stem, vs in by_stem.items()}),
            konjunktiv=MappingProxyType({form.lower(): mood for form, mood in konjunktiv.items()}),
            according_to=MappingProxyType(dict(according_to or {})),
            media=MappingProxyType(dict(media or {})),
        )

    def cue_verb(self, stem: str, particle: str | None) -> CueVerb | None:
        """The cue verb behind a parsed verb, or None if it is not one.

        `stem` is the lemma the parser gave the verb; `particle` is the separable
        particle standing apart from it ("deutete ... an" -> "deuten", "an"), or
        None when there is none. A split particle must match the verb's particle;
        without one, the lemma must equal the verb's full lemma, so "andeuten"
        (verb-final, particle attached) matches but "deuten" alone does not.
        """
        stem = stem.lower()
        if particle is None:
            return self.verbs.get(stem)
        particle = particle.lower()
        for verb in self.by_stem.get(stem, ()):
            if verb.particle == particle:
                return verb
        # Some lemmatisers already put the particle back into the lemma.
        verb = self.verbs.get(stem)
        if verb is not None and verb.particle == particle:
            return verb
        return None

    def is_source_noun(self, text: str) -> bool:
        """Whether a noun names where a statement comes from ("Informationen", "Polizeiangaben")."""
        noun = text.lower().replace("-", "")
        return noun in self.source_nouns or noun.endswith(self._source_suffixes)

    @cached_property
    def _source_suffixes(self) -> tuple[str, ...]:
        return tuple(noun for noun, suffix in self.source_nouns.items() if suffix)

    def is_konjunktiv_i(self, form: str) -> bool:
        """Whether `form` is an unambiguous Konjunktiv I form ("sei", "habe", "werde")."""
        return self.konjunktiv.get(form.lower()) == "I"

    def is_konjunktiv(self, form: str) -> bool:
        """Whether `form` is an unambiguous Konjunktiv I/II form (case-insensitive)."""
        return form.lower() in self.konjunktiv


def read_tsv(name: str, path: str | Path | None = None) -> list[dict[str, str]]:
    """Rows of a lexicon TSV as dicts keyed by the column names.

    Reads `name` from the package's lexicon folder, or the file at `path` when
    given. Lines starting with `#` and blank lines are skipped; the first other
    line names the columns. Raises `LexiconError` when the file is missing or a
    row has the wrong number of fields.
    """
    return [row for _, row in _numbered_rows(name, path)]


def read_cue_verbs(path: str | Path | None = None) -> dict[str, CueVerb]:
    """Parse cue_verbs.tsv (the packaged one, or the file at `path`) by lemma."""
    where = _where(CUE_VERBS_FILE, path)
    verbs: dict[str, CueVerb] = {}
    columns = ("lemma", "particle", "stem", "class", "complements")
    for line, row in _numbered_rows(CUE_VERBS_FILE, path, columns):
        lemma, stem = row["lemma"], row["stem"]
        particle = None if row["particle"] == _NO_PARTICLE else row["particle"]
        if row["class"] not in STWR_CLASSES:
            raise LexiconError(
                f"unknown class {row['class']!r} for {lemma!r}; "
                f"expected one of {', '.join(sorted(STWR_CLASSES))}",
                path=where,
                line=line,
            )
        complements = frozenset(c.strip() for c in row["complements"].split(","))
        unknown = complements - COMPLEMENTS
        if unknown:
            raise LexiconError(
                f"unknown complement {', '.join(sorted(map(repr, unknown)))} for {lemma!r}; "
                f"expected a comma list of {', '.join(sorted(COMPLEMENTS))}",
                path=where,
                line=line,
            )
        expected_stem = lemma if particle is None else lemma.removeprefix(particle)
        if particle is not None and not lemma.startswith(particle):
            raise LexiconError(
                f"lemma {lemma!r} does not start with its particle {particle!r}",
                path=where,
                line=line,
            )
        if stem != expected_stem:
            raise LexiconError(
                f"stem {stem!r} of {lemma!r} should be {expected_stem!r} (the lemma without its particle)",
                path=where,
                line=line,
            )
        if lemma in verbs:
            raise LexiconError(f"{lemma!r} is listed twice", path=where, line=line)
        verbs[lemma] = CueVerb(
            lemma=lemma, particle=particle, stem=stem, stwr=row["class"], complements=complements
        )
    return verbs


def read_konjunktiv(path: str | Path | None = None) -> dict[str, str]:
    """Parse konjunktiv.tsv (the packaged one, or the file at `path`): form -> mood."""
    where = _where(KONJUNKTIV_FILE, path)
    forms: dict[str, str] = {}
    for line, row in _numbered_rows(KONJUNKTIV_FILE, path, ("form", "mood", "lemma")):
        form, mood = row["form"].lower(), row["mood"]
        if mood not in MOODS:
            raise LexiconError(f"unknown mood {mood!r} for {form!r}; expected I or II", path=where, line=line)
        if form in forms:
            raise LexiconError(f"{form!r} is listed twice", path=where, line=line)
        forms[form] = mood
    return forms


def read_according_to(path: str | Path | None = None) -> dict[tuple[str, ...], str]:
    """Parse according_to.tsv (the packaged one, or the file at `path`): cue words -> source side."""
    where = _where(ACCORDING_TO_FILE, path)
    cues: dict[tuple[str, ...], str] = {}
    for line, row in _numbered_rows(ACCORDING_TO_FILE, path, ("cue", "source")):
        if row["source"] not in SOURCE_POSITIONS:
            raise LexiconError(
                f"unknown source position {row['source']!r}; expected {', '.join(sorted(SOURCE_POSITIONS))}",
                path=where,
                line=line,
            )
        cues[tuple(row["cue"].lower().split())] = row["source"]
    return cues


def _where(name: str, path: str | Path | None) -> str:
    return str(path) if path is not None else f"quoteattr/lexicon/{name}"


def _read_text(name: str, path: str | Path | None) -> str:
    where = _where(name, path)
    try:
        if path is not None:
            return Path(path).read_text(encoding="utf-8")
        return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        if path is not None:
            raise LexiconError(f"{name} not found at {where}", path=where) from None
        raise LexiconError(
            f"{name} not found in quoteattr/lexicon; is the package installed whole?", path=where
        ) from None
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{name} is not UTF-8: {exc}", path=where) from None


def _numbered_rows(
    name: str, path: str | Path | None, required: tuple[str, ...] = ()
) -> Iterator[tuple[int, dict[str, str]]]:
    """(1-based line number, row) for each data line of the file."""
    where = _where(name, path)
    columns: list[str] | None = None
    for number, raw in enumerate(_read_text(name, path).splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = [field.strip() for field in raw.split("\t")]
        if columns is None:
            columns = fields
            missing = [c for c in required if c not in columns]
            if missing:
                raise LexiconError(
                    f"column row lacks {', '.join(missing)}; found {', '.join(columns)}",
                    path=where,
                    line=number,
                )
            continue
        if len(fields) != len(columns):
            raise LexiconError(
                f"expected {len(columns)} tab-separated fields ({', '.join(columns)}), found {len(fields)}",
                path=where,
                line=number,
            )
        if any(not field for field in fields):
            raise LexiconError("empty field", path=where, line=number)
        yield number, dict(zip(columns, fields, strict=True))
    if columns is None:
        raise LexiconError(f"{name} has no column row", path=where)


MEDIA_FILE = "media.tsv"
MEDIA_CLASSES = frozenset({"channel", "outlet", "audience"})
"""The values of the `class` column of media.tsv."""


def read_media(path: str | Path | None = None) -> dict[str, tuple[str, bool]]:
    """Parse media.tsv (the packaged one, or the file at `path`): noun -> (class, compounds count)."""
    where = _where(MEDIA_FILE, path)
    media: dict[str, tuple[str, bool]] = {}
    for line, row in _numbered_rows(MEDIA_FILE, path, ("noun", "class", "compounds")):
        noun = row["noun"].lower().replace("-", "")
        if row["class"] not in MEDIA_CLASSES:
            expected = ", ".join(sorted(MEDIA_CLASSES))
            raise LexiconError(
                f"unknown class {row['class']!r} for {noun!r}; expected one of {expected}",
                path=where,
                line=line,
            )
        if row["compounds"] not in ("yes", "no"):
            raise LexiconError(
                f"compounds must be yes or no, not {row['compounds']!r}", path=where, line=line
            )
        if noun in media:
            raise LexiconError(f"{noun!r} is listed twice", path=where, line=line)
        media[noun] = (row["class"], row["compounds"] == "yes")
    return media


FIRST_NAMES_FILE = "first_names.tsv"
NAME_PARTICLES_FILE = "name_particles.tsv"
EPITHETS_FILE = "epithets.tsv"
PERSON_NOUNS_FILE = "person_nouns.tsv"
ADVERBS_FILE = "adverbs.tsv"
NACH_VERBS_FILE = "nach_verbs.tsv"
EPITHET_KINDS = frozenset({"party", "nationality", "home", "age", "occupation"})
"""The values of the `kind` column of epithets.tsv."""


def read_first_names(path: str | Path | None = None) -> dict[str, str]:
    """Parse first_names.tsv (the packaged one, or the file at `path`): name -> "f" or "m"."""
    where = _where(FIRST_NAMES_FILE, path)
    names: dict[str, str] = {}
    for line, row in _numbered_rows(FIRST_NAMES_FILE, path, ("name", "gender")):
        if row["gender"] not in ("f", "m"):
            raise LexiconError(f"gender must be f or m, not {row['gender']!r}", path=where, line=line)
        if row["name"] in names:
            raise LexiconError(f"{row['name']!r} is listed twice", path=where, line=line)
        names[row["name"]] = row["gender"]
    return names


def read_name_particles(path: str | Path | None = None) -> dict[str, tuple[bool, bool]]:
    """Parse name_particles.tsv (packaged, or the file at `path`): particle -> (opens a run, is German)."""
    where = _where(NAME_PARTICLES_FILE, path)
    particles: dict[str, tuple[bool, bool]] = {}
    for line, row in _numbered_rows(NAME_PARTICLES_FILE, path, ("particle", "opens", "german")):
        for column in ("opens", "german"):
            if row[column] not in ("yes", "no"):
                raise LexiconError(f"{column} must be yes or no, not {row[column]!r}", path=where, line=line)
        particles[row["particle"].lower()] = (row["opens"] == "yes", row["german"] == "yes")
    return particles


def read_epithets(path: str | Path | None = None) -> dict[str, bool]:
    """Parse epithets.tsv (the packaged one, or the file at `path`): noun -> compounds count."""
    where = _where(EPITHETS_FILE, path)
    epithets: dict[str, bool] = {}
    for line, row in _numbered_rows(EPITHETS_FILE, path, ("noun", "match", "kind")):
        if row["match"] not in ("word", "suffix"):
            raise LexiconError(f"match must be word or suffix, not {row['match']!r}", path=where, line=line)
        if row["kind"] not in EPITHET_KINDS:
            expected = ", ".join(sorted(EPITHET_KINDS))
            message = f"unknown kind {row['kind']!r}; expected one of {expected}"
            raise LexiconError(message, path=where, line=line)
        noun = row["noun"].lower()
        if noun in epithets:
            raise LexiconError(f"{noun!r} is listed twice", path=where, line=line)
        epithets[noun] = row["match"] == "suffix"
    return epithets


SOURCE_NOUNS_FILE = "source_nouns.tsv"


def read_source_nouns(path: str | Path | None = None) -> dict[str, bool]:
    """Parse source_nouns.tsv (the packaged one, or the file at `path`): noun -> compounds count."""
    return _read_nouns(SOURCE_NOUNS_FILE, path)


CUE_FORMS_FILE = "cue_forms.tsv"


def read_cue_forms(path: str | Path | None = None) -> dict[str, str]:
    """Parse cue_forms.tsv (the packaged one, or the file at `path`): form -> cue verb stem."""
    return {row["form"]: row["stem"] for _, row in _numbered_rows(CUE_FORMS_FILE, path, ("form", "stem"))}


def read_person_nouns(path: str | Path | None = None) -> dict[str, bool]:
    """Parse person_nouns.tsv (the packaged one, or the file at `path`): noun -> compounds count."""
    return _read_nouns(PERSON_NOUNS_FILE, path)


def _read_nouns(name: str, path: str | Path | None) -> dict[str, bool]:
    """A noun list with a `match` column: lower-cased noun -> whether compounds ending in it count."""
    where = _where(name, path)
    nouns: dict[str, bool] = {}
    for line, row in _numbered_rows(name, path, ("noun", "match")):
        if row["match"] not in ("word", "suffix"):
            raise LexiconError(f"match must be word or suffix, not {row['match']!r}", path=where, line=line)
        noun = row["noun"].lower()
        if noun in nouns:
            raise LexiconError(f"{noun!r} is listed twice", path=where, line=line)
        nouns[noun] = row["match"] == "suffix"
    return nouns
