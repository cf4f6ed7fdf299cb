"""Command-line entry point: ``pdsa-desk [--db PATH|URL]`` opens the app; subcommands do the rest.

Kept light on purpose: nothing heavy (Qt, pandas, SQLAlchemy) is imported
until the chosen command needs it, so ``--version`` and ``--help`` are instant
and the window appears as early as possible.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pdsa_desk import __version__

PROG = "pdsa-desk"


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one clear line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: {message} (see '{PROG} --help')\n")
        raise SystemExit(2)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-24") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="A workbench for sales teams that improve by experiment: standards, PDSA cycles and "
        "conversion charts that tell a real improvement from noise.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--db", metavar="PATH|URL", help="workspace file or database URL to open "
                        "(default: the workspace in your user data folder)")
    parser.add_argument("--demo", action="store_true", help="open the app on a fresh demo workspace")
    parser.add_argument("--quit-after-first-paint", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = sub.add_parser("demo", help="write a realistic demo workspace to a new file")
    demo.add_argument("--db", required=True, metavar="PATH", help="the new workspace file")
    demo.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    demo.add_argument("--reps", type=int, default=8, help="number of reps (default 8)")
    demo.add_argument("--weeks", type=int, default=104, help="weeks of history (default 104)")
    demo.add_argument("--as-of", type=_iso_date, default=None, help="the demo's 'today' (default: today)")

    check = sub.add_parser("check", help="check a workspace's integrity and consistency")
    check.add_argument("--db", required=True, metavar="PATH|URL", help="the workspace to check")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "demo":
        return _cmd_demo(args)
    if args.command == "check":
        return _cmd_check(args)
    return _run_gui(args)


def _fail(message: str) -> int:
    sys.stderr.write(f"{PROG}: {message}\n")
    return 1


def _cmd_demo(args: argparse.Namespace) -> int:
    from pdsa_desk.core.demo import write_demo
    from pdsa_desk.core.errors import PdsaError

    try:
        summary = write_demo(args.db, seed=args.seed, reps=args.reps, weeks=args.weeks, as_of=args.as_of)
    except PdsaError as exc:
        return _fail(str(exc))
    print(f"Wrote demo workspace {args.db}: {summary.reps} reps, {summary.opportunities} opportunities, "
          f"{summary.events} stage events, {summary.cycles} PDSA cycles.")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from pdsa_desk.core.check import check_workspace
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.errors import PdsaError

    if "://" not in args.db and not Path(args.db).exists():
        return _fail(f"There is no workspace at {args.db}.")
    try:
        ws = open_workspace(args.db, create=False)
    except PdsaError as exc:
        return _fail(str(exc))
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


def _run_gui(args: argparse.Namespace) -> int:
    from pdsa_desk.ui.application import run

    return run(db=args.db, demo=args.demo, quit_after_first_paint=args.quit_after_first_paint)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
