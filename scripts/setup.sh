#!/usr/bin/env bash
# Sets up a fresh Debian machine with Swift: installs the C libraries, builds the release binary,
# then runs the main job on the default store (incidents/incidents.sqlite): declares the example
# incident and shows it. Run again, it rebuilds only what changed and shows the example already declared.
# INCIDENT_BINARY=path skips the build and uses that binary (the tests do).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for package in libcmark-dev libsqlite3-dev; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

if [ -n "${INCIDENT_BINARY:-}" ]; then
    bin=$INCIDENT_BINARY
else
    # One release build for setup, install and bench; SwiftPM rebuilds only what changed since the last run.
    swift build -c release --static-swift-stdlib --scratch-path .build-release --product incident
    bin="$PWD/.build-release/release/incident"
    echo "Built $bin"
fi

# The main job: the reference P0 incident (Tests/IncidentKitTests/Fixtures/vpc-connector-p0.md) on the default
# store, typed in once; a store that already holds it keeps the one it has.
title="VPC Connector Connectivity Failure - Infrastructure Critical"
reference=$("$bin" list --all 2>/dev/null | grep -F "$title" | grep -o 'INC-[0-9]*' | head -n 1 || true)
if [ -n "$reference" ]; then
    verb="Already declared"
else
    reference=$(scripts/example-incident.sh "$bin")
    verb="Declared"
fi
"$bin" show "$reference"
echo
echo "$verb $reference in ${INCIDENT_DB:-incidents/incidents.sqlite}."
echo "Next: $bin check 1 · $bin list · $bin log"
