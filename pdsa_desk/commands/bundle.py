"""``pdsa-desk bundle``: exchange work and standards between laptops as ``.pdsa`` files.

* ``bundle export --db PATH --out FILE.pdsa [--since DATE] [--definitions-only]``
* ``bundle merge FILE.pdsa [FILE.pdsa …] --db PATH [--dry-run] [--map-by-name]``
  (several files: one transaction per file, in the order given; a refused file does not stop the others)
* ``bundle info FILE.pdsa``
"""

from __future__ import annotations

import argparse

from pdsa_desk.commands._util import fail, iso_date, open_existing

NAME = "bundle"
HELP = "send work or standards to another laptop (.pdsa files) and merge them"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="bundle_action", metavar="ACTION", required=True)

    export = actions.add_parser("export", help="write this workspace's work (or standards) to a .pdsa file",
                                description="Write this workspace's work (or, with --definitions-only, its "
                                "standards: stages, standard revisions, tactics, loss reasons, teams and reps) "
                                "to one .pdsa file for another laptop to merge.")
    export.add_argument("--db", required=True, metavar="PATH|URL", help="the workspace to export from")
    export.add_argument("--out", required=True, metavar="FILE.pdsa", help="the bundle file to write")
    export.add_argument("--since", type=iso_date, default=None, metavar="DATE",
                        help="only rows changed on or after this date (plus what they refer to)")
    export.add_argument("--definitions-only", action="store_true",
                        help="only the standards: stages, revisions, tactics, loss reasons, teams, reps")
    export.set_defaults(bundle_run=_export)

    merge = actions.add_parser("merge", help="merge .pdsa files from other laptops into a workspace",
                               description="Merge .pdsa files into a workspace, one transaction per file: rows "
                               "are matched by id, the newer version wins, and conflicts are reported.")
    merge.add_argument("files", nargs="+", metavar="FILE.pdsa", help="the bundle(s) to merge, in this order")
    merge.add_argument("--db", required=True, metavar="PATH|URL", help="the workspace to merge into")
    merge.add_argument("--dry-run", action="store_true", help="report what would change; change nothing")
    merge.add_argument("--map-by-name", action="store_true",
                       help="map stages, reps, teams, tactics and loss reasons that already exist here under "
                       "the same name to the existing ones (remembered for the sending laptop)")
    merge.set_defaults(bundle_run=_merge)

    info = actions.add_parser("info", help="describe a .pdsa file", description="Describe a .pdsa file.")
    info.add_argument("file", metavar="FILE.pdsa")
    info.set_defaults(bundle_run=_info)


def run(args: argparse.Namespace) -> int:
    return int(args.bundle_run(args))


def _export(args: argparse.Namespace) -> int:
    from pdsa_desk.core.errors import PdsaError
    from pdsa_desk.core.exchange import export_bundle

    ws = open_existing(args.db)
    if ws is None:
        return 1
    try:
        header = export_bundle(ws, args.out, since=args.since, definitions_only=args.definitions_only)
    except PdsaError as exc:
        return fail(str(exc))
    finally:
        ws.close()
    counts = ", ".join(f"{n} {table}" for table, n in header.row_counts.items() if n)
    print(f"Wrote {args.out}: {header.describe()}" + (f" — {counts}." if counts else "."))
    return 0


def _merge(args: argparse.Namespace) -> int:
    from pdsa_desk.core.exchange import merge_bundles

    ws = open_existing(args.db)
    if ws is None:
        return 1
    try:
        outcomes = merge_bundles(ws, args.files, map_by_name=args.map_by_name, dry_run=args.dry_run)
    finally:
        ws.close()
    status = 0
    for outcome in outcomes:
        if outcome.report is not None:
            print("\n".join(outcome.report.lines()))
        else:
            status = fail(outcome.error or f"{outcome.path} could not be merged.")
    return status


def _info(args: argparse.Namespace) -> int:
    from pdsa_desk.core.errors import PdsaError
    from pdsa_desk.core.exchange import read_header

    try:
        header = read_header(args.file)
    except PdsaError as exc:
        return fail(str(exc))
    print(f"{args.file}: {header.describe()}")
    print(f"  origin workspace {header.origin_workspace_id}, schema {header.schema_revision}, "
          f"pdsa-desk {header.app_version}")
    for table, n in header.row_counts.items():
        print(f"  {table}: {n}")
    return 0
