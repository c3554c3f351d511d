#!/usr/bin/env bash
# Writes incidents.sqlite with the binary of an earlier release (schema v1 + v2, before item events):
# the example incident typed in, ticks from the command line and from a sync, an update snapshot, lessons,
# and a second, imported incident. Kept as a fixture so migrations are tested on a file that release wrote.
# Usage: make.sh BINARY OUT.sqlite     (made with the release at commit 2f637c1; see README.md beside this file)
set -euo pipefail
bin=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
rm -f "$out" "$out-wal" "$out-shm"
export TZ=UTC
i() { "$bin" "$@" --db "$out"; }
"$root/scripts/example-incident.sh" "$bin" --db "$out" >/dev/null
i check INC-1 1 2 --as alice >/dev/null
i check INC-1 6 --as bob >/dev/null
i action uncheck INC-1 6 --as bob >/dev/null
i criterion check INC-1 1 --as alice >/dev/null
i criterion check INC-1 5 --as carol >/dev/null
i criterion uncheck INC-1 5 --as carol >/dev/null
i update INC-1 --as alice >/dev/null
i lesson add INC-1 --went-well "Emergency bypass kept auth working" --as alice >/dev/null
# A body edited elsewhere: action 3 and criterion 2 ticked on "GitHub".
i render INC-1 | sed -e 's/^- \[ \] \(.*\)<!-- incident:action:3 -->/- [x] \1<!-- incident:action:3 -->/' \
    -e 's/^- \[ \] \(.*\)<!-- incident:criterion:2 -->/- [x] \1<!-- incident:criterion:2 -->/' >"$out.body.md"
i sync INC-1 "$out.body.md" --as sync-bot >/dev/null
rm -f "$out.body.md"
i import "$root/Tests/IncidentKitTests/Fixtures/gitlab-incident.md" --as dave >/dev/null
i check INC-2 1 --as dave >/dev/null
i use INC-1 >/dev/null
sqlite3 "$out" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
