"""``pdsa-desk export``: a workspace table as a CSV or Excel file.

``pdsa-desk export --db PATH --what events|opportunities|cycles|conversion|comparison|forecasts|initiatives
--out FILE.csv|.xlsx [--period week|month] [--by rep|channel] [--from-stage N] [--as-of DATE]``
"""

from __future__ import annotations

import argparse

from pdsa_desk.commands._util import fail, iso_date, open_existing

NAME = "export"
HELP = ("write events, opportunities, cycles, conversion, a rep comparison, forecasts or marketing initiatives "
        "to a .csv or .xlsx file")

# = pdsa_desk.core.export.WHATS
WHATS = ("events", "opportunities", "cycles", "conversion", "comparison", "forecasts", "initiatives")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, metavar="PATH|URL", help="the workspace to export from")
    parser.add_argument("--what", required=True, choices=WHATS,
                        help="events: the stage events file (re-imports with the 'pdsa-desk' preset); "
                        "opportunities; cycles: every PDSA cycle with its study; conversion: transition x period "
                        "x rep with intervals and P′ chart signals; comparison: reps side by side per transition "
                        "over the last 26 weeks; forecasts: every forecast against its actual; initiatives: the "
                        "marketing initiatives")
    parser.add_argument("--out", required=True, metavar="FILE.csv|FILE.xlsx",
                        help="the file to write; the extension chooses the format")
    parser.add_argument("--period", choices=("week", "month"), default="week",
                        help="period of the conversion table (default: week)")
    parser.add_argument("--by", choices=("rep", "channel"), default="rep",
                        help="split the conversion table by rep (default) or by channel (lead source)")
    parser.add_argument("--from-stage", default=None, metavar="N",
                        help="only the transition out of this stage (0-based position or name), for conversion "
                        "and comparison")
    parser.add_argument("--as-of", type=iso_date, default=None, metavar="DATE",
                        help="compute studies, maturity and the comparison as of the end of this day "
                        "(default: now)")


def run(args: argparse.Namespace) -> int:
    from pdsa_desk.core.errors import PdsaError, ValidationError
    from pdsa_desk.core.export import export_table, file_format

    try:
        file_format(args.out)
    except ValidationError as exc:
        return fail(str(exc), 2)
    ws = open_existing(args.db)
    if ws is None:
        return 1
    try:
        result = export_table(ws, args.what, args.out, period=args.period, from_stage=args.from_stage,
                              as_of=args.as_of, by=args.by)
    except ValidationError as exc:
        return fail(str(exc), 2)
    except PdsaError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"Cannot write {args.out}: {exc.strerror or exc}.")
    finally:
        ws.close()
    print(f"Wrote {result.rows} {args.what} row(s) to {args.out}.")
    return 0
