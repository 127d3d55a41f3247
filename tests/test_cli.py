"""The command line, run as users run it: `python -m quoteattr` for usage, in-process for extraction.

Extraction runs in-process (typer's CliRunner), so that it shares the loaded Stanza
pipeline with the `extractor` fixture; argument errors run as subprocesses, as typed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quoteattr import Extractor, Quote
from quoteattr.cli import app
from quoteattr.output import CSV_COLUMNS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SEED_ID = "dpa-ukraine-2025-03.txt"

SHORT = {
    "a.txt": "„Morgen wird es schneien“, sagte der Meteorologe.",
    "sub/b.txt": "Die Bürgermeisterin sagte, der Rat tage erst im Mai.",
    "sub/deeper/c.txt": "Die Sonne schien den ganzen Tag.",
    "d.txt": "Laut Polizei wurde niemand verletzt. „Wir ermitteln“, sagte ein Sprecher.",
    "notes.md": "„Das ist kein Artikel“, sagte sie.",
}


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quoteattr", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=os.environ,
    )


def invoke(*args: str, stdin: str | None = None):
    result = CliRunner().invoke(app, list(args), input=stdin)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "texts"
    for name, text in SHORT.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def without_id(line: dict) -> dict:
    return {k: v for k, v in line.items() if k != "doc_id"}


def doc_ids_of(jsonl: Path) -> list[str]:
    """The doc id of each document, in order, once per document (its lines are consecutive)."""
    ids = [json.loads(line)["doc_id"] for line in jsonl.read_text(encoding="utf-8").splitlines()]
    return [d for k, d in enumerate(ids) if k == 0 or ids[k - 1] != d]


# --- no model needed --------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("quoteattr ")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["extract", "missing.txt"], "missing.txt: no such file or folder"),
        (["extract", "--format", "xml", "examples"], "'xml' is not one of"),
        (["extract", "--resume", "examples"], "--resume needs --output"),
        (["extract"], "Missing argument"),
        (["extract", "--glob", "*.xyz", "examples"], "no file matching '*.xyz'"),
        (["extract", "-f", "spkatt", "examples"], "give --output FOLDER"),
        (["extract", "--bogus", "examples"], "No such option"),
    ],
)
def test_bad_arguments_give_one_line_and_status_2(args: list[str], expected: str) -> None:
    result = run(*args)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert expected in result.stderr


def test_schema_is_the_quote_json_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema == Quote.model_json_schema()
    assert {"text", "start", "end", "form", "speaker", "verb"} <= set(schema["properties"])


def test_resume_refuses_a_file_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("hello\n", encoding="utf-8")
    result = run("extract", str(EXAMPLES), "--output", str(out), "--resume")
    assert result.returncode == 2 and "line 1" in result.stderr
    assert out.read_text(encoding="utf-8") == "hello\n"


# --- the seed article in each format ------------------------------------------------


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding only the seed article (examples/ also holds the notebook's articles)."""
    folder = tmp_path_factory.mktemp("seed-folder")
    (folder / SEED_ID).write_bytes((EXAMPLES / SEED_ID).read_bytes())
    return folder


@pytest.fixture(scope="module")
def seed_jsonl(extractor: Extractor, seed_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "seed.jsonl"
    result = invoke("extract", str(seed_dir), "--output", str(out))
    assert result.exit_code == 0, result.stderr
    assert f"1 document, {len(out.read_text().splitlines())} quotes" in result.stderr
    return out


def test_jsonl_holds_the_quotes_of_the_seed(seed_jsonl: Path, seed_quotes: list[Quote]) -> None:
    lines = [json.loads(line) for line in seed_jsonl.read_text(encoding="utf-8").splitlines()]
    assert {line.pop("doc_id") for line in lines} == {SEED_ID}
    assert [Quote.model_validate(line) for line in lines] == seed_quotes


def test_csv_of_the_seed_is_the_frame(seed_jsonl: Path, seed_dir: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    from quoteattr import to_frame

    out = tmp_path / "seed.csv"
    assert invoke("extract", str(seed_dir), "-f", "csv", "-o", str(out)).exit_code == 0
    lines = [json.loads(line) for line in seed_jsonl.read_text(encoding="utf-8").splitlines()]
    expected = to_frame({SEED_ID: [Quote.model_validate(without_id(line)) for line in lines]})
    read = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(read.columns) == CSV_COLUMNS
    assert (read["error"] == "").all()
    for column in ("doc_id", "form", "text", "speaker_text", "speaker_name", "verb_lemma", "source"):
        assert read[column].tolist() == expected[column].fillna("").astype(str).tolist(), column
    assert read["start"].astype(int).tolist() == expected["start"].tolist()


def test_table_of_the_seed_names_its_speakers(seed_jsonl: Path, seed_dir: Path) -> None:
    result = invoke("extract", str(seed_dir), "-f", "table")
    assert result.exit_code == 0
    count = len(seed_jsonl.read_text().splitlines())
    assert f"{SEED_ID}: {count} quotes" in result.stdout
    assert "Dmitri Peskow" in result.stdout and "Donald Trump" in result.stdout


def test_spkatt_of_the_seed_maps_every_quote_to_tokens(
    seed_jsonl: Path, seed_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "spkatt"
    assert invoke("extract", str(seed_dir), "-f", "spkatt", "-o", str(out)).exit_code == 0
    doc = json.loads((out / "dpa-ukraine-2025-03.json").read_text(encoding="utf-8"))
    assert doc["DocumentName"] == SEED_ID
    tokens = {f"{s['SentenceId']}:{k}" for s in doc["Sentences"] for k in range(len(s["Tokens"]))}
    assert len(doc["Annotations"]) >= len(seed_jsonl.read_text().splitlines())
    for annotation in doc["Annotations"]:
        assert annotation["Message"] and set(annotation["Message"]) <= tokens
    assert {"Indirect", "Direct", "Reported", "FreeIndirect"} <= {a["Form"] for a in doc["Annotations"]}


def test_html_of_the_seed(seed_jsonl: Path, seed_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.html"
    assert invoke("extract", str(seed_dir), "-f", "html", "-o", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<html" in page.lower() and "Kremlsprecher Dmitri Peskow" in page


# --- inputs ------------------------------------------------------------------------


def test_stdin(extractor: Extractor) -> None:
    result = invoke("extract", "-", stdin=SHORT["a.txt"])
    assert result.exit_code == 0, result.stderr
    (line,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert line["doc_id"] == "-" and line["form"] == "direct"
    assert line["speaker"]["text"] == "der Meteorologe"


def test_folder_is_searched_recursively_with_glob(extractor: Extractor, folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert invoke("extract", str(folder), "-o", str(out), "-q").exit_code == 0
    assert doc_ids_of(out) == ["a.txt", "d.txt", "sub/b.txt", "sub/deeper/c.txt"]
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {"doc_id": "sub/deeper/c.txt", "quotes": []} in lines  # a document without quotes has a line
    result = invoke("extract", str(folder), "--glob", "*.md", str(folder / "a.txt"))
    ids = [json.loads(line)["doc_id"] for line in result.stdout.splitlines()]
    assert ids == ["notes.md", str(folder / "a.txt")]


def test_unreadable_file_gets_an_error_line(extractor: Extractor, folder: Path) -> None:
    (folder / "latin1.txt").write_bytes("Grüße aus Köln, sagte er.".encode("latin-1"))
    result = invoke("extract", str(folder))
    assert result.exit_code == 1
    ids = [json.loads(line)["doc_id"] for line in result.stdout.splitlines()]
    assert list(dict.fromkeys(ids)) == ["a.txt", "d.txt", "latin1.txt", "sub/b.txt", "sub/deeper/c.txt"]
    lines = {json.loads(line)["doc_id"]: json.loads(line) for line in result.stdout.splitlines()}
    assert lines["latin1.txt"]["error"]["error_type"] == "UnicodeDecodeError"
    assert "1 of 5 documents failed" in result.stderr


# --- resume --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_resume_after_a_crash_gives_each_document_once(
    extractor: Extractor, folder: Path, tmp_path: Path, fmt: str
) -> None:
    clean = tmp_path / f"clean.{fmt}"
    assert invoke("extract", str(folder), "-f", fmt, "-o", str(clean), "-q").exit_code == 0
    whole = clean.read_bytes()
    # A crash: the first two documents written whole, the third cut in the middle of a line.
    lines = whole.splitlines(keepends=True)
    third = next(
        k for k, line in enumerate(lines) if line.startswith((b'{"doc_id": "sub/b.txt"', b"sub/b.txt,"))
    )
    crashed = tmp_path / f"crashed.{fmt}"
    crashed.write_bytes(b"".join(lines[:third]) + lines[third][:25])
    result = invoke("extract", str(folder), "-f", fmt, "-o", str(crashed), "--resume")
    assert result.exit_code == 0, result.stderr
    assert "resume: 1 document of 4 already in" in result.stderr  # a.txt; d.txt, the last one, is redone
    assert crashed.read_bytes() == whole


def test_resume_of_a_finished_run_adds_nothing_but_the_redone_last(
    extractor: Extractor, folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    assert invoke("extract", str(folder), "-o", str(out), "-q").exit_code == 0
    before = out.read_bytes()
    assert invoke("extract", str(folder), "-o", str(out), "--resume", "-q").exit_code == 0
    assert out.read_bytes() == before
    assert doc_ids_of(out) == sorted(set(doc_ids_of(out)))


def test_resume_into_a_folder_skips_the_files_there(
    extractor: Extractor, folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "spkatt"
    assert invoke("extract", str(folder), "-f", "spkatt", "-o", str(out), "-q").exit_code == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert written == ["a.json", "d.json", "sub/b.json", "sub/deeper/c.json"]
    (out / "sub" / "b.json").unlink()
    result = invoke("extract", str(folder), "-f", "spkatt", "-o", str(out), "--resume")
    assert "resume: 3 documents of 4 already in" in result.stderr and "1 document," in result.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")) == written
    assert not list(out.rglob("*.part"))


def test_csv_header_is_written_once(extractor: Extractor, folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    invoke("extract", str(folder / "a.txt"), "-f", "csv", "-o", str(out), "-q")
    invoke("extract", str(folder), "-f", "csv", "-o", str(out), "--resume", "-q")
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0] == CSV_COLUMNS and CSV_COLUMNS not in rows[1:]
    # The file's only document was the last one written, so resume redid it: gone, being no input now.
    assert [row[0] for row in rows[1:]] == ["a.txt", "d.txt", "d.txt", "sub/b.txt", "sub/deeper/c.txt"]
