#!/usr/bin/env bash
# Makes the fixture of two machines linked to one GitHub issue by the release before item identities (schema v11,
# commit 0f3cc87): machine A declared the reference incident and published it; machine B joined the issue with
# `import --issue`; A ticked action 3 and published again; B pulled. The stand-in's state is kept as GitHub.
# Usage: make.sh OLD-INCIDENT-BINARY OUTPUT-FOLDER   (run from the repository root)
set -euo pipefail
bin=$(realpath "$1"); out=$(realpath "$2")
root=$PWD
work=$(mktemp -d)
export PATH="$root/Tests/incidentTests/Support:$PATH" GH_STUB_STATE="$work/gh-state.json" TZ=America/Los_Angeles
echo '{"default_repo": "acme/ops", "repos": {"acme/ops": {"visibility": "PRIVATE"}}, "clock": "2026-12-01T00:00:00Z"}' > "$GH_STUB_STATE"
cd "$work"
USER=alice bash "$root/scripts/example-incident.sh" "$bin" --db a.sqlite >/dev/null
USER=alice "$bin" publish --db a.sqlite --repo acme/ops >/dev/null
USER=bob "$bin" import --db b.sqlite --issue 1 --repo acme/ops >/dev/null
USER=alice "$bin" check --db a.sqlite 3 >/dev/null
USER=alice "$bin" publish --db a.sqlite >/dev/null
USER=bob "$bin" pull --db b.sqlite >/dev/null
for db in a.sqlite b.sqlite; do sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;" >/dev/null; done
python3 - "$GH_STUB_STATE" <<'PY'
import json, sys
state = json.load(open(sys.argv[1])); state["calls"] = []
json.dump(state, open(sys.argv[1], "w"), indent=1, sort_keys=True)
PY
cp a.sqlite b.sqlite gh-state.json "$out/"
rm -rf "$work"
