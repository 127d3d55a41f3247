"""The `quoteattr` command line: data on stdout, messages and progress on stderr."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from quoteattr import __version__
from quoteattr.errors import ExtractionError, QuoteattrError
from quoteattr.model import Quote

app = typer.Typer(
    name="quoteattr",
    help="Find quotations in German news text and say who said them.",
    no_args_is_help=True,
    add_completion=False,
)
_err = Console(stderr=True)

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
    table = "table"


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
    files: Annotated[list[str], typer.Argument(help="Text files (UTF-8); '-' reads standard input.")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = (
        OutputFormat.jsonl
    ),
    model_dir: ModelDir = None,
) -> None:
    """Extract quotes from text files: one JSON line per quote, or a table.

    A file that cannot be read as UTF-8 or processed gets an error line
    {"doc": ..., "error": {...}} in its place and the others go on; the count of
    such files goes to stderr and the exit status is 1. A missing file stops
    everything before it starts (exit status 2).
    """
    from quoteattr.pipeline import Extractor

    texts = [_read(name) for name in files]  # each a str, or the error that decoding it raised
    extractor = _extractor(Extractor, model_dir)
    results = extractor.extract_many((t for t in texts if isinstance(t, str)), errors="record")
    failed = 0
    for index, (name, text) in enumerate(zip(files, texts, strict=True)):
        result = next(results) if isinstance(text, str) else ExtractionError.from_exception(index, text)
        if isinstance(result, ExtractionError):
            failed += 1
            _write_error(result.model_copy(update={"doc_index": index, "doc_id": name}), output_format)
        elif output_format is OutputFormat.table:
            Console().print(_table(name, result))
        else:
            for quote in result:
                _write_json({"doc": name, **quote.model_dump(mode="json")})
    if failed:
        _err.print(f"{failed} of {len(files)} documents failed; their error records are in the output")
        raise typer.Exit(code=1)


@app.command()
def spkatt(
    in_dir: Annotated[Path, typer.Argument(help="Folder of SpkAtt/WikiNews JSON documents.")],
    out_dir: Annotated[Path, typer.Argument(help="Folder for the predictions (created if missing).")],
    model_dir: ModelDir = None,
    gate: Annotated[
        bool, typer.Option("--gate/--no-gate", help="Parse only the sentences that can hold a quote.")
    ] = True,
) -> None:
    """Annotate SpkAtt/WikiNews JSON documents; score with spkatt_score.py."""
    from quoteattr.pipeline import Extractor
    from quoteattr.spkatt import convert_directory

    if not in_dir.is_dir():
        _fail(f"{in_dir} is not a folder of SpkAtt JSON documents")
    extractor = _extractor(Extractor, model_dir, gate=gate)

    def stwr_of(quote: Quote) -> str:
        verb = extractor.lexicon.verbs.get(quote.verb.lemma or "") if quote.verb else None
        return verb.stwr.capitalize() if verb else "Speech"

    written = convert_directory(in_dir, out_dir, extractor.extract_many, stwr_of=stwr_of)
    _err.print(f"wrote {written} documents to {out_dir}")


def _extractor(factory: type, model_dir: Path | None, **options: object):
    try:
        return factory(model_dir, **options)
    except QuoteattrError as error:
        _fail(str(error))


def _read(name: str) -> str | UnicodeDecodeError:
    if name == "-":
        data = sys.stdin.buffer.read()
    else:
        path = Path(name)
        if not path.is_file():
            _fail(f"{name}: no such file")
        data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error


def _write_json(record: dict) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False))
    sys.stdout.write("\n")


def _write_error(error: ExtractionError, output_format: OutputFormat) -> None:
    if output_format is OutputFormat.table:
        Console().print(f"[red]{error.doc_id}: {error.error_type}: {error.message}[/red]", highlight=False)
    else:
        _write_json({"doc": error.doc_id, "error": error.model_dump(mode="json")})


def _fail(message: str) -> None:
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
    app()
