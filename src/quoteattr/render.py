"""Show quotes in their text as HTML, the way spaCy's displaCy shows entities.

`render(text, quotes)` returns one self-contained page (inline CSS, no scripts, no
external assets): each quote has the background colour of its form, its cue is
underlined, its speaker mention is boxed, and hovering shows who said it (the
resolved name), the form, the verb's lemma and the source. A small badge after each
quote names its speaker; badges are CSS-generated content, so the page's text is the
input text exactly.

Quotes may nest (a quote inside a quote) and parts may lie inside or outside any
quote, or even cross one another. Elements must nest in HTML, so a mark that crosses
the end of another is closed there and opened again after it: it then shows as two
fragments with the same colour and hover text.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from quoteattr.errors import QuotesMismatchError
from quoteattr.model import Quote, QuoteForm, Span

__all__ = ["render"]

FORM_COLOURS: dict[QuoteForm, str] = {
    QuoteForm.DIRECT: "#ffe08a",
    QuoteForm.INDIRECT: "#a8d8ff",
    QuoteForm.MIXED: "#d2c4ff",
    QuoteForm.REPORTED: "#b8f0c2",
    QuoteForm.ACCORDING_TO: "#ffc9b0",
    QuoteForm.FREE_INDIRECT: "#b4ebe6",
    QuoteForm.HEADLINE: "#f7c1e0",
}
"""Background of a quote, by form: light enough for black text, distinct side by side."""

# Marks with the same span nest in this order: the quote outermost, the cue innermost.
_QUOTE, _SPEAKER, _SOURCE, _ADDRESSEE, _CUE = range(5)
_KINDS = {
    _QUOTE: "qa-q",
    _SPEAKER: "qa-spk",
    _SOURCE: "qa-src",
    _ADDRESSEE: "qa-adr",
    _CUE: "qa-cue",
}

_CSS = """
.qa { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f; }
.qa-legend { display: flex; flex-wrap: wrap; gap: 6px 14px; margin: 0 0 1.2em; font-size: 0.85em; }
.qa-legend .qa-key { padding: 1px 6px; border-radius: 3px; }
.qa-text { white-space: pre-wrap; line-height: 2.1; font-size: 1.02em; }
.qa-q { border-radius: 4px; padding: 2px 0; box-decoration-break: clone;
        -webkit-box-decoration-break: clone; }
.qa-q .qa-q { outline: 1px solid rgba(0, 0, 0, 0.35); outline-offset: -1px; }
.qa-cue { text-decoration: underline 2.5px #c1121f; text-underline-offset: 3px;
          text-decoration-skip-ink: none; }
.qa-spk { border: 2px solid #3a3a3c; border-radius: 4px; padding: 0 2px; font-weight: 600; }
.qa-src { border-bottom: 2px dotted #3a3a3c; }
.qa-adr { border-bottom: 2px dashed #6e6e73; }
.qa-label::after { content: attr(data-label); font-size: 0.68em; font-weight: 600;
  letter-spacing: 0.02em; text-transform: uppercase; vertical-align: middle; background: #fff;
  border: 1px solid #6e6e73; border-radius: 3px; padding: 0 4px; margin: 0 2px 0 4px; }
"""
_CSS += "".join(f".qa-{form.value} {{ background: {colour}; }}\n" for form, colour in FORM_COLOURS.items())

_PAGE = """<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ max-width: 52em; margin: 2em auto; padding: 0 1.5em; background: #fff; }}
h1 {{ font-family: system-ui, sans-serif; font-size: 1.4em; }}
</style>
</head>
<body>
{heading}{body}
</body>
</html>
"""


@dataclass(frozen=True)
class _Mark:
    """One element to draw: a half-open stretch of the text, its kind and hover text."""

    start: int
    end: int
    kind: int
    classes: str
    title: str
    quotes: str  # numbers of the quotes it belongs to, space-separated
    label: str | None = None  # badge shown after its last character


def render(text: str, quotes: Sequence[Quote], *, title: str | None = None, page: bool = True) -> str:
    """An HTML page showing `quotes` in `text`; `page=False` gives a `<div>` to embed instead.

    Offsets are character offsets into `text`, as `extract` returns them. Raises
    `QuotesMismatchError` (a `ValueError`) when a quote's part does not lie in `text`
    as its offsets say: the quotes were found in another text.
    """
    ordered = sorted(quotes, key=lambda q: (q.start, -q.end))
    for number, quote in enumerate(ordered, start=1):
        _check(text, quote, number)
    div = (
        '<div class="qa">\n'
        f"<style>{_CSS}</style>\n"
        f"{_legend(ordered)}\n"
        f'<div class="qa-text">{_markup(text, _marks(ordered))}</div>\n'
        "</div>"
    )
    if not page:
        return div
    heading = f"<h1>{html.escape(title)}</h1>\n" if title else ""
    return _PAGE.format(title=html.escape(title or "quoteattr"), heading=heading, body=div)


def _check(text: str, quote: Quote, number: int) -> None:
    """Refuse a quote whose parts are not where its offsets say: markup built on it would lie."""
    parts: list[tuple[str, int, int, str | None]] = [("quote", quote.start, quote.end, quote.text)]
    for name in ("speaker", "source", "addressee"):
        part: Span | None = getattr(quote, name)
        if part is not None:
            parts.append((name, part.start, part.end, part.text))
    if quote.verb is not None:
        parts += [("cue", start, end, None) for start, end in quote.verb.spans]
    for name, start, end, expected in parts:
        if not 0 <= start <= end <= len(text) or (expected is not None and text[start:end] != expected):
            raise QuotesMismatchError(
                f"quote {number}'s {name} at {start}:{end} ({expected!r}) is not in the given text of "
                f"{len(text)} characters (there: {text[start:end]!r}); pass the text the quotes were "
                "extracted from, unchanged"
            )


def _legend(quotes: Sequence[Quote]) -> str:
    counts = defaultdict(int)
    for quote in quotes:
        counts[quote.form] += 1
    forms = [
        f'<span class="qa-key qa-{form.value}">{form.value} ({counts[form]})</span>'
        for form, colour in FORM_COLOURS.items()
    ]
    parts = [
        '<span class="qa-cue">cue</span>',
        '<span class="qa-spk">speaker</span>',
        '<span class="qa-src">source</span>',
        '<span class="qa-adr">addressee</span>',
    ]
    return f'<div class="qa-legend">{"".join(forms + parts)}</div>'


def _marks(quotes: Sequence[Quote]) -> list[_Mark]:
    """The marks of all quotes; a part that several quotes share (a speaker) is drawn once."""
    merged: dict[tuple[int, int, int], list[tuple[int, str, str]]] = defaultdict(list)
    labels: dict[tuple[int, int, int], str] = {}
    for number, quote in enumerate(quotes, start=1):
        name = quote.speaker.name if quote.speaker and quote.speaker.name else None
        form = quote.form.value
        merged[(quote.start, quote.end, _QUOTE)].append((number, f"qa-{form}", _quote_title(number, quote)))
        labels[(quote.start, quote.end, _QUOTE)] = name or "?"
        if quote.speaker is not None:
            who = name or "unresolved"
            line = f"Speaker of quote {number} ({form}): {who}"
            merged[(quote.speaker.start, quote.speaker.end, _SPEAKER)].append((number, "", line))
        if quote.verb is not None:
            line = f"Cue of quote {number} ({form}): {quote.verb.lemma or quote.verb.text}"
            for start, end in quote.verb.spans:
                merged[(start, end, _CUE)].append((number, "", line))
        if quote.source is not None:
            line = f"Source of quote {number}: {quote.source.text}"
            merged[(quote.source.start, quote.source.end, _SOURCE)].append((number, "", line))
        if quote.addressee is not None:
            line = f"Addressee of quote {number}: {quote.addressee.text}"
            merged[(quote.addressee.start, quote.addressee.end, _ADDRESSEE)].append((number, "", line))
    marks = []
    for (start, end, kind), owners in merged.items():
        if start == end:
            continue  # nothing to draw
        extra = {css for _, css, _ in owners if css}
        marks.append(
            _Mark(
                start=start,
                end=end,
                kind=kind,
                classes=" ".join([_KINDS[kind], *sorted(extra)]),
                title="\n\n".join(dict.fromkeys(title for _, _, title in owners)),
                quotes=" ".join(str(number) for number, _, _ in owners),
                label=labels.get((start, end, kind)),
            )
        )
    return marks


def _quote_title(number: int, quote: Quote) -> str:
    speaker = quote.speaker
    if speaker is None:
        who = "unknown"
    elif speaker.name and speaker.name != speaker.text:
        who = f"{speaker.name} (“{speaker.text}”)"
    else:
        who = speaker.name or f"“{speaker.text}” (unresolved)"
    lines = [f"Quote {number} · {quote.form.value}", f"Speaker: {who}"]
    if quote.verb is not None:
        lines.append(f"Verb: {quote.verb.lemma or '?'} (“{quote.verb.text}”)")
    if quote.source is not None:
        lines.append(f"Source: {quote.source.text}")
    if quote.addressee is not None:
        lines.append(f"Addressee: {quote.addressee.text}")
    return "\n".join(lines)


def _markup(text: str, marks: list[_Mark]) -> str:
    """`text`, escaped, with `marks` as nested `<span>`s.

    A mark still open when one opened inside it ends first is fine (that is nesting);
    one that ends while marks opened after it are still open forces those to close
    and reopen, so that tags always balance.
    """
    starting: dict[int, list[_Mark]] = defaultdict(list)
    for mark in marks:
        starting[mark.start].append(mark)
    points = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    out: list[str] = []
    stack: list[_Mark] = []
    for i, point in enumerate(points):
        reopen: list[_Mark] = []
        ending = [depth for depth, mark in enumerate(stack) if mark.end == point]
        if ending:
            outermost = ending[0]
            for mark in reversed(stack[outermost:]):
                if mark.end == point and mark.label is not None:
                    out.append(f'<span class="qa-label" data-label="{html.escape(mark.label)}"></span>')
                out.append("</span>")
            reopen = [mark for mark in stack[outermost:] if mark.end != point]
            del stack[outermost:]
        for mark in sorted(reopen + starting[point], key=lambda m: (-m.end, m.kind)):
            out.append(
                f'<span class="{mark.classes}" data-quote="{mark.quotes}" title="{html.escape(mark.title)}">'
            )
            stack.append(mark)
        if i + 1 < len(points):
            out.append(html.escape(text[point : points[i + 1]], quote=False))
    return "".join(out)
