# pdsa-desk — `make run` opens the app on a demo workspace; `make test` runs the tests; `make lint` checks the code.
# Each creates the virtual environment and installs what it needs on first use.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
LINT_STAMP := $(VENV)/.lint-stamp
export QT_API := pyside6

.PHONY: run test drills bench screenshots package clean help translations

help:
	@echo "make run          set up and open pdsa-desk on a fresh demo workspace"
	@echo "make test         set up and run the whole test suite"
	@echo "make lint         set up and run the quality gate: ruff and mypy (as CI and pre-commit do)"
	@echo "make drills       reliability drills (kill -9, full disk, damage…; ~30 min), writes docs/reliability.md"
	@echo "make bench        benchmark suite at company scale (BENCH_ARGS=\"--events 100000 --json out.json\")"
	@echo "make screenshots  regenerate docs/screenshots/*.png"
	@echo "make package      build the one-folder app bundle in dist/"
	@echo "make translations update resources/translations/*.ts from the source (pyside6-lupdate)"
	@echo "make clean        remove the virtual environment and build output"

# Re-install only when pyproject.toml changed (or the venv is new).
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# Translations: the .ts files are the source (in git); the .qm files are built from them (not in git) and loaded
# from the package resources (pdsa_desk.ui.i18n). `make translations` re-extracts the texts after code changes.
TS_FILES := $(wildcard resources/translations/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# English is the source language: its catalogue holds only the plural forms (-pluralonly).
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -silent -no-obsolete -locations none $$(find pdsa_desk -name '*.py' | sort) \
		-ts $(filter-out %_en.ts,$(TS_FILES))
	$(BIN)/pyside6-lupdate -silent -no-obsolete -locations none -pluralonly $$(find pdsa_desk -name '*.py' | sort) \
		-ts resources/translations/pdsa_desk_en.ts

run: $(STAMP) $(QM_FILES)
	$(BIN)/pdsa-desk --demo

test: $(STAMP) $(QM_FILES)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

# The linters and stubs (the `lint` extra), on top of the test install; again only when pyproject.toml changed.
$(LINT_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	@touch $(LINT_STAMP)

# mypy's settings and file list are in pyproject.toml; its cache (.mypy_cache) makes a second run take ~1 s.
lint: $(LINT_STAMP)
	$(BIN)/ruff check pdsa_desk tests packaging
	$(BIN)/mypy
# Not part of `make test` (which runs a few trials: tests/reliability/test_drills_smoke.py).
drills: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/reliability/drills.py $(DRILL_ARGS)

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/benchmarks/bench.py $(BENCH_ARGS)

screenshots: $(STAMP) $(QM_FILES)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pdsa_desk.ui.screenshots docs/screenshots
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pdsa_desk.ui.screenshots docs/screenshots/de de
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pdsa_desk.ui.screenshot_details docs/screenshots
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pdsa_desk.ui.screenshot_marketing docs/screenshots

package: $(STAMP) $(QM_FILES)
	$(BIN)/python -m pip install --quiet -e '.[test,package]'
	PYTHON=$(BIN)/python packaging/build.sh dist build/pyinstaller

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache $(QM_FILES)
