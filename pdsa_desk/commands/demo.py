"""``pdsa-desk demo``: write a realistic demo workspace to a new file."""

from __future__ import annotations

import argparse

from pdsa_desk.commands._util import fail, iso_date

NAME = "demo"
HELP = "write a realistic demo workspace to a new file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, metavar="PATH", help="the new workspace file")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--reps", type=int, default=8, help="number of reps (default 8)")
    parser.add_argument("--weeks", type=int, default=104, help="weeks of history (default 104)")
    parser.add_argument("--as-of", type=iso_date, default=None, help="the demo's 'today' (default: today)")


def run(args: argparse.Namespace) -> int:
    from pdsa_desk.core.demo import write_demo
    from pdsa_desk.core.errors import PdsaError

    try:
        summary = write_demo(args.db, seed=args.seed, reps=args.reps, weeks=args.weeks, as_of=args.as_of)
    except PdsaError as exc:
        return fail(str(exc))
    print(f"Wrote demo workspace {args.db}: {summary.reps} reps, {summary.opportunities} opportunities, "
          f"{summary.events} stage events, {summary.cycles} PDSA cycles.")
    return 0
