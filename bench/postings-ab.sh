#!/usr/bin/env bash
# A/B of the ledger's single-posting rate (issue 5 bar: ≥ 5,000 durable postings/s on SQLite): the postings bench of
# another checkout (A, e.g. `git worktree add ../before <commit>`) and of this one (B), alternating, in one invocation.
# Each line: round, build, load average, then the bench's "sequential" line (rate and CPU per posting).
# Usage: bash bench/postings-ab.sh <folder of the A checkout> [postings=50000] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/.."
before=$(cd "$1" && pwd); postings=${2:-50000}; rounds=${3:-3}
for dir in "$before" "$PWD"; do
  (cd "$dir" && dotnet build bench/Volunteer96345.Bench -c Release -v q >/dev/null)
done
for round in $(seq "$rounds"); do
  for build in A B; do
    dir=$PWD; [ "$build" = A ] && dir=$before
    line=$(cd "$dir/bench/Volunteer96345.Bench/bin/Release/net10.0" && dotnet Volunteer96345.Bench.dll postings "$postings" 50 2>/dev/null | grep '^sequential')
    echo "$round $build $(cut -d' ' -f1-3 /proc/loadavg) | $line"
  done
done
