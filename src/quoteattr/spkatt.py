"""Read and write the SpkAtt-2023 / German WikiNews JSON format.

The corpus stores pre-tokenised sentences and token-id annotations ("sent:tok");
quoteattr works on running text with character offsets. This module bridges the
two: it rebuilds running text from the tokens (`detokenise`), keeps each token's
offsets so that spans map back to token ids (`token_ids`), turns a `Quote` into
a corpus annotation (`quote_to_annotation`) and converts whole directories
(`convert_directory`) so the output can be scored against gold files.
"""

from __future__ import annotations

import json
import logging
from bisect import bisect_left
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from quoteattr.lexicon import SUBJECT_PRONOUNS, Lexicon
from quoteattr.marks import find_quotations, looks_like_name
from quoteattr.model import Quote, QuoteForm

logger = logging.getLogger(__name__)

__all__ = [
    "FORM_TO_SPKATT",
    "Detokenised",
    "SpkAttDocument",
    "annotations",
    "convert_directory",
    "detokenise",
    "from_text",
    "mark_nesting",
    "quote_to_annotation",
    "read_document",
    "stwr_classes",
    "token_ids",
    "with_nested_fragments",
    "write_document",
]

Offsets = Sequence[Sequence[tuple[int, int]]]

# Checked on the 700 training documents (2,877 annotations):
# - Mixed quotes, i.e. messages that do not start with a quotation mark but contain a
#   quoted fragment (280), are Indirect 189, IndirectFreeIndirect 43, Reported 37,
#   FreeIndirect 11 and never Direct: "mixed" -> Indirect stands. The quoted fragment is
#   usually (191 of 280) annotated a second time as its own nested Direct quote; that
#   is the extractor's decision (emit a separate `direct` Quote), not this mapping's.
# - 'Name: „…“' lines appear as sentences twice, both annotated Direct with the name as
#   Source; 'Name: text' lines without marks (interview transcripts, 'Hintergrund: …')
#   are not annotated at all. "headline" -> Direct stands.
# - IndirectFreeIndirect (316) has no QuoteForm counterpart; nothing maps to it.
FORM_TO_SPKATT: Mapping[QuoteForm, str] = MappingProxyType(
    {
        QuoteForm.DIRECT: "Direct",
        QuoteForm.MIXED: "Indirect",
        QuoteForm.INDIRECT: "Indirect",
        QuoteForm.REPORTED: "Reported",
        QuoteForm.ACCORDING_TO: "Indirect",
        QuoteForm.FREE_INDIRECT: "FreeIndirect",
        QuoteForm.HEADLINE: "Direct",
    }
)

# ---------------------------------------------------------------------------
# Detokenisation
# ---------------------------------------------------------------------------

# A token made only of these characters attaches to the token before it.
_ATTACH_LEFT_CHARS = frozenset(",.:;!?)]%")
# A token made only of these characters attaches to the token after it.
_ATTACH_RIGHT_CHARS = frozenset("([")

# Marks that always open, with the marks that may close them.
_OPENERS: Mapping[str, frozenset[str]] = MappingProxyType({"„": frozenset('“”"'), "‚": frozenset("‘’'")})
# Guillemets go both ways (German »…«, Swiss «…»): the first one seen opens.
_GUILLEMETS: Mapping[str, str] = MappingProxyType({"»": "«", "«": "»", "›": "‹", "‹": "›"})
# English-style openers: they open only when their closer follows in the same sentence,
# else they are read as German closers (“ closes „).
_ENGLISH: Mapping[str, str] = MappingProxyType({"“": "”", "‘": "’"})
# Undirected marks: toggle; one opens only if another of its kind still follows
# (in the document for double marks, in the sentence for ' which is mostly an apostrophe).
_STRAIGHT_DOC = frozenset({'"', "''"})
_STRAIGHT_SENT = frozenset({"'"})
# Marks that only ever close.
_CLOSE_ONLY = frozenset({"”"})

_LOOKAHEAD = frozenset({"”", "’", "'", '"', "''"})

QUOTE_MARK_TOKENS = frozenset(
    {"„", "“", "”", "‚", "‘", "’", "»", "«", "›", "‹", '"', "'", "''", "``", "`", "´"}
)
"""Tokens that count as quotation marks when widening a direct message."""


@dataclass(frozen=True)
class Detokenised:
    """Running text rebuilt from tokens, with each token's half-open offsets into it.

    `text[s:e] == token` holds for `(s, e) = offsets[i][j]` and token `j` of sentence `i`.
    """

    text: str
    offsets: list[list[tuple[int, int]]]

    def token(self, sent: int, tok: int) -> str:
        """The token at `sent:tok`, read back from the text."""
        start, end = self.offsets[sent][tok]
        return self.text[start:end]


class _Roles:
    """Decides, token by token, whether a token attaches left, right or neither.

    Quotation marks are paired on a stack across the whole document so that a quote
    spanning several sentences still gets its opener glued to the first word and its
    closer to the last one. Only used inside `detokenise`.
    """

    def __init__(self, sentences: Sequence[Sequence[str]]) -> None:
        self._stack: list[frozenset[str]] = []
        self._left_doc: Counter[str] = Counter(tok for sent in sentences for tok in sent if tok in _LOOKAHEAD)
        self._left_sent: Counter[str] = Counter()

    def start_sentence(self, sentence: Sequence[str]) -> None:
        self._left_sent = Counter(tok for tok in sentence if tok in _LOOKAHEAD)

    def _close(self, tok: str) -> bool:
        """Pop up to the innermost open quotation `tok` can close; False if none."""
        for depth in range(len(self._stack) - 1, -1, -1):
            if tok in self._stack[depth]:
                del self._stack[depth:]
                return True
        return False

    def role(self, tok: str) -> str:
        """'left' (no space before), 'right' (no space after) or '' (spaces both sides)."""
        if tok in _LOOKAHEAD:
            self._left_doc[tok] -= 1
            self._left_sent[tok] -= 1
        if tok in _OPENERS:
            self._stack.append(_OPENERS[tok])
            return "right"
        if tok in _GUILLEMETS:
            if self._close(tok):
                return "left"
            self._stack.append(frozenset(_GUILLEMETS[tok]))
            return "right"
        if tok in _ENGLISH:
            if self._close(tok):
                return "left"
            if self._left_sent[_ENGLISH[tok]] > 0:
                self._stack.append(frozenset(_ENGLISH[tok]))
                return "right"
            return "left"
        if tok in _CLOSE_ONLY:
            self._close(tok)
            return "left"
        if tok == "’":
            # Mostly an apostrophe (O’Keefe); a closer only when an English ‘ is open.
            return "left" if self._close(tok) else ""
        if tok in _STRAIGHT_DOC or tok in _STRAIGHT_SENT:
            if self._close(tok):
                return "left"
            left = self._left_doc if tok in _STRAIGHT_DOC else self._left_sent
            if left[tok] > 0:
                self._stack.append(frozenset({tok}))
                return "right"
            return "left"  # unpaired: a closer whose opener was lost, or an apostrophe
        if tok and all(c in _ATTACH_LEFT_CHARS for c in tok):
            return "left"
        if tok and all(c in _ATTACH_RIGHT_CHARS for c in tok):
            return "right"
        return ""


def detokenise(sentences: Sequence[Sequence[str]]) -> Detokenised:
    """Join tokens into German running text so Stanza re-tokenises it and marks pair.

    No space before , . : ; ! ? ) ] % or a closing quotation mark, none after ( [ or
    an opening mark, one space otherwise, also between sentences (the same rule
    applies there, so a closing mark that starts a sentence still glues to the last
    word). Empty sentences and empty tokens are allowed: an empty token gets an empty
    span at the current position and does not affect spacing. Never raises on lists
    of strings.
    """
    roles = _Roles(sentences)
    parts: list[str] = []
    pos = 0
    prev_role: str | None = None  # None before the first non-empty token
    offsets: list[list[tuple[int, int]]] = []
    for sentence in sentences:
        roles.start_sentence(sentence)
        sent_offsets: list[tuple[int, int]] = []
        for tok in sentence:
            if not tok:
                sent_offsets.append((pos, pos))
                continue
            role = roles.role(tok)
            if prev_role is not None and prev_role != "right" and role != "left":
                parts.append(" ")
                pos += 1
            parts.append(tok)
            sent_offsets.append((pos, pos + len(tok)))
            pos += len(tok)
            prev_role = role
        offsets.append(sent_offsets)
    return Detokenised(text="".join(parts), offsets=offsets)


# ---------------------------------------------------------------------------
# Spans <-> token ids
# ---------------------------------------------------------------------------


def _flat(offsets: Offsets) -> list[tuple[int, int, int, int]]:
    """(start, end, sent, tok) for every token, in text order."""
    return [(s, e, i, j) for i, sent in enumerate(offsets) for j, (s, e) in enumerate(sent)]


def _overlapping(span: tuple[int, int], flat: list[tuple[int, int, int, int]]) -> list[int]:
    """Indexes into `flat` of tokens overlapping `span`; empty tokens count when strictly inside."""
    start, end = span
    if end <= start:
        return []
    first = bisect_left(flat, start, key=lambda t: t[1])  # first token ending after start
    hits = []
    for k in range(first, len(flat)):
        s, e = flat[k][0], flat[k][1]
        if s >= end:
            break
        if (s < end and e > start) if s < e else (start < s < end):
            hits.append(k)
    return hits


def token_ids(span: tuple[int, int], offsets: Offsets) -> list[str]:
    """'sent:tok' ids of every token overlapping the half-open char span, in text order.

    Overlap, not containment: a quote whose edge falls inside a token still claims it,
    which is what the token-based corpus can express.
    """
    flat = _flat(offsets)
    return [f"{flat[k][2]}:{flat[k][3]}" for k in _overlapping(span, flat)]


def _sort_ids(ids: Iterable[str]) -> list[str]:
    """Unique ids in numeric (sentence, token) order, as the corpus lists them."""

    def key(tid: str) -> tuple[int, int]:
        sent, tok = tid.split(":")
        return int(sent), int(tok)

    return sorted(set(ids), key=key)


def _text_of(ids: Sequence[str], detok: Detokenised) -> str:
    """The tokens joined by single spaces, like the corpus `...Text` fields."""
    out = []
    for tid in ids:
        sent, tok = tid.split(":")
        out.append(detok.token(int(sent), int(tok)))
    return " ".join(out)


# ---------------------------------------------------------------------------
# Quote -> annotation
# ---------------------------------------------------------------------------

_SENTENCE_END = frozenset({".", "!", "?"})


def _message_span(quote: Quote) -> tuple[int, int]:
    """The characters the corpus counts as message.

    Reported speech is annotated as the whole speech act, speaker and cue
    included ("Merkel begrüßte den Beschluss"), while `Quote.text` holds only
    its topic ("den Beschluss").
    """
    if quote.form is not QuoteForm.REPORTED:
        return (quote.start, quote.end)
    starts = [quote.start, *(s for s, _ in quote.verb.spans)] if quote.verb else [quote.start]
    ends = [quote.end, *(e for _, e in quote.verb.spans)] if quote.verb else [quote.end]
    if quote.speaker and quote.speaker.end <= quote.end:
        starts.append(quote.speaker.start)
    return (min(starts), max(ends))


def _message_ids(quote: Quote, detok: Detokenised) -> list[str]:
    """Token ids of the message; for Direct, widened by adjacent quotation marks.

    Gold Direct messages include their marks (597 of 604 start with „ and end with “),
    while `Quote` spans exclude them.
    """
    flat = _flat(detok.offsets)
    hits = _overlapping(_message_span(quote), flat)
    if not hits or FORM_TO_SPKATT[quote.form] != "Direct":
        return [f"{flat[k][2]}:{flat[k][3]}" for k in hits]

    def is_mark(k: int) -> bool:
        s, e = flat[k][0], flat[k][1]
        return detok.text[s:e] in QUOTE_MARK_TOKENS

    first, last = hits[0], hits[-1]
    if not is_mark(first):
        k = first - 1
        while k >= 0 and flat[k][0] == flat[k][1]:  # skip empty tokens
            k -= 1
        if k >= 0 and is_mark(k):
            first = k
    if not is_mark(last):
        k = last + 1
        while k < len(flat) and flat[k][0] == flat[k][1]:
            k += 1
        if k < len(flat) and is_mark(k):
            last = k
    wanted = set(hits) | {first, last}
    return [f"{flat[k][2]}:{flat[k][3]}" for k in sorted(wanted)]


def _frame_ids(message: Sequence[str], detok: Detokenised, also: Iterable[str] = ()) -> list[str]:
    """The rest of the sentences holding `message` (and `also`), minus a sentence-final . ! ?

    Message sentences alone reproduce the gold Frame exactly for 2,154 of 2,877 training
    annotations (mean Jaccard 0.83). Adding the sentences of Source/Cue/Addr helps only
    Direct quotes, whose cue often stands in the sentence before (254 vs 227 of 604
    exact), and hurts FreeIndirect and Reported, so callers pass `also` for Direct only.
    """
    in_message = set(message)
    sentences = sorted({int(tid.split(":")[0]) for tid in (*message, *also)})
    out = []
    for i in sentences:
        sent = detok.offsets[i]
        for j, (s, e) in enumerate(sent):
            tid = f"{i}:{j}"
            if tid in in_message:
                continue
            if j == len(sent) - 1 and detok.text[s:e] in _SENTENCE_END:
                continue
            out.append(tid)
    return out


def quote_to_annotation(quote: Quote, detok: Detokenised, *, stwr: str = "Speech") -> dict[str, Any]:
    """One corpus annotation for `quote`, keys and order exactly as in the corpus.

    Takes the `Detokenised` (not just its offsets) because the `...Text` fields need
    the tokens. Source is the speaker mention, Cue every word of the verb, Addr the
    addressee; `IsNested`/`HasNested` are False here (see `mark_nesting`). An empty
    Message means the quote matched no token; callers should drop it.
    """
    message = _message_ids(quote, detok)
    source = token_ids((quote.speaker.start, quote.speaker.end), detok.offsets) if quote.speaker else []
    cue = (
        _sort_ids(tid for span in quote.verb.spans for tid in token_ids(span, detok.offsets))
        if quote.verb
        else []
    )
    addr = token_ids((quote.addressee.start, quote.addressee.end), detok.offsets) if quote.addressee else []
    form = FORM_TO_SPKATT[quote.form]
    frame = _frame_ids(message, detok, (*source, *cue, *addr) if form == "Direct" else ())
    return {
        "Addr": addr,
        "AddrText": _text_of(addr, detok),
        "Cue": cue,
        "CueText": _text_of(cue, detok),
        "Form": form,
        "Frame": frame,
        "FrameText": _text_of(frame, detok),
        "HasNested": False,
        "IsNested": False,
        "Message": message,
        "MessageText": _text_of(message, detok),
        "STWR": stwr,
        "Source": source,
        "SourceText": _text_of(source, detok),
    }


def mark_nesting(annotations: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Copies with IsNested/HasNested set from message containment within one document.

    In the training data every message that is a proper subset of another message is
    IsNested (261 of 261), which is how a quoted fragment inside a mixed quote shows.
    """
    messages = [frozenset(a.get("Message", ())) for a in annotations]
    out = []
    for i, ann in enumerate(annotations):
        mine = messages[i]
        is_nested = any(mine < other for j, other in enumerate(messages) if j != i)
        has_nested = any(other and other < mine for j, other in enumerate(messages) if j != i)
        out.append({**ann, "IsNested": is_nested, "HasNested": has_nested})
    return out


# ---------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SpkAttDocument:
    """One corpus file: its name, its token lists and the whole JSON, kept for writing back."""

    name: str
    sentences: list[list[str]]
    raw: dict[str, Any]


def read_document(path: str | Path) -> SpkAttDocument:
    """Load one SpkAtt JSON file; sentence i of `sentences` is token-id prefix `i:`."""
    path = Path(path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: expected a JSON object with 'Sentences', got {type(raw).__name__}")
    sentences = [[str(tok) for tok in sent.get("Tokens", [])] for sent in raw.get("Sentences", [])]
    return SpkAttDocument(name=path.name, sentences=sentences, raw=raw)


def write_document(doc: SpkAttDocument, annotations: list[dict[str, Any]], out_dir: str | Path) -> Path:
    """Write `doc` with `annotations` to `out_dir/<doc.name>`; everything else unchanged.

    Indented like the corpus files, UTF-8, umlauts and quotation marks unescaped.
    The file appears whole or not at all (written aside, then renamed), so that a run
    cut short leaves no half-written document; `doc.name` may hold subfolders.
    """
    path = Path(out_dir) / doc.name
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {**doc.raw, "Annotations": annotations}
    partial = path.with_name(path.name + ".part")
    partial.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    partial.replace(path)
    return path


def from_text(
    text: str, tokens: Sequence[Sequence[tuple[int, int]]], *, name: str, title: str
) -> tuple[SpkAttDocument, Detokenised]:
    """Running text as a corpus document, to write the quotes found in it.

    `tokens` holds each sentence's (start, end) per token, e.g. from Stanza's tokenizer;
    they become the document's Sentences. `name` is the file name to write it under,
    `title` its DocumentName.
    """
    detok = Detokenised(text=text, offsets=[list(sentence) for sentence in tokens if sentence])
    sentences = [[text[s:e] for s, e in sentence] for sentence in detok.offsets]
    raw = {
        "DocumentName": title,
        "Sentences": [{"SentenceId": i, "Tokens": toks} for i, toks in enumerate(sentences)],
    }
    return SpkAttDocument(name=name, sentences=sentences, raw=raw), detok


def _speech(_quote: Quote) -> str:
    return "Speech"


def stwr_classes(lexicon: Lexicon) -> Callable[[Quote], str]:
    """The corpus's speech/thought/writing class of a quote, from its cue verb's row in `lexicon`."""

    def stwr_of(quote: Quote) -> str:
        verb = lexicon.verbs.get(quote.verb.lemma or "") if quote.verb else None
        return verb.stwr.capitalize() if verb else "Speech"

    return stwr_of


def with_nested_fragments(quotes: Sequence[Quote], text: str) -> list[Quote]:
    """`quotes` plus, for each mixed or reported quote, its quoted fragments as nested direct quotes.

    quoteattr reports "Die Ukraine arbeite an einem „spezifischen System“" as one
    mixed quote; the corpus guidelines annotate the fragment a second time as its
    own Direct quote with the same speaker and cue (191 of 280 such messages in
    the training split; 22 more fragments sit in reported messages), so the corpus
    view adds it.
    """
    out: list[Quote] = []
    for quote in quotes:
        out.append(quote)
        if quote.form not in (QuoteForm.MIXED, QuoteForm.REPORTED):
            continue
        for span in find_quotations(quote.text):
            fragment = quote.text[span.content_start : span.content_end]
            if span.depth == 0 and fragment.strip() and not looks_like_name(fragment):
                start, end = quote.start + span.content_start, quote.start + span.content_end
                out.append(
                    quote.model_copy(
                        update={"text": text[start:end], "start": start, "end": end, "form": QuoteForm.DIRECT}
                    )
                )
    return out


def annotations(
    quotes: Sequence[Quote], detok: Detokenised, *, name: str, stwr_of: Callable[[Quote], str] = _speech
) -> list[dict[str, Any]]:
    """The corpus annotations of one document's quotes, nested fragments included and nesting marked.

    Quotes that map to no token are skipped with a warning naming the document.
    """
    found = []
    for quote in with_nested_fragments(quotes, detok.text):
        ann = quote_to_annotation(quote, detok, stwr=stwr_of(quote))
        if not ann["Message"]:
            logger.warning(
                "%s: skipped a %s quote at %d-%d (%r): it covers no token",
                name,
                quote.form.value,
                quote.start,
                quote.end,
                quote.text[:60],
            )
            continue
        found.append(ann)
    return mark_nesting(_reported_sentences(found, detok))


def _reported_sentences(found: list[dict[str, Any]], detok: Detokenised) -> list[dict[str, Any]]:
    """Reported messages widened to the rest of their sentence, up to the next other message.

    The corpus annotates reported speech as the whole speech-act sentence (238 of 297
    training messages are whole sentences: "Am Montag gab die Staatsanwaltschaft die
    Einstellung des Verfahrens bekannt."), adverbials and final full stop included,
    while a quote covers speaker, cue and topic only. Other messages in the sentence
    that do not overlap it bound the widening.
    """
    taken = [set(ann["Message"]) for ann in found]
    out = []
    for k, ann in enumerate(found):
        if ann["Form"] != "Reported":
            out.append(ann)
            continue
        mine = taken[k]
        blocked = set().union(*(other for j, other in enumerate(taken) if j != k and not other & mine))
        widened = set(mine)
        for sent in sorted({int(tid.split(":")[0]) for tid in mine}):
            positions = [int(tid.split(":")[1]) for tid in mine if int(tid.split(":")[0]) == sent]
            tokens = [detok.token(sent, j).lower() for j in range(len(detok.offsets[sent]))]
            for step, edge in ((-1, min(positions)), (1, max(positions))):
                j = edge + step
                while 0 <= j < len(tokens) and f"{sent}:{j}" not in blocked:
                    if _clause_edge(tokens, j, step):
                        break
                    widened.add(f"{sent}:{j}")
                    if step > 0 and tokens[j] in _SENTENCE_ENDS:
                        break  # the full stop ends the message: the corpus may join two sentences in one
                    j += step
        message = _sort_ids(widened)
        out.append({**ann, "Message": message, "MessageText": _text_of(message, detok)})
    return out


_SENTENCE_ENDS = frozenset({".", "!", "?", ";"})
_CLAUSE_OPENERS = frozenset(
    {"weil", "da", "denn", "obwohl", "obgleich", "nachdem", "wenn", "falls", "sodass", "wobei", "zumal"}
    | {"bevor", "seit", "seitdem", "sobald", "während", "als", "indem", "damit"}
    | SUBJECT_PRONOUNS
)
"""Words that, after a comma, open a clause of its own: a subordinate clause or a new main clause."""


def _clause_edge(tokens: list[str], j: int, step: int) -> bool:
    """Whether a reported message widened to token `j` (going `step`) would leave its speech act.

    Leftwards a sentence end stops it, or the comma after a "wie" clause that names
    where the report comes from ("Wie die Agentur meldete, sieht …"); rightwards a comma
    before a clause of its own (", weil …", ", sie trauen …").
    """
    if step < 0:
        if tokens[j] in _SENTENCE_ENDS:
            return True
        if tokens[j] != ",":
            return False
        start = j
        while start > 0 and tokens[start - 1] not in _SENTENCE_ENDS:
            start -= 1
        return tokens[start] == "wie" and "," not in tokens[start:j]
    return tokens[j] == "," and j + 1 < len(tokens) and tokens[j + 1] in _CLAUSE_OPENERS


def convert_directory(
    in_dir: str | Path,
    out_dir: str | Path,
    extract_many: Callable[[Iterable[str]], Iterator[list[Quote]]],
    *,
    stwr_of: Callable[[Quote], str] = _speech,
) -> int:
    """Run `extract_many` over every *.json in `in_dir` and write one file each to `out_dir`.

    Texts are fed lazily (a generator), so `extract_many` may batch; it must yield
    exactly one list of quotes per text, in order. Every input gets an output file,
    with empty Annotations when nothing was found, so the scorer counts misses.
    Quotes that map to no token are skipped with a warning. Returns the files written.
    """
    in_dir, out_dir = Path(in_dir), Path(out_dir)
    if out_dir.exists() and out_dir.resolve() == in_dir.resolve():
        raise ValueError(f"out_dir {out_dir} is in_dir: refusing to overwrite the input files")
    paths = sorted(in_dir.glob("*.json"))
    pending: deque[tuple[SpkAttDocument, Detokenised]] = deque()

    def texts() -> Iterator[str]:
        for path in paths:
            doc = read_document(path)
            detok = detokenise(doc.sentences)
            pending.append((doc, detok))
            yield detok.text

    source = texts()
    written = 0
    for quotes in extract_many(source):
        if not pending:
            raise RuntimeError("extract_many yielded more results than it was given texts")
        doc, detok = pending.popleft()
        write_document(doc, annotations(quotes, detok, name=doc.name, stwr_of=stwr_of), out_dir)
        written += 1
    if pending or next(source, None) is not None:
        raise RuntimeError(
            f"extract_many stopped after {written} of {len(paths)} documents; "
            "it must yield one result per text"
        )
    return written
