"""Speaker resolution accuracy on hand-judged gold mentions, and the seed article's names.

usage: python benchmarks/resolution_accuracy.py [--corpus DIR] [--parses PICKLE] [--no-gate]
       [--errors] [--no-seed]

tests/data/speaker-resolution.jsonl holds gold quotes of the WikiNews training split
whose gold Source is a pronoun, a lone surname or a description, each with the full
name a reader gives it. Every document is parsed (through the parse gate, as
`Extractor.extract` does, unless --no-gate), its gold Sources become the attributions
in text order, and `resolve_names` names them; so this measures resolution given the
gold mention, not quote finding. A wrong or missing name counts against accuracy;
precision counts only the mentions that got a name, and resolved-precision only those
whose name is not just the mention as written ("Polizei" for "die Polizei"). --parses reads (or, if missing,
writes) a pickle of parsed documents, to skip Stanza on reruns; a pickle that exists is
never rewritten, and its parses are used whatever --no-gate says.
Then the seed article runs end to end and the names of its core quotes are listed.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter
from pathlib import Path

from quoteattr import Extractor
from quoteattr.attribution import Attribution
from quoteattr.model import QuoteForm
from quoteattr.parse import ParsedDoc
from quoteattr.resolution import resolve_names
from quoteattr.spkatt import detokenise

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "speaker-resolution.jsonl"
SEED = ROOT / "tests" / "data" / "seed-expected-quotes.json"
SEED_TEXT = ROOT / "examples" / "dpa-ukraine-2025-03.txt"
CORPUS = ROOT.parent / "shared" / "data" / "wikinews-quotes" / "train"


def _span(ids: list[str], offsets: list[list[tuple[int, int]]]) -> tuple[int, int]:
    pairs = [tuple(map(int, i.split(":"))) for i in ids]
    return offsets[pairs[0][0]][pairs[0][1]][0], offsets[pairs[-1][0]][pairs[-1][1]][1]


def gold_attributions(doc: ParsedDoc, annotations: list[dict], offsets) -> dict[tuple[int, int], Attribution]:
    """The document's gold quotes as attributions, keyed by the character span of their Source."""
    found: dict[tuple[int, int], Attribution] = {}
    for a in annotations:
        if not a["Source"] or not a["Message"]:
            continue
        source, message = _span(a["Source"], offsets), _span(a["Message"], offsets)
        words = tuple(doc.words_within(*source))
        if words and source not in found:
            form = QuoteForm.DIRECT if a["Form"] == "Direct" else QuoteForm.INDIRECT
            found[source] = Attribution(form=form, content=message, speaker_words=words)
    return found


def parse_all(texts: list[str], extractor: Extractor, cache: Path | None, gate: bool) -> dict[str, ParsedDoc]:
    parsed: dict[str, ParsedDoc] = {}
    existed = cache is not None and cache.exists()
    if cache is not None and existed:
        loaded = pickle.loads(cache.read_bytes())
        parsed = {d.text: d for d in (loaded.values() if isinstance(loaded, dict) else loaded)}
    missing = [t for t in texts if t not in parsed]
    if missing:
        print(f"parsing {len(missing)} documents ...", file=sys.stderr)
        selector = getattr(extractor, "_gate", None) if gate else None
        for text, doc in zip(missing, extractor._parser.parse_many(missing, gate=selector), strict=True):
            parsed[text] = doc
        if cache is not None and not existed:
            cache.write_bytes(pickle.dumps(parsed))
    return parsed


def _same(name: str | None, wanted: list[str]) -> bool:
    return name is not None and name.casefold() in {w.casefold() for w in wanted}


def score_gold(extractor: Extractor, corpus: Path, cache: Path | None, gate: bool, errors: bool) -> None:
    items = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = {}
    for doc_id in sorted({i["doc"] for i in items}):
        data = json.loads((corpus / f"{doc_id}.json").read_text(encoding="utf-8"))
        detok = detokenise([s["Tokens"] for s in data["Sentences"]])
        docs[doc_id] = (detok, data["Annotations"])
    parsed = parse_all([d[0].text for d in docs.values()], extractor, cache, gate)
    total, named, right, resolved, resolved_right = Counter(), Counter(), Counter(), Counter(), Counter()
    for doc_id, (detok, gold) in docs.items():
        doc = parsed[detok.text]
        attributions = gold_attributions(doc, gold, detok.offsets)
        order = sorted(attributions.items(), key=lambda kv: kv[1].content)
        names = dict(
            zip(
                [k for k, _ in order],
                resolve_names(doc, [a for _, a in order], extractor.lexicon),
                strict=True,
            )
        )
        for item in (i for i in items if i["doc"] == doc_id):
            name = names.get((item["start"], item["end"]))
            wanted = [item["name"], *item["also"]]
            ok = _same(name, wanted)
            # a name taken from the mention itself ("Polizei" for "die Polizei") is no resolution
            own = name is not None and name.casefold() in item["mention"].casefold()
            for key in ("all", item["kind"]):
                total[key] += 1
                named[key] += name is not None
                right[key] += ok
                resolved[key] += name is not None and not own
                resolved_right[key] += ok and not own
            if errors and not ok:
                mention = f"{item['mention']!r:<32}"
                print(f"  {doc_id} {item['kind']:<11} {mention} -> {name!r} (want {item['name']!r})")
    print(f"speaker resolution on {GOLD.relative_to(ROOT)} ({'gated' if gate else 'full'} parse)")
    for key in ["all", *sorted(k for k in total if k != "all")]:
        precision = right[key] / named[key] if named[key] else 0.0
        strict = resolved_right[key] / resolved[key] if resolved[key] else 0.0
        print(
            f"  {key:<12} n={total[key]:<4} accuracy={right[key] / total[key]:.3f} "
            f"precision={precision:.3f} (named {named[key]}) "
            f"resolved-precision={strict:.3f} (resolved {resolved[key]})"
        )


def score_seed(extractor: Extractor) -> None:
    expected = [q for q in json.loads(SEED.read_text(encoding="utf-8"))["quotes"] if q["level"] == "core"]
    quotes = extractor.extract(SEED_TEXT.read_text(encoding="utf-8"))
    right = 0
    print("seed article, core quotes (end to end):")
    for e in expected:
        wanted = e["text"].strip('"„“ .')
        quote = next((q for q in quotes if q.text.strip('"„“ .') == wanted), None)
        name = quote.speaker.name if quote is not None and quote.speaker is not None else None
        right += name == e["speaker"]
        mark = "ok " if name == e["speaker"] else "ERR"
        print(f"  {mark} {e['speaker']:<22} <- {name!r:<24} {e['text'][:40]!r}")
    print(f"  {right}/{len(expected)} core quotes named as expected")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--parses", type=Path, help="pickle of parsed documents, read and extended")
    parser.add_argument("--no-gate", action="store_true", help="parse every sentence")
    parser.add_argument("--errors", action="store_true", help="list the wrongly named mentions")
    parser.add_argument("--no-seed", action="store_true")
    args = parser.parse_args()
    extractor = Extractor()
    score_gold(extractor, args.corpus, args.parses, not args.no_gate, args.errors)
    if not args.no_seed:
        score_seed(extractor)


if __name__ == "__main__":
    main()
