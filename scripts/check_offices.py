"""Check office tables for bad codes, dates, overlapping holders and names shared by two people.

    python scripts/check_offices.py                      # every packaged table
    python scripts/check_offices.py path/to/table.tsv    # one table, checked against the packaged ones

Exit status 1 when a problem is found.
"""
from __future__ import annotations

import sys
from pathlib import Path

from realpolitik.actors.checks import check_office_tables


def run(check, argv: list[str]) -> int:
    """Print the problems ``check`` finds in the tables named in ``argv`` (default: every packaged one)."""
    problems = check([Path(a) for a in argv] or None)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(run(check_office_tables, sys.argv[1:]))
