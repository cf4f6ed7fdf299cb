"""PyInstaller entry script for pdsa-desk: the same entry point as the ``pdsa-desk`` console script."""

import multiprocessing

from pdsa_desk.app import main

if __name__ == "__main__":
    # A frozen program is its own worker process (core/worker_process.py starts one with "spawn" for a large
    # import or merge): run as one, this hands over to the worker's code instead of opening the app.
    multiprocessing.freeze_support()
    raise SystemExit(main())
