#!/usr/bin/env bash
# Fuzzes the HTTP API with schemathesis (pinned, from PyPI, in a virtualenv kept in the tools
# directory) against its own /openapi.json; see scripts/fuzz-api.ts. Arguments are passed on,
# e.g. scripts/fuzz-api.sh --max-examples 10 --max-time 60
set -euo pipefail
cd "$(dirname "$0")/.."

version=4.32.5
venv="${DIM_TOOLS_DIR:-.tools}/schemathesis-$version"
if [ ! -x "$venv/bin/st" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
fi
SCHEMATHESIS="$venv/bin/st" exec npx tsx scripts/fuzz-api.ts "$@"
