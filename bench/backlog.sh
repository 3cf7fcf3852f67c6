#!/usr/bin/env bash
# A restart after an outage (issue 20 bar: a backlog of 50,000 due timers fires, each exactly once and oldest first,
# within 2 minutes of the restart). The published app starts on a fresh SQLite file with the demo seed; 水电维修 (LA-001)
# gets a 1-minute accept deadline. With the sweeper off (Sla:Enabled=false), N clients push orders for S seconds; the
# app stops, and stays down for the outage (default 10 minutes from the first order), so that every order's accept
# deadline and its 3-minute phase timer fall due. Then it starts as usual, and the bench waits until every timer due at
# the restart has fired and checks them: none early, each order's accept deadline escalated exactly once, oldest first.
# Usage: bash bench/backlog.sh [concurrency=2] [seconds=60] [outage seconds=600] [port=5095]
set -euo pipefail
cd "$(dirname "$0")/.."
concurrency=${1:-2}
seconds=${2:-60}
outage=${3:-600}
port=${4:-5095}
out=.tmp/bench-backlog
rm -rf "$out" && mkdir -p "$out"
# shellcheck source=bench/app.sh
source bench/app.sh
publish_app "$out"
dotnet build bench/Volunteer96345.Bench -c Release -v q >/dev/null
bench=bench/Volunteer96345.Bench/bin/Release/net10.0/Volunteer96345.Bench.dll
db="$out/backlog.db"
settings=("--Demo:Seed=true" "--ConnectionStrings:Default=Data Source=$db" "--Logging:LogLevel:Default=Warning")

start_app "$port" "$out/app.log" "${settings[@]}"
kill "$pid"; wait "$pid" 2>/dev/null || true
dotnet "$bench" sql --db "$db" --sql "UPDATE service_items SET AcceptMinutes = 1 WHERE Code = 'LA-001'"
start_app "$port" "$out/app.log" "${settings[@]}" --Sla:Enabled=false
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
began=$(date +%s)
dotnet "$bench" load --url "http://127.0.0.1:$port" --concurrency "$concurrency" --seconds "$seconds" --ids "$out/acked.txt"
kill "$pid"; wait "$pid" 2>/dev/null || true
left=$(( outage - ($(date +%s) - began) ))
echo "the app is down; waiting ${left} s for the outage to end…"
[ "$left" -gt 0 ] && sleep "$left"
restart=$(date -u +%FT%T.%N)
dotnet "$bench" due --db "$db" --at "$restart"
start_app "$port" "$out/app.log" "${settings[@]}"
echo "restarted at $restart; waiting for the backlog to drain…"
# Checked every 5 s (the drain time comes from the timers' own FiredAt, not from this loop).
for _ in $(seq 1 60); do
  sleep 5
  if dotnet "$bench" drained --db "$db" --at "$restart" --since "$restart" >/dev/null 2>&1; then break; fi
done
dotnet "$bench" drained --db "$db" --at "$restart" --since "$restart"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
