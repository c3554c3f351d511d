#!/usr/bin/env bash
# Fault and load tests, long versions: the tests `swift test` runs short, at full size, then a table of figures.
# Usage: bench/faults.sh            (from any directory; see README "Reliability")
#        Also runs the import robustness and ten-machine tests at full size (FAULTS_FULL_SIZE=1): all random seeds,
#        the 5 MB document and the pathological inputs at about a megabyte each.
#        KILLS=200 WRITERS=8 WRITES=25 bench/faults.sh
# Environment: WRITERS (8) processes × WRITES (25) commands each on one incident; KILLS (200) kill -9s that must land
#              on a running writer; HOSTILE=all (default) or short for the hostile-input matrix; BACKUP_WRITES (25)
#              per writer while backups are taken; SCRATCH (.build) the SwiftPM scratch path; SKIP_BUILD=1 reuses
#              its last build. Run as root to include the read-only (chattr +i) and full-disk (tmpfs) tests.
set -uo pipefail

cd "$(dirname "$0")/.."
WRITERS=${WRITERS:-8}
WRITES=${WRITES:-25}
KILLS=${KILLS:-200}
HOSTILE=${HOSTILE:-all}
BACKUP_WRITES=${BACKUP_WRITES:-25}
SCRATCH=${SCRATCH:-.build}
SUITES='ReliabilityTests|UnusableStoreTests|HostileInputTests|BackupTests|DoctorTests|ImportRobustnessTests|ManyMachinesTests'

if ! command -v sqlite3 >/dev/null; then
    echo "bench: needs the sqlite3 shell; install it first: apt-get install -y sqlite3" >&2
    exit 1
fi

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
    echo "Building the tests ($SCRATCH)…" >&2
    swift build --build-tests --scratch-path "$SCRATCH" >&2 || exit 1
fi

WORK=$(mktemp -d -t incident-faults.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
FIGURES=$WORK/figures.tsv
LOG=$WORK/test.log

echo "Running $SUITES: $WRITERS writers × $WRITES writes, $KILLS kills, hostile inputs: $HOSTILE…" >&2
started=$(date +%s)
FAULTS_WRITERS=$WRITERS FAULTS_WRITES=$WRITES FAULTS_KILLS=$KILLS FAULTS_HOSTILE=$HOSTILE \
FAULTS_BACKUP_WRITES=$BACKUP_WRITES FAULTS_FIGURES=$FIGURES FAULTS_FULL_SIZE=1 \
    swift test --skip-build --scratch-path "$SCRATCH" --filter "$SUITES" >"$LOG" 2>&1
status=$?
elapsed=$(( $(date +%s) - started ))

# Failures and skips in full.
grep -E '^✘ ' "$LOG" | cut -c1-400
grep -E '^[✘↳] ' "$LOG" | grep -A3 -E '^✘ ' | grep -E '^↳ ' | cut -c1-400 | head -40
grep -iE ' skipped' "$LOG"

echo
echo "## Figures ($(date -u +%Y-%m-%d), $(nproc) cores, SQLite $(sqlite3 --version | cut -d' ' -f1), ${elapsed}s)"
echo
echo "| test | figures |"
echo "| --- | --- |"
while IFS=$'\t' read -r name rest; do
    printf '| %s | %s |\n' "$name" "$(echo "$rest" | tr '\t' '\n' | sed 's/=/ /' | paste -sd, - | sed 's/,/, /g')"
done <"$FIGURES"
echo
summary=$(grep -E '^. Test run with' "$LOG" | tail -1)
echo "${summary:-no test summary; see the log}" | sed 's/^[^ ]* //'
exit $status
