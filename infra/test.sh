#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian 12 machine with the .NET 10 SDK (as root): installs the
# Debian packages, generates the real material, builds, runs every test project, and ends with one line
# `tests: N passed, N failed[, N skipped]`.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

"$here/packages.sh" || { echo "tests: 0 passed, 1 failed"; exit 1; }
export RENDERFARM_MATERIAL="${RENDERFARM_MATERIAL:-$root/.cache/material}"
"$here/material.sh" >/dev/null || { echo "tests: 0 passed, 1 failed"; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp)
dotnet build RenderFarm.sln -c Release 2>&1 | tail -n 3
dotnet test --solution RenderFarm.sln -c Release --no-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform ends with a summary per run: "total: N", "failed: N", "succeeded: N", "skipped: N".
summary=$(awk '/Test run summary/ {s=1} s && /^[[:space:]]+(failed|succeeded|skipped):/ {gsub(":","",$1); v[$1]=$2} END {printf "%d %d %d", v["succeeded"], v["failed"], v["skipped"]}' "$log")
read -r passed failed skipped <<<"$summary"
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or the runner failed before any test could
fi
line="tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
