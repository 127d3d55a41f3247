"""`quoteattr.render`: the HTML view of quotes, read back with html.parser and shown in Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quoteattr import Cue, Extractor, Quote, QuoteForm, QuotesMismatchError, Span, Speaker, render
from quoteattr.model import Document

SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "img" / "seed-render.png"
VOID = {"meta", "link", "br", "img", "hr", "input"}


class Page(HTMLParser):
    """A rendered page read back: the text of its text block and each mark with its offsets in that text.

    `errors` lists every end tag that does not close the element opened last, and
    every element left open, so that `not page.errors` means the tags balance.
    """

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str], int]] = []
        self.text_depth: int | None = None
        self.chunks: list[str] = []
        self.marks: list[tuple[set[str], set[int], str, int, int]] = []
        self.labels: list[str] = []
        self.errors: list[str] = []
        self.feed(markup)
        self.close()
        self.errors += [f"<{tag}> never closed" for tag, _, _ in self.stack]

    @property
    def text(self) -> str:
        return "".join(self.chunks)

    def _inside(self) -> bool:
        return self.text_depth is not None and len(self.stack) >= self.text_depth

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        attributes = {name: value or "" for name, value in attrs}
        self.stack.append((tag, attributes, len(self.text)))
        if tag == "div" and "qa-text" in attributes.get("class", "").split():
            self.text_depth = len(self.stack)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        inside = self._inside()
        _, attributes, start = self.stack.pop()
        if not inside:
            return
        if self.text_depth is not None and len(self.stack) < self.text_depth:
            self.text_depth = None  # the text block itself closed
            return
        classes = set(attributes.get("class", "").split())
        if "qa-label" in classes:
            self.labels.append(attributes["data-label"])
            return
        numbers = {int(n) for n in attributes.get("data-quote", "").split()}
        self.marks.append((classes, numbers, attributes.get("title", ""), start, len(self.text)))

    def handle_data(self, data: str) -> None:
        if self._inside():
            self.chunks.append(data)

    def covered(self, kind: str, number: int) -> set[int]:
        """Offsets of the characters that marks of `kind` draw for quote `number`."""
        return {
            i
            for classes, numbers, _, start, end in self.marks
            if kind in classes and number in numbers
            for i in range(start, end)
        }


def check_page(text: str, quotes: list[Quote]) -> Page:
    """Render, read back, and check what holds for every page: balance, text, each part drawn in place."""
    page = Page(render(text, quotes))
    assert not page.errors
    assert page.text == text
    for number, quote in enumerate(sorted(quotes, key=lambda q: (q.start, -q.end)), start=1):
        assert page.covered("qa-q", number) == set(range(quote.start, quote.end))
        for kind, part in (("qa-spk", quote.speaker), ("qa-src", quote.source), ("qa-adr", quote.addressee)):
            expected = set(range(part.start, part.end)) if part is not None else set()
            assert page.covered(kind, number) == expected, kind
        cue = {i for start, end in (quote.verb.spans if quote.verb else []) for i in range(start, end)}
        assert page.covered("qa-cue", number) == cue
    return page


def span(text: str, start: int, end: int) -> Span:
    return Span(text=text[start:end], start=start, end=end)


def test_text_and_names_are_escaped() -> None:
    text = 'Sie sagte: „<script>alert("x")</script> & mehr“ <b>fett</b>'
    start = text.index("<script>")
    end = text.index("“")
    name = '<img src=x onerror="alert(1)">'
    quote = Quote(
        text=text[start:end],
        start=start,
        end=end,
        form=QuoteForm.DIRECT,
        speaker=Speaker(text="Sie", start=0, end=3, name=name),
        verb=Cue(text="sagte", lemma="sagen", spans=[(4, 9)]),
    )
    markup = render(text, [quote], title="<Titel & Co>")
    assert "<script>" not in markup and "<b>" not in markup and "<img" not in markup
    assert "&lt;script&gt;" in markup and "&lt;Titel &amp; Co&gt;" in markup
    page = check_page(text, [quote])
    assert page.labels == [name]
    assert any(name in title for classes, _, title, _, _ in page.marks if "qa-q" in classes)


def test_nested_and_crossing_quotes_give_balanced_tags() -> None:
    text = "Müller sagte: „Sie hat ‚Nie wieder‘ gerufen, und wir auch“, so Müller heute."
    outer_start, outer_end = text.index("„") + 1, text.index("“")
    inner_start, inner_end = text.index("‚") + 1, text.index("‘")
    outer = Quote(
        text=text[outer_start:outer_end],
        start=outer_start,
        end=outer_end,
        form=QuoteForm.DIRECT,
        speaker=Speaker(**span(text, 0, 6).model_dump(), name="Hans Müller"),
        verb=Cue(text="sagte", lemma="sagen", spans=[(7, 12)]),
    )
    inner = Quote(
        text=text[inner_start:inner_end],
        start=inner_start,
        end=inner_end,
        form=QuoteForm.DIRECT,
        speaker=Speaker(**span(text, outer_start, outer_start + 3).model_dump(), name=None),
        verb=Cue(text="gerufen", lemma="rufen", spans=[(text.index("gerufen"), text.index("gerufen") + 7)]),
    )
    # A source that crosses the outer quote's end: it must be closed and reopened, not left crossing.
    crossing = text.index("wir")
    reported = Quote(
        text=text[crossing : text.index(" heute")],
        start=crossing,
        end=text.index(" heute"),
        form=QuoteForm.REPORTED,
        source=span(text, text.index("auch"), text.index("so") + 2),
    )
    page = check_page(text, [outer, inner, reported])
    assert {"Hans Müller", "?"} <= set(page.labels)


def test_quotes_from_another_text_are_refused() -> None:
    quote = Quote(text="Wir bleiben", start=1, end=12, form=QuoteForm.DIRECT)
    with pytest.raises(QuotesMismatchError, match="quote 1's quote at 1:12"):
        render("„Wir gehen“, sagte sie.", [quote])
    with pytest.raises(QuotesMismatchError, match="not in the given text of 5 characters"):
        render("kurz.", [quote])


@st.composite
def text_and_quotes(draw: st.DrawFn) -> tuple[str, list[Quote]]:
    """Any text, and quotes whose parts are any stretches of it: nested, crossing, empty, shared."""
    characters = st.one_of(st.sampled_from("<>&\"'„“‚‘»« \n\t"), st.characters())
    markup = st.sampled_from(["<b>", "</span>", "&amp;", "&lt;", "<!--", "<style>"])  # must stay text
    text = "".join(draw(st.lists(st.one_of(characters, markup), max_size=30)))

    def stretch() -> tuple[int, int]:
        start = draw(st.integers(0, len(text)))
        return start, draw(st.integers(start, len(text)))

    def part(kind: type[Span]) -> Span | None:
        if not draw(st.booleans()):
            return None
        start, end = stretch()
        return kind(text=text[start:end], start=start, end=end)

    quotes = []
    for _ in range(draw(st.integers(0, 6))):
        start, end = stretch()
        speaker = part(Speaker)
        if speaker is not None:
            speaker = speaker.model_copy(update={"name": draw(st.none() | st.text(characters, max_size=8))})
        spans = [stretch() for _ in range(draw(st.integers(0, 3)))]
        verb = Cue(text="v", lemma=draw(st.none() | st.text(max_size=5)), spans=spans) if spans else None
        quotes.append(
            Quote(
                text=text[start:end],
                start=start,
                end=end,
                form=draw(st.sampled_from(QuoteForm)),
                speaker=speaker,
                verb=verb,
                source=part(Span),
                addressee=part(Span),
            )
        )
    return text, quotes


@settings(max_examples=300, deadline=None)
@given(text_and_quotes())
def test_any_quotes_with_valid_offsets_render(case: tuple[str, list[Quote]]) -> None:
    text, quotes = case
    check_page(text, quotes)


@pytest.fixture(scope="module")
def seed_document(extractor: Extractor, seed_text: str) -> Document:
    return extractor.analyse(seed_text)


@pytest.mark.model
def test_every_part_of_the_seed_article_is_drawn(seed_document: Document, seed_text: str) -> None:
    quotes = seed_document.quotes
    assert len({q.form for q in quotes}) >= 5  # the page shows most forms, not just one
    page = check_page(seed_text, quotes)
    names = {q.speaker.name for q in quotes if q.speaker and q.speaker.name}
    assert names <= set(page.labels)
    assert "Donald Trump" in names


@pytest.mark.model
def test_document_shows_itself_in_jupyter(seed_document: Document, seed_text: str) -> None:
    fragment = seed_document._repr_html_()
    assert fragment is not None and fragment.startswith('<div class="qa">')
    assert "<html" not in fragment  # a fragment for the notebook, not a page
    assert Page(fragment).text == seed_text
    assert Document(quotes=seed_document.quotes, speakers=seed_document.speakers)._repr_html_() is None


def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        if path := shutil.which(name):
            return path
    pytest.skip(
        "chromium is not installed: `make test` installs Debian's `chromium` with apt-get when run as "
        "root; elsewhere install it (`sudo apt-get install chromium`) to take the screenshot"
    )


@pytest.mark.model
def test_seed_article_renders_in_chromium(seed_document: Document, seed_text: str, tmp_path: Path) -> None:
    """Saves docs/img/seed-render.png, which the docs show."""
    image = pytest.importorskip("PIL.Image", reason="Pillow reads the screenshot: pip install -e '.[dev]'")
    browser = chromium()
    page = tmp_path / "seed.html"
    page.write_text(render(seed_text, seed_document.quotes, title="dpa-AFX, März 2025"), encoding="utf-8")
    shot = tmp_path / "seed.png"
    command = [
        browser,
        "--headless",
        "--disable-gpu",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={shot}",
        "--window-size=1100,1500",
        page.as_uri(),
    ]
    if os.geteuid() == 0:
        command.insert(1, "--no-sandbox")  # Chromium refuses to run its sandbox as root
    result = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0 and shot.exists(), result.stderr[-2000:]
    with image.open(shot) as png:
        assert png.size == (1100, 1500)
        grey_min, _ = png.convert("L").getextrema()
        _, saturation_max = png.convert("HSV").getchannel("S").getextrema()
    assert grey_min < 100  # there is text, not a blank page
    assert saturation_max > 60  # and coloured highlights
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, SCREENSHOT)
