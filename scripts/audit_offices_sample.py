"""Draw the random sample of world office-table rows used for the accuracy audit (docs/audit/).

    python scripts/audit_offices_sample.py [--n 80] [--seed 2026] [FILE ...] > sample.tsv

Each sampled row is then checked by hand against dated sources (person and office right; start and end within 31
days) and the verdicts written to docs/audit/. The default files are the four audited on 2026-11-23.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

OFFICES = Path(__file__).resolve().parents[1] / "src" / "realpolitik" / "data" / "actors" / "offices"
DEFAULT = ["europe_west", "americas", "africa_west_central", "africa_east_south"]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", help="table files (default: the four audited ones)")
    ap.add_argument("--n", type=int, default=80)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args(argv)
    paths = [Path(f) for f in args.files] or [OFFICES / f"{name}.tsv" for name in DEFAULT]
    rows = []
    for path in paths:
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.startswith("#"):
                rows.append((f"{path.name}:{lineno}", line))
    print("fileline\tname\taliases\tcountry\toffice\tsector\tstart\tend")
    for where, line in random.Random(args.seed).sample(rows, min(args.n, len(rows))):
        print(f"{where}\t{line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
