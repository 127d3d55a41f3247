"""Direct and mixed quotes on sentences written for the tests, parsed by the real model."""

from __future__ import annotations

import pytest

from quoteattr import Extractor, Quote, QuoteForm


def only(quotes: list[Quote]) -> Quote:
    assert len(quotes) == 1, quotes
    return quotes[0]


def test_quote_before_inverted_cue(extractor: Extractor) -> None:
    text = "„Wir werden die Schule im Sommer renovieren“, sagte die Bürgermeisterin am Montag."
    quote = only(extractor.extract(text))
    assert quote.form is QuoteForm.DIRECT
    assert quote.text == "Wir werden die Schule im Sommer renovieren"
    assert quote.speaker is not None and quote.speaker.text == "die Bürgermeisterin"
    assert quote.verb is not None and quote.verb.lemma == "sagen"


def test_cue_and_colon_before_quote(extractor: Extractor) -> None:
    text = "Der Trainer Jens Berger erklärte: „Die Mannschaft hat heute großartig gespielt.“"
    quote = only(extractor.extract(text))
    assert quote.form is QuoteForm.DIRECT
    assert quote.speaker is not None and "Berger" in quote.speaker.text
    assert quote.speaker.name == "Jens Berger"
    assert quote.verb is not None and quote.verb.lemma == "erklären"


def test_separable_cue_verb_keeps_its_particle(extractor: Extractor) -> None:
    text = "„Die Preise steigen weiter“, kündigte der Vorstand an."
    quote = only(extractor.extract(text))
    assert quote.verb is not None
    assert quote.verb.lemma == "ankündigen"
    assert quote.verb.text == "kündigte ... an"
    assert len(quote.verb.spans) == 2


def test_pronoun_speaker_has_no_name_yet(extractor: Extractor) -> None:
    quote = only(extractor.extract("„Das Wetter wird morgen besser“, sagte er."))
    assert quote.speaker is not None and quote.speaker.text == "er"
    assert quote.speaker.name is None


def test_mixed_quote_is_the_whole_clause(extractor: Extractor) -> None:
    text = "Die Firma habe „keinerlei Fehler“ gemacht, betonte der Sprecher."
    quote = only(extractor.extract(text))
    assert quote.form is QuoteForm.MIXED
    assert quote.text == "Die Firma habe „keinerlei Fehler“ gemacht"
    assert quote.speaker is not None and quote.speaker.text == "der Sprecher"


def test_quote_standing_alone_takes_the_previous_speaker(extractor: Extractor) -> None:
    text = "„Wir haben lange verhandelt“, sagte die Ministerin. „Am Ende hat sich die Geduld ausgezahlt.“"
    quotes = extractor.extract(text)
    assert [q.form for q in quotes] == [QuoteForm.DIRECT, QuoteForm.DIRECT]
    assert quotes[1].verb is None
    assert quotes[1].speaker is not None and quotes[1].speaker.text == "die Ministerin"


def test_speaker_is_not_inherited_across_paragraphs(extractor: Extractor) -> None:
    text = "„Wir haben lange verhandelt“, sagte die Ministerin.\n\n„Am Ende hat sich die Geduld ausgezahlt.“"
    quotes = extractor.extract(text)
    assert quotes[-1].speaker is None


@pytest.mark.parametrize(
    "text",
    [
        "Die Regierung wirbt für eine „Allianz der Vernünftigen“, die das Land einen könnte.",
        "Der Film „Das Boot“ läuft heute im Fernsehen.",
    ],
)
def test_titles_names_and_scare_quotes_are_not_quotes(extractor: Extractor, text: str) -> None:
    assert extractor.extract(text) == []


def test_quoted_outlet_is_a_source_not_a_quote(extractor: Extractor) -> None:
    quotes = extractor.extract("Wie die „Süddeutsche Zeitung“ berichtete, wurde der Vertrag unterschrieben.")
    assert [q.text for q in quotes] == ["wurde der Vertrag unterschrieben"]
    assert quotes[0].speaker is not None and "Süddeutsche Zeitung" in quotes[0].speaker.text


def test_extract_many_keeps_input_order_and_empty_texts(extractor: Extractor) -> None:
    texts = ["„Es regnet schon wieder“, sagte sie.", "", "Keine Zitate hier.", "„Gut so“, sagte er."]
    results = list(extractor.extract_many(texts, batch_size=3))
    assert [len(r) for r in results] == [1, 0, 0, 1]
    assert results[3][0].speaker is not None and results[3][0].speaker.text == "er"
