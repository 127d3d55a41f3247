"""Quotes without a cue of their own: free indirect continuation and headlines."""

from __future__ import annotations

from collections.abc import Sequence

from quoteattr.attribution import Attribution
from quoteattr.lexicon import Lexicon
from quoteattr.parse import ParsedDoc


def headlines(doc: ParsedDoc, paragraphs: Sequence[tuple[int, int]]) -> list[Attribution]:
    """'Name: content' lines."""
    return []


def free_indirect(
    doc: ParsedDoc,
    attributions: Sequence[Attribution],
    lexicon: Lexicon,
    paragraphs: Sequence[tuple[int, int]],
) -> list[Attribution]:
    """Konjunktiv sentences that continue an attributed quote."""
    return []
