"""Speaker resolution: from the mention in the sentence to the name of the person or group.

"er" -> "Donald Trump", "der US-Präsident" -> "Donald Trump", "Selenskyj" ->
"Wolodymyr Selenskyj": names are resolved within one document.
"""

from __future__ import annotations

from collections.abc import Sequence

from quoteattr.attribution import Attribution
from quoteattr.parse import ParsedDoc
from quoteattr.speakers import mention_name


def resolve_names(doc: ParsedDoc, attributions: Sequence[Attribution]) -> list[str | None]:
    """The resolved speaker name of each attribution, in order (None when unknown)."""
    return [mention_name(doc, a.speaker_words) for a in attributions]
