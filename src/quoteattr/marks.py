"""Quotation marks: pair „…“, »…«, «…», "…", “…”, ‚…‘, ›…‹ into spans.

German text mixes styles, nests single marks in double ones and leaves marks
unclosed. Pairing runs on a stack: a mark closes the innermost open quotation
it can close, else opens one if its context allows, else it is a stray and is
ignored. An opener still open at the end of its paragraph ends there. Which of
the spans are real quotes (and not titles or scare quotes) is decided later,
with the parse; this module only finds them and never raises.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from quoteattr.text import paragraph_spans

# Which marks may close a quotation opened by a given mark. ",," and '' are typewriter
# stand-ins for „ and “ in scraped text.
_CLOSERS: dict[str, tuple[str, ...]] = {
    "„": ("“", "”", '"', "''"),
    ",,": ("“", "”", '"', "''"),
    "‚": ("‘", "’", "'"),
    "»": ("«",),
    "«": ("»",),
    "“": ("”", "“"),
    "‘": ("’",),
    "›": ("‹",),
    "‹": ("›",),
    '"': ('"',),
    "''": ("''",),
    "'": ("'",),
}
QUOTE_MARKS = frozenset("„“”\"»«‚‘’'")
"""Quotation marks as parsed words: what a parse rule treats as a mark, not as text."""
_DOUBLE = frozenset({"„", ",,", "»", "«", "“", '"', "''"})
_MARK = regex.compile(r"''|,,(?=\S)|[„‚»«“”‘’›‹\"']")
# An opener stands after a space, a bracket, a dash, a colon or another opener, and before a non-space.
_OPEN_BEFORE = regex.compile(r"(?:^|[\s(\[{/–—:\-„‚»«“‘›‹\"'])\Z")


@dataclass(frozen=True, slots=True)
class QuotationSpan:
    """A quotation in the text: marks at `start` and `end - 1` (when closed), content inside."""

    start: int
    end: int
    content_start: int
    content_end: int
    opener: str
    closer: str | None
    """None when the quotation ran to the end of its paragraph without a closing mark."""
    depth: int
    """0 for an outermost quotation, 1 for one nested in it, and so on."""

    @property
    def is_double(self) -> bool:
        return self.opener in _DOUBLE


def find_quotations(text: str) -> list[QuotationSpan]:
    """All quotation spans in `text`, outermost and nested, in order of their start."""
    spans = [span for start, end in paragraph_spans(text) for span in _pair_marks(text, start, end)]
    spans.sort(key=lambda s: (s.start, -s.end))
    return spans


def _can_open(text: str, pos: int, after: int, end: int) -> bool:
    """Context of an opener at pos..after: nothing or a boundary before, a non-space after."""
    if after >= end or text[after].isspace():
        return False
    return _OPEN_BEFORE.search(text, max(0, pos - 1), pos) is not None or pos == 0


def _is_apostrophe(text: str, pos: int) -> bool:
    """’ and ' between letters (geht’s, Hans' Auto) are apostrophes, not marks."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return before.isalnum() and (after.isalnum() or after.isspace() or after in ".,;:!?")


def _pair_marks(text: str, start: int, end: int) -> list[QuotationSpan]:
    stack: list[tuple[int, str]] = []
    found: list[QuotationSpan] = []
    for match in _MARK.finditer(text, start, end):
        pos, mark = match.start(), match.group()
        if mark in "’'" and _is_apostrophe(text, pos) and not (stack and stack[-1][1] in "‚‘'"):
            continue
        closable = [i for i, (_, opener) in enumerate(stack) if mark in _CLOSERS[opener]]
        opens = mark in _CLOSERS and (
            mark in ("„", ",,")
            or _can_open(text, pos, match.end(), end)
            or (mark == "‚" and pos + 1 < end and not text[pos + 1].isspace())
        )
        top_closes = bool(closable) and closable[-1] == len(stack) - 1
        # A straight mark after a space that could open opens instead of closing a deeper quote.
        if (top_closes and not (mark in "\"'" and opens and text[pos - 1].isspace())) or (
            closable and not opens
        ):
            target = closable[-1]
        elif opens:
            stack.append((pos, mark))
            continue
        else:
            continue  # a stray closer
        open_pos, opener = stack[target]
        del stack[target:]  # quotations opened inside and never closed are dropped
        found.append(QuotationSpan(open_pos, match.end(), open_pos + len(opener), pos, opener, mark, target))
    stack = [(pos, opener) for pos, opener in stack if opener in _DOUBLE]  # lone ' and ‚ are apostrophes
    if stack:
        open_pos, opener = stack[0]
        stop = len(text[open_pos:end].rstrip()) + open_pos
        found.append(QuotationSpan(open_pos, stop, open_pos + len(opener), stop, opener, None, 0))
    return found


_WORD = regex.compile(r"\p{L}[\p{L}\p{N}\-’'.]*")


def looks_like_name(content: str) -> bool:
    """Every word capitalised, as in „Deutschlandfunk“ or „Ärzte ohne Grenzen“ minus the "ohne": a title.

    Quoted speech fragments have lower-case words (verbs, adjectives, particles);
    quoted names of outlets, organisations and works do not.
    """
    words = _WORD.findall(content)
    return bool(words) and all(w[0].isupper() for w in words)
