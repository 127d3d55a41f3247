"""The command line, run as users run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quoteattr", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=os.environ,
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("quoteattr ")


def test_extract_jsonl_from_stdin() -> None:
    if not os.environ.get("QUOTEATTR_STANZA_DIR"):
        pytest.skip("needs QUOTEATTR_STANZA_DIR")
    result = run("extract", "-", stdin="„Morgen wird es schneien“, sagte der Meteorologe.")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 1
    assert lines[0]["doc"] == "-" and lines[0]["form"] == "direct"
    assert lines[0]["speaker"]["text"] == "der Meteorologe"


def test_missing_file_is_a_one_line_error(tmp_path) -> None:
    result = run("extract", str(tmp_path / "missing.txt"))
    assert result.returncode == 2
    assert "no such file" in result.stderr
