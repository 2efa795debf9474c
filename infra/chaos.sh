#!/usr/bin/env bash
# The long chaos run (issues 7 and 17): three silo processes on a private Redis and RabbitMQ render a catalogue
# of TITLES real recordings (default 300) while silos are SIGKILLed and started again (alone, two together,
# one within 10 s of a RabbitMQ restart), RabbitMQ and Redis are restarted, Redis refuses writes for 10 s,
# a silo is frozen 40 s with SIGSTOP, a silo is cut off from Redis and RabbitMQ for 20 s, the catalogue is
# paused mid-render and resumed, and some tasks hang; every title must complete once, bit-identical to a
# render in one process. One run per SEED, one after the other; each run's figures and silo logs are kept in
# .cache/artifacts/chaos-TITLES-SEED/, and a line per run is printed at the end. The suite (infra/test.sh)
# runs the same test with 60 titles. RENDERFARM_NO_BUILD=1 uses the build there is (beside a suite run).
#
#   infra/chaos.sh [TITLES] [SEED ...]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

titles="${1:-300}"
shift || true
seeds=("$@")
[ ${#seeds[@]} -eq 0 ] && seeds=(20261201)

"$here/packages.sh" || exit 1
export RENDERFARM_MATERIAL="${RENDERFARM_MATERIAL:-$root/.cache/material}"
"$here/material.sh" >/dev/null || exit 1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ "${RENDERFARM_NO_BUILD:-0}" != 1 ]; then
  dotnet build RenderFarm.sln -c Release 2>&1 | tail -n 3
fi

summary=()
failed=0
for seed in "${seeds[@]}"; do
  artifacts="$root/.cache/artifacts/chaos-$titles-$seed"
  rm -rf "$artifacts"
  mkdir -p "$(dirname "$artifacts")"
  start=$(date +%s)
  RENDERFARM_CHAOS_TITLES="$titles" RENDERFARM_CHAOS_SEED="$seed" RENDERFARM_CHAOS_ARTIFACTS="$artifacts" \
    dotnet tests/RenderFarm.Host.Tests/bin/Release/net10.0/RenderFarm.Host.Tests.dll -class "RenderFarm.Host.Tests.ChaosTests" >"$artifacts.out" 2>&1
  status=$?
  end=$(date +%s)
  if [ -f "$artifacts/chaos.txt" ]; then
    cat "$artifacts/chaos.txt"
  else
    tail -n 40 "$artifacts.out"
  fi
  verdict=passed
  if [ "$status" -ne 0 ]; then
    verdict=failed
    failed=$((failed + 1))
  fi
  counts=$(grep -h '^succeeded' "$artifacts/chaos.txt" 2>/dev/null || echo "no figures")
  summary+=("seed $seed: $verdict in $((end - start)) s; $counts")
done

echo
echo "chaos runs of $titles titles:"
printf '  %s\n' "${summary[@]}"
[ "$failed" -eq 0 ]
