"""PyInstaller entry script for pdsa-desk: the same entry point as the ``pdsa-desk`` console script."""

from pdsa_desk.app import main

if __name__ == "__main__":
    raise SystemExit(main())
