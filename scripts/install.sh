#!/usr/bin/env bash
# Builds the release binary and installs it under PREFIX (default /usr/local) with its man page and the
# bash, zsh and fish completions.
# Usage: scripts/install.sh [PREFIX]
# INCIDENT_BINARY=path skips the build and installs that binary instead (the tests do, into a temporary PREFIX).
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=${1:-/usr/local}
case "$prefix" in
    /*) ;;
    *) prefix="$PWD/$prefix" ;;
esac

if [ -n "${INCIDENT_BINARY:-}" ]; then
    bin=$INCIDENT_BINARY
    [ -x "$bin" ] || { echo "install.sh: INCIDENT_BINARY=$bin is not an executable file." >&2; exit 66; }
else
    # The same build as bench/run.sh: the Swift runtime linked in, so the binary runs without Swift installed.
    swift build -c release --static-swift-stdlib --scratch-path .build-release --product incident
    bin="$PWD/.build-release/release/incident"
fi
manual=docs/incident.1
[ -f "$manual" ] || { echo "install.sh: $manual is missing; scripts/generate-manual.sh writes it." >&2; exit 66; }

# Completions come from the binary being installed, so they list its commands and values.
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
for shell in bash zsh fish; do
    "$bin" --generate-completion-script "$shell" > "$staging/$shell"
done

# Only the copying needs root, and only when PREFIX is not writable.
parent=$prefix
while [ ! -e "$parent" ]; do parent=$(dirname "$parent"); done
as_owner=()
if [ ! -w "$parent" ] && [ "$(id -u)" -ne 0 ]; then
    as_owner=(sudo)
fi

put() { "${as_owner[@]+"${as_owner[@]}"}" install -D -m "$1" "$2" "$3"; }
put 755 "$bin" "$prefix/bin/incident"
put 644 "$manual" "$prefix/share/man/man1/incident.1"
put 644 "$staging/bash" "$prefix/share/bash-completion/completions/incident"
put 644 "$staging/zsh" "$prefix/share/zsh/site-functions/_incident"
put 644 "$staging/fish" "$prefix/share/fish/vendor_completions.d/incident.fish"

echo "Installed incident $("$prefix/bin/incident" --version | head -n 1) as $prefix/bin/incident, with its man page and completions."
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "Add $prefix/bin to your PATH to run it as incident." ;;
esac
