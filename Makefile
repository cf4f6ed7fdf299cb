# pdsa-desk — `make run` opens the app on a demo workspace; `make test` runs the tests.
# Both create the virtual environment and install everything on first use.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export QT_API := pyside6

.PHONY: run test bench screenshots package clean help

help:
	@echo "make run          set up and open pdsa-desk on a fresh demo workspace"
	@echo "make test         set up and run the whole test suite"
	@echo "make bench        benchmark suite at company scale (BENCH_ARGS=\"--events 100000 --json out.json\")"
	@echo "make screenshots  regenerate docs/screenshots/*.png"
	@echo "make package      build the one-folder app bundle in dist/"
	@echo "make clean        remove the virtual environment and build output"

# Re-install only when pyproject.toml changed (or the venv is new).
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/pdsa-desk --demo

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/benchmarks/bench.py $(BENCH_ARGS)

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pdsa_desk.ui.screenshots docs/screenshots
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pdsa_desk.ui.screenshot_details docs/screenshots

package: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,package]'
	PYTHON=$(BIN)/python packaging/build.sh dist build/pyinstaller

clean:
	rm -rf $(VENV) build dist *.egg-info
