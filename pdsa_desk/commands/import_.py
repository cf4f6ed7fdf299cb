"""``pdsa-desk import``: bring a CRM export (CSV or .xlsx) into a workspace."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pdsa_desk.commands._util import PROG, fail

if TYPE_CHECKING:  # imported when run: the command line starts without loading the importer
    from pdsa_desk.core.importing import ImportProblems

NAME = "import"
HELP = "import opportunities and stage changes from a CRM export (CSV or .xlsx)"

_EPILOG = """\
Without --mapping or --preset the columns are guessed from the header; when the guess is
incomplete the guessed mapping is printed (save it, fill in the blanks, pass it as --mapping).
Nothing is written when any row is invalid, unless --skip-invalid.
Exit status: 0 imported (or dry run done), 1 the workspace could not be used, 2 invalid input."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = _EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("file", metavar="FILE", help="the export: .csv (any delimiter) or .xlsx")
    parser.add_argument("--db", required=True, metavar="PATH|URL",
                        help="the workspace to import into (created when the file does not exist)")
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--mapping", metavar="MAPPING.json", help="which column holds what (see the README)")
    how.add_argument("--preset", metavar="NAME", help="a saved mapping, or the built-in 'pdsa-desk'")
    parser.add_argument("--stage-map", metavar="STAGES.json",
                        help='CRM stage -> workspace stage: {"CRM": "Ours" | null | {"create": true, "position": N}}')
    order = parser.add_mutually_exclusive_group()
    order.add_argument("--dayfirst", action="store_true", help="read dates like 03/04/2026 as 3 April")
    order.add_argument("--monthfirst", action="store_true", help="read dates like 03/04/2026 as March 4")
    parser.add_argument("--create-stages", action="store_true",
                        help="create the CRM stages the workspace does not have (in the file's order)")
    parser.add_argument("--timezone", metavar="ZONE",
                        help="the IANA time zone of the file's times without an offset, e.g. Europe/Berlin "
                             "(CRM exports write the exporting user's local time; default: the mapping's, else UTC)")
    parser.add_argument("--decimal", choices=(".", ","),
                        help="how the file's amounts write decimals: '.' (1,234.50) or ',' (1.234,50); default: "
                             "the mapping's, else decided from all of the file's amounts")
    parser.add_argument("--source", metavar="NAME", help="the source (CRM) name the opportunities are keyed by")
    parser.add_argument("--sheet", metavar="NAME", help="the workbook sheet to read (default: the first)")
    parser.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    parser.add_argument("--skip-invalid", action="store_true",
                        help="import the valid rows; write the others to FILE.rejected.csv")


def _problems(path: str, exc: ImportProblems) -> int:
    sys.stderr.write(f"{PROG}: {path}: {exc.total} problem(s); nothing was imported.\n")
    for line in exc.lines():
        sys.stderr.write(f"{line}\n")
    for notice in exc.notices:
        sys.stderr.write(f"note: {notice}\n")
    return 2


def _mapping(args: argparse.Namespace):  # noqa: ANN202 - Mapping | int (exit status)
    from pdsa_desk.core.importing import ImportProblems, Mapping, guess_mapping, load_preset, read_header

    if args.mapping:
        return Mapping.load(args.mapping)
    if args.preset:
        return load_preset(args.preset)
    probe = Mapping(sheet=args.sheet) if args.sheet else Mapping()
    try:
        header, _notices = read_header(args.file, probe)
    except ImportProblems as exc:
        return _problems(args.file, exc)
    mapping = guess_mapping(header)
    if args.sheet:
        mapping.sheet = args.sheet
    missing = mapping.missing()
    if missing:
        from pdsa_desk.core.importing.mapping import label

        sys.stdout.write(mapping.to_json())
        return fail(f"{args.file}: could not tell which column holds: {', '.join(label(m) for m in missing)}. "
                    "The guessed mapping is above: save it, fill in the blanks and pass it with --mapping.", 2)
    print(f"Guessed the columns of {Path(args.file).name}: " + ", ".join(
        f"{k}={v!r}" for k, v in mapping.to_dict().items() if k not in ("shape", "stage_dates"))
          + (f", {len(mapping.stage_dates)} stage date columns" if mapping.stage_dates else ""))
    return mapping


def _override(mapping: Any, args: argparse.Namespace) -> None:
    """What the command line says over what the mapping says."""
    if args.dayfirst:
        mapping.date_order = "dayfirst"
    elif args.monthfirst:
        mapping.date_order = "monthfirst"
    if args.source:
        mapping.source = args.source
        mapping.source_column = None
    if args.sheet:
        mapping.sheet = args.sheet
    if args.create_stages:
        mapping.create_stages = True
    if args.timezone:
        mapping.timezone = args.timezone
    if args.decimal:
        mapping.decimal = args.decimal


def run(args: argparse.Namespace) -> int:
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.errors import PdsaError, ValidationError
    from pdsa_desk.core.importing import Cancelled, ImportProblems, StageMap, import_file

    try:
        mapping = _mapping(args)
        if isinstance(mapping, int):
            return mapping
        _override(mapping, args)
        mapping.check()
        stage_map = StageMap.load(args.stage_map) if args.stage_map else None
    except ValidationError as exc:
        return fail(str(exc), 2)

    db_path = Path(args.db) if "://" not in args.db else None
    created = db_path is not None and not (db_path.exists() and db_path.stat().st_size > 0)
    try:
        ws = open_workspace(args.db)
    except PdsaError as exc:
        return fail(str(exc))
    status = 0
    result = None
    try:
        progress = _progress if sys.stderr.isatty() else None
        result = import_file(ws, args.file, mapping, stage_map=stage_map, dry_run=args.dry_run,
                             skip_invalid=args.skip_invalid, progress=progress)
    except ImportProblems as exc:
        status = _problems(args.file, exc)
    except ValidationError as exc:
        status = fail(str(exc), 2)
    except (Cancelled, KeyboardInterrupt):
        status = fail("Cancelled; nothing was imported.", 130)
    except PdsaError as exc:
        status = fail(str(exc))
    else:
        if progress:
            sys.stderr.write("\r\033[K")
        for line in result.summary():
            print(line)
        for notice in result.notices:
            print(f"note: {notice}")
        for problem in result.problems[:20]:
            print(f"rejected: {problem}")
    finally:
        ws.close()
        if created and db_path is not None and (status or args.dry_run or not _wrote(result)):
            _remove_new_workspace(db_path)  # a dry run, a failure or an empty file leaves no new file behind
    return status


def _wrote(result: object) -> bool:
    """Whether an import (its result; None when it failed) added anything."""
    return result is not None and bool(
        getattr(result, "opportunities_added", 0) or getattr(result, "events_added", 0)
        or getattr(result, "stages_created", None))


def _progress(fraction: float, message: str) -> None:
    sys.stderr.write(f"\r\033[K{fraction:4.0%} {message}")
    sys.stderr.flush()


def _remove_new_workspace(path: Path) -> None:
    """A workspace this command created for an import that failed is removed again (it holds nothing)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        candidate = Path(f"{path}{suffix}")
        try:
            candidate.unlink(missing_ok=True)
        except OSError:
            pass
