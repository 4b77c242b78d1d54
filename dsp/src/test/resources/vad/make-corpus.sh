#!/bin/sh
# Regenerates the clean speech clips of the VAD evaluation corpus (committed, so tests need neither tool).
# Needs the Debian packages espeak-ng and sox:  apt-get install -y espeak-ng sox
# Each clip: one sentence, one espeak-ng voice variant, 16 kHz mono PCM16 WAV, leading and trailing
# silence trimmed (sox silence, threshold 0.1 %), peak-normalised to -3 dBFS. The test places the clips
# between known silences, derives frame labels from the clean clips and adds the noise itself.
set -eu
cd "$(dirname "$0")"
i=0
say()
{
    i=$((i + 1))
    name=$(printf 'clip%02d.wav' "$i")
    espeak-ng -v "$1" -s "$2" -w /tmp/vad-corpus-raw.wav "$3"
    sox /tmp/vad-corpus-raw.wav -r 16000 -c 1 -b 16 -e signed-integer "$name" \
        silence 1 0.01 0.1% reverse silence 1 0.01 0.1% reverse norm -3
}
say en-us       185 "Please hold while I connect your call."
say en-us+f3    190 "My order number is four seven two."
say en-gb       180 "The weather in Leeds is cold today."
say en-gb+f4    185 "Could you repeat that, please?"
say en-us+f2    180 "Yes, that works for me."
say en-gb+m5    190 "Thank you for calling, goodbye."
say en-us+f4    185 "Send the invoice to my office."
say en-gb-scotland 180 "Which platform does it leave from?"
say en-us+f5    190 "Sorry, the line is very noisy."
rm -f /tmp/vad-corpus-raw.wav
