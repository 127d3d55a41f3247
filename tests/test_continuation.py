"""Headlines and free indirect continuation on texts written for the tests, parsed by the real model."""

from __future__ import annotations

from quoteattr import Extractor, Quote, QuoteForm
from quoteattr.continuation import read_headline_labels


def of_form(quotes: list[Quote], form: QuoteForm) -> list[Quote]:
    return [q for q in quotes if q.form is form]


def test_name_colon_line_is_a_headline_quote(extractor: Extractor) -> None:
    text = "Scholz: Europa muss jetzt zusammenhalten\n\nDer Kanzler sprach am Montag in Berlin über die Lage."
    (quote,) = of_form(extractor.extract(text), QuoteForm.HEADLINE)
    assert quote.text == "Europa muss jetzt zusammenhalten"
    assert quote.speaker is not None and quote.speaker.text == "Scholz"
    assert quote.verb is None
    assert text[quote.start : quote.end] == quote.text


def test_title_and_name_make_one_speaker(extractor: Extractor) -> None:
    text = "UN-Generalsekretär Guterres: Die Welt ist in Gefahr\n\nEr sprach vor der Vollversammlung."
    (quote,) = of_form(extractor.extract(text), QuoteForm.HEADLINE)
    assert quote.text == "Die Welt ist in Gefahr"
    assert quote.speaker is not None and quote.speaker.text == "UN-Generalsekretär Guterres"


def test_labels_captions_and_fact_lines_are_not_headlines(extractor: Extractor) -> None:
    text = (
        "Hintergrund: Was der Gipfel in Brüssel bringen soll\n\n"
        "Foto: Anna Beispiel/dpa\n\n"
        "Beginn: 19 Uhr\n\n"
        "Die Staats- und Regierungschefs treffen sich am Donnerstag."
    )
    assert of_form(extractor.extract(text), QuoteForm.HEADLINE) == []


def test_name_colon_inside_prose_is_not_a_headline(extractor: Extractor) -> None:
    text = "Müller: Das Werk bleibt offen. Die Belegschaft hat lange darauf gewartet."
    assert of_form(extractor.extract(text), QuoteForm.HEADLINE) == []


def test_headline_labels_are_read_lower_cased() -> None:
    labels = read_headline_labels()
    assert {"hintergrund", "foto"} <= labels
    assert all(label == label.lower() for label in labels)


def test_konjunktiv_chain_after_direct_quote_stops_at_indicative(extractor: Extractor) -> None:
    text = (
        "„Wir werden die Hilfe verdoppeln“, sagte die Ministerin am Dienstag in Berlin. "
        "Die ersten Lieferungen seien bereits unterwegs. "
        "Weitere Transporte sollen im Frühjahr folgen. "
        "Am Abend regnete es in der Hauptstadt. "
        "Die Kosten seien hoch."
    )
    (quote,) = of_form(extractor.extract(text), QuoteForm.FREE_INDIRECT)
    # consecutive sentences make one quote; the indicative sentence ends the chain
    assert quote.text == (
        "Die ersten Lieferungen seien bereits unterwegs. Weitere Transporte sollen im Frühjahr folgen."
    )
    assert quote.speaker is not None and quote.speaker.text == "die Ministerin"
    assert quote.verb is None


def test_chain_after_colon_quote(extractor: Extractor) -> None:
    text = (
        "Der Sprecher der Feuerwehr sagte: „Wir haben den Brand unter Kontrolle.“ "
        "Verletzt worden sei niemand."
    )
    (quote,) = of_form(extractor.extract(text), QuoteForm.FREE_INDIRECT)
    assert quote.text == "Verletzt worden sei niemand."
    assert quote.speaker is not None and quote.speaker.text == "Der Sprecher der Feuerwehr"


def test_chain_after_mixed_quote(extractor: Extractor) -> None:
    text = (
        "Die Bürgermeisterin kündigte an, man werde „alles Nötige tun“, um die Schule zu retten. "
        "Der Unterricht könne vorerst in Containern stattfinden."
    )
    (quote,) = of_form(extractor.extract(text), QuoteForm.FREE_INDIRECT)
    assert quote.text == "Der Unterricht könne vorerst in Containern stattfinden."
    assert quote.speaker is not None and quote.speaker.text == "Die Bürgermeisterin"


def test_chain_does_not_cross_a_paragraph(extractor: Extractor) -> None:
    text = "„Wir bleiben hier“, sagte der Bürgermeister.\n\nDie Lage in der Stadt sei ernst."
    assert of_form(extractor.extract(text), QuoteForm.FREE_INDIRECT) == []


def test_konjunktiv_without_a_quote_before_is_not_attributed(extractor: Extractor) -> None:
    text = "Der Bus fuhr am Morgen los. Rund zwanzig Menschen sollen verletzt worden sein."
    assert of_form(extractor.extract(text), QuoteForm.FREE_INDIRECT) == []


def test_narrator_sentence_with_sollen_in_relative_clause_is_no_continuation(extractor: Extractor) -> None:
    text = (
        "„Die Brücke muss saniert werden“, sagte der Stadtrat am Mittwoch. "
        "Die Verwaltung legte einen Plan vor, der die Kosten senken soll."
    )
    assert of_form(extractor.extract(text), QuoteForm.FREE_INDIRECT) == []
