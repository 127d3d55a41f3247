"""quoteattr: find quotations in German news text and say who said them.

>>> from quoteattr import extract
>>> quotes = extract("„Wir bleiben“, sagte sie.")   # doctest: +SKIP

Importing the package is cheap: Stanza loads on the first extraction.
"""

from __future__ import annotations

import logging
from importlib.metadata import PackageNotFoundError, version

from quoteattr.errors import (
    ExtractionError,
    InputError,
    InvalidTextError,
    LexiconError,
    MissingDependencyError,
    ModelError,
    ModelNotFoundError,
    QuoteattrError,
    QuotesMismatchError,
)
from quoteattr.model import Cue, Document, Quote, QuoteForm, Span, Speaker, SpeakerEntity
from quoteattr.pipeline import Extractor, extract
from quoteattr.records import to_frame, to_records
from quoteattr.render import render

try:
    __version__ = version("quoteattr")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Cue",
    "Document",
    "ExtractionError",
    "Extractor",
    "InputError",
    "InvalidTextError",
    "LexiconError",
    "MissingDependencyError",
    "ModelError",
    "ModelNotFoundError",
    "Quote",
    "QuoteForm",
    "QuoteattrError",
    "QuotesMismatchError",
    "Span",
    "Speaker",
    "SpeakerEntity",
    "__version__",
    "extract",
    "render",
    "to_frame",
    "to_records",
]

for _name in __all__:
    _obj = globals()[_name]
    if hasattr(_obj, "__module__") and _name[0].isupper():
        _obj.__module__ = __name__
del _name, _obj
