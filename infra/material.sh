#!/usr/bin/env bash
# Generates the real recorded material the tests, benchmarks and demos use, into a cache folder
# (default: .cache/material in the repository; RENDERFARM_MATERIAL overrides). Idempotent and safe to
# run from several test processes at once (flock); regenerates when this script changes.
#
#   blupi/musicNNN/mix.wav         first 90 s of planetblupi's MIDI songs rendered with fluidsynth and the
#                                  FluidR3 GM soundfont (48 kHz, 24-bit stereo)
#   blupi/music00[013]/stems/*.wav the same 90 s, one stem per MIDI channel (three multitrack sessions;
#                                  music003 has 8 parts)
#   blupi/full/musicNNN.wav        two songs rendered whole (about 10 minutes each)
#   formats/blupi-001.{flac,mp3,ogg,opus,m4a,aiff,w64}   one song in the compressed and other formats
#   loops/*.wav                    sonic-pi's recorded loops repeated to a minute (44.1 kHz)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${RENDERFARM_MATERIAL:-"$here/../.cache/material"}
mkdir -p "$out"
out=$(cd "$out" && pwd)
stamp="$out/.stamp"
version=$(cat "$here/material.sh" "$here/midi_split.py" | sha256sum | cut -c1-16)

exec 9>"$out/.lock"
flock 9
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$version" ]; then
  echo "$out"
  exit 0
fi

for tool in fluidsynth ffmpeg /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "material.sh: $tool is missing; run infra/packages.sh" >&2; exit 1; }
done
soundfont=/usr/share/sounds/sf2/FluidR3_GM.sf2
midi=/usr/share/planetblupi/music
samples=/usr/share/sonic-pi/samples
[ -f "$soundfont" ] || { echo "material.sh: $soundfont is missing (fluid-soundfont-gm)" >&2; exit 1; }
[ -d "$midi" ] || { echo "material.sh: $midi is missing (planetblupi-music-midi)" >&2; exit 1; }
[ -d "$samples" ] || { echo "material.sh: $samples is missing (sonic-pi-samples)" >&2; exit 1; }

render() { # MIDI WAV
  # Chorus off: fluidsynth's chorus puts much of the mix in anti-phase (correlation -0.7), unlike real mixes.
  fluidsynth -ni -q -g 0.3 -C 0 -r 48000 -O s24 -T wav -F "$2" "$soundfont" "$1" >/dev/null 2>&1
}

rm -rf "$out/blupi" "$out/formats" "$out/loops"
for n in 000 001 002 003; do
  dir="$out/blupi/music$n"
  tmp="$dir/midi"
  /usr/bin/python3 "$here/midi_split.py" "$midi/music$n.mid" "$tmp" --seconds 90
  render "$tmp/mix.mid" "$dir/mix.wav"
  if [ "$n" != 002 ]; then
    mkdir -p "$dir/stems"
    for part in "$tmp"/ch*.mid; do
      render "$part" "$dir/stems/$(basename "$part" .mid).wav"
    done
  fi
done

mkdir -p "$out/blupi/full"
for n in 005 008; do
  render "$midi/music$n.mid" "$out/blupi/full/music$n.wav"
done

mkdir -p "$out/formats"
src="$out/blupi/music001/mix.wav"
ff() { ffmpeg -nostdin -v error -y -i "$src" "$@"; }
ff -ar 44100 -c:a flac "$out/formats/blupi-001.flac"
ff -c:a libmp3lame -b:a 320k "$out/formats/blupi-001.mp3"
ff -c:a libvorbis -q:a 6 "$out/formats/blupi-001.ogg"
ff -c:a libopus -b:a 160k "$out/formats/blupi-001.opus"
ff -c:a aac -b:a 256k "$out/formats/blupi-001.m4a"
ff -c:a pcm_s24be "$out/formats/blupi-001.aiff"
ff -c:a pcm_s16le "$out/formats/blupi-001.w64"

mkdir -p "$out/loops"
for loop in loop_amen_full loop_garzul loop_industrial loop_compus loop_tabla ambi_choir; do
  ffmpeg -nostdin -v error -y -stream_loop -1 -i "$samples/$loop.flac" -t 60 -c:a pcm_s24le "$out/loops/$loop.wav"
done

echo "$version" >"$stamp"
echo "$out"
