"""Subcommands of ``pdsa-desk``. Each module has ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args)``.

``run`` returns the exit status: 0 success, 1 the command ran and found problems or failed, 2 usage or
input errors (reported as one line each on stderr).
"""

#: Module names (``import_`` for the ``import`` command) in the order ``--help`` lists them.
COMMANDS = ("demo", "check", "import_", "export", "report", "bundle")
