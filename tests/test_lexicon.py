"""The packaged cue lexicon loads, is well-formed and answers lookups."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from quoteattr.errors import LexiconError
from quoteattr.lexicon import (
    COMPLEMENTS,
    STWR_CLASSES,
    CueVerb,
    Lexicon,
    read_cue_verbs,
    read_konjunktiv,
    read_source_nouns,
    read_tsv,
)

HEADER = "# a comment\nlemma\tparticle\tstem\tclass\tcomplements\n"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


def test_files_load(lexicon: Lexicon) -> None:
    assert len(lexicon.verbs) >= 150
    assert len(lexicon.konjunktiv) >= 150
    assert read_tsv("cue_verbs.tsv")[0].keys() == {
        "lemma",
        "particle",
        "stem",
        "class",
        "complements",
    }


def test_rows_are_consistent(lexicon: Lexicon) -> None:
    for lemma, verb in lexicon.verbs.items():
        assert verb.lemma == lemma == lemma.lower()
        assert verb.stwr in STWR_CLASSES
        assert verb.complements and verb.complements <= COMPLEMENTS
        if verb.particle is None:
            assert verb.stem == lemma
        else:
            assert verb.particle + verb.stem == lemma
        assert verb in lexicon.by_stem[verb.stem]
    assert set(lexicon.konjunktiv.values()) == {"I", "II"}


def test_separable_particle_must_match(lexicon: Lexicon) -> None:
    andeuten = lexicon.cue_verb("deuten", "an")
    assert andeuten is not None
    assert andeuten.lemma == "andeuten"
    assert andeuten.particle == "an"
    assert lexicon.cue_verb("teilen", "mit") == lexicon.verbs["mitteilen"]
    assert lexicon.cue_verb("geben", "bekannt") == lexicon.verbs["bekanntgeben"]
    # particle mismatch, and a bare stem that is not a cue by itself
    assert lexicon.cue_verb("deuten", "hin") is None
    assert lexicon.cue_verb("sagen", "zurück") is None
    assert lexicon.cue_verb("deuten", None) is None
    assert lexicon.cue_verb("teilen", None) is None


def test_unsplit_lemma_matches_full_lemma(lexicon: Lexicon) -> None:
    sagen = lexicon.cue_verb("sagen", None)
    assert sagen is not None
    assert sagen.stwr == "speech"
    assert {"direct", "v2"} <= sagen.complements
    assert lexicon.cue_verb("andeuten", None) == lexicon.verbs["andeuten"]
    assert lexicon.cue_verb("Sagen", None) == sagen
    # a lemmatiser that keeps the particle in the lemma and also reports it split
    assert lexicon.cue_verb("mitteilen", "mit") == lexicon.verbs["mitteilen"]
    assert lexicon.cue_verb("essen", None) is None


def test_stem_index_holds_verbs_with_and_without_particle(lexicon: Lexicon) -> None:
    lemmas = {v.lemma for v in lexicon.by_stem["sagen"]}
    assert {"sagen", "zusagen", "aussagen"} <= lemmas


def test_konjunktiv(lexicon: Lexicon) -> None:
    assert lexicon.is_konjunktiv("stünden")
    assert lexicon.is_konjunktiv("Sei")
    assert lexicon.konjunktiv["sei"] == "I"
    assert lexicon.konjunktiv["wäre"] == "II"
    for ambiguous in ("sagte", "sollten", "wollten", "haben", "ist", "gingen"):
        assert not lexicon.is_konjunktiv(ambiguous), ambiguous


def test_cue_verb_is_frozen() -> None:
    verb = CueVerb("sagen", None, "sagen", "speech", frozenset({"direct"}))
    with pytest.raises(AttributeError):
        verb.lemma = "meinen"  # type: ignore[misc]


def test_wrong_column_count_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.tsv"
    path.write_text(HEADER + "sagen\t-\tsagen\tspeech\tdirect\nandeuten\tan\tdeuten\n")
    with pytest.raises(LexiconError) as info:
        read_tsv("broken.tsv", path=path)
    assert info.value.line == 4
    assert info.value.path == str(path)
    assert f"{path}:4:" in str(info.value)


def test_unknown_class_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "cue_verbs.tsv"
    path.write_text(HEADER + "sagen\t-\tsagen\tspeech\tdirect\nsingen\t-\tsingen\tsong\tdirect\n")
    with pytest.raises(LexiconError, match="unknown class 'song'") as info:
        read_cue_verbs(path)
    assert info.value.line == 4


def test_unknown_complement_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "cue_verbs.tsv"
    path.write_text(HEADER + "\nsagen\t-\tsagen\tspeech\tdirect,indirect\n")
    with pytest.raises(LexiconError, match="unknown complement 'indirect'") as info:
        read_cue_verbs(path)
    assert info.value.line == 4


def test_wrong_stem_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "cue_verbs.tsv"
    path.write_text(HEADER + "andeuten\tan\tandeuten\tspeech\tdirect\n")
    with pytest.raises(LexiconError, match="should be 'deuten'"):
        read_cue_verbs(path)


@pytest.mark.parametrize(
    ("name", "content", "read", "message"),
    [
        ("konjunktiv.tsv", "form\tmood\tlemma\nsei\tIII\tsein\n", read_konjunktiv, "unknown mood"),
        ("source_nouns.tsv", "noun\tmatch\nangaben\tprefix\n", read_source_nouns, "must be word or suffix"),
    ],
)
def test_a_bad_value_names_its_line(
    tmp_path: Path, name: str, content: str, read: Callable[[Path], object], message: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(LexiconError, match=message) as info:
        read(path)
    assert info.value.line == 2


def test_source_nouns_match_words_and_compounds(lexicon: Lexicon) -> None:
    assert lexicon.source_nouns["angaben"] is True  # "Polizeiangaben"
    assert lexicon.source_nouns["ansicht"] is False



def test_missing_packaged_file() -> None:
    with pytest.raises(LexiconError, match="is the package installed whole"):
        read_tsv("no_such_file.tsv")


def test_missing_file_at_path(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="not found"):
        read_tsv("cue_verbs.tsv", path=tmp_path / "absent.tsv")
