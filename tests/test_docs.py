"""The docs show what the code does: each form's example is extracted as the page says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quoteattr import Extractor, Quote, QuoteForm

DOCS = Path(__file__).resolve().parent.parent / "docs"

# A section "## Title: `form`", its first ```text block, and the first row of the table after it.
SECTION = re.compile(
    r"^## [^\n]*`(?P<form>\w+)`\n.*?```text\n(?P<text>.*?)\n```\n.*?^\|---[^\n]*\n\| (?P<row>[^\n]*) \|$",
    re.MULTILINE | re.DOTALL,
)


def form_examples() -> list[tuple[str, str, list[str]]]:
    page = (DOCS / "forms.md").read_text(encoding="utf-8")
    return [
        (match["form"], match["text"], [cell.strip() for cell in match["row"].split("|")])
        for match in SECTION.finditer(page)
    ]


def test_forms_page_has_an_example_of_every_form() -> None:
    assert sorted(form for form, _, _ in form_examples()) == sorted(f.value for f in QuoteForm)


@pytest.mark.model
@pytest.mark.parametrize(("form", "text", "row"), form_examples(), ids=[f for f, _, _ in form_examples()])
def test_forms_page_examples_give_what_the_page_says(
    extractor: Extractor, form: str, text: str, row: list[str]
) -> None:
    quoted, speaker, cue = row
    found = [
        (q.speaker.name if q.speaker else None, q.verb.lemma if q.verb else "-")
        for q in extractor.extract(text)
        if q.form.value == form and q.text == quoted
    ]
    assert found == [(speaker, cue)]


def test_quote_model_page_example_is_a_valid_quote_of_the_seed_article(seed_text: str) -> None:
    page = (DOCS / "quote-model.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```json\n(.*?)\n```", page, re.DOTALL)
    quote = Quote.model_validate_json(block)
    for part in (quote, quote.speaker, quote.source):
        assert part is not None and seed_text[part.start : part.end] == part.text
    assert quote.verb is not None
    assert [seed_text[start:end] for start, end in quote.verb.spans] == [quote.verb.text]
