"""The medium and the addressee of a cue: "in seiner Videobotschaft", "sagte der Zeitung"."""

from __future__ import annotations

from quoteattr.lexicon import Lexicon
from quoteattr.parse import ParsedDoc


def medium_and_addressee(
    doc: ParsedDoc, cue: int, lexicon: Lexicon
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Word indices of the medium and of the addressee of the cue verb at `cue`."""
    return (), ()
