"""``pdsa-desk check``: SQLite's integrity check plus the app's consistency rules."""

from __future__ import annotations

import argparse

from pdsa_desk.commands._util import open_existing

NAME = "check"
HELP = "check a workspace's integrity and consistency"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, metavar="PATH|URL", help="the workspace to check")


def run(args: argparse.Namespace) -> int:
    from pdsa_desk.core.check import check_workspace

    ws = open_existing(args.db)
    if ws is None:
        return 1
    try:
        findings = check_workspace(ws)
    finally:
        ws.close()
    if not findings:
        print(f"{args.db}: healthy.")
        return 0
    for finding in findings:
        print(finding)
    print(f"{len(findings)} problem(s) found.")
    return 1
