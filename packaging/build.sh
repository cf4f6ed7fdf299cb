#!/usr/bin/env bash
# Build the one-folder bundle and smoke-test it: version, migrations + pandas + scipy (demo/check), GUI start.
# Usage: packaging/build.sh [DISTPATH] [WORKPATH]   (defaults: dist build/pyinstaller, relative to the repo root)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
DIST=${1:-dist}
WORK=${2:-build/pyinstaller}

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --distpath "$DIST" --workpath "$WORK" packaging/pdsa-desk.spec
echo "build: $(( $(date +%s) - start )) s, size: $(du -sh "$DIST/pdsa-desk" | cut -f1)"

app="$DIST/pdsa-desk/pdsa-desk"
smoke=$(mktemp -d)
trap 'rm -rf "$smoke"' EXIT
export XDG_DATA_HOME="$smoke/data" XDG_CONFIG_HOME="$smoke/config" XDG_STATE_HOME="$smoke/state" XDG_CACHE_HOME="$smoke/cache"
"$app" --version
"$app" demo --db "$smoke/w.sqlite" --weeks 30
"$app" check --db "$smoke/w.sqlite"
QT_QPA_PLATFORM=offscreen "$app" --demo --quit-after-first-paint
echo "smoke test passed: $app"
