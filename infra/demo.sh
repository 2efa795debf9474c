#!/usr/bin/env bash
# The main job on the embedded default (one machine, nothing configured): installs the Debian packages,
# renders the real material (planetblupi songs through fluidsynth, sonic-pi's recorded loops), builds the
# `renderfarm` command, analyses the whole demo catalogue (a loudness table on the terminal, one JSON
# line per file in .cache/demo/analysis.jsonl), mixes song 3 from its eight stems with the example
# session (docs/examples/blupi-003.session.json) into .cache/demo/mix/, masters one song for Spotify
# with every release deliverable into .cache/demo/master/, and then runs the same kind of work as a
# catalogue on the embedded farm: RenderFarm.Host with nothing configured, fed through its HTTP API by
# `renderfarm submit --watch` (media in .cache/demo/media, grain state in .cache/demo/farm).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
"$here/packages.sh"
material=$("$here/material.sh")
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/RenderFarm.Cli -c Release -v quiet -nologo >/dev/null
dotnet build src/RenderFarm.Host -c Release -v quiet -nologo >/dev/null
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

echo
echo "The embedded farm: a catalogue of song 3's session and three stereo mixes"
media=.cache/demo/media
rm -rf "$media" .cache/demo/farm
mkdir -p "$media/song3/stems" "$media/mixes"
cp -l "$material"/blupi/music003/stems/*.wav "$media/song3/stems/" 2>/dev/null || cp "$material"/blupi/music003/stems/*.wav "$media/song3/stems/"
cp docs/examples/blupi-003.session.json "$media/song3/session.json"
for n in 000 001 002; do
  cp -l "$material/blupi/music$n/mix.wav" "$media/mixes/blupi-$n.wav" 2>/dev/null || cp "$material/blupi/music$n/mix.wav" "$media/mixes/blupi-$n.wav"
done
Farm__MediaRoot="$root/$media" Farm__DataDirectory="$root/.cache/demo/farm" Logging__LogLevel__Default=Warning \
  dotnet src/RenderFarm.Host/bin/Release/net10.0/RenderFarm.Host.dll >.cache/demo/host.log 2>&1 &
host=$!
trap 'kill $host 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -sf http://127.0.0.1:5080/healthz >/dev/null && break
  sleep 0.2
done
# The first start made the account admin with a random password in the data folder (mode 0600); the CLI
# signs in with it (the password on standard input) for an API token.
RENDERFARM_TOKEN=$("$cli" login --account admin <.cache/demo/farm/admin-password)
export RENDERFARM_TOKEN
"$cli" submit song3/session.json mixes --name "RenderFarm demo" --profile spotify --watch
"$cli" status
echo "Deliverables: $media/renders/; API: http://127.0.0.1:5080/openapi/v1.json (host log .cache/demo/host.log);"
echo "the dashboard's account admin has the password in .cache/demo/farm/admin-password"
kill $host
wait $host 2>/dev/null || true
trap - EXIT
