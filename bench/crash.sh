#!/usr/bin/env bash
# Crash test (issue 4 bar): SIGKILL the server during intake load, restart it, 5 times. Every order that got a 2xx must
# be in the database after each restart, with its SLA timers still unfired, and after the deadline they fire, once.
# The published app starts on a fresh SQLite file (WAL) with the demo seed; 水电维修 (LA-001) gets a 1-minute accept
# deadline so that the timers come due during the test. Each round: load with N clients (each 2xx order id is appended
# to a file the moment it arrives), SIGKILL the server 1–4 s after the first acknowledgement, restart it on the same file, check every
# acknowledged order of every round so far, and that this round's accept deadlines have not fired. At the end wait past
# the last deadline and check that every acknowledged order's accept deadline fired exactly once and never early.
# Usage: bash bench/crash.sh [rounds=5] [concurrency=16] [port=5097]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
concurrency=${2:-16}
port=${3:-5097}
out=.tmp/bench-crash
rm -rf "$out" && mkdir -p "$out"
dotnet publish src/Volunteer96345 -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/app" >/dev/null
dotnet build bench/Volunteer96345.Bench -c Release -v q >/dev/null
bench=bench/Volunteer96345.Bench/bin/Release/net10.0/Volunteer96345.Bench.dll
db="$out/crash.db"
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; true' EXIT

start() {
  dotnet "$out/app/Volunteer96345.dll" --urls "http://127.0.0.1:$port" --Demo:Seed=true \
    "--ConnectionStrings:Default=Data Source=$db" --Logging:LogLevel:Default=Warning >>"$out/app.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do
    if ! kill -0 "$pid" 2>/dev/null; then cat "$out/app.log"; exit 1; fi
    sleep 0.1
  done
}

# First start migrates and seeds; then the item's accept deadline is shortened while the server is down.
start
kill "$pid"; wait "$pid" 2>/dev/null || true
dotnet "$bench" sql --db "$db" --sql "UPDATE service_items SET AcceptMinutes = 1 WHERE Code = 'LA-001'"
start

: >"$out/all.txt"
for round in $(seq 1 "$rounds"); do
  dotnet "$bench" load --url "http://127.0.0.1:$port" --concurrency "$concurrency" --seconds 30 --ids "$out/acked-$round.txt" \
    >"$out/load-$round.log" 2>&1 &
  load=$!
  # Kill mid-load: once the first orders are acknowledged, after a further random 1–4 s.
  for _ in $(seq 1 600); do [ -s "$out/acked-$round.txt" ] && break; sleep 0.1; done
  sleep "$(( RANDOM % 4 + 1 ))"
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true
  wait "$load"
  touch "$out/acked-$round.txt"
  cat "$out/acked-$round.txt" >>"$out/all.txt"
  start
  echo "round $round: $(tail -1 "$out/load-$round.log"); server SIGKILLed and restarted"
  dotnet "$bench" verify --db "$db" --ids "$out/all.txt" | sed "s/^/round $round: /"
  dotnet "$bench" unfired --db "$db" --ids "$out/acked-$round.txt" | sed "s/^/round $round: /"
done

echo "waiting 70 s for the last round's 1-minute accept deadlines to pass…"
sleep 70
dotnet "$bench" fired --db "$db" --ids "$out/all.txt"
kill "$pid"; wait "$pid" 2>/dev/null || true
pid=
