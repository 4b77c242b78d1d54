#!/usr/bin/env bash
# Times sox's resampler on the same input as voxgate's, for docs/BENCHMARKS.md.
#
#   bench/scripts/sox-resample.sh [FROM_HZ] [TO_HZ] [SECONDS]
#
# Makes SECONDS of 8 kHz-band speech-like noise at FROM_HZ, converts it to TO_HZ with sox (default quality `rate`,
# i.e. -h, and `rate -v`) and with `./voxgate resample`, and prints ns per output sample. Start-up costs are removed by
# subtracting a run on a 1-second file; each figure is the best of 5 runs. Needs sox (apt-get install sox).
set -euo pipefail
from=${1:-8000}; to=${2:-16000}; seconds=${3:-600}
root="$(cd "$(dirname "$0")/../.." && pwd)"
command -v sox >/dev/null || { echo "sox-resample: sox is not installed (apt-get install sox)" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

sox -n -r "$from" -b 16 -c 1 -e signed "$work/long.raw" synth "$seconds" pinknoise vol 0.3
sox -n -r "$from" -b 16 -c 1 -e signed "$work/short.raw" synth 1 pinknoise vol 0.3

best_ns() { # best wall time of 5 runs of "$@", in ns
  local best=0 t0 t1 i
  for i in 1 2 3 4 5; do
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    if [ "$best" -eq 0 ] || [ $((t1 - t0)) -lt "$best" ]; then best=$((t1 - t0)); fi
  done
  echo "$best"
}
per_sample() { # label, command with IN/OUT placeholders
  local label="$1"; shift
  local long short
  long=$(best_ns "${@//IN/$work/long.raw}")
  short=$(best_ns "${@//IN/$work/short.raw}")
  local outputs=$(( (seconds - 1) * to ))
  awk -v l="$long" -v s="$short" -v n="$outputs" -v label="$label" \
    'BEGIN { printf "%-28s %7.2f ns/output sample  (%.0f ms for %d s)\n", label, (l - s) / n, (l - s) / 1e6, n / '"$to"' }'
}

echo "resampling ${from} Hz -> ${to} Hz, ${seconds} s of pink noise, $(nproc) cores, $(sox --version | head -n 1)"
per_sample "sox rate (default, -h)" sox -t raw -r "$from" -b 16 -c 1 -e signed IN -t raw "$work/out.raw" rate "$to"
per_sample "sox rate -v" sox -t raw -r "$from" -b 16 -c 1 -e signed IN -t raw "$work/out.raw" rate -v "$to"
"$root/voxgate" --version >/dev/null   # build once, then time the built code only
export VOXGATE_SKIP_BUILD=1
per_sample "voxgate resample (CLI)" "$root/voxgate" resample --from "$from" --to "$to" IN "$work/out.raw"
