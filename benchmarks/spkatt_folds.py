"""Score SpkAtt predictions per fold of the documents, to see how the rules generalise.

usage: python benchmarks/spkatt_folds.py GOLD_DIR PRED_DIR [--folds 5] [--scorer PATH]

Documents are assigned to folds by their numeric id (id mod k), so the split is
stable across runs. Each fold is scored with the shared scorer on its own.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DEFAULT_SCORER = Path(__file__).resolve().parents[2] / "shared" / "tools" / "spkatt_score.py"


def fold_of(path: Path, folds: int) -> int:
    digits = "".join(ch for ch in path.stem if ch.isdigit())
    return int(digits or 0) % folds


def score(scorer: Path, gold: Path, pred: Path) -> dict:
    out = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("pred", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(args.folds):
            gold, pred = Path(tmp, f"gold{k}"), Path(tmp, f"pred{k}")
            gold.mkdir()
            pred.mkdir()
            for path in sorted(args.gold.glob("*.json")):
                if fold_of(path, args.folds) == k:
                    shutil.copy(path, gold / path.name)
                    if (args.pred / path.name).exists():
                        shutil.copy(args.pred / path.name, pred / path.name)
            result = score(args.scorer, gold, pred)
            forms = result["recall_by_gold_form"]
            print(
                f"fold {k + 1}: docs={result['docs']} quote_f1={result['quote'][2]:.3f} "
                f"attributed_f1={result['attributed'][2]:.3f} direct_r={forms.get('Direct', 0):.3f} "
                f"indirect_r={forms.get('Indirect', 0):.3f} reported_r={forms.get('Reported', 0):.3f} "
                f"quote_p={result['quote'][0]:.3f}"
            )


if __name__ == "__main__":
    main()
