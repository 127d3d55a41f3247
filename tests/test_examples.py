"""The examples run against the real model: the script prints its table, the notebook executes to the end."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from quoteattr import Extractor

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
NOTEBOOK = EXAMPLES / "speakers.ipynb"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def example_env() -> dict[str, str]:
    """This environment with absolute PYTHONPATH entries: the examples run in other folders."""
    env = dict(os.environ, COLUMNS="200")  # rich: wide enough that no name is cut
    if env.get("PYTHONPATH"):
        entries = env["PYTHONPATH"].split(os.pathsep)
        env["PYTHONPATH"] = os.pathsep.join(str(Path(p).resolve()) for p in entries)
    return env


@pytest.mark.model
def test_quotes_by_speaker_prints_every_speaker_with_its_count(extractor: Extractor) -> None:
    article = EXAMPLES / "articles" / "05-wahl.txt"
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "quotes_by_speaker.py"), str(article)],
        cwd=ROOT,
        env=example_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    quotes = extractor.analyse(article.read_text(encoding="utf-8")).quotes
    counts = Counter(q.speaker.name or q.speaker.text for q in quotes if q.speaker is not None)
    assert len(counts) >= 3
    for name, count in counts.items():
        assert f"{name} ({count})" in result.stdout
    for quote in quotes:
        assert quote.text.split()[0] in result.stdout


def test_quotes_by_speaker_says_what_it_could_not_read(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "quotes_by_speaker.py"), str(missing)],
        env=example_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert f"cannot read {missing}" in result.stderr and "UTF-8 text file" in result.stderr


def chart(cells: list[dict]) -> bytes:
    """The one PNG image among the outputs of the notebook's code cells."""
    images = [
        base64.b64decode(output["data"]["image/png"])
        for cell in cells
        if cell["cell_type"] == "code"
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    ]
    assert len(images) == 1
    return images[0]


def test_committed_notebook_holds_its_chart() -> None:
    nbformat = pytest.importorskip("nbformat", reason="pip install -e '.[examples]'")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    image = chart(notebook.cells)
    assert image.startswith(PNG_SIGNATURE) and len(image) > 5_000
    assert all(cell.execution_count for cell in notebook.cells if cell.cell_type == "code")


@pytest.mark.model
def test_speakers_notebook_executes(extractor: Extractor) -> None:
    nbformat = pytest.importorskip("nbformat", reason="pip install -e '.[examples]'")
    nbclient = pytest.importorskip("nbclient", reason="pip install -e '.[examples]'")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    client = nbclient.NotebookClient(
        notebook, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(EXAMPLES)}}
    )
    client.execute(env=example_env())  # raises CellExecutionError on the first failing cell
    assert chart(notebook.cells).startswith(PNG_SIGNATURE)
    texts = sorted((EXAMPLES / "articles").glob("*.txt"))
    quotes = [q for path in texts for q in extractor.extract(path.read_text(encoding="utf-8"))]
    counts = Counter(q.speaker.name for q in quotes if q.speaker is not None and q.speaker.name)
    table = outputs_of(notebook.cells, "speakers = (", "execute_result")[0]["data"]["text/plain"]
    name, quoted, _ = table.splitlines()[2].rsplit(maxsplit=2)
    assert int(quoted) == counts[name] == max(counts.values())  # the table starts with the most quoted
    streams = outputs_of(notebook.cells, "pairs = ", "stream")
    printed = "".join(o["text"] for o in streams if o["name"] == "stdout")
    assert printed == f"{len(quotes)} quotes in {len(texts)} articles, 0 failed\n"


def outputs_of(cells: list[dict], source: str, output_type: str) -> list[dict]:
    """The outputs of one type of the code cell whose source starts with `source`."""
    (cell,) = [c for c in cells if c["cell_type"] == "code" and c["source"].startswith(source)]
    return [o for o in cell["outputs"] if o["output_type"] == output_type]
