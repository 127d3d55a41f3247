"""The parse gate (#6): what it lets through, and that it drops no gold quote sentence the rules use."""

from __future__ import annotations

from pathlib import Path

import pytest

from quoteattr import Extractor
from quoteattr.gate import SentenceGate, SentenceSplitter
from quoteattr.lexicon import Lexicon
from quoteattr.spkatt import detokenise, read_document

TRAIN = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikinews-quotes" / "train"
SAMPLE_EVERY = 50
"""Every 50th training document (14 of 700) is the sample of gold quote sentences."""


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
        "Nach ersten Informationen wurde niemand verletzt.",  # "nach" and a source noun
        "Die Ärztekammer hält die Reform für gefährlich.",  # a verdict verb with its predicate
        "Sie nannte das „ein schlechtes Zeichen“.",  # a quotation that is no name
        "Die Richterin entschied, das Verfahren einzustellen.",  # a clause-only verb and its comma
        "Der Rat entschied zu warten.",  # … or its zu-infinitive
        "Die Parteien einigten sich auf einen Kompromiss.",  # a verb that takes an object
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
        "Die Kinder halten den Hund an der Leine.",  # a verdict verb without its predicate
        "Das Interview erschien am Montag im „Spiegel“.",  # a quoted name, nobody's words
        "Einige Besucher blieben bis zum Abend.",  # "einige": a pronoun (other_words.tsv)
    ],
)
def test_sentences_without_speech_are_gated_out(gate: SentenceGate, sentence: str) -> None:
    assert gate.select([sentence]) == [False]


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


def test_a_cue_without_its_content_is_parsed_before_reported_speech_only(gate: SentenceGate) -> None:
    """Free indirect speech may go on from a cue that reports nothing itself (continuation.py)."""
    cue = "Der Schiedsrichter entschied am Montag."  # "entscheiden" reports a clause, and there is none
    assert gate.select([cue, "Die Lage sei ernst."]) == [True, True]
    assert gate.select([cue, "Die Brücke wurde 1961 gebaut."]) == [False, False]


def test_a_quoted_name_does_not_select_the_sentence_before(gate: SentenceGate) -> None:
    sentences = ["Die Brücke wurde 1961 gebaut.", "Das Interview erschien im „Spiegel“."]
    assert gate.select(sentences) == [False, False]


def test_only_a_quotation_that_opens_its_sentence_selects_the_sentence_before(gate: SentenceGate) -> None:
    """A quotation inside its sentence has its cue there; one that opens it may have it before."""
    inside = ["Die Brücke wurde 1961 gebaut.", "Sie nannte die Brücke „ein Wahrzeichen der Stadt“."]
    opening = ["Die Brücke wurde 1961 gebaut.", "„Sie ist ein Wahrzeichen der Stadt.“"]
    assert gate.select(inside) == [False, True]
    assert gate.select(opening) == [True, True]


def test_an_unpaired_opening_mark_opens_a_few_sentences_only(gate: SentenceGate) -> None:
    chosen = gate.select(["Er nannte es „Unsinn.", *["Die Brücke wurde 1961 gebaut."] * 10])
    assert chosen[:7] == [True] * 7 and not any(chosen[7:])


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Prof. Dr. Müller kam am 5. August. Es regnete. „Wir bleiben.“ Sie sagte: „Nein!“",
            ["Prof. Dr. Müller kam am 5. August.", "Es regnete.", "„Wir bleiben.“", "Sie sagte: „Nein!“"],
        ),
        ("Dann ging J. F. Kennedy, bzw. sein Sohn. ein Satz?\n\nTitel ohne Punkt\nZeile", None),
    ],
)
def test_the_splitter_cuts_only_where_a_sentence_surely_ends(text: str, sentences: list[str] | None) -> None:
    spans = SentenceSplitter().spans(text)
    expected = sentences or ["Dann ging J. F. Kennedy, bzw. sein Sohn. ein Satz?", "Titel ohne Punkt\nZeile"]
    assert [text[a:b] for a, b in spans] == expected


@pytest.mark.model
@pytest.mark.skipif(not TRAIN.is_dir(), reason=f"the WikiNews training split is not at {TRAIN}")
def test_no_gold_quote_sentence_the_rules_use_is_gated_out(extractor: Extractor, gate: SentenceGate) -> None:
    """A gold quote sentence may be gated out only for a reason: the ungated pipeline finds nothing in it.

    The sample documents run through the pipeline without the gate; every sentence (as
    the gate sees them) holding a gold message, source or cue token that the gate
    rejects must be untouched by every quote, speaker and cue the ungated pipeline finds.
    """
    ungated = Extractor(gate=False)
    splitter = SentenceSplitter()
    unexplained, gold_sentences, rejected = [], 0, 0
    for path in sorted(TRAIN.glob("*.json"))[::SAMPLE_EVERY]:
        doc = read_document(path)
        detok = detokenise(doc.sentences)
        spans = splitter.spans(detok.text)
        chosen = gate.select([detok.text[a:b] for a, b in spans])
        found = []
        for quote in ungated.extract(detok.text):
            found.append((quote.start, quote.end))
            found += [(quote.speaker.start, quote.speaker.end)] if quote.speaker else []
            found += quote.verb.spans if quote.verb else []
        gold = [
            detok.offsets[int(sent)][int(tok)]
            for annotation in doc.raw["Annotations"]
            for role in ("Message", "Source", "Cue")
            for sent, tok in (token.split(":") for token in annotation[role])
        ]
        for (a, b), keep in zip(spans, chosen, strict=True):
            if not any(a <= start < b for start, _ in gold):
                continue
            gold_sentences += 1
            if keep:
                continue
            rejected += 1
            if any(start < b and a < end for start, end in found):
                unexplained.append(f"{path.name}: {detok.text[a:b]}")
    assert gold_sentences > 50
    assert not unexplained, (
        f"{len(unexplained)} of {rejected} rejected gold sentences hold quotes:\n" + "\n".join(unexplained)
    )
