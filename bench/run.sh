#!/usr/bin/env bash
# Benchmarks the release `incident` binary against the sqlite3 CLI doing comparable writes.
# Usage: bench/run.sh            (from any directory; see bench/README.md)
# Environment: MIN_RUNS (default 100), WARMUP (default 5), SKIP_BUILD=1 to reuse the last release build,
#              TMPDIR to choose where the scratch databases live (its filesystem's fsync cost matters).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
RESULTS=$ROOT/bench/results
MIN_RUNS=${MIN_RUNS:-100}
WARMUP=${WARMUP:-5}

# --- tools -----------------------------------------------------------------------------------------
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v python3 >/dev/null || missing+=(python3)
if ((${#missing[@]})); then
    SUDO=
    [[ $(id -u) -ne 0 ]] && SUDO=sudo
    echo "Installing ${missing[*]} with apt-get…" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- build -----------------------------------------------------------------------------------------
BIN=$ROOT/.build-release/release/incident
if [[ ${SKIP_BUILD:-0} != 1 || ! -x $BIN ]]; then
    echo "Building release binary (.build-release)…" >&2
    swift build -c release --static-swift-stdlib --scratch-path .build-release >&2
fi
[[ -x $BIN ]] || { echo "bench: no binary at $BIN" >&2; exit 1; }

# --- scratch databases -----------------------------------------------------------------------------
WORK=$(mktemp -d -t incident-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$RESULTS"
export TZ=UTC USER=bench
unset INCIDENT_DB

NEW_DB=$WORK/new.sqlite        # incident new      (grows by one incident per run)
NEW_SQL=$WORK/new-sqlite3.sqlite
CHECK_DB=$WORK/check.sqlite    # incident check    (one incident, one action item)
CHECK_SQL=$WORK/check-sqlite3.sqlite
LIST_DB=$WORK/list.sqlite      # incident list     (10 open incidents, 2 action items each)

quiet() { "$@" >/dev/null; }
quiet "$BIN" new --p2 "Seed incident" --db "$NEW_DB"
quiet "$BIN" new --p2 "Check incident" --db "$CHECK_DB"
quiet "$BIN" action add INC-1 "Bench action" --db "$CHECK_DB"
for i in $(seq 10); do
    quiet "$BIN" new --p2 "List incident $i" --label bench --service "api|https://example.invalid" --db "$LIST_DB"
    quiet "$BIN" action add "INC-$i" "First action" --db "$LIST_DB"
    quiet "$BIN" action add "INC-$i" "Second action" --db "$LIST_DB"
done

# Same schema, same data, same journal mode (WAL is persistent in the file header): copy the files
# once `incident` has exited (its last connection checkpoints and removes the -wal file).
for pair in "$NEW_DB:$NEW_SQL" "$CHECK_DB:$CHECK_SQL"; do
    src=${pair%%:*} dst=${pair#*:}
    [[ -e $src-wal ]] && { echo "bench: $src-wal left behind" >&2; exit 1; }
    cp "$src" "$dst"
    [[ $(sqlite3 -init /dev/null "$dst" "PRAGMA journal_mode") == wal ]] || { echo "bench: $dst is not WAL" >&2; exit 1; }
done

# The SQL `incident` runs for the same work, minus its reads. Unix time as REAL, as the tool stores it.
# sqlite3 runs with `-init /dev/null` (no ~/.sqliterc) and foreign keys on, as GRDB configures them.
NOW="((julianday('now') - 2440587.5) * 86400.0)"
SQLITE="sqlite3 -batch -init /dev/null"
NEW_STMT="PRAGMA foreign_keys = ON; BEGIN IMMEDIATE;
INSERT INTO incident (title, severity, status, declaredAt, updatedAt) VALUES ('Bench incident', 2, 'investigating', $NOW, $NOW);
INSERT INTO timelineEntry (incidentNumber, at, kind, text, isManual) VALUES (last_insert_rowid(), $NOW, 'declared', 'Declared P2: Bench incident', 0);
INSERT OR REPLACE INTO setting (key, value) VALUES ('current', (SELECT MAX(number) FROM incident));
INSERT INTO changeLog (at, actor, incidentNumber, change) VALUES ($NOW, 'bench', (SELECT MAX(number) FROM incident), 'declared P2 \\\"Bench incident\\\"');
COMMIT;"
CHECK_STMT="PRAGMA foreign_keys = ON; BEGIN IMMEDIATE;
UPDATE actionItem SET doneAt = $NOW, doneBy = 'bench' WHERE incidentNumber = 1 AND number = 1;
INSERT INTO changeLog (at, actor, incidentNumber, change) VALUES ($NOW, 'bench', 1, 'checked action 1 \\\"Bench action\\\"');
UPDATE incident SET updatedAt = $NOW WHERE number = 1;
COMMIT;"
UNCHECK_STMT="UPDATE actionItem SET doneAt = NULL, doneBy = NULL WHERE incidentNumber = 1 AND number = 1;"
oneline() { tr '\n' ' ' <<<"$1"; }

# hyperfine -N splits command lines like a POSIX shell (no shell is started): quote paths.
q() { printf "'%s'" "$1"; }
I=$(q "$BIN")
HF=(hyperfine -N --warmup "$WARMUP" --min-runs "$MIN_RUNS")

# Other work on the machine (a build, tests) inflates means and sd: say so rather than hide it.
cpu_busy() {  # percent of all cores busy over one second
    python3 -c '
import time
def sample():
    f = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return sum(f), f[3] + f[4]
t0, i0 = sample(); time.sleep(1); t1, i1 = sample()
print(round(100 * (1 - (i1 - i0) / max(1, t1 - t0))))'
}
BUSY_PCT=$(cpu_busy)
if ((BUSY_PCT > 20)); then
    echo "bench: warning: the CPUs were ${BUSY_PCT}% busy before starting; figures will be noisy (compare medians and minimums)" >&2
    BUSY="CPUs ${BUSY_PCT}% busy with other work at start: figures are noisy"
fi

echo "== new ==" >&2
"${HF[@]}" --export-json "$RESULTS/new.json" --export-markdown "$RESULTS/new.md" \
    -n "incident new" "$I new --p2 'Bench incident' --db $(q "$NEW_DB")" \
    -n "sqlite3 new" "$SQLITE $(q "$NEW_SQL") \"$(oneline "$NEW_STMT")\""

echo "== check ==" >&2
# --prepare (untimed, before every run, warm-ups included) unchecks the item so every timed run writes.
"${HF[@]}" --export-json "$RESULTS/check.json" --export-markdown "$RESULTS/check.md" \
    --prepare "$I action uncheck INC-1 1 --db $(q "$CHECK_DB")" \
    -n "incident check" "$I check INC-1 1 --db $(q "$CHECK_DB")" \
    --prepare "$SQLITE $(q "$CHECK_SQL") \"$UNCHECK_STMT\"" \
    -n "sqlite3 check" "$SQLITE $(q "$CHECK_SQL") \"$(oneline "$CHECK_STMT")\""

echo "== reference ==" >&2
"${HF[@]}" --export-json "$RESULTS/reference.json" --export-markdown "$RESULTS/reference.md" \
    -n "/bin/true (floor)" "/bin/true" \
    -n "sqlite3 :memory: (start-up)" "$SQLITE :memory: \"SELECT 1;\"" \
    -n "incident --help (start-up)" "$I --help" \
    -n "incident list (10 incidents)" "$I list --db $(q "$LIST_DB")"

# Every timed run must really have written: count what each side appended.
count() { sqlite3 -init /dev/null "$1" "$2"; }
NEW_ROWS=$(count "$NEW_DB" "SELECT COUNT(*) - 1 FROM incident")
NEW_SQL_ROWS=$(count "$NEW_SQL" "SELECT COUNT(*) - 1 FROM incident")
CHECK_ROWS=$(count "$CHECK_DB" "SELECT COUNT(*) FROM changeLog WHERE change LIKE 'checked action 1 %'")
CHECK_SQL_ROWS=$(count "$CHECK_SQL" "SELECT COUNT(*) FROM changeLog WHERE change LIKE 'checked action 1 %'")

# In-process timings (rendering, store calls) from the IncidentBench target, when the package has it.
if [[ -x $ROOT/.build-release/release/IncidentBench ]]; then
    echo "== in-process (IncidentBench) ==" >&2
    "$ROOT/.build-release/release/IncidentBench" | tee "$RESULTS/in-process.txt" || echo "bench: IncidentBench failed" >&2
fi

# --- summary ---------------------------------------------------------------------------------------
python3 - "$RESULTS" "$NEW_ROWS" "$NEW_SQL_ROWS" "$CHECK_ROWS" "$CHECK_SQL_ROWS" "${BUSY:-}" <<'PY' | tee "$RESULTS/summary.txt"
import json, sys, os
results, busy = sys.argv[1], sys.argv[6]
new_rows, new_sql_rows, check_rows, check_sql_rows = map(int, sys.argv[2:6])
TARGET = 3.0
rows = {}
for case in ("new", "check", "reference"):
    with open(os.path.join(results, case + ".json")) as f:
        for r in json.load(f)["results"]:
            rows[r["command"]] = r

def ms(x): return x * 1000.0
print()
print(f"{'case':32} {'mean ± sd (ms)':>18} {'min (ms)':>9} {'median':>8} {'runs':>5}")
print("-" * 76)
for name, r in rows.items():
    print(f"{name:32} {ms(r['mean']):8.2f} ± {ms(r['stddev']):6.2f} {ms(r['min']):9.2f} {ms(r['median']):8.2f} {len(r['times']):5d}")
print()
floor = rows["/bin/true (floor)"]["mean"]
ok = True
for case in ("new", "check"):
    a, b = rows[f"incident {case}"]["mean"], rows[f"sqlite3 {case}"]["mean"]
    ratio = a / b
    # Uncertainty of the ratio from the two standard errors of the means.
    sa = rows[f"incident {case}"]["stddev"] / len(rows[f"incident {case}"]["times"]) ** 0.5
    sb = rows[f"sqlite3 {case}"]["stddev"] / len(rows[f"sqlite3 {case}"]["times"]) ** 0.5
    err = ratio * ((sa / a) ** 2 + (sb / b) ** 2) ** 0.5
    median = rows[f"incident {case}"]["median"] / rows[f"sqlite3 {case}"]["median"]
    verdict = "meets" if ratio <= TARGET else "MISSES"
    ok &= ratio <= TARGET
    fastest = rows[f"incident {case}"]["min"] / rows[f"sqlite3 {case}"]["min"]
    print(f"ratio incident/sqlite3 {case:5}: {ratio:5.2f}x ± {err:.2f} (means) -> {verdict} target <= {TARGET:.0f}x   "
          f"[medians {median:.2f}x, minimums {fastest:.2f}x, means above the /bin/true floor {(a - floor) / (b - floor):.2f}x]")
print()
print(f"rows written by timed+warm-up runs: new {new_rows} (incident) / {new_sql_rows} (sqlite3); "
      f"check {check_rows} / {check_sql_rows}")
print(f"target: incident within {TARGET:.0f}x of sqlite3 for new and check: {'met' if ok else 'NOT met'}")
if busy:
    print(f"warning: {busy}")
print(f"details: {results}/*.md and *.json")
PY
