#!/usr/bin/env bash
# Archive benchmark: import a realistic archive of COUNT postmortems (bench/make-archive) in one command, then import
# the unchanged archive again; RUNS runs of each on a fresh database (target: import under 10 s, re-import under 2 s).
# Then `stats --by year` on the result, to show the archive answers time-to-resolve by severity by year.
# Usage: bench/archive.sh        (COUNT=10000, RUNS=2; SKIP_BUILD=1 reuses .build-release; ARCHIVE=DIR reuses a
#                                 generated archive; TMPDIR moves the work folder)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
COUNT=${COUNT:-10000}
RUNS=${RUNS:-2}
RESULTS=$ROOT/bench/results
mkdir -p "$RESULTS"
command -v python3 >/dev/null || { echo "bench: needs python3; install it first (as root): apt-get install -y python3" >&2; exit 1; }
BIN=$ROOT/.build-release/release/incident
if [[ ${SKIP_BUILD:-0} != 1 || ! -x $BIN ]]; then
    swift build -c release --static-swift-stdlib --scratch-path .build-release --product incident >&2
fi
WORK=$(mktemp -d -t incident-archive.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export TZ=UTC USER=bench
ARCHIVE=${ARCHIVE:-$WORK/archive}
[[ -d $ARCHIVE ]] || bench/make-archive "$COUNT" "$ARCHIVE" | tee "$RESULTS/archive-make.txt"
FILES=$(find "$ARCHIVE" -name '*.md' | wc -l)
BYTES=$(du -sb "$ARCHIVE" | cut -f1)
LOAD=$(cut -d' ' -f1 /proc/loadavg)
# Seconds of wall time, user and system CPU, and max RSS of one command; its output goes to $1.out (the progress
# bar is drawn only on a terminal, so it costs nothing here).
timed() {
    local name=$1; shift
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || {
        echo "bench: $* failed:" >&2; tail -5 "$WORK/$name.err" >&2; exit 1; }
    cat "$WORK/$name.time"
}
: >"$RESULTS/archive-runs.txt"
for run in $(seq 1 "$RUNS"); do
    DB=$WORK/run$run.sqlite
    read -r wall user sys rss < <(timed import$run "$BIN" import "$ARCHIVE" --db "$DB")
    summary=$(tail -1 "$WORK/import$run.out")
    echo "import    run $run: ${wall}s (user ${user}s, sys ${sys}s, max RSS $((rss / 1024)) MB) — $summary" | tee -a "$RESULTS/archive-runs.txt"
    read -r wall user sys rss < <(timed reimport$run "$BIN" import "$ARCHIVE" --db "$DB")
    summary=$(tail -1 "$WORK/reimport$run.out")
    echo "re-import run $run: ${wall}s (user ${user}s, sys ${sys}s, max RSS $((rss / 1024)) MB) — $summary" | tee -a "$RESULTS/archive-runs.txt"
    [[ $run == 1 ]] && ls -l "$DB" | awk '{printf "database: %.1f MB\n", $5 / 1e6}' | tee -a "$RESULTS/archive-runs.txt"
done
"$BIN" stats --by year --db "$WORK/run1.sqlite" >"$RESULTS/archive-stats.txt"
python3 - "$RESULTS/archive-runs.txt" "$FILES" "$BYTES" "$LOAD" "$(nproc)" <<'PY' | tee "$RESULTS/archive-summary.txt"
import re, sys
path, files, size, load, cores = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
runs = {"import": [], "re-import": []}
for line in open(path):
    match = re.match(r"(import|re-import)\s+run \d+: ([\d.]+)s", line)
    if match:
        runs[match.group(1)].append(float(match.group(2)))
print(f"archive: {files} files, {size / 1e6:.1f} MB; {cores} cores, load {load} before the runs")
for name, target in (("import", 10), ("re-import", 2)):
    times = runs[name]
    verdict = "met" if max(times) < target else "NOT met"
    print(f"target: {name} under {target} s: {', '.join(f'{t:.2f} s' for t in times)} -> {verdict}")
PY
echo "response times by severity by year (all of it in bench/results/archive-stats.txt):"
sed -n '/^By year/,/^$/p' "$RESULTS/archive-stats.txt"
