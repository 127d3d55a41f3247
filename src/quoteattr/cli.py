"""The `quoteattr` command line: data on stdout (or `--output`), messages and progress on stderr.

Exit status: 0 when every document was processed; 1 when some failed (each has an error
record in the output, or a line on stderr for the one-file-per-document formats); 2 for
bad arguments, with a one-line message; 130 when interrupted, after which the documents
finished so far are in the output and the same command with `--resume` goes on.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Annotated, NoReturn, Protocol, TextIO

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from quoteattr import __version__
from quoteattr.errors import ExtractionError, QuoteattrError
from quoteattr.model import Quote
from quoteattr.records import RECORD_COLUMNS, error_line, quote_line, to_records

if TYPE_CHECKING:
    from quoteattr.parse import Parser
    from quoteattr.pipeline import Extractor

app = typer.Typer(
    name="quoteattr",
    help="Find quotations in German news text and say who said them.",
    no_args_is_help=True,
    add_completion=False,
)
_err = Console(stderr=True)

# Click's UsageError, which typer raises for bad arguments (recent typer vendors click as typer._click).
_UsageError: type[Exception] = typer.BadParameter.__mro__[1]

STDIN = "-"
CSV_COLUMNS = [*RECORD_COLUMNS, "error"]
"""The csv header: a record's columns, and `error` ("Type: message") for a document that failed."""

ModelDir = Annotated[
    Path | None,
    typer.Option(
        "--model-dir",
        help="Stanza model directory (default: $QUOTEATTR_STANZA_DIR, else Stanza's official models).",
        show_default=False,
    ),
]


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    table = "table"
    spkatt = "spkatt"
    html = "html"


Result = list[Quote] | ExtractionError


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"quoteattr {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Find quotations in German news text and say who said them."""


@app.command()
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATHS...",
            help="Text files (UTF-8), folders (searched recursively for --glob), or '-' for standard input.",
        ),
    ],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = (
        OutputFormat.jsonl
    ),
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Output file (jsonl, csv, table, html of one document) or folder (spkatt, html). "
            "Default: standard output.",
            show_default=False,
        ),
    ] = None,
    pattern: Annotated[str, typer.Option("--glob", help="File name pattern within folders.")] = "*.txt",
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Skip documents already in --output; redo the last one written."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
    batch_size: Annotated[
        int | None, typer.Option("--batch-size", min=1, help="Documents per Stanza call.", show_default=False)
    ] = None,
    model_dir: ModelDir = None,
) -> None:
    """Extract quotes from text files, folders or standard input.

    Document ids are file paths relative to the folder given, or the path of a file as
    given, or '-' for standard input. jsonl writes one line per quote (the whole Quote
    after a "doc_id" key), {"doc_id": ..., "quotes": []} for a document without quotes
    and {"doc_id": ..., "error": {...}} for one that failed; csv the same as rows.
    """
    if resume and output is None:
        _fail("--resume needs --output: it skips the documents already in that file or folder")
    if resume and output_format is OutputFormat.table:
        _fail("--resume works with --format jsonl, csv, spkatt and html, not table")
    inputs = _inputs(paths, pattern)
    sink = _sink(output_format, output, inputs, resume=resume, model_dir=model_dir)
    todo = [item for item in inputs if item.doc_id not in sink.done]
    if resume and not quiet:
        _err.print(f"resume: {len(inputs) - len(todo)} of {len(inputs)} documents already in {output}")
    _log_to_stderr()
    quotes, failed = _run(_extractor(model_dir), todo, sink, batch_size=batch_size, quiet=quiet)
    where = f" in {output}" if output is not None else ""
    if not quiet:
        _err.print(f"{len(todo)} documents, {quotes} quotes{where}", highlight=False)
    if failed:
        said = "error records are in the output" if sink.records_errors else "errors are above"
        _err.print(f"[red]{failed} of {len(todo)} documents failed[/red]; their {said}", highlight=False)
        raise typer.Exit(code=1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a Quote: each jsonl line is one, after a "doc_id" key."""
    typer.echo(json.dumps(Quote.model_json_schema(), indent=2, ensure_ascii=False))


@app.command()
def spkatt(
    in_dir: Annotated[Path, typer.Argument(help="Folder of SpkAtt/WikiNews JSON documents.")],
    out_dir: Annotated[Path, typer.Argument(help="Folder for the predictions (created if missing).")],
    model_dir: ModelDir = None,
) -> None:
    """Annotate SpkAtt/WikiNews JSON documents; score with spkatt_score.py."""
    from quoteattr.spkatt import convert_directory

    if not in_dir.is_dir():
        _fail(f"{in_dir} is not a folder of SpkAtt JSON documents")
    extractor = _extractor(model_dir)
    written = convert_directory(in_dir, out_dir, extractor.extract_many, stwr_of=_stwr_of(extractor))
    _err.print(f"wrote {written} documents to {out_dir}")


# --- inputs -------------------------------------------------------------------


@dataclass(frozen=True)
class _Input:
    doc_id: str
    path: Path | None
    """None for standard input."""


def _inputs(paths: list[str], pattern: str) -> list[_Input]:
    """Every document named by `paths`, folders expanded; stops on a missing path or a repeated id."""
    found: list[_Input] = []
    for name in paths:
        path = Path(name)
        if name == STDIN:
            found.append(_Input(STDIN, None))
        elif path.is_dir():
            files = sorted(p for p in path.rglob(pattern) if p.is_file())
            if not files:
                _fail(f"{name}: no file matching {pattern!r} in this folder or below; choose one with --glob")
            found += [_Input(p.relative_to(path).as_posix(), p) for p in files]
        elif path.is_file():
            found.append(_Input(name, path))
        else:
            _fail(f"{name}: no such file or folder")
    seen: set[str] = set()
    for item in found:
        if item.doc_id in seen:
            _fail(f"two inputs have the document id {item.doc_id!r}; give each file or folder once")
        seen.add(item.doc_id)
    return found


def _texts(
    inputs: Iterable[_Input], texts: dict[str, str], unread: deque[tuple[str, Exception]]
) -> Iterator[tuple[str, str]]:
    """(doc_id, text) of each input, read when the extractor asks for it, and kept in `texts`.

    A file that cannot be read or decoded goes to `unread` instead.
    """
    for item in inputs:
        try:
            data = sys.stdin.buffer.read() if item.path is None else item.path.read_bytes()
            text = data.decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            unread.append((item.doc_id, error))
            continue
        texts[item.doc_id] = text
        yield item.doc_id, text


# --- the run --------------------------------------------------------------------


def _run(
    extractor: Extractor,
    todo: list[_Input],
    sink: _Sink,
    *,
    batch_size: int | None,
    quiet: bool,
) -> tuple[int, int]:
    """Extract and write every document of `todo`; returns (quotes written, documents failed)."""
    texts: dict[str, str] = {}
    unread: deque[tuple[str, Exception]] = deque()
    index = {item.doc_id: i for i, item in enumerate(todo)}
    stream = _texts(todo, texts, unread)
    results = extractor.extract_many(stream, batch_size=batch_size, errors="record", as_tuples=True)
    quotes = failed = 0
    with _progress(quiet) as progress:
        task = progress.add_task("extracting", total=len(todo))

        def put(doc_id: str, result: Result) -> None:
            nonlocal quotes, failed
            if isinstance(result, ExtractionError):
                failed += 1
                result = result.model_copy(update={"doc_index": index[doc_id], "doc_id": doc_id})
            else:
                quotes += len(result)
            sink.write(doc_id, texts.pop(doc_id, ""), result)
            progress.advance(task)

        try:
            for doc_id, result in results:
                while unread:
                    name, error = unread.popleft()
                    put(name, ExtractionError.from_exception(index[name], error, doc_id=name))
                put(doc_id, result)
            while unread:
                name, error = unread.popleft()
                put(name, ExtractionError.from_exception(index[name], error, doc_id=name))
        except KeyboardInterrupt:
            sink.close()
            progress.stop()
            _err.print(
                f"interrupted after {int(progress.tasks[0].completed)} of {len(todo)} documents; "
                "run the same command with --resume to go on",
                highlight=False,
            )
            raise typer.Exit(code=130) from None
    sink.close()
    return quotes, failed


class _DocsPerSecond(ProgressColumn):
    """Documents per second, averaged by rich over the last half minute."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.2f} docs/s" if speed else "- docs/s", style="progress.data.speed")


def _progress(quiet: bool) -> Progress:
    """A bar on stderr, only where stderr is a terminal: logs and pipes stay clean."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _DocsPerSecond(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=_err,
        disable=quiet or not _err.is_terminal,
        # Data printed to a terminal stdout goes above the bar; to a file or pipe, untouched.
        redirect_stdout=sys.stdout.isatty(),
        redirect_stderr=False,
    )


def _log_to_stderr() -> None:
    """Show the library's warnings above the progress bar, except Q101: failures are reported here."""
    logger = logging.getLogger("quoteattr")
    if any(isinstance(h, RichHandler) for h in logger.handlers):
        return  # an earlier command in this process (tests) set it up
    handler = RichHandler(console=_err, show_time=False, show_path=False)
    handler.addFilter(lambda record: not str(record.msg).startswith("[Q101]"))
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


# --- outputs --------------------------------------------------------------------


class _Sink(Protocol):
    done: set[str]
    """Documents already in the output, skipped with --resume."""
    records_errors: bool
    """Whether a failed document's record goes into the output (else only to stderr)."""

    def write(self, doc_id: str, text: str, result: Result) -> None: ...

    def close(self) -> None: ...


def _sink(
    fmt: OutputFormat, output: Path | None, inputs: list[_Input], *, resume: bool, model_dir: Path | None
) -> _Sink:
    if fmt in (OutputFormat.jsonl, OutputFormat.csv):
        return _LineSink(fmt, output, resume=resume)
    if fmt is OutputFormat.table:
        return _TableSink(output)
    if fmt is OutputFormat.html:
        render = _renderer()
        if output is None and len(inputs) == 1:
            return _HtmlSink(render, {inputs[0].doc_id: None}, resume=False)
        if output is None:
            _fail(f"--format html writes one page per document: give --output FOLDER for {len(inputs)}")
        if len(inputs) == 1 and not output.is_dir():
            return _HtmlSink(render, {inputs[0].doc_id: output}, resume=resume)
        return _HtmlSink(render, _targets(inputs, output, ".html"), resume=resume)
    if output is None:
        _fail("--format spkatt writes one JSON file per document: give --output FOLDER")
    return _SpkAttSink(output, _targets(inputs, output, ".json"), resume=resume, model_dir=model_dir)


class _LineSink:
    """jsonl or csv, to a file or stdout; each document's lines written (and flushed) at once."""

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


class _TableSink:
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
            self._console.print(_table(doc_id, result))

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


class _HtmlSink:
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
            _report(result)
            return
        page = self._render(text, result)
        target = self._targets[doc_id]
        if target is None:
            sys.stdout.write(page)
        else:
            _write_whole(target, page)

    def close(self) -> None:
        """Each page is closed when written."""


class _SpkAttSink:
    """One SpkAtt/WikiNews JSON file per document, tokenised by Stanza, for the corpus tools."""

    records_errors = False

    def __init__(
        self, out_dir: Path, targets: dict[str, Path], *, resume: bool, model_dir: Path | None
    ) -> None:
        from quoteattr.parse import Parser

        self._parser = Parser(model_dir)
        self._out_dir = out_dir
        self._targets = targets
        self.done = {d for d, p in targets.items() if resume and p.exists()}

    def write(self, doc_id: str, text: str, result: Result) -> None:
        from quoteattr.spkatt import annotations, from_text, write_document

        if isinstance(result, ExtractionError):
            _report(result)
            return
        name = self._targets[doc_id].relative_to(self._out_dir).as_posix()
        doc, detok = from_text(text, _tokens(self._parser, text), name=name, title=doc_id)
        write_document(doc, annotations(result, detok, name=doc_id), self._out_dir)

    def close(self) -> None:
        """Each file is closed when written."""


def _targets(inputs: list[_Input], out_dir: Path, suffix: str) -> dict[str, Path]:
    """The file of each document in `out_dir`: its id with `suffix`, kept inside `out_dir`."""
    targets: dict[str, Path] = {}
    for item in inputs:
        parts = [p for p in PurePosixPath(item.doc_id).parts if p not in ("/", "..", ".")]
        relative = PurePosixPath(*parts).with_suffix(suffix) if parts and item.doc_id != STDIN else None
        targets[item.doc_id] = out_dir / (relative or f"stdin{suffix}")
    clashes = len(targets) - len(set(targets.values()))
    if clashes:
        _fail(f"{clashes} documents would be written to the same file in {out_dir}: give folders, not files")
    return targets


def _write_whole(path: Path, content: str) -> None:
    """Write aside and rename, so that an interrupted run leaves no half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_text(content, encoding="utf-8")
    partial.replace(path)


def _report(error: ExtractionError) -> None:
    _err.print(f"[red]{error.doc_id}[/red]: {error.error_type}: {error.message}", highlight=False)


def _renderer() -> Callable[[str, list[Quote]], str]:
    try:
        from quoteattr.render import render
    except ImportError as error:
        _fail(f"--format html needs quoteattr.render, which this installation lacks ({error})")
    return render


def _tokens(parser: Parser, text: str) -> list[list[tuple[int, int]]]:
    """Stanza's sentences and tokens of `text` as (start, end) offsets; no parse."""
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
            _fail(
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
            _fail(f"cannot resume: {path} does not start with the header of `quoteattr extract --format csv`")
        start = consumed
        for row in reader:
            records.append((start, row[0]))
            start = consumed
    except csv.Error:
        pass  # a row cut short inside a quoted field: it is dropped with everything after it
    return records, start


# --- helpers --------------------------------------------------------------------


def _extractor(model_dir: Path | None) -> Extractor:
    from quoteattr.pipeline import Extractor

    try:
        return Extractor(model_dir)
    except QuoteattrError as error:
        _fail(str(error))


def _stwr_of(extractor: Extractor) -> Callable[[Quote], str]:
    """The SpkAtt speech/thought/writing class of a quote's cue verb."""

    def stwr_of(quote: Quote) -> str:
        verb = extractor.lexicon.verbs.get(quote.verb.lemma or "") if quote.verb else None
        return verb.stwr.capitalize() if verb else "Speech"

    return stwr_of


def _fail(message: str) -> NoReturn:
    _err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code=2)


def _table(name: str, quotes: list[Quote]) -> Table:
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


def main() -> None:
    """Run the app; a usage error (bad option, missing argument) is one line on stderr, exit status 2."""
    try:
        code = app(standalone_mode=False)
    except _UsageError as error:
        message = error.format_message()
        if "\n" in message:  # no arguments at all: the message is the help text
            _err.print(message, highlight=False, markup=False)
        else:
            command = error.ctx.command_path if error.ctx else "quoteattr"
            _err.print(
                f"error: {message.rstrip('.')}. Try '{command} --help'.",
                highlight=False,
                markup=False,
                soft_wrap=True,
            )
        code = 2
    except typer.Abort:
        code = 130
    sys.exit(code or 0)
