#!/usr/bin/env bash
# Cold start and idle memory of the published app on an empty SQLite database with the demo seed (without the lived-in
# year, which plays in the background after the app answers: bench/demo-year.sh measures that).
# For each build and run: a fresh database file, start the app, time until /healthz answers 200
# (migrations and the demo seed happen before the server listens), then until the resident's request page /m/help answers
# (the first page that reads through EF Core, so it waits for the model if that is still building), idle 10 s (the
# background jobs begin 5 s after the app serves and run their first round meanwhile), read RSS;
# then start it again on the same database (a restart) and measure the same. The environment is the systemd unit's.
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

# Start the app on database $1 with the settings docs/deploy.md's systemd unit gives (workstation GC, no dynamic PGO);
# prints "<ms to /healthz 200> <idle RSS kB after the first page and 10 s> <ms to the first page>".
start_once() {
  local variant=$1 db=$2 log=$3
  local t0 t1 pid kb
  t0=$(date +%s%N)
  DOTNET_gcServer=0 DOTNET_TieredPGO=0 dotnet "$out/$variant/Volunteer96345.dll" --urls "http://127.0.0.1:$port" --Demo:Seed=true --Demo:Year=false \
    "--ConnectionStrings:Default=Data Source=$db" "--Privacy:KeyFile=$db.key" --Logging:LogLevel:Default=Warning >"$log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do
    if ! kill -0 "$pid" 2>/dev/null; then cat "$log" >&2; exit 1; fi
    sleep 0.02
  done
  t1=$(date +%s%N)
  curl -sf -o /dev/null "http://127.0.0.1:$port/m/help"
  t2=$(date +%s%N)
  sleep 10
  kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(( (t1 - t0) / 1000000 )) $kb $(( (t2 - t0) / 1000000 ))"
}

measure() {
  local variant=$1
  local starts=() rss=() restarts=() restart_rss=() pages=()
  for i in $(seq 1 "$runs"); do
    db="$out/$variant-$i.db"
    read -r ms kb _ < <(start_once "$variant" "$db" "$out/$variant-$i.log")
    # A restart: the same database, already migrated and seeded.
    read -r rms rkb rpage < <(start_once "$variant" "$db" "$out/$variant-$i-restart.log")
    starts+=("$ms"); rss+=("$kb"); restarts+=("$rms"); restart_rss+=("$rkb"); pages+=("$rpage")
    echo "$variant run $i: first start ${ms} ms, idle RSS $((kb / 1024)) MB; restart ${rms} ms (first page ${rpage} ms), idle RSS $((rkb / 1024)) MB"
  done
  echo "$variant: median first start (migrate + seed) $(median "${starts[@]}") ms, idle RSS $(( $(median "${rss[@]}") / 1024 )) MB; median restart $(median "${restarts[@]}") ms (first page $(median "${pages[@]}") ms), idle RSS $(( $(median "${restart_rss[@]}") / 1024 )) MB over $runs runs"
}

measure r2r | tee "$out/r2r.txt"
measure plain | tee "$out/plain.txt"
echo
tail -1 "$out/r2r.txt"
tail -1 "$out/plain.txt"
