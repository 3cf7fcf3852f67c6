#!/usr/bin/env bash
# Durable intake over HTTP (issue 4 bars: ≥ 1,000 orders/s on 2 cores; p99 ≤ 50 ms at a constant 200 orders/s;
# the same rows with raw ADO.NET and the ratio). The published app (ReadyToRun, as docs/deploy) starts on a fresh
# SQLite file (WAL) with the demo seed; the load generator signs in as the dispatcher and posts hotline orders to
# POST /api/v1/work-orders: a warm-up, a closed loop of N clients for the throughput, an open loop at a fixed rate for
# the latency, then checks that every 2xx order is stored with its offers, timers, outbox and audit rows, and inserts
# the same rows with raw ADO.NET into a copy of the database.
# Usage: bash bench/intake.sh [concurrency=32] [seconds=10] [rate=200] [rate-seconds=20] [port=5098] [warmup-seconds=10]
# Environment: APP=<folder of an already published app> skips the publish (to compare builds);
#              APP_ARGS="--Database:SqliteSynchronous=FULL" passes settings to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
concurrency=${1:-32}
seconds=${2:-10}
rate=${3:-200}
rate_seconds=${4:-20}
port=${5:-5098}
warmup=${6:-10}
out=.tmp/bench-intake
rm -rf "$out" && mkdir -p "$out"
source bench/app.sh
publish_app "$out"
dotnet build bench/Volunteer96345.Bench -c Release -v q >/dev/null
bench=bench/Volunteer96345.Bench/bin/Release/net10.0/Volunteer96345.Bench.dll

db="$out/intake.db"
# shellcheck disable=SC2086
start_app "$port" "$out/app.log" --Demo:Seed=true "--ConnectionStrings:Default=Data Source=$db" --Logging:LogLevel:Default=Warning ${APP_ARGS:-}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
dotnet "$bench" intake --url "http://127.0.0.1:$port" --db "$db" --concurrency "$concurrency" --warmup "$warmup" --seconds "$seconds" \
  --rate "$rate" --rate-seconds "$rate_seconds" --pid "$pid" | tee "$out/result.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
kill "$pid"; wait "$pid" 2>/dev/null || true
