#!/usr/bin/python3
"""Cut a MIDI file to its first N seconds and split it into one file per MIDI channel.

Writes OUT/mix.mid (every channel) and OUT/chNN-<instrument>.mid (one channel each, with the tempo
map and other meta events kept), so that fluidsynth can render a multitrack session of stems.
Notes still sounding at the cut are released there.
"""
import argparse
import os
import re

import mido

GM_FAMILIES = ["piano", "chromatic", "organ", "guitar", "bass", "strings", "ensemble", "brass",
               "reed", "pipe", "synth-lead", "synth-pad", "synth-fx", "ethnic", "percussive", "sfx"]


def timeline(midi):
    """Every event as (absolute seconds, absolute tick, track index, message), in time order."""
    events = []
    for index, track in enumerate(midi.tracks):
        tick = 0
        for msg in track:
            tick += msg.time
            events.append((tick, index, msg))
    events.sort(key=lambda e: e[0])
    tempo, last_tick, seconds, out = 500000, 0, 0.0, []
    for tick, index, msg in events:
        seconds += mido.tick2second(tick - last_tick, midi.ticks_per_beat, tempo)
        last_tick = tick
        if msg.type == "set_tempo":
            tempo = msg.tempo
        out.append((seconds, tick, index, msg))
    return out


def cut_tick(events, limit):
    """The tick at which `limit` seconds fall."""
    last = 0
    for seconds, tick, _, _ in events:
        if seconds > limit:
            break
        last = tick
    return last


def write(path, midi, events, keep_channel, end_tick):
    out = mido.MidiFile(type=1, ticks_per_beat=midi.ticks_per_beat)
    track = mido.MidiTrack()
    out.tracks.append(track)
    last = 0
    for _, tick, _, msg in events:
        if tick > end_tick or msg.type == "end_of_track":
            continue
        if not msg.is_meta and hasattr(msg, "channel") and not keep_channel(msg.channel):
            continue
        if not msg.is_meta and not hasattr(msg, "channel"):
            continue
        track.append(msg.copy(time=tick - last))
        last = tick
    for channel in range(16):
        if keep_channel(channel):
            track.append(mido.Message("control_change", channel=channel, control=123, value=0, time=end_tick - last))
            last = end_tick
    track.append(mido.MetaMessage("end_of_track", time=max(0, end_tick - last)))
    out.save(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("midi")
    parser.add_argument("out")
    parser.add_argument("--seconds", type=float, default=120.0)
    args = parser.parse_args()
    midi = mido.MidiFile(args.midi)
    events = timeline(midi)
    end_tick = cut_tick(events, args.seconds)
    os.makedirs(args.out, exist_ok=True)
    write(os.path.join(args.out, "mix.mid"), midi, events, lambda c: True, end_tick)
    programs, used = {}, set()
    for _, tick, _, msg in events:
        if tick > end_tick:
            break
        if msg.type == "program_change":
            programs.setdefault(msg.channel, msg.program)
        if msg.type == "note_on" and msg.velocity > 0:
            used.add(msg.channel)
    for channel in sorted(used):
        name = "drums" if channel == 9 else GM_FAMILIES[programs.get(channel, 0) // 8]
        name = re.sub(r"[^a-z0-9-]", "", name)
        write(os.path.join(args.out, f"ch{channel:02d}-{name}.mid"), midi, events, lambda c, ch=channel: c == ch, end_tick)


if __name__ == "__main__":
    main()
