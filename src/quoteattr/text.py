"""The input contract: what `extract` accepts, and paragraphs found without moving offsets.

quoteattr never normalises the text it is given (no NFC, no quote or whitespace
rewriting), so every offset it returns points into the caller's own string.
"""

from __future__ import annotations

from typing import Any

import regex

from quoteattr.errors import InputError

PARAGRAPH_BREAK = regex.compile(r"\n[^\S\n]*\n\s*")
"""A blank line (spaces allowed) ends a paragraph."""


def check_text(text: Any) -> str:
    """Return `text` unchanged if it is a `str`, else raise `InputError` (a `TypeError`)."""
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray)):
        raise InputError("extract() takes str, got bytes: decode it first, e.g. data.decode('utf-8')")
    raise InputError(f"extract() takes str, got {type(text).__name__}: {text!r:.60}")


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
