"""Shared fixtures: one real Stanza-backed Extractor for the whole session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quoteattr import Extractor, Quote

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The real pipeline on the model named by $QUOTEATTR_STANZA_DIR (the Makefile sets it)."""
    if not os.environ.get("QUOTEATTR_STANZA_DIR"):
        if os.environ.get("CI"):
            pytest.fail("QUOTEATTR_STANZA_DIR is not set: run the tests through `make test`")
        pytest.skip("QUOTEATTR_STANZA_DIR is not set; `make test` sets it to ../shared/models/stanza-de")
    return Extractor()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (EXAMPLES / "dpa-ukraine-2025-03.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_quotes(extractor: Extractor, seed_text: str) -> list[Quote]:
    """The seed article's quotes, extracted once for every module that compares against them."""
    return extractor.extract(seed_text)
