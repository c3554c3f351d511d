#!/usr/bin/env bash
# Self-test for the gh stand-in beside this file: runs it through every behaviour README.md documents
# and asserts stdout, stderr, exit code and the state file. Exits non-zero if any check fails.
# Usage: bash Tests/incidentTests/Support/test_gh_stub.sh
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export PATH="$HERE:$PATH"
export GH_STUB_STATE="$WORK/state.json"
unset GH_REPO GH_TOKEN GITHUB_TOKEN 2>/dev/null || true
FAILED=0 PASSED=0

run() { # run CMD... [<<< stdin]: sets OUT, ERR and RC
    OUT=$("$@" 2>"$WORK/err"); RC=$?; ERR=$(cat "$WORK/err")
}
check() { # check NAME ACTUAL EXPECTED
    if [[ "$2" == "$3" ]]; then PASSED=$((PASSED + 1)); else
        FAILED=$((FAILED + 1)); printf 'FAIL %s\n  expected: %q\n  actual:   %q\n' "$1" "$3" "$2"; fi
}
contains() { # contains NAME HAYSTACK NEEDLE
    if [[ "$2" == *"$3"* ]]; then PASSED=$((PASSED + 1)); else
        FAILED=$((FAILED + 1)); printf 'FAIL %s\n  %q\n  does not contain %q\n' "$1" "$2" "$3"; fi
}
state() { # state PYTHON-EXPR over s (the state file): prints the value (JSON for non-strings)
    python3 - "$1" <<'EOF'
import json, os, sys
s = json.load(open(os.environ["GH_STUB_STATE"]))
v = eval(sys.argv[1])
print(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, separators=(",", ":")))
EOF
}
seed() {
    rm -f "$GH_STUB_STATE"
    cat > "$GH_STUB_STATE" <<'EOF'
{
  "default_repo": "acme/ops",
  "viewer": "monalisa",
  "users": ["monalisa", {"login": "hubot", "name": "Hubot"}],
  "clock": "2030-01-01T00:00:00Z",
  "repos": {
    "acme/ops": {
      "labels": {"incident": {"color": "d73a4a", "description": "An incident"}, "sev1": {}},
      "issues": {"7": {"title": "Seeded", "body": "old text\n", "labels": ["incident"]}}
    },
    "acme/other": {},
    "acme/site": {"visibility": "PUBLIC"},
    "acme/corp": {"visibility": "INTERNAL"}
  }
}
EOF
}

# --- the stub refuses to run without its state file
run env -u GH_STUB_STATE gh issue list
check "no GH_STUB_STATE: exit" "$RC" 1
contains "no GH_STUB_STATE: message" "$ERR" "GH_STUB_STATE is not set"

# --- a missing state file is created empty; with no default repo gh fails as outside a git checkout
rm -f "$GH_STUB_STATE"
run gh issue list
check "no repo: exit" "$RC" 1
check "no repo: stderr" "$ERR" "failed to run git: fatal: not a git repository (or any of the parent directories): .git"
check "empty state created" "$(state 'sorted(s)')" '["calls","fail","hooks","logged_in","next_comment_id","repos","users","viewer"]'

seed
# --- version, auth
run gh --version
check "version" "$OUT" $'gh version 2.63.2 (2024-12-05)\nhttps://github.com/cli/cli/releases/tag/v2.63.2'
run gh auth status
check "auth status: exit" "$RC" 0
contains "auth status: stdout" "$OUT" "✓ Logged in to github.com account monalisa (keyring)"

# --- issue create
run gh issue create --title "First" --body-file - --label incident,SEV1 --assignee @me -a hubot <<< "body one"
check "create: exit" "$RC" 0
check "create: url" "$OUT" "https://github.com/acme/ops/issues/8"
check "create: stored" "$(state 'repr(s["repos"]["acme/ops"]["issues"]["8"]["body"])')" "'body one\\n'"
check "create: labels canonical" "$(state 's["repos"]["acme/ops"]["issues"]["8"]["labels"]')" '["incident","sev1"]'
check "create: assignees" "$(state 's["repos"]["acme/ops"]["issues"]["8"]["assignees"]')" '["monalisa","hubot"]'
check "create: call recorded" "$(state 's["calls"][-1]')" \
    '{"argv":["issue","create","--title","First","--body-file","-","--label","incident,SEV1","--assignee","@me","-a","hubot"],"stdin":"body one\n","exit":0}'
run gh issue create -t "Bad" -b "x" --label incident --label nope
check "create bad label: exit" "$RC" 1
check "create bad label: stderr" "$ERR" "could not add label: 'nope' not found"
run gh issue create -t "Bad" -b "x" --label nope --assignee zed
check "create bad assignee: stderr" "$ERR" "could not assign user: 'zed' not found"
check "create failures created nothing" "$(state 'sorted(s["repos"]["acme/ops"]["issues"])')" '["7","8"]'
run gh issue create --title "No body"
check "create without body: exit" "$RC" 1
contains "create without body: stderr" "$ERR" 'must provide `--title` and `--body` when not running interactively'
run gh issue create --title "" --body x
check "create blank title" "$ERR" "title can't be blank"
run gh issue create --title T --body-file "$WORK/missing.md"
check "create missing body file" "$ERR" "open $WORK/missing.md: no such file or directory"
run gh issue create -R acme/other --title "Elsewhere" --body ""
check "create --repo" "$OUT" "https://github.com/acme/other/issues/1"
GH_REPO=acme/other run gh issue create --title "Env repo" --body ""
check "create GH_REPO" "$OUT" "https://github.com/acme/other/issues/2"
run gh issue create -R nobody/none --title T --body x
check "create unknown repo" "$ERR" "GraphQL: Could not resolve to a Repository with the name 'nobody/none'. (repository)"

# --- issue view
run gh issue view 8 --json title,body,number,labels,state
check "view json" "$OUT" '{"body":"body one\n","labels":[{"id":"'"$(state '"LA_stub%08x" % __import__("zlib").crc32(b"acme/ops/incident")')"'","name":"incident","description":"An incident","color":"d73a4a"},{"id":"'"$(state '"LA_stub%08x" % __import__("zlib").crc32(b"acme/ops/sev1")')"'","name":"sev1","description":"","color":"ededed"}],"number":8,"state":"OPEN","title":"First"}'
run gh issue view 8 --json assignees,url
check "view assignees" "$OUT" '{"assignees":[{"id":"'"$(state '"U_stub%08x" % __import__("zlib").crc32(b"monalisa")')"'","login":"monalisa","name":""},{"id":"'"$(state '"U_stub%08x" % __import__("zlib").crc32(b"hubot")')"'","login":"hubot","name":"Hubot"}],"url":"https://github.com/acme/ops/issues/8"}'
run gh issue view 8 --json body -q .body
check "view -q .body" "$OUT" "body one"
check "view -q .body: raw string plus newline" "$(gh issue view 8 --json body -q .body | python3 -c 'import sys; print(repr(sys.stdin.read()))')" "'body one\\n\\n'"
run gh issue view https://github.com/acme/ops/issues/7 --json title --jq .title
check "view by URL" "$OUT" "Seeded"
run gh issue view "#7" --json updatedAt,createdAt
check "view seeded timestamps" "$OUT" '{"createdAt":"2025-01-01T00:00:00Z","updatedAt":"2025-01-01T00:00:00Z"}'
run gh issue view 99 --json title
check "view unknown: exit" "$RC" 1
check "view unknown: stderr" "$ERR" "GraphQL: Could not resolve to an issue or pull request with the number of 99. (repository.issue)"
run gh issue view 8 --json title,nope
check "view unknown field: exit" "$RC" 1
contains "view unknown field: stderr" "$ERR" $'Unknown JSON field: "nope"\nAvailable fields:\n  assignees\n  author\n  body\n'
run gh issue view 8 --json
contains "view --json without fields" "$ERR" $'Specify one or more comma-separated fields for `--json`:\n  assignees'
run gh issue view 8 -q .body
check "view --jq without --json" "$ERR" 'cannot use `--jq` without specifying `--json`'
run gh issue view abc
check "view bad selector" "$ERR" 'invalid issue format: "abc"'
run gh issue view 8
check "view human" "$OUT" $'title:\tFirst\nstate:\tOPEN\nauthor:\tmonalisa\nlabels:\tincident, sev1\ncomments:\t0\nassignees:\tmonalisa, hubot\nprojects:\t\nmilestone:\t\nnumber:\t8\n--\nbody one'

# --- issue edit
before=$(gh issue view 8 --json updatedAt -q .updatedAt)
run gh issue edit 8 --body-file - --title "First, edited" --add-label incident --remove-label sev1 --remove-assignee hubot <<< "body two"
check "edit: exit" "$RC" 0
check "edit: url" "$OUT" "https://github.com/acme/ops/issues/8"
run gh issue view 8 --json title,body,labels,assignees -q .body
check "edit: body" "$OUT" "body two"
check "edit: fields" "$(state '[s["repos"]["acme/ops"]["issues"]["8"][k] for k in ("title","labels","assignees")]')" '["First, edited",["incident"],["monalisa"]]'
after=$(gh issue view 8 --json updatedAt -q .updatedAt)
check "edit: updatedAt moves on" "$([[ "$after" > "$before" ]] && echo later)" "later"
run gh issue edit 8 --body "body three" --add-label nope
check "edit bad label: exit" "$RC" 1
check "edit bad label: stderr" "$ERR" "'nope' not found"
check "edit bad label: body still applied (gh's independent mutations)" "$(state 's["repos"]["acme/ops"]["issues"]["8"]["body"]')" "body three"
run gh issue edit 8 --add-assignee zed --add-label sev1
check "edit bad assignee: stderr" "$ERR" "'zed' not found"
check "edit bad assignee: label still added" "$(state 's["repos"]["acme/ops"]["issues"]["8"]["labels"]')" '["incident","sev1"]'
run gh issue edit 8 --body a --body-file -
contains "edit body and body-file" "$ERR" 'specify only one of `--body` or `--body-file`'
run gh issue edit 8
contains "edit nothing" "$ERR" "field to edit flag required when not running interactively"
run gh issue edit 99 --body x
check "edit unknown issue" "$ERR" "GraphQL: Could not resolve to an issue or pull request with the number of 99. (repository.issue)"

# --- issue comment
run gh issue comment 8 --body-file - <<< "a comment"
check "comment: url" "$OUT" "https://github.com/acme/ops/issues/8#issuecomment-1"
run gh issue comment 8 -b "second"
check "comment: second url" "$OUT" "https://github.com/acme/ops/issues/8#issuecomment-2"
run gh issue view 8 --json comments
contains "comment: exported" "$OUT" '"author":{"login":"monalisa"},"authorAssociation":"NONE","body":"a comment\n","createdAt":"2030-01-01T00:00:'
contains "comment: exported url" "$OUT" '"url":"https://github.com/acme/ops/issues/8#issuecomment-2","viewerDidAuthor":true}]}'
run gh issue comment 8
contains "comment without body" "$ERR" '`--body`, `--body-file` or `--web` required when not running interactively'
run gh issue comment 8 --body "   "
check "comment blank body" "$ERR" "GraphQL: Body cannot be blank (addComment)"

# --- close, reopen
run gh issue close 8 --comment "closing" --reason "not planned"
check "close: exit" "$RC" 0
check "close: stdout empty" "$OUT" ""
check "close: stderr" "$ERR" "✓ Closed issue acme/ops#8 (First, edited)"
check "close: state" "$(gh issue view 8 --json state,stateReason,closed)" '{"closed":true,"state":"CLOSED","stateReason":"NOT_PLANNED"}'
check "close: comment added" "$(state 's["repos"]["acme/ops"]["issues"]["8"]["comments"][-1]["body"]')" "closing"
run gh issue close 8
check "close again: exit" "$RC" 0
check "close again: stderr" "$ERR" "! Issue acme/ops#8 (First, edited) is already closed"
run gh issue close 8 --reason later
contains "close bad reason" "$ERR" 'invalid argument "later" for "-r, --reason" flag: valid values are {completed|not planned|duplicate}'
run gh issue reopen 8
check "reopen: stderr" "$ERR" "✓ Reopened issue acme/ops#8 (First, edited)"
check "reopen: state" "$(gh issue view 8 --json state,closedAt)" '{"closedAt":null,"state":"OPEN"}'
run gh issue reopen 8
check "reopen again" "$ERR" "! Issue acme/ops#8 (First, edited) is already open"

# --- list
gh issue close 7 >/dev/null 2>&1
run gh issue list --json number,state
check "list: open by default, newest first" "$OUT" '[{"number":8,"state":"OPEN"}]'
run gh issue list --state all --json number --limit 5
check "list: all" "$OUT" '[{"number":8},{"number":7}]'
run gh issue list -s closed --json number,title
check "list: closed" "$OUT" '[{"number":7,"title":"Seeded"}]'
run gh issue list --state all --label SEV1 --json number
check "list: label filter" "$OUT" '[{"number":8}]'
run gh issue list --state all --limit 1 --json number
check "list: limit" "$OUT" '[{"number":8}]'
run gh issue list -R acme/other --label incident --json number
check "list: empty" "$OUT" '[]'
run gh issue list --state shut
contains "list: bad state" "$ERR" 'invalid argument "shut" for "-s, --state" flag: valid values are {open|closed|all}'
run gh issue list --limit 0
contains "list: bad limit" "$ERR" "invalid limit: 0"

# --- labels
run gh label list --json name,color,description
check "label list" "$OUT" '[{"color":"d73a4a","description":"An incident","name":"incident"},{"color":"ededed","description":"","name":"sev1"}]'
run gh label create "needs review" --color "#00FF00" --description "Waiting"
check "label create: exit" "$RC" 0
check "label create: stored" "$(state 's["repos"]["acme/ops"]["labels"]["needs review"]["color"]')" "00FF00"
run gh label create "Needs Review"
check "label exists: exit" "$RC" 1
check "label exists: stderr" "$ERR" 'label with name "Needs Review" already exists; use `--force` to update its color and description'
run gh label create "needs review" --force --description "Updated"
check "label --force" "$(gh label list --json name,description -q . | python3 -c 'import json,sys; print([l["description"] for l in json.load(sys.stdin) if l["name"]=="needs review"][0])')" "Updated"
# create.go picks a random color when --color is absent, and --force PATCHes it: the color changes
check "label --force without --color recolors" "$(state 's["repos"]["acme/ops"]["labels"]["needs review"]["color"] != "00FF00"')" "true"
run gh label create x --color red
contains "label bad color" "$ERR" "HTTP 422: Validation Failed (https://api.github.com/repos/acme/ops/labels)"
run gh label list --limit 1 --json name
check "label list limit" "$OUT" '[{"name":"incident"}]'
run gh issue create --title T --body b --label "needs review"
check "new label usable" "$RC" 0
run gh label list
check "label list plain" "$(printf '%s\n' "$OUT" | head -1)" $'incident\tAn incident\t#d73a4a'

run gh issue create --title T --body b '--label="needs review",incident'
check "quoted label with its comma" "$RC" 0
run gh issue create --title T --body b '--label=say "hi"'
contains "bare quote in a label" "$ERR" 'parse error on line 1, column 5: bare " in non-quoted-field'
run gh issue view --json title -- 7
check "operand after --" "$RC" 0

# --- repo view
run gh repo view --json nameWithOwner,url
check "repo view" "$OUT" '{"nameWithOwner":"acme/ops","url":"https://github.com/acme/ops"}'
run gh repo view acme/other --json nameWithOwner -q .nameWithOwner
check "repo view arg" "$OUT" "acme/other"
GH_REPO=acme/other run gh repo view --json nameWithOwner -q .nameWithOwner
check "repo view ignores GH_REPO (as gh does)" "$OUT" "acme/ops"
run gh repo view --json visibility,isPrivate -- acme/ops
check "repo private by default" "$OUT" '{"isPrivate":true,"visibility":"PRIVATE"}'
run gh repo view --json visibility,isPrivate -- acme/site
check "repo public" "$OUT" '{"isPrivate":false,"visibility":"PUBLIC"}'
run gh repo view acme/corp --json visibility -q .visibility
check "repo internal" "$OUT" "INTERNAL"
run gh repo view --json nope
contains "repo view unknown field" "$ERR" 'Unknown JSON field: "nope"'

# --- logged out
python3 - <<'EOF'
import json, os
p = os.environ["GH_STUB_STATE"]; s = json.load(open(p)); s["logged_in"] = False; json.dump(s, open(p, "w"))
EOF
run gh issue view 8 --json title
check "logged out: exit 4" "$RC" 4
check "logged out: stderr" "$ERR" $'To get started with GitHub CLI, please run:  gh auth login\nAlternatively, populate the GH_TOKEN environment variable with a GitHub API authentication token.'
run gh auth status
check "logged out auth status: exit" "$RC" 1
check "logged out auth status: stderr" "$ERR" "You are not logged into any GitHub hosts. To log in, run: gh auth login"
run gh --version
check "logged out --version" "$RC" 0

# --- failure injection
seed
python3 - <<'EOF'
import json, os
p = os.environ["GH_STUB_STATE"]; s = json.load(open(p))
s["fail"] = [{"match": "issue edit", "preset": "network", "times": 1},
             {"match": "issue view 7 --json body", "stderr": "HTTP 502: Bad Gateway (https://api.github.com/graphql)", "exit": 1}]
json.dump(s, open(p, "w"))
EOF
run gh issue edit 7 --body-file - <<< "never applied"
check "fail: exit" "$RC" 1
check "fail: stderr" "$ERR" $'error connecting to api.github.com\ncheck your internet connection or https://githubstatus.com'
check "fail: nothing applied" "$(state 'repr(s["repos"]["acme/ops"]["issues"]["7"]["body"])')" "'old text\\n'"
check "fail: stdin still read and recorded" "$(state 'repr(s["calls"][-1]["stdin"])')" "'never applied\\n'"
check "fail: times used up" "$(state 's["fail"][0]["times"]')" "0"
run gh issue edit 7 --body-file - <<< "applied"
check "fail: second try passes" "$RC" 0
run gh issue view 7 --json body
check "fail: always rule" "$ERR" "HTTP 502: Bad Gateway (https://api.github.com/graphql)"
run gh issue view 7 --json title
check "fail: rule is a prefix match" "$OUT" '{"title":"Seeded"}'

# --- hooks: another responder edits the issue right after our view
seed
python3 - <<'EOF'
import json, os
p = os.environ["GH_STUB_STATE"]; s = json.load(open(p))
s["hooks"] = [{"after": "issue view", "times": 1, "edit_body": {"replace": ["old", "their"]}},
              {"after": "issue comment 7", "add_comment": {"body": "me too", "author": "hubot"}, "times": 1},
              {"after": "issue list", "repo": "acme/ops", "issue": 7, "set_body": "replaced\n", "times": 1}]
json.dump(s, open(p, "w"))
EOF
run gh issue view 7 --json body,updatedAt
check "hook: the view itself sees the old body" "$OUT" '{"body":"old text\n","updatedAt":"2025-01-01T00:00:00Z"}'
run gh issue view 7 --json body,updatedAt
check "hook: applied once, right after" "$OUT" '{"body":"their text\n","updatedAt":"2030-01-01T00:00:01Z"}'
check "hook: recorded on the call" "$(state 's["calls"][0]["hooks_applied"]')" '["issue view"]'
run gh issue comment 7 --body mine
check "hook: comment url" "$OUT" "https://github.com/acme/ops/issues/7#issuecomment-1"
check "hook: other comment added after ours" "$(state '[(c["author"], c["body"]) for c in s["repos"]["acme/ops"]["issues"]["7"]["comments"]]')" '[["monalisa","mine"],["hubot","me too"]]'
run gh issue list --json number
check "hook: explicit issue" "$(state 'repr(s["repos"]["acme/ops"]["issues"]["7"]["body"])')" "'replaced\\n'"

# --- concurrent callers: the lock serialises them, no update is lost
seed
for i in $(seq 1 12); do gh issue create --title "p$i" --body "b" >/dev/null 2>&1 & done
wait
check "parallel: 12 issues, distinct numbers" "$(state 'sorted(int(n) for n in s["repos"]["acme/ops"]["issues"])')" '[7,8,9,10,11,12,13,14,15,16,17,18,19]'
check "parallel: 12 calls logged" "$(state 'len(s["calls"])')" "12"
check "parallel: no temp files left" "$(ls -A "$WORK" | grep -c gh-stub)" "0"

# --- a broken state file is loud
echo "{not json" > "$GH_STUB_STATE"
run gh issue list
check "bad state: exit" "$RC" 1
contains "bad state: message" "$ERR" "is not valid JSON"

echo "passed $PASSED, failed $FAILED"
[[ $FAILED -eq 0 ]]
