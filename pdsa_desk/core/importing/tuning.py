"""The importer's two knobs, in one place; the modules read them when they run, so tests can turn them down."""

#: Rows per chunk: progress is reported and ``cancel`` asked once per chunk (reading, scanning and writing).
CHUNK_ROWS = 50_000
#: Long shape: rows in the expected form skip the cell-by-cell checks (tests turn it off to compare results).
FAST_PATH = True
