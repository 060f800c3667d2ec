#!/usr/bin/env bash
# Demo-scale wall clock (docs/benchmarks.md): bench/run-demo.sh [devices] [time-scale]
#   default 10,000 devices, realistic simulator timings and policy durations divided by 30; prints the wall clock
#   and the share of it during which the service itself was the bottleneck.
# Needs the local PostgreSQL on 127.0.0.1:5432; uses and drops database fleetota_bench_demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bench/compile.sh
exec timeout 7200 java -Xmx512m -cp target/bench-classes -Ddemo.devices="${1:-10000}" -Ddemo.timeScale="${2:-30}" \
  -Dbench.jar="$(ls target/fleet-ota-*.jar | head -1)" ${BENCH_OPTS:-} Demo
