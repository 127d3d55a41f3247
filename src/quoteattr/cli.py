"""The `quoteattr` command line: data on stdout (or `--output`), messages and progress on stderr.

Exit status: 0 when every document was processed; 1 when some failed (each has an error
record in the output, or a line on stderr for the one-file-per-document formats); 2 for
bad arguments, with a one-line message; 130 when interrupted, after which the documents
finished so far are in the output and the same command with `--resume` goes on.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
)
from rich.text import Text

from quoteattr import __version__
from quoteattr.errors import ExtractionError, QuoteattrError
from quoteattr.model import Quote
from quoteattr.output import STDIN, OutputFormat, Sink, open_sink
from quoteattr.spkatt import convert_directory, stwr_classes

if TYPE_CHECKING:
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

ModelDir = Annotated[
    Path | None,
    typer.Option(
        "--model-dir",
        help="Stanza model directory (default: $QUOTEATTR_STANZA_DIR, else Stanza's official models).",
        show_default=False,
    ),
]


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
            metavar="PATHS",
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
    extractor = _extractor(model_dir)
    try:
        sink = open_sink(
            output_format,
            output,
            [item.doc_id for item in inputs],
            resume=resume,
            stwr_of=stwr_classes(extractor.lexicon),
            model_dir=model_dir,
        )
    except QuoteattrError as error:
        _fail(str(error))
    todo = [item for item in inputs if item.doc_id not in sink.done]
    if resume and not quiet:
        _err.print(f"resume: {_n(len(inputs) - len(todo))} of {len(inputs)} already in {output}")
    _log_to_stderr()
    quotes, failed = _run(extractor, todo, sink, batch_size=batch_size, quiet=quiet)
    where = f" in {output}" if output is not None else ""
    if not quiet:
        _err.print(f"{_n(len(todo))}, {quotes} quotes{where}", highlight=False)
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
    gate: Annotated[
        bool, typer.Option("--gate/--no-gate", help="Parse only the sentences that can hold a quote.")
    ] = False,
) -> None:
    """Annotate SpkAtt/WikiNews JSON documents; score with spkatt_score.py."""
    if not in_dir.is_dir():
        _fail(f"{in_dir} is not a folder of SpkAtt JSON documents")
    extractor = _extractor(model_dir, gate=gate)
    written = convert_directory(
        in_dir, out_dir, extractor.extract_many, stwr_of=stwr_classes(extractor.lexicon)
    )
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
    inputs: Iterable[_Input], texts: dict[str, str], unread: dict[str, Exception]
) -> Iterator[tuple[str, str | None]]:
    """(doc_id, text) of each input, read when the extractor asks for it, and kept in `texts`.

    A file that cannot be read or decoded gives None, which the extractor records as a
    failure in its place (so the output keeps input order); its real error goes to `unread`.
    """
    for item in inputs:
        try:
            data = sys.stdin.buffer.read() if item.path is None else item.path.read_bytes()
            text: str | None = data.decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            unread[item.doc_id] = error
            text = None
        else:
            texts[item.doc_id] = text
        yield item.doc_id, text


# --- the run --------------------------------------------------------------------


def _run(
    extractor: Extractor,
    todo: list[_Input],
    sink: Sink,
    *,
    batch_size: int | None,
    quiet: bool,
) -> tuple[int, int]:
    """Extract and write every document of `todo`; returns (quotes written, documents failed)."""
    texts: dict[str, str] = {}
    unread: dict[str, Exception] = {}
    stream = _texts(todo, texts, unread)
    results = extractor.extract_many(stream, batch_size=batch_size, errors="record", as_tuples=True)
    quotes = failed = 0
    with _progress(quiet) as progress:
        task = progress.add_task("extracting", total=len(todo))
        try:
            for doc_id, result in results:
                if isinstance(result, ExtractionError):
                    failed += 1
                    if (error := unread.pop(doc_id, None)) is not None:  # the file, not the text, failed
                        result = ExtractionError.from_exception(result.doc_index, error, doc_id=doc_id)
                    if not sink.records_errors:
                        _err.print(
                            f"[red]{doc_id}[/red]: {result.error_type}: {result.message}", highlight=False
                        )
                else:
                    quotes += len(result)
                sink.write(doc_id, texts.pop(doc_id, ""), result)
                progress.advance(task)
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


class _Rate(ProgressColumn):
    """Documents per second since the first batch came back, and the time left at that rate.

    Counted from the first result, so that loading the model does not weigh on the rate;
    an average rather than rich's recent-window speed, since results come a batch at a
    time and a short window can hold one burst.
    """

    def __init__(self) -> None:
        super().__init__()
        self._first: dict[TaskID, tuple[float, float]] = {}  # (time, completed) at the first result

    def render(self, task: Task) -> Text:
        now = task.get_time()
        if task.completed and task.id not in self._first:
            self._first[task.id] = (now, task.completed)
        since, done = self._first.get(task.id, (now, 0.0))
        if task.total is None or task.completed <= done or now <= since:
            return Text("- docs/s  ETA -:--:--", style="progress.data.speed")
        rate = (task.completed - done) / (now - since)
        left = round((task.total - task.completed) / rate)
        eta = f"{left // 3600}:{left % 3600 // 60:02d}:{left % 60:02d}"
        return Text(f"{rate:.2f} docs/s  ETA {eta}", style="progress.data.speed")


def _progress(quiet: bool) -> Progress:
    """A bar on stderr, only where stderr is a terminal: logs and pipes stay clean."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _Rate(),
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
    handler.setLevel(logging.WARNING)
    logger.addHandler(handler)


# --- helpers --------------------------------------------------------------------


def _extractor(model_dir: Path | None, *, gate: bool = False) -> Extractor:
    from quoteattr.pipeline import Extractor

    try:
        return Extractor(model_dir, gate=gate)
    except QuoteattrError as error:
        _fail(str(error))


def _n(documents: int) -> str:
    return f"{documents} document{'s' if documents != 1 else ''}"


def _fail(message: str) -> NoReturn:
    _err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code=2)


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
