"""Speaker choice and quote constructions on sentences written for the tests (real model).

Anaphoric cues ("Das bestätigte X."), appositions and relative clauses before the
cue, oblique objects that are not speakers, prepositional-only reported speech,
a cue sentence that opens a free-indirect run, and "Sprecher: „…“" labels.
"""

from __future__ import annotations

from quote_helpers import holding, speaker_text
from quoteattr import Extractor, QuoteForm


def test_anaphoric_cue_attributes_the_sentence_before(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "Die Stadt will im Herbst zwei neue Schulen eröffnen. Das bestätigte der Bürgermeister am Montag."
    )
    quote = holding(quotes, "zwei neue Schulen")
    assert quote.form is QuoteForm.INDIRECT
    assert quote.verb is not None and quote.verb.lemma == "bestätigen"
    assert "Bürgermeister" in speaker_text(quote)
    assert not any(q.form is QuoteForm.REPORTED for q in quotes)  # "Das" is no reported content


def test_speaker_with_apposition_before_the_cue(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "Maria Lindner, Sprecherin des Mietervereins, sagte am Abend, die Mieten seien viel zu hoch."
    )
    quote = holding(quotes, "die Mieten seien viel zu hoch")
    assert "Lindner" in speaker_text(quote)


def test_speaker_of_a_verb_final_cue_with_apposition(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "Wie der Vorsitzende, Otto Krämer, am Freitag ausführte, sei die Kasse des Vereins leer."
    )
    quote = holding(quotes, "Kasse des Vereins")
    assert "Vorsitzende" in speaker_text(quote) or "Krämer" in speaker_text(quote)


def test_dative_object_is_not_the_speaker(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "Der Trainer dankte den Spielern für ihren Einsatz und fügte hinzu, die Saison sei noch lang."
    )
    quote = holding(quotes, "die Saison sei noch lang")
    assert speaker_text(quote) == "Der Trainer"


def test_threat_by_a_prepositional_object_is_reported(extractor: Extractor) -> None:
    quotes = extractor.extract("Die Gewerkschaft drohte mit einem unbefristeten Streik.")
    quote = holding(quotes, "Streik")
    assert quote.form is QuoteForm.REPORTED
    assert speaker_text(quote) == "Die Gewerkschaft"


def test_a_looming_penalty_is_no_reported_speech(extractor: Extractor) -> None:
    quotes = extractor.extract("Dem Fahrer droht nun eine hohe Geldstrafe.")
    assert not quotes, [q.text for q in quotes]


def test_cue_sentence_without_content_opens_a_free_indirect_run(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "Der Wetterdienst warnte am Montag vor schweren Gewittern. "
        "Bis zum Mittwoch werde es im ganzen Land kräftig regnen."
    )
    quote = holding(quotes, "kräftig regnen")
    assert quote.form is QuoteForm.FREE_INDIRECT
    assert speaker_text(quote) == "Der Wetterdienst"


def test_noun_phrase_label_before_a_colon_names_the_speaker(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "Die Feuerwehr war mit vierzig Kräften im Einsatz. "
        "Ein Sprecher der Feuerwehr: „Wir waren nach zehn Minuten am Brandort.“"
    )
    quote = holding(quotes, "nach zehn Minuten")
    assert quote.form is QuoteForm.DIRECT
    assert speaker_text(quote) == "Ein Sprecher der Feuerwehr"


def test_split_particle_the_tagger_calls_a_participle(extractor: Extractor) -> None:
    """The small model tags "gestern" and "bekannt" as verbs here; "gab … bekannt" is still one cue."""
    quotes = extractor.extract("Die Polizei gab die Festnahme des Verdächtigen gestern in Hamburg bekannt.")
    quote = holding(quotes, "die Festnahme")
    assert quote.form is QuoteForm.REPORTED
    assert quote.verb is not None and quote.verb.lemma == "bekanntgeben"
    assert quote.verb.text == "gab ... bekannt"
    assert speaker_text(quote) == "Die Polizei"


def test_particle_of_a_coordinated_verb_is_not_the_cue_s(extractor: Extractor) -> None:
    """The parser hangs "an" of "griff … an" on "begrüßte"; it belongs to the verb it follows."""
    quotes = extractor.extract(
        "Der Minister begrüßte den Beschluss des Rates und griff die Opposition scharf an."
    )
    quote = holding(quotes, "den Beschluss des Rates")
    assert quote.form is QuoteForm.REPORTED
    assert quote.verb is not None and quote.verb.lemma == "begrüßen"
    assert "griff" not in quote.text


def test_object_the_parser_calls_a_second_subject(extractor: Extractor) -> None:
    quotes = extractor.extract("Lena Vogt, Sprecherin des Vereins, bezeichnete die Pläne als Unsinn.")
    quote = holding(quotes, "die Pläne als Unsinn")
    assert quote.form is QuoteForm.REPORTED
    assert "Vogt" in speaker_text(quote)


def test_estimate_with_beziffern_is_reported(extractor: Extractor) -> None:
    quote = holding(
        extractor.extract("Die Stiftung beziffert den Schaden auf drei Millionen Euro."), "den Schaden"
    )
    assert quote.form is QuoteForm.REPORTED
    assert quote.verb is not None and quote.verb.lemma == "beziffern"


def test_a_cue_with_a_clause_reports_no_object_besides(extractor: Extractor) -> None:
    """The parser takes "Demnach" for the subject and "Frankreich" for a second one: no object."""
    quotes = extractor.extract("Demnach erwartet Frankreich, dass die Verhandlungen scheitern.")
    quote = holding(quotes, "die Verhandlungen scheitern")
    assert quote.form is QuoteForm.INDIRECT
    assert speaker_text(quote) == "Frankreich"
    assert not any(q.form is QuoteForm.REPORTED for q in quotes), [q.text for q in quotes]


def test_an_object_before_the_quote_it_introduces_is_no_reported_speech(extractor: Extractor) -> None:
    quotes = extractor.extract(
        "Die Ärztin beschrieb die Lage mit den Worten: „Wir haben keine Betten mehr frei.“"
    )
    assert holding(quotes, "Wir haben keine Betten mehr frei").form is QuoteForm.DIRECT
    assert not any(q.form is QuoteForm.REPORTED for q in quotes), [q.text for q in quotes]


def test_reported_object_by_word_order_where_the_parse_fails(extractor: Extractor) -> None:
    """The small model makes "warf"/"warnte" auxiliaries of a noun root; word order still tells."""
    quote = holding(extractor.extract("Der Verband warf der Stadt schwere Versäumnisse vor."), "Versäumnisse")
    assert quote.form is QuoteForm.REPORTED
    assert quote.verb is not None and quote.verb.lemma == "vorwerfen"
    assert speaker_text(quote) == "Der Verband"
    quote = holding(
        extractor.extract("Der Wetterdienst warnte am Sonntag vor Glatteis und starkem Schneefall."),
        "Glatteis",
    )
    assert quote.form is QuoteForm.REPORTED
    assert quote.text == "vor Glatteis und starkem Schneefall"  # a warning takes its topic with "vor"
    assert speaker_text(quote) == "Der Wetterdienst"


def test_passive_verdict_with_als_is_reported_with_its_agent(extractor: Extractor) -> None:
    quotes = extractor.extract("Die neuen Regeln wurden von der Opposition als unsozial bezeichnet.")
    quote = holding(quotes, "als unsozial")
    assert quote.form is QuoteForm.REPORTED
    assert quote.verb is not None and quote.verb.lemma == "bezeichnen"
    assert speaker_text(quote) == "der Opposition"
    quote = holding(extractor.extract("Als Grund wurde ein Fehler in der Software genannt."), "Fehler")
    assert quote.form is QuoteForm.REPORTED


def test_passive_without_a_verdict_is_no_reported_speech(extractor: Extractor) -> None:
    quotes = extractor.extract("Der Bürgermeister wurde am Montag von der Polizei informiert.")
    assert not any(q.form is QuoteForm.REPORTED for q in quotes), [q.text for q in quotes]


def test_quoted_words_in_a_reported_object_stay_inside_the_reported_quote(extractor: Extractor) -> None:
    quotes = extractor.extract("Der Sender berichtete von „schweren Verlusten“ bei den Kämpfen.")
    assert len(quotes) == 1, [(q.form, q.text) for q in quotes]
    assert quotes[0].form is QuoteForm.REPORTED
    assert quotes[0].text == "von „schweren Verlusten“ bei den Kämpfen"
    assert speaker_text(quotes[0]) == "Der Sender"
