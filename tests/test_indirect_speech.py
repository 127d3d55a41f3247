"""Indirect, reported and according-to speech on sentences written for the tests (real model)."""

from __future__ import annotations

import pytest

from quoteattr import Extractor, Quote, QuoteForm


def find(quotes: list[Quote], text: str) -> Quote:
    matches = [q for q in quotes if q.text == text]
    assert matches, f"{text!r} not among {[q.text for q in quotes]}"
    return matches[0]


def test_dass_clause(extractor: Extractor) -> None:
    quotes = extractor.extract("Die Ministerin erklärte am Dienstag, dass die Schulen geöffnet bleiben.")
    quote = find(quotes, "dass die Schulen geöffnet bleiben")
    assert quote.form is QuoteForm.INDIRECT
    assert quote.speaker is not None and quote.speaker.text == "Die Ministerin"
    assert quote.verb is not None and quote.verb.lemma == "erklären"


def test_verb_second_clause_in_konjunktiv(extractor: Extractor) -> None:
    quotes = extractor.extract("Der Trainer sagte, die Mannschaft sei in guter Form.")
    quote = find(quotes, "die Mannschaft sei in guter Form")
    assert quote.speaker is not None and quote.speaker.text == "Der Trainer"


def test_trailing_cue(extractor: Extractor) -> None:
    quotes = extractor.extract("Die Lage sei weiterhin angespannt, sagte ein Sprecher der Polizei.")
    quote = find(quotes, "Die Lage sei weiterhin angespannt")
    assert quote.form is QuoteForm.INDIRECT
    assert quote.speaker is not None and quote.speaker.text.startswith("ein Sprecher")


def test_zu_infinitive_of_a_directive_verb(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "Der Bürgermeister forderte die Anwohner auf, die Fenster geschlossen zu halten."
    )
    quote = find(quotes, "die Fenster geschlossen zu halten")
    assert quote.verb is not None and quote.verb.lemma == "auffordern"
    assert quote.verb.text == "forderte ... auf"


def test_reported_speech_act(extractor: Extractor) -> None:
    quotes = extractor.extract("Die Gewerkschaft forderte höhere Löhne für alle Beschäftigten.")
    quote = find(quotes, "höhere Löhne für alle Beschäftigten")
    assert quote.form is QuoteForm.REPORTED
    assert quote.speaker is not None and quote.speaker.text == "Die Gewerkschaft"


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "Laut Polizei wurden bei dem Unfall drei Menschen verletzt.",
            "wurden bei dem Unfall drei Menschen verletzt",
            "Polizei",
        ),
        (
            "Nach Angaben des Ministeriums wird die Brücke im Mai eröffnet.",
            "wird die Brücke im Mai eröffnet",
            "des Ministeriums",
        ),
        (
            "Wie die Feuerwehr mitteilte, konnte das Feuer schnell gelöscht werden.",
            "konnte das Feuer schnell gelöscht werden",
            "die Feuerwehr",
        ),
        # "nach" before a source noun of source_nouns.tsv, adjectives and compounds too
        (
            "Nach ersten Informationen wurden bei dem Brand zwei Feuerwehrleute verletzt.",
            "wurden bei dem Brand zwei Feuerwehrleute verletzt",
            "ersten Informationen",
        ),
        (
            "Nach Polizeiangaben war der Fahrer betrunken.",
            "war der Fahrer betrunken",
            "Polizeiangaben",
        ),
    ],
)
def test_according_to(extractor: Extractor, text: str, content: str, speaker: str) -> None:
    quote = find(extractor.extract(text), content)
    assert quote.form is QuoteForm.ACCORDING_TO
    assert quote.speaker is not None and quote.speaker.text == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Der Präsident will am Freitag mit dem Kanzler über die Lage sprechen.",
        "Einen Grund für die Verspätung nannte er nicht.",
    ],
)
def test_plans_and_negations_are_not_quotes(extractor: Extractor, text: str) -> None:
    assert extractor.extract(text) == []


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        # the tagger calls "gestern" a verb, which must not end the search for "mit"
        ("Unter Berufung auf die Polizei teilte die Stadtverwaltung gestern mit, die Brücke sei gesperrt.",
         "die Brücke sei gesperrt"),
        # a listed Konjunktiv form counts whatever its tag ("bleibe" as an adverb)
        ("Die Stadtverwaltung teilte gestern mit, die Brücke bleibe gesperrt.", "die Brücke bleibe gesperrt"),
    ],
)
def test_separable_cue_despite_tagger_errors(extractor: Extractor, sentence: str, content: str) -> None:
    quote = find(extractor.extract(sentence), content)
    assert quote.form is QuoteForm.INDIRECT
    assert quote.verb is not None and quote.verb.lemma == "mitteilen"


def test_an_aside_in_konjunktiv_stays_in_the_content(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "Die Prüfer erklärten, es seien Fehler gefunden worden, wodurch die Wahl ungültig sei."
    )
    quote = find(quotes, "es seien Fehler gefunden worden, wodurch die Wahl ungültig sei")
    assert quote.speaker is not None and quote.speaker.text == "Die Prüfer"


@pytest.mark.parametrize(
    "text",
    [
        "Die Reporter fragten nach Informationen über den Unfall.",  # the verb's object
        "Nach dem Spiel feierten die Fans bis in die Nacht.",  # not a source noun
    ],
)
def test_nach_without_a_source_is_no_cue(extractor: Extractor, text: str) -> None:
    quotes = extractor.extract(text)
    assert not any(q.form is QuoteForm.ACCORDING_TO for q in quotes), [q.text for q in quotes]
