"""Command-line entry point: ``pdsa-desk [--db PATH|URL]`` opens the app; subcommands do the rest.

Kept light on purpose: nothing heavy (Qt, pandas, SQLAlchemy) is imported
until the chosen command needs it, so ``--version`` and ``--help`` are instant
and the window appears as early as possible.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import sys
from collections.abc import Sequence
from typing import NoReturn, TextIO, cast

from pdsa_desk import __version__
from pdsa_desk.commands import COMMANDS
from pdsa_desk.commands._util import PROG


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one clear line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {message} (see '{PROG} --help')\n")
        raise SystemExit(2)


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
    for name in COMMANDS:
        module = importlib.import_module(f"pdsa_desk.commands.{name}")
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run_command=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from pdsa_desk.core.scratch import remove_stale

    remove_stale()  # temporary copies left by a pdsa-desk that was killed (standard library only: cheap)
    if args.command:
        try:
            return _run_command(args)
        except BrokenPipeError:
            return _reader_gone()
    return _run_gui(args)


#: Exit status when the output's reader went away (``pdsa-desk import … | head``): 128 + SIGPIPE, as a
#: program stopped by the signal reports. What the command did is done (an import is committed).
BROKEN_PIPE = 141


def _reader_gone() -> int:
    """No traceback when the reader of the output closed the pipe: the rest of the output goes nowhere (also
    what Python flushes at exit)."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        sys.stdout = _Nowhere()
    return BROKEN_PIPE


class _Nowhere(io.StringIO):
    """An output that keeps nothing (stdout without a file descriptor, once its reader has gone)."""

    def write(self, text: str) -> int:
        return len(text)


class _Masked:
    """A text stream that masks passwords in everything written to it (see ``secrets.mask_passwords``)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from pdsa_desk.core.secrets import mask_passwords

        return self._stream.write(mask_passwords(text))

    def __getattr__(self, name: str) -> object:  # flush, isatty, encoding… of the real stream
        return getattr(self._stream, name)


def _run_command(args: argparse.Namespace) -> int:
    """Run a subcommand, with every line it prints free of passwords.

    A refusal a command did not catch itself (a :class:`PdsaError`), or a database error that got past the
    core (see :func:`pdsa_desk.core.errors.plain_message`), is one plain line on stderr and exit status 1,
    never a traceback; anything else is a bug and keeps its traceback."""
    # A _Masked stream is a TextIO by delegation (write, and __getattr__ for the rest), which mypy cannot see.
    out, err = cast("TextIO", _Masked(sys.stdout)), cast("TextIO", _Masked(sys.stderr))
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            return int(args.run_command(args))
        except BrokenPipeError:
            raise  # the reader of the output went away: main() ends quietly
        except Exception as exc:
            from pdsa_desk.commands._util import fail
            from pdsa_desk.core.errors import plain_message

            message = plain_message(exc)
            if message is None:
                raise
            return fail(message)


def _run_gui(args: argparse.Namespace) -> int:
    from pdsa_desk.ui.application import run

    return run(db=args.db, demo=args.demo, quit_after_first_paint=args.quit_after_first_paint)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
