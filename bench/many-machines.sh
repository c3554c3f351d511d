#!/usr/bin/env bash
# Ten responders on ten machines (ten databases) work one P0 through its GitHub issue, as the built binary and the `gh`
# stand-in (Tests/incidentTests/Support/gh: calls served one at a time, last writer wins, updatedAt moves) let them:
# all join with `import --issue`; for ROUNDS rounds all ten at once pull, do one or two things (tick an open action, add
# an action, a timeline entry or a why) and publish, retrying a failed publish after a pull; then each pulls and
# publishes in turn, twice, and pulls once more. Prints what was made, what was lost or duplicated, and whether the ten
# records render the same body.
# Usage: bench/many-machines.sh [ROUNDS] [MACHINES]   (SKIP_BUILD=1 uses the release binary already built)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-12} machines=${2:-10}
[ "${SKIP_BUILD:-}" = 1 ] || swift build -c release --static-swift-stdlib --scratch-path .build-release --product incident >/dev/null
bin=$PWD/.build-release/release/incident
work=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "work: $work" || trap 'rm -rf "$work"' EXIT
export PATH="$PWD/Tests/incidentTests/Support:$PATH" GH_STUB_STATE="$work/gh.json" TZ=UTC
echo '{"default_repo": "acme/ops", "repos": {"acme/ops": {"visibility": "PRIVATE"}}}' > "$GH_STUB_STATE"
m() { local n=$1; shift; USER="responder$n" "$bin" "$@" --db "$work/m$n.sqlite"; }

m 0 new --p0 --no-playbook "API returns 503 on every request" >/dev/null
for text in "Roll back the deploy" "Page the database team" "Check the connection pool"; do m 0 action add "$text" >/dev/null; done
m 0 publish --repo acme/ops >/dev/null
for n in $(seq 1 $((machines - 1))); do m "$n" import --issue 1 --repo acme/ops >/dev/null; done

start=$(date +%s)
for round in $(seq 1 "$rounds"); do
    for n in $(seq 0 $((machines - 1))); do
        (
            m "$n" pull >/dev/null
            for _ in $(seq 1 $((RANDOM % 2 + 1))); do
                tag="m$n r$round $RANDOM"
                case $((RANDOM % 4)) in
                0) open=$(m "$n" action list --open --json | python3 -c 'import json,sys; a=json.load(sys.stdin); print(" ".join(str(x["number"]) for x in a))')
                   [ -n "$open" ] || continue
                   pick=$(tr ' ' '\n' <<<"$open" | shuf -n 1)
                   text=$(m "$n" action list --json | python3 -c "import json,sys; print([x['text'] for x in json.load(sys.stdin) if x['number']==$pick][0])")
                   m "$n" check "$pick" >/dev/null && echo "tick	$text" ;;
                1) m "$n" action add "action $tag" --horizon medium-term >/dev/null && echo "action	action $tag" ;;
                2) m "$n" timeline add "entry $tag" >/dev/null && echo "timeline	entry $tag" ;;
                3) m "$n" why add "why $tag" >/dev/null && echo "why	why $tag" ;;
                esac
            done
            for _ in 1 2 3 4 5; do
                m "$n" publish >/dev/null 2>&1 && break
                m "$n" pull >/dev/null 2>&1 || true
            done
        ) >> "$work/made.tsv" &
    done
    wait
done
for _ in 1 2; do for n in $(seq 0 $((machines - 1))); do m "$n" pull >/dev/null; m "$n" publish >/dev/null; done; done
for n in $(seq 0 $((machines - 1))); do m "$n" pull >/dev/null; done
elapsed=$(( $(date +%s) - start ))

for n in $(seq 0 $((machines - 1))); do m "$n" show --json > "$work/r$n.json"; m "$n" render | tail -n +2 > "$work/b$n.md"; done
python3 - "$work" "$machines" "$elapsed" <<'PY'
import json, sys, collections, hashlib
work, machines, elapsed = sys.argv[1], int(sys.argv[2]), sys.argv[3]
made = [line.rstrip("\n").split("\t", 1) for line in open(f"{work}/made.tsv") if "\t" in line]
records = [json.load(open(f"{work}/r{n}.json")) for n in range(machines)]
lost = duplicated = 0
for record in records:
    actions = record.get("actions", []); timeline = record.get("timeline", []); whys = record.get("whys", [])
    for kind, text in made:
        if kind == "tick": count = sum(1 for a in actions if a["text"] == text and a.get("doneAt"))
        elif kind == "action": count = sum(1 for a in actions if a["text"] == text)
        elif kind == "timeline": count = sum(1 for e in timeline if e["text"] == text)
        else: count = sum(1 for w in whys if w["text"] == text)
        lost += count == 0; duplicated += count > 1
bodies = {hashlib.sha256(open(f"{work}/b{n}.md", "rb").read()).hexdigest() for n in range(machines)}
kinds = collections.Counter(kind for kind, _ in made)
calls = len(json.load(open(f"{work}/gh.json"))["calls"])
print(f"{len(made)} contributions ({kinds['tick']} ticks, {kinds['action']} actions, {kinds['timeline']} timeline entries, "
      f"{kinds['why']} whys) on {machines} machines; lost {lost}, duplicated {duplicated} (counted in every record); "
      f"{len(bodies)} distinct body; {calls} gh calls; {elapsed} s")
sys.exit(0 if lost == 0 and duplicated == 0 and len(bodies) == 1 else 1)
PY
