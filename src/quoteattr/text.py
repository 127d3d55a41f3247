"""The input contract: what `extract` accepts, paragraphs, and pieces cut without moving offsets.

quoteattr never normalises the text it is given (no NFC, no quote or whitespace
rewriting), so every offset it returns points into the caller's own string. Where
the parser needs cleaner input, it gets a copy of the same length (`parse_copy`);
where a text is too long for one parse, it is cut into consecutive pieces
(`chunk_spans`) whose offsets are added back afterwards.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import regex

from quoteattr.errors import InputError, InvalidTextError

PARAGRAPH_BREAK = regex.compile(r"\n[^\S\n]*\n\s*")
"""A blank line (spaces allowed) ends a paragraph."""

# Where a long paragraph may be cut, best first: after a sentence end (closing marks and
# brackets included), then after any white space.
_SENTENCE_END = regex.compile(r"[.!?…][\"'“”‘’»«›‹)\]]*\s+")
_SPACE = regex.compile(r"\s+")

# Control characters (tab and line breaks excepted) and invisible format characters
# (byte order mark, zero-width space, direction marks) glue onto the tokens next to
# them ("\ufeff„" comes out as one token); the parser sees a space in their place.
_UNPARSABLE = regex.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069]"
)

_ROUGH_WORD = regex.compile(r"\w+|[^\w\s]")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def check_text(text: Any) -> str:
    """Return `text` unchanged if it is a `str` of valid Unicode.

    Raises `InputError` (a `TypeError`) for anything but `str`, and
    `InvalidTextError` (a `ValueError`) for a `str` holding lone surrogates, which
    cannot be written out as UTF-8 and so could not be part of a result.
    """
    if isinstance(text, str):
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            _lone_surrogates(text, error.start)
        return text
    if isinstance(text, (bytes, bytearray)):
        raise InputError("extract() takes str, got bytes: decode it first, e.g. data.decode('utf-8')")
    raise InputError(f"extract() takes str, got {type(text).__name__}: {text!r:.60}")


def _lone_surrogates(text: str, first: int) -> None:
    count = len(_SURROGATE.findall(text, first))
    raise InvalidTextError(
        f"extract() takes valid Unicode, got a str with {count} lone surrogate(s), the first "
        f"U+{ord(text[first]):04X} at position {first} (text decoded with errors='surrogateescape', "
        "or a broken \\ud83d-style JSON escape?): results could not be written as UTF-8. Repair the "
        "text first; text.encode('utf-8', 'replace').decode('utf-8') puts a '?' in each one's "
        "place and keeps every offset.",
        position=first,
    )


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph; blank lines separate paragraphs."""
    spans, start = [], 0
    for brk in PARAGRAPH_BREAK.finditer(text):
        spans.append((start, brk.start()))
        start = brk.end()
    spans.append((start, len(text)))
    return spans


def strip_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """`span` without the white space at its edges."""
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end)


def parse_copy(text: str) -> str:
    """`text` as the parser should see it: control and invisible format characters made spaces.

    Same length as `text`, character for character, so the parser's offsets are
    offsets into `text` too; returns `text` itself when there is nothing to replace.
    """
    return _UNPARSABLE.sub(" ", text) if _UNPARSABLE.search(text) else text


def chunk_spans(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Consecutive (start, end) pieces of `text`, none longer than `max_chars`, that cover it all.

    A piece ends after a blank line where it can, else after a sentence end, else
    after white space; a stretch of `max_chars` with none of these is cut hard.
    A text of at most `max_chars` is one piece.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be >= 1, got {max_chars}")
    cuts = [0]
    while len(text) - cuts[-1] > max_chars:
        start = cuts[-1]
        limit = start + max_chars
        cuts.append(_last_end(text, start, limit) or limit)
    cuts.append(len(text))
    return list(pairwise(cuts))


def _last_end(text: str, start: int, limit: int) -> int | None:
    """The end of the last paragraph break, sentence end or space in text[start:limit], if any."""
    for pattern in (PARAGRAPH_BREAK, _SENTENCE_END, _SPACE):
        last = None
        for match in pattern.finditer(text, start, limit):
            last = match
        if last is not None and last.end() > start:
            return last.end()
    return None


def count_words(text: str) -> int:
    """Runs of letters and digits plus single punctuation marks: about the tokens a parser makes."""
    return sum(1 for _ in _ROUGH_WORD.finditer(text))
