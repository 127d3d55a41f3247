"""The parse gate (#6): what it lets through, and that it drops no gold quote sentence the rules use."""

from __future__ import annotations

from pathlib import Path

import pytest

from quoteattr import Extractor
from quoteattr.gate import SentenceGate
from quoteattr.lexicon import Lexicon
from quoteattr.spkatt import detokenise, read_document

TRAIN = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikinews-quotes" / "train"
SAMPLE_EVERY = 35
"""Every 35th training document (20 of 700) is the sample of gold quote sentences."""


@pytest.fixture(scope="module")
def gate() -> SentenceGate:
    return SentenceGate(Lexicon.load())


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Polizei teilte am Montag mit, der Verdächtige sei gefasst.",
        "Das berichteten Mitarbeiter des Hilfsdienstes.",  # past tense of a stem in -t
        "Laut Feuerwehr brannte das Haus aus.",
        "Nach Angaben der Polizei wurde niemand verletzt.",
        "Rund 800 Menschen sollen verletzt worden sein.",
        "Er kündigte an:",
        "Baerbock: Trump darf die Ukraine nicht fallen lassen",
        "Sei es drum, meinte sie.",
    ],
)
def test_sentences_that_can_hold_a_quote_pass(gate: SentenceGate, sentence: str) -> None:
    assert gate.needs_parse(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Der Bericht liegt seit Montag vor.",  # the noun, not the verb "bericht(e)"
        "Nach dem Spiel fuhr die Mannschaft nach Hause.",  # "nach" without "Angaben"
        "Um 14:30 Uhr begann das Spiel.",
        "Das Urteil fiel am Dienstag.",
        "Die Brücke wurde 1961 gebaut.",
    ],
)
def test_sentences_without_speech_are_gated_out(gate: SentenceGate, sentence: str) -> None:
    assert not gate.needs_parse(sentence)


def test_context_of_quotations_passes(gate: SentenceGate) -> None:
    sentences = [
        "Es ist Montag.",
        "Dann ging sie ans Mikrofon.",  # right before a quotation: "Sie sagte:" may stand here
        "„Wir bleiben.",
        "Wir geben nicht auf.",  # inside the quotation
        "Niemand kann uns vertreiben.“",
        "Die Brücke wurde 1961 gebaut.",
        "Demnach war die Brücke marode.",  # its speaker is named the sentence before
    ]
    assert gate.select(sentences) == [False, True, True, True, True, True, True]


def test_an_unpaired_opening_mark_opens_a_few_sentences_only(gate: SentenceGate) -> None:
    chosen = gate.select(["Er nannte es „Unsinn.", *["Die Brücke wurde 1961 gebaut."] * 10])
    assert chosen[:7] == [True] * 7 and not any(chosen[7:])


@pytest.mark.model
@pytest.mark.skipif(not TRAIN.is_dir(), reason=f"the WikiNews training split is not at {TRAIN}")
def test_no_gold_quote_sentence_the_rules_use_is_gated_out(extractor: Extractor, gate: SentenceGate) -> None:
    """A gold quote sentence may be gated out only for a reason: the ungated pipeline finds nothing in it.

    The sample documents run through the pipeline without the gate; every gold sentence
    holding a message, source or cue that the gate rejects must be untouched by every
    quote, speaker and cue the ungated pipeline finds there.
    """
    ungated = Extractor(gate=False)
    paths = sorted(TRAIN.glob("*.json"))[::SAMPLE_EVERY]
    unexplained, gold_sentences, rejected = [], 0, 0
    for path in paths:
        doc = read_document(path)
        detok = detokenise(doc.sentences)
        spans = [(offsets[0][0], offsets[-1][1]) if offsets else (0, 0) for offsets in detok.offsets]
        chosen = gate.select([detok.text[a:b] for a, b in spans])
        found = []
        for quote in ungated.extract(detok.text):
            found.append((quote.start, quote.end))
            found += [(quote.speaker.start, quote.speaker.end)] if quote.speaker else []
            found += quote.verb.spans if quote.verb else []
        wanted = {
            int(token.split(":")[0])
            for annotation in doc.raw["Annotations"]
            for role in ("Message", "Source", "Cue")
            for token in annotation[role]
        }
        for k in sorted(wanted):
            gold_sentences += 1
            if chosen[k]:
                continue
            rejected += 1
            a, b = spans[k]
            if any(start < b and a < end for start, end in found):
                unexplained.append(f"{path.name} sentence {k}: {detok.text[a:b]}")
    assert gold_sentences > 100
    assert not unexplained, (
        f"{len(unexplained)} of {rejected} rejected gold sentences hold quotes:\n" + "\n".join(unexplained)
    )
