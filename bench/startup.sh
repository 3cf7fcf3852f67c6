#!/usr/bin/env bash
# Cold start and idle memory of the published app on an empty SQLite database with the demo seed.
# For each build and run: a fresh database file, start the app, time until /healthz answers 200
# (migrations and the demo seed happen before the server listens), load the login page once, idle 5 s, read RSS.
# Two builds are measured in the same run: the ReadyToRun publish that docs/deploy uses, and a plain publish.
# Usage: bash bench/startup.sh [runs=7] [port=5099]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
port=${2:-5099}
out=.tmp/bench
rm -rf "$out" && mkdir -p "$out"
dotnet publish src/Volunteer96345 -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/r2r" >/dev/null
dotnet publish src/Volunteer96345 -c Release -o "$out/plain" >/dev/null

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

measure() {
  local variant=$1
  local starts=() rss=()
  for i in $(seq 1 "$runs"); do
    db="$out/$variant-$i.db"
    t0=$(date +%s%N)
    dotnet "$out/$variant/Volunteer96345.dll" --urls "http://127.0.0.1:$port" --Demo:Seed=true \
      "--ConnectionStrings:Default=Data Source=$db" --Logging:LogLevel:Default=Warning >"$out/$variant-$i.log" 2>&1 &
    pid=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do
      if ! kill -0 "$pid" 2>/dev/null; then cat "$out/$variant-$i.log"; exit 1; fi
      sleep 0.02
    done
    t1=$(date +%s%N)
    curl -sf -o /dev/null "http://127.0.0.1:$port/account/login"
    sleep 5
    kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    ms=$(( (t1 - t0) / 1000000 ))
    starts+=("$ms"); rss+=("$kb")
    echo "$variant run $i: cold start ${ms} ms, idle RSS $((kb / 1024)) MB"
  done
  echo "$variant: median cold start $(median "${starts[@]}") ms, median idle RSS $(( $(median "${rss[@]}") / 1024 )) MB over $runs runs"
}

measure r2r | tee "$out/r2r.txt"
measure plain | tee "$out/plain.txt"
echo
tail -1 "$out/r2r.txt"
tail -1 "$out/plain.txt"
