#!/usr/bin/env bash
# Particle budget (docs/benchmarks.md): bench/run-budget.sh [devices] [requests] [window-seconds]
#   service and simulator both limit at `requests` per `window-seconds` (default 100 per 20 s; Particle's own is
#   10,000 per 300 s); prints the share of the limit used, the share answered 429, calls per updated device.
# Needs the local PostgreSQL on 127.0.0.1:5432; uses and drops database fleetota_bench_budget.
set -euo pipefail
cd "$(dirname "$0")/.."
bench/compile.sh
exec timeout 1200 java -Xmx512m -cp target/bench-classes -Dbudget.devices="${1:-3000}" -Dbudget.requests="${2:-100}" \
  -Dbudget.windowSeconds="${3:-20}" \
  -Dbench.jar="$(ls target/fleet-ota-*.jar | head -1)" ${BENCH_OPTS:-} Budget
