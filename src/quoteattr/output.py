"""Writers for `quoteattr extract`: one per output format, each able to say which documents
an earlier, interrupted run already wrote (`--resume`).

jsonl and csv are appended one document at a time (each document's lines in one write,
flushed); spkatt and html write one file per document, whole or not at all. On resume,
jsonl and csv files lose their last document and any line cut short, and that document
is done again, since a crash may have cut it after some of its lines.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, NoReturn, Protocol, TextIO

from rich.console import Console
from rich.table import Table

from quoteattr.errors import ExtractionError, OutputError
from quoteattr.model import Quote
from quoteattr.records import RECORD_COLUMNS, Result, error_line, quote_line, to_records
from quoteattr.render import render

if TYPE_CHECKING:
    from quoteattr.parse import Parser

__all__ = ["CSV_COLUMNS", "OutputFormat", "Sink", "open_sink", "table_of"]

STDIN = "-"
CSV_COLUMNS = [*RECORD_COLUMNS, "error"]
"""The csv header: a record's columns, and `error` ("Type: message") for a document that failed."""


class OutputFormat(str, Enum):
    """What `quoteattr extract --format` writes."""

    jsonl = "jsonl"
    csv = "csv"
    table = "table"
    spkatt = "spkatt"
    html = "html"


class Sink(Protocol):
    """Where `quoteattr extract` puts each document's result, in the order they come."""

    done: set[str]
    """Documents already in the output, skipped with --resume."""
    records_errors: bool
    """Whether a failed document's record goes into the output; if not, the caller reports it."""

    def write(self, doc_id: str, text: str, result: Result) -> None: ...

    def close(self) -> None: ...


def open_sink(
    fmt: OutputFormat,
    output: Path | None,
    doc_ids: list[str],
    *,
    resume: bool,
    stwr_of: Callable[[Quote], str],
    model_dir: Path | None,
) -> Sink:
    """The writer for `fmt`; with `resume`, its `done` holds the documents `output` already has.

    Raises `OutputError` where `output` does not fit the format, or cannot be resumed.
    """
    if fmt in (OutputFormat.jsonl, OutputFormat.csv):
        return LineSink(fmt, output, resume=resume)
    if fmt is OutputFormat.table:
        return TableSink(output)
    if fmt is OutputFormat.html:
        if output is None and len(doc_ids) == 1:
            return HtmlSink(render, {doc_ids[0]: None}, resume=False)
        if output is None:
            _refuse(f"--format html writes one page per document: give --output FOLDER for {len(doc_ids)}")
        if len(doc_ids) == 1 and not output.is_dir():
            return HtmlSink(render, {doc_ids[0]: output}, resume=resume)
        return HtmlSink(render, _targets(doc_ids, output, ".html"), resume=resume)
    if output is None:
        _refuse("--format spkatt writes one JSON file per document: give --output FOLDER")
    targets = _targets(doc_ids, output, ".json")
    return SpkAttSink(output, targets, resume=resume, stwr_of=stwr_of, model_dir=model_dir)


class LineSink:
    """jsonl or csv, to a file or stdout; each document's lines written (and flushed) at once.

    jsonl: one line per quote, the whole `Quote` after a "doc_id" key;
    {"doc_id": ..., "quotes": []} for a document without quotes, {"doc_id": ..., "error":
    {...}} for one that failed, so that every document has a line. csv: the same as rows
    of `CSV_COLUMNS`, a document without quotes as a row with only its doc_id.
    """

    records_errors = True

    def __init__(self, fmt: OutputFormat, output: Path | None, *, resume: bool) -> None:
        self.fmt = fmt
        self.done: set[str] = set()
        if resume and output is not None and output.exists():
            self.done = _resume_lines(output, fmt)
        self._file: TextIO | None = None
        if output is not None:
            output.parent.mkdir(parents=True, exist_ok=True)
            self._file = output.open("a" if resume else "w", encoding="utf-8", newline="")
        fresh = self._file is None or self._file.tell() == 0
        if fmt is OutputFormat.csv and fresh:
            self._put(_csv_rows([CSV_COLUMNS]))

    def write(self, doc_id: str, text: str, result: Result) -> None:
        if self.fmt is OutputFormat.jsonl:
            self._put(_jsonl(doc_id, result))
        else:
            self._put(_csv_rows(_csv_lines(doc_id, result)))

    def _put(self, chunk: str) -> None:
        out = self._file or sys.stdout  # looked up now: the progress bar may redirect stdout
        out.write(chunk)
        out.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def _jsonl(doc_id: str, result: Result) -> str:
    if isinstance(result, ExtractionError):
        return error_line(result, doc_id) + "\n"
    if not result:
        return json.dumps({"doc_id": doc_id, "quotes": []}, ensure_ascii=False) + "\n"
    return "".join(quote_line(quote, doc_id) + "\n" for quote in result)


def _csv_lines(doc_id: str, result: Result) -> list[list[object]]:
    if isinstance(result, ExtractionError):
        return [[doc_id] + [""] * (len(RECORD_COLUMNS) - 1) + [f"{result.error_type}: {result.message}"]]
    if not result:
        return [[doc_id] + [""] * len(RECORD_COLUMNS)]
    return [[*("" if v is None else v for v in r.values()), ""] for r in to_records(result, doc_id)]


def _csv_rows(rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


class TableSink:
    """A rich table per document, to stdout or a file."""

    records_errors = True

    def __init__(self, output: Path | None) -> None:
        self.done: set[str] = set()
        self._file = output.open("w", encoding="utf-8") if output is not None else None
        self._console = Console(file=self._file, width=120 if self._file else None)

    def write(self, doc_id: str, text: str, result: Result) -> None:
        if isinstance(result, ExtractionError):
            self._console.print(
                f"[red]{doc_id}: {result.error_type}: {result.message}[/red]", highlight=False
            )
        else:
            self._console.print(table_of(doc_id, result))

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


class HtmlSink:
    """One self-contained page per document (quoteattr.render), to stdout or files."""

    records_errors = False

    def __init__(
        self, render: Callable[[str, list[Quote]], str], targets: dict[str, Path | None], *, resume: bool
    ) -> None:
        self._render = render
        self._targets = targets
        self.done = {d for d, p in targets.items() if resume and p is not None and p.exists()}

    def write(self, doc_id: str, text: str, result: Result) -> None:
        if isinstance(result, ExtractionError):
            return  # no page: the caller reports it, and --resume tries it again
        page = self._render(text, result)
        target = self._targets[doc_id]
        if target is None:
            sys.stdout.write(page)
        else:
            _write_whole(target, page)

    def close(self) -> None:
        """Each page is closed when written."""


class SpkAttSink:
    """One SpkAtt/WikiNews JSON file per document, tokenised by Stanza, for the corpus tools."""

    records_errors = False

    def __init__(
        self,
        out_dir: Path,
        targets: dict[str, Path],
        *,
        resume: bool,
        stwr_of: Callable[[Quote], str],
        model_dir: Path | None,
    ) -> None:
        from quoteattr.parse import Parser

        self._parser = Parser(model_dir)  # for the tokens; its pipeline is cached, shared with extraction
        self._stwr_of = stwr_of
        self._out_dir = out_dir
        self._targets = targets
        self.done = {d for d, p in targets.items() if resume and p.exists()}

    def write(self, doc_id: str, text: str, result: Result) -> None:
        from quoteattr.spkatt import annotations, from_text, write_document

        if isinstance(result, ExtractionError):
            return  # no file: the caller reports it, and --resume tries it again
        name = self._targets[doc_id].relative_to(self._out_dir).as_posix()
        doc, detok = from_text(text, _tokens(self._parser, text), name=name, title=doc_id)
        write_document(doc, annotations(result, detok, name=doc_id, stwr_of=self._stwr_of), self._out_dir)

    def close(self) -> None:
        """Each file is closed when written."""


def _targets(doc_ids: list[str], out_dir: Path, suffix: str) -> dict[str, Path]:
    """The file of each document in `out_dir`: its id with `suffix`, kept inside `out_dir`."""
    targets: dict[str, Path] = {}
    for doc_id in doc_ids:
        parts = [p for p in PurePosixPath(doc_id).parts if p not in ("/", "..", ".")]
        relative = PurePosixPath(*parts).with_suffix(suffix) if parts and doc_id != STDIN else None
        targets[doc_id] = out_dir / (relative or f"stdin{suffix}")
    clashes = len(targets) - len(set(targets.values()))
    if clashes:
        _refuse(
            f"{clashes} documents would be written to the same file in {out_dir}: give folders, not files"
        )
    return targets


def _write_whole(path: Path, content: str) -> None:
    """Write aside and rename, so that an interrupted run leaves no half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_text(content, encoding="utf-8")
    partial.replace(path)


def _tokens(parser: Parser, text: str) -> list[list[tuple[int, int]]]:
    """Sentences and tokens of `text` as (start, end) offsets, from the gate's splitter: no parse."""
    from quoteattr.text import parse_copy

    if not text.strip():
        return []
    doc = parser.parse_many([parse_copy(text)], gate=lambda sentences: [False] * len(sentences))[0]
    # A multi-word token ("zum" -> zu dem) gives several words with the token's offsets.
    return [
        sorted({(doc.words[i].start, doc.words[i].end) for i in sentence.word_indices})
        for sentence in doc.sentences
    ]


# --- --resume for jsonl and csv -------------------------------------------------------


def _resume_lines(path: Path, fmt: OutputFormat) -> set[str]:
    """The documents in `path`, after cutting off the last one and any line cut short.

    The last document may have been interrupted after some of its lines, so it is
    removed and done again; the file is truncated to the end of the one before.
    """
    raw = path.read_bytes()
    records, end = _jsonl_records(raw, path) if fmt is OutputFormat.jsonl else _csv_records(raw, path)
    cut = end
    if records:
        last = len(records)
        while last and records[last - 1][1] == records[-1][1]:
            last -= 1
        cut = records[last][0]
        records = records[:last]
    with path.open("r+b") as file:
        file.truncate(cut)
    return {doc_id for _, doc_id in records}


def _jsonl_records(raw: bytes, path: Path) -> tuple[list[tuple[int, str]], int]:
    """(offset, doc_id) of each whole line, and the offset after the last whole line."""
    records: list[tuple[int, str]] = []
    offset = 0
    for number, line in enumerate(io.BytesIO(raw), start=1):
        if not line.endswith(b"\n"):
            break  # a line cut short
        try:
            doc_id = json.loads(line)["doc_id"]
        except (ValueError, KeyError, TypeError):
            _refuse(
                f"cannot resume: line {number} of {path} is not a line of `quoteattr extract --format jsonl`"
            )
        records.append((offset, str(doc_id)))
        offset += len(line)
    return records, offset


def _csv_records(raw: bytes, path: Path) -> tuple[list[tuple[int, str]], int]:
    """(offset, doc_id) of each whole row after the header, and the offset after the last whole row."""
    consumed = 0

    def lines() -> Iterator[str]:
        nonlocal consumed
        for line in io.BytesIO(raw):
            if not line.endswith(b"\n"):
                return  # a line cut short
            consumed += len(line)
            yield line.decode("utf-8")

    reader = csv.reader(lines(), strict=True)
    records: list[tuple[int, str]] = []
    start = 0
    try:
        header = next(reader, None)
        if header is None:
            return [], 0
        if header != CSV_COLUMNS:
            _refuse(
                f"cannot resume: {path} does not start with the header of `quoteattr extract --format csv`"
            )
        start = consumed
        for row in reader:
            records.append((start, row[0]))
            start = consumed
    except csv.Error:
        pass  # a row cut short inside a quoted field: it is dropped with everything after it
    return records, start


def table_of(name: str, quotes: list[Quote]) -> Table:
    table = Table(title=f"{name}: {len(quotes)} quotes", show_lines=True)
    for column in ("form", "speaker", "name", "verb", "quote"):
        table.add_column(column, overflow="fold", ratio=4 if column == "quote" else 1)
    for q in quotes:
        table.add_row(
            q.form.value,
            q.speaker.text if q.speaker else "",
            (q.speaker.name or "") if q.speaker else "",
            f"{q.verb.text} ({q.verb.lemma})" if q.verb else "",
            q.text,
        )
    return table


def _refuse(message: str) -> NoReturn:
    raise OutputError(message)
