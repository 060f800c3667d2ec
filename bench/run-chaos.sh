#!/usr/bin/env bash
# Fault injection: kill -9 of the service mid-rollout, restart, check invariants against the simulator's truth.
#   bench/chaos          short mode (300 devices, 3 kills; run by .ci/run)
#   bench/chaos full     2,000 devices, 20 kills
# Extra JVM options pass through CHAOS_OPTS, e.g. CHAOS_OPTS="-Dchaos.runs=3 -Dchaos.seed=7".
# Needs the local PostgreSQL on 127.0.0.1:5432 (user postgres, trust); uses and drops database fleetota_bench_chaos.
set -euo pipefail
cd "$(dirname "$0")/.."
bench/compile.sh
exec timeout "${CHAOS_TIMEOUT:-3600}" java -Xmx512m -cp target/bench-classes -Dchaos.mode="${1:-short}" \
  -Dbench.jar="$(ls target/fleet-ota-*.jar | head -1)" ${CHAOS_OPTS:-} Chaos
