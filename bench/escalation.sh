#!/usr/bin/env bash
# Escalation timing on the real clock (issue 4 bar: a timer fires at most 1 s after its deadline at p99, never early,
# exactly once). The published app starts on a fresh SQLite file with the demo seed and its real SLA sweeper;
# 水电维修 (LA-001) gets a 1-minute accept deadline. A light intake load (N clients for S seconds) spreads the orders'
# deadlines over S seconds while the app keeps taking orders; after the last deadline has passed, every acknowledged
# order's accept deadline must have fired once and not early, and the bench prints how late each fired: p50, p99, max.
# Usage: bash bench/escalation.sh [concurrency=2] [seconds=60] [port=5096]
set -euo pipefail
cd "$(dirname "$0")/.."
concurrency=${1:-2}
seconds=${2:-60}
port=${3:-5096}
out=.tmp/bench-escalation
rm -rf "$out" && mkdir -p "$out"
app=${APP:-$out/app}
if [ -z "${APP:-}" ]; then
  dotnet publish src/Volunteer96345 -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$app" >/dev/null
fi
dotnet build bench/Volunteer96345.Bench -c Release -v q >/dev/null
bench=bench/Volunteer96345.Bench/bin/Release/net10.0/Volunteer96345.Bench.dll
db="$out/escalation.db"
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; true' EXIT

start() {
  # shellcheck disable=SC2086
  dotnet "$app/Volunteer96345.dll" --urls "http://127.0.0.1:$port" --Demo:Seed=true \
    "--ConnectionStrings:Default=Data Source=$db" --Logging:LogLevel:Default=Warning ${APP_ARGS:-} >>"$out/app.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do
    if ! kill -0 "$pid" 2>/dev/null; then cat "$out/app.log"; exit 1; fi
    sleep 0.1
  done
}

start
kill "$pid"; wait "$pid" 2>/dev/null || true
dotnet "$bench" sql --db "$db" --sql "UPDATE service_items SET AcceptMinutes = 1 WHERE Code = 'LA-001'"
start
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
dotnet "$bench" load --url "http://127.0.0.1:$port" --concurrency "$concurrency" --seconds "$seconds" --ids "$out/acked.txt"
echo "waiting 65 s for the last 1-minute accept deadlines to pass…"
sleep 65
dotnet "$bench" lateness --db "$db" --ids "$out/acked.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
kill "$pid"; wait "$pid" 2>/dev/null || true
pid=
