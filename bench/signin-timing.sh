#!/usr/bin/env bash
# Does the time of a failed sign-in say whether the user name exists? (issue 12: "the same answer, in the same time").
# The published app on a fresh demo database, with the guess throttle's allowances raised so that the run measures the
# sign-in itself, not the waits. Alternates three kinds of failed sign-in, N of each, over HTTP on loopback:
#   unknown   a user name no account has (a fresh one each time)
#   wrong     an existing account with a wrong password
#   inactive  an account that waits for activation (no password yet)
# and prints each kind's median and p90 in ms, and the ratios of the medians to "wrong".
# Usage: bash bench/signin-timing.sh [n=60] [port=5097]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-60}
port=${2:-5097}
out=.tmp/bench-signin
rm -rf "$out" && mkdir -p "$out"
source bench/app.sh
publish_app "$out"
many=100000
start_app "$port" "$out/app.log" --Demo:Seed=true "--ConnectionStrings:Default=Data Source=$out/signin.db" \
  --Logging:LogLevel:Default=Warning --Privacy:KeyFile="$out/field.key" \
  --Security:Guess:SignIn:FreeFailures=$many --Security:Guess:SignIn:TargetFreeFailures=$many \
  --Security:Guess:SignInLockout:FreeFailures=$many --Security:Guess:SignInLockout:TargetFreeFailures=$many
inactive=$(python3 -c "
import sqlite3; c = sqlite3.connect('$out/signin.db')
print(c.execute('SELECT UserName FROM AspNetUsers WHERE PasswordHash IS NULL LIMIT 1').fetchone()[0])")
known=(admin dispatcher inspector manager.substation manager.chengjiao manager.taoyuan volunteer merchant)
attempt() { # name → seconds
  curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' -H "Origin: http://127.0.0.1:$port" \
    -d "{\"userName\":\"$1\",\"password\":\"Wrong-Password-1\"}" "http://127.0.0.1:$port/api/v1/session"
}
for i in $(seq 1 5); do attempt warmup-$i >/dev/null; attempt admin >/dev/null; done
: >"$out/unknown"; : >"$out/wrong"; : >"$out/inactive"
for i in $(seq 1 "$n"); do
  attempt "nobody-$i-$RANDOM" >>"$out/unknown"
  attempt "${known[$((i % ${#known[@]}))]}" >>"$out/wrong"
  attempt "$inactive" >>"$out/inactive"
done
python3 - "$out" <<'PY'
import statistics, sys
out = sys.argv[1]
ms = {k: sorted(float(x) * 1000 for x in open(f"{out}/{k}") if x.strip()) for k in ("unknown", "wrong", "inactive")}
med = {k: statistics.median(v) for k, v in ms.items()}
for k, v in ms.items():
    print(f"{k:9} n={len(v)} median {med[k]:7.1f} ms  p90 {v[int(len(v) * 0.9) - 1]:7.1f} ms  median/wrong {med[k] / med['wrong']:.2f}")
PY
