#!/usr/bin/env bash
# Sets up a fresh Debian machine with Swift: installs the C libraries, builds the release binary,
# then runs the main job on the default store (incidents/incidents.sqlite): declares the example
# incident and shows it.
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

swift build -c release --static-swift-stdlib
bin="$PWD/.build/release/incident"
echo "Built $bin"

# The main job: type in the reference P0 incident on the default store and show it.
reference=$(scripts/example-incident.sh "$bin")
"$bin" show "$reference"
echo
echo "Declared $reference in incidents/incidents.sqlite. Next: $bin check 1 · $bin list · $bin log"
