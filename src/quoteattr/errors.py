"""The exceptions quoteattr raises, in one place so callers can catch them.

```
QuoteattrError
  InputError          the text cannot be processed (wrong type)
  LexiconError        a lexicon file is missing or has a bad row  (.path, .line)
  ModelError          the Stanza pipeline could not be built
    ModelNotFoundError  no usable model directory                 (.directory)
```
Every message says what was given, what was expected and what to do.
"""

from __future__ import annotations

from pathlib import Path


class QuoteattrError(Exception):
    """Base class of every error quoteattr raises on purpose."""


class InputError(QuoteattrError, TypeError):
    """The input is not text: `extract` takes `str`.

    It is also a `TypeError`, so code that guards against wrong types keeps working.
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
