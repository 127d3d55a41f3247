"""Speaker resolution: pronouns, surnames and descriptions named, on the real Stanza model.

The texts are written for these tests; the seed article is checked against its
hand-made reference.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quoteattr import Extractor, Quote
from quoteattr.errors import LexiconError
from quoteattr.lexicon import read_epithets, read_first_names, read_name_particles, read_person_nouns

SEED = Path(__file__).resolve().parent / "data" / "seed-expected-quotes.json"


def _speaker_of(quotes: list[Quote], fragment: str) -> str | None:
    quote = next((q for q in quotes if fragment in q.text), None)
    assert quote is not None, f"no quote holds {fragment!r}: {[q.text for q in quotes]}"
    assert quote.speaker is not None, f"no speaker for {quote.text!r}"
    return quote.speaker.name


# -- the seed article -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_quotes(extractor: Extractor, seed_text: str) -> list[Quote]:
    return extractor.extract(seed_text)


def _core() -> list[dict]:
    return [q for q in json.loads(SEED.read_text(encoding="utf-8"))["quotes"] if q["level"] == "core"]


@pytest.mark.parametrize("expected", _core(), ids=lambda e: f"{e['speaker']}: {e['text'][:25]}")
def test_seed_core_quotes_carry_the_resolved_name(seed_quotes: list[Quote], expected: dict) -> None:
    wanted = expected["text"].strip('"„“ .')
    quote = next((q for q in seed_quotes if q.text.strip('"„“ .') == wanted), None)
    assert quote is not None and quote.speaker is not None
    assert quote.speaker.name == expected["speaker"], f"mention {quote.speaker.text!r}"


# -- written for the tests ---------------------------------------------------------------


def test_a_pronoun_names_the_person_of_its_gender(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "Bundesbauministerin Petra Lindner traf am Montag den Verkehrsminister Markus Hollmann in Hamburg. "
        "Sie sagte, der Wohnungsbau komme zu langsam voran. "
        "Er erklärte dagegen, die Mittel seien längst bewilligt."
    )
    assert _speaker_of(quotes, "Wohnungsbau") == "Petra Lindner"
    assert _speaker_of(quotes, "Mittel") == "Markus Hollmann"


def test_a_surname_names_the_full_name_seen_before(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "Der Kieler Oberbürgermeister Thomas Brandtner hat den neuen Fähranleger eröffnet. "
        "„Der Hafen ist das Herz unserer Stadt“, sagte Brandtner bei der Feier."
    )
    assert _speaker_of(quotes, "Herz unserer Stadt") == "Thomas Brandtner"


def test_a_role_description_names_the_person_introduced_with_that_role(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "Kanadas Premierminister Daniel Fortier und der mexikanische Präsident Luis Ortega "
        "trafen sich in Ottawa. "
        "Der Premierminister sagte, die Zusammenarbeit beider Länder sei enger geworden."
    )
    assert _speaker_of(quotes, "enger geworden") == "Daniel Fortier"


def test_an_adjective_picks_between_two_presidents(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "Der chilenische Präsident Andrés Molina empfing den peruanischen Präsidenten Jorge Salas "
        "in Santiago. "
        "Der peruanische Präsident sagte, die Grenzfrage sei gelöst."
    )
    assert _speaker_of(quotes, "Grenzfrage") == "Jorge Salas"


def test_an_epithet_names_the_most_salient_person_of_its_gender(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "Die Abgeordnete Claudia Wendt stellte am Dienstag ihren Gesetzentwurf vor. "
        "Die SPD-Politikerin sagte, das Gesetz schütze Mieter vor hohen Kosten."
    )
    assert _speaker_of(quotes, "Mieter") == "Claudia Wendt"


def test_a_description_that_matches_nobody_stays_as_written(extractor: Extractor) -> None:
    quotes = extractor.extract("Die Polizei teilte mit, der Verdächtige sei am Abend gefasst worden.")
    assert _speaker_of(quotes, "Verdächtige") == "Polizei"


def test_an_organisation_is_named_by_its_role_noun(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "Die Umweltorganisation WWF hat die Pläne für das Kraftwerk scharf kritisiert. "
        "Die Organisation forderte, das Projekt sofort zu stoppen."
    )
    assert _speaker_of(quotes, "Projekt sofort zu stoppen") == "WWF"


def test_a_pronoun_without_antecedent_stays_unnamed(extractor: Extractor) -> None:
    quotes = extractor.extract("Er sagte, das Wetter werde am Wochenende besser.")
    assert _speaker_of(quotes, "Wetter") is None


def test_analyse_groups_quotes_and_mentions_by_person(extractor: Extractor) -> None:
    text = (
        "Gesundheitsministerin Karin Albers hat eine Reform der Pflege angekündigt. "
        "Sie sagte, die Beiträge müssten stabil bleiben. "
        "„Wir lassen niemanden allein“, sagte Albers am Abend."
    )
    document = extractor.analyse(text)
    assert [q.text for q in document.quotes] == [q.text for q in extractor.extract(text)]
    speaker = next(s for s in document.speakers if s.name == "Karin Albers")
    assert speaker.quote_count == len(document.quotes_of("Karin Albers")) >= 2
    assert {"Karin Albers", "Sie", "Albers"} <= {m.text for m in speaker.mentions}
    assert all(text[m.start : m.end] == m.text for m in speaker.mentions)


def test_analyse_of_empty_text_is_empty(extractor: Extractor) -> None:
    document = extractor.analyse("  ")
    assert document.quotes == [] and document.speakers == []


# -- the data files ----------------------------------------------------------------------


def test_the_packaged_name_lists_load() -> None:
    first_names = read_first_names()
    assert first_names["Annalena"] == "f" and first_names["Wladimir"] == "m"
    assert read_name_particles()["zu"] == (True, True)
    assert read_epithets()["politiker"] is True
    assert read_person_nouns()["präsident"] is True


@pytest.mark.parametrize(
    ("reader", "content", "message"),
    [
        (read_first_names, "name\tgender\nKim\tx\n", "gender must be f or m"),
        (read_name_particles, "particle\topens\tgerman\nvon\tja\tyes\n", "opens must be yes or no"),
        (read_epithets, "noun\tmatch\tkind\npolitiker\tsuffix\tbeliebig\n", "unknown kind"),
        (read_person_nouns, "noun\tmatch\nchef\tend\n", "match must be word or suffix"),
    ],
)
def test_bad_rows_are_reported_with_their_line(tmp_path: Path, reader, content: str, message: str) -> None:
    path = tmp_path / "list.tsv"
    path.write_text("# a comment\n" + content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as caught:
        reader(path)
    assert caught.value.line == 3
