"""The exceptions quoteattr raises, in one place so callers can catch them.

```
QuoteattrError
  InputError          the input is not a str (also a TypeError)
  InvalidTextError    a str that is not valid Unicode: lone surrogates  (.position; also a ValueError)
  QuotesMismatchError quotes given with a text they were not found in   (also a ValueError)
  LexiconError        a lexicon file is missing or has a bad row  (.path, .line)
  ModelError          the Stanza pipeline could not be built
    ModelNotFoundError  no usable model directory                 (.directory)
  MissingDependencyError  an optional extra is not installed   (.package; also an ImportError)
  OutputError         `quoteattr extract` cannot write or resume its --output
```
Every message says what was given, what was expected and what to do.

`ExtractionError` is no exception but the record that `Extractor.extract_many(...,
errors="record")` yields in place of a document that failed, so that a batch goes on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class QuoteattrError(Exception):
    """Base class of every error quoteattr raises on purpose."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only attributes (.position, .path, ...) would break the default
        # unpickling, which calls cls(*args); errors cross process boundaries
        # (extract_many's n_process, Dask workers), so rebuild from args and attributes.
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(cls: type[QuoteattrError], args: tuple[Any, ...], state: dict[str, Any]) -> QuoteattrError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class InputError(QuoteattrError, TypeError):
    """The input is not text: `extract` takes `str`.

    It is also a `TypeError`, so code that guards against wrong types keeps working.
    """


class InvalidTextError(QuoteattrError, ValueError):
    """The input is a `str` but not valid Unicode: it holds lone surrogates.

    Such a string cannot be encoded as UTF-8, so no result holding a piece of it
    could be written out. `.position` is the offset of the first one.
    """

    def __init__(self, message: str, *, position: int) -> None:
        self.position = position
        super().__init__(message)


class QuotesMismatchError(QuoteattrError, ValueError):
    """Quotes and a text that do not belong together: a part's offsets do not select its words.

    Raised by `render` (so also when Jupyter shows a `Document`) when a quote's offsets
    fall outside the text or select other characters than the quote holds.
    """


class LexiconError(QuoteattrError):
    """A lexicon file under `quoteattr/lexicon` is missing or has a malformed row."""

    def __init__(self, message: str, *, path: str | Path, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class ModelError(QuoteattrError):
    """The Stanza pipeline could not be built."""


class ModelNotFoundError(ModelError):
    """No usable Stanza model: the directory is missing, incomplete or broken."""

    def __init__(self, message: str, *, directory: str | Path | None) -> None:
        self.directory = None if directory is None else str(directory)
        super().__init__(message)


class MissingDependencyError(QuoteattrError, ImportError):
    """A feature needs a package of an optional extra that is not installed: pandas for `to_frame`.

    It is also an `ImportError`, so `except ImportError` keeps working.
    """

    def __init__(self, message: str, *, package: str) -> None:
        self.package = package
        super().__init__(message)


class OutputError(QuoteattrError):
    """`quoteattr extract` cannot write or resume its output: wrong kind of path for the format,
    or an existing file it did not write."""


class ExtractionError(BaseModel):
    """A document that could not be processed: yielded in its place, never raised.

    `Extractor.extract_many(texts, errors="record")` yields one of these where a
    text fails (not a `str`, lone surrogates, a crash in the parser or a rule), and
    goes on with the next text, so there is exactly one result per input.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    doc_index: int = Field(ge=0, description="Position of the document in the input, counted from 0.")
    doc_id: str | int | None = Field(
        None,
        description=(
            "The caller's id for the document, where it has one: the doc_id of an "
            "`extract_many(..., as_tuples=True)` pair (other types than str and int as their str), "
            "in the CLI the file name."
        ),
        examples=["article-17.txt"],
    )
    error_type: str = Field(description="Class name of the exception.", examples=["InputError"])
    message: str = Field(
        description="The exception's message.",
        examples=["extract() takes str, got NoneType: None"],
    )

    @classmethod
    def from_exception(
        cls, doc_index: int, error: BaseException, *, doc_id: object = None
    ) -> ExtractionError:
        """The record of `error`; a message holding lone surrogates gets them escaped, so it dumps as JSON."""
        message = str(error).encode("utf-8", "backslashreplace").decode("utf-8")
        if not (doc_id is None or isinstance(doc_id, str | int)):
            doc_id = str(doc_id)
        return cls(doc_index=doc_index, doc_id=doc_id, error_type=type(error).__name__, message=message)
