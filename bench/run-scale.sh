#!/usr/bin/env bash
# Scale figures (docs/benchmarks.md): bench/run-scale.sh [devices] [halts]
#   bench/run-scale.sh 1000 4 && bench/run-scale.sh 100000 20   (SCALE_OPTS: -Dscale.window=60 -Dscale.silence=PT10S -Dbench.poolSize=20)
# Needs the local PostgreSQL on 127.0.0.1:5432 and wrk; uses and drops database fleetota_bench_scale.
set -euo pipefail
cd "$(dirname "$0")/.."
bench/compile.sh
exec timeout 3600 java -Xmx1g -cp target/bench-classes -Dscale.devices="${1:-1000}" -Dscale.halts="${2:-20}" \
  -Dbench.jar="$(ls target/fleet-ota-*.jar | head -1)" ${SCALE_OPTS:-} ${BENCH_OPTS:-} Scale
