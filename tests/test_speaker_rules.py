"""Speaker choice in constructions the parser gets wrong, on sentences written for the tests (real model).

A pronoun after the finite cue beats an adverbial prefield, "so X" names the speaker of
quoted fragments and of the quotation it introduces, an according-to phrase in the
cue's clause names who reports, "zitieren" in the passive quotes its subject, light
verbs and articles help find the subject, and impersonal "man" or a thing named
before a lone quotation are no speakers.
"""

from __future__ import annotations

from quote_helpers import holding, speaker_text
from quoteattr import Extractor, QuoteForm


def test_pronoun_after_the_finite_cue_beats_a_prepositional_prefield(extractor: Extractor) -> None:
    quotes = extractor.extract("Gegenüber der Zeitung erklärte sie: „Wir bleiben in der Stadt.“")
    assert speaker_text(holding(quotes, "Wir bleiben")) == "sie"


def test_so_phrase_introduces_the_next_quotation(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "„Das Projekt ist gescheitert“, so die Sprecherin weiter: „Wir fangen im Frühjahr neu an.“"
    )
    assert speaker_text(holding(quotes, "gescheitert")) == "die Sprecherin"
    assert speaker_text(holding(quotes, "Wir fangen")) == "die Sprecherin"


def test_so_phrase_names_the_speaker_of_a_quoted_fragment(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "Die Strafe sei zu mild, „wenn jemand betrunken einen Fußgänger verletzt“, so Anna Berger."
    )
    quote = holding(quotes, "Fußgänger verletzt")
    assert speaker_text(quote) == "Anna Berger"
    assert quote.verb is not None and quote.verb.lemma == "so"


def test_according_to_phrase_in_the_cue_clause_names_the_reporter(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "Die Firma hat nach Angaben der Behörde angekündigt, dass sie das Werk im Mai schließt."
    )
    quote = holding(quotes, "das Werk im Mai schließt")
    assert quote.form is QuoteForm.INDIRECT
    assert "Behörde" in speaker_text(quote)


def test_passive_zitieren_quotes_its_subject(extractor: Extractor) -> None:
    quotes = extractor.extract("Der Trainer wird mit den Worten zitiert: „Wir haben verdient gewonnen.“")
    quote = holding(quotes, "verdient gewonnen")
    assert speaker_text(quote) == "Der Trainer"
    assert quote.verb is not None and quote.verb.lemma == "zitieren"


def test_parenthetical_so_cue_takes_the_subject_after_it(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "Der Grund für die Absage, so vermutet die Zeitung, dürfte das schlechte Wetter gewesen sein."
    )
    assert speaker_text(holding(quotes, "schlechte Wetter")) == "die Zeitung"


def test_adverb_in_the_prefield_yields_to_the_subject_after_the_auxiliary(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "Unterdessen haben einige Abgeordnete angekündigt, sie würden gegen das Gesetz klagen."
    )
    assert "Abgeordnete" in speaker_text(holding(quotes, "gegen das Gesetz klagen"))


def test_article_makes_an_unknown_name_the_subject(extractor: Extractor) -> None:
    quotes = extractor.extract("Die taz vermutet, dass die Daten längst gespeichert werden.")
    assert speaker_text(holding(quotes, "gespeichert werden")) == "Die taz"


def test_impersonal_man_is_no_speaker(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "Der Verband meldete, die Preise seien gestiegen. Man rechne mit weiteren Erhöhungen im Winter."
    )
    assert all(q.speaker is None or q.speaker.text.lower() != "man" for q in quotes)
    assert speaker_text(holding(quotes, "die Preise seien gestiegen")) == "Der Verband"


def test_lone_quotation_skips_a_thing_named_in_the_sentence_before(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "Die Ministerin sagte: „Wir müssen sparen.“ Die Beiträge steigen im nächsten Jahr um zwei Prozent. "
        "„Das ist leider unvermeidlich.“"
    )
    assert speaker_text(holding(quotes, "unvermeidlich")) == "Die Ministerin"


def test_capitalised_preposition_opens_no_subject(extractor: Extractor) -> None:
    quotes = extractor.extract("Per Telefon erklärte der Bürgermeister, dass die Straße gesperrt bleibt.")
    assert speaker_text(holding(quotes, "die Straße gesperrt bleibt")) == "der Bürgermeister"


def test_capitalised_sentence_adverb_is_no_subject(extractor: Extractor) -> None:
    quotes = extractor.extract("Zuvor hatte die Polizei mitgeteilt, dass der Fahrer geflohen sei.")
    assert speaker_text(holding(quotes, "der Fahrer geflohen sei")) == "die Polizei"
