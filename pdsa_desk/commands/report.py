"""``pdsa-desk report``: the weekly session report, or the monthly review, as an A4 PDF.

``pdsa-desk report --db PATH --out FILE.pdf [--week 2026-W47] [--team NAME]``
``pdsa-desk report --db PATH --out FILE.pdf --month 2026-11`` (the monthly review for sales and marketing
managers: content from :func:`pdsa_desk.core.report.monthly.collect_monthly`, drawn by
``pdsa_desk.ui.monthly_report.render_monthly``)

The content is collected by the core (:func:`pdsa_desk.core.report.collect.collect_report`,
no Qt); only the PDF's drawing needs Qt, and it runs without a display: with
no X11/Wayland display on Linux the Qt "offscreen" platform is used (set
before Qt is imported).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from pdsa_desk.commands._util import PROG, fail, open_existing

NAME = "report"
HELP = "write the weekly session report (agenda, active cycles, signals, WIP, rep comparison) as a PDF"


def iso_week(text: str) -> tuple[int, int]:
    """``2026-W47`` -> ``(2026, 47)`` for argparse (imported here, so that --help stays instant)."""
    from pdsa_desk.core.errors import ValidationError
    from pdsa_desk.core.report.weeks import parse_iso_week

    try:
        return parse_iso_week(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(exc.message.rstrip(".")) from None


def year_month(text: str) -> tuple[int, int]:
    """``2026-11`` -> ``(2026, 11)`` for argparse."""
    from pdsa_desk.core.errors import ValidationError
    from pdsa_desk.core.report.monthly import parse_month

    try:
        return parse_month(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(exc.message.rstrip(".")) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, metavar="PATH|URL", help="the workspace to report on")
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF file to write")
    when = parser.add_mutually_exclusive_group()
    when.add_argument("--week", type=iso_week, default=None, metavar="YYYY-Www",
                      help="the ISO week, e.g. 2026-W47, read as of its end (default: this week, as of now)")
    when.add_argument("--month", type=year_month, default=None, metavar="YYYY-MM",
                      help="write the monthly review of this calendar month instead (conversion by channel, "
                      "initiatives and their overlaps, forecast accuracy, cycles decided, calibration)")
    parser.add_argument("--team", default=None, metavar="NAME",
                        help="only this team's cycles, signals and reps (default: the whole workspace)")


def _headless() -> bool:
    """True on a Unix without a display (Windows and macOS always have one)."""
    if sys.platform in ("win32", "darwin"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def ensure_application():  # noqa: ANN201 - QApplication (imports stay lazy)
    """The running QApplication, or a new one (offscreen when there is no display)."""
    if _headless() and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication([PROG])
    return app


def run(args: argparse.Namespace) -> int:
    from pdsa_desk.core.errors import PdsaError, ValidationError

    if Path(args.out).suffix.lower() != ".pdf":
        return fail(f"Cannot write the report to {Path(args.out).name}: the file name must end in .pdf.", 2)
    if getattr(args, "month", None) is not None:
        if args.team:
            return fail("The monthly review covers the whole workspace: leave out --team.", 2)
        return _run_monthly(args)
    ws = open_existing(args.db)
    if ws is None:
        return 1
    try:
        from pdsa_desk.core.report.collect import collect_report

        content = collect_report(ws, week=args.week, team=args.team)
        app = ensure_application()  # noqa: F841 - must live while the report is drawn
        from pdsa_desk.ui.report import render_report

        pages = render_report(content, args.out)
    except ValidationError as exc:
        return fail(str(exc), 2)
    except PdsaError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"Cannot write {args.out}: {exc.strerror or exc}.")
    finally:
        ws.close()
    scope = f", team {content.team}" if content.team else ""
    print(f"Wrote {args.out}: {pages} pages, {content.week_label}{scope} "
          f"({len(content.cycles)} active cycle(s), {len(content.signals)} new signal(s)).")
    for note in content.notes:  # a past week: what the report says it cannot show as it was
        print(f"Note: {note}")
    for section in content.cycles:
        if section.note:
            print(f"Note on '{section.cycle.title}': {section.note}")
    return 0


def _run_monthly(args: argparse.Namespace) -> int:
    from pdsa_desk.core.errors import PdsaError, ValidationError

    ws = open_existing(args.db)
    if ws is None:
        return 1
    try:
        from pdsa_desk.core.report.monthly import collect_monthly

        content = collect_monthly(ws, args.month)
        app = ensure_application()  # noqa: F841 - must live while the report is drawn
        # The renderer is the UI's (pdsa_desk/ui/monthly_report.py, like ui/report.py for the week).
        render_monthly = importlib.import_module("pdsa_desk.ui.monthly_report").render_monthly
        pages = int(render_monthly(content, args.out))
    except ValidationError as exc:
        return fail(str(exc), 2)
    except PdsaError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"Cannot write {args.out}: {exc.strerror or exc}.")
    finally:
        ws.close()
    print(f"Wrote {args.out}: {pages} pages, {content.title}.")
    return 0
