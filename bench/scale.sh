#!/usr/bin/env bash
# Scale benchmark for the history commands, on databases bench/make-db writes: search and list at 100,000 incidents
# against the same commands at 1 (target: within 2x), stats and actions --open at 100,000 (target: under 150 ms),
# and the memory search takes at 100,000 (max RSS).
# Usage: bench/scale.sh            (COUNT=100000 by default; SKIP_BUILD=1 reuses .build-release; MIN_RUNS=20)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
COUNT=${COUNT:-100000}
MIN_RUNS=${MIN_RUNS:-20}
RESULTS=$ROOT/bench/results
mkdir -p "$RESULTS"
for tool in hyperfine python3; do
    command -v "$tool" >/dev/null || { echo "bench: needs $tool; install it first (as root): apt-get install -y $tool" >&2; exit 1; }
done
BIN=$ROOT/.build-release/release/incident
if [[ ${SKIP_BUILD:-0} != 1 || ! -x $BIN ]]; then
    swift build -c release --static-swift-stdlib --scratch-path .build-release >&2
fi
WORK=$(mktemp -d -t incident-scale.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export TZ=UTC USER=bench
SMALL=$WORK/one.sqlite BIG=$WORK/big.sqlite
INCIDENT_BIN=$BIN bench/make-db 1 "$SMALL" | tee "$RESULTS/scale-make-db.txt"
INCIDENT_BIN=$BIN bench/make-db "$COUNT" "$BIG" | tee -a "$RESULTS/scale-make-db.txt"
# A service name a few dozen incidents mention (bench/make-db's vocabulary), and a phrase of common words most match.
QUERY="cedifu"
COMMON="connector timeout"
HF=(hyperfine -N --warmup 3 --min-runs "$MIN_RUNS" --export-json)
"${HF[@]}" "$RESULTS/scale-search.json" -n "search at 1" "$BIN search $QUERY --db $SMALL" -n "search at $COUNT" "$BIN search $QUERY --db $BIG" \
    -n "search common words at $COUNT" "$BIN search $COMMON --db $BIG"
"${HF[@]}" "$RESULTS/scale-list.json" -n "list at 1" "$BIN list --db $SMALL" -n "list at $COUNT" "$BIN list --db $BIG"
"${HF[@]}" "$RESULTS/scale-history.json" -n "stats at $COUNT" "$BIN stats --db $BIG" -n "actions --open at $COUNT" "$BIN actions --open --db $BIG"
RSS=$( { /usr/bin/time -f %M "$BIN" search $QUERY --db "$BIG" >/dev/null; } 2>&1 | tail -1)
HITS=$("$BIN" search $QUERY --db "$BIG" --limit 1000 | grep -c '^INC-' || true)
python3 - "$RESULTS" "$COUNT" "$RSS" "$HITS" <<'PY' | tee "$RESULTS/scale-summary.txt"
import json, os, sys
results, count, rss, hits = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rows = {}
for name in ("search", "list", "history"):
    for r in json.load(open(os.path.join(results, f"scale-{name}.json")))["results"]:
        rows[r["command"]] = r
for name, r in rows.items():
    print(f"{name:28} median {r['median'] * 1000:8.2f} ms   mean {r['mean'] * 1000:8.2f} ± {r['stddev'] * 1000:.2f} ms")
for command in ("search", "list"):
    ratio = rows[f"{command} at {count}"]["median"] / rows[f"{command} at 1"]["median"]
    print(f"target: {command} at {count} within 2x of {command} at 1: {ratio:.2f}x -> {'met' if ratio <= 2 else 'NOT met'}")
for command in ("stats", "actions --open"):
    ms = rows[f"{command} at {count}"]["median"] * 1000
    print(f"target: {command} at {count} under 150 ms: {ms:.1f} ms -> {'met' if ms < 150 else 'NOT met'}")
print(f"search at {count}: max RSS {rss / 1024:.1f} MB ({hits} matches of 1000 asked)")
PY
