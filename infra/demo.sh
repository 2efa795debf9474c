#!/usr/bin/env bash
# The main job on the embedded default (one machine, nothing configured): installs the Debian packages,
# renders the real material (planetblupi songs through fluidsynth, sonic-pi's recorded loops), builds the
# `renderfarm` command, analyses the whole demo catalogue (a loudness table on the terminal, one JSON
# line per file in .cache/demo/analysis.jsonl), mixes song 3 from its eight stems with the example
# session (docs/examples/blupi-003.session.json) into .cache/demo/mix/, and masters one song for
# Spotify with every release deliverable into .cache/demo/master/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
"$here/packages.sh"
material=$("$here/material.sh")
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/RenderFarm.Cli -c Release -v quiet -nologo >/dev/null
cli=src/RenderFarm.Cli/bin/Release/net10.0/renderfarm
mapfile -t files < <(find "$material/blupi" -name mix.wav; find "$material/formats" "$material/loops" -type f | sort)
mkdir -p .cache/demo
"$cli" analyze "${files[@]}"
"$cli" analyze --json "${files[@]}" >.cache/demo/analysis.jsonl
echo "JSON report: .cache/demo/analysis.jsonl (${#files[@]} files)"
echo
mkdir -p .cache/demo/mix
cp docs/examples/blupi-003.session.json "$material/blupi/music003/demo.session.json"
"$cli" mix "$material/blupi/music003/demo.session.json" --out .cache/demo/mix/one-pass.wav
"$cli" mix "$material/blupi/music003/demo.session.json" --out .cache/demo/mix/blupi-003.wav --stems .cache/demo/mix/stems --json >.cache/demo/mix/report.json
if cmp -s .cache/demo/mix/blupi-003.wav .cache/demo/mix/one-pass.wav; then
  echo "one pass and stems-then-mixdown: identical bytes"
else
  echo "demo.sh: one pass and stems-then-mixdown differ" >&2
  exit 1
fi
rm .cache/demo/mix/one-pass.wav
echo "Mix, stems and report.json: .cache/demo/mix/"
echo
"$cli" master "$material/blupi/music002/mix.wav" --target spotify --out .cache/demo/master \
  --title "Blupi 2" --artist "Planet Blupi" --album "RenderFarm Demo" --track 2 --tracks 4 --year 2026 \
  --isrc GB-RFD-26-00002 --upc 5012345678900
echo "Deliverables and report.json: .cache/demo/master/"
