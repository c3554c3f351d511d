#!/usr/bin/env bash
# Regenerates incidents/example.* — the reference incident as the tool renders it — so visitors can see
# the output without building. Usage: scripts/render-examples.sh [incident binary]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build-release/release/incident}
[ -x "$bin" ] || { echo "No binary at $bin; run scripts/setup.sh or pass one." >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/incidents.sqlite"
# PST8 is a fixed UTC-8 zone named PST, as the example writes its times.
export TZ=PST8 USER=oncall

ref=$(scripts/example-incident.sh "$bin" --db "$db")
i() { "$bin" "$@" --db "$db"; }
i timeline add "$ref" "Impact started: E2E deploy of the startup change" --kind impact-started --at "2025-09-15 19:05 PST" >/dev/null
i update "$ref" >/dev/null                     # the first update, posted when the issue was opened
i check "$ref" 1 2 >/dev/null
i criterion check "$ref" 1 2 --as alice >/dev/null
i status "$ref" mitigated --at "2025-09-15 21:10 PST" --note "Connector recreated; health endpoints return 200" >/dev/null
i update "$ref" -o incidents/example.update.md
i render "$ref" -o incidents/example.issue.md
i check "$ref" 3 4 5 >/dev/null
i criterion check "$ref" 3 4 5 6 >/dev/null
i status "$ref" resolved --at "2025-09-15 23:30 PST" --note "Bypass removed; Golden Path validated" >/dev/null
i close "$ref" --at "2025-09-16 10:00 PST" --resolution "Recreated \`staging-connector\` and removed the emergency bypass." >/dev/null
i lesson add "$ref" --went-well "Emergency bypass let the team debug with the service up" >/dev/null
i lesson add "$ref" --went-wrong "The bypass returned early and skipped startup phases 5–6" >/dev/null
i lesson add "$ref" --lucky "It happened in staging, not production" >/dev/null
i export "$ref" --format md -o incidents/example.postmortem.md
i export "$ref" --format html -o incidents/example.postmortem.html
echo "Wrote incidents/example.{issue,update,postmortem}.md and incidents/example.postmortem.html"
