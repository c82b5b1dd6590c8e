"""Check office tables for bad codes, dates, overlapping holders and names shared by two people.

    python scripts/check_offices.py                      # every packaged table
    python scripts/check_offices.py path/to/table.tsv    # one table, checked against the packaged ones

Exit status 1 when a problem is found.
"""
from __future__ import annotations

import sys
from pathlib import Path

from realpolitik.actors.checks import check_office_tables


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or None
    problems = check_office_tables(paths)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
