#!/usr/bin/env bash
# Benchmarks the release `incident` binary against the sqlite3 CLI doing comparable writes (new, check)
# and reads (render), and runs the in-process rendering benchmark (IncidentBench).
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
    echo "bench: needs ${missing[*]}; install them first (as root): apt-get install -y ${missing[*]}" >&2
    exit 1
fi

# --- build -----------------------------------------------------------------------------------------
BIN=$ROOT/.build-release/release/incident
BENCH_BIN=$ROOT/.build-release/release/IncidentBench
if [[ ${SKIP_BUILD:-0} != 1 || ! -x $BIN ]]; then
    echo "Building release binary (.build-release)…" >&2
    swift build -c release --static-swift-stdlib --scratch-path .build-release >&2
fi
if [[ ${SKIP_BUILD:-0} != 1 || ! -x $BENCH_BIN ]]; then
    echo "Building IncidentBench (.build-release)…" >&2
    swift build -c release --static-swift-stdlib --scratch-path .build-release --product IncidentBench >&2 \
        || echo "bench: IncidentBench did not build; the in-process figures will be missing" >&2
fi
[[ -x $BIN ]] || { echo "bench: no binary at $BIN" >&2; exit 1; }
# A bare argument-parser tool with our command tree and options and no work (bench/bare-cli): the floor for --help.
BARE_BIN=$ROOT/bench/bare-cli/.build-release/release/bare-incident
if [[ ${SKIP_BUILD:-0} != 1 || ! -x $BARE_BIN ]]; then
    echo "Building the bare argument-parser tool (bench/bare-cli)…" >&2
    (cd "$ROOT/bench/bare-cli" && swift build -c release --static-swift-stdlib --scratch-path .build-release >&2)
fi

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
RENDER_DB=$WORK/render.sqlite  # incident render   (the example incident, typed in by scripts/example-incident.sh)

quiet() { "$@" >/dev/null; }
quiet "$BIN" new --p2 "Seed incident" --db "$NEW_DB"
quiet "$BIN" new --p2 "Check incident" --db "$CHECK_DB"
quiet "$BIN" action add INC-1 "Bench action" --db "$CHECK_DB"
for i in $(seq 10); do
    quiet "$BIN" new --p2 "List incident $i" --label bench --service "api|https://example.invalid" --db "$LIST_DB"
    quiet "$BIN" action add "INC-$i" "First action" --db "$LIST_DB"
    quiet "$BIN" action add "INC-$i" "Second action" --db "$LIST_DB"
done
quiet "$ROOT/scripts/example-incident.sh" "$BIN" --db "$RENDER_DB"
[[ $(sqlite3 -init /dev/null "$RENDER_DB" "SELECT COUNT(*) FROM actionItem") == 11 ]] \
    || { echo "bench: the example incident is incomplete in $RENDER_DB" >&2; exit 1; }

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
INSERT INTO itemEvent (incidentNumber, itemKind, itemNumber, done, at, actor, source) VALUES (1, 'action', 1, 1, $NOW, 'bench', 'cli');
INSERT INTO changeLog (at, actor, incidentNumber, change) VALUES ($NOW, 'bench', 1, 'checked action 1 \\\"Bench action\\\"');
UPDATE incident SET updatedAt = $NOW WHERE number = 1;
COMMIT;"
UNCHECK_STMT="UPDATE actionItem SET doneAt = NULL, doneBy = NULL WHERE incidentNumber = 1 AND number = 1;
INSERT INTO itemEvent (incidentNumber, itemKind, itemNumber, done, at, actor, source) VALUES (1, 'action', 1, 0, $NOW, 'bench', 'cli');"
# The rows `incident render INC-1` reads, fetched by sqlite3 in one call (it prints them; nothing rendered).
RENDER_STMT="SELECT * FROM incident WHERE number = 1;
SELECT name FROM label WHERE incidentNumber = 1 ORDER BY position;
SELECT name FROM assignee WHERE incidentNumber = 1 ORDER BY position;
SELECT name, url, note FROM service WHERE incidentNumber = 1 ORDER BY position;
SELECT number, text, parentNumber, isRootCause FROM why WHERE incidentNumber = 1 ORDER BY number;
SELECT id, at, kind, text, isManual, fromStatus, toStatus FROM timelineEntry WHERE incidentNumber = 1 ORDER BY at, id;
SELECT * FROM actionItem WHERE incidentNumber = 1 ORDER BY number;
SELECT * FROM criterion WHERE incidentNumber = 1 ORDER BY number;
SELECT position, title, markdown FROM section WHERE incidentNumber = 1 ORDER BY position;"
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

echo "== render ==" >&2
# Both print to /dev/null (hyperfine's default); the sqlite3 side selects every row the issue body shows.
"${HF[@]}" --export-json "$RESULTS/render.json" --export-markdown "$RESULTS/render.md" \
    -n "incident render" "$I render --db $(q "$RENDER_DB") INC-1" \
    -n "sqlite3 render rows" "$SQLITE $(q "$RENDER_DB") \"$(oneline "$RENDER_STMT")\""

echo "== reference ==" >&2
"${HF[@]}" --export-json "$RESULTS/reference.json" --export-markdown "$RESULTS/reference.md" \
    -n "/bin/true (floor)" "/bin/true" \
    -n "sqlite3 :memory: (start-up)" "$SQLITE :memory: \"SELECT 1;\"" \
    -n "incident --help (start-up)" "$I --help" \
    -n "bare argument-parser tool --help" "$(q "$BARE_BIN") --help" \
    -n "incident list (10 incidents)" "$I list --db $(q "$LIST_DB")"

# Every timed run must really have written: count what each side appended.
count() { sqlite3 -init /dev/null "$1" "$2"; }
NEW_ROWS=$(count "$NEW_DB" "SELECT COUNT(*) - 1 FROM incident")
NEW_SQL_ROWS=$(count "$NEW_SQL" "SELECT COUNT(*) - 1 FROM incident")
CHECK_ROWS=$(count "$CHECK_DB" "SELECT COUNT(*) FROM itemEvent WHERE done = 1")
CHECK_SQL_ROWS=$(count "$CHECK_SQL" "SELECT COUNT(*) FROM itemEvent WHERE done = 1")
# Both render sides really read the example: its task items, and the rows sqlite3 fetched.
RENDER_TASKS=$("$BIN" render --db "$RENDER_DB" INC-1 | grep -cE '^ *- \[[ x]\] .*<!-- incident:(action|criterion):[0-9]+ -->$' || true)
RENDER_SQL_LINES=$($SQLITE "$RENDER_DB" "$(oneline "$RENDER_STMT")" | wc -l)

# In-process timings (rendering, store calls) from the IncidentBench target, when the package has it.
rm -f "$RESULTS/in-process.txt"
if [[ -x $BENCH_BIN ]]; then
    echo "== in-process (IncidentBench) ==" >&2
    "$BENCH_BIN" | tee "$RESULTS/in-process.txt" || { echo "bench: IncidentBench failed" >&2; rm -f "$RESULTS/in-process.txt"; }
fi

# --- summary ---------------------------------------------------------------------------------------
python3 - "$RESULTS" "$NEW_ROWS" "$NEW_SQL_ROWS" "$CHECK_ROWS" "$CHECK_SQL_ROWS" "${BUSY:-}" \
    "$RENDER_TASKS" "$RENDER_SQL_LINES" <<'PY' | tee "$RESULTS/summary.txt"
import json, sys, os, re
results, busy = sys.argv[1], sys.argv[6]
new_rows, new_sql_rows, check_rows, check_sql_rows = map(int, sys.argv[2:6])
render_tasks, render_sql_lines = map(int, sys.argv[7:9])
TARGETS = {"new": 2.0, "check": 2.0, "render": 2.5}
HELP_TARGET = 1.5
IN_PROCESS_TARGET_MS = 20.0
IN_PROCESS_CASE = "issue body, 1,000 actions + 1,000 entries"
rows = {}
for case in ("new", "check", "render", "reference"):
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
verdicts = {}
for case, other in (("new", "sqlite3 new"), ("check", "sqlite3 check"), ("render", "sqlite3 render rows")):
    a, b = rows[f"incident {case}"]["mean"], rows[other]["mean"]
    ratio = a / b
    # Uncertainty of the ratio from the two standard errors of the means.
    sa = rows[f"incident {case}"]["stddev"] / len(rows[f"incident {case}"]["times"]) ** 0.5
    sb = rows[other]["stddev"] / len(rows[other]["times"]) ** 0.5
    err = ratio * ((sa / a) ** 2 + (sb / b) ** 2) ** 0.5
    median = rows[f"incident {case}"]["median"] / rows[other]["median"]
    # The verdict is on medians: a burst of other work on the machine moves means more than medians.
    TARGET = TARGETS[case]
    verdicts[case] = median <= TARGET
    verdict = "meets" if median <= TARGET else "MISSES"
    fastest = rows[f"incident {case}"]["min"] / rows[other]["min"]
    print(f"ratio incident/sqlite3 {case:6}: {median:5.2f}x (medians) -> {verdict} target <= {TARGET}x   "
          f"[means {ratio:.2f}x ± {err:.2f}, minimums {fastest:.2f}x, means above the /bin/true floor {(a - floor) / (b - floor):.2f}x]")
help_ratio = rows["incident --help (start-up)"]["median"] / rows["bare argument-parser tool --help"]["median"]
print(f"ratio incident --help / bare argument-parser tool --help: {help_ratio:.2f}x (medians) -> "
      f"{'meets' if help_ratio <= HELP_TARGET else 'MISSES'} target <= {HELP_TARGET}x")
print()
print(f"rows written by timed+warm-up runs: new {new_rows} (incident) / {new_sql_rows} (sqlite3); "
      f"check {check_rows} / {check_sql_rows}")
print(f"render reads the example incident: {render_tasks} task items in the issue body (expect 19); "
      f"sqlite3 printed {render_sql_lines} lines")
print(f"target: incident new and check within 2x of sqlite3 (medians): {'met' if verdicts['new'] and verdicts['check'] else 'NOT met'}")
print(f"target: incident render within 2.5x of sqlite3 selecting the same rows (medians): {'met' if verdicts['render'] else 'NOT met'}")
print(f"target: incident --help within {HELP_TARGET}x of a bare argument-parser tool of the same shape (medians): "
      f"{'met' if help_ratio <= HELP_TARGET else 'NOT met'}")
in_process = None
path = os.path.join(results, "in-process.txt")
if os.path.exists(path):
    for line in open(path):
        m = re.match(re.escape(IN_PROCESS_CASE) + r"\s+median\s+([0-9.]+) ms\s+p90\s+([0-9.]+) ms", line)
        if m:
            in_process = (float(m.group(1)), float(m.group(2)))
if in_process is None:
    print(f"target: in-process render under {IN_PROCESS_TARGET_MS:.0f} ms ({IN_PROCESS_CASE}): NOT met (not measured: IncidentBench missing or failed)")
else:
    med, p90 = in_process
    print(f"target: in-process render under {IN_PROCESS_TARGET_MS:.0f} ms ({IN_PROCESS_CASE}): "
          f"{'met' if med < IN_PROCESS_TARGET_MS else 'NOT met'} (median {med:.2f} ms, p90 {p90:.2f} ms)")
if busy:
    print(f"warning: {busy}")
print(f"details: {results}/*.md and *.json")
PY
