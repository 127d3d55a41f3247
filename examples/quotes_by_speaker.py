"""Print an article's quotes as a table, grouped by who said them.

    python examples/quotes_by_speaker.py [ARTICLE.txt]

Without an argument it reads the seed article next to this script. Speakers come
from `Extractor.analyse`, which resolves "er" or "die Ministerin" to a name over the
whole article, so one person's quotes end up together; the model comes from
$QUOTEATTR_STANZA_DIR or Stanza's official German models.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from quoteattr import Extractor, Quote

SEED = Path(__file__).resolve().parent / "dpa-ukraine-2025-03.txt"


def speaker_of(quote: Quote) -> str:
    """The resolved name, else the mention as written, else a placeholder."""
    if quote.speaker is None:
        return "(no speaker found)"
    return quote.speaker.name or quote.speaker.text


def by_speaker(quotes: list[Quote]) -> dict[str, list[Quote]]:
    """Quotes grouped by speaker; speakers in order of their first quote."""
    groups: dict[str, list[Quote]] = {}
    for quote in quotes:
        groups.setdefault(speaker_of(quote), []).append(quote)
    return groups


def table(path: Path, groups: dict[str, list[Quote]]) -> Table:
    """One row per quote; the most quoted speaker first, each speaker's quotes in text order."""
    grid = Table(title=f"Quotes in {path.name}, by speaker", show_lines=False, expand=True)
    grid.add_column("speaker", style="bold", no_wrap=True)
    grid.add_column("form")
    grid.add_column("cue")
    grid.add_column("quote", ratio=1)
    for name, quotes in sorted(groups.items(), key=lambda item: -len(item[1])):
        for i, quote in enumerate(quotes):
            cue = (quote.verb.lemma or quote.verb.text) if quote.verb else "-"
            grid.add_row(f"{name} ({len(quotes)})" if i == 0 else "", quote.form.value, cue, quote.text)
        grid.add_section()
    return grid


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        print(f"usage: {Path(__file__).name} [ARTICLE.txt]; got {len(argv)} arguments", file=sys.stderr)
        return 2
    path = Path(argv[0]) if argv else SEED
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"cannot read {path}: {error}; expected a UTF-8 text file", file=sys.stderr)
        return 2
    document = Extractor().analyse(text)
    Console().print(table(path, by_speaker(document.quotes)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
