"""SpkAtt/WikiNews JSON hand-off: detokenisation, token ids, annotations, files."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from quoteattr.model import Cue, Quote, QuoteForm, Span, Speaker
from quoteattr.spkatt import (
    FORM_TO_SPKATT,
    Detokenised,
    SpkAttDocument,
    annotations,
    convert_directory,
    detokenise,
    mark_nesting,
    quote_to_annotation,
    read_document,
    token_ids,
    write_document,
)

SCORER = Path("/work/shared/tools/spkatt_score.py")


def assert_offsets(sentences: list[list[str]], detok: Detokenised) -> None:
    assert [len(s) for s in detok.offsets] == [len(s) for s in sentences]
    last_end = 0
    for sent, offs in zip(sentences, detok.offsets, strict=True):
        for tok, (start, end) in zip(sent, offs, strict=True):
            assert detok.text[start:end] == tok
            assert last_end <= start <= end
            last_end = end


# --- detokenise -------------------------------------------------------------

CASES = [
    (
        [["Er", "sagte", ":", "„", "Wir", "bleiben", "hier", ".", "“"]],
        "Er sagte: „Wir bleiben hier.“",
    ),
    (
        [
            ["Die", "Stadt", "(", "Hamburg", ")", "wächst", ",", "sagt", "sie", "."],
            ["Ist", "das", "gut", "?"],
            ["Ja", ";", "sehr", "!"],
        ],
        "Die Stadt (Hamburg) wächst, sagt sie. Ist das gut? Ja; sehr!",
    ),
    (
        [["Die", "Quote", "liegt", "bei", "12", "%", "[", "Stand", "2020", "]", "."]],
        "Die Quote liegt bei 12% [Stand 2020].",
    ),
    ([["Er", "nannte", "es", '"', "großartig", '"', "."]], 'Er nannte es "großartig".'),
    ([['"', "Eins", '"', "und", '"', "Zwei", '"', "."]], '"Eins" und "Zwei".'),
    ([["Sie", "sprach", "vom", "'", "Kaiser", "'", "."]], "Sie sprach vom 'Kaiser'."),
    ([["Klaus", "'", "Wagen", "ist", "rot", "."]], "Klaus' Wagen ist rot."),
    ([["Ein", "Lied", "namens", "''", "Morgen", "''", "."]], "Ein Lied namens ''Morgen''."),
    ([["„", "Wir", "bleiben", "."], ["Für", "immer", ".", "“"]], "„Wir bleiben. Für immer.“"),
    ([["„", "Ja", "."], ["“", "Dann", "ging", "er", "."]], "„Ja.“ Dann ging er."),
    ([["„", "Er", "sprach", "von", "‚", "Mut", "‘", ".", "“"]], "„Er sprach von ‚Mut‘.“"),
    ([["Das", "»", "Gasthaus", "«", "schloss", "."]], "Das »Gasthaus« schloss."),
    ([["Das", "«", "Gasthaus", "»", "schloss", "."]], "Das «Gasthaus» schloss."),
    ([["He", "said", "“", "yes", "”", "."]], "He said “yes”."),
    ([["„", "Nein", '"', ",", "rief", "sie", "."]], '„Nein", rief sie.'),
    ([["Er", "sagte", "nur", "“", "nein", "."]], "Er sagte nur“ nein."),
]


@pytest.mark.parametrize(("sentences", "text"), CASES)
def test_detokenise_examples(sentences: list[list[str]], text: str) -> None:
    detok = detokenise(sentences)
    assert detok.text == text
    assert_offsets(sentences, detok)


def test_detokenise_empty_things() -> None:
    assert detokenise([]).text == ""
    assert detokenise([[]]).offsets == [[]]
    sentences = [["", "Hallo", "", "Welt", ""], [], [""], [",", "ja"]]
    detok = detokenise(sentences)
    assert detok.text == "Hallo Welt, ja"
    assert_offsets(sentences, detok)
    assert detok.offsets[0][0] == (0, 0)
    assert detok.offsets[2] == [(10, 10)]


def test_detokenise_accepts_tuples() -> None:
    detok = detokenise((("Guten", "Tag", "."),))
    assert detok.text == "Guten Tag."
    assert detok.token(0, 2) == "."


_ALPHABET = st.sampled_from([*"aZß09 .,:;!?()[]%-–„“”‚‘’»«›‹\"'`´\n", "''", "..", "):", "(", "Wort"])
_TOKEN = st.lists(_ALPHABET, max_size=4).map("".join)


@given(st.lists(st.lists(_TOKEN, max_size=12), max_size=6))
def test_detokenise_offsets_property(sentences: list[list[str]]) -> None:
    detok = detokenise(sentences)
    assert_offsets(sentences, detok)
    assert len(detok.text) <= sum(len(t) + 1 for s in sentences for t in s)


# --- token_ids --------------------------------------------------------------

SENTENCES = [
    ["Die", "Ministerin", "sagte", ":", "„", "Wir", "bleiben", "hier", ".", "“"],
    ["Dann", "wies", "sie", "Fragen", "von", "Reportern", "zurück", "."],
]


def test_token_ids() -> None:
    detok = detokenise(SENTENCES)
    text = detok.text
    start = text.index("Wir")
    assert token_ids((start, start + len("Wir bleiben")), detok.offsets) == ["0:5", "0:6"]
    # a span that cuts into tokens claims them; sentence boundaries are crossed
    assert token_ids((text.index("hier") + 2, text.index("Dann") + 1), detok.offsets) == [
        "0:7",
        "0:8",
        "0:9",
        "1:0",
    ]
    assert token_ids((3, 3), detok.offsets) == []
    assert token_ids((3, 4), detok.offsets) == []  # the space after "Die"
    assert token_ids((len(text) + 5, len(text) + 9), detok.offsets) == []


def test_token_ids_with_empty_tokens() -> None:
    detok = detokenise([["a", "", "b"], [""]])
    assert token_ids((0, len(detok.text)), detok.offsets) == ["0:0", "0:1", "0:2"]
    assert token_ids((2, 3), detok.offsets) == ["0:2"]


# --- quote_to_annotation ----------------------------------------------------


def _span(text: str, part: str, cls: type[Span] = Span, **extra: object) -> Span:
    start = text.index(part)
    return cls(text=part, start=start, end=start + len(part), **extra)


def test_quote_to_annotation_direct() -> None:
    detok = detokenise(SENTENCES)
    text = detok.text
    content = "Wir bleiben hier."
    start = text.index(content)
    verb = _span(text, "sagte")
    quote = Quote(
        text=content,
        start=start,
        end=start + len(content),
        form=QuoteForm.DIRECT,
        speaker=_span(text, "Die Ministerin", Speaker, name="Ministerin"),
        verb=Cue(text="sagte", lemma="sagen", spans=[(verb.start, verb.end), (verb.start, verb.end)]),
    )
    ann = quote_to_annotation(quote, detok, stwr="SW")
    assert list(ann) == [
        "Addr",
        "AddrText",
        "Cue",
        "CueText",
        "Form",
        "Frame",
        "FrameText",
        "HasNested",
        "IsNested",
        "Message",
        "MessageText",
        "STWR",
        "Source",
        "SourceText",
    ]
    assert ann["Message"] == [f"0:{i}" for i in range(4, 10)]
    assert ann["MessageText"] == "„ Wir bleiben hier . “"
    assert ann["Source"] == ["0:0", "0:1"]
    assert ann["SourceText"] == "Die Ministerin"
    assert ann["Cue"] == ["0:2"]
    assert ann["Frame"] == ["0:0", "0:1", "0:2", "0:3"]
    assert ann["FrameText"] == "Die Ministerin sagte :"
    assert (ann["Addr"], ann["AddrText"]) == ([], "")
    assert (ann["Form"], ann["STWR"], ann["IsNested"], ann["HasNested"]) == ("Direct", "SW", False, False)


def test_quote_to_annotation_reported_with_split_cue() -> None:
    detok = detokenise(SENTENCES)
    text = detok.text
    content = "Fragen"
    wies, zurueck = _span(text, "wies"), _span(text, "zurück")
    quote = Quote(
        text=content,
        start=text.index(content),
        end=text.index(content) + len(content),
        form=QuoteForm.REPORTED,
        speaker=_span(text, "sie", Speaker),
        verb=Cue(text="wies ... zurück", spans=[(zurueck.start, zurueck.end), (wies.start, wies.end)]),
        addressee=_span(text, "Reportern"),
    )
    ann = quote_to_annotation(quote, detok)
    # The corpus annotates reported speech as the whole speech act: cue, speaker and topic.
    assert ann["Message"] == ["1:1", "1:2", "1:3", "1:4", "1:5", "1:6"]
    assert ann["Cue"] == ["1:1", "1:6"]
    assert ann["CueText"] == "wies zurück"
    assert ann["Addr"] == ["1:5"]
    assert ann["Frame"] == ["1:0"]  # the sentence without the message and the final "."
    assert ann["STWR"] == "Speech"


def test_reported_message_is_widened_to_its_sentence() -> None:
    """Gold reported messages are whole sentences: "Dann" and the final "." join the message."""
    detok = detokenise(SENTENCES)
    text = detok.text
    quote = Quote(
        text="Fragen",
        start=text.index("Fragen"),
        end=text.index("Fragen") + len("Fragen"),
        form=QuoteForm.REPORTED,
        speaker=_span(text, "sie", Speaker),
        verb=Cue(text="wies", spans=[(text.index("wies"), text.index("wies") + 4)]),
    )
    (ann,) = annotations([quote], detok, name="doc.json")
    assert ann["Message"] == [f"1:{i}" for i in range(8)]
    assert ann["MessageText"] == "Dann wies sie Fragen von Reportern zurück ."


def test_reported_widening_stops_at_another_message() -> None:
    sentences = [["Er", "sagte", ",", "es", "regne", ",", "und", "forderte", "Schirme", "."]]
    detok = detokenise(sentences)
    text = detok.text
    indirect = Quote(
        text="es regne", start=text.index("es regne"), end=text.index("es regne") + 8, form=QuoteForm.INDIRECT
    )
    reported = Quote(
        text="Schirme",
        start=text.index("Schirme"),
        end=text.index("Schirme") + len("Schirme"),
        form=QuoteForm.REPORTED,
        verb=Cue(text="forderte", spans=[(text.index("forderte"), text.index("forderte") + 8)]),
    )
    found = {a["Form"]: a["Message"] for a in annotations([indirect, reported], detok, name="doc.json")}
    assert found["Indirect"] == ["0:3", "0:4"]
    assert found["Reported"] == ["0:5", "0:6", "0:7", "0:8", "0:9"]


def _reported_message(tokens: str, content: str) -> str:
    """The MessageText of a reported quote of `content` in a one-sentence document of `tokens`."""
    detok = detokenise([tokens.split()])
    start = detok.text.index(content)
    quote = Quote(text=content, start=start, end=start + len(content), form=QuoteForm.REPORTED)
    (ann,) = annotations([quote], detok, name="doc.json")
    return ann["MessageText"]


@pytest.mark.parametrize(
    ("tokens", "content", "message"),
    [
        # the corpus may join two sentences in one: the widening keeps to the reporting one
        ("Das Werk stand still . Die Firma nannte einen Defekt als Ursache .", "einen Defekt",
         "Die Firma nannte einen Defekt als Ursache ."),
        # a subordinate clause or a new main clause after a comma is not the speech act
        ("Sie forderte Neuwahlen , weil die Regierung gescheitert sei .", "Neuwahlen",
         "Sie forderte Neuwahlen"),
        ("Er sprach von einem Unfall , sie trauen ihm nicht .", "von einem Unfall",
         "Er sprach von einem Unfall"),
        # a "wie" clause before it names the source, not the speech act
        ("Wie die Agentur meldete , sieht der Minister darin eine Gefahr .", "darin eine Gefahr",
         "sieht der Minister darin eine Gefahr ."),
        # other commas stay inside: an apposition
        ("Der Chef , Max Ott , forderte Geld .", "Geld", "Der Chef , Max Ott , forderte Geld ."),
    ],
)
def test_reported_widening_keeps_to_its_speech_act(tokens: str, content: str, message: str) -> None:
    assert _reported_message(tokens, content) == message


def test_reported_quote_with_quoted_words_gets_a_nested_direct_fragment() -> None:
    sentences = [["Er", "sprach", "von", "„", "großen", "Fortschritten", "“", "."]]
    detok = detokenise(sentences)
    text = detok.text
    content = "von „großen Fortschritten“"
    start = text.index(content)
    quote = Quote(text=content, start=start, end=start + len(content), form=QuoteForm.REPORTED)
    found = {a["Form"]: a for a in annotations([quote], detok, name="doc.json")}
    assert found["Reported"]["Message"] == [f"0:{i}" for i in range(8)]
    assert found["Direct"]["Message"] == ["0:3", "0:4", "0:5", "0:6"]
    assert found["Direct"]["IsNested"] and found["Reported"]["HasNested"]


def test_mixed_quote_is_not_widened() -> None:
    sentences = [["Man", "bleibe", "„", "auf", "jeden", "Fall", "“", ",", "sagte", "sie", "."]]
    detok = detokenise(sentences)
    content = "auf jeden Fall"
    start = detok.text.index(content)
    quote = Quote(text=content, start=start, end=start + len(content), form=QuoteForm.MIXED)
    ann = quote_to_annotation(quote, detok)
    assert ann["Form"] == "Indirect"
    assert ann["Message"] == ["0:3", "0:4", "0:5"]


def test_form_mapping_is_total() -> None:
    assert set(FORM_TO_SPKATT) == set(QuoteForm)
    assert set(FORM_TO_SPKATT.values()) <= {"Direct", "Indirect", "FreeIndirect", "Reported"}


def test_mark_nesting() -> None:
    outer = {"Message": ["0:1", "0:2", "0:3"], "IsNested": False, "HasNested": False}
    inner = {"Message": ["0:2"], "IsNested": False, "HasNested": False}
    other = {"Message": ["1:0"], "IsNested": False, "HasNested": False}
    out = mark_nesting([outer, inner, other])
    assert [(a["IsNested"], a["HasNested"]) for a in out] == [(False, True), (True, False), (False, False)]
    assert outer["HasNested"] is False  # inputs untouched


# --- files ------------------------------------------------------------------

DOC_A = [
    ["Die", "Bürgermeisterin", "sagte", "am", "Montag", ":", "„", "Der", "Hafen", "wird", "größer", ".", "“"],
    ["Kritiker", "sehen", "das", "anders", "."],
]
DOC_B = [["Der", "Regen", "hielt", "an", "."], ["Die", "Flüsse", "stiegen", "."]]


def _write_raw(path: Path, name: str, sentences: list[list[str]], annotations: list[dict]) -> None:
    raw = {
        "Annotations": annotations,
        "DocumentName": name,
        "Sentences": [{"SentenceId": i, "Tokens": s} for i, s in enumerate(sentences)],
    }
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")


def test_read_write_round_trip(tmp_path: Path) -> None:
    _write_raw(tmp_path / "a.json", "Hafen", DOC_A, [])
    doc = read_document(tmp_path / "a.json")
    assert isinstance(doc, SpkAttDocument)
    assert (doc.name, doc.sentences) == ("a.json", DOC_A)
    ann = {"Message": ["1:0"], "MessageText": "Kritiker"}
    out = write_document(doc, [ann], tmp_path / "out")
    assert out == tmp_path / "out" / "a.json"
    written = out.read_text(encoding="utf-8")
    assert "Bürgermeisterin" in written and "„" in written  # not \\u-escaped
    data = json.loads(written)
    assert data["Sentences"] == doc.raw["Sentences"]
    assert data["DocumentName"] == "Hafen"
    assert data["Annotations"] == [ann]
    assert list(data) == list(doc.raw)


def _gold_annotation() -> dict:
    message = [f"0:{i}" for i in range(6, 13)]
    return {
        "Addr": [],
        "AddrText": "",
        "Cue": ["0:2"],
        "CueText": "sagte",
        "Form": "Direct",
        "Frame": [f"0:{i}" for i in range(6)],
        "FrameText": "Die Bürgermeisterin sagte am Montag :",
        "HasNested": False,
        "IsNested": False,
        "Message": message,
        "MessageText": "„ Der Hafen wird größer . “",
        "STWR": "Speech",
        "Source": ["0:0", "0:1"],
        "SourceText": "Die Bürgermeisterin",
    }


def _regex_extract_many(texts: Iterable[str]) -> Iterator[list[Quote]]:
    """Stand-in extractor: every „…“ is a direct quote; consumes texts two at a time."""
    batch: list[str] = []

    def run(batch: list[str]) -> Iterator[list[Quote]]:
        for text in batch:
            yield [
                Quote(text=m.group(1), start=m.start(1), end=m.end(1), form=QuoteForm.DIRECT)
                for m in regex.finditer(r"„([^“]+)“", text)
            ]

    for text in texts:
        batch.append(text)
        if len(batch) == 2:
            yield from run(batch)
            batch = []
    yield from run(batch)


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    in_dir, gold_dir = tmp_path / "in", tmp_path / "gold"
    in_dir.mkdir()
    gold_dir.mkdir()
    _write_raw(in_dir / "a.json", "Hafen", DOC_A, [])
    _write_raw(in_dir / "b.json", "Regen", DOC_B, [])
    (in_dir / "notes.txt").write_text("not a document", encoding="utf-8")
    _write_raw(gold_dir / "a.json", "Hafen", DOC_A, [_gold_annotation()])
    _write_raw(gold_dir / "b.json", "Regen", DOC_B, [])
    return in_dir, gold_dir


def test_convert_directory(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    in_dir, _ = corpus
    out_dir = tmp_path / "pred"
    assert convert_directory(in_dir, out_dir, _regex_extract_many) == 2
    assert sorted(p.name for p in out_dir.iterdir()) == ["a.json", "b.json"]
    pred_a = json.loads((out_dir / "a.json").read_text(encoding="utf-8"))
    assert [a["Message"] for a in pred_a["Annotations"]] == [_gold_annotation()["Message"]]
    pred_b = json.loads((out_dir / "b.json").read_text(encoding="utf-8"))
    assert pred_b["Annotations"] == []
    assert pred_b["Sentences"] == json.loads((in_dir / "b.json").read_text(encoding="utf-8"))["Sentences"]


@pytest.mark.skipif(not SCORER.exists(), reason="the shared SpkAtt scorer is not available")
def test_convert_directory_scores_perfectly(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    in_dir, gold_dir = corpus
    out_dir = tmp_path / "pred"
    convert_directory(in_dir, out_dir, _regex_extract_many)
    result = subprocess.run(
        [sys.executable, str(SCORER), str(gold_dir), str(out_dir), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    scores = json.loads(result.stdout)
    assert scores["docs_without_prediction_file"] == 0
    assert scores["quote"] == [1.0, 1.0, 1.0]
    assert scores["message_token"] == [1.0, 1.0, 1.0]


def test_convert_directory_warns_on_untokened_quote(
    corpus: tuple[Path, Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    in_dir, _ = corpus

    def far_away(texts: Iterable[str]) -> Iterator[list[Quote]]:
        for text in texts:
            n = len(text)
            yield [Quote(text="", start=n + 10, end=n + 10, form=QuoteForm.INDIRECT)]

    with caplog.at_level(logging.WARNING, logger="quoteattr.spkatt"):
        assert convert_directory(in_dir, tmp_path / "pred", far_away) == 2
    assert sum("covers no token" in r.message for r in caplog.records) == 2
    assert json.loads((tmp_path / "pred" / "a.json").read_text(encoding="utf-8"))["Annotations"] == []


def test_convert_directory_stwr_of(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    in_dir, _ = corpus
    convert_directory(in_dir, tmp_path / "pred", _regex_extract_many, stwr_of=lambda q: "Writing")
    pred = json.loads((tmp_path / "pred" / "a.json").read_text(encoding="utf-8"))
    assert [a["STWR"] for a in pred["Annotations"]] == ["Writing"]


def test_convert_directory_rejects_short_extractor(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    in_dir, _ = corpus

    def only_first(texts: Iterable[str]) -> Iterator[list[Quote]]:
        for _text in texts:
            yield []
            return

    with pytest.raises(RuntimeError, match="1 of 2"):
        convert_directory(in_dir, tmp_path / "pred", only_first)


def test_convert_directory_refuses_to_overwrite_input(corpus: tuple[Path, Path]) -> None:
    in_dir, _ = corpus
    with pytest.raises(ValueError, match="in_dir"):
        convert_directory(in_dir, in_dir, _regex_extract_many)
