#!/usr/bin/env bash
# One document with N task items, imported in one command, for N = 1,000, 2,000, 4,000 and 20,000: wall time and,
# with CALLGRIND=1, instructions (valgrind), which show whether the work grows linearly with N.
# Usage: bench/import-items.sh      (SKIP_BUILD=1 reuses .build-release; CALLGRIND=1 also counts instructions)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$PWD/.build-release/release/incident
if [[ ${SKIP_BUILD:-0} != 1 || ! -x $BIN ]]; then
    swift build -c release --static-swift-stdlib --scratch-path .build-release --product incident >&2
fi
WORK=$(mktemp -d -t incident-items.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export TZ=UTC USER=bench
for n in 1000 2000 4000 20000; do
    python3 - "$n" "$WORK/doc$n.md" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
lines = ["# Big incident %d" % n, "", "## Summary", "", "Something broke.", "", "## Action items", ""]
lines += ["- [%s] Task number %d: restart the frobnicator on host-%d and verify the health endpoint" % ("x" if i % 3 == 0 else " ", i, i) for i in range(n)]
open(path, "w").write("\n".join(lines) + "\n")
PY
    start=$(date +%s%N)
    "$BIN" import "$WORK/doc$n.md" --db "$WORK/t$n.sqlite" >/dev/null
    end=$(date +%s%N)
    line=$(printf "%6d items: %5d ms" "$n" "$(( (end - start) / 1000000 ))")
    if [[ ${CALLGRIND:-0} == 1 && $n -le 4000 ]]; then
        valgrind --tool=callgrind --callgrind-out-file="$WORK/cg$n.out" "$BIN" import "$WORK/doc$n.md" --db "$WORK/c$n.sqlite" \
            >/dev/null 2>"$WORK/cg$n.err"
        line+=", $(grep -o 'Collected : [0-9]*' "$WORK/cg$n.err" | cut -d' ' -f3) instructions"
    fi
    echo "$line"
done
