"""Check organisation tables (orgs.tsv format) for bad codes, sectors, families and names given to two bodies.

    python scripts/check_orgs.py                      # every packaged table
    python scripts/check_orgs.py path/to/orgs.tsv     # one table, checked against the packaged ones
"""
from __future__ import annotations

import sys

from check_offices import run  # scripts/ is on the path when a script runs

from realpolitik.actors.checks import check_org_tables

if __name__ == "__main__":
    sys.exit(run(check_org_tables, sys.argv[1:]))
