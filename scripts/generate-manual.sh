#!/usr/bin/env bash
# Regenerates docs/incident.1, the man page, from the commands themselves with argument-parser's generate-manual
# plugin (it builds the package in debug, in .build, and reads `incident --experimental-dump-help`).
# The page keeps its date unless its text changed, so regenerating an unchanged page leaves no diff.
set -euo pipefail
cd "$(dirname "$0")/.."

swift package plugin generate-manual --configuration debug
generated=.build/plugins/GenerateManual/outputs/incident/incident.1
[ -f "$generated" ] || { echo "generate-manual.sh: the plugin wrote no $generated" >&2; exit 1; }

target=docs/incident.1
if [ -f "$target" ] && diff -q <(grep -v '^\.Dd ' "$generated") <(grep -v '^\.Dd ' "$target") >/dev/null; then
    echo "$target is up to date."
else
    cp "$generated" "$target"
    echo "Wrote $target (read it with: man docs/incident.1)."
fi
