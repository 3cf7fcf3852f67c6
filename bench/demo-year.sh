#!/usr/bin/env bash
# The demo's lived-in year (Demo:Year, ADR 0029): the README's run command on a fresh SQLite database, built in Release.
# Prints the time until /healthz answers (the app serves while the year plays), how long until the year is done (the
# "演示数据生成中" note leaves /m), the runner's own line (acts, refused, time) and the idle RSS afterwards.
# Usage: bash bench/demo-year.sh [port=5098]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-5098}
dir=$PWD/.tmp/demo-year
rm -rf "$dir" && mkdir -p "$dir"
dotnet build src/Volunteer96345 -c Release >/dev/null
t0=$(date +%s%N)
# From the project folder, as `dotnet run` starts it (appsettings.json is read from there).
cd src/Volunteer96345
dotnet bin/Release/net10.0/Volunteer96345.dll --urls "http://127.0.0.1:$port" --Demo:Seed=true \
  "--ConnectionStrings:Default=Data Source=$dir/app.db" "--Privacy:KeyFile=$dir/key" "--Audit:AnchorDirectory=$dir/anchors" >"$dir/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.1; done
t1=$(date +%s%N)
echo "first answer (/healthz 200): $(( (t1 - t0) / 1000000 )) ms"
while curl -sf -o "$dir/m.html" "http://127.0.0.1:$port/m" && grep -q 'data-testid="hold-note"' "$dir/m.html"; do sleep 1; done
t2=$(date +%s%N)
echo "year done (note gone from /m): $(( (t2 - t0) / 1000000 )) ms after start"
grep -o 'Demo year played in.*' "$dir/log" || true
sleep 10
echo "RSS 10 s after: $(ps -o rss= -p $pid) kB"
sqlite3 "$dir/app.db" "select 'orders', count(*) from work_orders; select 'activities', count(*) from activities; select 'postings', count(*) from points_postings; select 'claims', count(*) from points_claims; select 'counter redemptions', count(*) from counter_redemptions; select 'mall orders', count(*) from mall_orders; select 'errands', count(*) from proxy_errands; select 'outpost log', count(*) from convenience_entries; select 'audit rows', count(*) from audit_entries;" 2>/dev/null || true
