"""Check organisation tables (orgs.tsv format) for bad codes, sectors, families and names given to two bodies.

    python scripts/check_orgs.py                      # every packaged table
    python scripts/check_orgs.py path/to/orgs.tsv     # one table, checked against the packaged ones
"""
from __future__ import annotations

import sys
from pathlib import Path

from realpolitik.actors.checks import check_org_tables


def main(argv: list[str]) -> int:
    problems = check_org_tables([Path(a) for a in argv] or None)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
