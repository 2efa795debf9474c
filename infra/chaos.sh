#!/usr/bin/env bash
# The long chaos run (issue 7): three silo processes on a private Redis and RabbitMQ render a catalogue of
# TITLES real recordings (default 300) while silos are SIGKILLed and started again (alone, two together,
# one within 10 s of a RabbitMQ restart), RabbitMQ and Redis are restarted, Redis refuses writes for 10 s,
# a silo is frozen 40 s with SIGSTOP, a silo is cut off from Redis and RabbitMQ for 20 s, the catalogue is
# paused mid-render and resumed, and some tasks hang; every title must complete once, bit-identical to a
# render in one process. Prints the figures and keeps them in .cache/artifacts/chaos.txt. The suite (infra/test.sh)
# runs the same test with 60 titles.
#
#   infra/chaos.sh [TITLES] [SEED]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

"$here/packages.sh"
export RENDERFARM_MATERIAL="${RENDERFARM_MATERIAL:-$root/.cache/material}"
"$here/material.sh" >/dev/null
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build RenderFarm.sln -c Release 2>&1 | tail -n 3
RENDERFARM_CHAOS_TITLES="${1:-300}" RENDERFARM_CHAOS_SEED="${2:-20261201}" \
  dotnet tests/RenderFarm.Host.Tests/bin/Release/net10.0/RenderFarm.Host.Tests.dll -class "RenderFarm.Host.Tests.ChaosTests" -showliveoutput
cat .cache/artifacts/chaos.txt
