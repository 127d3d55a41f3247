"""Verdicts as reported speech, on sentences written for the tests (real model).

A verdict verb reports an opinion when its predicate word stands in its clause:
"stufte … als … ein", "hält … für …", "sieht in … eine …" (the `als`, `für`, `in`
complements of cue_verbs.tsv); without it, or with a particle the lexicon does not
list, the same verbs report nothing.
"""

from __future__ import annotations

import pytest

from quote_helpers import holding, speaker_text
from quoteattr import Extractor, QuoteForm


@pytest.mark.parametrize(
    ("sentence", "fragment", "speaker", "lemma"),
    [
        ("Der Mieterbund stufte die Verordnung als verfassungswidrig ein.", "verfassungswidrig", "Mieterbund",
         "einstufen"),
        ("Die Ärztekammer hält die Reform für gefährlich.", "gefährlich", "Ärztekammer", "halten"),
        ("Die Opposition sieht in dem Haushalt eine Gefahr.", "Gefahr", "Opposition", "sehen"),
        ("Der Bürgermeister betrachtet den Neubau als Erfolg.", "Erfolg", "Bürgermeister", "betrachten"),
    ],
)
def test_active_verdict_is_reported(
    extractor: Extractor, sentence: str, fragment: str, speaker: str, lemma: str
) -> None:
    quote = holding(extractor.extract(sentence), fragment)
    assert quote.form is QuoteForm.REPORTED
    assert speaker in speaker_text(quote)
    assert quote.verb is not None and quote.verb.lemma == lemma


def test_passive_verdict_keeps_its_agent_as_speaker(extractor: Extractor) -> None:
    quote = holding(
        extractor.extract("Der Entwurf wurde von der Opposition als unsozial kritisiert."), "unsozial"
    )
    assert quote.form is QuoteForm.REPORTED
    assert "Opposition" in speaker_text(quote)
    assert quote.verb is not None and quote.verb.lemma == "kritisieren"


def test_verdict_after_an_auxiliary_and_a_relative_clause(extractor: Extractor) -> None:
    quote = holding(
        extractor.extract("Die Anwälte halten das Verfahren, das im Mai begonnen hatte, für rechtswidrig."),
        "rechtswidrig",
    )
    assert quote.form is QuoteForm.REPORTED
    assert "Anwälte" in speaker_text(quote)


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Pläne sehen eine neue Brücke in der Altstadt vor.",  # vorsehen: a particle the lexicon lacks
        "Die Kinder halten den Hund an der Leine.",  # no predicate
        "Mehr als hundert Menschen sahen den Film am Sonntag.",  # "mehr als" compares
    ],
)
def test_verdict_verbs_without_a_verdict_report_nothing(extractor: Extractor, sentence: str) -> None:
    quotes = extractor.extract(sentence)
    assert not any(q.form is QuoteForm.REPORTED for q in quotes), [q.text for q in quotes]
