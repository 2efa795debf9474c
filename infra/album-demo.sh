#!/usr/bin/env bash
# A ten-song album from real recorded material, mastered in album mode with its CD image, CUE sheet,
# DDP 2.0 image and streaming files: planetblupi's ten MIDI songs, the first 150 s of each rendered with
# fluidsynth (a 4 s fade at the end, as a mix would come), into .cache/album-demo/songs; album.json sets
# the running order, titles, ISRCs, the UPC, 2 s gaps (1 s before track 4), a 5 s crossfade from track 5
# into track 6 and a hidden track before track 1. Output in .cache/album-demo/out: tracks/ (24-bit WAV,
# FLAC, MP3, AAC with album and track gain), cd/ (image WAV + CUE), ddp/ (DDP 2.00 with CHECKSUM.MD5),
# album-report.json. Then the DDP is checked with md5sum and the CUE sheet listed by cuetools.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
"$here/packages.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/RenderFarm.Cli -c Release -v quiet -nologo >/dev/null
cli=src/RenderFarm.Cli/bin/Release/net10.0/renderfarm
demo=.cache/album-demo
songs=$demo/songs
mkdir -p "$songs"
soundfont=/usr/share/sounds/sf2/FluidR3_GM.sf2
for n in 0 1 2 3 4 5 6 7 8 9; do
  out="$songs/blupi-$n.wav"
  [ -f "$out" ] && continue
  tmp=$(mktemp -d)
  /usr/bin/python3 "$here/midi_split.py" "/usr/share/planetblupi/music/music00$n.mid" "$tmp" --seconds 150 >/dev/null
  fluidsynth -ni -q -g 0.3 -C 0 -r 48000 -O s24 -T wav -F "$tmp/raw.wav" "$soundfont" "$tmp/mix.mid" >/dev/null 2>&1
  ffmpeg -nostdin -v error -y -i "$tmp/raw.wav" -t 150 -af "afade=t=out:st=146:d=4" -c:a pcm_s24le "$out"
  rm -rf "$tmp"
done
ffmpeg -nostdin -v error -y -ss 20 -t 25 -i "$songs/blupi-9.wav" -af "afade=t=in:d=1,afade=t=out:st=21:d=4" -c:a pcm_s24le "$songs/hidden.wav"
cat >"$demo/album.json" <<'JSON'
{
  "title": "Planet Blupi",
  "artist": "Blupi Orchestra",
  "year": 2026,
  "upc": "5012345678900",
  "mode": "album",
  "gap_seconds": 2,
  "songs": [
    { "path": "songs/hidden.wav", "title": "Before the Dawn", "hidden": true },
    { "path": "songs/blupi-0.wav", "title": "Morning on Planet Blupi", "isrc": "GB-RFD-26-00001" },
    { "path": "songs/blupi-1.wav", "title": "The Workshop", "isrc": "GB-RFD-26-00002" },
    { "path": "songs/blupi-2.wav", "title": "Fields of Flowers", "isrc": "GB-RFD-26-00003" },
    { "path": "songs/blupi-3.wav", "title": "Blupi's March", "isrc": "GB-RFD-26-00004", "gap_seconds": 1 },
    { "path": "songs/blupi-4.wav", "title": "Down the River", "isrc": "GB-RFD-26-00005" },
    { "path": "songs/blupi-5.wav", "title": "Into the Caves", "isrc": "GB-RFD-26-00006", "crossfade_seconds": 5 },
    { "path": "songs/blupi-6.wav", "title": "Café at the Edge", "artist": "Blupi & Friends", "isrc": "GB-RFD-26-00007" },
    { "path": "songs/blupi-7.wav", "title": "Night Builders", "isrc": "GB-RFD-26-00008" },
    { "path": "songs/blupi-8.wav", "title": "The Long Way Home", "isrc": "GB-RFD-26-00009" },
    { "path": "songs/blupi-9.wav", "title": "Finale", "isrc": "GB-RFD-26-00010" }
  ]
}
JSON
rm -rf "$demo/out"
/usr/bin/time -f "album job: %e s wall, %M KB peak memory" "$cli" album "$demo/album.json" --target spotify --formats wav,flac,mp3,aac,cd --out "$demo/out" || true
echo
(cd "$demo/out/ddp" && md5sum -c CHECKSUM.MD5)
echo
grep -E "^CATALOG" "$demo/out/cd/Planet_Blupi.cue"
cueprint -d "%P - %T (%N tracks)\n" -t "%02n %t (%p) ISRC %i\n" "$demo/out/cd/Planet_Blupi.cue" | iconv -f ISO-8859-1 -t UTF-8
echo "Report: $demo/out/album-report.json"
