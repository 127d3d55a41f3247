"""Fuzz the regex stage (quotation marks, parse copy, pieces) for a time budget.

usage: python benchmarks/fuzz_marks.py [--minutes 10] [--batch 2000]

Draws German-like text with random quotation marks, nesting, unbalanced marks,
breaks, control characters and arbitrary Unicode (the strategies of
tests/fuzzing.py), and checks on each that `find_quotations` returns spans inside
the text, nested or apart, deterministically, and that `parse_copy` and
`chunk_spans` keep every offset. Runs hypothesis in batches of `--batch` examples
until the time is up, shrinks and prints the first failure, and says how many
examples passed. Needs no model.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from fuzzing import check_marks, check_text_helpers, german_text
from quoteattr.text import check_text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--batch", type=int, default=2_000, help="examples per hypothesis run")
    args = parser.parse_args()

    examples = 0

    @settings(
        max_examples=args.batch,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.one_of(german_text, german_text, st.text(max_size=200)), st.integers(1, 300))
    def regex_stage(text: str, max_chars: int) -> None:
        nonlocal examples
        examples += 1
        assert check_text(text) is text
        check_marks(text)
        check_text_helpers(text, max_chars)

    start = time.monotonic()
    runs = 0
    while time.monotonic() - start < args.minutes * 60:
        regex_stage()  # raises, with the shrunk example, on the first failure
        runs += 1
        elapsed = time.monotonic() - start
        print(f"{elapsed:6.0f} s  {examples:8d} examples  ({runs} runs), no failure", flush=True)
    print(f"done: {examples} examples in {time.monotonic() - start:.0f} s without a failure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
