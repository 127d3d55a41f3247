"""The public result types: a `Quote` and its parts, with character offsets.

Every part carries half-open offsets into the text given to `extract`, and
`text[part.start:part.end] == part.text` holds for each of them.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, model_validator


class QuoteForm(str, Enum):
    """How the words are reported."""

    DIRECT = "direct"
    """Verbatim, in quotation marks: „Wir bleiben“, sagte sie."""
    INDIRECT = "indirect"
    """A complement clause: Sie sagte, man bleibe."""
    MIXED = "mixed"
    """An indirect clause with a quoted fragment: Man bleibe „auf jeden Fall“, sagte sie."""
    REPORTED = "reported"
    """A speech act with its topic as object: Sie bestätigte das Treffen."""
    ACCORDING_TO = "according_to"
    """laut X, X zufolge, nach Angaben von X."""
    FREE_INDIRECT = "free_indirect"
    """A Konjunktiv-I sentence that continues an attributed quote without a new cue."""
    HEADLINE = "headline"
    """A 'Name: content' headline."""


class Span(BaseModel):
    """A stretch of the input text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str = Field(description="The characters as they stand in the input.")
    start: int = Field(ge=0, description="Offset of the first character.")
    end: int = Field(ge=0, description="Offset after the last character.")

    @model_validator(mode="after")
    def _check_order(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"end={self.end} must be >= start={self.start}")
        if self.end - self.start != len(self.text):
            raise ValueError(
                f"text has {len(self.text)} characters but end - start = {self.end - self.start}"
            )
        return self


class Speaker(Span):
    """Who is quoted: the mention in the text and the name it resolves to."""

    name: str | None = Field(
        None,
        description="Resolved name, e.g. 'Donald Trump' for 'er'; None when unknown.",
        examples=["Donald Trump"],
    )


class Cue(BaseModel):
    """The words that mark speech: a verb ("deutete ... an") or a marker ("laut")."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str = Field(description="The cue as written; discontinuous parts joined by ' ... '.")
    lemma: str | None = Field(None, description="Full lemma, particle included: 'andeuten'.")
    spans: list[tuple[int, int]] = Field(description="(start, end) of each word of the cue.")


class Quote(BaseModel):
    """One quotation: what was said, by whom, how, and where it stands in the input."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str = Field(description="The quoted content, without enclosing quotation marks.")
    start: int = Field(ge=0, description="Offset of the content's first character.")
    end: int = Field(ge=0, description="Offset after the content's last character.")
    form: QuoteForm
    speaker: Speaker | None = None
    verb: Cue | None = Field(None, description="The speech cue, when the text has one.")
    source: Span | None = Field(None, description="Medium or outlet: 'Plattform X'.")
    addressee: Span | None = Field(None, description="Whom the words were addressed to.")

    @model_validator(mode="after")
    def _check_offsets(self) -> Quote:
        if self.end - self.start != len(self.text):
            raise ValueError(
                f"text has {len(self.text)} characters but end - start = {self.end - self.start}"
            )
        return self


class SpeakerEntity(BaseModel):
    """One person or group quoted in a document, with every place the text names it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(description="The resolved name, as in `Speaker.name`.", examples=["Donald Trump"])
    mentions: list[Span] = Field(description="Its names in the text, and the mentions that speak for it.")
    quote_count: int = Field(ge=0, description="How many of the document's quotes it said.")


class Document(BaseModel):
    """A text's quotes together with its speakers, so that quotes can be grouped by person."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    quotes: list[Quote] = Field(description="The quotes, in order of their start.")
    speakers: list[SpeakerEntity] = Field(description="The speakers, in order of their first mention.")
    text: str | None = Field(
        None,
        repr=False,
        description="The text the quotes were found in, so that the document can be shown; "
        "None where it was not kept.",
    )

    def quotes_of(self, name: str) -> list[Quote]:
        """The quotes whose speaker resolved to `name`."""
        return [q for q in self.quotes if q.speaker is not None and q.speaker.name == name]

    def _repr_html_(self) -> str | None:
        """Jupyter shows the text with its quotes highlighted (see `quoteattr.render`)."""
        if self.text is None:
            return None  # Jupyter falls back to the plain repr
        from quoteattr.render import render  # render imports this module

        return render(self.text, self.quotes, page=False)
